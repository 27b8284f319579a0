// Command replicas measures how read throughput scales over replica nodes
// on one machine: one replica pinned to a core of its own (taskset) under
// load, then two, each pinned to its own core, both under load at once.
// Each of the two should serve at least 0.8× what the one served alone.
// The load generator (this process) runs on the other core while one
// replica is measured, and floats over both when two are: its share of the
// machine is reported beside the figures.
//
//	go run ./bench/replicas            # from the repository's root; Linux, taskset, 2 cores or more
//
// The replicas serve a copy of the seeded database with -role replica, as
// behind a Litestream follower (none runs here: the copies do not change),
// with the response cache off, so that every request is computed: the
// explorer's skillGap, stage and compareStages queries in turn.
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
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() {
	root := flag.String("root", ".", "the skillgraph module's directory")
	duration := flag.Duration("duration", 5*time.Second, "length of each attack")
	concurrency := flag.Int("concurrency", 4, "requests in flight per replica")
	rounds := flag.Int("rounds", 3, "measurements of one replica alone, then two, in turn")
	flag.Parse()
	if err := run(*root, *duration, *concurrency, *rounds); err != nil {
		log.Fatal(err)
	}
}

// queries are what each replica is asked, in turn.
var queries = []string{
	`{ skillGap(stage: "growth", have: ["Python", "Kafka", "Airflow"]) { coverage satisfied { id text } missing(first: 5) { skill { name } score why } } }`,
	`{ stage(slug: "mature") { name requirements { id kind needs { anyOf { name } } } traits { id } } }`,
	`{ compareStages(a: "growth", b: "mature") { onlyA { skill { name } score why } onlyB { skill { name } score why } shared { name } } }`,
}

func run(root string, d time.Duration, concurrency, rounds int) error {
	if runtime.NumCPU() < 2 {
		return errors.New("needs 2 cores or more")
	}
	if _, err := exec.LookPath("taskset"); err != nil {
		return errors.New("needs taskset (util-linux)")
	}
	tmp, err := os.MkdirTemp("", "skillgraph-replicas")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "skillgraph")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Dir, build.Stderr = root, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build: %w", err)
	}
	seeded := filepath.Join(tmp, "kb.db")
	apply := exec.Command(bin, "seed", "apply", "-db", seeded, filepath.Join(root, "seed"))
	if out, err := apply.CombinedOutput(); err != nil {
		return fmt.Errorf("seed apply: %v: %s", err, out)
	}

	var rs []*replica
	for core := range 2 {
		r, err := startReplica(bin, seeded, tmp, core)
		if err != nil {
			return err
		}
		defer r.stop()
		rs = append(rs, r)
	}
	fmt.Printf("### Replicas on their own cores (%s, %d cores, %s per attack, %d in flight per replica)\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), runtime.NumCPU(), d, concurrency)
	fmt.Println("| round | run | replica (core) | rps | p50 | p99 | errors | vs alone | replica's CPU | load generator's CPU |")
	fmt.Println("|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|")
	var ratios []float64
	for round := 1; round <= rounds; round++ {
		// The second replica idles on core 1 while the first is measured
		// alone, the load generator beside it.
		pin(1)
		one := measure(rs[:1], d, concurrency)
		pin(0, 1)
		two := measure(rs, d, concurrency)
		base := one.results[0].Rate
		fmt.Printf("| %d | one replica | 1 (0) | %.0f | %s | %s | %d | 1.00× | %.2f cores | %.2f cores (on core 1) |\n", round,
			base, round2(one.results[0].Latencies.P50), round2(one.results[0].Latencies.P99), errorsOf(one.results[0]),
			one.replicaCores[0], one.loadCores)
		for i, m := range two.results {
			fmt.Printf("| %d | two replicas | %d (%d) | %.0f | %s | %s | %d | %.2f× | %.2f cores | %.2f cores (over both) |\n", round,
				i+1, i, m.Rate, round2(m.Latencies.P50), round2(m.Latencies.P99), errorsOf(m), m.Rate/base, two.replicaCores[i], two.loadCores)
			ratios = append(ratios, m.Rate/base)
		}
	}
	slices.Sort(ratios)
	fmt.Printf("\nEach of two replicas under load serves %.2f× (median; %.2f–%.2f) what one serves alone; target ≥ 0.8×.\n",
		ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1])
	return nil
}

// pin moves every thread of this process onto the given cores.
func pin(cores ...int) {
	list := ""
	for i, c := range cores {
		if i > 0 {
			list += ","
		}
		list += strconv.Itoa(c)
	}
	if out, err := exec.Command("taskset", "-a", "-p", "-c", list, strconv.Itoa(os.Getpid())).CombinedOutput(); err != nil {
		log.Printf("taskset: %v: %s", err, out)
	}
}

type replica struct {
	url string
	cmd *exec.Cmd
}

// startReplica serves a copy of the seeded database as a replica pinned to
// core, and waits for its first answer.
func startReplica(bin, seeded, tmp string, core int) (*replica, error) {
	copyPath := filepath.Join(tmp, fmt.Sprintf("copy-%d.db", core))
	data, err := os.ReadFile(seeded)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(copyPath, data, 0o644); err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command("taskset", "-c", strconv.Itoa(core), bin, "-role", "replica", "-db", copyPath,
		"-addr", addr, "-writer-url", "http://writer.invalid", "-ops-addr", "127.0.0.1:0")
	cmd.Env = append(os.Environ(), "KB_RESPONSE_CACHE_BYTES=0", "GOMAXPROCS=1")
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	r := &replica{url: "http://" + addr + "/query", cmd: cmd}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		resp, err := http.Post(r.url, "application/json", bytes.NewReader(body(queries[0])))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return r, r.check()
			}
		}
	}
	r.stop()
	return nil, fmt.Errorf("replica on core %d did not answer", core)
}

// check asks each query once: an answer with errors would measure the
// wrong thing.
func (r *replica) check() error {
	for _, q := range queries {
		resp, err := http.Post(r.url, "application/json", bytes.NewReader(body(q)))
		if err != nil {
			return err
		}
		var out struct{ Errors []any }
		err = json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if err != nil || len(out.Errors) > 0 {
			return fmt.Errorf("query %.40s…: %v %v", q, err, out.Errors)
		}
	}
	return nil
}

func (r *replica) stop() {
	r.cmd.Process.Signal(syscall.SIGTERM)
	r.cmd.Wait()
}

type measurement struct {
	results      []*vegeta.Metrics
	loadCores    float64   // CPU this process used, in cores
	replicaCores []float64 // CPU each replica used, in cores
}

// measure attacks every replica at once, after a short warm-up, and
// measures the CPU the attacks cost this process and each replica.
func measure(rs []*replica, d time.Duration, concurrency int) measurement {
	attackAll(rs, time.Second, concurrency) // warm-up
	before, start := cpuTime(), time.Now()
	replicasBefore := make([]time.Duration, len(rs))
	for i, r := range rs {
		replicasBefore[i] = r.cpuTime()
	}
	results := attackAll(rs, d, concurrency)
	wall := time.Since(start).Seconds()
	m := measurement{results: results, loadCores: (cpuTime() - before).Seconds() / wall}
	for i, r := range rs {
		m.replicaCores = append(m.replicaCores, (r.cpuTime()-replicasBefore[i]).Seconds()/wall)
	}
	return m
}

// cpuTime is the CPU a replica's process has used (user and system), from
// /proc/PID/stat, in clock ticks of 10 ms.
func (r *replica) cpuTime() time.Duration {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", r.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// The command name, in parentheses, may hold spaces: count fields
	// after its closing parenthesis; utime and stime are the 14th and 15th.
	fields := strings.Fields(string(data[bytes.LastIndexByte(data, ')')+1:]))
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func attackAll(rs []*replica, d time.Duration, concurrency int) []*vegeta.Metrics {
	results := make([]*vegeta.Metrics, len(rs))
	var wg sync.WaitGroup
	for i, r := range rs {
		wg.Go(func() { results[i] = attack(r.url, d, concurrency) })
	}
	wg.Wait()
	return results
}

// attack is a closed loop of concurrency workers, each sending the next of
// the queries as soon as its last one is answered.
func attack(url string, d time.Duration, concurrency int) *vegeta.Metrics {
	var targets []vegeta.Target
	for _, q := range queries {
		targets = append(targets, vegeta.Target{Method: http.MethodPost, URL: url, Body: body(q),
			Header: http.Header{"Content-Type": {"application/json"}}})
	}
	n := uint64(concurrency)
	a := vegeta.NewAttacker(vegeta.Workers(n), vegeta.MaxWorkers(n), vegeta.Connections(concurrency),
		vegeta.KeepAlive(true), vegeta.HTTP2(false), vegeta.Timeout(30*time.Second))
	m := &vegeta.Metrics{}
	for res := range a.Attack(vegeta.NewStaticTargeter(targets...), vegeta.ConstantPacer{}, d, "") {
		m.Add(res)
	}
	m.Close()
	return m
}

func body(query string) []byte {
	b, _ := json.Marshal(map[string]string{"query": query})
	return b
}

// cpuTime is the CPU this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func errorsOf(m *vegeta.Metrics) int { return int(m.Requests) - int(m.Success*float64(m.Requests)+0.5) }

func round2(d time.Duration) string {
	switch {
	case d >= time.Millisecond:
		return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%d µs", d.Microseconds())
	}
}
