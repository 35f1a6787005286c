-- Wakes the outbox relay as soon as outbox rows commit: NOTIFY is delivered at commit, and
-- once per statement is enough because the relay reads every unsent row anyway. Polling
-- remains as the safety net for missed notifications.
create function outbox_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('zielwerk_outbox', '');
    return null;
end
$$;

create trigger outbox_notify after insert on outbox
    for each statement execute function outbox_notify();
