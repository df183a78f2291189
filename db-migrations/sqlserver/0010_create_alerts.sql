-- The alerts of the incidents' clocks, planned in the transaction that stores the clocks, so none is planned in memory
-- only. The scheduler fires them when due; alert_key names what an alarm reports, so it fires once however often it
-- is planned again.
CREATE TABLE sla_alarms (
    alarm_key nvarchar(200) NOT NULL PRIMARY KEY,
    incident_id uniqueidentifier NOT NULL REFERENCES incidents (id),
    metric nvarchar(50) NOT NULL,
    type nvarchar(50) NOT NULL,
    cycle int NULL,
    threshold int NULL,
    occurs_at datetimeoffset NOT NULL,
    due_at datetimeoffset NULL,
    late bit NOT NULL,
    coverage_calendar_id uniqueidentifier NULL
);

CREATE INDEX ix_sla_alarms_occurs_at ON sla_alarms (occurs_at);
CREATE INDEX ix_sla_alarms_incident_id_metric ON sla_alarms (incident_id, metric);

-- Fired alerts, immutable, in the order they fired: the feed's cursor is the sequence.
CREATE TABLE alerts (
    sequence bigint IDENTITY(1,1) NOT NULL PRIMARY KEY,
    id uniqueidentifier NOT NULL UNIQUE,
    alert_key nvarchar(200) NOT NULL UNIQUE,
    type nvarchar(50) NOT NULL,
    incident_id uniqueidentifier NULL,
    source nvarchar(50) NULL,
    external_id nvarchar(100) NULL,
    customer_id uniqueidentifier NULL,
    agreement_id uniqueidentifier NULL,
    metric nvarchar(50) NULL,
    cycle int NULL,
    threshold int NULL,
    occurred_at datetimeoffset NOT NULL,
    due_at datetimeoffset NULL,
    late bit NOT NULL,
    days_before int NULL,
    reason nvarchar(500) NULL,
    coverage_calendar_id uniqueidentifier NULL,
    fired_at datetimeoffset NOT NULL
);

CREATE INDEX ix_alerts_customer_id_sequence ON alerts (customer_id, sequence);

CREATE TABLE webhooks (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    url nvarchar(2000) NOT NULL,
    types nvarchar(max) NOT NULL,
    customer_id uniqueidentifier NULL REFERENCES customers (id),
    only_during_coverage bit NOT NULL,
    renewal_days int NOT NULL,
    secret nvarchar(200) NOT NULL,
    previous_secret nvarchar(200) NULL,
    previous_secret_until datetimeoffset NULL,
    created_at datetimeoffset NOT NULL,
    disabled_at datetimeoffset NULL,
    disabled_reason nvarchar(500) NULL,
    deleted_at datetimeoffset NULL
);

-- The outbox: one row per (subscription, alert), written with the alert; the dispatcher delivers it at least once.
CREATE TABLE webhook_deliveries (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    webhook_id uniqueidentifier NOT NULL REFERENCES webhooks (id),
    alert_sequence bigint NOT NULL REFERENCES alerts (sequence),
    status nvarchar(50) NOT NULL,
    attempts int NOT NULL,
    next_attempt_at datetimeoffset NULL,
    created_at datetimeoffset NOT NULL,
    delivered_at datetimeoffset NULL,
    last_status_code int NULL,
    last_error nvarchar(max) NULL,
    UNIQUE (webhook_id, alert_sequence)
);

CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhook_attempts (
    delivery_id uniqueidentifier NOT NULL REFERENCES webhook_deliveries (id),
    attempt int NOT NULL,
    attempted_at datetimeoffset NOT NULL,
    status_code int NULL,
    latency_ms int NOT NULL,
    error nvarchar(max) NULL,
    PRIMARY KEY (delivery_id, attempt)
);
