-- A relative routing rule names no OPD but a kind of OPD (optionally narrowed by the start of its code): the active
-- OPD of that kind whose area contains the desa. One rule "LEGALISASI goes to the KECAMATAN office of the desa"
-- replaces one rule per kecamatan. It takes the same place in the precedence as a rule naming an OPD of its area.
alter table routing_rule alter column opd_id drop not null;
alter table routing_rule add column opd_kind varchar(20) check (opd_kind in ('DINAS', 'BADAN', 'BAGIAN', 'KECAMATAN', 'UPT'));
alter table routing_rule add column opd_code_prefix varchar(40);
alter table routing_rule add constraint routing_rule_one_target check ((opd_id is null) <> (opd_kind is null));
alter table routing_rule add constraint routing_rule_prefix_of_kind check (opd_code_prefix is null or opd_kind is not null);
-- Router: the active OPD of a kind that serves the desa or its kecamatan, in one kabupaten
create index opd_kind_area_idx on opd (kabupaten_code, kind, region_code) where active;
