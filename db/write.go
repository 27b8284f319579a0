package db

import (
	"context"
	"database/sql"
	"fmt"

	"skillgraph/kb"
)

// writer inserts a dataset inside one transaction, preparing each statement
// once and reusing it for every row.
type writer struct {
	tx       *sql.Tx
	stmts    map[string]*sql.Stmt // by query; closed with the transaction
	written  int                  // statements run
	progress func(written int)    // from the context (WithProgress), or nil
}

func newWriter(ctx context.Context, tx *sql.Tx) *writer {
	report, _ := ctx.Value(progressKey{}).(func(int))
	return &writer{tx: tx, stmts: map[string]*sql.Stmt{}, progress: report}
}

type progressKey struct{}

// WithProgress returns ctx carrying report, which a write (Edit)
// calls with the number of statements run so far, every progressEvery of
// them: for a command to show how a long write is going.
func WithProgress(ctx context.Context, report func(written int)) context.Context {
	return context.WithValue(ctx, progressKey{}, report)
}

const progressEvery = 10000

// exec runs query with args; what names the data for error messages.
func (w *writer) exec(ctx context.Context, what, query string, args ...any) error {
	if w.written++; w.progress != nil && w.written%progressEvery == 0 {
		w.progress(w.written)
	}
	stmt, ok := w.stmts[query]
	if !ok {
		var err error
		if stmt, err = w.tx.PrepareContext(ctx, query); err != nil {
			return fmt.Errorf("prepare to store %s: %w", what, err)
		}
		w.stmts[query] = stmt
	}
	if _, err := stmt.ExecContext(ctx, args...); err != nil {
		return storeError(what, err)
	}
	return nil
}

// node inserts the node row that every kind's row refers to, and the row
// of its kind's table.
func (w *writer) node(ctx context.Context, kind, slug string, position int) error {
	id := kb.NodeID(kind, slug)
	what := fmt.Sprintf("%s %q", kind, slug)
	if err := w.exec(ctx, what, `INSERT INTO node (id, kind, position) VALUES (?, ?, ?)`, id, kind, position); err != nil {
		return err
	}
	// The stage and category tables are the node alone; the others get
	// their row from their own insert.
	switch kind {
	case kb.KindCategory:
		return w.exec(ctx, what, `INSERT INTO category (node) VALUES (?)`, id)
	case kb.KindStage:
		return w.exec(ctx, what, `INSERT INTO stage (node) VALUES (?)`, id)
	}
	return nil
}

// texts inserts one text field of a node in every language it has, in a
// fixed order so that the same dataset always gives the same rows.
func (w *writer) texts(ctx context.Context, node, field string, ord int, t kb.Texts) error {
	for _, l := range t.Present() {
		what := fmt.Sprintf("the %s %s text of %s", l, field, node)
		err := w.exec(ctx, what, `INSERT INTO text (node, field, ord, lang, value) VALUES (?, ?, ?, ?, ?)`,
			node, field, ord, string(l), t.Exact(l))
		if err != nil {
			return err
		}
	}
	return nil
}

// source inserts where a node comes from. A zero Source means the node has
// none and is stored as no row.
func (w *writer) source(ctx context.Context, node string, s kb.Source) error {
	if s == (kb.Source{}) {
		return nil
	}
	return w.exec(ctx, "the source of "+node,
		`INSERT INTO source (node, document, section, line, quote) VALUES (?, ?, ?, ?, ?)`,
		node, s.Document, s.Section, s.Line, s.Quote)
}

func (w *writer) category(ctx context.Context, i int, c kb.Category) error {
	if err := w.node(ctx, kb.KindCategory, c.Slug, i); err != nil {
		return err
	}
	return w.texts(ctx, kb.NodeID(kb.KindCategory, c.Slug), kb.FieldName, 0, c.Name)
}

func (w *writer) skill(ctx context.Context, i int, s *kb.Skill) error {
	id := kb.NodeID(kb.KindSkill, s.Slug)
	if err := w.node(ctx, kb.KindSkill, s.Slug, i); err != nil {
		return err
	}
	err := w.exec(ctx, fmt.Sprintf("the category of skill %q", s.Slug),
		`INSERT INTO skill (node, category, kind, reference) VALUES (?, ?, ?, ?)`,
		id, kb.NodeID(kb.KindCategory, s.Category), string(s.Kind), s.Reference)
	if err != nil {
		return err
	}
	return w.skillParts(ctx, s)
}

// skillParts inserts a skill's rows besides its node, its skill row and its
// relations: names, aliases (and their index), ambiguous names.
func (w *writer) skillParts(ctx context.Context, s *kb.Skill) error {
	id := kb.NodeID(kb.KindSkill, s.Slug)
	if err := w.texts(ctx, id, kb.FieldName, 0, s.Name); err != nil {
		return err
	}
	for j, a := range s.Aliases {
		what, lang := fmt.Sprintf("alias %q of skill %q", a, s.Slug), string(kb.AliasLang(a))
		err := w.exec(ctx, what, `INSERT INTO skill_alias (skill, position, alias, key, lang) VALUES (?, ?, ?, ?, ?)`,
			id, j, a, kb.NameKey(a), lang)
		if err == nil {
			err = w.exec(ctx, what, `INSERT INTO alias_search (alias, skill, position, lang) VALUES (?, ?, ?, ?)`, a, id, j, lang)
		}
		if err != nil {
			return err
		}
	}
	for j, name := range s.Ambiguous {
		err := w.exec(ctx, fmt.Sprintf("ambiguous name %q of skill %q", name, s.Slug),
			`INSERT INTO skill_ambiguous (skill, position, name) VALUES (?, ?, ?)`, id, j, name)
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) relations(ctx context.Context, s *kb.Skill) error {
	for _, rel := range []struct {
		name   string
		skills []string
	}{{"broader", s.Broader}, {"related", s.Related}} {
		for j, other := range rel.skills {
			err := w.exec(ctx, fmt.Sprintf("%s skill %q of skill %q", rel.name, other, s.Slug),
				`INSERT INTO skill_relation (skill, relation, position, other) VALUES (?, ?, ?, ?)`,
				kb.NodeID(kb.KindSkill, s.Slug), rel.name, j, kb.NodeID(kb.KindSkill, other))
			if err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *writer) stage(ctx context.Context, i int, s *kb.Stage) error {
	if err := w.node(ctx, kb.KindStage, s.Slug, i); err != nil {
		return err
	}
	return w.stageParts(ctx, s)
}

func (w *writer) stageParts(ctx context.Context, s *kb.Stage) error {
	id := kb.NodeID(kb.KindStage, s.Slug)
	if err := w.texts(ctx, id, kb.FieldName, 0, s.Name); err != nil {
		return err
	}
	if err := w.texts(ctx, id, kb.FieldSummary, 0, s.Summary); err != nil {
		return err
	}
	return w.source(ctx, id, s.Source)
}

func (w *writer) requirement(ctx context.Context, i int, r *kb.Requirement) error {
	id := kb.NodeID(kb.KindRequirement, r.Slug)
	if err := w.node(ctx, kb.KindRequirement, r.Slug, i); err != nil {
		return err
	}
	err := w.exec(ctx, fmt.Sprintf("requirement %q of stage %q", r.Slug, r.Stage),
		`INSERT INTO requirement (node, stage, kind) VALUES (?, ?, ?)`,
		id, kb.NodeID(kb.KindStage, r.Stage), string(r.Kind))
	if err != nil {
		return err
	}
	return w.requirementParts(ctx, r)
}

// requirementParts inserts a requirement's text, choices and source.
func (w *writer) requirementParts(ctx context.Context, r *kb.Requirement) error {
	id := kb.NodeID(kb.KindRequirement, r.Slug)
	if err := w.texts(ctx, id, kb.FieldText, 0, r.Text); err != nil {
		return err
	}
	for j, c := range r.Needs {
		if err := w.choice(ctx, r.Slug, j, c); err != nil {
			return err
		}
	}
	return w.source(ctx, id, r.Source)
}

func (w *writer) choice(ctx context.Context, req string, j int, c kb.Choice) error {
	id := kb.NodeID(kb.KindRequirement, req)
	what := fmt.Sprintf("choice %d of requirement %q", j, req)
	var suchAs any // NULL unless set
	if c.SuchAs != "" {
		suchAs = kb.NodeID(kb.KindSkill, c.SuchAs)
		what = fmt.Sprintf("choice %d (such as %q) of requirement %q", j, c.SuchAs, req)
	}
	err := w.exec(ctx, what,
		`INSERT INTO requirement_choice (requirement, position, such_as) VALUES (?, ?, ?)`, id, j, suchAs)
	if err != nil {
		return err
	}
	for k, s := range c.AnyOf {
		err := w.exec(ctx, fmt.Sprintf("skill %q of choice %d of requirement %q", s, j, req),
			`INSERT INTO choice_skill (requirement, choice, position, skill) VALUES (?, ?, ?, ?)`,
			id, j, k, kb.NodeID(kb.KindSkill, s))
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) trait(ctx context.Context, i int, t *kb.Trait) error {
	id := kb.NodeID(kb.KindTrait, t.Slug)
	if err := w.node(ctx, kb.KindTrait, t.Slug, i); err != nil {
		return err
	}
	rule, err := encodeRule(t.Rule)
	if err != nil {
		return fmt.Errorf("the rule of trait %q: %w", t.Slug, err)
	}
	err = w.exec(ctx, fmt.Sprintf("trait %q of stage %q", t.Slug, t.Stage),
		`INSERT INTO trait (node, stage, kind, rule) VALUES (?, ?, ?, ?)`,
		id, kb.NodeID(kb.KindStage, t.Stage), string(t.Kind), rule)
	if err != nil {
		return err
	}
	return w.traitParts(ctx, t)
}

// traitParts inserts a trait's texts, links, widenings and source.
func (w *writer) traitParts(ctx context.Context, t *kb.Trait) error {
	id := kb.NodeID(kb.KindTrait, t.Slug)
	if err := w.texts(ctx, id, kb.FieldStatement, 0, t.Statement); err != nil {
		return err
	}
	for j, im := range t.Implications {
		if err := w.texts(ctx, id, kb.FieldImplication, j, im); err != nil {
			return err
		}
	}
	if err := w.traitLinks(ctx, t); err != nil {
		return err
	}
	for j, wd := range t.Widens {
		if err := w.widening(ctx, t.Slug, j, wd); err != nil {
			return err
		}
	}
	return w.source(ctx, id, t.Source)
}

// traitLinks inserts the requirements a trait is read from and the skills
// it emphasizes.
func (w *writer) traitLinks(ctx context.Context, t *kb.Trait) error {
	id := kb.NodeID(kb.KindTrait, t.Slug)
	for j, r := range t.Evidence {
		err := w.exec(ctx, fmt.Sprintf("evidence requirement %q of trait %q", r, t.Slug),
			`INSERT INTO trait_evidence (trait, position, requirement) VALUES (?, ?, ?)`,
			id, j, kb.NodeID(kb.KindRequirement, r))
		if err != nil {
			return err
		}
	}
	for j, s := range t.Emphasizes {
		err := w.exec(ctx, fmt.Sprintf("emphasized skill %q of trait %q", s, t.Slug),
			`INSERT INTO trait_emphasis (trait, position, skill) VALUES (?, ?, ?)`,
			id, j, kb.NodeID(kb.KindSkill, s))
		if err != nil {
			return err
		}
	}
	return nil
}

func (w *writer) widening(ctx context.Context, trait string, j int, wd kb.Widening) error {
	id := kb.NodeID(kb.KindTrait, trait)
	err := w.exec(ctx, fmt.Sprintf("widened requirement %q of trait %q", wd.Requirement, trait),
		`INSERT INTO trait_widening (trait, position, requirement) VALUES (?, ?, ?)`,
		id, j, kb.NodeID(kb.KindRequirement, wd.Requirement))
	if err != nil {
		return err
	}
	for k, s := range wd.Merge {
		err := w.exec(ctx, fmt.Sprintf("merged skill %q of widening %d of trait %q", s, j, trait),
			`INSERT INTO trait_widening_skill (trait, widening, position, skill) VALUES (?, ?, ?, ?)`,
			id, j, k, kb.NodeID(kb.KindSkill, s))
		if err != nil {
			return err
		}
	}
	return nil
}
