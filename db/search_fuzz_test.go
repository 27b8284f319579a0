package db_test

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"skillgraph/db"
	"skillgraph/internal/kbtest"
	"skillgraph/kb"
)

// FuzzSearch sends any text to kb.Search over the real database with the
// seed in it. Whatever the text (FTS5 syntax, quotes, NUL bytes, invalid
// UTF-8), the search either answers or says, with BAD_USER_INPUT, that the
// text is empty or too long; it never fails internally. The hits are at
// most first, scored in (0, 1], name nodes of the graph, and come back the
// same when asked again.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"kafka", "분산", "BI", "데이터 파이프라인", "k8s", `"`, `'`, "*", "NEAR(a b)", "a OR b", "-x", "^spark",
		"col:val", "\x00", "((", "   ", "%", "_", `\`, "spark\x00kafka", "\xff\xfe", strings.Repeat("a", 201), "a\u00a0b", "ab"} {
		f.Add(s, uint8(0), int8(10))
	}
	f.Add("spark", uint8(1), int8(0))
	f.Add("스트리밍", uint8(2), int8(-3))
	f.Add("스트리밍", uint8(3), int8(100))

	ctx := context.Background()
	ds, g := kbtest.Seed(f)
	store, err := db.Open(ctx, filepath.Join(f.TempDir(), "kb.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { store.Close() })
	if err := store.Replace(ctx, ds); err != nil {
		f.Fatal(err)
	}
	langs := []kb.Lang{"", kb.Korean, kb.English, "ja"}
	f.Fuzz(func(t *testing.T, text string, lang uint8, first int8) {
		l := langs[int(lang)%len(langs)]
		hits, err := kb.Search(ctx, searchIndex{store}, text, l, int(first))
		words := utf8.RuneCountInString(strings.Join(strings.Fields(text), " "))
		switch {
		case words == 0 || words > kb.MaxSearchLength:
			if kb.ErrorCode(err) != kb.EINVALID {
				t.Fatalf("Search(%q): %v, want BAD_USER_INPUT", text, err)
			}
			return
		case err != nil:
			t.Fatalf("Search(%q, %q, %d): %v", text, l, first, err)
		}
		if first > 0 && len(hits) > int(first) {
			t.Fatalf("Search(%q) gave %d hits, asked for %d", text, len(hits), first)
		}
		for _, h := range hits {
			if h.Score <= 0 || h.Score > 1 || h.Snippet == "" {
				t.Fatalf("Search(%q): hit %+v", text, h)
			}
			kind, slug, _ := strings.Cut(h.Node, ":")
			found := false
			switch kind {
			case kb.KindSkill:
				found = g.Skill(slug) != nil
			case kb.KindStage:
				found = g.Stage(slug) != nil
			case kb.KindRequirement:
				found = g.Requirement(slug) != nil
			case kb.KindTrait:
				found = g.Trait(slug) != nil
			case kb.KindCategory:
				found = g.Category(slug) != nil
			}
			if !found {
				t.Fatalf("Search(%q): hit %s names no node", text, h.Node)
			}
		}
		again, err := kb.Search(ctx, searchIndex{store}, text, l, int(first))
		if err != nil || !reflect.DeepEqual(again, hits) {
			t.Fatalf("Search(%q) twice: %v then %v (%v)", text, hits, again, err)
		}
	})
}
