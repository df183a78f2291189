-- The most business time a cycle may spend paused (sla-semantics §8 "Pause cap"); null for no cap.
ALTER TABLE policy_versions ADD COLUMN max_pause_minutes integer NULL;
