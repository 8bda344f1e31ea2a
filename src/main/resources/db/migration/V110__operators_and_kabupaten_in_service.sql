-- A kabupaten is served once an operator has onboarded it: its row here. Tokens of a kabupaten without one are
-- refused (IdentityChecks), whoever signed them. A kabupaten that already has OPDs, accounts or a catalog was
-- in service before onboarding existed: it is onboarded now, so that nothing it does stops working.
create table tenant (
    kabupaten_code  varchar(5)   primary key references region (code),
    onboarded_at    timestamptz  not null,
    onboarded_by    bigint
);
insert into tenant (kabupaten_code, onboarded_at)
select k, now() from (select kabupaten_code as k from opd
                      union select kabupaten_code from account
                      union select kabupaten_code from service_type) used;

-- OPERATOR runs the installation across kabupaten and belongs to none; every other role belongs to one.
alter table account alter column kabupaten_code drop not null;
alter table account drop constraint account_role_check;
alter table account add constraint account_role_check
    check (role in ('OPERATOR', 'ADMIN', 'DESA_OFFICER', 'OPD_OFFICER', 'VIEWER'));
alter table account add constraint account_kabupaten_of_role check ((role = 'OPERATOR') = (kabupaten_code is null));
alter table account add constraint account_onboarded_kabupaten foreign key (kabupaten_code) references tenant (kabupaten_code);
-- A password someone else set (an admin, an operator, a one-time activation secret) must be replaced by its owner
-- before the account may do anything else.
alter table account add column password_change_required boolean not null default false;
-- The operators, to refuse a second first operator: select ... from account where role = 'OPERATOR'
create index account_operator_idx on account (id) where role = 'OPERATOR';
