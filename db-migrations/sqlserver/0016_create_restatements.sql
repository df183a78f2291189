-- Restatements of an agreement's history and their reverts, with who did each and when; for each incident restated,
-- the binding it had and the one it was given, so that a revert restores the first exactly.
CREATE TABLE restatements (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    agreement_id uniqueidentifier NOT NULL REFERENCES agreements (id),
    number int NOT NULL,
    agreement_version int NOT NULL,
    period_from datetimeoffset NOT NULL,
    period_to datetimeoffset NOT NULL,
    reason nvarchar(1000) NOT NULL,
    restated_at datetimeoffset NOT NULL,
    restated_by nvarchar(1000) NOT NULL,
    reverted_at datetimeoffset NULL,
    reverted_by nvarchar(1000) NULL,
    incidents int NOT NULL,
    outcomes_changed int NOT NULL,
    breaches_before bigint NOT NULL,
    breaches_after bigint NOT NULL
);

CREATE UNIQUE INDEX ix_restatements_agreement_id_number ON restatements (agreement_id, number);

CREATE TABLE restated_incidents (
    restatement_id uniqueidentifier NOT NULL REFERENCES restatements (id),
    incident_id uniqueidentifier NOT NULL,
    binding_before nvarchar(max) NOT NULL,
    binding_after nvarchar(max) NOT NULL,
    breached_before nvarchar(max) NOT NULL,
    breached_after nvarchar(max) NOT NULL,
    PRIMARY KEY (restatement_id, incident_id)
);
