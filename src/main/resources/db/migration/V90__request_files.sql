-- Files of requests: the scans a desa attaches to a declared document, and the OPD's result document. The bytes are
-- kept by a BlobStore (the data folder or an S3-compatible store) under their SHA-256; a row here is written only
-- after its content is durable there, so no row ever names a missing content, and a content no row names is swept.
create sequence request_file_seq increment by 50;
create table request_file (
    id                bigint       primary key,
    request_id        bigint       not null references service_request (id),
    kind              varchar(10)  not null check (kind in ('ATTACHMENT', 'RESULT')),
    -- the declared document an attachment is for; null for a result document
    document_code     varchar(40),
    sha256            char(64)     not null check (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes        bigint       not null check (size_bytes > 0),
    media_type        varchar(40)  not null check (media_type in ('application/pdf', 'image/jpeg', 'image/png')),
    -- as the uploader named it, for display only (never a path)
    file_name         varchar(200) not null,
    uploaded_at       timestamptz  not null,
    uploaded_by       varchar(40)  not null,
    uploaded_by_name  varchar(200),
    -- a result document once its request was completed with it: what public verification shows
    verification_code varchar(12)  unique,
    completed_at      timestamptz,
    check ((kind = 'ATTACHMENT') = (document_code is not null)),
    check ((verification_code is null) = (completed_at is null))
);
-- a request's files in upload order (the list, the count against the limit per request)
create index request_file_request_idx on request_file (request_id, id);
-- the sweeper: does any row still name this content?
create index request_file_sha256_idx on request_file (sha256);

-- Resumable uploads (tus 1.0): what is being uploaded for which request, and the bytes received so far, in chunks
-- committed as they arrive, so that an upload survives a dropped connection, a restart and a change of instance.
create table file_upload (
    id             uuid         primary key,
    principal      varchar(40)  not null,
    request_id     bigint       not null references service_request (id),
    kind           varchar(10)  not null check (kind in ('ATTACHMENT', 'RESULT')),
    document_code  varchar(40),
    file_name      varchar(200) not null,
    length         bigint       not null check (length > 0),
    received       bigint       not null default 0,
    created_at     timestamptz  not null,
    expires_at     timestamptz  not null,
    -- the file it became once its last byte arrived
    file_id        bigint       references request_file (id),
    check (received between 0 and length)
);
-- expired uploads are dropped by the sweeper
create index file_upload_expires_idx on file_upload (expires_at);

create table file_upload_chunk (
    upload_id    uuid    not null references file_upload (id) on delete cascade,
    start_offset bigint  not null,
    data         bytea   not null,
    primary key (upload_id, start_offset)
);
-- scans and PDFs do not compress: keep chunks out of line without trying
alter table file_upload_chunk alter column data set storage external;
