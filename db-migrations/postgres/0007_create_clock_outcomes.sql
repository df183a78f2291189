ALTER TABLE incidents ADD COLUMN first_resolution_seconds bigint NULL;
ALTER TABLE incidents ADD COLUMN final_resolution_seconds bigint NULL;

CREATE INDEX ix_incidents_first_resolved_at ON incidents (first_resolved_at);
CREATE INDEX ix_incidents_final_resolved_at ON incidents (final_resolved_at);

-- Every clock cycle with an outcome, one row each, with the dimensions reports group by. A running clock is
-- stored breached at its due instant, which counts once it has passed (ClockOutcome). service_code is '' for none.
CREATE TABLE clock_outcomes (
    incident_id uuid NOT NULL REFERENCES incidents (id),
    metric varchar(20) NOT NULL,
    cycle integer NOT NULL,
    customer_id uuid NOT NULL,
    agreement_id uuid NOT NULL,
    agreement_version integer NOT NULL,
    policy_id uuid NOT NULL,
    policy_version integer NOT NULL,
    priority integer NOT NULL,
    service_code varchar(100) NOT NULL,
    excluded boolean NOT NULL,
    breached boolean NOT NULL,
    settled_at timestamptz NOT NULL,
    started_at timestamptz NOT NULL,
    stopped_at timestamptz NULL,
    target_seconds bigint NOT NULL,
    elapsed_seconds bigint NULL,
    retroactive boolean NOT NULL,
    PRIMARY KEY (incident_id, metric, cycle)
);

CREATE INDEX ix_clock_outcomes_settled_at ON clock_outcomes (settled_at)
    INCLUDE (customer_id, agreement_id, agreement_version, policy_id, policy_version, priority, metric, service_code, breached, excluded);
CREATE INDEX ix_clock_outcomes_stopped_at ON clock_outcomes (stopped_at);

-- clock_outcomes counted per UTC month of settlement: compliance over months reads these, and settled rows only
-- for the hours between a UTC month start and the period boundary in the report's zone (docs/reporting.md).
CREATE TABLE clock_outcome_months (
    month timestamptz NOT NULL,
    customer_id uuid NOT NULL,
    agreement_id uuid NOT NULL,
    agreement_version integer NOT NULL,
    policy_id uuid NOT NULL,
    policy_version integer NOT NULL,
    priority integer NOT NULL,
    metric varchar(20) NOT NULL,
    service_code varchar(100) NOT NULL,
    met_count bigint NOT NULL,
    breached_count bigint NOT NULL,
    excluded_count bigint NOT NULL,
    PRIMARY KEY (month, customer_id, agreement_id, agreement_version, policy_id, policy_version, priority, metric, service_code)
);
