package httpapi

import (
	"context"
	"sync"

	"github.com/vektah/gqlparser/v2/ast"

	"skillgraph/ops"
)

// exchange is what one layer of the handler learns about a request that
// another needs, so that nothing is read or worked out twice: the POST
// body the response cache read, for the transport; the operation the
// transport found, and whether its answer may be replayed, for the cache.
// The deadline runs the transport in a goroutine of its own, hence the
// lock.
type exchange struct {
	body    []byte // the POST body, when hasBody
	hasBody bool

	mu        sync.Mutex
	operation string
	query     bool // the operation is a query
	clean     bool // the answer is a 200 without errors
}

type exchangeKey struct{}

func withExchange(ctx context.Context, x *exchange) context.Context {
	return context.WithValue(ctx, exchangeKey{}, x)
}

// exchangeFrom returns the request's exchange, nil when no response cache
// is in front.
func exchangeFrom(ctx context.Context) *exchange {
	x, _ := ctx.Value(exchangeKey{}).(*exchange)
	return x
}

// noteOperation records the operation a request runs, once, for the log
// line and the metrics, and for the response cache.
func noteOperation(ctx context.Context, op *ast.OperationDefinition) {
	if op == nil {
		return
	}
	name := operationName(op)
	ops.SetOperation(ctx, name)
	if x := exchangeFrom(ctx); x != nil {
		x.mu.Lock()
		x.operation, x.query = name, op.Operation == ast.Query
		x.mu.Unlock()
	}
}

// noteAnswer records whether the answer is one without errors.
func noteAnswer(ctx context.Context, clean bool) {
	if x := exchangeFrom(ctx); x != nil {
		x.mu.Lock()
		x.clean = clean
		x.mu.Unlock()
	}
}

// replayable reports whether the answer may be replayed to anyone: a
// query's, without errors; and the operation's name.
func (x *exchange) replayable() (operation string, ok bool) {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.operation, x.query && x.clean
}
