-- A desa officer signed in through an external identity provider may have no account here: the filer is
-- then known by the FILED history entry (actor name) alone.
alter table service_request alter column filed_by drop not null;
