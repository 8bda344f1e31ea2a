-- GET /me shows the names of the caller's account, kabupaten, desa and OPD, which every instance keeps in memory
-- (account/MeService). Any statement that can change or remove one of those names tells every instance to drop
-- what it kept, when its transaction commits.
create function layanan_names_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('layanan_names', '');
    return null;
end $$;

create trigger account_names_changed after update of display_name or delete on account
    for each statement execute function layanan_names_changed();
create trigger opd_names_changed after update of name or delete on opd
    for each statement execute function layanan_names_changed();
create trigger region_names_changed after update of name or delete on region
    for each statement execute function layanan_names_changed();
