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
var _ kb.SearchIndex = (*DB)(nil)

// minTrigram is the shortest word the trigram index can find: it indexes
// runs of three characters, and MATCH finds nothing for shorter phrases.
const minTrigram = 3

// SearchText returns the texts that contain every whitespace-separated word
// of query, ignoring case: skill aliases (Field kb.FieldAlias, Lang "") and,
// when lang is not "", only texts in lang. Aliases come first, then texts by
// relevance. The matches cover at most limit nodes (any number when limit
// <= 0); a node may have several.
//
// Case is ignored in full for words of three or more characters and for
// ASCII letters in shorter words, which are found by a scan instead.
func (d *DB) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, error) {
	words := strings.Fields(query)
	// An FTS5 query ends at a NUL, so one would cut a word short and
	// match too much; no stored text holds a NUL, so such a word matches
	// nothing.
	if len(words) == 0 || strings.ContainsRune(query, 0) {
		return nil, nil
	}
	c := collector{limit: limit, seen: map[string]bool{}}
	q, args := aliasQuery(words)
	if err := c.collect(ctx, d.read, q, args); err != nil {
		return nil, fmt.Errorf("search aliases: %w", err)
	}
	q, args = textQuery(words, lang)
	if err := c.collect(ctx, d.read, q, args); err != nil {
		return nil, fmt.Errorf("search texts: %w", err)
	}
	return c.matches, nil
}

// aliasQuery finds the aliases that contain every word. Aliases are short
// and few, so a scan is cheap.
func aliasQuery(words []string) (string, []any) {
	where, args := containsAll("alias", words, 1)
	return `SELECT skill, 'alias', '', alias FROM skill_alias WHERE ` + where +
		` ORDER BY length(alias), skill, position`, args
}

// textQuery finds the texts that contain every word, through the trigram
// index when every word is long enough for it and by a scan otherwise.
func textQuery(words []string, lang kb.Lang) (string, []any) {
	for _, w := range words {
		if utf8.RuneCountInString(w) < minTrigram {
			where, args := containsAll("value", words, 2)
			// Shorter texts first, as names before the long texts that
			// merely mention a word.
			return `SELECT node, field, lang, value FROM text WHERE (?1 = '' OR lang = ?1) AND ` + where +
				` ORDER BY length(value), id`, append([]any{string(lang)}, args...)
		}
	}
	return `SELECT t.node, t.field, t.lang, t.value
		FROM text_search JOIN text t ON t.id = text_search.rowid
		WHERE text_search MATCH ?1 AND (?2 = '' OR t.lang = ?2)
		ORDER BY bm25(text_search), t.id`, []any{matchExpr(words), string(lang)}
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

func (c *collector) collect(ctx context.Context, pool *sql.DB, query string, args []any) error {
	rows, err := pool.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var m kb.TextMatch
		if err := rows.Scan(&m.Node, &m.Field, &m.Lang, &m.Text); err != nil {
			return err
		}
		c.add(m)
	}
	return rows.Err()
}

func (c *collector) add(m kb.TextMatch) {
	if !c.seen[m.Node] {
		if c.limit > 0 && len(c.seen) >= c.limit {
			return
		}
		c.seen[m.Node] = true
	}
	c.matches = append(c.matches, m)
}
