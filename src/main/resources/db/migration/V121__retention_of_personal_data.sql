-- How long a kabupaten keeps the personal data of finished requests (UU 27/2022: no longer than needed). Without a row,
-- the installation's default period (layanan.retention.default-period) holds, as a dry run only. purge = false is a dry
-- run: the daily job counts what it would purge and records that in the audit trail, and purges nothing.
create table retention_policy (
    kabupaten_code  varchar(5)   primary key references region (code),
    -- an ISO-8601 period after the request finished, e.g. P5Y
    period          varchar(20)  not null,
    purge           boolean      not null default false,
    version         integer      not null default 1,
    updated_at      timestamptz  not null
);

-- The daily job's run per kabupaten and day: the first instance to insert the row does the day's work, the others
-- pass (the purge itself is safe to run twice: it takes rows with SKIP LOCKED and skips purged ones).
create table retention_run (
    kabupaten_code  varchar(5)   not null references region (code),
    day             date         not null,
    started_at      timestamptz  not null,
    finished_at     timestamptz,
    -- requests that finished before this instant were due
    cutoff          timestamptz  not null,
    dry_run         boolean      not null,
    -- purged, or in a dry run, due
    requests        integer      not null default 0,
    primary key (kabupaten_code, day)
);

-- When the request's personal data (NIK, name, phone, address, free-text answers, notes) was replaced by a marker.
alter table service_request add column personal_data_purged_at timestamptz;

-- The job's candidates: a kabupaten's finished requests not purged yet, oldest finish first
-- (kabupaten_code = ? and finished_at < ? and personal_data_purged_at is null). Purged rows leave the index.
create index service_request_retention_idx on service_request (kabupaten_code, finished_at, id)
    where finished_at is not null and personal_data_purged_at is null;

-- A citizen's access request (kabupaten_code = ? and citizen_nik = ?) has no index of its own: it is rare (an admin
-- answering a citizen), a scan of the table takes well under a second at a million requests, and an index would cost
-- every filing and keep the NIKs in one more place.
