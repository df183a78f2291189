CREATE TABLE policies (
    id uuid NOT NULL PRIMARY KEY,
    current_version integer NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE policy_versions (
    policy_id uuid NOT NULL REFERENCES policies (id),
    version integer NOT NULL,
    name varchar(200) NOT NULL,
    calendar_id uuid NOT NULL,
    targets text NOT NULL,
    pause_statuses text NOT NULL,
    pause_response boolean NOT NULL,
    warning_thresholds text NOT NULL,
    reopen_window_minutes integer NOT NULL,
    version_effective_from timestamptz NOT NULL,
    PRIMARY KEY (policy_id, version)
);
