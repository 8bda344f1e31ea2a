-- Idempotency records keep neither the client's key nor its answer in the clear. The answers of changes carry
-- citizens' personal data and an API key's secret; they are now stored encrypted under a key derived from the
-- Idempotency-Key itself (which only the client holds) and the installation's secret, and the key is stored as
-- an HMAC. Records are kept 24 hours: the plaintext ones written before this migration are dropped.
delete from idempotency_record;
alter table idempotency_record rename column idem_key to key_hash;
alter table idempotency_record alter column key_hash type varchar(64);
alter table idempotency_record add column etag varchar(40);

-- Every OPD that ever held a request, with the request's filing time: an OPD lists the requests it handled
-- (RequestStore.list with a handledBy filter, newest first) and reads a request it handled before
-- (RequestAccess.canRead) through this index instead of scanning the history.
create table request_opd (
    opd_id      bigint       not null references opd (id),
    request_id  bigint       not null references service_request (id),
    filed_at    timestamptz  not null,
    primary key (opd_id, request_id)
);
create index request_opd_filed_idx on request_opd (opd_id, filed_at desc, request_id desc);
insert into request_opd (opd_id, request_id, filed_at)
select distinct o.opd_id, r.id, r.filed_at
  from service_request r
  join lateral (select r.opd_id
                union select e.from_opd_id from request_event e where e.request_id = r.id and e.from_opd_id is not null
                union select e.to_opd_id from request_event e where e.request_id = r.id and e.to_opd_id is not null) o on true;

-- Who accepted a request, by name, for the queue's "who holds what".
alter table service_request add column assigned_to_name varchar(200);

-- A counter per desa, bumped in the same transaction as every change of one of its requests: the desa's list
-- answers 304 to an unchanged If-None-Match after one primary-key lookup (as opd_queue_state does for queues).
create table desa_request_state (
    desa_code   varchar(13)  primary key references region (code),
    version     bigint       not null default 0,
    changed_at  timestamptz  not null
);

-- A desa's app syncs what changed since it last looked: RequestStore.list with updatedSince, oldest change first.
create index service_request_desa_updated_idx on service_request (desa_code, updated_at, id);
