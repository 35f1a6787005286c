-- Segment definitions, membership history, the time-triggered schedule and stream
-- idempotency. V1 holds the per-profile state and current memberships.

-- A segment; memberships and schedule rows refer to it by key, which never changes.
-- rule_ast is the JSON form of the parsed rule (RuleJson), kept for readers; the engine
-- parses rule_text. version grows on every change so engines can cache parsed rules.
create table segments (
    id              uuid primary key,
    key             text not null unique,
    name            text not null,
    description     text,
    rule_text       text not null,
    rule_ast        jsonb not null,
    status          text not null check (status in ('ACTIVE', 'PAUSED', 'COMPUTING')),
    size            bigint not null default 0,
    version         bigint not null default 1,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

-- Every enter and exit. No foreign key to profiles: erasure deletes a profile's rows
-- explicitly, a merge keeps the merged profile's history.
create table membership_history (
    segment_id      uuid not null references segments (id) on delete cascade,
    profile_id      uuid not null,
    change          text not null check (change in ('ENTERED', 'EXITED')),
    at              timestamptz not null,
    reason          text not null
);
create index membership_history_segment_at on membership_history (segment_id, at);
create index membership_history_profile on membership_history (profile_id);

-- When a (segment, profile) answer could next change with no new message. The scheduler
-- claims due rows with FOR UPDATE SKIP LOCKED.
create table evaluation_schedule (
    segment_key     text not null,
    profile_id      uuid not null references profiles (profile_id) on delete cascade,
    due_at          timestamptz not null,
    primary key (segment_key, profile_id)
);
create index evaluation_schedule_due on evaluation_schedule (due_at);
create index evaluation_schedule_profile on evaluation_schedule (profile_id);

-- Stream message ids already applied: a redelivered message is skipped.
create table processed_messages (
    message_id      uuid primary key,
    processed_at    timestamptz not null default now()
);
