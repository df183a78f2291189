-- A dispute on a clock of an incident, and its one review: who raised and who reviewed it, and when, are kept with it.
CREATE TABLE disputes (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    incident_id uniqueidentifier NOT NULL REFERENCES incidents (id),
    customer_id uniqueidentifier NOT NULL,
    agreement_id uniqueidentifier NOT NULL,
    metric nvarchar(20) NOT NULL,
    cycle int NULL,
    claim nvarchar(500) NOT NULL,
    comment nvarchar(2000) NULL,
    status nvarchar(20) NOT NULL,
    raised_at datetimeoffset NOT NULL,
    raised_by nvarchar(100) NULL,
    upheld bit NULL,
    reason nvarchar(2000) NULL,
    remedy nvarchar(20) NULL,
    event_id nvarchar(100) NULL,
    reviewed_at datetimeoffset NULL,
    reviewed_by nvarchar(100) NULL
);

CREATE INDEX ix_disputes_incident_id ON disputes (incident_id);
CREATE INDEX ix_disputes_raised_at ON disputes (raised_at, customer_id);
