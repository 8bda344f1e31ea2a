-- Failed logins no longer lock the whole account (anyone could keep someone else's account locked): each
-- username and client address pair waits instead, with delays that double (see LoginThrottle). failed_logins
-- stays, as what admins see of failures since the last success.
alter table account drop column locked_until;
