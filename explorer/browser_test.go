package explorer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"skillgraph/playground"
)

// The career explorer's browser tests drive /explore/ in a real headless
// Chromium against the real pieces of the server (startServer, in
// site_test.go: the real API and seed on a temp SQLite file, the playground
// and the explorer), and check what a person sees against what the API
// answers for the same question.
//
// One browser serves every subtest; each subtest opens its own tab. Without a
// browser the tests skip, except with CI=true, where they fail. A failing
// subtest saves a screenshot and logs its path. UPDATE_SCREENSHOTS=1 rewrites
// the docs/explorer-*.png and docs/playground.png screenshots the README shows.

// browserNames are the Chromium executables looked for on PATH, in order;
// EXPLORER_BROWSER names one explicitly.
var browserNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"}

func findBrowser(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("EXPLORER_BROWSER"); p != "" {
		return p
	}
	for _, name := range browserNames {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := fmt.Sprintf("no Chromium on PATH (looked for %s): install one (apt-get install chromium) to run the explorer's browser tests",
		strings.Join(browserNames, ", "))
	if os.Getenv("CI") == "true" {
		t.Fatal(msg + "; CI=true, so this fails rather than skips")
	}
	t.Skip(msg)
	return ""
}

// browser is one headless Chromium shared by the subtests.
type browser struct {
	ctx  context.Context
	base string // the server's URL
	tabs atomic.Int64
}

func startBrowser(t *testing.T, execPath, base string) *browser {
	t.Helper()
	profile, err := os.MkdirTemp("", "skillgraph-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		// No traffic but to the test server: the machine may have no internet.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.Env("LANGUAGE=en_US", "LANG=en_US.UTF-8"),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc() // waits for the browser to exit
		os.RemoveAll(profile)
	})
	// The first run starts the browser, which lives as long as the context
	// of that run: bctx, not one with a deadline.
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start %s: %v", execPath, err)
	}
	return &browser{ctx: bctx, base: base}
}

// tab is one browser tab, for one subtest.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string

	n           int64 // the tab's number, for the names of its screenshots
	mu          sync.Mutex
	console     []chromedp.ConsoleMessage
	allowErrors bool // the test provokes errors (an unreachable server)
}

type tabOptions struct {
	width, height  int64
	acceptLanguage string // the browser's preferred languages, e.g. "ko-KR,ko"
}

// open opens a new tab. When the subtest fails, the tab's screenshot is saved
// and its path logged; when it passes, any error the page logged fails it.
func (b *browser) open(t *testing.T, o tabOptions) *tab {
	t.Helper()
	if o.width == 0 {
		o.width, o.height = 1280, 900
	}
	if o.acceptLanguage == "" {
		o.acceptLanguage = "en-US,en"
	}
	tctx, cancelTab := chromedp.NewContext(b.ctx)
	// The tab opens on its first run, with the tab's own context; the rest
	// runs under a deadline.
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(o.width, o.height)); err != nil {
		cancelTab()
		t.Fatalf("open a tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tctx, 90*time.Second)
	tb := &tab{t: t, ctx: ctx, base: b.base, n: b.tabs.Add(1)}
	t.Cleanup(func() {
		if t.Failed() {
			tb.saveFailure()
		} else if !tb.allowErrors {
			tb.mu.Lock()
			for _, m := range tb.console {
				if m.IsException() || m.Type == chromedp.ConsoleError {
					t.Errorf("the page logged %s (%s:%d)", m, m.URL, m.Line+1)
				}
			}
			tb.mu.Unlock()
		}
		cancel()
		cancelTab()
	})
	ua := evalT[string](tb, `navigator.userAgent`)
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: strings.Replace(ua, "HeadlessChrome", "Chrome", 1), AcceptLanguage: o.acceptLanguage,
	}); err != nil {
		t.Fatalf("set languages: %v", err)
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.console = append(tb.console, m)
			tb.mu.Unlock()
		}
	}()
	return tb
}

// failureDir is where screenshots of failing tests go: EXPLORER_FAILURE_DIR,
// or a folder in the system's temp dir that outlives the test.
func failureDir() string {
	if d := os.Getenv("EXPLORER_FAILURE_DIR"); d != "" {
		return d
	}
	return filepath.Join(os.TempDir(), "skillgraph-explorer-failures")
}

func (tb *tab) saveFailure() {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Logf("no failure screenshot: %v", err)
		return
	}
	dir := failureDir()
	name := regexp.MustCompile(`[^A-Za-z0-9_.-]+`).ReplaceAllString(tb.t.Name(), "_") + fmt.Sprintf("-tab%d.png", tb.n)
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(dir, 0o755); err == nil {
		err = os.WriteFile(path, png, 0o644)
	}
	if err != nil {
		tb.t.Logf("saving failure screenshot: %v", err)
		return
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	tb.t.Logf("screenshot of the failure at %s: %s", loc, path)
	tb.mu.Lock()
	for _, m := range tb.console {
		tb.t.Logf("page console: %s", m)
	}
	tb.mu.Unlock()
}

func (tb *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("browser: %v", err)
	}
}

// evalT evaluates a JavaScript expression (awaiting a promise) and decodes
// its value.
func evalT[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor waits until the JavaScript expression is truthy.
func (tb *tab) waitFor(js string) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 15*time.Second)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingInterval(25*time.Millisecond))); err != nil {
		state := evalT[string](tb, `location.href + " main[data-state=" + document.querySelector("main")?.dataset.state + "]"`)
		tb.t.Fatalf("waiting for %s: %v (at %s)", js, err, state)
	}
}

func (tb *tab) renders() int {
	tb.t.Helper()
	return evalT[int](tb, `Number(document.querySelector("main").dataset.renders || 0)`)
}

// rendered waits until the page has finished a render after the count
// before (from renders()).
func (tb *tab) rendered(before int) {
	tb.t.Helper()
	tb.waitFor(fmt.Sprintf(`Number(document.querySelector("main").dataset.renders || 0) > %d && document.querySelector("main").dataset.state !== "loading"`, before))
}

// goTo opens a path of the explorer and waits for the view.
func (tb *tab) goTo(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate(tb.base + path))
	tb.rendered(0)
}

// act runs actions that change the view and waits for the new view.
func (tb *tab) act(actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	before := tb.renders()
	tb.do(actions...)
	tb.rendered(before)
}

// typeText types into the focused element; Hangul goes in as an IME would.
func (tb *tab) typeText(text string) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, input.InsertText, input.InsertTextParams{Text: text}); err != nil {
		tb.t.Fatalf("type %q: %v", text, err)
	}
}

// addSkill types name into the skill input, waits for the suggestion of
// slug (or for none when slug is ""), presses Enter and waits for the view.
func (tb *tab) addSkill(name, slug string) {
	tb.t.Helper()
	tb.do(chromedp.Focus(chromedp.CSS("#skill-input")))
	tb.typeText(name)
	if slug != "" {
		tb.waitFor(fmt.Sprintf(`document.querySelector('[role=option][aria-selected=true]')?.dataset.slug === %q`, slug))
	} else {
		tb.waitFor(`!document.querySelector('.combo__status').hidden && document.querySelector('.combo__status').dataset.state === "done"`)
	}
	tb.act(chromedp.KeyEvent(kb.Enter))
	tb.waitFor(`document.activeElement?.id === "skill-input" && document.activeElement.value === ""`)
}

// fitCard is what a stage's card of the fit view shows.
type fitCard struct {
	Stage string  `json:"stage"`
	Now   float64 `json:"now"`  // the meter's aria-valuenow
	Text  string  `json:"text"` // the percentage a person reads
	Name  string  `json:"name"`
}

func (tb *tab) fitCards() []fitCard {
	tb.t.Helper()
	return evalT[[]fitCard](tb, `[...document.querySelectorAll(".fit-card")].map((c) => ({
		stage: c.dataset.stage,
		now: Number(c.querySelector("[role=meter]").getAttribute("aria-valuenow")),
		text: c.querySelector(".meter__value").textContent,
		name: c.querySelector(".fit-card__name").textContent,
	}))`)
}

// pctText is how the page writes a share: 0.333 → "33.3%".
func pctText(share float64) string {
	return strconv.FormatFloat(math.Round(share*1000)/10, 'f', -1, 64) + "%"
}

type apiGap struct {
	Coverage  float64
	Unknown   []string
	Steps     []apiStep
	Satisfied []struct{ ID string }
}

// apiStep is one step of what to learn next: one choice, any one of its
// alternatives.
type apiStep struct {
	AnyOf []struct{ Slug, Name string }
	Gain  float64
}

// slugs are the step's alternatives as the page's data-step writes them.
func (st apiStep) slugs() string {
	var out []string
	for _, sk := range st.AnyOf {
		out = append(out, sk.Slug)
	}
	return strings.Join(out, ",")
}

func (s *testServer) gap(stage string, have []string) apiGap {
	s.t.Helper()
	var got struct{ SkillGap apiGap }
	s.data(`query($s: String!, $have: [String!]!) { skillGap(stage: $s, have: $have) { coverage unknown steps(first: 50) { anyOf { slug name } gain } satisfied { id } } }`,
		map[string]any{"s": stage, "have": have}, &got)
	return got.SkillGap
}

func (s *testServer) stageNames(lang string) map[string]string {
	s.t.Helper()
	var got struct{ Stages []struct{ Slug, Name string } }
	s.data(`query($l: Lang!) { stages { slug name(lang: $l) } }`, map[string]any{"l": lang}, &got)
	names := map[string]string{}
	for _, st := range got.Stages {
		names[st.Slug] = st.Name
	}
	return names
}

// apiSpan is a span of a posting, as the API returns it.
type apiSpan struct {
	Start, End int
	Text       string
}

// apiPosting is the API's reading of a posting (analyzePosting), the
// answer the read view is checked against.
type apiPosting struct {
	Sections []struct {
		Kind    string
		Heading apiSpan
		Items   []struct {
			Kind    string
			Span    apiSpan
			Closest *struct{ Source struct{ Line int } }
		}
	}
	Skills, Concepts []struct {
		Skill    struct{ Slug string }
		Mentions []apiSpan
	}
	Stages []struct {
		Stage       struct{ Slug, Name string }
		Probability float64
		Signals     []apiSignal
	}
	UnknownTerms []string
	Gap          *struct {
		Coverage  float64
		Missing   []struct{ Slug string }
		Met, Open []struct{ Span apiSpan }
	}
}

type apiSignal struct {
	Weight             float64
	Why                string
	Evidence           []apiSpan
	Trait, Requirement *struct {
		En     string
		Source struct {
			Line  int
			Quote string
		}
	}
}

// reasons are a stage's signals that support it, strongest first: what the
// read view lists under the stage.
func (p apiPosting) reasons(stage int) []apiSignal {
	var out []apiSignal
	for _, s := range p.Stages[stage].Signals {
		if s.Weight > 0 {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b apiSignal) int { return -cmpFloat(a.Weight, b.Weight) })
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// analyze asks the API to read a posting, as the read view does; have may
// be nil (no gap).
func (s *testServer) analyze(text string, have []string, lang string) apiPosting {
	s.t.Helper()
	var got struct{ AnalyzePosting apiPosting }
	s.data(`query($text: String!, $have: [String!], $lang: Lang!) { analyzePosting(text: $text, have: $have) {
		sections { kind heading { start end text } items { kind span { start end text } closest { source { line } } } }
		skills { skill { slug } mentions { start end text } }
		concepts { skill { slug } mentions { start end text } }
		stages { stage { slug name(lang: $lang) } probability signals { weight why(lang: $lang) evidence { start end text }
			trait { en: statement(lang: EN) source { line quote } } requirement { en: text(lang: EN) source { line quote } } } }
		unknownTerms
		gap { coverage missing { slug } met { span { start end text } } open { span { start end text } } }
	} }`, map[string]any{"text": text, "have": have, "lang": lang}, &got)
	return got.AnalyzePosting
}

// pastePosting replaces the read view's text with text, as a paste does.
func (tb *tab) pastePosting(text string) {
	tb.t.Helper()
	tb.do(chromedp.Focus(chromedp.CSS("#posting-text")), chromedp.Evaluate[chromedp.Void](`document.querySelector("#posting-text").select()`))
	tb.typeText(text)
	tb.waitFor(fmt.Sprintf(`document.querySelector("#posting-text").value.length === %d`, len(utf16(text))))
}

// utf16 is text as a JavaScript string's code units, for comparing lengths.
func utf16(text string) []uint16 {
	var out []uint16
	for _, r := range text {
		if r >= 0x10000 {
			out = append(out, 0, 0)
		} else {
			out = append(out, 0)
		}
	}
	return out
}

// thousands writes n the English way: 20000 → "20,000".
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// shownVerdict is a stage as the read view's verdict shows it.
type shownVerdict struct {
	Stage string  `json:"stage"`
	Now   float64 `json:"now"`
	Text  string  `json:"text"`
	Name  string  `json:"name"`
	Top   bool    `json:"top"`
}

func (tb *tab) verdict() []shownVerdict {
	tb.t.Helper()
	return evalT[[]shownVerdict](tb, `[...document.querySelectorAll("[data-testid=verdict] > li")].map((li) => ({
		stage: li.dataset.stage,
		now: Number(li.querySelector("[role=meter]").getAttribute("aria-valuenow")),
		text: li.querySelector(".meter__value").textContent,
		name: li.querySelector(".verdict__name").textContent,
		top: !!li.querySelector(".badge--best"),
	}))`)
}

// spy records, in every document the tab opens from now on, each GraphQL
// request the page sends (window.__sent: {query, variables, …}) and each
// Content-Security-Policy violation (window.__csp).
func (tb *tab) spy() {
	tb.t.Helper()
	const js = `window.__sent = []; window.__csp = [];
		document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI + " " + (e.sample || "")));
		const realFetch = window.fetch;
		window.fetch = function (url, init) {
			try { if (init && typeof init.body === "string") window.__sent.push(JSON.parse(init.body)); } catch (e) {}
			return realFetch.apply(this, arguments);
		};`
	if _, err := chromedp.Call(tb.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
		tb.t.Fatalf("spy: %v", err)
	}
}

// waitPlayground waits until the playground shows its tabs and editors.
func (tb *tab) waitPlayground() {
	tb.t.Helper()
	tb.waitFor(`!!document.querySelector(".graphiql-tab-button") && !!document.querySelector(".graphiql-query-editor .CodeMirror")?.CodeMirror`)
}

// forgetPlayground empties the server's localStorage, where the playground
// keeps its tabs (one browser serves every subtest).
func (tb *tab) forgetPlayground() {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{Origin: tb.base, StorageTypes: "local_storage"}); err != nil {
		tb.t.Fatalf("clear localStorage: %v", err)
	}
}

// freshPlayground opens the playground at path as on a first visit: with
// none of its tabs kept.
func (tb *tab) freshPlayground(path string) {
	tb.t.Helper()
	tb.do(chromedp.Navigate("about:blank"))
	tb.forgetPlayground()
	tb.do(chromedp.Navigate(tb.base + path))
	tb.waitPlayground()
}

// waitAt waits until the tab has navigated to a URL starting with prefix
// and the new page is ready.
func (tb *tab) waitAt(prefix string) {
	tb.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		loc, err := chromedp.Run(tb.ctx, chromedp.Location())
		if err == nil && strings.HasPrefix(loc, prefix) {
			break
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("waiting to be at %s: at %s (%v)", prefix, loc, err)
		}
		time.Sleep(25 * time.Millisecond)
	}
	tb.do(chromedp.WaitReady(chromedp.CSS("body")))
}

// pgEditor is the text of the playground's "query", "variables" or
// "response" editor.
func (tb *tab) pgEditor(which string) string {
	tb.t.Helper()
	sel := map[string]string{
		"query":     `document.querySelector(".graphiql-query-editor .CodeMirror")`,
		"variables": `document.querySelector(".graphiql-editor-tool .CodeMirror")`,
		"response":  `document.querySelector(".graphiql-response .CodeMirror")`,
	}[which]
	return evalT[string](tb, sel+`.CodeMirror.getValue()`)
}

// pgRun clicks the playground's run button, once, and returns the answer
// it shows.
func (tb *tab) pgRun() map[string]any {
	tb.t.Helper()
	tb.do(chromedp.Evaluate[chromedp.Void](`document.querySelector(".graphiql-response .CodeMirror").CodeMirror.setValue("")`),
		chromedp.Click(chromedp.CSS(".graphiql-execute-button")))
	tb.waitFor(`(() => { try { return !!JSON.parse(document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue()); } catch { return false; } })()`)
	var v map[string]any
	if err := json.Unmarshal([]byte(tb.pgEditor("response")), &v); err != nil {
		tb.t.Fatal(err)
	}
	return v
}

// operationOf is a query's operation name: "query Gap(…" → "Gap".
var operationOf = regexp.MustCompile(`\bquery\s+([A-Za-z_][A-Za-z0-9_]*)`)

// checkPlaygroundLinks checks the view's footer (what names it in errors):
// one link per query the page sent since it loaded (a spy()'d tab), each
// opening the playground on that query, with the variables last sent with
// it and the page's language. It returns the links by operation.
func (tb *tab) checkPlaygroundLinks(what string) map[string]string {
	tb.t.Helper()
	t := tb.t
	type link struct {
		Op   string `json:"op"`
		Href string `json:"href"`
	}
	links := evalT[[]link](tb, `[...document.querySelectorAll("main [data-testid=playground-links] a")].map((a) => ({op: a.dataset.operation, href: a.getAttribute("href")}))`)
	sent := evalT[[]struct {
		Query     string         `json:"query"`
		Variables map[string]any `json:"variables"`
	}](tb, `window.__sent`)
	lang := evalT[string](tb, `document.documentElement.lang`)
	last := map[string]int{}
	var ops []string
	for i, b := range sent {
		m := operationOf.FindStringSubmatch(b.Query)
		if m == nil {
			t.Errorf("%s: the page sent an anonymous query %.80s", what, b.Query)
			continue
		}
		if _, ok := last[m[1]]; !ok {
			ops = append(ops, m[1])
		}
		last[m[1]] = i
	}
	out := map[string]string{}
	var linked []string
	for _, l := range links {
		linked = append(linked, l.Op)
		out[l.Op] = l.Href
		u, err := url.Parse(l.Href)
		if err != nil || u.Path != "/" || u.Host != "" {
			t.Errorf("%s: %s links to %q", what, l.Op, l.Href)
			continue
		}
		raw := u.RawQuery
		if raw == "" {
			raw = u.EscapedFragment()
		}
		params, err := url.ParseQuery(raw)
		if err != nil {
			t.Errorf("%s: %s: %v", what, l.Op, err)
			continue
		}
		i, ok := last[l.Op]
		if !ok {
			t.Errorf("%s: a link to %s, which the page did not send", what, l.Op)
			continue
		}
		comment, doc, _ := strings.Cut(params.Get("query"), "\n")
		if !strings.HasPrefix(comment, "# ") || strings.TrimSpace(doc) != strings.TrimSpace(sent[i].Query) {
			t.Errorf("%s: %s's link opens\n%s\nthe page sent\n%s", what, l.Op, params.Get("query"), sent[i].Query)
		}
		var vars map[string]any
		if err := json.Unmarshal([]byte(params.Get("variables")), &vars); err != nil || !reflect.DeepEqual(vars, sent[i].Variables) {
			t.Errorf("%s: %s's link has variables %s, the page sent %v", what, l.Op, params.Get("variables"), sent[i].Variables)
		}
		if params.Get("lang") != lang {
			t.Errorf("%s: %s's link is in %q, the page in %q", what, l.Op, params.Get("lang"), lang)
		}
	}
	if !slices.Equal(linked, ops) {
		t.Errorf("%s: links %v, the page sent %v", what, linked, ops)
	}
	return out
}

func TestExplorer(t *testing.T) {
	execPath := findBrowser(t)
	s := startServer(t)
	b := startBrowser(t, execPath, s.url)

	// The fit view as a person uses it: type skills (an alias, a typo, a
	// Korean name, an unknown name), pick a stage, read the coverage; then
	// switch to Korean and send the link to a friend.
	var shared string // the link, for the friend
	var sharedText string
	t.Run("FitCoverageMatchesTheAPI", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?lang=en")
		if got := evalT[string](tb, `document.querySelector("h1").textContent`); got != "Which company fits you?" {
			t.Errorf("heading %q", got)
		}
		tb.addSkill("Python", "python")
		tb.addSkill("kafka", "kafka")
		tb.addSkill("k8s", "kubernetes") // an alias
		tb.addSkill("Hadoo", "hadoop")   // the article's own typo, an alias in the KB
		tb.addSkill("Fortran", "")       // unknown to the KB

		have := evalT[[]string](tb, `window.explorer.state.have`)
		if want := []string{"python", "kafka", "kubernetes", "hadoop", "Fortran"}; !slices.Equal(have, want) {
			t.Fatalf("skills in the state %v, want %v", have, want)
		}
		chips := evalT[[]string](tb, `[...document.querySelectorAll(".chip .chip__name")].map((c) => c.textContent)`)
		if want := []string{"Python", "Kafka", "Kubernetes", "Hadoop", "Fortran"}; !slices.Equal(chips, want) {
			t.Errorf("chips %v, want %v", chips, want)
		}

		// Choose the mature stage with the keyboard: its card is a radio.
		tb.act(chromedp.Click(chromedp.CSS(`.fit-card[data-stage="mature"]`)))
		if got := evalT[string](tb, `document.querySelector(".gap-detail").dataset.stage`); got != "mature" {
			t.Fatalf("details of %q, want mature", got)
		}

		typed := []string{"Python", "kafka", "k8s", "Hadoo", "Fortran"}
		for _, card := range tb.fitCards() {
			want := s.gap(card.Stage, have)
			if card.Now != want.Coverage {
				t.Errorf("%s: meter value %v, API coverage %v", card.Stage, card.Now, want.Coverage)
			}
			if card.Text != pctText(want.Coverage) {
				t.Errorf("%s: shows %q, API coverage %v", card.Stage, card.Text, want.Coverage)
			}
			if asTyped := s.gap(card.Stage, typed); asTyped.Coverage != want.Coverage {
				t.Errorf("%s: API coverage %v for the names as typed, %v for the resolved ones", card.Stage, asTyped.Coverage, want.Coverage)
			}
			if !slices.Equal(want.Unknown, []string{"Fortran"}) {
				t.Errorf("API unknown %v", want.Unknown)
			}
		}

		api := s.gap("mature", have)
		shownSteps := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=steps] > li")].map((li) => li.dataset.step)`)
		for i, step := range shownSteps {
			if i >= len(api.Steps) || api.Steps[i].slugs() != step {
				t.Fatalf("what to learn next shows %v, API steps start %v", shownSteps, api.Steps)
			}
		}
		if len(shownSteps) == 0 {
			t.Error("nothing to learn next shown")
		}
		unknown := evalT[string](tb, `document.querySelector("[data-testid=unknown]")?.textContent ?? ""`)
		if !strings.Contains(unknown, "Not in the knowledge base") || !strings.Contains(unknown, "Fortran") {
			t.Errorf("unknown names panel %q", unknown)
		}

		// Korean, for every text: the stage names are the API's Korean ones.
		tb.act(chromedp.Click(chromedp.CSS(`#lang-switch button[data-lang="ko"]`)))
		if got := evalT[string](tb, `document.documentElement.lang`); got != "ko" {
			t.Errorf("html lang %q after switching to Korean", got)
		}
		ko := s.stageNames("KO")
		for _, card := range tb.fitCards() {
			if card.Name != ko[card.Stage] {
				t.Errorf("%s card named %q, API's Korean name %q", card.Stage, card.Name, ko[card.Stage])
			}
		}
		for _, want := range []string{"어느 회사가 나에게 맞을까?", "다음에 배울 것", "지식 베이스에 없는 이름", "나의 적합도"} {
			if !strings.Contains(evalT[string](tb, `document.body.innerText`), want) {
				t.Errorf("Korean page lacks %q", want)
			}
		}
		if why := evalT[string](tb, `document.querySelector("[data-testid=steps] .why li").textContent`); !strings.Contains(why, "행") {
			t.Errorf("the first reason is not Korean: %q", why)
		}

		shared = evalT[string](tb, `location.href`)
		for _, want := range []string{"view=gap", "lang=ko", "stage=mature", "have=python,kafka,kubernetes,hadoop,Fortran"} {
			if !strings.Contains(shared, want) {
				t.Errorf("URL %s lacks %s", shared, want)
			}
		}
		sharedText = evalT[string](tb, `document.querySelector("main").innerText`)

		// Back goes to the English view, forward to the Korean one again.
		tb.act(chromedp.Evaluate[chromedp.Void](`history.back()`))
		if got := evalT[string](tb, `document.documentElement.lang`); got != "en" {
			t.Errorf("html lang %q after going back", got)
		}
		tb.act(chromedp.Evaluate[chromedp.Void](`history.forward()`))
		if got := evalT[string](tb, `document.documentElement.lang`); got != "ko" {
			t.Errorf("html lang %q after going forward", got)
		}
	})

	// A vocabulary skill, one no article line names, shows the requirement
	// it counts toward and the broader links it counts through.
	t.Run("VocabularySkillsCountThroughTheirLinks", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?lang=en&stage=growth")
		tb.addSkill("Airflow", "airflow")
		tb.addSkill("테라폼", "terraform") // a Korean name
		tb.addSkill("BigQuery", "bigquery")
		item := func(slug string) string {
			return evalT[string](tb, `document.querySelector('[data-testid=counts] li[data-slug="`+slug+`"]')?.innerText ?? ""`)
		}
		airflow := item("airflow")
		for _, want := range []string{"not named by the article", "counts as Data pipelines", "line 9",
			"Airflow counts as Data pipelines: it is a kind or part of Workflow orchestration"} {
			if !strings.Contains(airflow, want) {
				t.Errorf("Airflow's entry lacks %q:\n%s", want, airflow)
			}
		}
		if terraform := item("terraform"); !strings.Contains(terraform, "counts as Infrastructure as code") || !strings.Contains(terraform, "line 21") {
			t.Errorf("Terraform's entry: %s", terraform)
		}
		// Airflow meets line 9's pipelines and BigQuery its warehouse;
		// Terraform line 21's IaC and BigQuery its cloud.
		api := s.gap("growth", []string{"airflow", "terraform", "bigquery"})
		if len(api.Satisfied) < 2 {
			t.Fatalf("the API says Airflow, Terraform and BigQuery meet %v of the growth stage", api.Satisfied)
		}
		met := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=satisfied] > li")].map((li) => li.dataset.id)`)
		if len(met) != len(api.Satisfied) {
			t.Errorf("shows %d requirements met, the API %d", len(met), len(api.Satisfied))
		}
		tb.act(chromedp.Click(chromedp.CSS(`#lang-switch button[data-lang="ko"]`)))
		if ko := item("airflow"); !strings.Contains(ko, "에어플로우 → 워크플로 오케스트레이션 → 데이터 파이프라인") {
			t.Errorf("Airflow's entry in Korean:\n%s", ko)
		}
	})

	t.Run("SharedLinkReopensTheView", func(t *testing.T) {
		if shared == "" {
			t.Skip("no link: the fit test failed")
		}
		tb := b.open(t, tabOptions{acceptLanguage: "en-US,en"}) // a friend whose browser prefers English
		tb.do(chromedp.Navigate(shared))
		tb.rendered(0)
		if got := evalT[string](tb, `document.querySelector("main").innerText`); got != sharedText {
			t.Errorf("the shared link shows\n%s\n\nwant\n%s", got, sharedText)
		}
		if got := evalT[string](tb, `location.href`); got != shared {
			t.Errorf("the shared link became %s, want %s", got, shared)
		}
	})

	t.Run("KoreanByDefaultWhenTheBrowserPrefersIt", func(t *testing.T) {
		for _, tc := range []struct{ accept, want, heading string }{
			{"ko-KR,ko;q=0.9,en;q=0.8", "ko", "어느 회사가 나에게 맞을까?"},
			{"en-GB,en;q=0.9,ko;q=0.5", "en", "Which company fits you?"},
			{"fr-FR,fr", "en", "Which company fits you?"},
		} {
			tb := b.open(t, tabOptions{acceptLanguage: tc.accept})
			tb.goTo("/explore/")
			if got := evalT[string](tb, `document.documentElement.lang`); got != tc.want {
				t.Errorf("Accept-Language %s: page language %q, want %q", tc.accept, got, tc.want)
			}
			if got := evalT[string](tb, `document.querySelector("h1").textContent`); got != tc.heading {
				t.Errorf("Accept-Language %s: heading %q", tc.accept, got)
			}
			if got := evalT[string](tb, `location.search`); !strings.Contains(got, "lang="+tc.want) {
				t.Errorf("Accept-Language %s: URL %s does not keep the language", tc.accept, got)
			}
		}
	})

	t.Run("KeyboardAutocomplete", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?lang=en")

		// The first Tab reaches the skip link, which is visible when focused.
		tb.do(chromedp.KeyEvent(kb.Tab))
		if got := evalT[string](tb, `document.activeElement.id`); got != "skip-link" {
			t.Errorf("first Tab focuses %q, want the skip link", got)
		}
		if !evalT[bool](tb, `document.activeElement.getBoundingClientRect().top >= 0`) {
			t.Error("the focused skip link is off screen")
		}
		// Tab on: the brand, the language buttons, copy link, then the views; each shows its focus.
		for range 5 {
			tb.do(chromedp.KeyEvent(kb.Tab))
			if !evalT[bool](tb, `(() => { const el = document.activeElement; const s = getComputedStyle(el);
				return el.matches(":focus-visible") && s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 })()`) {
				t.Errorf("no visible focus on %s", evalT[string](tb, `document.activeElement.outerHTML.slice(0, 80)`))
			}
		}

		tb.do(chromedp.Focus(chromedp.CSS("#skill-input")))
		tb.typeText("gola")
		tb.waitFor(`document.querySelector("#skill-input").getAttribute("aria-expanded") === "true"`)
		first := evalT[string](tb, `document.querySelector("#skill-input").getAttribute("aria-activedescendant")`)
		if slug := evalT[string](tb, `document.getElementById(document.querySelector("#skill-input").getAttribute("aria-activedescendant")).dataset.slug`); slug != "go" {
			t.Errorf("\"gola\" suggests %q first, want go (alias golang)", slug)
		}
		n := evalT[int](tb, `document.querySelectorAll("[role=option]").length`)
		tb.do(chromedp.KeyEvent(kb.ArrowDown))
		second := evalT[string](tb, `document.querySelector("#skill-input").getAttribute("aria-activedescendant")`)
		if n > 1 && second == first {
			t.Error("ArrowDown does not move the active suggestion")
		}
		tb.do(chromedp.KeyEvent(kb.ArrowUp))
		if got := evalT[string](tb, `document.querySelector("#skill-input").getAttribute("aria-activedescendant")`); got != first {
			t.Errorf("ArrowUp goes to %q, want back to %q", got, first)
		}
		tb.act(chromedp.KeyEvent(kb.Enter))
		if got := evalT[[]string](tb, `window.explorer.state.have`); !slices.Equal(got, []string{"go"}) {
			t.Errorf("Enter adds %v, want [go]", got)
		}
		if got := evalT[string](tb, `document.activeElement.id`); got != "skill-input" {
			t.Errorf("focus is on %q after adding, want the input", got)
		}

		// A typo finds its skill: "Kafak" is one transposition from Kafka.
		tb.typeText("Kafak")
		tb.waitFor(`document.querySelector('[role=option][aria-selected=true]')?.dataset.slug === "kafka"`)
		// Escape closes the suggestions, a second Escape clears the text.
		tb.do(chromedp.KeyEvent(kb.Escape))
		if !evalT[bool](tb, `document.querySelector(".combo__popup").hidden && document.querySelector("#skill-input").getAttribute("aria-expanded") === "false"`) {
			t.Error("Escape leaves the suggestions open")
		}
		tb.do(chromedp.KeyEvent(kb.Escape))
		if got := evalT[string](tb, `document.querySelector("#skill-input").value`); got != "" {
			t.Errorf("second Escape leaves %q", got)
		}
		// Backspace in the empty input removes the last skill.
		tb.act(chromedp.KeyEvent(kb.Backspace))
		if got := evalT[[]string](tb, `window.explorer.state.have`); len(got) != 0 {
			t.Errorf("Backspace leaves %v", got)
		}
		// Comma-separated names go in at once; a Korean name resolves too.
		tb.act(chromedp.Evaluate[chromedp.Void](`(() => { const i = document.querySelector("#skill-input"); i.focus(); i.value = "카프카, 파이썬,"; i.dispatchEvent(new Event("input")); })()`))
		tb.waitFor(`window.explorer.state.have.join() === "kafka,python"`)
	})

	t.Run("SkillsRankedWithTheArticlesWords", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?view=skills&stage=growth&lang=en")
		var api struct {
			SkillsForStage []struct {
				Skill    struct{ Slug string }
				Score    float64
				Why      []string
				Evidence []struct {
					Text   string
					Source struct {
						Line  int
						Quote string
					}
				}
			}
		}
		s.data(`{ skillsForStage(stage: "growth") { skill { slug } score why evidence { text(lang: EN) source { line quote } } } }`, nil, &api)
		top := api.SkillsForStage[0]
		type shownSkill struct {
			Slug  string   `json:"slug"`
			Score string   `json:"score"`
			Why   []string `json:"why"`
		}
		shown := evalT[[]shownSkill](tb, `[...document.querySelectorAll("[data-testid=ranked] > li")].map((li) => ({
			slug: li.dataset.slug, score: li.querySelector(".ranked__num").textContent,
			why: [...li.querySelectorAll(".why li")].map((w) => w.textContent)}))`)
		if len(shown) == 0 {
			t.Fatal("no ranked skill shown")
		}
		for i, sk := range shown {
			want := api.SkillsForStage[i]
			if sk.Slug != want.Skill.Slug || sk.Score != strconv.FormatFloat(math.Round(want.Score*100)/100, 'f', -1, 64) || !slices.Equal(sk.Why, want.Why) {
				t.Errorf("rank %d shows %+v, API has %s %v %q", i+1, sk, want.Skill.Slug, want.Score, want.Why)
			}
		}
		// The first piece of evidence opens to the Korean line, its English and its number.
		tb.do(chromedp.Click(chromedp.CSS(`[data-testid=ranked] > li:first-child .evidence details > summary`)))
		type opened struct {
			Quote   string `json:"quote"`
			English string `json:"english"`
			Line    string `json:"line"`
		}
		got := evalT[opened](tb, `(() => { const d = document.querySelector("[data-testid=ranked] > li:first-child .evidence details[open]");
			return {quote: d.querySelector("blockquote").textContent, english: d.querySelector(".source__en [lang=en]").textContent,
				line: d.querySelector(".source__line").textContent}; })()`)
		ev := top.Evidence[0]
		if got.Quote != ev.Source.Quote || got.English != ev.Text || got.Line != fmt.Sprintf("line %d", ev.Source.Line) {
			t.Errorf("evidence opens to %+v, want line %d %q / %q", got, ev.Source.Line, ev.Source.Quote, ev.Text)
		}
		if !evalT[bool](tb, `document.querySelector("[data-testid=ranked] > li:first-child .evidence blockquote").lang === "ko"`) {
			t.Error("the quote is not marked as Korean")
		}

		// Limit the evidence to required qualifications.
		tb.act(chromedp.Click(chromedp.CSS(`input[value="RESPONSIBILITY"]`)))
		tb.act(chromedp.Click(chromedp.CSS(`input[value="PREFERRED"]`)))
		var req struct {
			SkillsForStage []struct{ Skill struct{ Slug string } }
		}
		s.data(`{ skillsForStage(stage: "growth", kinds: [REQUIRED]) { skill { slug } } }`, nil, &req)
		slugs := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=ranked] > li")].map((li) => li.dataset.slug)`)
		var want []string
		for _, r := range req.SkillsForStage {
			want = append(want, r.Skill.Slug)
		}
		if !slices.Equal(slugs, want[:min(len(want), 12)]) {
			t.Errorf("required only: %v, API %v", slugs, want)
		}
		if got := evalT[string](tb, `location.search`); !strings.Contains(got, "kinds=REQUIRED") {
			t.Errorf("URL %s does not keep the kinds", got)
		}

		// An unknown stage in a link falls back to the first stage, saying so.
		tb.goTo("/explore/?view=skills&stage=nope&lang=en")
		if got := evalT[string](tb, `document.querySelector(".notice")?.textContent ?? ""`); !strings.Contains(got, "nope") {
			t.Errorf("no notice about the unknown stage: %q", got)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=ranked] > li").dataset.slug`); got != top.Skill.Slug {
			t.Errorf("unknown stage shows %q first, want the first stage's %q", got, top.Skill.Slug)
		}
	})

	t.Run("CompareSetsSharedSkillsApart", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?view=compare&lang=en")
		var api struct {
			CompareStages struct {
				Shared       []struct{ Slug string }
				OnlyA, OnlyB []struct{ Skill struct{ Slug string } }
			}
		}
		s.data(`{ compareStages(a: "growth", b: "mature") { shared { slug } onlyA { skill { slug } } onlyB { skill { slug } } } }`, nil, &api)
		groups := evalT[map[string][]string](tb, `(() => { const g = {}; for (const n of document.querySelectorAll(".cmp-node")) (g[n.dataset.group] ??= []).push(n.dataset.slug); return g; })()`)
		var shared, onlyA, onlyB []string
		for _, x := range api.CompareStages.Shared {
			shared = append(shared, x.Slug)
		}
		for _, x := range api.CompareStages.OnlyA {
			onlyA = append(onlyA, x.Skill.Slug)
		}
		for _, x := range api.CompareStages.OnlyB {
			onlyB = append(onlyB, x.Skill.Slug)
		}
		if !slices.Equal(groups["shared"], shared) || !slices.Equal(groups["a"], onlyA) || !slices.Equal(groups["b"], onlyB) {
			t.Errorf("picture groups %v, API shared %v, onlyA %v, onlyB %v", groups, shared, onlyA, onlyB)
		}
		if n := evalT[int](tb, `document.querySelectorAll(".cmp-edge").length`); n != len(onlyA)+2*len(shared)+len(onlyB) {
			t.Errorf("%d edges, want one per stage and skill", n)
		}
		// Choose Spark with the keyboard: the detail cites lines 18 and 44.
		tb.do(chromedp.Focus(chromedp.CSS(`.cmp-node[data-slug="spark"]`)))
		tb.act(chromedp.KeyEvent(kb.Enter))
		tb.waitFor(`document.querySelector("[data-testid=compare-detail]")?.dataset.slug === "spark"`)
		lines := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=compare-detail] .source__line")].map((l) => l.textContent)`)
		if !slices.Equal(lines, []string{"line 18", "line 44"}) {
			t.Errorf("Spark's detail cites %v", lines)
		}
		if got := evalT[string](tb, `document.activeElement?.dataset.slug ?? ""`); got != "spark" {
			t.Errorf("focus on %q after choosing, want the Spark node", got)
		}
		if got := evalT[string](tb, `location.search`); !strings.Contains(got, "sel=spark") {
			t.Errorf("URL %s does not keep the chosen skill", got)
		}
		tb.act(chromedp.Click(chromedp.CSS(`[data-focus-key="cmp-swap"]`)))
		if got := evalT[[]string](tb, `[...document.querySelectorAll('.cmp-node[data-group="a"]')].map((n) => n.dataset.slug)`); !slices.Equal(got, onlyB) {
			t.Errorf("after swapping, the first stage's own skills are %v, want %v", got, onlyB)
		}
	})

	t.Run("SearchKoreanAndEnglish", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?view=search&lang=en")
		tb.do(chromedp.Focus(chromedp.CSS("#search-input")))
		tb.typeText("분산")
		tb.act(chromedp.KeyEvent(kb.Enter))
		var api struct {
			Search []struct{ Node struct{ ID string } }
		}
		s.data(`{ search(text: "분산", first: 20) { node { id } } }`, nil, &api)
		ids := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=results] > li")].map((li) => li.dataset.id)`)
		var want []string
		for _, h := range api.Search {
			want = append(want, h.Node.ID)
		}
		if len(want) == 0 || !slices.Equal(ids, want) {
			t.Errorf("results %v, API %v", ids, want)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=results] mark")?.textContent ?? ""`); got != "분산" {
			t.Errorf("match highlighted as %q", got)
		}
		// Only English texts: the Korean word still matches a skill's alias.
		tb.act(chromedp.Click(chromedp.CSS(`input[name="ql"][value="en"]`)))
		s.data(`{ search(text: "분산", lang: EN, first: 20) { node { id } } }`, nil, &api)
		if n := evalT[int](tb, `document.querySelectorAll("[data-testid=results] > li").length`); n != len(api.Search) {
			t.Errorf("%d results in English texts, API %d", n, len(api.Search))
		}
		if got := evalT[string](tb, `location.search`); !strings.Contains(got, "ql=en") {
			t.Errorf("URL %s does not keep the searched language", got)
		}
		// Nothing matches: the page says so.
		tb.goTo("/explore/?view=search&lang=en&q=zzqx")
		if !evalT[bool](tb, `document.querySelector(".state--empty")?.textContent.includes("Nothing matches “zzqx”") ?? false`) {
			t.Error("no empty state when nothing matches")
		}
		// A result opens where it lives: the requirement in the stages view.
		tb.goTo("/explore/?view=search&lang=en&q=Kubernetes")
		tb.act(chromedp.Click(chromedp.CSS(`[data-type="Requirement"] .result__actions a`)))
		tb.waitFor(`document.activeElement?.dataset.nodeId === "requirement:growth-container-orchestration"`)
	})

	t.Run("StagesSideBySide", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?view=stages&lang=ko")
		var api struct {
			Stages []struct {
				Slug         string
				Name         string
				Requirements []struct{ ID string }
				Traits       []struct{ ID string }
			}
		}
		s.data(`{ stages { slug name(lang: KO) requirements { id } traits { id } } }`, nil, &api)
		for _, st := range api.Stages {
			head := evalT[string](tb, fmt.Sprintf(`document.getElementById(%q).querySelector("h2").textContent`, "stage:"+st.Slug))
			if head != st.Name {
				t.Errorf("stage %s headed %q, want %q", st.Slug, head, st.Name)
			}
			for _, r := range st.Requirements {
				if !evalT[bool](tb, fmt.Sprintf(`!!document.getElementById(%q)`, r.ID)) {
					t.Errorf("%s not shown", r.ID)
				}
			}
			for _, tr := range st.Traits {
				if !evalT[bool](tb, fmt.Sprintf(`!!document.getElementById(%q)`, tr.ID)) {
					t.Errorf("%s not shown", tr.ID)
				}
			}
		}
		headings := evalT[[]string](tb, `[...document.querySelectorAll(".stage-grid__section")].map((h) => h.textContent)`)
		if want := []string{"담당 업무", "자격요건", "우대사항", "채용 공고에서 나타나는 특징", "실제 업무에서 나타날 특징"}; !slices.Equal(headings, want) {
			t.Errorf("sections %v, want %v", headings, want)
		}
	})

	// The read view: paste a posting, read it, and see what the API sees:
	// the stages' probabilities, every mention marked in place, the reasons
	// citing the article, your skills against the posting's requirements.
	t.Run("ReadAPosting", func(t *testing.T) {
		src, err := os.ReadFile("../testdata/postings/dev/01-commerce-growth-ko.md")
		if err != nil {
			t.Fatal(err)
		}
		posting := string(src)
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?view=read&lang=en")
		if got := evalT[string](tb, `document.querySelector("h1").textContent`); got != "Read a job posting" {
			t.Errorf("heading %q", got)
		}
		if got := evalT[string](tb, `document.querySelector(".tabs__link[aria-current=page]").textContent`); got != "Read a posting" {
			t.Errorf("current tab %q", got)
		}
		if !evalT[bool](tb, `document.querySelector("main .state--empty")?.textContent.includes("Nothing read yet") ?? false`) {
			t.Error("no empty state before anything is read")
		}

		tb.pastePosting(posting)
		if got, want := evalT[string](tb, `document.querySelector("#posting-count").textContent`), thousands(len([]rune(posting)))+" / 20,000 characters"; got != want {
			t.Errorf("counter %q, want %q", got, want)
		}
		tb.act(chromedp.Click(chromedp.CSS(`.read-form button[type=submit]`)))
		if got := evalT[string](tb, `document.activeElement?.id`); got != "read-result-title" {
			t.Errorf("focus on %q after reading, want the result's heading", got)
		}
		if got := evalT[string](tb, `location.search`); got != "?view=read&lang=en" {
			t.Errorf("URL %s: the posting must stay out of it", got)
		}

		// The verdict: every stage in the API's order, the first marked.
		api := s.analyze(posting, nil, "EN")
		shown := tb.verdict()
		if len(shown) != len(api.Stages) {
			t.Fatalf("%d stages shown, the API has %d", len(shown), len(api.Stages))
		}
		for i, st := range api.Stages {
			if shown[i].Stage != st.Stage.Slug || shown[i].Now != st.Probability || shown[i].Text != pctText(st.Probability) || shown[i].Name != st.Stage.Name {
				t.Errorf("stage %d shows %+v, API %s %v %q", i, shown[i], st.Stage.Slug, st.Probability, st.Stage.Name)
			}
			if shown[i].Top != (i == 0) {
				t.Errorf("stage %d marked most likely: %v", i, shown[i].Top)
			}
		}
		if api.Stages[0].Probability >= 0.6 && evalT[bool](tb, `!!document.querySelector("[data-testid=unsure]")`) {
			t.Errorf("says too little to tell at %v", api.Stages[0].Probability)
		}

		// Every mention is marked, technologies and concepts apart, each
		// with exactly its span's text.
		type mark struct {
			Slug  string `json:"slug"`
			Start int    `json:"start"`
			End   int    `json:"end"`
			Text  string `json:"text"`
			Tech  bool   `json:"tech"`
			Title string `json:"title"`
		}
		marks := evalT[[]mark](tb, `[...document.querySelectorAll("[data-testid=posting] mark.mention")].map((m) => ({
			slug: m.dataset.slug, start: Number(m.dataset.start), end: Number(m.dataset.end), text: m.textContent,
			tech: m.classList.contains("mention--tech"), title: m.title}))`)
		want := map[string]apiSpan{}
		tech := map[string]bool{}
		for _, list := range []struct {
			uses []struct {
				Skill    struct{ Slug string }
				Mentions []apiSpan
			}
			tech bool
		}{{api.Skills, true}, {api.Concepts, false}} {
			for _, u := range list.uses {
				for _, m := range u.Mentions {
					key := fmt.Sprintf("%s@%d-%d", u.Skill.Slug, m.Start, m.End)
					want[key] = m
					tech[key] = list.tech
				}
			}
		}
		if len(marks) != len(want) || len(want) == 0 {
			t.Errorf("%d mentions marked, the API has %d", len(marks), len(want))
		}
		runes := []rune(posting)
		for _, m := range marks {
			key := fmt.Sprintf("%s@%d-%d", m.Slug, m.Start, m.End)
			span, ok := want[key]
			if !ok {
				t.Errorf("marked %s, which the API does not mention", key)
				continue
			}
			if m.Text != span.Text || m.Text != string(runes[span.Start:span.End]) {
				t.Errorf("%s marks %q, the API's span is %q", key, m.Text, span.Text)
			}
			if m.Tech != tech[key] {
				t.Errorf("%s marked as technology %v, the API's list says %v", key, m.Tech, tech[key])
			}
			if m.Title == "" {
				t.Errorf("%s has no title naming the skill", key)
			}
		}
		// Kafka's mark names the skill and its kind.
		if got := evalT[string](tb, `document.querySelector("[data-testid=posting] mark[data-slug=kafka]")?.title ?? ""`); got != "Kafka (technology)" {
			t.Errorf("Kafka's mark is titled %q", got)
		}

		// Each section's heading carries its kind; OTHER items are marked
		// as not counted.
		var kinds, otherStarts []string
		closest := 0
		for _, sec := range api.Sections {
			if sec.Heading.End > sec.Heading.Start || len(sec.Items) > 0 {
				kinds = append(kinds, sec.Kind)
			}
			for _, it := range sec.Items {
				if it.Kind == "OTHER" {
					otherStarts = append(otherStarts, strconv.Itoa(it.Span.Start))
				}
				if it.Closest != nil {
					closest++
				}
			}
		}
		if got := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=posting] .posting__kind .badge")].map((b) => b.dataset.kind)`); !slices.Equal(got, kinds) {
			t.Errorf("section badges %v, API sections %v", got, kinds)
		}
		if got := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=posting] .posting__item.is-other")].map((i) => i.dataset.start)`); !slices.Equal(got, otherStarts) {
			t.Errorf("OTHER items marked at %v, the API's start at %v", got, otherStarts)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=posting] .badge[data-kind=OTHER]").parentElement.textContent`); got != "Othernot counted as requirements" {
			t.Errorf("OTHER badge reads %q", got)
		}
		if !evalT[bool](tb, `getComputedStyle(document.querySelector("[data-testid=posting] .posting__item.is-other")).color !== getComputedStyle(document.querySelector('[data-testid=posting] .posting__item[data-kind=REQUIRED]')).color`) {
			t.Error("OTHER items are not muted")
		}
		if got := evalT[int](tb, `document.querySelectorAll("[data-testid=posting] details.closest").length`); got != closest {
			t.Errorf("%d items show their closest requirement, the API has %d", got, closest)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=posting] details.closest .source__line").textContent`); !regexp.MustCompile(`^reads like line \d+$`).MatchString(got) {
			t.Errorf("closest requirement reads %q", got)
		}

		// The first reason of the first stage: the API's why, opening to
		// the article's line.
		reasons := api.reasons(0)
		if len(reasons) == 0 {
			t.Fatal("the API gives the first stage no reason")
		}
		first := reasons[0]
		if got := evalT[string](tb, `document.querySelector("[data-testid=verdict] > li:first-child .reason .reason__why").textContent`); got != first.Why {
			t.Errorf("first reason %q, API %q", got, first.Why)
		}
		cite := first.Trait
		if cite == nil {
			cite = first.Requirement
		}
		tb.do(chromedp.Click(chromedp.CSS(`[data-testid=verdict] > li:first-child .reason details > summary`)))
		type opened struct {
			Quote   string `json:"quote"`
			English string `json:"english"`
			Line    string `json:"line"`
		}
		got := evalT[opened](tb, `(() => { const d = document.querySelector("[data-testid=verdict] > li:first-child .reason details[open]");
			return {quote: d.querySelector("blockquote").textContent, english: d.querySelector(".source__en [lang=en]")?.textContent ?? "",
				line: d.querySelector(".source__line").textContent}; })()`)
		if got.Quote != cite.Source.Quote || got.English != cite.En || got.Line != fmt.Sprintf("Article, line %d", cite.Source.Line) {
			t.Errorf("the reason opens to %+v, want line %d %q / %q", got, cite.Source.Line, cite.Source.Quote, cite.En)
		}
		// Its evidence, found in the posting.
		tb.do(chromedp.Click(chromedp.CSS(`[data-testid=verdict] > li:first-child .reason .reason__show`)))
		var evidence strings.Builder
		for _, e := range first.Evidence {
			evidence.WriteString(e.Text)
		}
		if got := evalT[string](tb, `[...document.querySelectorAll("[data-testid=posting] .ev.is-lit")].map((e) => e.textContent).join("")`); got != evidence.String() {
			t.Errorf("the reason's words lit in the posting: %q, API evidence %q", got, evidence.String())
		}
		if !evalT[bool](tb, `document.activeElement.matches("[data-testid=posting] .posting__row")`) {
			t.Error("focus did not move to the evidence")
		}
		// Without skills, the gap points to My fit.
		if got := evalT[string](tb, `document.querySelector("[data-testid=read-gap] a")?.getAttribute("href") ?? ""`); !strings.Contains(got, "view=gap") {
			t.Errorf("no link to My fit: %q", got)
		}

		// Korean: the page's words and the API's.
		tb.act(chromedp.Click(chromedp.CSS(`#lang-switch button[data-lang="ko"]`)))
		ko := s.analyze(posting, nil, "KO")
		if got := evalT[string](tb, `document.querySelector("h1").textContent`); got != "채용 공고 읽기" {
			t.Errorf("Korean heading %q", got)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=verdict] > li:first-child .verdict__name").textContent`); got != ko.Stages[0].Stage.Name {
			t.Errorf("Korean stage %q, API %q", got, ko.Stages[0].Stage.Name)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=verdict] > li:first-child .reason .reason__why").textContent`); got != ko.reasons(0)[0].Why {
			t.Errorf("Korean reason %q, API %q", got, ko.reasons(0)[0].Why)
		}
		text := evalT[string](tb, `document.querySelector("main").innerText`)
		for _, w := range []string{"공고 읽기 결과", "어느 단계의 회사일까?", "자격요건", "우대사항", "기타", "요건으로 세지 않음", "행과 비슷"} {
			if !strings.Contains(text, w) {
				t.Errorf("Korean page lacks %q", w)
			}
		}
		if got := evalT[string](tb, `document.querySelector("#posting-text").value`); got != posting {
			t.Error("the text did not survive the change of language")
		}

		// A reload keeps the posting (sessionStorage), the URL brings the
		// skills: the coverage is the API's.
		have := []string{"python", "kafka"}
		tb.goTo("/explore/?view=read&lang=en&have=python,kafka")
		gap := s.analyze(posting, have, "EN").Gap
		coverage := func() (float64, string) {
			return evalT[float64](tb, `Number(document.querySelector("[data-testid=read-gap] [role=meter]")?.getAttribute("aria-valuenow") ?? -1)`),
				evalT[string](tb, `document.querySelector("[data-testid=read-gap] .meter__value")?.textContent ?? ""`)
		}
		if now, txt := coverage(); now != gap.Coverage || txt != pctText(gap.Coverage) {
			t.Errorf("coverage %v %q, API %v", now, txt, gap.Coverage)
		}
		shownMissing := func() []string {
			return evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=read-missing] > li")].map((li) => li.dataset.slug)`)
		}
		var wantMissing []string
		for _, m := range gap.Missing {
			wantMissing = append(wantMissing, m.Slug)
		}
		if got := shownMissing(); len(got) == 0 || !slices.Equal(got, wantMissing[:min(6, len(wantMissing))]) {
			t.Errorf("missing %v, API %v", got, wantMissing)
		}
		if len(wantMissing) > 6 {
			tb.act(chromedp.Click(chromedp.CSS(`[data-focus-key=read-missing-toggle]`)))
			if got := shownMissing(); !slices.Equal(got, wantMissing) {
				t.Errorf("all missing %v, API %v", got, wantMissing)
			}
		}
		if got := evalT[int](tb, `document.querySelectorAll("[data-testid=read-met] > li").length`); got != len(gap.Met) {
			t.Errorf("%d items met, API %d", got, len(gap.Met))
		}
		// "I know this" adds the most valuable one, as in My fit.
		tb.act(chromedp.Click(chromedp.CSS(`[data-testid=read-missing] > li:first-child button`)))
		have = append(have, wantMissing[0])
		if got := evalT[[]string](tb, `window.explorer.state.have`); !slices.Equal(got, have) {
			t.Errorf("have %v after I know this, want %v", got, have)
		}
		if now, _ := coverage(); now != s.analyze(posting, have, "EN").Gap.Coverage {
			t.Errorf("coverage %v after adding %s", now, wantMissing[0])
		}
		if got := evalT[string](tb, `document.activeElement?.dataset.focusKey ?? ""`); got != "read-know-first" {
			t.Errorf("focus on %q after I know this", got)
		}

		// Over the limit: the page says so and does not send it.
		before := tb.renders()
		tb.pastePosting(strings.Repeat("가", 20001))
		for _, w := range []string{"20,001 characters", "the limit is 20,000"} {
			if got := evalT[string](tb, `document.querySelector("#posting-error:not([hidden])")?.textContent ?? ""`); !strings.Contains(got, w) {
				t.Errorf("limit error %q lacks %q", got, w)
			}
		}
		tb.do(chromedp.Click(chromedp.CSS(`.read-form button[type=submit]`)))
		if tb.renders() != before || evalT[string](tb, `document.activeElement.id`) != "posting-text" {
			t.Error("an over-long posting was sent, or focus left the text")
		}
		if got := evalT[string](tb, `document.querySelector("#posting-text").getAttribute("aria-invalid")`); got != "true" {
			t.Errorf("aria-invalid %q on an over-long posting", got)
		}

		// Ctrl+Enter reads another posting, from the keyboard alone.
		src, err = os.ReadFile("../testdata/postings/dev/03-game-mature-en.md")
		if err != nil {
			t.Fatal(err)
		}
		english := string(src)
		tb.pastePosting(english)
		tb.act(chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		if got := evalT[string](tb, `document.activeElement?.id`); got != "read-result-title" {
			t.Errorf("focus on %q after Ctrl+Enter", got)
		}
		if !evalT[bool](tb, `(() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2; })()`) {
			t.Error("the focused result heading shows no focus")
		}
		api = s.analyze(english, nil, "EN")
		if got := tb.verdict(); got[0].Stage != api.Stages[0].Stage.Slug || got[0].Text != pctText(api.Stages[0].Probability) {
			t.Errorf("after Ctrl+Enter the verdict starts %+v, API %s %v", got[0], api.Stages[0].Stage.Slug, api.Stages[0].Probability)
		}
	})

	// What the API refuses is shown beside the text, which stays; a
	// posting that says little says so.
	t.Run("ReadAPostingErrorsAndDoubt", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?view=read&lang=en")
		tb.do(chromedp.Evaluate[chromedp.Void](`(() => { const f = window.fetch; window.fetch = (url, init) =>
			init.body.includes("ReadPosting") && init.body.includes("boom")
				? Promise.resolve(new Response(JSON.stringify({errors: [{message: "the posting is too odd", extensions: {code: "BAD_USER_INPUT"}}]}), {status: 200, headers: {"Content-Type": "application/json"}}))
				: f(url, init); })()`))
		tb.pastePosting("boom")
		tb.act(chromedp.Click(chromedp.CSS(`.read-form button[type=submit]`)))
		if got := evalT[string](tb, `document.querySelector("main .read-result [role=alert]")?.textContent ?? ""`); !strings.Contains(got, "The API answered: the posting is too odd") {
			t.Errorf("API error shown as %q", got)
		}
		if got := evalT[string](tb, `document.querySelector("#posting-text").value`); got != "boom" {
			t.Errorf("the text became %q after the error", got)
		}
		// Empty: the page asks for a posting first.
		tb.pastePosting(" ")
		tb.do(chromedp.Click(chromedp.CSS(`.read-form button[type=submit]`)))
		if got := evalT[string](tb, `document.querySelector("#posting-error").textContent`); got != "Paste a posting first." {
			t.Errorf("empty posting: %q", got)
		}
		// Too little to tell.
		tb.pastePosting("데이터 엔지니어를 모십니다.")
		tb.act(chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		api := s.analyze("데이터 엔지니어를 모십니다.", nil, "EN")
		if api.Stages[0].Probability >= 0.6 {
			t.Fatalf("the API is sure of a one-line posting: %v", api.Stages[0].Probability)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=unsure]")?.textContent ?? ""`); !strings.Contains(got, "too little to tell") {
			t.Errorf("no doubt expressed at %v: %q", api.Stages[0].Probability, got)
		}
		if got := evalT[string](tb, `document.querySelector("[data-testid=verdict] .badge--best")?.textContent ?? ""`); got != "Leaning" {
			t.Errorf("an unsure first stage is marked %q", got)
		}

		// Another view and Back: the posting is still read.
		tb.act(chromedp.Click(chromedp.CSS(`.tabs__link[data-view="stages"]`)))
		tb.act(chromedp.Evaluate[chromedp.Void](`history.back()`))
		if got := evalT[string](tb, `document.querySelector("#posting-text").value`); got != "데이터 엔지니어를 모십니다." || !evalT[bool](tb, `!!document.querySelector("[data-testid=verdict]")`) {
			t.Errorf("after Back the text is %q", got)
		}

		// A slow API: the button says so and the view is busy.
		tb.do(chromedp.Evaluate[chromedp.Void](`(() => { const f = window.fetch;
			window.fetch = (...a) => new Promise((resolve) => setTimeout(() => resolve(f(...a)), 800)); })()`))
		tb.pastePosting("Kafka와 Spark를 다룰 데이터 엔지니어를 모십니다.")
		before := tb.renders()
		tb.do(chromedp.Click(chromedp.CSS(`.read-form button[type=submit]`)))
		tb.waitFor(`document.querySelector("main").getAttribute("aria-busy") === "true" && document.querySelector(".read-form button[type=submit]").textContent === "Reading…"`)
		tb.rendered(before)

		// The server goes away: the page says so as every view does, and
		// Try again reads the posting once it is back.
		tb.allowErrors = true // the failed request is logged
		tb.do(chromedp.Evaluate[chromedp.Void](`(() => { const f = window.fetch; window.__down = true;
			window.fetch = (...a) => window.__down ? Promise.reject(new TypeError("Failed to fetch")) : f(...a); })()`))
		tb.pastePosting("Airflow와 BigQuery를 다룰 데이터 엔지니어를 모십니다.")
		tb.act(chromedp.Click(chromedp.CSS(`.read-form button[type=submit]`)))
		if got := evalT[string](tb, `document.querySelector("main [role=alert]")?.dataset.error ?? ""`); got != "unreachable" {
			t.Fatalf("no unreachable-server state, got %q", got)
		}
		tb.do(chromedp.Evaluate[chromedp.Void](`window.__down = false`))
		tb.act(chromedp.Click(chromedp.CSS(`main [role=alert] button`)))
		if got := evalT[string](tb, `document.querySelector("#posting-text")?.value ?? ""`); got != "Airflow와 BigQuery를 다룰 데이터 엔지니어를 모십니다." || !evalT[bool](tb, `!!document.querySelector("[data-testid=verdict]")`) {
			t.Errorf("after trying again: text %q, verdict shown %v", got, evalT[bool](tb, `!!document.querySelector("[data-testid=verdict]")`))
		}
	})

	t.Run("ReadAPostingAtPhoneWidth", func(t *testing.T) {
		tb := b.open(t, tabOptions{width: 390, height: 844})
		tb.goTo("/explore/?view=read&lang=ko&have=python,sql")
		if w := evalT[int](tb, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the empty view is %dpx wide at a 390px viewport", w)
		}
		tb.act(chromedp.Click(chromedp.CSS(`[data-focus-key=read-example]`)))
		if !evalT[bool](tb, `!!document.querySelector("[data-testid=verdict] > li") && !!document.querySelector("[data-testid=unknown-terms]")`) {
			t.Fatal("the example shows no verdict or no unknown terms")
		}
		example := evalT[string](tb, `document.querySelector("#posting-text").value`)
		api := s.analyze(example, nil, "KO")
		if got := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=unknown-terms] li")].map((li) => li.textContent)`); !slices.Equal(got, api.UnknownTerms) {
			t.Errorf("unknown terms %v, API %v", got, api.UnknownTerms)
		}
		if w := evalT[int](tb, `document.documentElement.scrollWidth`); w > 390 {
			t.Errorf("the result is %dpx wide at a 390px viewport", w)
		}
		// The text, the verdict, the posting and the gap stack.
		if !evalT[bool](tb, `(() => { const box = (s) => document.querySelector(s).getBoundingClientRect();
			const order = ["#posting-text", ".read-verdict", ".read-posting", ".read-gap"].map(box);
			return order.every((b, i) => i === 0 || b.top >= order[i - 1].bottom) && order.every((b) => b.right <= 390); })()`) {
			t.Error("the text and the result do not stack at phone width")
		}
	})

	// Postings with what is hardest to mark: a heading and an item on one
	// line ("고용형태: 정규직"), a mention inside another (SQL in "SQL 튜닝",
	// Kubernetes in "Kubernetes Operator"), English, mixed and very short.
	t.Run("ReadMarksEveryMentionInPlace", func(t *testing.T) {
		tb := b.open(t, tabOptions{width: 390, height: 844})
		tb.goTo("/explore/?view=read&lang=en")
		for _, name := range []string{"05-adtech-mature-ko", "10-edtech-short-between-ko", "17-insurance-mature-ko",
			"40-community-app-between-mixed", "45-telecom-streaming-mature-en"} {
			src, err := os.ReadFile("../testdata/postings/dev/" + name + ".md")
			if err != nil {
				t.Fatal(err)
			}
			text := string(src)
			tb.pastePosting(text)
			tb.act(chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierCtrl)))
			api := s.analyze(text, nil, "EN")
			var want []string
			for _, uses := range [][]struct {
				Skill    struct{ Slug string }
				Mentions []apiSpan
			}{api.Skills, api.Concepts} {
				for _, u := range uses {
					for _, m := range u.Mentions {
						want = append(want, fmt.Sprintf("%s@%d-%d:%s", u.Skill.Slug, m.Start, m.End, m.Text))
					}
				}
			}
			slices.Sort(want)
			got := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=posting] mark.mention")].map((m) =>
				m.dataset.slug + "@" + m.dataset.start + "-" + m.dataset.end + ":" + m.textContent).sort()`)
			if !slices.Equal(got, want) {
				t.Errorf("%s: marks %v\nAPI mentions %v", name, got, want)
			}
			// The posting's every line, as written, without the labels.
			var lines []string
			for _, l := range strings.Split(text, "\n") {
				if strings.TrimSpace(l) != "" {
					lines = append(lines, l)
				}
			}
			rows := evalT[[]string](tb, `[...document.querySelectorAll("[data-testid=posting] .posting__text")].map((r) => {
				const c = r.cloneNode(true); c.querySelectorAll(".posting__kind").forEach((k) => k.remove()); return c.textContent; })`)
			if !slices.Equal(rows, lines) {
				t.Errorf("%s: the posting shows\n%q\nwant\n%q", name, rows, lines)
			}
			if w := evalT[int](tb, `document.documentElement.scrollWidth`); w > 390 {
				t.Errorf("%s: %dpx wide at a 390px viewport", name, w)
			}
		}
	})

	t.Run("ReadableAtPhoneWidth", func(t *testing.T) {
		tb := b.open(t, tabOptions{width: 375, height: 812})
		for _, path := range []string{
			"/explore/?lang=ko&stage=mature&have=python,kafka,k8s,Fortran",
			"/explore/?view=stages&lang=en",
			"/explore/?view=skills&lang=ko&stage=mature",
			"/explore/?view=compare&lang=en&sel=spark",
			"/explore/?view=search&lang=ko&q=%EB%B6%84%EC%82%B0",
		} {
			tb.goTo(path)
			if w := evalT[int](tb, `document.documentElement.scrollWidth`); w > 375 {
				t.Errorf("%s is %dpx wide at a 375px viewport", path, w)
			}
		}
		tb.goTo("/explore/?lang=en&have=python")
		if !evalT[bool](tb, `(() => { const [a, b] = document.querySelectorAll(".fit-card"); return b.getBoundingClientRect().top >= a.getBoundingClientRect().bottom; })()`) {
			t.Error("the stage cards do not stack at phone width")
		}
	})

	t.Run("LoadingState", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?lang=en")
		// A slow API: every request answers after 800ms.
		tb.do(chromedp.Evaluate[chromedp.Void](`(() => { const f = window.fetch;
			window.fetch = (...a) => new Promise((resolve) => setTimeout(() => resolve(f(...a)), 800)); })()`))
		before := tb.renders()
		tb.do(chromedp.Click(chromedp.CSS(`.tabs__link[data-view="stages"]`)))
		tb.waitFor(`document.querySelector("main").getAttribute("aria-busy") === "true" &&
			document.querySelector("main .state--loading")?.textContent === "Loading…"`)
		tb.rendered(before)
		if evalT[bool](tb, `document.querySelector("main").hasAttribute("aria-busy")`) {
			t.Error("still busy after the view rendered")
		}
	})

	t.Run("ServerUnreachable", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "kb.db")
		first := startServerAt(t, db, "127.0.0.1:0")
		addr := first.addr()

		tb := b.open(t, tabOptions{})
		tb.allowErrors = true // the failed requests are logged
		tb.base = "http://" + addr
		tb.goTo("/explore/?lang=en")
		first.Close()
		tb.act(chromedp.Click(chromedp.CSS(`.tabs__link[data-view="stages"]`)))
		if got := evalT[string](tb, `document.querySelector("main [role=alert]")?.dataset.error ?? ""`); got != "unreachable" {
			t.Fatalf("no unreachable-server state, got %q: %s", got, evalT[string](tb, `document.querySelector("main").innerText`))
		}
		if text := evalT[string](tb, `document.querySelector("main").innerText`); !strings.Contains(text, "Can’t reach the server") || !strings.Contains(text, "Try again") {
			t.Errorf("unreachable state says %q", text)
		}
		// The server comes back on the same address: Try again recovers.
		startServerAt(t, db, addr)
		tb.act(chromedp.Click(chromedp.CSS(`main [role=alert] button`)))
		if got := evalT[string](tb, `document.querySelector("main").dataset.view + " " + document.querySelector("main").dataset.state`); got != "stages ready" {
			t.Errorf("after retrying: %s", got)
		}
	})

	// What to learn next comes as choices: with no skills, line 13's five
	// languages are one step, "I know this" per alternative adds that one.
	t.Run("WhatToLearnNextIsChoices", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?lang=en") // no skills: the first stage, growth
		if got := evalT[string](tb, `document.querySelector(".gap-detail").dataset.stage`); got != "growth" {
			t.Fatalf("with no skills the page details %q, want growth", got)
		}
		api := s.gap("growth", []string{})
		type shownStep struct {
			Step  string   `json:"step"`
			Title string   `json:"title"`
			Gain  string   `json:"gain"`
			Know  []string `json:"know"`
		}
		steps := func() []shownStep {
			return evalT[[]shownStep](tb, `[...document.querySelectorAll("[data-testid=steps] > li")].map((li) => ({
				step: li.dataset.step, title: li.querySelector(".missing__name").textContent,
				gain: li.querySelector(".missing__pct").firstChild.textContent,
				know: [...li.querySelectorAll("button[data-slug]")].map((b) => b.dataset.slug)}))`)
		}
		shown := steps()
		if len(shown) == 0 || len(api.Steps) == 0 {
			t.Fatalf("steps shown %v, API %v", shown, api.Steps)
		}
		languages := "python,java,scala,kotlin,go"
		first := shown[0]
		if api.Steps[0].slugs() != languages || first.Step != languages {
			t.Fatalf("the first step is %q (API %q), want line 13's languages as one step", first.Step, api.Steps[0].slugs())
		}
		if first.Title != "One of Python, Java, Scala, Kotlin, Go" || first.Gain != "+16.7%" {
			t.Errorf("the first step reads %q %q", first.Title, first.Gain)
		}
		if strings.Join(first.Know, ",") != languages {
			t.Errorf("the first step offers I know this for %v, want each language", first.Know)
		}
		for i, st := range shown {
			if st.Step != api.Steps[i].slugs() {
				t.Errorf("step %d is %s, API %s", i+1, st.Step, api.Steps[i].slugs())
			}
			if i > 0 && strings.Contains(","+st.Step+",", ",java,") {
				t.Errorf("Java is a step of its own too: %v", st)
			}
			if len(st.Know) != len(api.Steps[i].AnyOf) {
				t.Errorf("step %d offers %v", i+1, st.Know)
			}
		}
		// The open requirement of line 13 shows its one choice as one item.
		var reqs struct {
			Stage struct {
				Requirements []struct {
					ID     string
					Source struct{ Line int }
				}
			}
		}
		s.data(`{ stage(slug: "growth") { requirements { id source { line } } } }`, nil, &reqs)
		var line13 string
		for _, r := range reqs.Stage.Requirements {
			if r.Source.Line == 13 {
				line13 = r.ID
			}
		}
		choices := evalT[[]string](tb, fmt.Sprintf(`[...document.querySelector('[data-testid=unsatisfied] > li[data-id=%q]').querySelectorAll(".choice .choice__skills")].map((c) => c.textContent)`, line13))
		if want := []string{"one of Python, Java, Scala, Kotlin, Go, or similar (Programming language)"}; !slices.Equal(choices, want) {
			t.Errorf("line 13's choices read %q, want %q", choices, want)
		}

		// I know Java: the languages' step is met.
		tb.act(chromedp.Click(chromedp.CSS(`[data-testid=steps] > li:first-child button[data-slug="java"]`)))
		if got := evalT[[]string](tb, `window.explorer.state.have`); !slices.Equal(got, []string{"java"}) {
			t.Errorf("have %v after I know Java", got)
		}
		after := s.gap("growth", []string{"java"})
		for _, st := range steps() {
			if strings.Contains(","+st.Step+",", ",java,") {
				t.Errorf("still a step with Java: %v", st)
			}
		}
		if card := tb.fitCards()[0]; card.Stage != "growth" || card.Now != after.Coverage || after.Coverage <= api.Coverage {
			t.Errorf("growth's card after Java: %+v, API %v (before %v)", card, after.Coverage, api.Coverage)
		}
		if got := evalT[string](tb, `document.activeElement?.dataset.focusKey ?? ""`); got != "next-first" {
			t.Errorf("focus on %q after I know this", got)
		}
		// In Korean, the same step, in the API's Korean names.
		var ko struct {
			SkillGap struct{ Steps []apiStep }
		}
		s.data(`{ skillGap(stage: "growth", have: []) { steps(first: 1) { anyOf { slug name(lang: KO) } } } }`, nil, &ko)
		var names []string
		for _, sk := range ko.SkillGap.Steps[0].AnyOf {
			names = append(names, sk.Name)
		}
		tb.goTo("/explore/?lang=ko&stage=growth")
		if got, want := evalT[string](tb, `document.querySelector("[data-testid=steps] > li .missing__name").textContent`), strings.Join(names, ", ")+" 중 하나"; got != want {
			t.Errorf("the first step in Korean reads %q, want %q", got, want)
		}
	})

	// The stages view shows what each requirement needs, each choice one item.
	t.Run("StagesShowEachChoiceAsOneItem", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.goTo("/explore/?view=stages&lang=en")
		var api struct {
			Stages []struct {
				Requirements []struct {
					ID     string
					Source struct{ Line int }
					Needs  []struct {
						Named     []struct{ Slug, Name string }
						SuchAs    *struct{ Slug, Name string }
						WidenedBy *struct{ Source struct{ Line int } }
					}
				}
			}
		}
		s.data(`{ stages { requirements { id source { line } needs { named { slug name } suchAs { slug name } widenedBy { source { line } } } } } }`, nil, &api)
		checked := 0
		for _, st := range api.Stages {
			for _, r := range st.Requirements {
				type shown struct {
					Choice string `json:"choice"`
					Text   string `json:"text"`
				}
				got := evalT[[]shown](tb, fmt.Sprintf(`[...document.getElementById(%q).querySelectorAll("[data-testid=needs] .tag")].map((t) => ({choice: t.dataset.choice, text: t.textContent}))`, r.ID))
				if len(got) != len(r.Needs) {
					t.Errorf("%s (line %d) shows %d choices, the API %d: %v", r.ID, r.Source.Line, len(got), len(r.Needs), got)
					continue
				}
				for i, c := range r.Needs {
					var slugs, names []string
					for _, sk := range c.Named {
						slugs = append(slugs, sk.Slug)
						names = append(names, sk.Name)
					}
					if got[i].Choice != strings.Join(slugs, ",") {
						t.Errorf("%s choice %d is %q, API %v", r.ID, i, got[i].Choice, slugs)
					}
					want := strings.Join(names, ", ")
					if len(names) > 1 {
						want = "one of " + want
					}
					if c.SuchAs != nil && !slices.Contains(slugs, c.SuchAs.Slug) {
						want += ", or similar (" + c.SuchAs.Name + ")"
					}
					if got[i].Text != want {
						t.Errorf("%s choice %d reads %q, want %q", r.ID, i, got[i].Text, want)
					}
					checked++
				}
				if r.Source.Line == 43 {
					if note := evalT[string](tb, fmt.Sprintf(`document.getElementById(%q).querySelector("[data-testid=needs]").textContent`, r.ID)); !strings.Contains(note, "line 58: any one of these is enough") {
						t.Errorf("line 43's widening is not shown: %q", note)
					}
				}
			}
		}
		if checked < 20 {
			t.Errorf("only %d choices checked", checked)
		}
		if got := evalT[string](tb, `[...document.querySelectorAll("[data-testid=needs] .tag")].find((t) => t.dataset.choice === "python,java,scala,kotlin,go")?.textContent ?? ""`); got != "one of Python, Java, Scala, Kotlin, Go, or similar (Programming language)" {
			t.Errorf("line 13 needs %q", got)
		}
	})

	// Every suggestion is the API's: no skill list is loaded, typing asks
	// suggestSkills, unknown names get the API's "did you mean", chips
	// carry the API's names.
	t.Run("SuggestionsComeFromTheAPI", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.spy()
		tb.goTo("/explore/?lang=en")
		tb.do(chromedp.Focus(chromedp.CSS("#skill-input")))
		tb.typeText("kafak")
		tb.waitFor(`document.querySelector('[role=option][aria-selected=true]')?.dataset.slug === "kafka"`)
		var api struct{ SuggestSkills []struct{ Slug string } }
		s.data(`{ suggestSkills(text: "kafak", first: 8) { slug } }`, nil, &api)
		var want []string
		for _, sk := range api.SuggestSkills {
			want = append(want, sk.Slug)
		}
		if got := evalT[[]string](tb, `[...document.querySelectorAll("[role=option]")].map((o) => o.dataset.slug)`); !slices.Equal(got, want) {
			t.Errorf("suggestions for kafak %v, API %v", got, want)
		}
		if got := evalT[string](tb, `document.querySelector('[role=option][data-slug=kafka] .combo__note')?.textContent ?? ""`); got != "did you mean this?" {
			t.Errorf("Kafka's note %q", got)
		}
		asked := evalT[[]string](tb, `window.__sent.filter((b) => b.query.includes("suggestSkills")).map((b) => b.variables.text)`)
		if !slices.Contains(asked, "kafak") {
			t.Errorf("suggestSkills asked for %v", asked)
		}
		if n := evalT[int](tb, `window.__sent.filter((b) => /\bskills\s*\(/.test(b.query) || b.query.includes("SkillCatalog")).length`); n != 0 {
			t.Errorf("%d requests for the list of skills", n)
		}
		// An alias the text starts.
		tb.do(chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
		tb.typeText("gola")
		tb.waitFor(`document.querySelector('[role=option][aria-selected=true]')?.dataset.slug === "go"`)
		if got := evalT[string](tb, `document.querySelector('[role=option][data-slug=go] .combo__note')?.textContent ?? ""`); got != "alias “golang”" {
			t.Errorf("Go's note for gola: %q", got)
		}

		// An unknown name: "did you mean" is the API's first suggestion.
		tb.goTo("/explore/?lang=en&have=python,Kafak")
		if got := evalT[string](tb, `document.querySelector("[data-testid=unknown] button")?.textContent ?? ""`); got != "Did you mean Kafka?" {
			t.Fatalf("did you mean %q", got)
		}
		tb.act(chromedp.Click(chromedp.CSS(`[data-testid=unknown] button`)))
		if got := evalT[[]string](tb, `window.explorer.state.have`); !slices.Equal(got, []string{"python", "kafka"}) {
			t.Errorf("have %v after did you mean", got)
		}

		// Chips are the API's names; one skill named twice counts once.
		var ko struct{ K, C struct{ Name string } }
		s.data(`{ k: skill(name: "kubernetes") { name(lang: KO) } c: skill(name: "kafka") { name(lang: KO) } }`, nil, &ko)
		tb.goTo("/explore/?lang=ko&have=k8s,kubernetes,%EC%B9%B4%ED%94%84%EC%B9%B4")
		if got := evalT[[]string](tb, `[...document.querySelectorAll(".chip .chip__name")].map((c) => c.textContent)`); !slices.Equal(got, []string{ko.K.Name, ko.C.Name}) {
			t.Errorf("chips %v, want %v", got, []string{ko.K.Name, ko.C.Name})
		}
		if got := evalT[string](tb, `document.querySelector(".chip .chip__from")?.textContent ?? ""`); got != "(k8s)" {
			t.Errorf("the first chip says it came from %q", got)
		}
		if got := evalT[[]string](tb, `window.explorer.state.have`); !slices.Equal(got, []string{"k8s", "카프카"}) {
			t.Errorf("have %v, want k8s and 카프카 (kubernetes repeats k8s)", got)
		}
	})

	// Each view's footer opens each query the view sent in the playground,
	// with the variables it was sent with.
	t.Run("EachViewOpensItsQueriesInThePlayground", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.spy()
		for _, path := range []string{
			"/explore/?lang=en&have=python,kafka,Fortran&stage=mature",
			"/explore/?view=stages&lang=ko",
			"/explore/?view=skills&lang=en&stage=growth&kinds=REQUIRED&have=python",
			"/explore/?view=compare&lang=en&sel=spark",
			"/explore/?view=search&lang=ko&q=%EB%B6%84%EC%82%B0&have=kafka",
		} {
			tb.goTo(path)
			tb.checkPlaygroundLinks(path)
		}
		// A posting: too long for a request line, its link carries it after #.
		src, err := os.ReadFile("../testdata/postings/dev/01-commerce-growth-ko.md")
		if err != nil {
			t.Fatal(err)
		}
		long := strings.Repeat(string(src)+"\n", 3)
		tb.goTo("/explore/?view=read&lang=en&have=python")
		tb.pastePosting(long)
		tb.act(chromedp.Click(chromedp.CSS(`.read-form button[type=submit]`)))
		links := tb.checkPlaygroundLinks("read")
		if len(links) == 0 || !strings.HasPrefix(links["ReadPosting"], "/#") {
			t.Errorf("the long posting's link is %.40q, want the document after #", links["ReadPosting"])
		}

		// Open My fit's Gap query in the playground, in Korean, and run it.
		tb.goTo("/explore/?lang=ko&have=python,kafka&stage=mature")
		links = tb.checkPlaygroundLinks("gap")
		sent := evalT[map[string]any](tb, `window.__sent.findLast((b) => b.query.includes("query Gap("))`)
		tb.forgetPlayground()
		tb.do(chromedp.Click(chromedp.CSS(`[data-testid=playground-links] a[data-operation=Gap]`)))
		tb.waitAt(tb.base + "/?query=")
		tb.waitPlayground()
		doc := tb.pgEditor("query")
		if !strings.HasPrefix(doc, "# 커리어 탐색기의 ‘나의 적합도’ 화면이 보내는 질의입니다") || !strings.Contains(doc, strings.TrimSpace(sent["query"].(string))) {
			t.Errorf("the playground opens\n%.300s", doc)
		}
		if got := evalT[string](tb, `document.documentElement.lang`); got != "ko" {
			t.Errorf("the playground's language %q", got)
		}
		var vars map[string]any
		if err := json.Unmarshal([]byte(tb.pgEditor("variables")), &vars); err != nil || !reflect.DeepEqual(vars, sent["variables"]) {
			t.Errorf("variables %v (%v), sent %v", vars, err, sent["variables"])
		}
		got := tb.pgRun()
		want := s.query(sent["query"].(string), vars)
		if !reflect.DeepEqual(got["data"], decode(t, want.Data)) || got["errors"] != nil {
			t.Errorf("the playground's answer differs from the API's: %.300v", got)
		}
		_ = links
	})

	// The playground opens with the README's three questions, each a tab
	// that runs with one click and answers what the README shows.
	t.Run("PlaygroundRunsTheReadmeQuestions", func(t *testing.T) {
		readme, err := os.ReadFile("../README.md")
		if err != nil {
			t.Fatal(err)
		}
		answers := map[string]any{}
		for _, ex := range readmeExample.FindAllStringSubmatch(string(readme), -1) {
			var v any
			if err := json.Unmarshal([]byte(ex[2]), &v); err != nil {
				t.Fatal(err)
			}
			answers[strings.TrimSuffix(ex[1], "\n")] = v
		}
		tb := b.open(t, tabOptions{})
		tb.spy()
		tb.freshPlayground("/")
		titles := evalT[[]string](tb, `[...document.querySelectorAll(".graphiql-tab-button")].map((b) => b.textContent)`)
		var names []string
		for _, q := range playground.Questions {
			names = append(names, q.Name)
		}
		if !slices.Equal(titles, names) {
			t.Fatalf("tabs %v, want %v", titles, names)
		}
		for i, q := range playground.Questions {
			if i > 0 {
				tb.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#graphiql-session-tab-%d`, i))))
			}
			tb.waitFor(fmt.Sprintf(`document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.getValue().startsWith(%q)`, "# "+q.Ask["en"]+"\n"))
			if doc := tb.pgEditor("query"); doc != q.Document("en") {
				t.Errorf("tab %d holds\n%s\nwant\n%s", i, doc, q.Document("en"))
			}
			before := evalT[int](tb, fmt.Sprintf(`window.__sent.filter((b) => b.query.includes(%q)).length`, "query "+q.Name+" "))
			got := tb.pgRun() // one click
			if n := evalT[int](tb, fmt.Sprintf(`window.__sent.filter((b) => b.query.includes(%q)).length`, "query "+q.Name+" ")); n != before+1 {
				t.Errorf("%s: %d requests for one click", q.Name, n-before)
			}
			want, ok := answers[q.Query]
			if !ok {
				t.Fatalf("the README shows no answer for %s", q.Query)
			}
			if !reflect.DeepEqual(got, want) {
				pretty, _ := json.MarshalIndent(got, "", "  ")
				t.Errorf("%s answers\n%s\nthe README shows another answer", q.Name, pretty)
			}
		}
		// A dialog inserts GraphiQL's one style, which the page's nonce admits.
		tb.do(chromedp.Click(chromedp.CSS(`[aria-label="Open settings dialog"]`)))
		tb.waitFor(`[...document.querySelectorAll("style")].some((st) => st.nonce && st.textContent.includes("with-scroll-bars-hidden"))`)
		tb.do(chromedp.KeyEvent(kb.Escape))
		if v := evalT[[]string](tb, `window.__csp`); len(v) > 0 {
			t.Errorf("Content-Security-Policy violations: %v", v)
		}
		if n := evalT[int](tb, `performance.getEntriesByType("resource").filter((r) => !r.name.startsWith(location.origin)).length`); n != 0 {
			t.Errorf("%d requests to other hosts", n)
		}
	})

	// ?lang=ko writes the questions in Korean; ?query= (or #query=) opens a
	// document as a tab of its own, beside the questions.
	t.Run("PlaygroundOpensAGivenDocument", func(t *testing.T) {
		tb := b.open(t, tabOptions{})
		tb.spy()
		tb.freshPlayground("/?lang=ko")
		if got := tb.pgEditor("query"); got != playground.Questions[0].Document("ko") || !strings.HasPrefix(got, "# 급성장하는 회사에는") {
			t.Errorf("the Korean first tab holds\n%s", got)
		}
		if got := evalT[string](tb, `document.documentElement.lang`); got != "ko" {
			t.Errorf("html lang %q", got)
		}
		query := "query Stage($stage: String!, $lang: Lang!) { stage(slug: $stage) { slug name(lang: $lang) } }"
		open := func(path string) {
			tb.do(chromedp.Navigate(tb.base + path))
			tb.waitPlayground()
		}
		tabs := func() []string {
			return evalT[[]string](tb, `[...document.querySelectorAll(".graphiql-tab-button")].map((b) => b.textContent)`)
		}
		active := func() string {
			return evalT[string](tb, `document.querySelector(".graphiql-tab-active .graphiql-tab-button").textContent`)
		}
		u := "/?lang=ko&query=" + url.QueryEscape(query) + "&variables=" + url.QueryEscape(`{"stage":"mature","lang":"KO"}`)
		open(u)
		if got := tabs(); len(got) != 4 || active() != "Stage" {
			t.Errorf("after the Korean questions, the link's tabs are %v, %q active", got, active())
		}
		if got := tb.pgEditor("query"); got != query {
			t.Errorf("the editor holds %q", got)
		}
		if got := tb.pgEditor("variables"); got != "{\n  \"stage\": \"mature\",\n  \"lang\": \"KO\"\n}" {
			t.Errorf("the variables %q", got)
		}
		ans := tb.pgRun()
		if name := ans["data"].(map[string]any)["stage"].(map[string]any)["name"]; name != s.stageNames("KO")["mature"] {
			t.Errorf("the linked query answers %v", ans)
		}
		open(u) // again: selected, not added
		if got := tabs(); len(got) != 4 || active() != "Stage" {
			t.Errorf("opening the link again: %v, %q active", got, active())
		}

		// A first visit with a link: the link's document first, then the
		// questions; the same after # (which never reaches the server).
		for _, p := range []string{
			"/?query=" + url.QueryEscape(query) + "&variables=" + url.QueryEscape(`{"stage":"growth","lang":"EN"}`),
			"/#query=" + url.QueryEscape(query) + "&variables=" + url.QueryEscape(`{"stage":"growth","lang":"EN"}`),
		} {
			tb.freshPlayground(p)
			if got := tabs(); !slices.Equal(got, []string{"Stage", playground.Questions[0].Name, playground.Questions[1].Name, playground.Questions[2].Name}) || active() != "Stage" {
				t.Errorf("%s opens tabs %v, %q active", p, got, active())
			}
			if ans := tb.pgRun(); ans["data"].(map[string]any)["stage"].(map[string]any)["slug"] != "growth" {
				t.Errorf("%s answers %v", p, ans)
			}
		}
		if v := evalT[[]string](tb, `window.__csp`); len(v) > 0 {
			t.Errorf("Content-Security-Policy violations: %v", v)
		}
	})

	if only := os.Getenv("UPDATE_SCREENSHOTS"); only != "" {
		t.Run("Screenshots", func(t *testing.T) { updateScreenshots(t, b, only) })
	}
}

// updateScreenshots writes the README's screenshots of the main views to
// the repository's docs/ (UPDATE_SCREENSHOTS=1 go test -run
// 'Explorer/Screenshots' ./explorer/). only is "1" for all of them, or
// names some: UPDATE_SCREENSHOTS=read,search writes docs/explorer-read.png
// and docs/explorer-search.png.
func updateScreenshots(t *testing.T, b *browser, only string) {
	shots := []struct {
		file          string
		width, height int64
		path          string
		prepare       string // JavaScript run (and awaited) before the shot
	}{
		// The playground on a first visit, the first question run.
		{"playground.png", 1280, 760, "/", `(async () => {
			document.querySelector(".graphiql-execute-button").click();
			const response = () => document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue();
			while (!response().includes("skillsForStage")) await new Promise((r) => setTimeout(r, 25));
		})()`},
		{"explorer-fit.png", 1280, 1500, "/explore/?lang=en&have=python,kafka&stage=mature", ""},
		{"explorer-stages.png", 1280, 1100, "/explore/?view=stages&lang=ko", ""},
		{"explorer-skills.png", 1280, 1100, "/explore/?view=skills&lang=en&stage=growth",
			`document.querySelector("[data-testid=ranked] > li:first-child .evidence details").open = true`},
		{"explorer-compare.png", 1280, 1260, "/explore/?view=compare&lang=en&sel=spark", ""},
		{"explorer-search.png", 1280, 1000, "/explore/?view=search&lang=en&q=%EB%B6%84%EC%82%B0", ""},
		{"explorer-phone-ko.png", 375, 812, "/explore/?lang=ko&have=python,kafka,k8s,Fortran&stage=mature", ""},
		// The example posting read, the first reason's words lit in it.
		{"explorer-read.png", 1280, 1400, "/explore/?view=read&lang=en&have=python,kafka", `(async () => {
			document.querySelector("[data-focus-key=read-example]").click();
			while (!document.querySelector("[data-testid=verdict]")) await new Promise((r) => setTimeout(r, 25));
			document.querySelector("[data-testid=verdict] > li:first-child .reason__show").click();
			document.activeElement.blur();
			window.scrollTo(0, 0);
		})()`},
	}
	wanted := func(file string) bool {
		if only == "1" {
			return true
		}
		for _, name := range strings.Split(only, ",") {
			name = strings.TrimSpace(name)
			if name == file || "explorer-"+name+".png" == file || name+".png" == file {
				return true
			}
		}
		return false
	}
	for _, sh := range shots {
		if !wanted(sh.file) {
			continue
		}
		tb := b.open(t, tabOptions{width: sh.width, height: sh.height})
		if strings.HasPrefix(sh.path, "/explore/") {
			tb.goTo(sh.path)
		} else {
			tb.freshPlayground(sh.path)
		}
		if sh.prepare != "" {
			tb.do(chromedp.Evaluate[chromedp.Void](sh.prepare, chromedp.EvalAwaitPromise))
		}
		// Let fonts settle and the meters finish their transition.
		tb.do(chromedp.Evaluate[chromedp.Void](`document.fonts.ready`, chromedp.EvalAwaitPromise), chromedp.Sleep(600*time.Millisecond))
		png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatal(err)
		}
		docs := filepath.Join("..", "docs") // the repository's, which the README shows
		path := filepath.Join(docs, sh.file)
		if err := os.MkdirAll(docs, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s (%d bytes)", path, len(png))
	}
}

// TestExplorerQueries runs every query of the explorer's queries.js against
// the real API: a query that the schema no longer accepts fails here, with no
// browser needed.
func TestExplorerQueries(t *testing.T) {
	src, err := os.ReadFile("static/assets/queries.js")
	if err != nil {
		t.Fatal(err)
	}
	consts := map[string]string{}
	for _, m := range regexp.MustCompile("(?s)(?:export )?const ([A-Z_]+) = `(.*?)`;").FindAllStringSubmatch(string(src), -1) {
		consts[m[1]] = m[2]
	}
	expand := func(q string) string {
		return regexp.MustCompile(`\$\{([A-Z_]+)\}`).ReplaceAllStringFunc(q, func(ref string) string {
			return consts[ref[2:len(ref)-1]]
		})
	}
	// fitQuery(n) builds its query; this is what it builds for two stages.
	fit := regexp.MustCompile("(?s)export function fitQuery.*?return `(.*?)`;").FindStringSubmatch(string(src))
	if fit == nil {
		t.Fatal("fitQuery not found in queries.js")
	}
	fitTwo := strings.NewReplacer(
		"${vars.join(', ')}", "$s0: String!, $s1: String!",
		"${fields.join('\\n')}", "f0: skillGap(stage: $s0, have: $have) { ...Fit }\n f1: skillGap(stage: $s1, have: $have) { ...Fit }",
	).Replace(fit[1])
	consts["fitQuery(2)"] = fitTwo

	vars := map[string]any{
		"lang": "KO", "stage": "growth", "a": "growth", "b": "mature", "s0": "growth", "s1": "mature",
		"have": []string{"python", "k8s", "Fortran"}, "name": "spark", "text": "kafka", "first": 5,
	}
	s := startServer(t)
	exported := regexp.MustCompile("export const ([A-Z_]+) = `").FindAllStringSubmatch(string(src), -1)
	names := []string{"fitQuery(2)"}
	for _, m := range exported {
		names = append(names, m[1])
	}
	if len(names) < 9 {
		t.Fatalf("found only %v in queries.js", names)
	}
	for _, name := range names {
		q := expand(consts[name])
		if strings.Contains(q, "${") {
			t.Errorf("%s: unexpanded interpolation in %s", name, q)
			continue
		}
		resp := s.query(q, vars)
		if len(resp.Errors) > 0 || resp.Status != 200 {
			t.Errorf("%s: HTTP %d, errors %+v\n%s", name, resp.Status, resp.Errors, q)
			continue
		}
		var data map[string]json.RawMessage
		if err := json.Unmarshal(resp.Data, &data); err != nil || len(data) == 0 {
			t.Errorf("%s: no data: %s", name, resp.Data)
		}
	}
}
