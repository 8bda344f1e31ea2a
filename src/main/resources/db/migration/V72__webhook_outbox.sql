-- Nobody has to poll: every change of a request leaves the service as a signed webhook to the subscriptions that
-- want it.

-- An endpoint that receives request events: the kabupaten's (opd_id null, made by an admin) or one OPD's (made by
-- its system). Empty filters mean everything. The signing secret is kept encrypted under the installation's
-- secret; the previous one keeps signing until previous_secret_until after a rotation.
create sequence webhook_subscription_seq increment by 50;
create table webhook_subscription (
    id                     bigint        primary key,
    kabupaten_code         varchar(5)    not null references region (code),
    opd_id                 bigint        references opd (id),
    url                    varchar(2000) not null,
    description            varchar(200),
    event_types            text[]        not null default '{}',
    service_type_ids       bigint[]      not null default '{}',
    personal_data          boolean       not null default false,
    active                 boolean       not null default true,
    secret                 bytea         not null,
    secret_prefix          varchar(20)   not null,
    previous_secret        bytea,
    previous_secret_until  timestamptz,
    failing_since          timestamptz,
    failing_reason         varchar(500),
    created_by             varchar(40)   not null,
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    version                integer       not null default 0
);
-- WebhookOutbox, in the transaction of every change: the subscriptions of the change's kabupaten; and the
-- subscription lists: a kabupaten's, or one OPD's, by id
create index webhook_subscription_kabupaten_idx on webhook_subscription (kabupaten_code, opd_id, id);

-- The outbox: one row per change and subscription that wants it, written in the transaction of the change, then
-- sent by whichever instance claims it. The identity is also the order of a request's deliveries to one
-- subscription: every change of a request holds the request's row lock when it is recorded, so a later change's
-- rows are numbered after the earlier change committed. body is the JSON as sent, made at the first attempt and
-- kept so that every retry sends the same message.
create table webhook_delivery (
    id                bigint        generated always as identity primary key,
    subscription_id   bigint        not null references webhook_subscription (id) on delete cascade,
    event_id          bigint        not null references request_event (id),
    request_id        bigint        not null,
    event_type        varchar(20)   not null,
    state             varchar(10)   not null default 'PENDING' check (state in ('PENDING', 'DELIVERED', 'GIVEN_UP')),
    attempts          integer       not null default 0,
    created_at        timestamptz   not null,
    next_attempt_at   timestamptz   not null,
    lease_until       timestamptz,
    first_attempt_at  timestamptz,
    last_attempt_at   timestamptz,
    last_status       integer,
    last_latency_ms   integer,
    last_error        varchar(500),
    delivered_at      timestamptz,
    redelivery_of     bigint,
    body              text
);
-- WebhookStore.claim: per active subscription, its due deliveries by next attempt
create index webhook_delivery_due_idx on webhook_delivery (subscription_id, next_attempt_at, id) where state = 'PENDING';
-- WebhookStore.claim: only the first pending delivery of a request goes out (order per request)
create index webhook_delivery_order_idx on webhook_delivery (subscription_id, request_id, id) where state = 'PENDING';
-- the delivery log of a subscription, newest first
create index webhook_delivery_log_idx on webhook_delivery (subscription_id, id desc);
-- WebhookStore.purge: finished deliveries past their retention
create index webhook_delivery_finished_idx on webhook_delivery (created_at) where state <> 'PENDING';
