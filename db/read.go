package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"skillgraph/kb"
)

// Dataset reads the whole knowledge base, every list in its stored order.
// It reads in one transaction, so it sees one edit or the next, never a
// mix, and with one query per table, however many nodes there are.
func (d *DB) Dataset(ctx context.Context) (*kb.Dataset, error) {
	ds, _, err := d.snapshot(ctx, false)
	return ds, err
}

// Snapshot is Dataset with the version of the newest change set, read in
// the same transaction, so the version names exactly the data returned.
func (d *DB) Snapshot(ctx context.Context) (*kb.Dataset, int, error) {
	return d.snapshot(ctx, true)
}

func (d *DB) snapshot(ctx context.Context, withVersion bool) (*kb.Dataset, int, error) {
	tx, err := d.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, 0, fmt.Errorf("read dataset: begin: %w", err)
	}
	defer tx.Rollback() // nothing to commit
	var version int
	if withVersion {
		if version, err = storedVersion(ctx, tx); err != nil {
			return nil, 0, err
		}
	}
	ds, err := readDataset(ctx, tx)
	return ds, version, err
}

// readDataset reads the whole knowledge base inside tx.
func readDataset(ctx context.Context, tx *sql.Tx) (*kb.Dataset, error) {
	r := &reader{ds: &kb.Dataset{}, strings: map[string]string{}}
	// The nodes come first: every other table fills in nodes by ID. Their
	// counts size the dataset's slices, which a large dataset would
	// otherwise grow (and leave half empty) one doubling at a time.
	if err := each(ctx, tx, `SELECT kind, count(*) FROM node GROUP BY kind`, r.count); err != nil {
		return nil, fmt.Errorf("count nodes: %w", err)
	}
	if err := each(ctx, tx, `SELECT id, kind FROM node ORDER BY kind, position`, r.node); err != nil {
		return nil, fmt.Errorf("read nodes: %w", err)
	}
	r.index()
	for _, t := range r.tables() {
		if err := each(ctx, tx, t.query, t.scan); err != nil {
			return nil, fmt.Errorf("read %s: %w", t.name, err)
		}
	}
	return r.ds, nil
}

// each runs query and calls scan for every row.
func each(ctx context.Context, tx *sql.Tx, query string, scan func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// reader rebuilds a dataset from rows. Its maps point into the dataset's
// slices by node ID; they are built once the slices stop growing.
//
// The dataset is what the server keeps in memory, so the reader shares
// strings rather than keep a copy per row: a reference to a node (a
// choice's skill, a requirement's stage) is that node's own slug, a kind
// is the kb constant, a section or document name is one string however
// many rows repeat it, and a quote equal to the node's Korean text (as a
// requirement's is by default) is that text.
type reader struct {
	ds           *kb.Dataset
	categories   map[string]*kb.Category
	skills       map[string]*kb.Skill
	stages       map[string]*kb.Stage
	requirements map[string]*kb.Requirement
	traits       map[string]*kb.Trait
	strings      map[string]string // repeated values, by value
}

// intern returns the one copy of a value many rows repeat.
func (r *reader) intern(s string) string {
	if v, ok := r.strings[s]; ok {
		return v
	}
	r.strings[s] = s
	return s
}

// count sizes the dataset's slice for a kind of node.
func (r *reader) count(rows *sql.Rows) error {
	var kind string
	var n int
	if err := rows.Scan(&kind, &n); err != nil {
		return err
	}
	ds := r.ds
	switch kind {
	case kb.KindCategory:
		ds.Categories = make([]kb.Category, 0, n)
	case kb.KindSkill:
		ds.Skills = make([]kb.Skill, 0, n)
	case kb.KindStage:
		ds.Stages = make([]kb.Stage, 0, n)
	case kb.KindRequirement:
		ds.Requirements = make([]kb.Requirement, 0, n)
	case kb.KindTrait:
		ds.Traits = make([]kb.Trait, 0, n)
	}
	return nil
}

// ref returns the slug of the node with the given ID, as the node itself
// holds it, or fails on a dangling ID.
func ref[T any](m map[string]*T, id string, slugOf func(*T) string) (string, error) {
	v, err := lookup(m, id)
	if err != nil {
		return "", err
	}
	return slugOf(v), nil
}

func skillSlug(s *kb.Skill) string             { return s.Slug }
func stageSlug(s *kb.Stage) string             { return s.Slug }
func categorySlug(c *kb.Category) string       { return c.Slug }
func requirementSlug(q *kb.Requirement) string { return q.Slug }

// requirementKind and traitKind return the kb constants, not the row's copy.
func requirementKind(k string) kb.RequirementKind {
	for _, c := range kb.RequirementKinds {
		if string(c) == k {
			return c
		}
	}
	return kb.RequirementKind(k)
}

func traitKind(k string) kb.TraitKind {
	for _, c := range kb.TraitKinds {
		if string(c) == k {
			return c
		}
	}
	return kb.TraitKind(k)
}

// table is one query of Dataset after the nodes, and what to do with a row.
type table struct {
	name  string
	query string
	scan  func(*sql.Rows) error
}

func (r *reader) tables() []table {
	return []table{
		{"texts", `SELECT node, field, ord, lang, value FROM text ORDER BY node, field, ord, lang`, r.text},
		{"skills", `SELECT node, category, kind, reference FROM skill`, r.skill},
		{"aliases", `SELECT skill, alias FROM skill_alias ORDER BY skill, position`, r.alias},
		{"ambiguous names", `SELECT skill, name FROM skill_ambiguous ORDER BY skill, position`, r.ambiguous},
		{"skill relations", `SELECT skill, relation, other FROM skill_relation ORDER BY skill, relation, position`, r.relation},
		{"requirements", `SELECT node, stage, kind FROM requirement`, r.requirement},
		{"choices", `SELECT requirement, such_as FROM requirement_choice ORDER BY requirement, position`, r.choice},
		{"choice skills", `SELECT requirement, choice, skill FROM choice_skill ORDER BY requirement, choice, position`, r.choiceSkill},
		{"traits", `SELECT node, stage, kind, rule FROM trait`, r.trait},
		{"evidence", `SELECT trait, requirement FROM trait_evidence ORDER BY trait, position`, r.evidence},
		{"emphases", `SELECT trait, skill FROM trait_emphasis ORDER BY trait, position`, r.emphasis},
		{"widenings", `SELECT trait, requirement FROM trait_widening ORDER BY trait, position`, r.widening},
		{"widening skills", `SELECT trait, widening, skill FROM trait_widening_skill ORDER BY trait, widening, position`, r.wideningSkill},
		{"sources", `SELECT node, document, section, line, quote FROM source`, r.source},
	}
}

// slug returns the slug of a node ID. Stored references are node IDs, the
// dataset's are slugs.
func slug(id string) string {
	_, s, _ := strings.Cut(id, ":")
	return s
}

func (r *reader) node(rows *sql.Rows) error {
	var id, kind string
	if err := rows.Scan(&id, &kind); err != nil {
		return err
	}
	ds := r.ds
	switch kind {
	case kb.KindCategory:
		ds.Categories = append(ds.Categories, kb.Category{Slug: slug(id)})
	case kb.KindSkill:
		ds.Skills = append(ds.Skills, kb.Skill{Slug: slug(id)})
	case kb.KindStage:
		ds.Stages = append(ds.Stages, kb.Stage{Slug: slug(id)})
	case kb.KindRequirement:
		ds.Requirements = append(ds.Requirements, kb.Requirement{Slug: slug(id)})
	case kb.KindTrait:
		ds.Traits = append(ds.Traits, kb.Trait{Slug: slug(id)})
	default:
		return fmt.Errorf("node %q has unknown kind %q", id, kind)
	}
	return nil
}

func (r *reader) index() {
	r.categories = indexBy(r.ds.Categories, kb.KindCategory, func(c *kb.Category) string { return c.Slug })
	r.skills = indexBy(r.ds.Skills, kb.KindSkill, func(s *kb.Skill) string { return s.Slug })
	r.stages = indexBy(r.ds.Stages, kb.KindStage, func(s *kb.Stage) string { return s.Slug })
	r.requirements = indexBy(r.ds.Requirements, kb.KindRequirement, func(q *kb.Requirement) string { return q.Slug })
	r.traits = indexBy(r.ds.Traits, kb.KindTrait, func(t *kb.Trait) string { return t.Slug })
}

func indexBy[T any](items []T, kind string, slugOf func(*T) string) map[string]*T {
	m := make(map[string]*T, len(items))
	for i := range items {
		m[kb.NodeID(kind, slugOf(&items[i]))] = &items[i]
	}
	return m
}

// lookup finds the node a row is about, failing on a dangling ID, which
// the foreign keys should make impossible.
func lookup[T any](m map[string]*T, id string) (*T, error) {
	if v, ok := m[id]; ok {
		return v, nil
	}
	return nil, fmt.Errorf("no node %q", id)
}

func (r *reader) text(rows *sql.Rows) error {
	var node, field, lang, value string
	var ord int
	if err := rows.Scan(&node, &field, &ord, &lang, &value); err != nil {
		return err
	}
	t, err := r.textField(node, field, ord)
	if err != nil {
		return err
	}
	if !t.Set(kb.Lang(lang), value) {
		return fmt.Errorf("%s %s: unknown language %q", node, field, lang)
	}
	return nil
}

// textField returns the Texts a text row belongs in.
func (r *reader) textField(node, field string, ord int) (*kb.Texts, error) {
	switch field {
	case kb.FieldName:
		if c, ok := r.categories[node]; ok {
			return &c.Name, nil
		}
		if s, ok := r.skills[node]; ok {
			return &s.Name, nil
		}
		if s, ok := r.stages[node]; ok {
			return &s.Name, nil
		}
	case kb.FieldSummary:
		if s, ok := r.stages[node]; ok {
			return &s.Summary, nil
		}
	case kb.FieldText:
		if q, ok := r.requirements[node]; ok {
			return &q.Text, nil
		}
	case kb.FieldStatement:
		if t, ok := r.traits[node]; ok {
			return &t.Statement, nil
		}
	case kb.FieldImplication:
		if t, ok := r.traits[node]; ok {
			// Rows come by ord, so this grows the list in order.
			for len(t.Implications) <= ord {
				t.Implications = append(t.Implications, kb.Texts{})
			}
			return &t.Implications[ord], nil
		}
	}
	return nil, fmt.Errorf("unexpected %s text of %q", field, node)
}

func (r *reader) skill(rows *sql.Rows) error {
	var node, category, kind, reference string
	if err := rows.Scan(&node, &category, &kind, &reference); err != nil {
		return err
	}
	s, err := lookup(r.skills, node)
	if err != nil {
		return err
	}
	s.Kind, s.Reference = kb.SkillKind(kind), reference
	s.Category, err = ref(r.categories, category, categorySlug)
	return err
}

func (r *reader) ambiguous(rows *sql.Rows) error {
	var node, name string
	if err := rows.Scan(&node, &name); err != nil {
		return err
	}
	s, err := lookup(r.skills, node)
	if err != nil {
		return err
	}
	s.Ambiguous = append(s.Ambiguous, name)
	return nil
}

func (r *reader) alias(rows *sql.Rows) error {
	var node, alias string
	if err := rows.Scan(&node, &alias); err != nil {
		return err
	}
	s, err := lookup(r.skills, node)
	if err != nil {
		return err
	}
	s.Aliases = append(s.Aliases, alias)
	return nil
}

func (r *reader) relation(rows *sql.Rows) error {
	var node, relation, other string
	if err := rows.Scan(&node, &relation, &other); err != nil {
		return err
	}
	s, err := lookup(r.skills, node)
	if err != nil {
		return err
	}
	o, err := ref(r.skills, other, skillSlug)
	if err != nil {
		return err
	}
	switch relation {
	case "broader":
		s.Broader = append(s.Broader, o)
	case "related":
		s.Related = append(s.Related, o)
	default:
		return fmt.Errorf("skill %q has unknown relation %q", node, relation)
	}
	return nil
}

func (r *reader) requirement(rows *sql.Rows) error {
	var node, stage, kind string
	if err := rows.Scan(&node, &stage, &kind); err != nil {
		return err
	}
	q, err := lookup(r.requirements, node)
	if err != nil {
		return err
	}
	q.Kind = requirementKind(kind)
	q.Stage, err = ref(r.stages, stage, stageSlug)
	return err
}

func (r *reader) choice(rows *sql.Rows) error {
	var node string
	var suchAs sql.NullString
	if err := rows.Scan(&node, &suchAs); err != nil {
		return err
	}
	q, err := lookup(r.requirements, node)
	if err != nil {
		return err
	}
	c := kb.Choice{}
	if suchAs.Valid {
		if c.SuchAs, err = ref(r.skills, suchAs.String, skillSlug); err != nil {
			return err
		}
	}
	q.Needs = append(q.Needs, c)
	return nil
}

func (r *reader) choiceSkill(rows *sql.Rows) error {
	var node, skill string
	var choice int
	if err := rows.Scan(&node, &choice, &skill); err != nil {
		return err
	}
	q, err := lookup(r.requirements, node)
	if err != nil {
		return err
	}
	if choice < 0 || choice >= len(q.Needs) {
		return fmt.Errorf("requirement %q has no choice %d", node, choice)
	}
	s, err := ref(r.skills, skill, skillSlug)
	if err != nil {
		return err
	}
	c := &q.Needs[choice]
	c.AnyOf = append(c.AnyOf, s)
	return nil
}

func (r *reader) trait(rows *sql.Rows) error {
	var node, stage, kind, rule string
	if err := rows.Scan(&node, &stage, &kind, &rule); err != nil {
		return err
	}
	t, err := lookup(r.traits, node)
	if err != nil {
		return err
	}
	t.Kind = traitKind(kind)
	if t.Rule, err = decodeRule(rule); err != nil {
		return err
	}
	t.Stage, err = ref(r.stages, stage, stageSlug)
	return err
}

func (r *reader) evidence(rows *sql.Rows) error {
	var node, requirement string
	if err := rows.Scan(&node, &requirement); err != nil {
		return err
	}
	t, err := lookup(r.traits, node)
	if err != nil {
		return err
	}
	q, err := ref(r.requirements, requirement, requirementSlug)
	t.Evidence = append(t.Evidence, q)
	return err
}

func (r *reader) emphasis(rows *sql.Rows) error {
	var node, skill string
	if err := rows.Scan(&node, &skill); err != nil {
		return err
	}
	t, err := lookup(r.traits, node)
	if err != nil {
		return err
	}
	s, err := ref(r.skills, skill, skillSlug)
	t.Emphasizes = append(t.Emphasizes, s)
	return err
}

func (r *reader) widening(rows *sql.Rows) error {
	var node, requirement string
	if err := rows.Scan(&node, &requirement); err != nil {
		return err
	}
	t, err := lookup(r.traits, node)
	if err != nil {
		return err
	}
	q, err := ref(r.requirements, requirement, requirementSlug)
	t.Widens = append(t.Widens, kb.Widening{Requirement: q})
	return err
}

func (r *reader) wideningSkill(rows *sql.Rows) error {
	var node, skill string
	var widening int
	if err := rows.Scan(&node, &widening, &skill); err != nil {
		return err
	}
	t, err := lookup(r.traits, node)
	if err != nil {
		return err
	}
	if widening < 0 || widening >= len(t.Widens) {
		return fmt.Errorf("trait %q has no widening %d", node, widening)
	}
	s, err := ref(r.skills, skill, skillSlug)
	if err != nil {
		return err
	}
	w := &t.Widens[widening]
	w.Merge = append(w.Merge, s)
	return nil
}

func (r *reader) source(rows *sql.Rows) error {
	var node string
	var s kb.Source
	if err := rows.Scan(&node, &s.Document, &s.Section, &s.Line, &s.Quote); err != nil {
		return err
	}
	s.Document, s.Section = r.intern(s.Document), r.intern(s.Section)
	// Texts come before sources, so a quote can share its node's text.
	sameAs := func(t kb.Texts) {
		if ko := t.Exact(kb.Korean); ko == s.Quote {
			s.Quote = ko
		}
	}
	switch {
	case r.stages[node] != nil:
		sameAs(r.stages[node].Name)
		r.stages[node].Source = s
	case r.requirements[node] != nil:
		sameAs(r.requirements[node].Text)
		r.requirements[node].Source = s
	case r.traits[node] != nil:
		sameAs(r.traits[node].Statement)
		r.traits[node].Source = s
	default:
		return fmt.Errorf("unexpected source of %q", node)
	}
	return nil
}
