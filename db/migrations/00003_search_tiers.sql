-- Search reads the short texts first: names (of skills, stages, categories)
-- and aliases, which a search ranks above the long texts that merely mention
-- a word. Each has its own trigram index, so a common word's matches among
-- them are found without touching its thousands of matches in requirement
-- texts; those are read only when the short texts do not fill a page.

-- +goose Up
-- The names, as the content of their index: a view, so that FTS5 reads (and
-- its integrity check compares) the names only, not every text.
CREATE VIEW name_text AS SELECT id, value FROM text WHERE field = 'name';
CREATE VIRTUAL TABLE name_search USING fts5(
    value,
    content = 'name_text',
    content_rowid = 'id',
    tokenize = 'trigram'
);
INSERT INTO name_search (rowid, value) SELECT id, value FROM text WHERE field = 'name';

-- +goose StatementBegin
CREATE TRIGGER name_after_insert AFTER INSERT ON text WHEN new.field = 'name' BEGIN
    INSERT INTO name_search (rowid, value) VALUES (new.id, new.value);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER name_after_delete AFTER DELETE ON text WHEN old.field = 'name' BEGIN
    INSERT INTO name_search (name_search, rowid, value) VALUES ('delete', old.id, old.value);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER name_after_update AFTER UPDATE ON text WHEN old.field = 'name' OR new.field = 'name' BEGIN
    INSERT INTO name_search (name_search, rowid, value) SELECT 'delete', old.id, old.value WHERE old.field = 'name';
    INSERT INTO name_search (rowid, value) SELECT new.id, new.value WHERE new.field = 'name';
END;
-- +goose StatementEnd

-- skill_alias has no rowid for an external-content index to follow, so this
-- index keeps its own copy of the aliases. The store writes every alias
-- through one path (a write replaces all nodes), which rebuilds it.
CREATE VIRTUAL TABLE alias_search USING fts5(
    alias,
    skill UNINDEXED,
    position UNINDEXED,
    tokenize = 'trigram'
);
INSERT INTO alias_search (alias, skill, position) SELECT alias, skill, position FROM skill_alias;

-- The short words a trigram index cannot find are found by a scan; this
-- index lets the scan of names read names only.
CREATE INDEX text_field ON text (field);

-- +goose Down
DROP INDEX text_field;
DROP TABLE alias_search;
DROP TRIGGER name_after_update;
DROP TRIGGER name_after_delete;
DROP TRIGGER name_after_insert;
DROP TABLE name_search;
DROP VIEW name_text;
