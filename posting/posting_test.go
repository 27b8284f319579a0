package posting_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"skillgraph/internal/kbtest"
	"skillgraph/kb"
	"skillgraph/posting"
)

var (
	analyzerOnce sync.Once
	analyzer     *posting.Analyzer
)

// seedAnalyzer is the analyzer of the embedded seed, built once for the
// package's tests.
func seedAnalyzer(t testing.TB) *posting.Analyzer {
	t.Helper()
	analyzerOnce.Do(func() {
		_, g := kbtest.Seed(t)
		analyzer = posting.NewAnalyzer(g)
	})
	if analyzer == nil {
		t.Fatal("no analyzer: the seed did not load")
	}
	return analyzer
}

func analyze(t testing.TB, text string, have []string) *posting.Analysis {
	t.Helper()
	an, err := seedAnalyzer(t).Analyze(text, have)
	if err != nil {
		t.Fatalf("Analyze: %v", err)
	}
	return an
}

// sectionKinds renders each section as "KIND heading".
func sectionKinds(an *posting.Analysis) []string {
	var out []string
	for _, s := range an.Sections {
		out = append(out, fmt.Sprintf("%s %s", s.Kind, s.Heading.Text))
	}
	return out
}

func TestSections(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"markdown", "## 자격요건\n- Python\n## 우대사항\n- Spark", []string{"REQUIRED 자격요건", "PREFERRED 우대사항"}},
		{"symbols", "■ 주요업무\n- 파이프라인 개발\n■ 자격요건\n- SQL", []string{"RESPONSIBILITY 주요업무", "REQUIRED 자격요건"}},
		{"brackets", "[우대 사항]\n- Kafka 경험", []string{"PREFERRED 우대 사항"}},
		{"arrow", "▶ 하시는 일\n- 데이터 수집", []string{"RESPONSIBILITY 하시는 일"}},
		{"bold", "**필수 요건**\n- Java", []string{"REQUIRED 필수 요건"}},
		{"plain Korean phrase", "이런 분을 찾아요\n- Go 개발 경험", []string{"REQUIRED 이런 분을 찾아요"}},
		{"English", "What you'll do\n- Build pipelines\nRequirements\n- Python\nNice to have\n- dbt",
			[]string{"RESPONSIBILITY What you'll do", "REQUIRED Requirements", "PREFERRED Nice to have"}},
		{"preferred qualifications", "Preferred qualifications:\n- Spark", []string{"PREFERRED Preferred qualifications"}},
		{"numbered", "1. 주요업무\n- 개발\n2. 자격요건\n- SQL", []string{"RESPONSIBILITY 주요업무", "REQUIRED 자격요건"}},
		{"colon inline", "자격요건: Python 3년 이상", []string{"REQUIRED 자격요건"}},
		{"others", "회사 소개\n우리는 커머스 회사입니다\n혜택 및 복지\n- 맥북\n전형 절차\n서류 → 면접\nPerks\n- Lunch\nAbout us\nWe sell\n근무 조건\n정규직",
			[]string{"OTHER 회사 소개", "OTHER 혜택 및 복지", "OTHER 전형 절차", "OTHER Perks", "OTHER About us", "OTHER 근무 조건"}},
		{"text before the first heading", "데이터 엔지니어 채용\n## 주요업무\n- 개발", []string{"OTHER ", "RESPONSIBILITY 주요업무"}},
		{"a sentence with a heading word is an item", "## 전형 절차\n서류 전형 시 관련 경험을 우대합니다.", []string{"OTHER 전형 절차"}},
		{"a line naming a technology is an item", "## 우대사항\nSpark 우대", []string{"PREFERRED 우대사항"}},
		{"an unknown formatted heading is OTHER", "### 🚀 우리 팀의 미션\n세상을 바꿉니다", []string{"OTHER 우리 팀의 미션"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sectionKinds(analyze(t, tt.text, nil)); !slices.Equal(got, tt.want) {
				t.Errorf("sections = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestItems(t *testing.T) {
	an := analyze(t, "## 자격요건\n- Python 능숙\n* SQL\n· Airflow 운영\n• dbt\n1. Spark\n  Kafka 경험\n\n", nil)
	var got []string
	for _, it := range an.Sections[0].Items {
		got = append(got, it.Span.Text)
	}
	if want := []string{"Python 능숙", "SQL", "Airflow 운영", "dbt", "Spark", "Kafka 경험"}; !slices.Equal(got, want) {
		t.Errorf("items = %q, want %q", got, want)
	}
}

// skillsNamed lists each skill the posting names with the text of its
// first mention, technologies then concepts.
func skillsNamed(an *posting.Analysis) []string {
	var out []string
	for _, u := range an.Skills {
		out = append(out, u.Skill.Slug+"="+u.Mentions[0].Text)
	}
	return out
}

func TestSkillsInFreeText(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"particles", "Kafka와 Spark기반, 쿠버네티스를 Terraform으로", []string{"kafka=Kafka", "spark=Spark", "kubernetes=쿠버네티스", "terraform=Terraform"}},
		{"longest first", "Spark Streaming과 JavaScript, Apache Airflow", []string{"spark-streaming=Spark Streaming", "javascript=JavaScript", "airflow=Apache Airflow"}},
		{"spacing and case", "big query, AIRFLOW, k8s", []string{"bigquery=big query", "airflow=AIRFLOW", "kubernetes=k8s"}},
		{"width", "ＡＷＳ와 Ｐｙｔｈｏｎ", []string{"aws=ＡＷＳ", "python=Ｐｙｔｈｏｎ"}},
		{"Go in a list", "Python, Go, Java 중 하나", []string{"python=Python", "go=Go", "java=Java"}},
		{"Go with a particle", "Go로 개발한 경험", []string{"go=Go"}},
		{"go as a word", "go-to-market strategy; Go beyond. Let's go", nil},
		{"R and R&D", "R&D 센터. Python, R 사용", []string{"python=Python", "r=R"}},
		{"Java is not JavaScript", "JavaScript only", []string{"javascript=JavaScript"}},
		{"Spark is not sparkle", "sparkle and sparks", nil},
		{"a Korean one-syllable name", "고객 데이터를 고도화", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyze(t, tt.text, nil)
			if got := skillsNamed(an); !slices.Equal(got, tt.want) {
				t.Errorf("skills = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSpansAreThePostingsText checks every span against the text it
// claims: code-point offsets, end exclusive, as the posting writes it, with
// decomposed Hangul, emoji and full-width letters around.
func TestSpansAreThePostingsText(t *testing.T) {
	text := "🚀 ## 자격요건\n- \u1100\u1161 Ｓｐａｒｋ와 Kafka 🙂 운영 경험\n## 우대사항\n· 에어플로우를 써 보신 분"
	an := analyze(t, text, nil)
	runes := []rune(text)
	check := func(what string, s posting.Span) {
		if s.Start < 0 || s.End > len(runes) || s.Start > s.End || string(runes[s.Start:s.End]) != s.Text {
			t.Errorf("%s span %+v is not the text's %q", what, s, string(runes[max(0, s.Start):min(len(runes), s.End)]))
		}
	}
	for _, sec := range an.Sections {
		check("heading", sec.Heading)
		for _, it := range sec.Items {
			check("item", it.Span)
		}
	}
	for _, u := range an.Skills {
		for _, m := range u.Mentions {
			check("mention", m)
		}
	}
	if got := skillsNamed(an); !slices.Equal(got, []string{"spark=Ｓｐａｒｋ", "kafka=Kafka", "airflow=에어플로우"}) {
		t.Errorf("skills = %q", got)
	}
}

func TestChoicesAndGap(t *testing.T) {
	text := `## 자격요건
- Python, Java, Go 중 하나 이상의 언어에 능숙하신 분
- Python과 SQL에 능숙하신 분
- 커뮤니케이션이 원활하신 분
## 우대사항
- Kafka 또는 Kinesis 경험
- 데이터 파이프라인(Airflow, Dagster 등) 구축 경험
## 혜택
- Spark 교육 지원`
	tests := []struct {
		name     string
		have     []string
		coverage float64
		met      int
		missing0 string
		unknown  []string
	}{
		// Required items weigh 3, preferred ones 1: 11 in all.
		{"nothing", []string{}, 0, 0, "python", nil}, // in two required items
		{"any one language meets the any-of item", []string{"golang"}, 0.273, 1, "communication", nil},
		{"and needs both", []string{"Python"}, 0.273, 1, "sql", nil}, // completing an item gains it all: ties go to the first
		{"both", []string{"Python", "SQL"}, 0.545, 2, "communication", nil},
		{"a narrower skill meets it, as in the article", []string{"Python", "SQL", "communication", "Amazon MSK", "Prefect"}, 1, 5, "", nil},
		{"unknown names", []string{"Zorblang"}, 0, 0, "python", []string{"Zorblang"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyze(t, text, tt.have)
			g := an.Gap
			if g == nil {
				t.Fatal("no gap with have")
			}
			if math.Abs(g.Coverage-tt.coverage) > 0.001 || len(g.Met) != tt.met {
				t.Errorf("coverage %v with %d met, want %v and %d", g.Coverage, len(g.Met), tt.coverage, tt.met)
			}
			if len(g.Met)+len(g.Open) != 5 {
				t.Errorf("%d items met or open, want the 5 required and preferred ones (not the benefits')", len(g.Met)+len(g.Open))
			}
			switch {
			case tt.missing0 == "" && len(g.Missing) > 0:
				t.Errorf("missing %v, want none", g.Missing[0].Slug)
			case tt.missing0 != "" && (len(g.Missing) == 0 || g.Missing[0].Slug != tt.missing0):
				t.Errorf("missing starts %v, want %s", slugs(g.Missing), tt.missing0)
			}
			if !slices.Equal(g.Unknown, tt.unknown) {
				t.Errorf("unknown %q, want %q", g.Unknown, tt.unknown)
			}
		})
	}
	if an := analyze(t, text, nil); an.Gap != nil {
		t.Error("a gap without have")
	}
	// A skill the item does not name meets it through broader links, and
	// the match says which.
	g := analyze(t, text, []string{"Prefect"}).Gap
	var paths []string
	for _, m := range g.Matches {
		paths = append(paths, strings.Join(slugs(m.Path), " > "))
	}
	if want := "prefect > workflow-orchestration > data-pipeline"; !slices.Contains(paths, want) {
		t.Errorf("Prefect's matches %q, want %q", paths, want)
	}
}

func TestStages(t *testing.T) {
	growth := `## 주요업무
- 데이터 웨어하우스와 파이프라인을 처음부터 설계하고 구축합니다
- 레거시 리포트를 새 플랫폼으로 마이그레이션합니다
## 자격요건
- Python, Java, Go 중 하나 이상에 능숙하신 분
- 대규모 트래픽을 다뤄 보신 분
## 우대사항
- Spark, Flink, Airflow, BigQuery, Kafka, Terraform 경험`
	mature := `## 담당업무
- 안정적이고 효율적인 데이터 파이프라인을 운영하고 고도화합니다
- 동료의 실험·분석 환경을 위한 도구와 API를 개발합니다
## 자격요건
- Hadoop, Kafka, Spark 등 대용량 분산 시스템 운영 경험
- Java, Scala로 데이터 애플리케이션을 개발할 수 있는 분
## 우대사항
- 추천/광고/ML 서비스 개발 경험`
	tests := []struct {
		name, text, want string
		atLeast          float64
	}{
		{"a posting that builds", growth, "growth", 0.8},
		{"a posting that operates", mature, "mature", 0.8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := analyze(t, tt.text, nil)
			top := an.Stages[0]
			if top.Stage.Slug != tt.want || top.Probability < tt.atLeast {
				t.Fatalf("top stage %s at %.2f, want %s at %.2f or more", top.Stage.Slug, top.Probability, tt.want, tt.atLeast)
			}
			checkStages(t, an)
		})
	}
	// Little to go on: close to even.
	for _, text := range []string{"", "   \n\t", "데이터 엔지니어를 찾습니다.", "We are hiring a data engineer."} {
		an := analyze(t, text, nil)
		checkStages(t, an)
		if p := an.Stages[0].Probability; p > 0.6 {
			t.Errorf("%q: top probability %.2f, want close to even", text, p)
		}
	}
}

// checkStages checks what every analysis's stages must be: all of them,
// most likely first, probabilities adding to 1, every signal citing an
// article line with its evidence in the text, in both languages.
func checkStages(t *testing.T, an *posting.Analysis) {
	t.Helper()
	if len(an.Stages) != 2 {
		t.Fatalf("%d stages, want 2", len(an.Stages))
	}
	sum := 0.0
	for i, st := range an.Stages {
		sum += st.Probability
		if i > 0 && st.Probability > an.Stages[i-1].Probability {
			t.Errorf("stages not most likely first: %v", an.Stages)
		}
		for _, s := range st.Signals {
			if (s.Trait == nil) == (s.Requirement == nil) {
				t.Errorf("a signal cites %v and %v: want a trait or a requirement", s.Trait, s.Requirement)
			}
			line := 0
			if s.Trait != nil {
				line = s.Trait.Source.Line
			} else {
				line = s.Requirement.Source.Line
			}
			for _, lang := range []kb.Lang{kb.English, kb.Korean} {
				why := s.Why(lang)
				if !strings.Contains(why, fmt.Sprint(line)) || !utf8.ValidString(why) {
					t.Errorf("why(%s) %q does not cite line %d", lang, why, line)
				}
			}
			if len(s.Evidence) == 0 && (s.Trait == nil || s.Trait.Rule.Cue != kb.CueNoSkills) {
				t.Errorf("signal %q has no evidence", s.Why(kb.English))
			}
		}
	}
	if math.Abs(sum-1) > 0.002 {
		t.Errorf("probabilities add up to %v", sum)
	}
}

func TestEverySignalTraitHasARule(t *testing.T) {
	_, g := kbtest.Seed(t)
	for _, st := range g.Stages() {
		for _, tr := range g.StageTraits(st.Slug, kb.PostingSignal) {
			if tr.Rule == nil {
				t.Errorf("posting signal %s (line %d) has no rule: it cannot fire on a posting", tr.Slug, tr.Source.Line)
			}
		}
	}
}

func TestBadInput(t *testing.T) {
	a := seedAnalyzer(t)
	tests := []struct {
		name string
		text string
		code string // "" for an analysis
	}{
		{"empty", "", ""},
		{"whitespace", " \t\n\r\n ", ""},
		{"NUL and control characters", "## 자격요건\x00\x01\x1b[31m\n- Py\x00thon\x7f", ""},
		{"invalid UTF-8", "## 자격요건\n- \xff\xfeSpark", ""},
		{"the longest text", strings.Repeat("가", posting.MaxLength), ""},
		{"one character too long", strings.Repeat("a", posting.MaxLength+1), kb.EINVALID},
		{"many lines", strings.Repeat("\n", posting.MaxLength), ""},
		{"many bullets", strings.Repeat("- Kafka\n", posting.MaxLength/8), ""},
		{"a heading of 5,000 #", strings.Repeat("#", 5000) + " 자격요건\n- Python", ""},
		{"nothing but symbols", strings.Repeat("■▶●", 2000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an, err := a.Analyze(tt.text, []string{"Python"})
			if code := kb.ErrorCode(err); code != tt.code {
				t.Fatalf("error %v, want code %q", err, tt.code)
			}
			if err != nil {
				if !strings.Contains(err.Error(), fmt.Sprint(posting.MaxLength)) {
					t.Errorf("error %q does not name the limit", err)
				}
				return
			}
			checkStages(t, an)
		})
	}
}

func slugs(skills []*kb.Skill) []string {
	var out []string
	for _, s := range skills {
		out = append(out, s.Slug)
	}
	return out
}

// FuzzAnalyze feeds the analyzer any text: it must answer with spans that
// are the text's own, probabilities that add up to 1, and never panic.
func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"", "## 자격요건\n- Python, Go 중 하나", "■ 우대사항\n· Kafka와 Spark기반", "**Nice to have**\n- dbt, R&D, go-to-market",
		"\u1100\u1161\u11a8 Ｓｐａｒｋ", "[1] 1. ① a) 가. #### ###### ####### x", "C++ C# .NET Node.js CI/CD Pub/Sub"} {
		f.Add(s)
	}
	a := seedAnalyzer(f)
	f.Fuzz(func(t *testing.T, text string) {
		an, err := a.Analyze(text, []string{"Python", "x"})
		if err != nil {
			if utf8.RuneCountInString(text) <= posting.MaxLength {
				t.Fatalf("Analyze(%q): %v", text, err)
			}
			return
		}
		runes := []rune(text)
		check := func(s posting.Span) {
			if s.Start < 0 || s.End > len(runes) || s.Start > s.End || string(runes[s.Start:s.End]) != s.Text {
				t.Fatalf("span %+v is not the text's own in %q", s, text)
			}
		}
		for _, sec := range an.Sections {
			check(sec.Heading)
			for _, it := range sec.Items {
				check(it.Span)
			}
		}
		for _, u := range append(an.Skills, an.Concepts...) {
			for _, m := range u.Mentions {
				check(m)
			}
		}
		sum := 0.0
		for _, st := range an.Stages {
			sum += st.Probability
			for _, s := range st.Signals {
				for _, e := range s.Evidence {
					check(e)
				}
			}
		}
		if math.Abs(sum-1) > 0.002 {
			t.Fatalf("probabilities add up to %v for %q", sum, text)
		}
	})
}
