-- A dispute on a clock of an incident, and its one review: who raised and who reviewed it, and when, are kept with it.
CREATE TABLE disputes (
    id TEXT NOT NULL PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    customer_id TEXT NOT NULL,
    agreement_id TEXT NOT NULL,
    metric TEXT NOT NULL,
    cycle INTEGER NULL,
    claim TEXT NOT NULL,
    comment TEXT NULL,
    status TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    raised_by TEXT NULL,
    upheld INTEGER NULL,
    reason TEXT NULL,
    remedy TEXT NULL,
    event_id TEXT NULL,
    reviewed_at TEXT NULL,
    reviewed_by TEXT NULL
);

CREATE INDEX ix_disputes_incident_id ON disputes (incident_id);
CREATE INDEX ix_disputes_raised_at ON disputes (raised_at, customer_id);
