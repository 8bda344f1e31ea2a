-- The citizens' satisfaction survey (IKM, PermenPANRB 14/2017): one answer per finished request, nine elements
-- rated 1 to 4. The OPD, service and area are those of the request when it was answered, so that the index of a
-- period does not move when the request later would. The comment is the citizen's own words: it may hold personal
-- data and is never part of an index or an export.
create table survey_response (
    request_id       bigint       primary key references service_request (id),
    kabupaten_code   varchar(5)   not null,
    opd_id           bigint       not null references opd (id),
    service_type_id  bigint       not null,
    kecamatan_code   varchar(8)   not null,
    desa_code        varchar(13)  not null,
    answered_at      timestamptz  not null,
    -- ONLINE: by the citizen with the tracking code; PAPER: a desa officer recorded a paper form
    channel          varchar(10)  not null check (channel in ('ONLINE', 'PAPER')),
    recorded_by      bigint       references account (id),
    u1 smallint not null check (u1 between 1 and 4),
    u2 smallint not null check (u2 between 1 and 4),
    u3 smallint not null check (u3 between 1 and 4),
    u4 smallint not null check (u4 between 1 and 4),
    u5 smallint not null check (u5 between 1 and 4),
    u6 smallint not null check (u6 between 1 and 4),
    u7 smallint not null check (u7 between 1 and 4),
    u8 smallint not null check (u8 between 1 and 4),
    u9 smallint not null check (u9 between 1 and 4),
    comment          varchar(1000)
);
-- The index of a kabupaten over a period (IkmStore.index): answers by day, then grouped by OPD or service.
create index survey_response_period_idx on survey_response (kabupaten_code, answered_at);
