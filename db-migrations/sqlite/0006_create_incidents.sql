CREATE TABLE incidents (
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
    UNIQUE (source, external_id)
);

CREATE INDEX ix_incidents_customer_id_opened_at ON incidents (customer_id, opened_at);
CREATE INDEX ix_incidents_opened_at ON incidents (opened_at);

CREATE TABLE incident_events (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    event_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    type TEXT NOT NULL,
    occurred_at TEXT NOT NULL,
    status TEXT NULL,
    priority INTEGER NULL,
    reason TEXT NULL,
    received_at TEXT NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);

-- The state of each clock as of the incident's last change. due_at and warning_at do not move while
-- nothing happens, so lists and the queue can compare them with now without replaying.
CREATE TABLE incident_clocks (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    metric TEXT NOT NULL,
    cycle INTEGER NOT NULL,
    state TEXT NOT NULL,
    calendar_id TEXT NOT NULL,
    started_at TEXT NOT NULL,
    stopped_at TEXT NULL,
    target_seconds INTEGER NOT NULL,
    elapsed_seconds INTEGER NOT NULL,
    remaining_seconds INTEGER NOT NULL,
    due_at TEXT NULL,
    warning_at TEXT NULL,
    breached_at TEXT NULL,
    settled_at TEXT NULL,
    retroactive INTEGER NOT NULL,
    evaluated_at TEXT NOT NULL,
    PRIMARY KEY (incident_id, metric)
);

CREATE INDEX ix_incident_clocks_due_at ON incident_clocks (due_at);
