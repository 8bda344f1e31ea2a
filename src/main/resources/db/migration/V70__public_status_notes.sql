-- What the citizen may read about a change (what to bring, where to pick the result up); the note beside it stays
-- internal. Public tracking and the citizen's message show this one only.
alter table request_event add column public_note text;
