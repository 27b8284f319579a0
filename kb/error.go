package kb

import (
	"errors"
	"fmt"
)

// Error codes. They are stable: the GraphQL layer maps them to
// extensions.code and scripts may match on them.
const (
	ENOTFOUND = "NOT_FOUND"      // a named stage, skill or node does not exist
	EINVALID  = "BAD_USER_INPUT" // input or data that breaks a rule
	EINTERNAL = "INTERNAL"       // anything unexpected; details are logged, not shown
	// ENOTREPLICATED: a change committed on the writer that storage has not
	// acknowledged in time; it is served, and replicates once storage answers.
	ENOTREPLICATED = "NOT_REPLICATED"
	// EREADONLY: a change asked of a node that serves a read-only copy.
	EREADONLY = "READ_ONLY"
)

// Error is a domain error: a code for programs and a message for people.
// Anything that is not an *Error is internal.
type Error struct {
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, "" for nil
// and EINTERNAL for any other error.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of the first *Error in err's chain, and a
// generic message for any other error, so internals never reach a client.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}
