-- The profile service's data. Everything lives in schema "profile"; no other service reads it.
-- Rows that carry personal data all hang off profiles(id) with ON DELETE CASCADE, so erasing a
-- profile row removes its traits, identities, events and consent in one statement.

create table profiles (
    id              uuid primary key,
    created_at      timestamptz not null default now(),
    first_seen_at   timestamptz not null,
    last_seen_at    timestamptz not null,
    -- set when this profile was merged into another one; the row stays as a tombstone so
    -- old ids still resolve to the survivor
    merged_into     uuid references profiles (id) on delete cascade,
    merged_at       timestamptz
);
create index profiles_merged_into on profiles (merged_into) where merged_into is not null;
create index profiles_last_seen on profiles (last_seen_at desc, id);

-- One row per identifier; (type, value) is globally unique: an identifier belongs to one person.
create table identities (
    type            text not null,
    value           text not null,
    profile_id      uuid not null references profiles (id) on delete cascade,
    first_seen_at   timestamptz not null,
    source          text not null,
    primary key (type, value)
);
create index identities_profile on identities (profile_id);

-- Traits in typed groups (demographic, geo, psychographic, technographic, firmographic, custom),
-- each with its provenance.
create table traits (
    profile_id      uuid not null references profiles (id) on delete cascade,
    trait_group     text not null,
    name            text not null,
    value           jsonb not null,
    source          text not null,
    party           text not null check (party in ('ZERO', 'FIRST', 'SECOND')),
    updated_at      timestamptz not null,
    primary key (profile_id, trait_group, name)
);

-- Every accepted Segment-spec message (track, page, screen, group, alias, identify).
create table events (
    id              uuid primary key,
    message_id      text not null,
    profile_id      uuid not null references profiles (id) on delete cascade,
    kind            text not null,
    name            text,
    properties      jsonb not null default '{}'::jsonb,
    context         jsonb not null default '{}'::jsonb,
    occurred_at     timestamptz not null,
    received_at     timestamptz not null
);
create index events_profile_time on events (profile_id, occurred_at desc, id);

-- De-duplication of messageIds, kept apart from events so that erasing a person's events does
-- not let a replayed message in again. A messageId is not personal data.
create table ingested_messages (
    message_id      text primary key,
    received_at     timestamptz not null
);

create table consents (
    profile_id      uuid not null references profiles (id) on delete cascade,
    purpose         text not null,
    status          text not null check (status in ('GRANTED', 'DENIED', 'WITHDRAWN')),
    source          text not null,
    occurred_at     timestamptz not null,
    expires_at      timestamptz,
    primary key (profile_id, purpose)
);

create table consent_history (
    id              bigserial primary key,
    profile_id      uuid not null references profiles (id) on delete cascade,
    purpose         text not null,
    status          text not null,
    source          text not null,
    occurred_at     timestamptz not null,
    expires_at      timestamptz,
    recorded_at     timestamptz not null default now()
);
create index consent_history_profile on consent_history (profile_id, occurred_at desc, id desc);

create table merges (
    id              uuid primary key,
    survivor_id     uuid not null references profiles (id) on delete cascade,
    merged_id       uuid not null references profiles (id) on delete cascade,
    identity_type   text not null,
    merged_at       timestamptz not null
);
create index merges_survivor on merges (survivor_id);

-- A link that would have broken a guardrail (e.g. a second user id) is not merged but recorded.
create table identity_conflicts (
    id              bigserial primary key,
    profile_id      uuid not null references profiles (id) on delete cascade,
    other_profile_id uuid references profiles (id) on delete cascade,
    identity_type   text not null,
    identity_value  text not null,
    reason          text not null,
    occurred_at     timestamptz not null
);
create index identity_conflicts_profile on identity_conflicts (profile_id);

-- After an erasure only unsalted SHA-256 hashes of the person's identifiers stay, so new
-- messages for them can be dropped (GDPR Art. 17 with suppression).
create table suppressions (
    identifier_hash text primary key,
    identity_type   text not null,
    created_at      timestamptz not null
);

-- Who erased which profile id and how much was deleted; no personal data.
create table erasure_audit (
    id              uuid primary key,
    profile_id      uuid not null,
    requested_by    text not null,
    reason          text,
    erased_at       timestamptz not null,
    deleted         jsonb not null
);

-- Transactional outbox: written in the same transaction as the change it describes, appended to
-- the Redis stream by the relay (in seq order) and then marked sent.
create table outbox (
    seq             bigserial primary key,
    id              uuid not null unique,
    type            text not null check (type in ('event', 'traits', 'consent', 'merge', 'erase')),
    profile_id      uuid not null,
    occurred_at     timestamptz not null,
    payload         jsonb not null,
    created_at      timestamptz not null default now(),
    sent_at         timestamptz,
    stream_id       text
);
create index outbox_unsent on outbox (seq) where sent_at is null;
create index outbox_profile on outbox (profile_id);
