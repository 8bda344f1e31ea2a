-- The OPD's queue lists open work (SUBMITTED, IN_PROGRESS, NEEDS_INFO) by due date or filing time:
-- RequestQueries.list with an opd filter, the default queue listing. The full (opd_id, due_date, id)
-- index walks every finished request of the OPD with an earlier due date first, and finished requests
-- are most of a table that keeps its history, so the first page got slower as the history grew.
-- These partial indexes hold only open work: their size follows the open queue, not the history.
create index service_request_opd_open_due_idx on service_request (opd_id, due_date, id)
    where status in ('SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO');
create index service_request_opd_open_filed_idx on service_request (opd_id, filed_at, id)
    where status in ('SUBMITTED', 'IN_PROGRESS', 'NEEDS_INFO');
