-- An incident's natural key is (source, externalId) within its customer: a key bound to one customer can neither
-- take nor detect another customer's ticket numbers (docs/decisions/ADR-006-tenant-natural-key.md). source comes first
-- so that a lookup by (source, externalId) alone still uses the index.
-- SQLite cannot drop a table constraint: the table is rebuilt, as its guide to ALTER TABLE describes; the migrator
-- runs migrations with foreign keys off and checks them afterwards.
CREATE TABLE incidents_by_customer (
    id TEXT NOT NULL PRIMARY KEY,
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    customer_id TEXT NOT NULL REFERENCES customers (id),
    title TEXT NOT NULL,
    opened_priority INTEGER NOT NULL,
    service_code TEXT NULL,
    opened_status TEXT NULL,
    opened_at TEXT NOT NULL,
    agreement_id TEXT NULL,
    agreement_version INTEGER NULL,
    policy_id TEXT NULL,
    policy_version INTEGER NULL,
    calendar_versions TEXT NULL,
    unbound_reason TEXT NULL,
    priority INTEGER NOT NULL,
    status TEXT NULL,
    is_open INTEGER NOT NULL,
    excluded INTEGER NOT NULL,
    exclusion_reason TEXT NULL,
    first_resolved_at TEXT NULL,
    event_count INTEGER NOT NULL,
    final_resolved_at TEXT NULL,
    created_at TEXT NOT NULL,
    first_resolution_seconds INTEGER NULL,
    final_resolution_seconds INTEGER NULL,
    UNIQUE (source, external_id, customer_id)
);

INSERT INTO incidents_by_customer (id, source, external_id, customer_id, title, opened_priority, service_code, opened_status, opened_at, agreement_id, agreement_version, policy_id, policy_version, calendar_versions, unbound_reason, priority, status, is_open, excluded, exclusion_reason, first_resolved_at, event_count, final_resolved_at, created_at, first_resolution_seconds, final_resolution_seconds)
SELECT id, source, external_id, customer_id, title, opened_priority, service_code, opened_status, opened_at, agreement_id, agreement_version, policy_id, policy_version, calendar_versions, unbound_reason, priority, status, is_open, excluded, exclusion_reason, first_resolved_at, event_count, final_resolved_at, created_at, first_resolution_seconds, final_resolution_seconds FROM incidents;

DROP TABLE incidents;
ALTER TABLE incidents_by_customer RENAME TO incidents;

CREATE INDEX ix_incidents_customer_id_opened_at ON incidents (customer_id, opened_at);
CREATE INDEX ix_incidents_opened_at ON incidents (opened_at);
CREATE INDEX ix_incidents_first_resolved_at ON incidents (first_resolved_at);
CREATE INDEX ix_incidents_final_resolved_at ON incidents (final_resolved_at);
