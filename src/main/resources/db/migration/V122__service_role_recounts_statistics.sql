-- Counting every request again (stat_rebuild) empties the statistics rollups with TRUNCATE. The service's role reads
-- and writes rows but is not given TRUNCATE on every table (the append-only ones must never be emptied): whoever may
-- delete the rollups' rows may also empty them at once. The rollups are derived data, counted again from the requests.
do $$
declare
    r record;
begin
    for r in
        select distinct grantee from information_schema.role_table_grants
        where table_schema = current_schema() and table_name = 'stat_cohort' and privilege_type = 'DELETE'
          and grantee not in (current_user, 'PUBLIC')
    loop
        execute format('grant truncate on stat_cohort, stat_backlog to %I', r.grantee);
    end loop;
end
$$;
