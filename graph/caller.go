package graph

import "context"

// Caller is who sent a request, as far as the admin mutations care.
type Caller struct {
	Credentials string // "" none, "bad" wrong, "admin" the admin token
	Author      string
}

type callerKey struct{}

// WithCaller records who sent a request, for the admin mutations.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns who sent the request, as WithCaller recorded it.
func CallerFrom(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}
