// Command bench measures skillgraph against the physical limit of the
// machine it runs on, in one run:
//
//	go run ./bench                     # seed size and synthetic scale, a few minutes
//	go run ./bench -sizes seed         # the seed's size only, under a minute
//	go run ./bench -cache-off=false    # skip the run with the response cache off
//	go run ./bench -markdown perf.md   # the report as Markdown, for the README
//
// For each explorer query it runs two attacks of the same length, at the
// same fixed concurrency (a closed loop: each of -concurrency workers sends
// its next request when the previous one is answered), with
// github.com/tsenart/vegeta as a library:
//
//  1. a static net/http handler that answers every request with the bytes
//     skillgraph answers the query with (asked once, beforehand): what the
//     machine, the loopback and the HTTP stack allow. It runs in a child
//     process (this program, re-executed), like skillgraph, so that neither
//     shares a runtime with the load generator;
//  2. skillgraph itself, the real binary (built into a temporary directory)
//     serving a temporary database, as a child process.
//
// and reports throughput and p50/p99 latency of both and their ratios. It
// does so at the seed's size and at a synthetic scale (by default 100
// stages, 10,000 skills and 100,000 requirements, generated with `seed
// synth`), and reports the server's memory (VmRSS and VmHWM from
// /proc/PID/status) at both, and its cold start: from starting the built
// binary on an empty database (which it creates, migrates and seeds) to its
// first answer, over several runs.
//
// The load generator, the static server and skillgraph share the machine:
// ratios measured in one run are meaningful, absolute figures are this
// machine's on this day. Nothing leaves 127.0.0.1.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"skillgraph/internal/benchquery"
)

type config struct {
	root          string
	duration      time.Duration
	warmup        time.Duration
	concurrency   int
	sizes         []string
	synth         synthSize
	synthDB       string
	coldRuns      int
	markdown      string
	cacheOff      bool
	profileDir    string
	serverLog     string
	queryFilter   *regexp.Regexp
	maxComplexity int
	envVariant    []string
}

type synthSize struct{ stages, skills, requirements, seed int }

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	if len(os.Args) == 3 && os.Args[1] == staticServerArg {
		serveStatic(os.Args[2])
		return
	}
	var c config
	var sizes, only string
	flag.StringVar(&c.root, "root", ".", "the skillgraph module's directory")
	flag.DurationVar(&c.duration, "duration", 5*time.Second, "length of each attack")
	flag.DurationVar(&c.warmup, "warmup", 500*time.Millisecond, "unrecorded attack before each measured one")
	flag.IntVar(&c.concurrency, "concurrency", 4, "requests in flight: workers of the closed-loop attack")
	flag.StringVar(&sizes, "sizes", "seed,synthetic", "sizes to measure, comma-separated: seed, synthetic")
	flag.IntVar(&c.synth.stages, "stages", 100, "synthetic scale: stages")
	flag.IntVar(&c.synth.skills, "skills", 10000, "synthetic scale: skills")
	flag.IntVar(&c.synth.requirements, "requirements", 100000, "synthetic scale: requirements")
	flag.IntVar(&c.synth.seed, "seed", 1, "synthetic scale: random seed")
	flag.StringVar(&c.synthDB, "synth-db", "", "synthetic database to use, made with `seed synth` if missing (default: a temporary one)")
	flag.IntVar(&c.coldRuns, "cold-runs", 5, "cold starts to measure")
	flag.StringVar(&c.markdown, "markdown", "", "also write the report as Markdown to this file")
	flag.BoolVar(&c.cacheOff, "cache-off", true, "also measure skillgraph with its response cache off (KB_RESPONSE_CACHE_BYTES=0): what every query costs when it is not a repeat")
	flag.StringVar(&c.profileDir, "profile", "", "capture CPU profiles of skillgraph under each attack (its response cache off, unless -cache-off=false) and a heap profile per size into this directory (the binary gets a pprof listener; its figures are not for the report)")
	flag.StringVar(&c.serverLog, "server-log", "", "append skillgraph's logs to this file (default: discarded)")
	flag.StringVar(&only, "queries", "", "measure only the queries whose name matches this regular expression")
	envVariant := flag.String("env-variant", "", "also measure the plain build run with these environment variables, comma-separated (GOMEMLIMIT=256MiB,GOGC=50)")
	flag.IntVar(&c.maxComplexity, "max-complexity", 0, "skillgraph's -max-complexity; 0 keeps its default, under which every query here must run at every size")
	flag.Parse()
	c.sizes = strings.Split(sizes, ",")
	if *envVariant != "" {
		c.envVariant = strings.Split(*envVariant, ",")
	}
	if only != "" {
		c.queryFilter = regexp.MustCompile(only)
	}
	if err := run(c); err != nil {
		log.Fatal(err)
	}
}

func run(c config) error {
	tmp, err := os.MkdirTemp("", "skillgraph-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	root, err := filepath.Abs(c.root)
	if err != nil {
		return err
	}
	r := &report{config: c, machine: describeMachine(root), started: time.Now()}

	log.Printf("building skillgraph in %s", tmp)
	plain := filepath.Join(tmp, "skillgraph")
	if err := build(root, plain, nil); err != nil {
		return err
	}
	variants := []variant{{name: "skillgraph", bin: plain}}
	if len(c.envVariant) > 0 {
		variants = append(variants, variant{name: "skillgraph " + strings.Join(c.envVariant, " "), bin: plain, env: c.envVariant})
	}
	if c.cacheOff {
		variants = append(variants, variant{name: "skillgraph, response cache off", bin: plain, env: []string{"KB_RESPONSE_CACHE_BYTES=0"}})
	}
	if c.profileDir != "" {
		bin, err := buildWithPprof(root, tmp)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(c.profileDir, 0o755); err != nil {
			return err
		}
		// What a profile has to explain is a query's cost when it is not a
		// repeat: the profiled run has its response cache off, unless
		// -cache-off=false.
		profiled := variant{name: "skillgraph (profiled)", bin: bin, pprof: true}
		if c.cacheOff {
			profiled = variant{name: "skillgraph (profiled, response cache off)", bin: bin, pprof: true, env: []string{"KB_RESPONSE_CACHE_BYTES=0"}}
		}
		variants = []variant{profiled}
	}
	r.variants = variants

	static, err := startStatic()
	if err != nil {
		return err
	}
	defer static.Close()

	if c.coldRuns > 0 {
		if r.cold, err = coldStarts(c, plain, tmp); err != nil {
			return err
		}
	}
	for _, size := range c.sizes {
		m, err := measureSize(c, size, variants, static, tmp)
		if err != nil {
			return fmt.Errorf("%s: %w", size, err)
		}
		r.sizes = append(r.sizes, m)
	}
	r.finished = time.Now()
	md := r.markdown()
	fmt.Print(md)
	if c.markdown != "" {
		return os.WriteFile(c.markdown, []byte(md), 0o644)
	}
	return nil
}

type variant struct {
	name  string
	bin   string
	pprof bool
	env   []string // added to the server's environment
}

// build compiles the module's main package into out, with a -overlay file
// when overlay is not nil (go help build).
func build(root, out string, overlay map[string]string) error {
	args := []string{"build", "-o", out}
	if overlay != nil {
		f := out + ".overlay.json"
		data, _ := json.Marshal(map[string]any{"Replace": overlay})
		if err := os.WriteFile(f, data, 0o644); err != nil {
			return err
		}
		args = append(args, "-overlay", f)
	}
	cmd := exec.Command("go", append(args, ".")...)
	cmd.Dir = root
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	return nil
}

// pprofFile is added to package main by an overlay: a pprof listener on
// the address in SKILLGRAPH_BENCH_PPROF, for this command's -profile only.
const pprofFile = `package main

import (
	"net/http"
	_ "net/http/pprof"
	"os"
)

func init() {
	if addr := os.Getenv("SKILLGRAPH_BENCH_PPROF"); addr != "" {
		go http.ListenAndServe(addr, nil)
	}
}
`

func buildWithPprof(root, tmp string) (string, error) {
	file := filepath.Join(tmp, "bench_pprof.go")
	if err := os.WriteFile(file, []byte(pprofFile), 0o644); err != nil {
		return "", err
	}
	out := filepath.Join(tmp, "skillgraph-pprof")
	log.Printf("building skillgraph with a pprof listener")
	return out, build(root, out, map[string]string{filepath.Join(root, "zz_bench_pprof.go"): file})
}

// freeAddr returns a loopback address with a port nothing listens on.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// server is a running skillgraph.
type server struct {
	cmd     *exec.Cmd
	exited  chan error // receives Wait's result
	url     string     // of /query
	pprof   string     // address of the pprof listener, if any
	started time.Time
	ready   time.Duration // from start to the first answer
	logs    io.Closer
}

func startServer(c config, v variant, dbPath string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &server{url: "http://" + addr + "/query"}
	args := []string{"-addr", addr, "-db", dbPath}
	if c.maxComplexity > 0 {
		args = append(args, "-max-complexity", strconv.Itoa(c.maxComplexity))
	}
	cmd := exec.Command(v.bin, args...)
	cmd.Env = append(os.Environ(), v.env...)
	if v.pprof {
		if s.pprof, err = freeAddr(); err != nil {
			return nil, err
		}
		cmd.Env = append(cmd.Env, "SKILLGRAPH_BENCH_PPROF="+s.pprof)
	}
	out := io.Discard
	if c.serverLog != "" {
		f, err := os.OpenFile(c.serverLog, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
		if err != nil {
			return nil, err
		}
		s.logs, out = f, f
	}
	cmd.Stdout, cmd.Stderr = out, out
	s.cmd = cmd
	s.started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s.exited = make(chan error, 1)
	go func() { s.exited <- cmd.Wait() }()
	probe := []byte(`{"query":"{ stages { slug } }"}`)
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(10 * time.Minute)
	for {
		select {
		case err := <-s.exited:
			return nil, fmt.Errorf("skillgraph exited before answering: %v", err)
		default:
		}
		if body, status, err := postOnce(client, s.url, probe); err == nil && status == http.StatusOK && bytes.Contains(body, []byte(`"stages":[{`)) {
			s.ready = time.Since(s.started)
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, errors.New("skillgraph did not answer within 10 minutes")
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// mallocs reads the server's count of heap allocations so far from its
// /metrics (go_memstats_mallocs_total); 0 when it cannot.
func (s *server) mallocs() int64 {
	resp, err := http.Get(strings.TrimSuffix(s.url, "/query") + "/metrics")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "go_memstats_mallocs_total "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return int64(f)
			}
		}
	}
	return 0
}

// Stop ends the server as an operator would, with SIGTERM, and kills it
// if it has not exited after 15 seconds.
func (s *server) Stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.exited:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
	}
	if s.logs != nil {
		s.logs.Close()
	}
}

func postOnce(client *http.Client, url string, body []byte) ([]byte, int, error) {
	resp, err := client.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return b, resp.StatusCode, err
}

// memory is a process's resident set, from /proc/PID/status.
type memory struct{ rss, hwm int64 } // bytes

func readMemory(pid int) (memory, error) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return memory{}, err
	}
	var m memory
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			m.rss = kb << 10
		case "VmHWM:":
			m.hwm = kb << 10
		}
	}
	return m, nil
}

// staticServerArg makes this program the static server, on the address
// that follows.
const staticServerArg = "-static-server"

// serveStatic answers every request to /query with the bytes last PUT to
// /answer, with their Content-Type. It serves until killed.
func serveStatic(addr string) {
	var answer atomic.Pointer[staticAnswer]
	answer.Store(&staticAnswer{contentType: "application/json", body: []byte(`{"data":null}`)})
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /answer", func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		answer.Store(&staticAnswer{contentType: r.Header.Get("Content-Type"), body: body})
	})
	mux.HandleFunc("/query", func(w http.ResponseWriter, r *http.Request) {
		// Read the request as skillgraph does, then answer.
		io.Copy(io.Discard, r.Body)
		a := answer.Load()
		w.Header().Set("Content-Type", a.contentType)
		w.Write(a.body)
	})
	log.Fatal(http.ListenAndServe(addr, mux))
}

type staticAnswer struct {
	contentType string
	body        []byte
}

// staticServer is the static server's process.
type staticServer struct {
	cmd  *exec.Cmd
	base string
	url  string
}

func startStatic() (*staticServer, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	s := &staticServer{cmd: exec.Command(self, staticServerArg, addr), base: "http://" + addr, url: "http://" + addr + "/query"}
	s.cmd.Stdout, s.cmd.Stderr = os.Stderr, os.Stderr
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	for range 500 {
		if err := s.set("application/json", []byte(`{"data":null}`)); err == nil {
			return s, nil
		}
		time.Sleep(10 * time.Millisecond)
	}
	s.Close()
	return nil, errors.New("the static server did not start")
}

// set makes the static server answer body.
func (s *staticServer) set(contentType string, body []byte) error {
	req, _ := http.NewRequest(http.MethodPut, s.base+"/answer", bytes.NewReader(body))
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("static server: HTTP %d", resp.StatusCode)
	}
	return nil
}

func (s *staticServer) Close() {
	s.cmd.Process.Kill()
	s.cmd.Wait()
}

// attack runs a closed-loop attack of c.concurrency workers on url for d.
func attack(c config, url string, body []byte, d time.Duration) vegeta.Metrics {
	target := vegeta.Target{Method: http.MethodPost, URL: url, Body: body,
		Header: http.Header{"Content-Type": {"application/json"}}}
	n := uint64(c.concurrency)
	a := vegeta.NewAttacker(vegeta.Workers(n), vegeta.MaxWorkers(n), vegeta.Connections(c.concurrency),
		vegeta.KeepAlive(true), vegeta.HTTP2(false), vegeta.MaxBody(0), vegeta.Timeout(30*time.Second))
	var m vegeta.Metrics
	for res := range a.Attack(vegeta.NewStaticTargeter(target), vegeta.ConstantPacer{}, d, "") {
		m.Add(res)
	}
	m.Close()
	return m
}

// query is an explorer query and its variables at each size.
type query struct {
	name, text string
	vars       func(d *discovery) map[string]any
}

// The explorer's queries (explorer/static/assets/queries.js), as the
// performance issue lists them. Lists without a `first` are whole: a
// synthetic stage has a thousand requirements, and that is what the stage
// query answers.
var queries = []query{
	{"skillsForStage", benchquery.SkillsForStage, func(d *discovery) map[string]any { return map[string]any{"stage": d.stage, "lang": "KO"} }},
	{"compareStages", benchquery.CompareStages, func(d *discovery) map[string]any { return map[string]any{"a": d.stage, "b": d.other, "lang": "KO"} }},
	{"skillGap", benchquery.SkillGap, func(d *discovery) map[string]any {
		return map[string]any{"stage": d.stage, "have": d.have, "lang": "KO"}
	}},
	{"stage", benchquery.Stage, func(d *discovery) map[string]any { return map[string]any{"stage": d.stage} }},
	{"search", benchquery.Search, func(d *discovery) map[string]any { return map[string]any{"text": "kafka", "lang": "KO"} }},
	{"analyzePosting", benchquery.AnalyzePosting, func(d *discovery) map[string]any {
		return map[string]any{"text": benchPosting, "have": d.have, "lang": "KO"}
	}},
}

// benchPosting is a 1 kB posting, as people paste them: the posting
// analysis's target is < 15 ms end to end for one.
const benchPosting = `데이터 엔지니어 (Data Platform)

주요업무
- Kafka와 Spark 기반 실시간 파이프라인을 안정적이고 효율적으로 운영합니다
- 하루 수십억 건의 이벤트를 Hadoop, Hive, Iceberg 위에 적재하고 관리합니다
- 분석가를 위한 실험·분석 도구와 API를 개발합니다

자격요건
- Hadoop, Kafka, Spark 등 대용량 분산 시스템 운영 경험 3년 이상
- Java, Scala, Python 중 하나 이상에 능숙하신 분
- 장애를 끝까지 추적해 재발을 막아 본 경험

우대사항
- Airflow, dbt, Trino 경험
- Kubernetes 위에서 Spark 잡을 운영해 본 분
- 추천/광고/ML 서비스를 개발해 본 분

혜택 및 복지
- 최신 맥북, 도서 구입비 지원

채용 전형
서류 → 과제 → 인터뷰 → 최종 합격`

// discovery holds what the queries ask about at one size.
type discovery struct {
	stage, other string
	have         []string
}

func discover(url, size string) (*discovery, error) {
	if size == "seed" {
		// The README's examples.
		return &discovery{stage: "mature", other: "growth", have: []string{"Python", "Kafka"}}, nil
	}
	var st struct {
		Data struct{ Stages []struct{ Slug string } }
	}
	if err := ask(url, `{ stages { slug } }`, nil, &st); err != nil {
		return nil, err
	}
	stages := st.Data.Stages
	if len(stages) < 2 {
		return nil, fmt.Errorf("the synthetic database has %d stage(s), want 2 or more", len(stages))
	}
	d := &discovery{stage: stages[len(stages)/2].Slug, other: stages[len(stages)/2+1].Slug}
	// Someone who knows the stage's most important skill and its fifth.
	var ranked struct {
		Data struct {
			SkillsForStage []struct{ Skill struct{ Name string } }
		}
	}
	if err := ask(url, `query($s: String!) { skillsForStage(stage: $s, first: 5) { skill { name } } }`, map[string]any{"s": d.stage}, &ranked); err != nil {
		return nil, err
	}
	for _, i := range []int{0, 4} {
		if i < len(ranked.Data.SkillsForStage) {
			d.have = append(d.have, ranked.Data.SkillsForStage[i].Skill.Name)
		}
	}
	return d, nil
}

func ask(url, q string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": q, "variables": vars})
	b, status, err := postOnce(http.DefaultClient, url, body)
	if err != nil {
		return err
	}
	if status != http.StatusOK || bytes.Contains(b, []byte(`"errors":`)) {
		return fmt.Errorf("HTTP %d: %.300s", status, b)
	}
	return json.Unmarshal(b, out)
}

type sizeResult struct {
	name      string
	detail    string // what the size holds
	setup     string // how the database was made
	queries   []queryResult
	idle      memory // after start, before any attack
	loaded    memory // after the attacks
	startup   time.Duration
	variantsM []memory // per variant after its attacks
}

type queryResult struct {
	name      string
	bytes     int
	static    vegeta.Metrics
	skill     []vegeta.Metrics // per variant
	allocs    []float64        // per variant: heap allocations per request (the server's go_memstats_mallocs_total), 0 when unknown
	profile   string
	variables string
}

func measureSize(c config, size string, variants []variant, static *staticServer, tmp string) (*sizeResult, error) {
	res := &sizeResult{name: size}
	var dbPath string
	switch size {
	case "seed":
		dbPath = filepath.Join(tmp, "seed.db")
		res.setup = "the embedded seed, loaded by skillgraph on its first start"
	case "synthetic":
		s := c.synth
		dbPath = c.synthDB
		if dbPath == "" {
			dbPath = filepath.Join(tmp, "synthetic.db")
		}
		if _, err := os.Stat(dbPath); err == nil {
			res.setup = "`" + dbPath + "`, made earlier"
		} else {
			log.Printf("generating the synthetic scale into %s", dbPath)
			start := time.Now()
			cmd := exec.Command(variants[0].bin, "seed", "synth", "-stages", strconv.Itoa(s.stages), "-skills", strconv.Itoa(s.skills),
				"-requirements", strconv.Itoa(s.requirements), "-seed", strconv.Itoa(s.seed), "-db", dbPath)
			cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
			if err := cmd.Run(); err != nil {
				return nil, fmt.Errorf("seed synth: %w", err)
			}
			res.setup = fmt.Sprintf("`seed synth -stages %d -skills %d -requirements %d -seed %d`, %s", s.stages, s.skills, s.requirements, s.seed,
				time.Since(start).Round(time.Second))
		}
	default:
		return nil, fmt.Errorf("unknown size %q: want seed or synthetic", size)
	}

	for vi, v := range variants {
		log.Printf("%s: starting %s", size, v.name)
		srv, err := startServer(c, v, dbPath)
		if err != nil {
			return nil, err
		}
		err = func() error {
			defer srv.Stop()
			if vi == 0 {
				res.startup = srv.ready
				res.idle, _ = readMemory(srv.pid())
			}
			d, err := discover(srv.url, size)
			if err != nil {
				return err
			}
			if vi == 0 {
				res.detail, err = describeData(srv.url)
				if err != nil {
					return err
				}
			}
			qi := 0
			for _, q := range queries {
				if c.queryFilter != nil && !c.queryFilter.MatchString(q.name) {
					continue
				}
				vars := q.vars(d)
				body, _ := json.Marshal(map[string]any{"query": q.text, "variables": vars})
				answer, status, err := postOnce(http.DefaultClient, srv.url, body)
				if err != nil || status != http.StatusOK || bytes.Contains(answer, []byte(`"errors":`)) {
					return fmt.Errorf("%s: HTTP %d, %v: %.500s", q.name, status, err, answer)
				}
				if vi == 0 {
					varText, _ := json.Marshal(vars)
					res.queries = append(res.queries, queryResult{name: q.name, bytes: len(answer), variables: string(varText)})
					if err := static.set("application/json", answer); err != nil {
						return err
					}
					log.Printf("%s/%s: static handler (%d bytes)", size, q.name, len(answer))
					attack(c, static.url, body, c.warmup)
					res.queries[qi].static = attack(c, static.url, body, c.duration)
				}
				log.Printf("%s/%s: %s", size, q.name, v.name)
				attack(c, srv.url, body, c.warmup)
				var profile chan string
				if srv.pprof != "" {
					profile = make(chan string, 1)
					go func() { profile <- captureProfile(c, srv.pprof, size, q.name) }()
				}
				mallocs := srv.mallocs()
				m := attack(c, srv.url, body, c.duration)
				perRequest := 0.0
				if after := srv.mallocs(); mallocs > 0 && after > mallocs && m.Requests > 0 {
					perRequest = float64(after-mallocs) / float64(m.Requests)
				}
				res.queries[qi].skill = append(res.queries[qi].skill, m)
				res.queries[qi].allocs = append(res.queries[qi].allocs, perRequest)
				if profile != nil {
					res.queries[qi].profile = <-profile
				}
				// The answer must not have changed under load.
				again, _, _ := postOnce(http.DefaultClient, srv.url, body)
				if !bytes.Equal(again, answer) && size == "seed" {
					log.Printf("warning: %s answered differently after the attack", q.name)
				}
				qi++
			}
			mem, _ := readMemory(srv.pid())
			res.variantsM = append(res.variantsM, mem)
			if vi == 0 {
				res.loaded = mem
			}
			if srv.pprof != "" {
				fetch(fmt.Sprintf("http://%s/debug/pprof/heap?gc=1", srv.pprof), filepath.Join(c.profileDir, size+"-heap.pprof"))
			}
			return nil
		}()
		if err != nil {
			return nil, err
		}
	}
	return res, nil
}

func captureProfile(c config, addr, size, name string) string {
	secs := max(1, int((c.duration-time.Second)/time.Second))
	file := filepath.Join(c.profileDir, size+"-"+name+".cpu.pprof")
	if err := fetch(fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, secs), file); err != nil {
		log.Printf("profile %s: %v", file, err)
		return ""
	}
	return file
}

func fetch(url, file string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return os.WriteFile(file, data, 0o644)
}

// describeData counts what the served knowledge base holds, paging
// through each stage's requirements and traits as a client must: a list
// asked without first gets its schema default of 20.
func describeData(url string) (string, error) {
	var out struct {
		Data struct {
			Stages []struct{ Slug string }
			Skills struct{ TotalCount int }
		}
	}
	if err := ask(url, `{ stages { slug } skills(first: 1) { totalCount } }`, nil, &out); err != nil {
		return "", err
	}
	reqs, traits := 0, 0
	for _, s := range out.Data.Stages {
		for _, list := range []struct {
			field string
			n     *int
		}{{"requirements", &reqs}, {"traits", &traits}} {
			n, err := countPages(url, s.Slug, list.field)
			if err != nil {
				return "", err
			}
			*list.n += n
		}
	}
	return fmt.Sprintf("%d stages, %d skills, %d requirements, %d traits", len(out.Data.Stages), out.Data.Skills.TotalCount, reqs, traits), nil
}

// countPages counts a stage's requirements or traits, a page at a time.
func countPages(url, stage, field string) (int, error) {
	const page = 100
	query := `query($s: String!, $after: ID) { stage(slug: $s) { ` + field + `(first: 100, after: $after) { id } } }`
	total, after := 0, any(nil)
	for {
		var out struct {
			Data struct {
				Stage map[string][]struct{ ID string }
			}
		}
		if err := ask(url, query, map[string]any{"s": stage, "after": after}, &out); err != nil {
			return 0, err
		}
		items := out.Data.Stage[field]
		total += len(items)
		if len(items) < page {
			return total, nil
		}
		after = items[len(items)-1].ID
	}
}

func coldStarts(c config, bin, tmp string) ([]time.Duration, error) {
	var out []time.Duration
	for i := range c.coldRuns {
		dir := filepath.Join(tmp, fmt.Sprintf("cold-%d", i))
		s, err := startServer(c, variant{bin: bin}, filepath.Join(dir, "data", "kb.db"))
		if err != nil {
			return nil, err
		}
		out = append(out, s.ready)
		s.Stop()
		os.RemoveAll(dir)
		log.Printf("cold start %d: %s", i+1, s.ready.Round(time.Millisecond))
	}
	return out, nil
}

type machine struct {
	cpu, kernel, goVersion, commit string
	cores                          int
	memory                         int64
	load                           string
}

func describeMachine(root string) machine {
	m := machine{cores: runtime.NumCPU(), goVersion: runtime.Version()}
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.ParseInt(f[1], 10, 64)
				m.memory = kb << 10
			}
		}
	}
	if data, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.kernel = strings.TrimSpace(string(data))
	}
	if data, err := os.ReadFile("/proc/loadavg"); err == nil {
		m.load = strings.Join(strings.Fields(string(data))[:3], " ")
	}
	cmd := exec.Command("git", "describe", "--always", "--dirty")
	cmd.Dir = root
	if out, err := cmd.Output(); err == nil {
		m.commit = strings.TrimSpace(string(out))
	}
	return m
}

type report struct {
	config            config
	machine           machine
	variants          []variant
	started, finished time.Time
	cold              []time.Duration
	sizes             []*sizeResult
}

// Targets of the performance issue.
const (
	seedThroughputRatio = 0.5  // skillgraph rps ≥ this × static rps, at the seed's size
	seedP99Ratio        = 3.0  // skillgraph p99 ≤ this × static p99, at the seed's size
	scaleP99Ratio       = 10.0 // synthetic p99 ≤ this × seed p99, for the queries below
	rssLimit            = 200 << 20
	coldStartLimit      = time.Second
)

var scaleTargetQueries = []string{"skillGap", "skillsForStage", "search"}

func (r *report) size(name string) *sizeResult {
	for _, s := range r.sizes {
		if s.name == name {
			return s
		}
	}
	return nil
}

func ms(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	case d < 10*time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func kib(b int) string {
	if b < 10<<10 {
		return fmt.Sprintf("%.1f kB", float64(b)/1000)
	}
	return fmt.Sprintf("%.0f kB", float64(b)/1000)
}

func mark(ok bool) string {
	if ok {
		return "✅"
	}
	return "❌"
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func (r *report) markdown() string {
	var b strings.Builder
	c, m := r.config, r.machine
	fmt.Fprintf(&b, "### Benchmark run of %s\n\n", r.started.UTC().Format("2006-01-02 15:04 UTC"))
	fmt.Fprintf(&b, "- Machine: %s, %d cores, %s RAM, Linux %s; %s; skillgraph at `%s`.\n", m.cpu, m.cores, mib(m.memory), m.kernel, m.goVersion, m.commit)
	fmt.Fprintf(&b, "- Load: closed loop of %d concurrent requests (vegeta, HTTP/1.1 keep-alive over 127.0.0.1), %s per attack after a %s warm-up; the load generator, the static handler and skillgraph share the machine. Load average before the run: %s.\n",
		c.concurrency, c.duration, c.warmup, m.load)
	fmt.Fprintf(&b, "- Static: a `net/http` handler in its own process that reads the request and answers the bytes skillgraph answers the query with. The ratios compare skillgraph to it in the same run.\n")
	fmt.Fprintf(&b, "- Run took %s.\n\n", r.finished.Sub(r.started).Round(time.Second))

	for _, s := range r.sizes {
		fmt.Fprintf(&b, "#### %s: %s\n\n", strings.ToUpper(s.name[:1])+s.name[1:], s.detail)
		fmt.Fprintf(&b, "Database: %s. Server start to first answer: %s.\n\n", s.setup, ms(s.startup))
		header := "| query | answer | static rps | static p50 | static p99 |"
		sep := "|---|--:|--:|--:|--:|"
		for _, v := range r.variants {
			header += fmt.Sprintf(" %s rps | p50 | p99 | rps ratio | p99 ratio | allocs/req |", v.name)
			sep += "--:|--:|--:|--:|--:|--:|"
		}
		b.WriteString(header + "\n" + sep + "\n")
		for _, q := range s.queries {
			fmt.Fprintf(&b, "| %s | %s | %.0f | %s | %s |", q.name, kib(q.bytes), q.static.Throughput, ms(q.static.Latencies.P50), ms(q.static.Latencies.P99))
			for i, sk := range q.skill {
				allocs := "–"
				if i < len(q.allocs) && q.allocs[i] > 0 {
					allocs = fmt.Sprintf("%.0f", q.allocs[i])
				}
				fmt.Fprintf(&b, " %.0f | %s | %s | %.2f | %.1f× | %s |", sk.Throughput, ms(sk.Latencies.P50), ms(sk.Latencies.P99),
					sk.Throughput/q.static.Throughput, float64(sk.Latencies.P99)/float64(q.static.Latencies.P99), allocs)
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
		for _, q := range s.queries {
			for i, sk := range q.skill {
				if sk.Success < 1 {
					fmt.Fprintf(&b, "Warning: %s (%s) had %.2f%% successful answers: %v %v\n\n", q.name, r.variants[i].name, sk.Success*100, sk.StatusCodes, sk.Errors)
				}
			}
		}
		fmt.Fprintf(&b, "Memory of skillgraph: %s resident after start, %s after the attacks, peak (VmHWM) %s.",
			mib(s.idle.rss), mib(s.loaded.rss), mib(s.loaded.hwm))
		for i, v := range r.variants[1:] {
			if i+1 < len(s.variantsM) {
				fmt.Fprintf(&b, " %s: %s after its attacks, peak %s.", v.name, mib(s.variantsM[i+1].rss), mib(s.variantsM[i+1].hwm))
			}
		}
		b.WriteString("\n\n")
	}

	if len(r.cold) > 0 {
		sorted := slices.Clone(r.cold)
		slices.Sort(sorted)
		var runs []string
		for _, d := range r.cold {
			runs = append(runs, ms(d))
		}
		fmt.Fprintf(&b, "#### Cold start\n\nBuilt binary, empty database (created, migrated, seeded from the embedded seed files) to the first successful answer, %d runs: median %s (min %s, max %s; %s).\n\n",
			len(r.cold), ms(median(r.cold)), ms(sorted[0]), ms(sorted[len(sorted)-1]), strings.Join(runs, ", "))
	}

	b.WriteString("#### Targets\n\n| target | measured | met |\n|---|---|:-:|\n")
	for vi, v := range r.variants {
		who := ""
		if vi > 0 {
			who = " (" + v.name + ")"
		}
		if s := r.size("seed"); s != nil {
			for _, q := range s.queries {
				if vi >= len(q.skill) {
					continue
				}
				sk := q.skill[vi]
				tr := sk.Throughput / q.static.Throughput
				pr := float64(sk.Latencies.P99) / float64(q.static.Latencies.P99)
				fmt.Fprintf(&b, "| seed, %s%s: throughput ≥ %.1f× static | %.2f× (%.0f vs %.0f rps) | %s |\n", q.name, who, seedThroughputRatio, tr, sk.Throughput, q.static.Throughput, mark(tr >= seedThroughputRatio))
				fmt.Fprintf(&b, "| seed, %s%s: p99 ≤ %.0f× static | %.1f× (%s vs %s) | %s |\n", q.name, who, seedP99Ratio, pr, ms(sk.Latencies.P99), ms(q.static.Latencies.P99), mark(pr <= seedP99Ratio))
			}
		}
		seed, synth := r.size("seed"), r.size("synthetic")
		if seed != nil && synth != nil {
			for _, name := range scaleTargetQueries {
				a := slices.IndexFunc(seed.queries, func(q queryResult) bool { return q.name == name })
				z := slices.IndexFunc(synth.queries, func(q queryResult) bool { return q.name == name })
				if a < 0 || z < 0 || vi >= len(seed.queries[a].skill) || vi >= len(synth.queries[z].skill) {
					continue
				}
				pa, pz := seed.queries[a].skill[vi].Latencies.P99, synth.queries[z].skill[vi].Latencies.P99
				ratio := float64(pz) / float64(pa)
				fmt.Fprintf(&b, "| synthetic, %s%s: p99 ≤ %.0f× seed p99 | %.1f× (%s vs %s; answer %s vs %s) | %s |\n", name, who, scaleP99Ratio, ratio, ms(pz), ms(pa),
					kib(synth.queries[z].bytes), kib(seed.queries[a].bytes), mark(ratio <= scaleP99Ratio))
			}
		}
		for _, s := range r.sizes {
			if vi >= len(s.variantsM) {
				continue
			}
			mem := s.variantsM[vi]
			peak := max(mem.hwm, mem.rss)
			want := "–"
			if s.name == "synthetic" {
				want = mark(peak < rssLimit)
			}
			fmt.Fprintf(&b, "| %s%s: RSS < %s | %s after the attacks, peak %s | %s |\n", s.name, who, mib(rssLimit), mib(mem.rss), mib(peak), want)
		}
	}
	if r.size("synthetic") != nil {
		how := "every query above answered without errors, at the server's default limits"
		if c.maxComplexity > 0 {
			how = fmt.Sprintf("not measured: the run raised -max-complexity to %d", c.maxComplexity)
		}
		fmt.Fprintf(&b, "| synthetic: the explorer's queries accepted under the default limits | %s | %s |\n", how, mark(c.maxComplexity == 0))
	}
	if len(r.cold) > 0 {
		med := median(r.cold)
		fmt.Fprintf(&b, "| cold start < %s | median %s | %s |\n", ms(coldStartLimit), ms(med), mark(med < coldStartLimit))
	}
	b.WriteString("\n")
	if c.profileDir != "" {
		fmt.Fprintf(&b, "Profiles (pprof listener on; figures not for the report): %s\n\n", c.profileDir)
	}
	return b.String()
}
