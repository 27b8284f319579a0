package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const samplePosting = `## 주요업무
- 데이터 웨어하우스와 파이프라인을 처음부터 설계하고 구축합니다
## 자격요건
- Python, Java, Go 중 하나 이상에 능숙하신 분
- 대규모 트래픽 경험
## 우대사항
- Spark, Flink, Airflow, BigQuery, Kafka 경험
## 혜택
- 최신 맥북, GitHub Copilot 지원`

// TestAnalyzePostingEndToEnd asks the API to read a posting and checks what
// a person sees: sections, skills with spans that are the posting's own
// text, a verdict whose every reason cites an article line, and the gap.
func TestAnalyzePostingEndToEnd(t *testing.T) {
	s := startServer(t)
	var got struct {
		AnalyzePosting struct {
			Sections []struct {
				Kind    string
				Heading struct{ Text string }
				Items   []struct {
					Kind    string
					Span    struct{ Start, End int }
					Closest *struct{ Source struct{ Line int } }
				}
			}
			Skills []struct {
				Skill    struct{ Slug string }
				Mentions []struct {
					Start, End int
					Text       string
				}
				Kinds []string
			}
			Stages []struct {
				Stage       struct{ Slug string }
				Probability float64
				Signals     []struct {
					Weight      float64
					Why, Ko     string
					Trait       *struct{ Source struct{ Line int } }
					Requirement *struct{ Source struct{ Line int } }
				}
			}
			Gap struct {
				Coverage float64
				Missing  []struct{ Slug string }
				Unknown  []string
			}
		}
	}
	s.data(`query($text: String!) { analyzePosting(text: $text, have: ["golang", "Airflow", "Fortran"]) {
		sections { kind heading { text } items { kind span { start end } closest { source { line } } } }
		skills { skill { slug } mentions { start end text } kinds }
		stages { stage { slug } probability signals { weight why ko: why(lang: KO) trait { source { line } } requirement { source { line } } } }
		gap { coverage missing { slug } unknown } } }`, map[string]any{"text": samplePosting}, &got)
	a := got.AnalyzePosting
	var kinds []string
	for _, sec := range a.Sections {
		kinds = append(kinds, sec.Kind)
	}
	if want := "RESPONSIBILITY REQUIRED PREFERRED OTHER"; strings.Join(kinds, " ") != want {
		t.Errorf("sections %v, want %s", kinds, want)
	}
	runes := []rune(samplePosting)
	for _, u := range a.Skills {
		for _, m := range u.Mentions {
			if string(runes[m.Start:m.End]) != m.Text {
				t.Errorf("%s: span %d–%d is %q, not %q", u.Skill.Slug, m.Start, m.End, string(runes[m.Start:m.End]), m.Text)
			}
		}
		if u.Skill.Slug == "github-copilot" && strings.Join(u.Kinds, ",") != "OTHER" {
			t.Errorf("GitHub Copilot, named in the benefits, read in %v", u.Kinds)
		}
	}
	if len(a.Stages) != 2 || a.Stages[0].Stage.Slug != "growth" || a.Stages[0].Probability <= 0.5 {
		t.Fatalf("stages %+v, want growth first", a.Stages)
	}
	for _, st := range a.Stages {
		for _, sig := range st.Signals {
			line := 0
			switch {
			case sig.Trait != nil:
				line = sig.Trait.Source.Line
			case sig.Requirement != nil:
				line = sig.Requirement.Source.Line
			}
			if line == 0 || !strings.Contains(sig.Why, fmt.Sprint(line)) || !strings.Contains(sig.Ko, fmt.Sprintf("%d행", line)) {
				t.Errorf("signal %q / %q cites no article line", sig.Why, sig.Ko)
			}
		}
	}
	if a.Gap.Coverage <= 0 || len(a.Gap.Missing) == 0 || strings.Join(a.Gap.Unknown, ",") != "Fortran" {
		t.Errorf("gap %+v", a.Gap)
	}
}

// TestAnalyzePostingLimits: a text over 20,000 characters is refused with
// the limit named; a 20,000-character one is read; other strings keep the
// usual limit; hostile texts get an answer, not INTERNAL, and quickly.
func TestAnalyzePostingLimits(t *testing.T) {
	s := startServer(t)
	q := `query($text: String!) { analyzePosting(text: $text) { stages { probability } } }`
	resp := s.query(q, map[string]any{"text": strings.Repeat("a", 20001)})
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(resp.Errors[0].Message, "20000") {
		t.Errorf("20,001 characters: %+v, want BAD_USER_INPUT naming 20000", resp.Errors)
	}
	literal := fmt.Sprintf(`{ analyzePosting(text: %q) { stages { probability } } }`, strings.Repeat("b", 20001))
	if resp := s.query(literal, nil); len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" {
		t.Errorf("20,001 characters as a literal: %+v, want BAD_USER_INPUT", resp.Errors)
	}
	// The long-text allowance is for the posting only.
	resp = s.query(`query($text: String!, $name: String!) { analyzePosting(text: $text) { unknownTerms } skill(name: $name) { slug } }`,
		map[string]any{"text": "Spark", "name": strings.Repeat("x", 5000)})
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(resp.Errors[0].Message, "2000") {
		t.Errorf("a 5,000-character skill name: %+v, want BAD_USER_INPUT naming 2000", resp.Errors)
	}
	for name, text := range map[string]string{
		"empty":             "",
		"whitespace":        " \n\t ",
		"control":           "## 자격요건\x00\x01\x1b\n- Kafka\x7f",
		"20,000 characters": strings.Repeat("가", 20000),
		"many lines":        strings.Repeat("\n", 20000),
		"5,000 #":           strings.Repeat("#", 5000),
	} {
		start := time.Now()
		resp := s.query(q, map[string]any{"text": text})
		if len(resp.Errors) > 0 {
			t.Errorf("%s: %+v", name, resp.Errors)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s took %s", name, d) // a hang, not a speed target
		}
	}
	// Invalid UTF-8 in a variable is not JSON: a clear 400, not INTERNAL.
	body := []byte(`{"query":"query($t: String!) { analyzePosting(text: $t) { unknownTerms } }","variables":{"t":"\xff\xfe Spark"}}`)
	res, err := http.Post(s.url+"/query", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out struct {
		Errors []struct {
			Message    string
			Extensions map[string]any
		}
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil || res.StatusCode != http.StatusBadRequest || len(out.Errors) != 1 ||
		out.Errors[0].Extensions["code"] != "BAD_REQUEST" || !strings.Contains(out.Errors[0].Message, "not valid JSON") {
		t.Errorf("invalid UTF-8: %d %v %+v", res.StatusCode, err, out.Errors)
	}
}

func TestAnalyzeCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "posting.md")
	if err := os.WriteFile(file, []byte(samplePosting), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(env map[string]string, stdin string, args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		env["KB_DB"] = filepath.Join(t.TempDir(), "none.db") // no database: the embedded seed
		status := runAnalyze(context.Background(), args, func(k string) string { return env[k] }, strings.NewReader(stdin), &stdout, &stderr)
		return status, stdout.String(), stderr.String()
	}
	status, out, errs := run(map[string]string{"LANG": "en_US.UTF-8"}, "", "-have", "golang,Airflow", file)
	if status != exitOK {
		t.Fatalf("analyze = %d: %s", status, errs)
	}
	for _, want := range []string{"REQUIRED", "Spark", "7:3", "Fast-growing company", "line 27", "Your coverage"} {
		if !strings.Contains(out, want) {
			t.Errorf("the report lacks %q:\n%s", want, out)
		}
	}
	if _, out, _ := run(map[string]string{"LANG": "ko_KR.UTF-8"}, samplePosting, "-"); !strings.Contains(out, "회사 단계") || !strings.Contains(out, "행") {
		t.Errorf("the Korean report from standard input:\n%s", out)
	}
	status, out, errs = run(map[string]string{}, "", "-json", file)
	var answer struct {
		Data struct {
			AnalyzePosting struct {
				Stages []struct{ Probability float64 }
			}
		}
	}
	if status != exitOK || json.Unmarshal([]byte(out), &answer) != nil || len(answer.Data.AnalyzePosting.Stages) != 2 {
		t.Errorf("-json = %d %s\n%s", status, errs, out)
	}
	if status, _, errs := run(map[string]string{}, "", "/no/such/file"); status != exitError || !strings.Contains(errs, "no such file") {
		t.Errorf("a missing file = %d %q", status, errs)
	}
}
