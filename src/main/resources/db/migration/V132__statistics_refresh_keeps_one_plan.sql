-- stat_refresh runs in the transaction of every change of a request. PostgreSQL planned its statement anew on
-- every call (a custom plan for the ids given), which cost more than running it: the plan does not depend on
-- which requests are refreshed (a look-up by primary key of each), so the function keeps one generic plan.
alter function stat_refresh(bigint[]) set plan_cache_mode = force_generic_plan;
