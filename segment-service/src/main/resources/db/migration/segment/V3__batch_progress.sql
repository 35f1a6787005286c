-- The batch that computes segments' whole membership, chunk by chunk: its progress per
-- segment (Segment.computation), kept after it finished.
create table segment_computations (
    segment_id      uuid primary key references segments (id) on delete cascade,
    version         bigint not null,
    started_at      timestamptz not null,
    finished_at     timestamptz,
    profiles_done   bigint not null default 0,
    profiles_total  bigint not null default 0
);

-- The transaction that last changed the profile's state (pg_current_xact_id()). A batch
-- takes a snapshot when it starts; the profiles changed by a transaction that snapshot does
-- not see may have been read before their change, so they are evaluated again afterwards.
-- (updated_at cannot tell: it is the statement's time, and a transaction can commit long
-- after it.)
alter table profiles add column changed_in xid8;
