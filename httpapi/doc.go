// Package httpapi serves the GraphQL API over HTTP: the transport
// (GraphQL over HTTP, with its media types and status codes), the request
// limits (body, tokens, depth, aliases, root fields, strings, lists) and
// the cost model, the per-request deadline, the admin token, and the cache
// of answers to repeated queries. NewHandler assembles them around package
// graph's executable schema.
//
// Files by concern: handler.go assembles; transport.go and status.go speak
// HTTP; limits.go holds the limits and their refusals, limiter.go the gqlgen
// extension that applies them, values.go the checks of strings and lists,
// shape.go those of depth, aliases and root fields, cost.go the cost model;
// auth.go, deadline.go and respcache.go the rest.
package httpapi
