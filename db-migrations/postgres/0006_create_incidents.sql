CREATE TABLE incidents (
    id uuid NOT NULL PRIMARY KEY,
    source varchar(50) NOT NULL,
    external_id varchar(100) NOT NULL,
    customer_id uuid NOT NULL REFERENCES customers (id),
    title varchar(500) NOT NULL,
    opened_priority integer NOT NULL,
    service_code varchar(100) NULL,
    opened_status varchar(50) NULL,
    opened_at timestamptz NOT NULL,
    agreement_id uuid NULL,
    agreement_version integer NULL,
    policy_id uuid NULL,
    policy_version integer NULL,
    calendar_versions text NULL,
    unbound_reason varchar(500) NULL,
    priority integer NOT NULL,
    status varchar(50) NULL,
    is_open boolean NOT NULL,
    excluded boolean NOT NULL,
    exclusion_reason varchar(100) NULL,
    first_resolved_at timestamptz NULL,
    event_count integer NOT NULL,
    final_resolved_at timestamptz NULL,
    created_at timestamptz NOT NULL,
    UNIQUE (source, external_id)
);

CREATE INDEX ix_incidents_customer_id_opened_at ON incidents (customer_id, opened_at);
CREATE INDEX ix_incidents_opened_at ON incidents (opened_at);

CREATE TABLE incident_events (
    incident_id uuid NOT NULL REFERENCES incidents (id),
    event_id varchar(200) NOT NULL,
    sequence integer NOT NULL,
    type varchar(20) NOT NULL,
    occurred_at timestamptz NOT NULL,
    status varchar(50) NULL,
    priority integer NULL,
    reason varchar(100) NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (incident_id, event_id)
);

-- The state of each clock as of the incident's last change. due_at and warning_at do not move while
-- nothing happens, so lists and the queue can compare them with now without replaying.
CREATE TABLE incident_clocks (
    incident_id uuid NOT NULL REFERENCES incidents (id),
    metric varchar(20) NOT NULL,
    cycle integer NOT NULL,
    state varchar(20) NOT NULL,
    calendar_id uuid NOT NULL,
    started_at timestamptz NOT NULL,
    stopped_at timestamptz NULL,
    target_seconds bigint NOT NULL,
    elapsed_seconds bigint NOT NULL,
    remaining_seconds bigint NOT NULL,
    due_at timestamptz NULL,
    warning_at timestamptz NULL,
    breached_at timestamptz NULL,
    settled_at timestamptz NULL,
    retroactive boolean NOT NULL,
    evaluated_at timestamptz NOT NULL,
    PRIMARY KEY (incident_id, metric)
);

CREATE INDEX ix_incident_clocks_due_at ON incident_clocks (due_at);
