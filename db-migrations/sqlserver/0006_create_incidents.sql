CREATE TABLE incidents (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    source nvarchar(50) NOT NULL,
    external_id nvarchar(100) NOT NULL,
    customer_id uniqueidentifier NOT NULL REFERENCES customers (id),
    title nvarchar(500) NOT NULL,
    opened_priority int NOT NULL,
    service_code nvarchar(100) NULL,
    opened_status nvarchar(50) NULL,
    opened_at datetimeoffset NOT NULL,
    agreement_id uniqueidentifier NULL,
    agreement_version int NULL,
    policy_id uniqueidentifier NULL,
    policy_version int NULL,
    calendar_versions nvarchar(max) NULL,
    unbound_reason nvarchar(500) NULL,
    priority int NOT NULL,
    status nvarchar(50) NULL,
    is_open bit NOT NULL,
    excluded bit NOT NULL,
    exclusion_reason nvarchar(100) NULL,
    first_resolved_at datetimeoffset NULL,
    event_count int NOT NULL,
    final_resolved_at datetimeoffset NULL,
    created_at datetimeoffset NOT NULL,
    UNIQUE (source, external_id)
);

CREATE INDEX ix_incidents_customer_id_opened_at ON incidents (customer_id, opened_at);
CREATE INDEX ix_incidents_opened_at ON incidents (opened_at);

CREATE TABLE incident_events (
    incident_id uniqueidentifier NOT NULL REFERENCES incidents (id),
    event_id nvarchar(200) NOT NULL,
    sequence int NOT NULL,
    type nvarchar(20) NOT NULL,
    occurred_at datetimeoffset NOT NULL,
    status nvarchar(50) NULL,
    priority int NULL,
    reason nvarchar(100) NULL,
    received_at datetimeoffset NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);

-- The state of each clock as of the incident's last change. due_at and warning_at do not move while
-- nothing happens, so lists and the queue can compare them with now without replaying.
CREATE TABLE incident_clocks (
    incident_id uniqueidentifier NOT NULL REFERENCES incidents (id),
    metric nvarchar(20) NOT NULL,
    cycle int NOT NULL,
    state nvarchar(20) NOT NULL,
    calendar_id uniqueidentifier NOT NULL,
    started_at datetimeoffset NOT NULL,
    stopped_at datetimeoffset NULL,
    target_seconds bigint NOT NULL,
    elapsed_seconds bigint NOT NULL,
    remaining_seconds bigint NOT NULL,
    due_at datetimeoffset NULL,
    warning_at datetimeoffset NULL,
    breached_at datetimeoffset NULL,
    settled_at datetimeoffset NULL,
    retroactive bit NOT NULL,
    evaluated_at datetimeoffset NOT NULL,
    PRIMARY KEY (incident_id, metric)
);

CREATE INDEX ix_incident_clocks_due_at ON incident_clocks (due_at);
