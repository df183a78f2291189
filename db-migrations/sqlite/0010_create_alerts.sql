-- The alerts of the incidents' clocks, planned in the transaction that stores the clocks, so none is planned in memory
-- only. The scheduler fires them when due; alert_key names what an alarm reports, so it fires once however often it
-- is planned again.
CREATE TABLE sla_alarms (
    alarm_key TEXT NOT NULL PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    metric TEXT NOT NULL,
    type TEXT NOT NULL,
    cycle INTEGER NULL,
    threshold INTEGER NULL,
    occurs_at TEXT NOT NULL,
    due_at TEXT NULL,
    late INTEGER NOT NULL,
    coverage_calendar_id TEXT NULL
);

CREATE INDEX ix_sla_alarms_occurs_at ON sla_alarms (occurs_at);
CREATE INDEX ix_sla_alarms_incident_id_metric ON sla_alarms (incident_id, metric);

-- Fired alerts, immutable, in the order they fired: the feed's cursor is the sequence.
CREATE TABLE alerts (
    sequence INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    alert_key TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    incident_id TEXT NULL,
    source TEXT NULL,
    external_id TEXT NULL,
    customer_id TEXT NULL,
    agreement_id TEXT NULL,
    metric TEXT NULL,
    cycle INTEGER NULL,
    threshold INTEGER NULL,
    occurred_at TEXT NOT NULL,
    due_at TEXT NULL,
    late INTEGER NOT NULL,
    days_before INTEGER NULL,
    reason TEXT NULL,
    coverage_calendar_id TEXT NULL,
    fired_at TEXT NOT NULL
);

CREATE INDEX ix_alerts_customer_id_sequence ON alerts (customer_id, sequence);

CREATE TABLE webhooks (
    id TEXT NOT NULL PRIMARY KEY,
    url TEXT NOT NULL,
    types TEXT NOT NULL,
    customer_id TEXT NULL REFERENCES customers (id),
    only_during_coverage INTEGER NOT NULL,
    renewal_days INTEGER NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT NULL,
    previous_secret_until TEXT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT NULL,
    disabled_reason TEXT NULL,
    deleted_at TEXT NULL
);

-- The outbox: one row per (subscription, alert), written with the alert; the dispatcher delivers it at least once.
CREATE TABLE webhook_deliveries (
    id TEXT NOT NULL PRIMARY KEY,
    webhook_id TEXT NOT NULL REFERENCES webhooks (id),
    alert_sequence INTEGER NOT NULL REFERENCES alerts (sequence),
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NULL,
    created_at TEXT NOT NULL,
    delivered_at TEXT NULL,
    last_status_code INTEGER NULL,
    last_error TEXT NULL,
    UNIQUE (webhook_id, alert_sequence)
);

CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id),
    attempt INTEGER NOT NULL,
    attempted_at TEXT NOT NULL,
    status_code INTEGER NULL,
    latency_ms INTEGER NOT NULL,
    error TEXT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
