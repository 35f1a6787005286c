-- Destination health, CMS decide keys and catalogue pushes.

-- SHA-256 (hex) of a CMS destination's decide key: the decide endpoint compares the
-- presented bearer against it; the key itself is only in the encrypted credentials
ALTER TABLE destinations ADD COLUMN decide_key_hash text;

-- the last testDestination of this destination
ALTER TABLE destinations ADD COLUMN last_test_at timestamptz;
ALTER TABLE destinations ADD COLUMN last_test_ok boolean;
ALTER TABLE destinations ADD COLUMN last_test_message text;

-- SHA-256 of the catalogue last pushed to a CMS: a push is skipped when nothing changed
ALTER TABLE destinations ADD COLUMN catalogue_hash text;
ALTER TABLE destinations ADD COLUMN catalogue_pushed_at timestamptz;

-- the decide endpoint looks a visitor up by profile among one destination's syncs
CREATE INDEX audience_syncs_destination ON audience_syncs (destination_id);
