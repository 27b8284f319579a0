// Package kb is the domain of skillgraph: the knowledge graph of company
// stages, their requirements, the skills those requirements name and the
// traits the article infers, plus the rules that answer questions about it
// (scoring, ranking, stage comparison, gap analysis, search ranking and alias
// resolution).
//
// It imports only the standard library. The SQLite store (package db), the
// seed files (package seed) and the GraphQL API (package graph) are adapters
// around it: they produce or consume a Dataset and ask a Graph for answers.
//
// A Dataset is plain data, as written in the seed files or read from the
// store. NewGraph validates a Dataset and indexes it into an immutable Graph
// whose derived data (effective choices, stage scores) is computed once, so
// every question is answered from memory without further work per request.
package kb
