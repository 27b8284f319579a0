-- The knowledge base as tables. Every node of the graph has a row in node;
-- each kind adds its own table, keyed by the node ID, and the lists a node
-- holds are child tables with a position, so the store keeps the order in
-- which the seed files present them. Texts of every language live in one
-- table, so a new language is new rows, not new columns.

-- +goose Up
CREATE TABLE node (
    id       TEXT    NOT NULL PRIMARY KEY,
    kind     TEXT    NOT NULL CHECK (kind IN ('category', 'skill', 'stage', 'requirement', 'trait')),
    position INTEGER NOT NULL CHECK (position >= 0), -- presentation order within kind
    CHECK (substr(id, 1, length(kind) + 1) = kind || ':' AND length(id) > length(kind) + 1),
    UNIQUE (kind, position)
) STRICT;

CREATE TABLE category (
    node TEXT NOT NULL PRIMARY KEY REFERENCES node (id) ON DELETE CASCADE CHECK (node LIKE 'category:%')
) STRICT, WITHOUT ROWID;

CREATE TABLE skill (
    node     TEXT NOT NULL PRIMARY KEY REFERENCES node (id) ON DELETE CASCADE CHECK (node LIKE 'skill:%'),
    category TEXT NOT NULL REFERENCES category (node)
) STRICT, WITHOUT ROWID;
CREATE INDEX skill_category ON skill (category);

-- key is kb.NameKey(alias): one alias names one skill, however it is spelt.
CREATE TABLE skill_alias (
    skill    TEXT    NOT NULL REFERENCES skill (node) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    alias    TEXT    NOT NULL,
    key      TEXT    NOT NULL UNIQUE CHECK (key <> ''),
    PRIMARY KEY (skill, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE skill_relation (
    skill    TEXT    NOT NULL REFERENCES skill (node) ON DELETE CASCADE,
    relation TEXT    NOT NULL CHECK (relation IN ('broader', 'related')),
    position INTEGER NOT NULL CHECK (position >= 0),
    other    TEXT    NOT NULL REFERENCES skill (node),
    PRIMARY KEY (skill, relation, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX skill_relation_other ON skill_relation (other);

CREATE TABLE stage (
    node TEXT NOT NULL PRIMARY KEY REFERENCES node (id) ON DELETE CASCADE CHECK (node LIKE 'stage:%')
) STRICT, WITHOUT ROWID;

CREATE TABLE requirement (
    node  TEXT NOT NULL PRIMARY KEY REFERENCES node (id) ON DELETE CASCADE CHECK (node LIKE 'requirement:%'),
    stage TEXT NOT NULL REFERENCES stage (node),
    kind  TEXT NOT NULL CHECK (kind IN ('RESPONSIBILITY', 'REQUIRED', 'PREFERRED'))
) STRICT, WITHOUT ROWID;
CREATE INDEX requirement_stage ON requirement (stage);

-- One row per kb.Choice of a requirement's Needs.
CREATE TABLE requirement_choice (
    requirement TEXT    NOT NULL REFERENCES requirement (node) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    such_as     TEXT    REFERENCES skill (node), -- NULL unless the posting says "such as"
    PRIMARY KEY (requirement, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX requirement_choice_such_as ON requirement_choice (such_as);

-- The AnyOf skills of a choice.
CREATE TABLE choice_skill (
    requirement TEXT    NOT NULL,
    choice      INTEGER NOT NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    skill       TEXT    NOT NULL REFERENCES skill (node),
    PRIMARY KEY (requirement, choice, position),
    FOREIGN KEY (requirement, choice) REFERENCES requirement_choice (requirement, position) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX choice_skill_skill ON choice_skill (skill);

CREATE TABLE trait (
    node  TEXT NOT NULL PRIMARY KEY REFERENCES node (id) ON DELETE CASCADE CHECK (node LIKE 'trait:%'),
    stage TEXT NOT NULL REFERENCES stage (node),
    kind  TEXT NOT NULL CHECK (kind IN ('POSTING_SIGNAL', 'WORK_REALITY'))
) STRICT, WITHOUT ROWID;
CREATE INDEX trait_stage ON trait (stage);

CREATE TABLE trait_evidence (
    trait       TEXT    NOT NULL REFERENCES trait (node) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    requirement TEXT    NOT NULL REFERENCES requirement (node),
    PRIMARY KEY (trait, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX trait_evidence_requirement ON trait_evidence (requirement);

CREATE TABLE trait_emphasis (
    trait    TEXT    NOT NULL REFERENCES trait (node) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    skill    TEXT    NOT NULL REFERENCES skill (node),
    PRIMARY KEY (trait, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX trait_emphasis_skill ON trait_emphasis (skill);

-- One row per kb.Widening of a trait; its Merge skills follow.
CREATE TABLE trait_widening (
    trait       TEXT    NOT NULL REFERENCES trait (node) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position >= 0),
    requirement TEXT    NOT NULL REFERENCES requirement (node),
    PRIMARY KEY (trait, position)
) STRICT, WITHOUT ROWID;
CREATE INDEX trait_widening_requirement ON trait_widening (requirement);

CREATE TABLE trait_widening_skill (
    trait    TEXT    NOT NULL,
    widening INTEGER NOT NULL,
    position INTEGER NOT NULL CHECK (position >= 0),
    skill    TEXT    NOT NULL REFERENCES skill (node),
    PRIMARY KEY (trait, widening, position),
    FOREIGN KEY (trait, widening) REFERENCES trait_widening (trait, position) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX trait_widening_skill_skill ON trait_widening_skill (skill);

-- Where a node comes from in the article. Nodes without a source have no row.
CREATE TABLE source (
    node     TEXT    NOT NULL PRIMARY KEY REFERENCES node (id) ON DELETE CASCADE,
    document TEXT    NOT NULL,
    section  TEXT    NOT NULL,
    line     INTEGER NOT NULL CHECK (line > 0),
    quote    TEXT    NOT NULL
) STRICT, WITHOUT ROWID;

-- Every text of every node in every language. ord numbers the items of a
-- list field (implications) and is 0 otherwise.
CREATE TABLE text (
    id    INTEGER PRIMARY KEY,
    node  TEXT    NOT NULL REFERENCES node (id) ON DELETE CASCADE,
    field TEXT    NOT NULL CHECK (field IN ('name', 'summary', 'text', 'statement', 'implication')),
    ord   INTEGER NOT NULL DEFAULT 0 CHECK (ord >= 0),
    lang  TEXT    NOT NULL CHECK (lang <> ''),
    value TEXT    NOT NULL,
    UNIQUE (node, field, ord, lang)
) STRICT;

-- Substring search over the texts. The trigram tokenizer matches any run of
-- three or more characters case-insensitively, which suits Korean, where
-- words carry particles and a word-based tokenizer would miss them.
CREATE VIRTUAL TABLE text_search USING fts5(
    value,
    content = 'text',
    content_rowid = 'id',
    tokenize = 'trigram'
);

-- The external-content index holds no copy of the texts, so it must be told
-- of every change to them, with the old value for deletions.
-- +goose StatementBegin
CREATE TRIGGER text_after_insert AFTER INSERT ON text BEGIN
    INSERT INTO text_search (rowid, value) VALUES (new.id, new.value);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER text_after_delete AFTER DELETE ON text BEGIN
    INSERT INTO text_search (text_search, rowid, value) VALUES ('delete', old.id, old.value);
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER text_after_update AFTER UPDATE ON text BEGIN
    INSERT INTO text_search (text_search, rowid, value) VALUES ('delete', old.id, old.value);
    INSERT INTO text_search (rowid, value) VALUES (new.id, new.value);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER text_after_update;
DROP TRIGGER text_after_delete;
DROP TRIGGER text_after_insert;
DROP TABLE text_search;
DROP TABLE text;
DROP TABLE source;
DROP TABLE trait_widening_skill;
DROP TABLE trait_widening;
DROP TABLE trait_emphasis;
DROP TABLE trait_evidence;
DROP TABLE trait;
DROP TABLE choice_skill;
DROP TABLE requirement_choice;
DROP TABLE requirement;
DROP TABLE stage;
DROP TABLE skill_relation;
DROP TABLE skill_alias;
DROP TABLE skill;
DROP TABLE category;
DROP TABLE node;
