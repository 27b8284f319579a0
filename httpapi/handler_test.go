package httpapi_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/internal/kbtest"
	"skillgraph/internal/testlog"
	"skillgraph/kb"
)

// brokenIndex fails the way a real store might: with an error full of
// internals, or a panic.
type brokenIndex struct{ panics bool }

func (b brokenIndex) SearchText(ctx context.Context, query string, lang kb.Lang, limit int) ([]kb.TextMatch, int, error) {
	if b.panics {
		panic("index exploded at /srv/data/kb.db")
	}
	return nil, 0, errors.New(`SQL logic error: no such table: text_search (SELECT node FROM text_search WHERE ...)`)
}

func newClient(t *testing.T, idx kb.VersionedIndex, logs io.Writer) *client.Client {
	t.Helper()
	_, g := kbtest.Seed(t)
	opts := httpapi.DefaultOptions(slog.New(slog.NewTextHandler(logs, nil)))
	return client.New(httpapi.NewHandler(&graph.Resolver{Live: kb.NewLive(g), Index: idx}, opts))
}

func TestInternalErrorsAreMaskedAndLogged(t *testing.T) {
	for _, panics := range []bool{false, true} {
		var logs testlog.Buffer
		c := newClient(t, brokenIndex{panics: panics}, &logs)
		var resp struct{ Search []struct{ Score float64 } }
		err := c.Post(`{ search(text: "kafka") { score } }`, &resp)
		if err == nil {
			t.Fatalf("panics=%v: no error", panics)
		}
		msg := err.Error()
		if !strings.Contains(msg, "internal error") || !strings.Contains(msg, `"code":"INTERNAL"`) {
			t.Errorf("panics=%v: error %s, want a masked INTERNAL error", panics, msg)
		}
		for _, leak := range []string{"SQL", "text_search", "/srv/data"} {
			if strings.Contains(msg, leak) {
				t.Errorf("panics=%v: error %s leaks %q", panics, msg, leak)
			}
		}
		if !strings.Contains(logs.String(), "text_search") && !strings.Contains(logs.String(), "/srv/data") {
			t.Errorf("panics=%v: the log lost the details: %s", panics, logs.String())
		}
	}
}

func TestResolversAnswerFromTheSeed(t *testing.T) {
	c := newClient(t, brokenIndex{}, io.Discard)
	var resp struct {
		Requirement struct {
			Needs []struct {
				AnyOf     []struct{ Slug string }
				WidenedBy *struct{ ID string }
			}
			PostedNeeds []struct{ Named []struct{ Slug string } }
		} `json:"node"`
	}
	c.MustPost(`{ node(id: "requirement:mature-pipeline-experience") { ... on Requirement {
		needs { anyOf { slug } widenedBy { id } } postedNeeds { named { slug } } } } }`, &resp)
	r := resp.Requirement
	if len(r.PostedNeeds) != 3 || len(r.Needs) != 1 {
		t.Fatalf("posted %d choices, widened to %d; want 3 and 1", len(r.PostedNeeds), len(r.Needs))
	}
	if r.Needs[0].WidenedBy == nil || r.Needs[0].WidenedBy.ID != "trait:mature-one-strength-is-enough" {
		t.Errorf("widenedBy = %+v", r.Needs[0].WidenedBy)
	}
}
