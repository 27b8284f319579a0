-- Replication: the writer records the time every second, so that a replica
-- reading its copy knows how far behind the writer it is (its lag).

-- +goose Up
CREATE TABLE replication_heartbeat (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    at TEXT    NOT NULL -- RFC 3339, UTC, to the millisecond
) STRICT;

-- +goose Down
DROP TABLE replication_heartbeat;
