-- A breach that a priority change placed in the past is planned and fired as retroactive (sla-semantics §3), so that
-- receivers can mute notification storms.
ALTER TABLE sla_alarms ADD COLUMN retroactive INTEGER NOT NULL DEFAULT 0;
ALTER TABLE alerts ADD COLUMN retroactive INTEGER NOT NULL DEFAULT 0;

-- Each time every stored incident was replayed under a new version of the rules of meaning (the rules-upgrade command):
-- when it finished and how many verdicts it changed, so that no change of the rules reaches the figures silently.
CREATE TABLE rule_upgrades (
    rules_version INTEGER NOT NULL PRIMARY KEY,
    completed_at TEXT NOT NULL,
    incidents INTEGER NOT NULL,
    verdicts_changed INTEGER NOT NULL
);
