-- Service standards: the SLA clock that stops in NEEDS_INFO, the overdue flag, and the statistics rollups.

-- The zone of a region code, as common/TimeZones has it (WIB, WITA, WIT by province); SlaSqlRulesTest keeps
-- the two in step.
create function layanan_zone(code varchar) returns text language sql immutable parallel safe as $$
    select case
               when substr(code, 1, 2)::int in (81, 82) or substr(code, 1, 2)::int between 91 and 96 then 'Asia/Jayapura'
               when substr(code, 1, 2)::int between 51 and 53 or substr(code, 1, 2)::int between 63 and 65
                   or substr(code, 1, 2)::int between 71 and 76 then 'Asia/Makassar'
               else 'Asia/Jakarta' end
$$;

-- Working days d with a < d <= b in a kabupaten (Monday to Friday, less its holidays), as holiday/WorkingDays
-- counts them: a request finished on its due date took exactly its time limit.
create function working_days_between(kabupaten varchar, a date, b date) returns integer language sql stable parallel safe as $$
    select count(*)::int
      from generate_series(a + 1, b, interval '1 day') d
     where extract(isodow from d) < 6
       and not exists (select 1 from holiday h where h.kabupaten_code = kabupaten and h.day = d::date)
$$;

-- Set when the overdue check recorded OVERDUE for the request's current breach; cleared when a stopped clock
-- moves the due date past today again, so that a later breach is recorded again.
alter table service_request add column overdue_flagged_at timestamptz;

-- The overdue check (sla/OverdueCheck): running requests past their due date that are not flagged yet, oldest
-- due first. Holds only those, so a check costs what it finds, not the size of the open queue.
create index service_request_overdue_check_idx on service_request (due_date, id)
    where status in ('IN_PROGRESS', 'SUBMITTED') and overdue_flagged_at is null;
-- Overdue work per OPD (statistics/OverdueReport): the flagged running requests of each OPD, oldest due first.
create index service_request_overdue_opd_idx on service_request (opd_id, due_date)
    where status in ('IN_PROGRESS', 'SUBMITTED') and overdue_flagged_at is not null;

-- Per request: the working days its clock stood still in NEEDS_INFO (all rounds), and what the statistics
-- counted for it last (null: nothing yet). stat_refresh compares the request with what was counted and moves
-- only the difference.
create table request_sla (
    request_id           bigint      primary key references service_request (id),
    paused_days          integer     not null default 0,
    counted_opd_id       bigint,
    counted_status       varchar(16),
    counted_finish_days  integer,
    counted_on_time      boolean,
    counted_forwards     integer,
    counted_overdue      boolean
);

-- Requests by the day (period D) and month (period M) they were filed, in the kabupaten's zone, per OPD (dim O,
-- grp = OPD id), service type (S, its id), kecamatan (K, code) and desa (D, code): where each request stands now.
-- finish_days[i] counts the finished (completed or rejected) requests that took i - 1 working days, less the
-- days their clock stood still: medians and percentiles are exact from it. A query reads whole months from the
-- M rows and the days at the edges of its range from the D rows, so what it reads is bounded by the range and
-- the number of groups, not by the number of requests.
create table stat_cohort (
    kabupaten_code  varchar(5)  not null,
    dim             char(1)     not null check (dim in ('O', 'S', 'K', 'D')),
    grp             varchar(20) not null,
    period          char(1)     not null check (period in ('D', 'M')),
    day             date        not null,
    filed           integer     not null default 0,
    completed       integer     not null default 0,
    rejected        integer     not null default 0,
    cancelled       integer     not null default 0,
    on_time         integer     not null default 0,
    forwards        integer     not null default 0,
    finish_days     integer[]   not null default '{}',
    primary key (kabupaten_code, dim, period, day, grp)
);

-- The current backlog per group: open requests, those waiting in NEEDS_INFO, and those flagged overdue.
create table stat_backlog (
    kabupaten_code  varchar(5)  not null,
    dim             char(1)     not null check (dim in ('O', 'S', 'K', 'D')),
    grp             varchar(20) not null,
    open            integer     not null default 0,
    needs_info      integer     not null default 0,
    overdue         integer     not null default 0,
    primary key (kabupaten_code, dim, grp)
);

-- Element-wise sum of two histograms of any lengths.
create function stat_hist_add(a integer[], b integer[]) returns integer[] language sql immutable strict parallel safe as $$
    select coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) order by i), '{}')
      from generate_series(1, greatest(coalesce(array_length(a, 1), 0), coalesce(array_length(b, 1), 0))) i
$$;
create aggregate stat_hist_sum(integer[]) (sfunc = stat_hist_add, stype = integer[], initcond = '{}');

-- Brings the statistics of these requests up to date: what each counts now less what it counted before.
-- Called in the transaction that changed them (statistics/Rollups, just before commit), under their row locks;
-- rows are written in key order so that concurrent transactions lock them in the same order. The tables are taken
-- in the order stat_rebuild takes them, so that a rebuild and a change wait for each other instead of deadlocking.
create function stat_refresh(ids bigint[]) returns void language plpgsql as $$
begin
    lock table request_sla, stat_cohort, stat_backlog in row exclusive mode;
    with cur as (
        select r.id, r.kabupaten_code as k, r.service_type_id::text as st, r.kecamatan_code as kec, r.desa_code as desa,
               (r.filed_at at time zone layanan_zone(r.kabupaten_code))::date as filed_day,
               r.opd_id, r.status,
               case when r.status in ('COMPLETED', 'REJECTED') then
                   greatest(0, working_days_between(r.kabupaten_code, (r.filed_at at time zone layanan_zone(r.kabupaten_code))::date,
                                                    (r.finished_at at time zone layanan_zone(r.kabupaten_code))::date)
                               - coalesce(s.paused_days, 0)) end as finish_days,
               case when r.status in ('COMPLETED', 'REJECTED') then
                   (r.finished_at at time zone layanan_zone(r.kabupaten_code))::date <= r.due_date end as on_time,
               (select count(*)::int from request_event e where e.request_id = r.id and e.type = 'FORWARDED') as forwards,
               (r.status in ('IN_PROGRESS', 'SUBMITTED') and r.overdue_flagged_at is not null) as overdue,
               s.counted_status is not null as had,
               s.counted_opd_id, s.counted_status, s.counted_finish_days, s.counted_on_time, s.counted_forwards, s.counted_overdue
          from service_request r
          left join request_sla s on s.request_id = r.id
         where r.id = any(ids)
    ), changed as (
        select * from cur
         where not had
            or (opd_id, status, finish_days, on_time, forwards, overdue) is distinct from
               (counted_opd_id, counted_status, counted_finish_days, counted_on_time, counted_forwards, counted_overdue)
    ), contribution as (
        select 1 as sign, k, st, kec, desa, filed_day, opd_id, status, finish_days, on_time, forwards, overdue from changed
        union all
        select -1, k, st, kec, desa, filed_day, counted_opd_id, counted_status, counted_finish_days, counted_on_time,
               counted_forwards, counted_overdue
          from changed where had
    ), by_group as (
        select c.*, g.dim, g.grp
          from contribution c
         cross join lateral (values ('O', c.opd_id::text), ('S', c.st), ('K', c.kec), ('D', c.desa)) g(dim, grp)
    ), cohort_delta as (
        select k, dim, grp, p.period, p.day,
               sum(sign)::int as filed,
               coalesce(sum(sign) filter (where status = 'COMPLETED'), 0)::int as completed,
               coalesce(sum(sign) filter (where status = 'REJECTED'), 0)::int as rejected,
               coalesce(sum(sign) filter (where status = 'CANCELLED'), 0)::int as cancelled,
               coalesce(sum(sign) filter (where on_time), 0)::int as on_time,
               sum(sign * forwards)::int as forwards,
               stat_hist_sum(case when finish_days is not null then array_fill(0, array[finish_days]) || sign end) as finish_days
          from by_group
         cross join lateral (values ('D', filed_day), ('M', date_trunc('month', filed_day)::date)) p(period, day)
         group by k, dim, grp, p.period, p.day
    ), cohort as (
        insert into stat_cohort as t (kabupaten_code, dim, grp, period, day, filed, completed, rejected, cancelled, on_time,
                                      forwards, finish_days)
        select k, dim, grp, period, day, filed, completed, rejected, cancelled, on_time, forwards, finish_days
          from cohort_delta
         where filed <> 0 or completed <> 0 or rejected <> 0 or cancelled <> 0 or on_time <> 0 or forwards <> 0
            or finish_days <> '{}'
         order by k, dim, period, day, grp
        on conflict (kabupaten_code, dim, period, day, grp) do update
            set filed = t.filed + excluded.filed, completed = t.completed + excluded.completed,
                rejected = t.rejected + excluded.rejected, cancelled = t.cancelled + excluded.cancelled,
                on_time = t.on_time + excluded.on_time, forwards = t.forwards + excluded.forwards,
                finish_days = stat_hist_add(t.finish_days, excluded.finish_days)
    ), backlog_delta as (
        select k, dim, grp,
               coalesce(sum(sign) filter (where status in ('IN_PROGRESS', 'NEEDS_INFO', 'SUBMITTED')), 0)::int as open,
               coalesce(sum(sign) filter (where status = 'NEEDS_INFO'), 0)::int as needs_info,
               coalesce(sum(sign) filter (where overdue), 0)::int as overdue
          from by_group
         group by k, dim, grp
    ), backlog as (
        insert into stat_backlog as b (kabupaten_code, dim, grp, open, needs_info, overdue)
        select k, dim, grp, open, needs_info, overdue
          from backlog_delta
         where open <> 0 or needs_info <> 0 or overdue <> 0
         order by k, dim, grp
        on conflict (kabupaten_code, dim, grp) do update
            set open = b.open + excluded.open, needs_info = b.needs_info + excluded.needs_info, overdue = b.overdue + excluded.overdue
    )
    insert into request_sla as s (request_id, counted_opd_id, counted_status, counted_finish_days, counted_on_time,
                                  counted_forwards, counted_overdue)
    select id, opd_id, status, finish_days, on_time, forwards, overdue from changed order by id
    on conflict (request_id) do update
        set counted_opd_id = excluded.counted_opd_id, counted_status = excluded.counted_status,
            counted_finish_days = excluded.counted_finish_days, counted_on_time = excluded.counted_on_time,
            counted_forwards = excluded.counted_forwards, counted_overdue = excluded.counted_overdue;
end
$$;

-- Counts every request again from nothing: after this migration, and after requests were written around the
-- service (a bulk load). Changes of requests wait for it to finish (about 100 s for a million requests), and
-- statistics read meanwhile wait too: run it when the service is quiet.
create function stat_rebuild() returns bigint language plpgsql as $$
declare
    last_id bigint := -1;
    batch bigint[];
    total bigint := 0;
begin
    -- changes wait until the rebuild commits (same order as stat_refresh takes them)
    lock table request_sla, stat_cohort, stat_backlog in exclusive mode;
    truncate stat_cohort, stat_backlog;
    update request_sla set counted_opd_id = null, counted_status = null, counted_finish_days = null, counted_on_time = null,
                           counted_forwards = null, counted_overdue = null
     where counted_status is not null;
    loop
        select array_agg(id order by id) into batch
          from (select id from service_request where id > last_id order by id limit 20000) b;
        exit when batch is null;
        perform stat_refresh(batch);
        total := total + array_length(batch, 1);
        last_id := batch[array_length(batch, 1)];
    end loop;
    return total;
end
$$;

-- Requests filed before this migration: the working days they already waited in NEEDS_INFO (each round from the
-- day information was asked for to the day the request left NEEDS_INFO for more work; their due dates stay as
-- they were set), then everything counted once.
insert into request_sla (request_id, paused_days)
select request_id, sum(working_days_between(kabupaten_code, asked, resumed))::int
  from (select e.request_id, r.kabupaten_code, e.type,
               (e.at at time zone layanan_zone(r.kabupaten_code))::date as asked,
               ((lead(e.at) over w) at time zone layanan_zone(r.kabupaten_code))::date as resumed,
               lead(e.type) over w as next_type
          from request_event e
          join service_request r on r.id = e.request_id
         where e.type = 'INFO_REQUESTED' or (e.from_status = 'NEEDS_INFO' and e.to_status is distinct from 'NEEDS_INFO')
        window w as (partition by e.request_id order by e.id)) rounds
 where type = 'INFO_REQUESTED' and next_type in ('INFO_SUPPLIED', 'REASSIGNED')
 group by request_id;

select stat_rebuild();
