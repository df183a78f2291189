-- What-if simulations: the request, the runner's lease and progress, and the answer once completed. The flips a
-- simulation found are kept apart, by position, to be read a page at a time.
CREATE TABLE simulations (
    id uuid NOT NULL PRIMARY KEY,
    status varchar(20) NOT NULL,
    percent_done integer NOT NULL,
    incidents_total bigint NOT NULL,
    incidents_replayed bigint NOT NULL,
    request text NOT NULL,
    result text NULL,
    error text NULL,
    requested_by varchar(100) NULL,
    customer_scope uuid NULL,
    created_at timestamptz NOT NULL,
    started_at timestamptz NULL,
    finished_at timestamptz NULL,
    lease_until timestamptz NULL
);

CREATE INDEX ix_simulations_status ON simulations (status, created_at);

CREATE TABLE simulation_flips (
    simulation_id uuid NOT NULL REFERENCES simulations (id),
    position integer NOT NULL,
    incident_id uuid NOT NULL,
    customer_id uuid NOT NULL,
    agreement_id uuid NOT NULL,
    priority integer NOT NULL,
    metric varchar(20) NOT NULL,
    cycle integer NOT NULL,
    actual_breached boolean NOT NULL,
    actual_target_seconds bigint NOT NULL,
    draft_target_seconds bigint NOT NULL,
    elapsed_seconds_actual bigint NULL,
    elapsed_seconds_draft bigint NULL,
    PRIMARY KEY (simulation_id, position)
);
