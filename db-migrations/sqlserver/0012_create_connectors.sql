-- PSA and RMM tools posting to their own inbound URL; versioned like the other definitions, the kind and token fixed.
CREATE TABLE connections (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    kind nvarchar(50) NOT NULL,
    token nvarchar(100) NOT NULL,
    current_version int NOT NULL,
    created_at datetimeoffset NOT NULL,
    deleted_at datetimeoffset NULL
);

CREATE TABLE connection_versions (
    connection_id uniqueidentifier NOT NULL REFERENCES connections (id),
    version int NOT NULL,
    name nvarchar(200) NOT NULL,
    source nvarchar(50) NOT NULL,
    secret nvarchar(200) NULL,
    key_url_hosts nvarchar(max) NOT NULL,
    mapping nvarchar(max) NOT NULL,
    created_at datetimeoffset NOT NULL,
    PRIMARY KEY (connection_id, version)
);

-- The inbox: every authentic delivery as received, stored before it is acknowledged and kept whatever became of it.
CREATE TABLE inbound_deliveries (
    sequence bigint IDENTITY(1,1) PRIMARY KEY,
    id uniqueidentifier NOT NULL UNIQUE,
    connection_id uniqueidentifier NOT NULL REFERENCES connections (id),
    received_at datetimeoffset NOT NULL,
    is_record bit NOT NULL,
    body nvarchar(max) NOT NULL,
    status nvarchar(20) NOT NULL,
    reason nvarchar(1000) NULL,
    dedup_key nvarchar(300) NULL,
    external_ids nvarchar(max) NULL,
    attempts int NOT NULL,
    lease_until datetimeoffset NULL,
    processed_at datetimeoffset NULL
);

CREATE INDEX ix_inbound_deliveries_pending ON inbound_deliveries (sequence) WHERE status = 'pending';
CREATE INDEX ix_inbound_deliveries_connection_id_sequence ON inbound_deliveries (connection_id, sequence);
CREATE INDEX ix_inbound_deliveries_connection_id_dedup_key ON inbound_deliveries (connection_id, dedup_key);

-- The last known state of each ticket, which the next delivery is compared with.
CREATE TABLE connector_tickets (
    connection_id uniqueidentifier NOT NULL REFERENCES connections (id),
    external_id nvarchar(100) NOT NULL,
    incident_id uniqueidentifier NOT NULL REFERENCES incidents (id),
    state nvarchar(max) NOT NULL,
    PRIMARY KEY (connection_id, external_id)
);
