CREATE TABLE policies (
    id TEXT NOT NULL PRIMARY KEY,
    current_version INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE policy_versions (
    policy_id TEXT NOT NULL REFERENCES policies (id),
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    calendar_id TEXT NOT NULL,
    targets TEXT NOT NULL,
    pause_statuses TEXT NOT NULL,
    pause_response INTEGER NOT NULL,
    warning_thresholds TEXT NOT NULL,
    reopen_window_minutes INTEGER NOT NULL,
    version_effective_from TEXT NOT NULL,
    PRIMARY KEY (policy_id, version)
);
