-- A dispute on a clock of an incident, and its one review: who raised and who reviewed it, and when, are kept with it.
CREATE TABLE disputes (
    id uuid NOT NULL PRIMARY KEY,
    incident_id uuid NOT NULL REFERENCES incidents (id),
    customer_id uuid NOT NULL,
    agreement_id uuid NOT NULL,
    metric varchar(20) NOT NULL,
    cycle integer NULL,
    claim varchar(500) NOT NULL,
    comment varchar(2000) NULL,
    status varchar(20) NOT NULL,
    raised_at timestamptz NOT NULL,
    raised_by varchar(100) NULL,
    upheld boolean NULL,
    reason varchar(2000) NULL,
    remedy varchar(20) NULL,
    event_id varchar(100) NULL,
    reviewed_at timestamptz NULL,
    reviewed_by varchar(100) NULL
);

CREATE INDEX ix_disputes_incident_id ON disputes (incident_id);
CREATE INDEX ix_disputes_raised_at ON disputes (raised_at, customer_id);
