package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"

	"skillgraph/graph/model"
	"skillgraph/kb"
)

// edit runs one admin edit through the Editor and makes the rest of the
// request read the graph it produced.
func (r *Resolver) edit(ctx context.Context, message *string, fn func(ds *kb.Dataset) error) (*kb.ChangeSet, *kb.Graph, error) {
	if r.Editor == nil {
		return nil, nil, kb.Errorf(kb.EINVALID, "this server cannot edit its data")
	}
	meta := kb.ChangeMeta{Author: CallerFrom(ctx).Author}
	if message != nil {
		meta.Message = *message
	}
	cs, g, err := r.Editor.Edit(ctx, meta, fn)
	if err != nil && cs == nil {
		return nil, nil, err
	}
	if err != nil {
		// Committed, but not yet durable elsewhere (kb.ENOTREPLICATED): the
		// answer shows the change, and says so beside it.
		graphql.AddError(ctx, err)
	}
	if cs != nil {
		repin(ctx, g, cs.Version)
	}
	return cs, g, nil
}

func toTexts(in []*model.TextInput) kb.Texts {
	var t kb.Texts
	for _, ti := range in {
		t.Set(toLang(&ti.Lang), ti.Value)
	}
	return t
}

func toSkillInput(in model.SkillInput) kb.SkillInput {
	out := kb.SkillInput{Slug: in.Slug, Category: deref(in.Category), Name: toTexts(in.Name),
		Aliases: in.Aliases, Ambiguous: in.Ambiguous, Reference: deref(in.Reference), Broader: in.Broader, Related: in.Related}
	if in.Kind != nil {
		out.Kind = kb.SkillKind(*in.Kind)
	}
	return out
}

func toRequirementInput(in model.RequirementInput) kb.RequirementInput {
	out := kb.RequirementInput{Slug: in.Slug, Stage: deref(in.Stage), Text: toTexts(in.Text),
		Line: derefInt(in.Line), Quote: deref(in.Quote)}
	if in.Kind != nil {
		out.Kind = kb.RequirementKind(*in.Kind)
	}
	if in.Needs != nil {
		out.Needs = make([]kb.Choice, len(in.Needs))
		for i, c := range in.Needs {
			out.Needs[i] = kb.Choice{AnyOf: c.AnyOf, SuchAs: deref(c.SuchAs)}
		}
	}
	return out
}

func toRelation(rel model.SkillRelation) string { return strings.ToLower(string(rel)) }

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(i *int) int {
	if i == nil {
		return 0
	}
	return *i
}

// mustFind returns what a successful edit must have left in the graph.
func mustFind[T any](node *T, what string) (*T, error) {
	if node == nil {
		return nil, fmt.Errorf("after the edit, %s is missing", what)
	}
	return node, nil
}

// changeSetConnection pages through change sets, newest first; a cursor
// names a version.
func changeSetConnection(ctx context.Context, log kb.ChangeLog, first *int, after *string) (*model.ChangeSetConnection, error) {
	n, err := PageSize(first, defaultChangesPage)
	if err != nil {
		return nil, err
	}
	before := 0
	if after != nil {
		id, err := decodeCursor(*after)
		if err != nil {
			return nil, err
		}
		if _, err := fmt.Sscanf(id, "changeset:%d", &before); err != nil || before < 1 {
			return nil, kb.Errorf(kb.EINVALID, "invalid cursor %q", *after)
		}
	}
	total, err := log.SeedVersion(ctx)
	if err != nil {
		return nil, err
	}
	sets, more, err := log.Changes(ctx, n, before)
	if err != nil {
		return nil, err
	}
	conn := &model.ChangeSetConnection{TotalCount: total, PageInfo: &model.PageInfo{HasNextPage: more, HasPreviousPage: before > 0 && before <= total}}
	for i := range sets {
		cursor := encodeCursor(fmt.Sprintf("changeset:%d", sets[i].Version))
		conn.Edges = append(conn.Edges, &model.ChangeSetEdge{Cursor: cursor, Node: &sets[i]})
	}
	if k := len(conn.Edges); k > 0 {
		conn.PageInfo.StartCursor, conn.PageInfo.EndCursor = &conn.Edges[0].Cursor, &conn.Edges[k-1].Cursor
	}
	return conn, nil
}
