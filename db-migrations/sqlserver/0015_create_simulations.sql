-- What-if simulations: the request, the runner's lease and progress, and the answer once completed. The flips a
-- simulation found are kept apart, by position, to be read a page at a time.
CREATE TABLE simulations (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    status nvarchar(20) NOT NULL,
    percent_done int NOT NULL,
    incidents_total bigint NOT NULL,
    incidents_replayed bigint NOT NULL,
    request nvarchar(max) NOT NULL,
    result nvarchar(max) NULL,
    error nvarchar(max) NULL,
    requested_by nvarchar(100) NULL,
    customer_scope uniqueidentifier NULL,
    created_at datetimeoffset NOT NULL,
    started_at datetimeoffset NULL,
    finished_at datetimeoffset NULL,
    lease_until datetimeoffset NULL
);

CREATE INDEX ix_simulations_status ON simulations (status, created_at);

CREATE TABLE simulation_flips (
    simulation_id uniqueidentifier NOT NULL REFERENCES simulations (id),
    position int NOT NULL,
    incident_id uniqueidentifier NOT NULL,
    customer_id uniqueidentifier NOT NULL,
    agreement_id uniqueidentifier NOT NULL,
    priority int NOT NULL,
    metric nvarchar(20) NOT NULL,
    cycle int NOT NULL,
    actual_breached bit NOT NULL,
    actual_target_seconds bigint NOT NULL,
    draft_target_seconds bigint NOT NULL,
    elapsed_seconds_actual bigint NULL,
    elapsed_seconds_draft bigint NULL,
    PRIMARY KEY (simulation_id, position)
);
