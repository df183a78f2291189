CREATE TABLE policies (
    id uniqueidentifier NOT NULL PRIMARY KEY,
    current_version int NOT NULL,
    created_at datetimeoffset NOT NULL
);

CREATE TABLE policy_versions (
    policy_id uniqueidentifier NOT NULL REFERENCES policies (id),
    version int NOT NULL,
    name nvarchar(200) NOT NULL,
    calendar_id uniqueidentifier NOT NULL,
    targets nvarchar(max) NOT NULL,
    pause_statuses nvarchar(max) NOT NULL,
    pause_response bit NOT NULL,
    warning_thresholds nvarchar(max) NOT NULL,
    reopen_window_minutes int NOT NULL,
    version_effective_from datetimeoffset NOT NULL,
    PRIMARY KEY (policy_id, version)
);
