-- The business time a stopped cycle spent paused (its status pauses that did not count, reopen gaps left out) per
-- reason given for the pause, as a JSON object of seconds keyed by reason code ("" for none; {} for no pause). Null for
-- a cycle not stopped, and for outcomes stored before this column: the pause report reads only the measured ones.
ALTER TABLE clock_outcomes ADD COLUMN paused_by_reason text NULL;
