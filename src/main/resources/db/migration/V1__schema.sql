-- The whole schema of the service. Later changes come as new migrations; this file never changes.

-- Regions (Kepmendagri codes). level: 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan.
create table region (
    code            varchar(13)  primary key,
    name            varchar(200) not null,
    level           smallint     not null check (level between 1 and 4),
    parent_code     varchar(13)  references region (code),
    -- lower-cased, accents stripped: what name searches compare against
    name_key        varchar(200) not null,
    kabupaten_code  varchar(5)   generated always as (case when level >= 2 then substr(code, 1, 5) end) stored
);
-- children of a region
create index region_parent_idx on region (parent_code, code);
-- search by name prefix within a kabupaten: kabupaten_code = ? and name_key like 'pre%'
create index region_search_idx on region (kabupaten_code, name_key text_pattern_ops);

-- Organisasi Perangkat Daerah of a kabupaten.
create sequence opd_seq increment by 50;
create table opd (
    id              bigint       primary key,
    kabupaten_code  varchar(5)   not null references region (code),
    code            varchar(40)  not null,
    name            varchar(200) not null,
    kind            varchar(20)  not null check (kind in ('DINAS', 'BADAN', 'BAGIAN', 'KECAMATAN', 'UPT')),
    region_code     varchar(13)  references region (code),
    email           varchar(200),
    phone           varchar(20),
    address         varchar(500),
    active          boolean      not null default true,
    triage          boolean      not null default false,
    version         integer      not null default 0,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    unique (kabupaten_code, code)
);
-- exactly one triage OPD per kabupaten
create unique index opd_one_triage_idx on opd (kabupaten_code) where triage;

-- The service catalog (standar pelayanan). documents and fields are JSON arrays of definitions.
create sequence service_type_seq increment by 50;
create table service_type (
    id              bigint       primary key,
    kabupaten_code  varchar(5)   not null references region (code),
    code            varchar(40)  not null,
    name            varchar(200) not null,
    description     text,
    default_opd_id  bigint       not null references opd (id),
    time_limit_days integer      not null check (time_limit_days between 1 and 365),
    fee             bigint       not null default 0 check (fee >= 0),
    product         varchar(200),
    open            boolean      not null default true,
    documents       jsonb        not null default '[]',
    fields          jsonb        not null default '[]',
    version         integer      not null default 1,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    unique (kabupaten_code, code)
);
-- Every version of a catalog entry, as filers saw it; requests point at the one they were filed under.
create table service_type_version (
    service_type_id bigint       not null references service_type (id),
    version         integer      not null,
    snapshot        jsonb        not null,
    created_at      timestamptz  not null,
    primary key (service_type_id, version)
);

-- Routing rules: service type (null: all) + area (kabupaten, kecamatan or desa) -> OPD.
create sequence routing_rule_seq increment by 50;
create table routing_rule (
    id              bigint       primary key,
    kabupaten_code  varchar(5)   not null references region (code),
    service_type_id bigint       references service_type (id),
    region_code     varchar(13)  not null references region (code),
    opd_id          bigint       not null references opd (id),
    note            varchar(500),
    created_at      timestamptz  not null
);
-- one rule per (service type or all, area): ties are impossible; also the routing lookup's index
create unique index routing_rule_unique_idx on routing_rule (kabupaten_code, coalesce(service_type_id, 0), region_code);
create index routing_rule_opd_idx on routing_rule (opd_id);

-- Holidays and joint leave days, per kabupaten, entered by its admins.
create table holiday (
    kabupaten_code  varchar(5)   not null references region (code),
    day             date         not null,
    name            varchar(200) not null,
    primary key (kabupaten_code, day)
);

-- People's accounts.
create sequence account_seq increment by 50;
create table account (
    id              bigint       primary key,
    kabupaten_code  varchar(5)   not null references region (code),
    username        varchar(60)  not null unique,
    display_name    varchar(200) not null,
    password_hash   varchar(200) not null,
    role            varchar(20)  not null check (role in ('ADMIN', 'DESA_OFFICER', 'OPD_OFFICER', 'VIEWER')),
    desa_code       varchar(13)  references region (code),
    opd_id          bigint       references opd (id),
    enabled         boolean      not null default true,
    failed_logins   integer      not null default 0,
    locked_until    timestamptz,
    version         integer      not null default 0,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    check ((role = 'DESA_OFFICER') = (desa_code is not null)),
    check ((role = 'OPD_OFFICER') = (opd_id is not null))
);
create index account_kabupaten_idx on account (kabupaten_code, id);

-- API keys of OPD systems: only a hash of the secret is kept.
create sequence api_key_seq increment by 50;
create table api_key (
    id              bigint       primary key,
    kabupaten_code  varchar(5)   not null references region (code),
    opd_id          bigint       not null references opd (id),
    name            varchar(100) not null,
    prefix          varchar(20)  not null,
    key_hash        varchar(64)  not null unique,
    created_by      bigint       references account (id),
    created_at      timestamptz  not null,
    last_used_at    timestamptz,
    revoked_at      timestamptz
);
create index api_key_kabupaten_idx on api_key (kabupaten_code, id);

-- Citizens' requests.
create sequence service_request_seq increment by 50;
create table service_request (
    id                   bigint       primary key,
    tracking_code        varchar(12)  not null unique,
    kabupaten_code       varchar(5)   not null references region (code),
    kecamatan_code       varchar(8)   not null references region (code),
    desa_code            varchar(13)  not null references region (code),
    service_type_id      bigint       not null,
    service_type_version integer      not null,
    opd_id               bigint       not null references opd (id),
    routing_rule_id      bigint,
    status               varchar(16)  not null check (status in ('SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO', 'COMPLETED', 'REJECTED', 'CANCELLED')),
    citizen_nik          varchar(16)  not null,
    citizen_name         varchar(200) not null,
    citizen_phone        varchar(20),
    citizen_address      varchar(500),
    answers              jsonb        not null,
    documents            jsonb        not null,
    note                 text,
    filed_by             bigint       not null references account (id),
    filed_at             timestamptz  not null,
    due_date             date         not null,
    finished_at          timestamptz,
    assigned_to          varchar(40),
    claim_id             uuid,
    claimed_by           varchar(100),
    lease_until          timestamptz,
    delivery_count       integer      not null default 0,
    needs_attention      boolean      not null default false,
    forward_count        integer      not null default 0,
    info_requested_by    bigint       references opd (id),
    result_note          text,
    document_number      varchar(100),
    version              integer      not null default 0,
    updated_at           timestamptz  not null,
    foreign key (service_type_id, service_type_version) references service_type_version (service_type_id, version)
);
-- the desa's list, newest first, keyset on (filed_at, id)
create index service_request_desa_idx on service_request (desa_code, filed_at desc, id desc);
-- the OPD's queue sorted by due date, keyset on (due_date, id)
create index service_request_opd_due_idx on service_request (opd_id, due_date, id);
-- the OPD's queue sorted by filing time
create index service_request_opd_filed_idx on service_request (opd_id, filed_at, id);
-- claims: the oldest-due SUBMITTED requests of one OPD
create index service_request_claimable_idx on service_request (opd_id, due_date, id) where status = 'SUBMITTED';

-- Append-only history of every request.
create sequence request_event_seq increment by 50;
create table request_event (
    id              bigint       primary key,
    request_id      bigint       not null references service_request (id),
    at              timestamptz  not null,
    type            varchar(20)  not null,
    actor_kind      varchar(20)  not null,
    actor_id        bigint,
    actor_name      varchar(200),
    from_status     varchar(16),
    to_status       varchar(16),
    from_opd_id     bigint,
    to_opd_id       bigint,
    note            text
);
create index request_event_request_idx on request_event (request_id, id);

-- Responses kept for Idempotency-Key replays, per principal.
create table idempotency_record (
    principal       varchar(40)  not null,
    idem_key        varchar(100) not null,
    request_hash    varchar(64)     not null,
    status          integer      not null,
    body            text         not null,
    location        varchar(300),
    created_at      timestamptz  not null,
    primary key (principal, idem_key)
);
-- purge of expired records
create index idempotency_record_created_idx on idempotency_record (created_at);

-- A counter per OPD, bumped in the same transaction as every change to that OPD's queue:
-- an unchanged-queue poll is one primary-key lookup of this row.
create table opd_queue_state (
    opd_id          bigint       primary key references opd (id),
    version         bigint       not null default 0,
    changed_at      timestamptz  not null
);
