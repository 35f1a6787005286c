-- Second-party data sharing (issue 7): partners, the audiences shared with them and an
-- append-only audit of everything partners read and write. Partner traits live in the
-- traits table (group 'partner', one row per partner), so erasure and merges already
-- cover them.

create table partners (
    -- a partner id is also a name in the rule language (traits.partner.<id>.<trait>),
    -- hence the shape of a rule-language word
    id              text primary key check (id ~ '^[a-z][a-z0-9_]{1,39}$'),
    name            text not null,
    created_at      timestamptz not null,
    created_by      text not null
);

create table partner_shares (
    id              uuid primary key,
    partner_id      text not null references partners (id),
    segment_id      text not null,
    identifier_types text[] not null check (cardinality(identifier_types) > 0
                                             and identifier_types <@ array['EMAIL', 'PHONE']),
    -- a clean-room share: the partner may count overlaps but never list members
    overlap_only    boolean not null default false,
    expires_at      timestamptz not null,
    created_at      timestamptz not null,
    created_by      text not null,
    updated_at      timestamptz not null,
    revoked_at      timestamptz
);
create index partner_shares_partner on partner_shares (partner_id, created_at, id);

-- The hash partners know a person by: SHA-256 (lower-case hex) of the identifier
-- normalized as the ad platforms do (e-mail trimmed and lower-cased, phone as digits
-- with the country code and without "+" or leading zeros). Stored values are already
-- normalized (IdentifierNormalizer), this only drops the "+" of E.164. IMMUTABLE
-- although convert_to is STABLE: the database encoding (UTF8) never changes under it.
-- The Java twin is dev.zielwerk.profile.partner.PartnerHashing; PartnerSharingIT checks
-- that both agree.
create function partner_hash(identity_type text, value text) returns text
    language sql immutable strict parallel safe as $$
    select encode(sha256(convert_to(case identity_type
        when 'PHONE' then ltrim(regexp_replace(value, '[^0-9]', '', 'g'), '0')
        else lower(btrim(value)) end, 'UTF8')), 'hex')
$$;

create index identities_partner_hash on identities (partner_hash(type, value))
    where type in ('EMAIL', 'PHONE');

-- Who did what through the partner API, with counts only: no identifier, no trait value.
create table partner_audit (
    id              bigserial primary key,
    partner_id      text not null,
    share_id        uuid,
    action          text not null,
    -- rows the caller sent or received
    row_count       integer not null,
    -- for imports and overlaps: how many rows matched a shared member (never shown to
    -- the partner)
    matched_count   integer,
    actor           text not null,
    occurred_at     timestamptz not null
);
create index partner_audit_partner on partner_audit (partner_id, id desc);
create index partner_audit_share on partner_audit (share_id, id desc);

create function partner_audit_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'partner_audit is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger partner_audit_no_update_or_delete before update or delete on partner_audit
    for each row execute function partner_audit_append_only();
create trigger partner_audit_no_truncate before truncate on partner_audit
    for each statement execute function partner_audit_append_only();
