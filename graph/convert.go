package graph

import (
	"encoding/base64"
	"slices"
	"strings"

	"skillgraph/graph/model"
	"skillgraph/kb"
)

// Conversions between the GraphQL enums and the domain's types. They live
// here, not in the generated resolvers file, so regeneration keeps them.

func toLang(l *model.Lang) kb.Lang {
	if l == nil {
		return kb.English
	}
	return kb.Lang(strings.ToLower(string(*l)))
}

func toKinds(kinds []model.RequirementKind) []kb.RequirementKind {
	out := make([]kb.RequirementKind, len(kinds))
	for i, k := range kinds {
		out[i] = kb.RequirementKind(k)
	}
	return out
}

func fromKinds(kinds []kb.RequirementKind) []model.RequirementKind {
	out := make([]model.RequirementKind, len(kinds))
	for i, k := range kinds {
		out[i] = model.RequirementKind(k)
	}
	return out
}

func ptrs[T any](items []T) []*T {
	out := make([]*T, len(items))
	for i := range items {
		out[i] = &items[i]
	}
	return out
}

// Page sizes of the `first` arguments the core contract gives no default
// in the schema; every other list's default is in the schema itself.
const (
	defaultSkillsPage  = 20
	defaultSearchPage  = 10
	defaultChangesPage = 10
	// MaxPage is the largest `first` a list takes.
	MaxPage = 100
)

// PageDefaults are the page sizes of the fields whose `first` defaults in
// code, by "Type.field": the connections, and search, whose arguments the
// contract fixes without a default. Every list's default is in the schema
// (`first: Int = 20`). The cost of a query counts them so.
var PageDefaults = map[string]int{
	"Query.skills":  defaultSkillsPage,
	"Query.search":  defaultSearchPage,
	"Query.changes": defaultChangesPage,
}

// PageSize reads a `first` argument: def when absent, an error when
// negative or above MaxPage.
func PageSize(first *int, def int) (int, error) {
	switch {
	case first == nil:
		return def, nil
	case *first < 0:
		return 0, kb.Errorf(kb.EINVALID, "first must not be negative, got %d", *first)
	case *first > MaxPage:
		return 0, kb.Errorf(kb.EINVALID, "first must be at most %d, got %d", MaxPage, *first)
	}
	return *first, nil
}

// Cursors are the node ID, base64-encoded so clients treat them as opaque
// while they stay stable across re-seeds.
func encodeCursor(id string) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

func decodeCursor(cursor string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil {
		return "", kb.Errorf(kb.EINVALID, "invalid cursor %q", cursor)
	}
	return string(b), nil
}

// firstOf keeps the first `first` items of a list, all of them when first
// is null.
func firstOf[T any](list []T, first *int) ([]T, error) {
	if first == nil {
		return list, nil
	}
	n, err := PageSize(first, 0)
	if err != nil {
		return nil, err
	}
	return list[:min(n, len(list))], nil
}

// page keeps the items of a list after the one whose node ID is after
// (all of them when after is null), then the first `first` of those: how a
// client pages through a plain list, passing the last ID it got.
func page[T any](list []T, first *int, after *string, id func(T) string) ([]T, error) {
	if after != nil {
		i := slices.IndexFunc(list, func(item T) bool { return id(item) == *after })
		if i < 0 {
			return nil, kb.Errorf(kb.EINVALID, "after: %q is not the ID of an item of this list", kb.Shorten(*after, 80))
		}
		list = list[i+1:]
	}
	return firstOf(list, first)
}

func requirementPage(list []*kb.Requirement, first *int, after *string) ([]*kb.Requirement, error) {
	return page(list, first, after, func(r *kb.Requirement) string { return kb.NodeID(kb.KindRequirement, r.Slug) })
}

func nilIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func toChangeOp(op string) model.ChangeOp { return model.ChangeOp(strings.ToUpper(op)) }
