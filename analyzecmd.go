package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"skillgraph/db"
	"skillgraph/graph"
	"skillgraph/httpapi"
	"skillgraph/kb"
	"skillgraph/posting"
	"skillgraph/seed"
)

// The analyze command: `skillgraph analyze FILE`, a job posting read the way
// the article reads one, in the terminal.
const analyzeUsage = `usage: skillgraph analyze [flags] FILE

Reads the job posting in FILE (- for standard input) the way the article
reads its two, and prints its sections, the skills it names (with
line:column), how likely each company stage is and why (citing the
article's lines), and, with -have, how far you are from it.

It reads the knowledge base from -db when that file exists, else from the
embedded seed.

Flags:
`

// runAnalyze runs the analyze command and returns the exit status.
func runAnalyze(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	fset := flag.NewFlagSet("skillgraph analyze", flag.ContinueOnError)
	fset.SetOutput(stderr)
	dbPath := fset.String("db", envOr(getenv, "KB_DB", "data/kb.db"), "SQLite database file to read, when it exists (env KB_DB)")
	lang := fset.String("lang", terminalLang(getenv), "language of the report: en or ko (default: the terminal's, from LC_ALL, LC_MESSAGES or LANG)")
	asJSON := fset.Bool("json", false, "print the API's answer to analyzePosting, as JSON")
	have := fset.String("have", "", "your skills, comma-separated, any alias: adds how far you are from the posting")
	fset.Usage = func() {
		fmt.Fprint(stderr, analyzeUsage)
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	if fset.NArg() != 1 {
		fmt.Fprintln(stderr, "skillgraph analyze: want one FILE, or - for standard input")
		return exitError
	}
	text, err := readPosting(fset.Arg(0), stdin)
	if err != nil {
		fmt.Fprintf(stderr, "skillgraph analyze: %v\n", err)
		return exitError
	}
	g, err := analysisGraph(ctx, *dbPath)
	if err != nil {
		fmt.Fprintf(stderr, "skillgraph analyze: %v\n", err)
		return exitError
	}
	var names []string
	if *have != "" {
		for _, n := range strings.Split(*have, ",") {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
	}
	if *asJSON {
		return printAnalysisJSON(g, text, names, *have != "", stdout, stderr)
	}
	an, err := posting.NewAnalyzer(g).Analyze(text, haveOrNil(names, *have != ""))
	if err != nil {
		fmt.Fprintf(stderr, "skillgraph analyze: %s\n", kb.ErrorMessage(err))
		return exitError
	}
	l := kb.English
	if strings.HasPrefix(strings.ToLower(*lang), "ko") {
		l = kb.Korean
	}
	writeReport(stdout, text, an, l)
	return exitOK
}

func haveOrNil(names []string, given bool) []string {
	if !given {
		return nil
	}
	if names == nil {
		return []string{}
	}
	return names
}

// terminalLang is the language the terminal's locale asks for: "ko" for a
// Korean locale, else "en".
func terminalLang(getenv func(string) string) string {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc := getenv(v); loc != "" {
			if strings.HasPrefix(strings.ToLower(loc), "ko") {
				return "ko"
			}
			return "en"
		}
	}
	return "en"
}

func readPosting(name string, stdin io.Reader) (string, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, 1<<20))
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return "", fmt.Errorf("read the posting: %w", err)
	}
	return string(data), nil
}

// analysisGraph is the knowledge base the command reads: the database's
// when it exists, else the embedded seed's. It never creates a database.
func analysisGraph(ctx context.Context, path string) (*kb.Graph, error) {
	if _, err := os.Stat(path); err == nil {
		store, err := db.Open(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("open database: %w", err)
		}
		defer store.Close()
		ds, _, err := store.Snapshot(ctx)
		if err != nil {
			return nil, fmt.Errorf("read knowledge base: %w", err)
		}
		return kb.NewGraph(ds)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	ds, err := seed.Load(seed.Files())
	if err != nil {
		return nil, fmt.Errorf("load embedded seed: %w", err)
	}
	return kb.NewGraph(ds)
}

// analyzeQuery asks for everything the report shows, as the API answers it.
const analyzeQuery = `query Analyze($text: String!, $have: [String!]) {
  analyzePosting(text: $text, have: $have) {
    sections { kind heading { start end text } items { kind span { start end text } skills { slug name } closest { id source { line } } similarity } }
    skills { skill { slug name } mentions { start end text } kinds }
    concepts { skill { slug name } mentions { start end text } kinds }
    stages { stage { slug name } probability signals { weight why ko: why(lang: KO) trait { id source { line } } requirement { id source { line } } evidence { start end text } } }
    unknownTerms
    gap { coverage met { span { text } } open { span { text } } missing { slug name } known { slug } unknown }
  }
}`

// printAnalysisJSON prints the API's answer: the query runs through the
// same handler the server serves, limits included.
func printAnalysisJSON(g *kb.Graph, text string, have []string, withHave bool, stdout, stderr io.Writer) int {
	h := httpapi.NewHandler(&graph.Resolver{Live: kb.NewLive(g)}, httpapi.DefaultOptions(discardLogger()))
	vars := map[string]any{"text": text}
	if withHave {
		vars["have"] = haveOrNil(have, true)
	}
	body, _ := json.Marshal(map[string]any{"query": analyzeQuery, "variables": vars})
	req := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out bytes.Buffer
	if err := json.Indent(&out, rec.Body.Bytes(), "", "  "); err != nil {
		fmt.Fprintf(stderr, "skillgraph analyze: the API answered %d: %s\n", rec.Code, rec.Body.String())
		return exitError
	}
	out.WriteByte('\n')
	stdout.Write(out.Bytes())
	if strings.Contains(rec.Body.String(), `"errors"`) {
		return exitError
	}
	return exitOK
}

// writeReport prints an analysis for a person at a terminal.
func writeReport(w io.Writer, text string, an *posting.Analysis, lang kb.Lang) {
	ko := lang == kb.Korean
	tr := func(en, k string) string {
		if ko {
			return k
		}
		return en
	}
	pos := newLineIndex(text)
	fmt.Fprintln(w, tr("Sections", "섹션"))
	for _, s := range an.Sections {
		head := s.Heading.Text
		if head == "" {
			head = tr("(before the first heading)", "(첫 제목 앞)")
		}
		fmt.Fprintf(w, "  %-14s %s  (%d %s)\n", s.Kind, head, len(s.Items), tr("items", "항목"))
	}
	for _, part := range []struct {
		title string
		uses  []posting.SkillUse
	}{{tr("Technologies", "기술"), an.Skills}, {tr("Concepts", "개념·역량"), an.Concepts}} {
		fmt.Fprintf(w, "\n%s (%d)\n", part.title, len(part.uses))
		for _, u := range part.uses {
			var at []string
			for _, m := range u.Mentions {
				at = append(at, pos.at(m.Start))
			}
			fmt.Fprintf(w, "  %-28s %s  %v\n", u.Skill.Name.Get(lang), strings.Join(at, " "), u.Kinds)
		}
	}
	fmt.Fprintf(w, "\n%s\n", tr("Stages", "회사 단계"))
	for _, st := range an.Stages {
		fmt.Fprintf(w, "  %5.1f%%  %s\n", 100*st.Probability, st.Stage.Name.Get(lang))
		for _, s := range st.Signals {
			if s.Weight > 0 {
				fmt.Fprintf(w, "          %s\n", s.Why(lang))
			}
		}
	}
	if len(an.UnknownTerms) > 0 {
		fmt.Fprintf(w, "\n%s: %s\n", tr("Not in the vocabulary", "어휘에 없는 말"), strings.Join(an.UnknownTerms, ", "))
	}
	if g := an.Gap; g != nil {
		fmt.Fprintf(w, "\n%s: %.0f%% (%d %s, %d %s)\n", tr("Your coverage of its requirements", "요건 충족도"), 100*g.Coverage,
			len(g.Met), tr("met", "충족"), len(g.Open), tr("open", "미충족"))
		var missing []string
		for _, s := range g.Missing[:min(len(g.Missing), 8)] {
			missing = append(missing, s.Name.Get(lang))
		}
		if len(missing) > 0 {
			fmt.Fprintf(w, "  %s: %s\n", tr("To learn next", "다음에 배울 것"), strings.Join(missing, ", "))
		}
		if len(g.Unknown) > 0 {
			fmt.Fprintf(w, "  %s: %s\n", tr("Unknown names", "모르는 이름"), strings.Join(g.Unknown, ", "))
		}
	}
}

// lineIndex turns code-point offsets into line:column.
type lineIndex struct{ starts []int }

func newLineIndex(text string) lineIndex {
	idx := lineIndex{starts: []int{0}}
	for i, r := range []rune(text) {
		if r == '\n' {
			idx.starts = append(idx.starts, i+1)
		}
	}
	return idx
}

func (l lineIndex) at(offset int) string {
	line := 0
	for line+1 < len(l.starts) && l.starts[line+1] <= offset {
		line++
	}
	return fmt.Sprintf("%d:%d", line+1, offset-l.starts[line]+1)
}
