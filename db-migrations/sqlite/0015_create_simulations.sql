-- What-if simulations: the request, the runner's lease and progress, and the answer once completed. The flips a
-- simulation found are kept apart, by position, to be read a page at a time.
CREATE TABLE simulations (
    id TEXT NOT NULL PRIMARY KEY,
    status TEXT NOT NULL,
    percent_done INTEGER NOT NULL,
    incidents_total INTEGER NOT NULL,
    incidents_replayed INTEGER NOT NULL,
    request TEXT NOT NULL,
    result TEXT NULL,
    error TEXT NULL,
    requested_by TEXT NULL,
    customer_scope TEXT NULL,
    created_at TEXT NOT NULL,
    started_at TEXT NULL,
    finished_at TEXT NULL,
    lease_until TEXT NULL
);

CREATE INDEX ix_simulations_status ON simulations (status, created_at);

CREATE TABLE simulation_flips (
    simulation_id TEXT NOT NULL REFERENCES simulations (id),
    position INTEGER NOT NULL,
    incident_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    priority INTEGER NOT NULL,
    metric TEXT NOT NULL,
    cycle INTEGER NOT NULL,
    actual_breached INTEGER NOT NULL,
    actual_target_seconds INTEGER NOT NULL,
    draft_target_seconds INTEGER NOT NULL,
    elapsed_seconds_actual INTEGER NULL,
    elapsed_seconds_draft INTEGER NULL,
    PRIMARY KEY (simulation_id, position)
);
