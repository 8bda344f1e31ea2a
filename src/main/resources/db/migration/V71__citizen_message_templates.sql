-- A message for the citizen rides on every event that changes a request's status, ready for a messaging gateway
-- (WhatsApp, SMS) to send as it is. This is a kabupaten's own wording per status; without a row (or with text null)
-- the service's default is used. version counts changes (If-Match), also going back to the default.
create table citizen_message_template (
    kabupaten_code  varchar(5)   not null references region (code),
    status          varchar(16)  not null check (status in ('SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO', 'COMPLETED', 'REJECTED', 'CANCELLED')),
    text            varchar(500),
    version         integer      not null default 0,
    updated_by      varchar(40)  not null,
    updated_at      timestamptz  not null,
    primary key (kabupaten_code, status)
);
