package seed_test

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"skillgraph/kb"
	"skillgraph/seed"
)

var update = flag.Bool("update", false, "rewrite the seed files under data/ in their canonical layout (seed.Export's)")

// TestExportReproducesCheckedInFiles checks that the checked-in seed files
// are canonical: exporting what they load gives them back byte for byte.
// After changing the data by hand or the format, run
//
//	go test ./seed -run TestExportReproducesCheckedInFiles -update
func TestExportReproducesCheckedInFiles(t *testing.T) {
	files, err := seed.Export(loadEmbedded(t))
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := seed.WriteDir(".", files); err != nil {
			t.Fatal(err)
		}
		t.Skip("rewrote the seed files; run the tests again to check them")
	}
	var embedded []string
	err = fs.WalkDir(seed.Files(), "data", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			embedded = append(embedded, name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range embedded {
		want, err := fs.ReadFile(seed.Files(), name)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := files[name]
		switch {
		case !ok:
			t.Errorf("Export does not write %s", name)
		case !bytes.Equal(got, want):
			t.Errorf("%s is not in the canonical layout; first difference:\n%s\nRun go test ./seed -run %s -update to rewrite it.", name, firstDiff(want, got), t.Name())
		}
	}
	for name := range files {
		if !slices.Contains(embedded, name) {
			t.Errorf("Export writes %s, which is not checked in", name)
		}
	}
}

// firstDiff shows the first line where got differs from want.
func firstDiff(want, got []byte) string {
	w, g := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl || i >= len(w) || i >= len(g) {
			return fmt.Sprintf("line %d:\n  file:   %q\n  export: %q", i+1, wl, gl)
		}
	}
	return "(none)"
}

// nilEmpty sets every empty list in v to nil: Load leaves a list the file
// does not write nil, and the exporter writes no empty list.
func nilEmpty(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			nilEmpty(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			nilEmpty(v.Field(i))
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.SetZero()
		}
		for i := range v.Len() {
			nilEmpty(v.Index(i))
		}
	}
}

// checkSameData fails unless got equals want, empty lists being nil.
func checkSameData(t *testing.T, want, got *kb.Dataset) {
	t.Helper()
	nilEmpty(reflect.ValueOf(want))
	nilEmpty(reflect.ValueOf(got))
	if reflect.DeepEqual(want, got) {
		return
	}
	lists := []string{"Categories", "Skills", "Stages", "Requirements", "Traits"}
	for _, name := range lists {
		w, g := reflect.ValueOf(want).Elem().FieldByName(name), reflect.ValueOf(got).Elem().FieldByName(name)
		for i := range max(w.Len(), g.Len()) {
			switch {
			case i >= g.Len():
				t.Fatalf("%s[%d] is missing: %+v", name, i, w.Index(i))
			case i >= w.Len():
				t.Fatalf("extra %s[%d]: %+v", name, i, g.Index(i))
			case !reflect.DeepEqual(w.Index(i).Interface(), g.Index(i).Interface()):
				t.Fatalf("%s[%d] differs:\ngot  %+v\nwant %+v", name, i, g.Index(i), w.Index(i))
			}
		}
	}
	t.Fatal("datasets differ")
}

// exportAndLoad exports ds and loads the files next to the documents of
// docs, as a seed tree.
func exportAndLoad(t *testing.T, ds *kb.Dataset, docs fs.FS) (*kb.Dataset, map[string][]byte) {
	t.Helper()
	files, err := seed.Export(ds)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	err = fs.WalkDir(docs, "documents", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(docs, name)
		fsys[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := seed.Load(fsys)
	if err != nil {
		t.Fatalf("Load(Export(ds)):\n%v\n%s", err, exported(files))
	}
	return got, files
}

func exported(files map[string][]byte) string {
	var b strings.Builder
	for _, name := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(&b, "--- %s\n%s", name, files[name])
	}
	return b.String()
}

func TestExportRoundTripsEmbedded(t *testing.T) {
	ds := loadEmbedded(t)
	got, _ := exportAndLoad(t, ds, seed.Files())
	checkSameData(t, loadEmbedded(t), got)
}

func TestExportRoundTripsValidFixture(t *testing.T) {
	fsys := dirFS(t, "testdata/valid")
	ds, err := seed.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := exportAndLoad(t, ds, fsys)
	want, _ := seed.Load(fsys)
	checkSameData(t, want, got)
}

// TestExportFormat pins the canonical layout of a stage file: the fixed
// header, flow texts when short, block texts when long or quoted, the Korean
// text left out when it is the quote, section comments, and quoting.
func TestExportFormat(t *testing.T) {
	fsys := dirFS(t, "testdata/valid")
	ds, err := seed.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	ds.Stages[0].Name.Set(kb.Japanese, "小さな会社")
	ds.Requirements[0].Text.Set(kb.Korean, "언어: Python 등") // not the quote, so written
	ds.Requirements[1].Text.Set(kb.Japanese, "Sparkの使用経験")
	ds.Traits[0].Statement.Set(kb.English, `"Only a language" is required`)
	files, err := seed.Export(ds)
	if err != nil {
		t.Fatal(err)
	}
	const want = `# Stage small: Small company
#
# Every bullet of the stage's section of the document is one requirement or
# one trait below: ` + "`line`" + ` is its 1-based line in the document and ` + "`quote`" + ` its
# verbatim text, both checked by the loader. A requirement's Korean text
# defaults to its quote. See seed/README.md for the format; seed.Export writes
# this layout.
document: mini.ko.md

stage:
  slug: small
  line: 3
  name: {ko: 작은 회사, en: Small company, ja: 小さな会社}
  summary: {ko: 작은 회사, en: A small company}

requirements:
  # 자격요건
  - slug: small-language
    kind: required
    line: 6
    quote: Python 등 언어에 능숙한 분
    text:
      ko: "언어: Python 등"
      en: Proficient in a language such as Python
    needs:
      - any_of: [python]
        such_as: programming-language
  - slug: small-spark
    kind: required
    line: 7
    quote: Spark 사용 경험이 있으신 분
    text: {en: Experience using Spark, ja: Sparkの使用経験}
    needs:
      - any_of: [spark]

  # 우대사항
  - slug: small-kubernetes
    kind: preferred
    line: 10
    quote: Kubernetes 운영 경험이 있으신 분
    text: {en: Experience operating Kubernetes}
    needs:
      - any_of: [kubernetes]

traits:
  # 채용 공고에서 나타나는 특징
  - slug: small-language-only
    kind: posting_signal
    line: 13
    quote: 언어만 요구한다 -> 기초가 중요하다
    statement:
      ko: 언어만 요구한다
      en: "\"Only a language\" is required"
    implications:
      - {ko: 기초가 중요하다, en: Fundamentals matter}
    evidence: [small-language]
    emphasizes: [python]
`
	if got := string(files["data/stages/small.yaml"]); got != want {
		t.Errorf("data/stages/small.yaml:\n%s\nfirst difference: %s", got, firstDiff([]byte(want), []byte(got)))
	}
	got, _ := exportAndLoad(t, ds, fsys)
	checkSameData(t, ds, got)
}

func TestExportKeepsThirdLanguage(t *testing.T) {
	ds := loadEmbedded(t)
	language := slices.IndexFunc(ds.Categories, func(c kb.Category) bool { return c.Slug == "language" })
	python := slices.IndexFunc(ds.Skills, func(s kb.Skill) bool { return s.Slug == "python" })
	ds.Categories[language].Name.Set(kb.Japanese, "プログラミング言語")
	ds.Skills[python].Name.Set(kb.Japanese, "パイソン")
	ds.Stages[0].Summary.Set(kb.Japanese, "急成長中の会社。")
	ds.Requirements[0].Text.Set(kb.Japanese, "データパイプラインの開発")
	ds.Traits[0].Statement.Set(kb.Japanese, "特定の技術スタックを明記していない")
	ds.Traits[0].Implications[1].JA = "初心者でもよいという意味ではない"
	got, files := exportAndLoad(t, ds, seed.Files())
	checkSameData(t, ds, got)
	vocabulary := "data/vocabulary/language.yaml"
	for _, want := range []string{
		"name: {ko: 프로그래밍 언어, en: Programming languages, ja: プログラミング言語}",
		"name: {ko: 파이썬, en: Python, ja: パイソン}",
	} {
		if !strings.Contains(string(files[vocabulary]), want) {
			t.Errorf("%s lacks %q", vocabulary, want)
		}
	}
	if !strings.Contains(string(files["data/stages/growth.yaml"]), "\n    ja: 急成長中の会社。\n") {
		t.Errorf("growth.yaml lacks the Japanese summary after the Korean and English ones:\n%s", files["data/stages/growth.yaml"])
	}
}

// TestExportRoundTripsAnyText puts many strings, Korean, quotes, colons, '#',
// line breaks, escapes and other Unicode, into every kind of text, alias
// and quote, and checks that Load reads back exactly what Export wrote.
func TestExportRoundTripsAnyText(t *testing.T) {
	base := dirFS(t, "testdata/valid")
	r := rand.New(rand.NewPCG(7, 2026))
	n := 300
	if testing.Short() {
		n = 50
	}
	for i := range n {
		var texts [12]string
		for j := range texts {
			texts[j] = randomText(r)
		}
		checkTextsRoundTrip(t, base, texts, fmt.Sprint(i))
	}
}

// FuzzExportText is TestExportRoundTripsAnyText for one string at a time.
func FuzzExportText(f *testing.F) {
	for _, s := range []string{"", " ", "a: b", "#", "- x", "true", "1e3", "line\nbreak", `"q"`, "자격요건: ok", "{ko: x}"} {
		f.Add(s)
	}
	base := dirFS(f, "testdata/valid")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			t.Skip("texts are valid UTF-8 without NUL")
		}
		var texts [12]string
		for j := range texts {
			texts[j] = s
		}
		checkTextsRoundTrip(t, base, texts, "fuzz")
	})
}

// checkTextsRoundTrip writes texts into the valid fixture wherever the data
// stays valid, exports it and loads it back.
func checkTextsRoundTrip(t *testing.T, base fstest.MapFS, texts [12]string, name string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for k, v := range base {
		fsys[k] = &fstest.MapFile{Data: v.Data}
	}
	ds, err := seed.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	nonBlank := func(s, fallback string) string {
		if strings.TrimSpace(s) == "" {
			return fallback
		}
		return s
	}
	ds.Categories[0].Name.Set(kb.Japanese, texts[0])
	ds.Categories[1].Name.Set(kb.English, nonBlank(texts[1], "Big data"))
	ds.Stages[0].Name.JA = texts[2]
	ds.Stages[0].Summary.Set(kb.Korean, nonBlank(texts[3], "요약"))
	ds.Requirements[0].Text.Set(kb.English, nonBlank(texts[4], "English"))
	ds.Requirements[0].Text.Set(kb.Japanese, texts[5])
	ds.Traits[0].Statement.Set(kb.Korean, nonBlank(texts[6], "진술"))
	ds.Traits[0].Implications[0].JA = texts[7]
	// An alias is kept when it leaves the skills valid: it must name no
	// other skill.
	aliases := ds.Skills[1].Aliases
	ds.Skills[1].Aliases = append(slices.Clip(aliases), texts[8])
	if kb.Validate(ds) != nil {
		ds.Skills[1].Aliases = aliases
	}
	// A quote is a bullet of the document: one line, no spaces at its ends.
	doc := strings.Split(string(fsys["documents/mini.ko.md"].Data), "\n")
	for k, at := range []struct{ line, text int }{{7, 9}, {13, 10}} {
		q := strings.TrimSpace(strings.NewReplacer("\n", " ", "\r", " ").Replace(texts[at.text]))
		if q == "" {
			continue
		}
		doc[at.line-1] = "- " + q
		if k == 0 {
			r := &ds.Requirements[1]
			r.Source.Quote, r.Text.KO = q, q // the Korean text that is left out
		} else {
			ds.Traits[0].Source.Quote = q
		}
	}
	fsys["documents/mini.ko.md"] = &fstest.MapFile{Data: []byte(strings.Join(doc, "\n"))}
	ds.Requirements[2].Text.Set(kb.Korean, nonBlank(texts[11], "한국어"))
	if err := kb.Validate(ds); err != nil {
		t.Fatalf("case %s: the test made invalid data: %v", name, err)
	}
	got, _ := exportAndLoad(t, ds, fsys)
	checkSameData(t, ds, got)
}

// textPieces are what randomText makes texts of.
var textPieces = []string{
	"a", "Z", "0", "1", ".", "-", "+", "e", "x", ":", " ", "#", ",", "[", "]", "{", "}", "'", "\"", "\\",
	"\n", "\t", "\r", "?", "!", "&", "*", "|", ">", "%", "@", "`", "~", "=", "<<", "yes", "null", "true",
	".inf", "0x1F", "1e3", "12:30", "2024-01-02", "---", "- ", ": ", " #", "->", "가", "한국어",
	"자격요건", "Python/Java", "😀", "é", "\u00a0", "\u0085", "\u2028", "\ufeff", "\u200b", "\x7f", "\x01",
}

// randomText makes a NUL-free string of pieces and random characters.
func randomText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(r.IntN(10) + 1) {
		if r.IntN(6) == 0 {
			c := rune(1 + r.IntN(0x10FFFF))
			if 0xD800 <= c && c <= 0xDFFF {
				c = '한'
			}
			b.WriteRune(c)
			continue
		}
		b.WriteString(textPieces[r.IntN(len(textPieces))])
	}
	return b.String()
}

func TestWriteDirLoadsBack(t *testing.T) {
	dir := t.TempDir()
	ds := loadEmbedded(t)
	files, err := seed.Export(ds)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	// The tree had no documents/: WriteDir copies the embedded ones.
	want, _ := fs.ReadFile(seed.Files(), "documents/"+article)
	if got, err := os.ReadFile(filepath.Join(dir, "documents", article)); err != nil || !bytes.Equal(got, want) {
		t.Errorf("documents/%s not copied: %v", article, err)
	}
	got, err := seed.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("Load(written tree):\n%v", err)
	}
	checkSameData(t, ds, got)
	// Writing the same files again changes nothing and leaves no
	// temporary file behind.
	if err := seed.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, append(slices.Sorted(maps.Keys(files)), "documents/"+article))
}

func TestWriteDirRemovesDeletedStage(t *testing.T) {
	dir := t.TempDir()
	ds := loadEmbedded(t)
	files, err := seed.Export(ds)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	// Files that are not stage files are left alone.
	for _, name := range []string{"data/stages/NOTES.md", "documents/other.md"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("keep me\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	isGrowth := func(stage string) bool { return stage == "growth" }
	ds.Stages = slices.DeleteFunc(ds.Stages, func(s kb.Stage) bool { return !isGrowth(s.Slug) })
	ds.Requirements = slices.DeleteFunc(ds.Requirements, func(r kb.Requirement) bool { return !isGrowth(r.Stage) })
	ds.Traits = slices.DeleteFunc(ds.Traits, func(tr kb.Trait) bool { return !isGrowth(tr.Stage) })
	files, err = seed.Export(ds)
	if err != nil {
		t.Fatal(err)
	}
	if err := seed.WriteDir(dir, files); err != nil {
		t.Fatal(err)
	}
	checkTree(t, dir, append(slices.Sorted(maps.Keys(files)), "data/stages/NOTES.md", "documents/"+article, "documents/other.md"))
	got, err := seed.Load(os.DirFS(dir))
	if err != nil {
		t.Fatalf("Load(written tree):\n%v", err)
	}
	checkSameData(t, ds, got)
}

// checkTree checks that dir holds exactly the files want.
func checkTree(t *testing.T, dir string, want []string) {
	t.Helper()
	var got []string
	err := fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			got = append(got, name)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if want = slices.Sorted(slices.Values(want)); !slices.Equal(got, want) {
		t.Errorf("files in the tree = %v, want %v", got, want)
	}
}

func TestExportRefusesWhatCannotBeWritten(t *testing.T) {
	tests := []struct {
		name   string
		change func(ds *kb.Dataset)
		want   string
	}{
		{"two documents", func(ds *kb.Dataset) { ds.Requirements[0].Source.Document = "other.md" },
			`requirement "growth-build-pipelines-and-warehouse" cites document "other.md", but its stage "growth" cites "` + article + `"`},
		{"stages out of file order", func(ds *kb.Dataset) { ds.Stages[0], ds.Stages[1] = ds.Stages[1], ds.Stages[0] },
			`stage "growth" comes after stage "mature", but Load reads data/stages/growth.yaml before data/stages/mature.yaml`},
		{"slug not a file name", func(ds *kb.Dataset) { ds.Stages[1].Slug = "../mature" },
			`stage "../mature": its slug cannot be a file name`},
		{"two stages, one file", func(ds *kb.Dataset) { ds.Stages[1].Slug = "growth" },
			`stages "growth" and "growth" would both be written to data/stages/growth.yaml`},
		{"no stage", func(ds *kb.Dataset) { ds.Traits[0].Stage = "nowhere" },
			`trait "growth-no-stack-required": its stage "nowhere" has no file to write it to`},
		// What the files cannot say is caught by reading them back.
		{"no Korean text", func(ds *kb.Dataset) { ds.Requirements[0].Text.KO = "" },
			"requirement:growth-build-pipelines-and-warehouse would read back as"},
		{"not UTF-8", func(ds *kb.Dataset) { ds.Skills[0].Aliases = []string{"\xff"} },
			"skill:" + loadEmbedded(t).Skills[0].Slug + " would read back as"},
		{"categories out of file order", func(ds *kb.Dataset) { ds.Categories[0], ds.Categories[1] = ds.Categories[1], ds.Categories[0] },
			"vocabulary files are read in the order of their names"},
		{"a skill out of its category's run", func(ds *kb.Dataset) { ds.Skills = append(ds.Skills, ds.Skills[0]); ds.Skills = ds.Skills[1:] },
			"skills are read category by category"},
		{"a skill of no category", func(ds *kb.Dataset) { ds.Skills[0].Category = "nowhere" },
			`its category "nowhere" has no file to write it to`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := loadEmbedded(t)
			tt.change(ds)
			_, err := seed.Export(ds)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v\nwant it to contain %s", err, tt.want)
			}
			if code := kb.ErrorCode(err); code != kb.EINVALID {
				t.Errorf("code = %s, want %s", code, kb.EINVALID)
			}
		})
	}
}

// TestExportGroupsByStage: requirements and traits listed out of stage order
// are written to their stages' files and read back stage by stage.
func TestExportGroupsByStage(t *testing.T) {
	ds := loadEmbedded(t)
	want := loadEmbedded(t)
	// The first requirement of the second stage, moved before the first
	// stage's: still first of its stage.
	i := slices.IndexFunc(ds.Requirements, func(r kb.Requirement) bool { return r.Stage == ds.Stages[1].Slug })
	r := ds.Requirements[i]
	ds.Requirements = slices.Insert(slices.Delete(ds.Requirements, i, i+1), 0, r)
	if ds.Requirements[0].Stage == want.Requirements[0].Stage {
		t.Fatal("the test moved nothing")
	}
	got, _ := exportAndLoad(t, ds, seed.Files())
	checkSameData(t, want, got)
}
