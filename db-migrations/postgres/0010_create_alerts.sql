-- The alerts of the incidents' clocks, planned in the transaction that stores the clocks, so none is planned in memory
-- only. The scheduler fires them when due; alert_key names what an alarm reports, so it fires once however often it
-- is planned again.
CREATE TABLE sla_alarms (
    alarm_key varchar(200) NOT NULL PRIMARY KEY,
    incident_id uuid NOT NULL REFERENCES incidents (id),
    metric varchar(50) NOT NULL,
    type varchar(50) NOT NULL,
    cycle integer NULL,
    threshold integer NULL,
    occurs_at timestamptz NOT NULL,
    due_at timestamptz NULL,
    late boolean NOT NULL,
    coverage_calendar_id uuid NULL
);

CREATE INDEX ix_sla_alarms_occurs_at ON sla_alarms (occurs_at);
CREATE INDEX ix_sla_alarms_incident_id_metric ON sla_alarms (incident_id, metric);

-- Fired alerts, immutable, in the order they fired: the feed's cursor is the sequence.
CREATE TABLE alerts (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id uuid NOT NULL UNIQUE,
    alert_key varchar(200) NOT NULL UNIQUE,
    type varchar(50) NOT NULL,
    incident_id uuid NULL,
    source varchar(50) NULL,
    external_id varchar(100) NULL,
    customer_id uuid NULL,
    agreement_id uuid NULL,
    metric varchar(50) NULL,
    cycle integer NULL,
    threshold integer NULL,
    occurred_at timestamptz NOT NULL,
    due_at timestamptz NULL,
    late boolean NOT NULL,
    days_before integer NULL,
    reason varchar(500) NULL,
    coverage_calendar_id uuid NULL,
    fired_at timestamptz NOT NULL
);

CREATE INDEX ix_alerts_customer_id_sequence ON alerts (customer_id, sequence);

CREATE TABLE webhooks (
    id uuid NOT NULL PRIMARY KEY,
    url text NOT NULL,
    types text NOT NULL,
    customer_id uuid NULL REFERENCES customers (id),
    only_during_coverage boolean NOT NULL,
    renewal_days integer NOT NULL,
    secret varchar(200) NOT NULL,
    previous_secret varchar(200) NULL,
    previous_secret_until timestamptz NULL,
    created_at timestamptz NOT NULL,
    disabled_at timestamptz NULL,
    disabled_reason varchar(500) NULL,
    deleted_at timestamptz NULL
);

-- The outbox: one row per (subscription, alert), written with the alert; the dispatcher delivers it at least once.
CREATE TABLE webhook_deliveries (
    id uuid NOT NULL PRIMARY KEY,
    webhook_id uuid NOT NULL REFERENCES webhooks (id),
    alert_sequence bigint NOT NULL REFERENCES alerts (sequence),
    status varchar(50) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamptz NULL,
    created_at timestamptz NOT NULL,
    delivered_at timestamptz NULL,
    last_status_code integer NULL,
    last_error text NULL,
    UNIQUE (webhook_id, alert_sequence)
);

CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id),
    attempt integer NOT NULL,
    attempted_at timestamptz NOT NULL,
    status_code integer NULL,
    latency_ms integer NOT NULL,
    error text NULL,
    PRIMARY KEY (delivery_id, attempt)
);
