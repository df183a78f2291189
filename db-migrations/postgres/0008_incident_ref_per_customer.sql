-- An incident's natural key is (source, externalId) within its customer: a key bound to one customer can neither
-- take nor detect another customer's ticket numbers (docs/decisions/ADR-006-tenant-natural-key.md). source comes first
-- so that a lookup by (source, externalId) alone still uses the index.
ALTER TABLE incidents DROP CONSTRAINT incidents_source_external_id_key;
ALTER TABLE incidents ADD CONSTRAINT uq_incidents_ref_customer UNIQUE (source, external_id, customer_id);
