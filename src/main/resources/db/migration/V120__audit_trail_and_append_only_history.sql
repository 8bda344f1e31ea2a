-- The audit trail: who did what, when, from where, to which thing. Administrative changes are written in the
-- transaction of the change; reads of citizens' personal data a moment later, in batches (see audit.AuditReads).
-- An entry names things by id and never holds the personal data itself.
create sequence audit_entry_seq;
create table audit_entry (
    id                 bigint       primary key default nextval('audit_entry_seq'),
    at                 timestamptz  not null,
    -- the kabupaten whose data it concerns; null for the installation's own (a backup taken)
    kabupaten_code     varchar(5),
    -- SESSION, EXTERNAL or API_KEY (a caller of the API), SYSTEM (a job of the service), COMMAND (the command line)
    actor_kind         varchar(20)  not null,
    -- account:12, key:7, sub:<hash>, system:retention, command:backup
    actor              varchar(100) not null,
    actor_name         varchar(200),
    actor_role         varchar(20),
    -- the API operation (its operationId) or the job's action
    action             varchar(60)  not null,
    target_type        varchar(30),
    target_id          varchar(100),
    -- every request whose personal data the entry concerns (read, listed, exported, purged)
    request_ids        bigint[]     not null default '{}',
    client_address     varchar(64),
    -- the service's own id of the HTTP request (in every log line of it), and the client's X-Request-Id
    request_id         varchar(100),
    client_request_id  varchar(100),
    -- what else the action needs to be understood: field names changed, counts, filters; never personal data
    detail             jsonb        not null default '{}'
);
-- An admin's page of the trail, newest first: where kabupaten_code = ? and (at, id) < (?, ?) order by at desc, id desc
create index audit_entry_kabupaten_at_idx on audit_entry (kabupaten_code, at desc, id desc);
-- The installation's trail (an operator's), newest first
create index audit_entry_at_idx on audit_entry (at desc, id desc);
-- What one caller did: kabupaten_code = ? and actor = ?, newest first
create index audit_entry_actor_idx on audit_entry (kabupaten_code, actor, at desc, id desc);
-- Everything about one request (who read, listed, exported or purged it): request_ids @> array[?]
create index audit_entry_request_ids_idx on audit_entry using gin (request_ids);

-- Append-only tables: no row is ever changed or removed, by anyone who goes through the table's rules. The service's
-- database role is not even given UPDATE, DELETE or TRUNCATE on them (and, not owning them, cannot drop this trigger);
-- the trigger also stops the schema's owner.
create function refuse_change_of_append_only_rows() returns trigger
    language plpgsql as $$
begin
    raise exception '% is append-only: its rows are never changed or removed', tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function refuse_change_of_append_only_rows();
create trigger audit_entry_never_truncated before truncate on audit_entry
    for each statement execute function refuse_change_of_append_only_rows();
create trigger request_event_append_only before update or delete on request_event
    for each row execute function refuse_change_of_append_only_rows();
create trigger request_event_never_truncated before truncate on request_event
    for each statement execute function refuse_change_of_append_only_rows();

-- Whoever was given UPDATE, DELETE or TRUNCATE on them (the service's role, by default privileges) loses it.
do $$
declare
    r record;
begin
    for r in
        select distinct grantee from information_schema.role_table_grants
        where table_schema = 'public' and table_name in ('audit_entry', 'request_event')
          and privilege_type in ('UPDATE', 'DELETE', 'TRUNCATE') and grantee not in (current_user, 'PUBLIC')
    loop
        execute format('revoke update, delete, truncate on audit_entry, request_event from %I', r.grantee);
    end loop;
end
$$;
