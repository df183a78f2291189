-- Bumped whenever an incident's stored state is recomputed outside the event writer (a restatement, its revert, a rules
-- upgrade), so that every node's cached copy of the incident is seen to be stale, not only the copy on the node that did it.
ALTER TABLE incidents ADD state_revision int NOT NULL CONSTRAINT df_incidents_state_revision DEFAULT 0;

-- One node at a time processes a connection's inbox, so that a ticket's versions are compared in the order they came
-- even when several nodes share the database. Held while processing, renewed while it lasts, taken over once it lapses.
CREATE TABLE inbound_processing_leases (
    connection_id uniqueidentifier NOT NULL PRIMARY KEY REFERENCES connections (id),
    holder uniqueidentifier NOT NULL,
    lease_until datetimeoffset NOT NULL
);
