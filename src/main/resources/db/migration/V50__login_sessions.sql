-- One row per login. An access token of this service names its session (claim sid) and stands only while the
-- session does: logging out ends that session; a new password or disabling ends every session of the account.
-- Every instance checks it (with a short cache that LISTEN/NOTIFY on channel layanan_auth empties at once).
create table login_session (
    id          uuid         primary key,
    account_id  bigint       not null references account (id),
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    ended_at    timestamptz,
    end_reason  varchar(20)  check (end_reason in ('LOGOUT', 'PASSWORD_SET', 'DISABLED')),
    check ((ended_at is null) = (end_reason is null))
);
-- Ending every live session of an account: update login_session ... where account_id = ? and ended_at is null
create index login_session_account_live_idx on login_session (account_id) where ended_at is null;
-- Removing sessions long past their expiry: delete from login_session where expires_at < ?
create index login_session_expires_idx on login_session (expires_at);
