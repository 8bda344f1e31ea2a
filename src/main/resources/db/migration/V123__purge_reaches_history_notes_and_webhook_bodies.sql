-- A purge of personal data (retention.PersonalDataPurge) also replaces the notes written into a request's history
-- (an officer's note, the public note for the citizen), which are free text and may name people. The history stays
-- append-only for everything else: a row can change only by its notes becoming the purge's marker, which must be
-- the same text as PersonalDataPurge.MARKER.
create function refuse_change_of_history_but_purged_notes() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE'
       and (to_jsonb(new) - 'note' - 'public_note') = (to_jsonb(old) - 'note' - 'public_note')
       and (new.note is not distinct from old.note or new.note = '[DIHAPUS]')
       and (new.public_note is not distinct from old.public_note or new.public_note = '[DIHAPUS]') then
        return new;
    end if;
    raise exception '% is append-only: its rows are never changed or removed, but for notes a purge replaces', tg_table_name
        using errcode = 'insufficient_privilege';
end
$$;

drop trigger request_event_append_only on request_event;
create trigger request_event_append_only before update or delete on request_event
    for each row execute function refuse_change_of_history_but_purged_notes();

-- The service's role may not update the history at all; the purge replaces the notes through this function, which
-- runs with the rights of the schema's owner and can do nothing but that.
create function purge_history_notes(requests bigint[]) returns integer
    language plpgsql security definer set search_path from current as $$
declare
    changed integer;
begin
    update request_event
       set note = case when note is null then null else '[DIHAPUS]' end,
           public_note = case when public_note is null then null else '[DIHAPUS]' end
     where request_id = any (requests)
       and (note is distinct from '[DIHAPUS]' and note is not null or public_note is distinct from '[DIHAPUS]' and public_note is not null);
    get diagnostics changed = row_count;
    return changed;
end
$$;
