-- A breach that a priority change placed in the past is planned and fired as retroactive (sla-semantics §3), so that
-- receivers can mute notification storms.
ALTER TABLE sla_alarms ADD retroactive bit NOT NULL CONSTRAINT df_sla_alarms_retroactive DEFAULT 0;
ALTER TABLE alerts ADD retroactive bit NOT NULL CONSTRAINT df_alerts_retroactive DEFAULT 0;

-- Each time every stored incident was replayed under a new version of the rules of meaning (the rules-upgrade command):
-- when it finished and how many verdicts it changed, so that no change of the rules reaches the figures silently.
CREATE TABLE rule_upgrades (
    rules_version int NOT NULL PRIMARY KEY,
    completed_at datetimeoffset NOT NULL,
    incidents bigint NOT NULL,
    verdicts_changed bigint NOT NULL
);
