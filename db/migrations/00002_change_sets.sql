-- Every change to the knowledge base (a seed apply or an admin mutation) is
-- recorded as a change set with its items, field by field. The version of
-- the knowledge base is the newest change set's.

-- +goose Up
CREATE TABLE change_set (
    version INTEGER NOT NULL PRIMARY KEY CHECK (version > 0),
    at      TEXT    NOT NULL, -- RFC 3339, UTC
    author  TEXT    NOT NULL,
    message TEXT    NOT NULL
) STRICT;

CREATE TABLE change_item (
    version  INTEGER NOT NULL REFERENCES change_set (version) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    op       TEXT    NOT NULL CHECK (op IN ('add', 'remove', 'change')),
    node     TEXT    NOT NULL,
    field    TEXT    NOT NULL,
    old      TEXT    NOT NULL,
    new      TEXT    NOT NULL,
    PRIMARY KEY (version, position)
) STRICT, WITHOUT ROWID;

-- +goose Down
DROP TABLE change_item;
DROP TABLE change_set;
