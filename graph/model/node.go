// Package model holds the GraphQL-only types that gqlgen generates, and the
// Node interface the domain types are returned as.
package model

// Node is any object with a node ID: *kb.Stage, *kb.Requirement, *kb.Skill,
// *kb.Trait or *kb.Category. The domain types know nothing of GraphQL, so
// the interface asks nothing of them; the generated code switches on the
// concrete type.
type Node any
