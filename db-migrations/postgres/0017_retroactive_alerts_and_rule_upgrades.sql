-- A breach that a priority change placed in the past is planned and fired as retroactive (sla-semantics §3), so that
-- receivers can mute notification storms.
ALTER TABLE sla_alarms ADD COLUMN retroactive boolean NOT NULL DEFAULT false;
ALTER TABLE alerts ADD COLUMN retroactive boolean NOT NULL DEFAULT false;

-- Each time every stored incident was replayed under a new version of the rules of meaning (the rules-upgrade command):
-- when it finished and how many verdicts it changed, so that no change of the rules reaches the figures silently.
CREATE TABLE rule_upgrades (
    rules_version integer NOT NULL PRIMARY KEY,
    completed_at timestamptz NOT NULL,
    incidents bigint NOT NULL,
    verdicts_changed bigint NOT NULL
);
