-- Destinations, audience syncs and their durable runs (schema `connector`).

CREATE TABLE destinations (
    id          uuid PRIMARY KEY,
    type        text        NOT NULL,
    name        text        NOT NULL,
    purpose     text        NOT NULL,
    -- non-secret settings (list id, audience id, base URL ...)
    settings    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    -- secret settings as JSON, AES-GCM encrypted (CredentialCipher, context = destination id); never returned
    credentials text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audience_syncs (
    id             uuid PRIMARY KEY,
    segment_id     text        NOT NULL,
    segment_key    text        NOT NULL,
    destination_id uuid        NOT NULL REFERENCES destinations (id) ON DELETE CASCADE,
    mode           text        NOT NULL CHECK (mode IN ('UPSERT', 'MIRROR', 'ADD_ONLY')),
    -- a Spring cron expression (six fields, seconds first) or REAL_TIME
    schedule       text        NOT NULL,
    enabled        boolean     NOT NULL DEFAULT true,
    -- when the scheduler queues the next full run: per the cron expression, or for REAL_TIME
    -- syncs at creation (the backfill) and then every reconcile interval
    next_run_at    timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audience_syncs_segment ON audience_syncs (segment_id);
CREATE INDEX audience_syncs_due ON audience_syncs (next_run_at) WHERE enabled;

CREATE TABLE sync_runs (
    id                 uuid PRIMARY KEY,
    sync_id            uuid        NOT NULL REFERENCES audience_syncs (id) ON DELETE CASCADE,
    -- true: the whole audience is diffed; false: only the members in run_scope (real-time micro-batch)
    full_audience      boolean     NOT NULL,
    status             text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PARTIAL')),
    lease_owner        text,
    lease_expires_at   timestamptz,
    heartbeat_at       timestamptz,
    attempts           integer     NOT NULL DEFAULT 0,
    checkpoint         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    eligible           bigint      NOT NULL DEFAULT 0,
    skipped_no_consent bigint      NOT NULL DEFAULT 0,
    added              bigint      NOT NULL DEFAULT 0,
    removed            bigint      NOT NULL DEFAULT 0,
    rejected           bigint      NOT NULL DEFAULT 0,
    match_rate         text,
    error              text,
    queued_at          timestamptz NOT NULL DEFAULT now(),
    started_at         timestamptz,
    finished_at        timestamptz
);

-- at most one waiting and one running run per sync: runs of one sync never overlap, so
-- their diffs against synced_members cannot race; enqueueing twice is a no-op
CREATE UNIQUE INDEX sync_runs_one_queued ON sync_runs (sync_id) WHERE status = 'QUEUED';
CREATE UNIQUE INDEX sync_runs_one_running ON sync_runs (sync_id) WHERE status = 'RUNNING';
CREATE INDEX sync_runs_open ON sync_runs (queued_at) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX sync_runs_by_sync ON sync_runs (sync_id, queued_at DESC);

-- the members a real-time run looks at; consent_withdrawn marks a profile whose consent for the
-- destination's purpose was withdrawn: it is removed even when it also left the segment, in every mode
CREATE TABLE run_scope (
    run_id            uuid    NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    member_key        text    NOT NULL,
    consent_withdrawn boolean NOT NULL DEFAULT false,
    PRIMARY KEY (run_id, member_key)
);

-- what each destination has, as far as we sent it: the diff base of every run
CREATE TABLE synced_members (
    sync_id          uuid        NOT NULL REFERENCES audience_syncs (id) ON DELETE CASCADE,
    member_key       text        NOT NULL,
    identifiers_hash text        NOT NULL,
    -- the identifiers sent, AES-GCM encrypted: removals and erasure must reach the destination
    -- with what it holds, even after the profile changed or was erased at the source
    identifiers      text        NOT NULL,
    state            text        NOT NULL CHECK (state IN ('IN', 'OUT')),
    last_sent_at     timestamptz NOT NULL,
    seen_run_id      uuid,
    PRIMARY KEY (sync_id, member_key)
);

CREATE INDEX synced_members_key ON synced_members (member_key);

-- every record sent by a run with its outcome, written in the transaction of the checkpoint
CREATE TABLE run_records (
    run_id      uuid        NOT NULL REFERENCES sync_runs (id) ON DELETE CASCADE,
    seq         bigserial   NOT NULL,
    member_key  text        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('ADD', 'REMOVE')),
    outcome     text        NOT NULL CHECK (outcome IN ('ACCEPTED', 'REJECTED')),
    code        text,
    reason      text,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, seq)
);
