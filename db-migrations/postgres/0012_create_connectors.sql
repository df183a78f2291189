-- PSA and RMM tools posting to their own inbound URL; versioned like the other definitions, the kind and token fixed.
CREATE TABLE connections (
    id uuid NOT NULL PRIMARY KEY,
    kind varchar(50) NOT NULL,
    token varchar(100) NOT NULL,
    current_version integer NOT NULL,
    created_at timestamptz NOT NULL,
    deleted_at timestamptz NULL
);

CREATE TABLE connection_versions (
    connection_id uuid NOT NULL REFERENCES connections (id),
    version integer NOT NULL,
    name varchar(200) NOT NULL,
    source varchar(50) NOT NULL,
    secret varchar(200) NULL,
    key_url_hosts text NOT NULL,
    mapping text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (connection_id, version)
);

-- The inbox: every authentic delivery as received, stored before it is acknowledged and kept whatever became of it.
CREATE TABLE inbound_deliveries (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    connection_id uuid NOT NULL REFERENCES connections (id),
    received_at timestamptz NOT NULL,
    is_record boolean NOT NULL,
    body text NOT NULL,
    status varchar(20) NOT NULL,
    reason varchar(1000) NULL,
    dedup_key varchar(300) NULL,
    external_ids text NULL,
    attempts integer NOT NULL,
    lease_until timestamptz NULL,
    processed_at timestamptz NULL
);

CREATE INDEX ix_inbound_deliveries_pending ON inbound_deliveries (sequence) WHERE status = 'pending';
CREATE INDEX ix_inbound_deliveries_connection_id_sequence ON inbound_deliveries (connection_id, sequence);
CREATE INDEX ix_inbound_deliveries_connection_id_dedup_key ON inbound_deliveries (connection_id, dedup_key);

-- The last known state of each ticket, which the next delivery is compared with.
CREATE TABLE connector_tickets (
    connection_id uuid NOT NULL REFERENCES connections (id),
    external_id varchar(100) NOT NULL,
    incident_id uuid NOT NULL REFERENCES incidents (id),
    state text NOT NULL,
    PRIMARY KEY (connection_id, external_id)
);
