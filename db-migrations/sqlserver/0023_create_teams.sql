-- Teams an incident is assigned to, versioned like policies, each with its OLA targets per priority as JSON
-- (docs/sla-semantics.md §9); a team with a vendor is an outside supplier held to an underpinning contract.
CREATE TABLE teams (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    current_version int NOT NULL,
    created_at datetimeoffset NOT NULL
);

CREATE TABLE team_versions (
    team_id uniqueidentifier NOT NULL REFERENCES teams (id),
    version int NOT NULL,
    name nvarchar(200) NOT NULL,
    calendar_id uniqueidentifier NOT NULL,
    vendor nvarchar(200) NULL,
    ola_targets nvarchar(max) NOT NULL,
    version_effective_from datetimeoffset NOT NULL,
    PRIMARY KEY (team_id, version)
);

-- The team an assigned event hands the incident to; null for every other event.
ALTER TABLE incident_events ADD team_id uniqueidentifier NULL;
