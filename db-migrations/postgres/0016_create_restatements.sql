-- Restatements of an agreement's history and their reverts, with who did each and when; for each incident restated,
-- the binding it had and the one it was given, so that a revert restores the first exactly.
CREATE TABLE restatements (
    id uuid NOT NULL PRIMARY KEY,
    agreement_id uuid NOT NULL REFERENCES agreements (id),
    number integer NOT NULL,
    agreement_version integer NOT NULL,
    period_from timestamptz NOT NULL,
    period_to timestamptz NOT NULL,
    reason varchar(1000) NOT NULL,
    restated_at timestamptz NOT NULL,
    restated_by varchar(1000) NOT NULL,
    reverted_at timestamptz NULL,
    reverted_by varchar(1000) NULL,
    incidents integer NOT NULL,
    outcomes_changed integer NOT NULL,
    breaches_before bigint NOT NULL,
    breaches_after bigint NOT NULL
);

CREATE UNIQUE INDEX ix_restatements_agreement_id_number ON restatements (agreement_id, number);

CREATE TABLE restated_incidents (
    restatement_id uuid NOT NULL REFERENCES restatements (id),
    incident_id uuid NOT NULL,
    binding_before text NOT NULL,
    binding_after text NOT NULL,
    breached_before text NOT NULL,
    breached_after text NOT NULL,
    PRIMARY KEY (restatement_id, incident_id)
);
