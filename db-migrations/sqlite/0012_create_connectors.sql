-- PSA and RMM tools posting to their own inbound URL; versioned like the other definitions, the kind and token fixed.
CREATE TABLE connections (
    id TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    token TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT NULL
);

CREATE TABLE connection_versions (
    connection_id TEXT NOT NULL REFERENCES connections (id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    secret TEXT NULL,
    key_url_hosts TEXT NOT NULL,
    mapping TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (connection_id, version)
);

-- The inbox: every authentic delivery as received, stored before it is acknowledged and kept whatever became of it.
CREATE TABLE inbound_deliveries (
    sequence INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    connection_id TEXT NOT NULL REFERENCES connections (id),
    received_at TEXT NOT NULL,
    is_record INTEGER NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NULL,
    dedup_key TEXT NULL,
    external_ids TEXT NULL,
    attempts INTEGER NOT NULL,
    lease_until TEXT NULL,
    processed_at TEXT NULL
);

CREATE INDEX ix_inbound_deliveries_pending ON inbound_deliveries (sequence) WHERE status = 'pending';
CREATE INDEX ix_inbound_deliveries_connection_id_sequence ON inbound_deliveries (connection_id, sequence);
CREATE INDEX ix_inbound_deliveries_connection_id_dedup_key ON inbound_deliveries (connection_id, dedup_key);

-- The last known state of each ticket, which the next delivery is compared with.
CREATE TABLE connector_tickets (
    connection_id TEXT NOT NULL REFERENCES connections (id),
    external_id TEXT NOT NULL,
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    state TEXT NOT NULL,
    PRIMARY KEY (connection_id, external_id)
);
