package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"skillgraph/kb"
	"skillgraph/seed"
)

// The marker dataset B differs from the seed (A) in several places a
// single query reads: a stage's name, a skill's name, an alias and a
// requirement's text. A request sees either all of A or all of B.
const (
	markerAlias = "zzmarkeralias"
	markerName  = "Apache Spark (B)"
	markerStage = "Growing company (B)"
	markerText  = "(B) builds the platform"
)

func seedA(t testing.TB) *kb.Dataset {
	t.Helper()
	ds, err := seed.Load(seed.Files())
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func seedB(t testing.TB) *kb.Dataset {
	t.Helper()
	ds := seedA(t)
	found := 0
	for i := range ds.Skills {
		if s := &ds.Skills[i]; s.Slug == "spark" {
			s.Name = kb.Texts{KO: s.Name.Exact(kb.Korean), EN: markerName}
			s.Aliases = append(s.Aliases, markerAlias)
			found++
		}
	}
	for i := range ds.Stages {
		if s := &ds.Stages[i]; s.Slug == "growth" {
			s.Name = kb.Texts{KO: s.Name.Exact(kb.Korean), EN: markerStage}
			found++
		}
	}
	for i := range ds.Requirements {
		if r := &ds.Requirements[i]; r.Stage == "growth" && found == 2 {
			r.Text = kb.Texts{KO: r.Text.Exact(kb.Korean), EN: markerText}
			found++
			break
		}
	}
	if found != 3 {
		t.Fatal("the seed has no spark, growth stage or growth requirement to mark")
	}
	return ds
}

const consistencyQuery = `{
  stage(slug: "growth") { name requirements { text } }
  skill(name: "spark") { name aliases }
  marked: skill(name: "` + markerAlias + `") { slug }
  stages { slug name }
}`

// version tells which dataset an answer to consistencyQuery shows: "A",
// "B", or "torn" when it mixes them.
func version(data json.RawMessage) (string, error) {
	var got struct {
		Stage struct {
			Name         string
			Requirements []struct{ Text string }
		}
		Skill struct {
			Name    string
			Aliases []string
		}
		Marked *struct{ Slug string }
		Stages []struct{ Slug, Name string }
	}
	if err := json.Unmarshal(data, &got); err != nil {
		return "", err
	}
	var votes []bool // true: this part shows B
	votes = append(votes, got.Stage.Name == markerStage, got.Skill.Name == markerName, got.Marked != nil)
	hasAlias, hasText, listed := false, false, false
	for _, a := range got.Skill.Aliases {
		hasAlias = hasAlias || a == markerAlias
	}
	for _, r := range got.Stage.Requirements {
		hasText = hasText || r.Text == markerText
	}
	for _, s := range got.Stages {
		listed = listed || s.Name == markerStage
	}
	votes = append(votes, hasAlias, hasText, listed)
	b := 0
	for _, v := range votes {
		if v {
			b++
		}
	}
	switch b {
	case 0:
		return "A", nil
	case len(votes):
		return "B", nil
	}
	return "torn", nil
}

// readDuringSwaps runs readers goroutines that post query over loopback
// HTTP while a writer swaps the knowledge base between B and A swaps
// times. The swaps go through the server's own write path (the service the
// admin mutations and `seed apply` use). Each reader pauses a moment
// between its requests (readerPause). classify
// names the version an answer's data shows, "torn" for a mix. It returns
// the failures (at most 10), their count, and how often each version was
// seen.
func readDuringSwaps(t *testing.T, s *testServer, readers, swaps int, query string, classify func(json.RawMessage) (string, error)) (failures []string, failed int64, seen map[string]int64) {
	t.Helper()
	transport := &http.Transport{MaxIdleConnsPerHost: readers, MaxConnsPerHost: readers}
	defer transport.CloseIdleConnections()
	hc := &http.Client{Transport: transport, Timeout: 30 * time.Second}
	body, _ := json.Marshal(map[string]any{"query": query})

	var (
		done     atomic.Bool
		nFailed  atomic.Int64
		mu       sync.Mutex
		versions = map[string]int64{}
	)
	fail := func(format string, args ...any) {
		nFailed.Add(1)
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() {
			for !done.Load() {
				time.Sleep(readerPause)
				resp, err := hc.Post(s.url+"/query", "application/json", bytes.NewReader(body))
				if err != nil {
					fail("request: %v", err)
					return
				}
				raw, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				var r struct {
					Data   json.RawMessage
					Errors []gqlError
				}
				if err != nil || resp.StatusCode != 200 || json.Unmarshal(raw, &r) != nil || len(r.Errors) > 0 {
					fail("answer %d: %.300s (%v)", resp.StatusCode, raw, err)
					continue
				}
				v, err := classify(r.Data)
				if err != nil || v == "torn" {
					fail("torn read: %.500s", r.Data)
					continue
				}
				mu.Lock()
				versions[v]++
				mu.Unlock()
			}
		})
	}

	ctx := context.Background()
	for i := range swaps {
		next := seedB(t)
		if i%2 == 1 {
			next = seedA(t)
		}
		meta := kb.ChangeMeta{Author: "concurrency test", Message: fmt.Sprintf("swap %d", i)}
		_, _, err := s.main.service.Edit(ctx, meta, func(ds *kb.Dataset) error { *ds = *next; return nil })
		if err != nil {
			done.Store(true)
			wg.Wait()
			t.Fatalf("swap %d: %v", i, err)
		}
		time.Sleep(20 * time.Millisecond) // readers see each version
	}
	done.Store(true)
	wg.Wait()
	return failures, nFailed.Load(), versions
}

// readerPause is how long a reader waits between two requests: enough for
// the writer to get the CPU it needs on a small machine, short enough that
// hundreds of requests overlap each swap.
const readerPause = 10 * time.Millisecond

// TestConcurrentReadersDuringSeedChanges runs hundreds of readers over
// loopback HTTP while a writer swaps the whole knowledge base between two
// versions. Every answer must succeed and show exactly one version:
// readers never wait on the writer, never see SQLITE_BUSY, never see half
// of a change.
func TestConcurrentReadersDuringSeedChanges(t *testing.T) {
	readers, swaps := 200, 6
	switch {
	case testing.Short():
		readers, swaps = 50, 2
	case raceEnabled:
		// The race detector makes every request and swap some ten times
		// dearer: fewer readers and one swap (A to B) still show both
		// versions and every moment in between.
		readers, swaps = 50, 1
	}
	s := startServer(t)
	failures, failed, seen := readDuringSwaps(t, s, readers, swaps, consistencyQuery, version)
	if failed > 0 {
		t.Errorf("%d answers failed or were torn; first ones:\n%s", failed, strings.Join(failures, "\n"))
	}
	if seen["A"] == 0 || seen["B"] == 0 {
		t.Errorf("readers saw A %d times and B %d times over %d swaps: the swaps were not exercised", seen["A"], seen["B"], swaps)
	}
	t.Logf("%d readers, %d swaps: %d answers of A, %d of B", readers, swaps, seen["A"], seen["B"])
	if got := s.metric("skillgraph_errors_total", ""); got != 0 {
		t.Errorf("the server counted %v errors", got)
	}
}

// TestSearchAgreesWithThePinnedGraph reads, during swaps, a skill by the
// alias only B has, from the pinned graph, and searches for that alias: both
// answers must come from the same data. The store commits a change a moment
// before the new graph is served, so search checks that the index holds the
// pinned graph's version and searches the graph itself when it does not.
func TestSearchAgreesWithThePinnedGraph(t *testing.T) {
	s := startServer(t)
	query := `{ marked: skill(name: "` + markerAlias + `") { slug } search(text: "` + markerAlias + `") { node { id } } }`
	classify := func(data json.RawMessage) (string, error) {
		var got struct {
			Marked *struct{ Slug string }
			Search []struct{ Node struct{ ID string } }
		}
		if err := json.Unmarshal(data, &got); err != nil {
			return "", err
		}
		switch graphB, indexB := got.Marked != nil, len(got.Search) > 0; {
		case graphB && indexB:
			return "B", nil
		case !graphB && !indexB:
			return "A", nil
		}
		return "torn", nil
	}
	swaps := 8
	if raceEnabled {
		swaps = 2 // A to B and back: both versions, every moment in between
	}
	failures, failed, seen := readDuringSwaps(t, s, 50, swaps, query, classify)
	if failed > 0 {
		t.Errorf("%d answers failed or were torn (A %d, B %d); first ones:\n%s", failed, seen["A"], seen["B"], strings.Join(failures, "\n"))
		t.Logf("server log:\n%s", s.logs.String())
	}
	if seen["A"] == 0 || seen["B"] == 0 {
		t.Errorf("readers saw A %d times and B %d times over %d swaps: the swaps were not exercised", seen["A"], seen["B"], swaps)
	}
}
