-- The vocabulary: skills the article does not name, which postings and
-- people do. A skill is a technology or a concept, cites a reference page,
-- and lists the names of its that are also ordinary words. An alias
-- carries the language of its script, so a search limited to a language
-- skips the aliases of another.

-- +goose Up
ALTER TABLE skill ADD COLUMN kind TEXT NOT NULL DEFAULT 'TECHNOLOGY' CHECK (kind IN ('TECHNOLOGY', 'CONCEPT'));
ALTER TABLE skill ADD COLUMN reference TEXT NOT NULL DEFAULT '';

-- lang is kb.AliasLang(alias): 'ko' for Hangul, 'ja' for kana and kanji,
-- '' for the language-neutral rest (Latin script).
ALTER TABLE skill_alias ADD COLUMN lang TEXT NOT NULL DEFAULT '';
UPDATE skill_alias SET lang = 'ko' WHERE alias GLOB '*[가-힣ㄱ-ㆎ]*';
UPDATE skill_alias SET lang = 'ja' WHERE lang = '' AND alias GLOB '*[ぁ-ヿ一-鿿]*';

CREATE TABLE skill_ambiguous (
    skill    TEXT    NOT NULL REFERENCES skill (node) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    name     TEXT    NOT NULL,
    PRIMARY KEY (skill, position)
) STRICT, WITHOUT ROWID;

-- The alias index gains the language; an FTS5 table cannot gain a column,
-- so it is made again from the aliases.
DROP TABLE alias_search;
CREATE VIRTUAL TABLE alias_search USING fts5(
    alias,
    skill UNINDEXED,
    position UNINDEXED,
    lang UNINDEXED,
    tokenize = 'trigram'
);
INSERT INTO alias_search (alias, skill, position, lang) SELECT alias, skill, position, lang FROM skill_alias;

-- +goose Down
DROP TABLE alias_search;
CREATE VIRTUAL TABLE alias_search USING fts5(
    alias,
    skill UNINDEXED,
    position UNINDEXED,
    tokenize = 'trigram'
);
INSERT INTO alias_search (alias, skill, position) SELECT alias, skill, position FROM skill_alias;
DROP TABLE skill_ambiguous;
ALTER TABLE skill_alias DROP COLUMN lang;
ALTER TABLE skill DROP COLUMN reference;
ALTER TABLE skill DROP COLUMN kind;
