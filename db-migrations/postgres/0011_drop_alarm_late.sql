-- Whether an alert is late is decided when it fires (more than the scheduler's tolerance after its instant,
-- sla-semantics §7), not when its alarm is planned: the alarm no longer carries it.
ALTER TABLE sla_alarms DROP COLUMN late;
