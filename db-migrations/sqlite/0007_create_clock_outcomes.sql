ALTER TABLE incidents ADD COLUMN first_resolution_seconds INTEGER NULL;
ALTER TABLE incidents ADD COLUMN final_resolution_seconds INTEGER NULL;

CREATE INDEX ix_incidents_first_resolved_at ON incidents (first_resolved_at);
CREATE INDEX ix_incidents_final_resolved_at ON incidents (final_resolved_at);

-- Every clock cycle with an outcome, one row each, with the dimensions reports group by. A running clock is
-- stored breached at its due instant, which counts once it has passed (ClockOutcome). service_code is '' for none.
CREATE TABLE clock_outcomes (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    metric TEXT NOT NULL,
    cycle INTEGER NOT NULL,
    customer_id TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    agreement_version INTEGER NOT NULL,
    policy_id TEXT NOT NULL,
    policy_version INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    service_code TEXT NOT NULL,
    excluded INTEGER NOT NULL,
    breached INTEGER NOT NULL,
    settled_at TEXT NOT NULL,
    started_at TEXT NOT NULL,
    stopped_at TEXT NULL,
    target_seconds INTEGER NOT NULL,
    elapsed_seconds INTEGER NULL,
    retroactive INTEGER NOT NULL,
    PRIMARY KEY (incident_id, metric, cycle)
);

CREATE INDEX ix_clock_outcomes_settled_at ON clock_outcomes (
    settled_at, customer_id, agreement_id, agreement_version, policy_id, policy_version, priority, metric, service_code, breached, excluded);
CREATE INDEX ix_clock_outcomes_stopped_at ON clock_outcomes (stopped_at);

-- clock_outcomes counted per UTC month of settlement: compliance over months reads these, and settled rows only
-- for the hours between a UTC month start and the period boundary in the report's zone (docs/reporting.md).
CREATE TABLE clock_outcome_months (
    month TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    agreement_version INTEGER NOT NULL,
    policy_id TEXT NOT NULL,
    policy_version INTEGER NOT NULL,
    priority INTEGER NOT NULL,
    metric TEXT NOT NULL,
    service_code TEXT NOT NULL,
    met_count INTEGER NOT NULL,
    breached_count INTEGER NOT NULL,
    excluded_count INTEGER NOT NULL,
    PRIMARY KEY (month, customer_id, agreement_id, agreement_version, policy_id, policy_version, priority, metric, service_code)
);
