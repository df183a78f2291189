-- Restatements of an agreement's history and their reverts, with who did each and when; for each incident restated,
-- the binding it had and the one it was given, so that a revert restores the first exactly.
CREATE TABLE restatements (
    id TEXT NOT NULL PRIMARY KEY,
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    number INTEGER NOT NULL,
    agreement_version INTEGER NOT NULL,
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    reason TEXT NOT NULL,
    restated_at TEXT NOT NULL,
    restated_by TEXT NOT NULL,
    reverted_at TEXT NULL,
    reverted_by TEXT NULL,
    incidents INTEGER NOT NULL,
    outcomes_changed INTEGER NOT NULL,
    breaches_before INTEGER NOT NULL,
    breaches_after INTEGER NOT NULL
);

CREATE UNIQUE INDEX ix_restatements_agreement_id_number ON restatements (agreement_id, number);

CREATE TABLE restated_incidents (
    restatement_id TEXT NOT NULL REFERENCES restatements (id),
    incident_id TEXT NOT NULL,
    binding_before TEXT NOT NULL,
    binding_after TEXT NOT NULL,
    breached_before TEXT NOT NULL,
    breached_after TEXT NOT NULL,
    PRIMARY KEY (restatement_id, incident_id)
);
