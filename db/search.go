package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"skillgraph/kb"
)

// The DB is the search index of the graph.
var _ kb.VersionedIndex = (*DB)(nil)

// minTrigram is the shortest word the trigram index can find: it indexes
// runs of three characters, and MATCH finds nothing for shorter phrases.
const minTrigram = 3

// SearchText returns the texts that contain every whitespace-separated word
// of query, ignoring case: skill aliases (Field kb.FieldAlias, with the Lang
// of their script) and the other texts; when lang is not "", only texts in
// lang and the language-neutral aliases. The matches cover at most limit
// nodes (any number when limit <= 0); a node may have several. It returns
// them with the version of the data they were found in (that of the newest
// change set), read in the same read transaction.
//
// It reads the short texts first, as the ranking (kb.RankMatches) puts them
// first: aliases, then names, each shortest first; then the other texts in
// data order, a page at a time, only until the matches cover limit nodes.
// So a common word costs the few pages it needs, not one row for each of its
// matches in a large knowledge base. Each kind of text has a trigram index;
// case is ignored in full for words of three or more characters and for
// ASCII letters in shorter words, which are found by a scan instead.
func (d *DB) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, int, error) {
	words := strings.Fields(query)
	trigram := true
	for _, w := range words {
		trigram = trigram && utf8.RuneCountInString(w) >= minTrigram
	}
	// An FTS5 query ends at a NUL, so one would cut a word short and
	// match too much; no stored text holds a NUL, so such a word matches
	// nothing. The version is read all the same.
	search := len(words) > 0 && !strings.ContainsRune(query, 0)
	queries := []string{versionQuery}
	if search {
		aliases, _ := aliasQuery(words, trigram, lang)
		names, _ := nameQuery(words, trigram, lang)
		texts, _ := textQuery(words, trigram, lang, 0, 0) // the same SQL for every page
		queries = append(queries, aliases, names, texts)
	}
	if err := d.prepare(ctx, queries...); err != nil {
		return nil, 0, fmt.Errorf("search: prepare: %w", err)
	}
	tx, err := d.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("search: begin: %w", err)
	}
	defer tx.Rollback() // nothing to commit
	version, err := scanVersion(d.queryIn(ctx, tx, versionQuery))
	if err != nil {
		return nil, 0, fmt.Errorf("search: read the version: %w", err)
	}
	if !search {
		return nil, version, nil
	}
	matches, err := d.searchIn(ctx, tx, words, trigram, lang, limit)
	if err != nil {
		return nil, 0, err
	}
	return matches, version, nil
}

// searchIn runs SearchText's queries inside tx.
func (d *DB) searchIn(ctx context.Context, tx *sql.Tx, words []string, trigram bool, lang kb.Lang, limit int) ([]kb.TextMatch, error) {
	c := collector{limit: limit, seen: map[string]bool{}}
	q, args := aliasQuery(words, trigram, lang)
	if _, err := c.collect(ctx, d, tx, q, args); err != nil {
		return nil, fmt.Errorf("search aliases: %w", err)
	}
	// Names always: they are few, and a node already in may have a
	// better match among them than its alias.
	q, args = nameQuery(words, trigram, lang)
	if _, err := c.collect(ctx, d, tx, q, args); err != nil {
		return nil, fmt.Errorf("search names: %w", err)
	}
	for after := int64(0); c.open(); {
		page := -1 // all, without a limit
		if limit > 0 {
			// A node has a few matching texts at most (one per language,
			// per implication).
			page = max(32, 4*(limit-len(c.seen)))
		}
		q, args = textQuery(words, trigram, lang, after, page)
		last, err := c.collect(ctx, d, tx, q, args)
		if err != nil {
			return nil, fmt.Errorf("search texts: %w", err)
		}
		if last.rows < page || page < 0 {
			break
		}
		after = last.id
	}
	return c.matches, nil
}

// The queries below select (id, node, field, lang, value); id is the text's
// row, by which the pages of other texts follow each other (0 for aliases).

// aliasQuery finds the aliases that contain every word, shortest first: of
// any language when lang is "", else those in lang or in none.
func aliasQuery(words []string, trigram bool, lang kb.Lang) (string, []any) {
	if trigram {
		return `SELECT 0, skill, 'alias', lang, alias FROM alias_search
			WHERE alias_search MATCH ?1 AND (?2 = '' OR lang IN ('', ?2))
			ORDER BY length(alias), skill, position`, []any{matchExpr(words), string(lang)}
	}
	where, args := containsAll("alias", words, 2)
	return `SELECT 0, skill, 'alias', lang, alias FROM skill_alias
		WHERE (?1 = '' OR lang IN ('', ?1)) AND ` + where +
		` ORDER BY length(alias), skill, position`, append([]any{string(lang)}, args...)
}

// nameQuery finds the names that contain every word, shortest first.
func nameQuery(words []string, trigram bool, lang kb.Lang) (string, []any) {
	if trigram {
		return `SELECT t.id, t.node, t.field, t.lang, t.value
			FROM name_search JOIN text t ON t.id = name_search.rowid
			WHERE name_search MATCH ?1 AND (?2 = '' OR t.lang = ?2)
			ORDER BY length(t.value), t.id`, []any{matchExpr(words), string(lang)}
	}
	where, args := containsAll("value", words, 2)
	return `SELECT id, node, field, lang, value FROM text INDEXED BY text_field
		WHERE field = 'name' AND (?1 = '' OR lang = ?1) AND ` + where +
		` ORDER BY length(value), id`, append([]any{string(lang)}, args...)
}

// textQuery finds the texts other than names that contain every word, in
// data order, after the text with row id after, at most page of them (all
// when page < 0).
func textQuery(words []string, trigram bool, lang kb.Lang, after int64, page int) (string, []any) {
	if trigram {
		return `SELECT t.id, t.node, t.field, t.lang, t.value
			FROM text_search JOIN text t ON t.id = text_search.rowid
			WHERE text_search MATCH ?1 AND text_search.rowid > ?2 AND t.field <> 'name' AND (?3 = '' OR t.lang = ?3)
			ORDER BY text_search.rowid LIMIT ?4`, []any{matchExpr(words), after, string(lang), page}
	}
	where, args := containsAll("value", words, 4)
	return `SELECT id, node, field, lang, value FROM text
		WHERE id > ?1 AND field <> 'name' AND (?2 = '' OR lang = ?2) AND ` + where +
		` ORDER BY id LIMIT ?3`, append([]any{after, string(lang), page}, args...)
}

// containsAll is an SQL condition that column contains every word in any
// ASCII case, with one bound parameter per word, numbered from ?first.
// Only placeholders are built; the words are never part of the SQL.
func containsAll(column string, words []string, first int) (string, []any) {
	conds := make([]string, len(words))
	args := make([]any, len(words))
	for i, w := range words {
		conds[i] = fmt.Sprintf("instr(lower(%s), ?%d) > 0", column, first+i)
		args[i] = asciiLower(w)
	}
	return strings.Join(conds, " AND "), args
}

// asciiLower lowers ASCII letters only, as SQLite's lower() does, so that
// a word matches itself whatever its script.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// matchExpr is an FTS5 query that requires every word as a substring. Each
// word is a quoted phrase with its quotes doubled, so no input is read as
// query syntax (OR, NEAR, *, column filters).
func matchExpr(words []string) string {
	phrases := make([]string, len(words))
	for i, w := range words {
		phrases[i] = `"` + strings.ReplaceAll(w, `"`, `""`) + `"`
	}
	return strings.Join(phrases, " AND ")
}

// collector gathers matches in order until they cover limit nodes; later
// matches of nodes already in still count, as they may rank better.
type collector struct {
	limit   int
	seen    map[string]bool
	matches []kb.TextMatch
}

// open reports whether the matches cover fewer than limit nodes.
func (c *collector) open() bool { return c.limit <= 0 || len(c.seen) < c.limit }

// page is what a query returned: its rows and the last row's text id.
type page struct {
	rows int
	id   int64
}

func (c *collector) collect(ctx context.Context, d *DB, tx *sql.Tx, query string, args []any) (page, error) {
	var p page
	rows, err := d.queryIn(ctx, tx, query, args...)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var m kb.TextMatch
		if err := rows.Scan(&p.id, &m.Node, &m.Field, &m.Lang, &m.Text); err != nil {
			return p, err
		}
		p.rows++
		c.add(m)
	}
	return p, rows.Err()
}

func (c *collector) add(m kb.TextMatch) {
	if !c.seen[m.Node] {
		if !c.open() {
			return
		}
		c.seen[m.Node] = true
	}
	c.matches = append(c.matches, m)
}
