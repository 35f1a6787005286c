-- segment-service's own copy of what it needs to know about profiles, built from the profile
-- stream (it never reads profile-service's database), and segment membership. Evaluation in
-- memory (dev.zielwerk.segment.evaluation.Evaluator) and in SQL (SqlCompiler) read exactly this.
-- Rows about a person hang off profiles(profile_id) with ON DELETE CASCADE: erasing is one delete.

-- One row per known profile; the batch query drives from it. traits is one document:
-- {"geo": {"country": "DE"}, "demographic": {"age": 31}} (trait group -> trait name -> JSON value),
-- read with traits #> '{geo,country}'. A trait set to null in a traits message is removed.
create table profiles (
    profile_id      uuid primary key,
    traits          jsonb not null default '{}'::jsonb,
    updated_at      timestamptz not null default now()
);

-- Every event of the profile (event messages; a merge moves the merged profile's rows).
-- name is null for messages without one (identify). Aggregates read it in one grouped scan
-- for the batch; the engine reads one profile's events of one name through the index.
create table profile_events (
    event_id        uuid primary key,
    profile_id      uuid not null references profiles (profile_id) on delete cascade,
    name            text,
    occurred_at     timestamptz not null,
    properties      jsonb not null default '{}'::jsonb
);
create index profile_events_profile_name_time on profile_events (profile_id, name, occurred_at);

-- The current consent per purpose (the latest consent message).
create table profile_consents (
    profile_id      uuid not null references profiles (profile_id) on delete cascade,
    purpose         text not null check (purpose in
                        ('ANALYTICS', 'PERSONALIZATION', 'EMAIL_MARKETING', 'ADVERTISING', 'PARTNER_SHARING')),
    status          text not null check (status in ('GRANTED', 'DENIED', 'WITHDRAWN')),
    expires_at      timestamptz,
    decided_at      timestamptz not null,
    primary key (profile_id, purpose)
);

-- Current members of each segment, by the key rules refer to (in segment "key"). The batch
-- joins it for segment references; per-profile lookups use the second index.
create table memberships (
    segment_key     text not null,
    profile_id      uuid not null references profiles (profile_id) on delete cascade,
    since           timestamptz not null,
    primary key (segment_key, profile_id)
);
create index memberships_profile on memberships (profile_id, segment_key);

-- A trait or property string read as an instant, when it has the strict ISO-8601 form that
-- dev.zielwerk.segment.evaluation.IsoInstants accepts (a date, or a date-time with seconds,
-- at most 6 fraction digits and Z or an offset up to 14:59); NULL otherwise. Never raises:
-- every cast runs behind a check (PostgreSQL 15 has no pg_input_is_valid).
create function iso_instant(s text) returns timestamptz
language sql stable parallel safe
as $$
    select case
        when s ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9]))?$'
        then case
            when substr(s, 1, 4) = '0000' then null
            when substr(s, 9, 2)::int > case substr(s, 6, 2)
                    when '02' then case
                        when substr(s, 1, 4)::int % 4 = 0
                            and (substr(s, 1, 4)::int % 100 <> 0 or substr(s, 1, 4)::int % 400 = 0) then 29
                        else 28 end
                    when '04' then 30 when '06' then 30 when '09' then 30 when '11' then 30
                    else 31 end then null
            when length(s) = 10 then (s || 'T00:00:00Z')::timestamptz
            else s::timestamptz
        end
    end
$$;
