package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"skillgraph/db"
	"skillgraph/kb"
	"skillgraph/seed"
)

// seededFile writes a seeded database at a temp path, as a follower's copy
// of the writer's would be, with the writer's heartbeat at beat (none when
// zero).
func seededFile(t *testing.T, beat time.Time) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "copy", "kb.db")
	store, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := seed.NewService(store, &kb.Live{}, slog.New(slog.DiscardHandler)).SeedIfEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	if !beat.IsZero() {
		if err := store.WriteHeartbeat(ctx, beat); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// startReplica serves the copy at path as a replica, with an operations
// listener of its own.
func startReplica(t *testing.T, path string, flags ...string) *testServer {
	return startServer(t, withDB(path), withAdminToken("secret"),
		withFlags(append([]string{"-role", "replica", "-writer-url", "http://writer.internal:8080", "-ops-addr", "127.0.0.1:0"}, flags...)...))
}

// TestReplicaRefusesMutations: a replica serves reads from its copy and
// answers every mutation, even one bearing the admin token, with READ_ONLY
// naming the writer, without touching the copy.
func TestReplicaRefusesMutations(t *testing.T) {
	path := seededFile(t, time.Now())
	before, err := dataDigest(path)
	if err != nil {
		t.Fatal(err)
	}
	s := startReplica(t, path)

	var got struct{ Skill struct{ Name string } }
	s.data(`{ skill(name: "kafka") { name } }`, nil, &got)
	if got.Skill.Name != "Kafka" {
		t.Errorf("skill(name: kafka) on the replica = %q", got.Skill.Name)
	}
	resp := s.queryWith(map[string]string{"Authorization": "Bearer secret", "Accept": "application/graphql-response+json"},
		`mutation { addAlias(skill: "kafka", alias: "kfk") { skill { aliases } } }`, nil)
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != kb.EREADONLY ||
		!strings.Contains(resp.Errors[0].Message, "http://writer.internal:8080") || resp.Status != http.StatusForbidden {
		t.Errorf("a mutation on the replica: %d %+v, want 403 READ_ONLY naming the writer", resp.Status, resp.Errors)
	}
	if string(resp.Data) != "" && string(resp.Data) != "null" {
		t.Errorf("a refused mutation returned data %s", resp.Data)
	}
	s.main.Close()
	if after, err := dataDigest(path); err != nil || after != before {
		t.Errorf("the replica changed its copy: %s → %s (%v)", before, after, err)
	}
}

// TestReplicaReadiness: /readyz on a replica fails while its copy has no
// heartbeat of the writer or one older than -max-lag, and says which; the
// lag and the follower's position are metrics on the operations listener,
// which the public port does not serve.
func TestReplicaReadiness(t *testing.T) {
	tests := []struct {
		name   string
		beat   time.Time
		maxLag string
		ready  bool
		detail string
	}{
		{"fresh heartbeat", time.Now(), "10s", true, "behind the writer"},
		{"stale heartbeat", time.Now().Add(-time.Minute), "10s", false, "more than -max-lag 10s"},
		{"no heartbeat", time.Time{}, "10s", false, "no heartbeat"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startReplica(t, seededFile(t, tt.beat), "-max-lag", tt.maxLag)
			status, body := get(t, s.url+"/readyz")
			var ready struct {
				Ready  bool
				Checks []struct {
					Name, Detail string
					OK           bool
				}
			}
			if err := json.Unmarshal([]byte(body), &ready); err != nil {
				t.Fatalf("/readyz: %v: %s", err, body)
			}
			if ready.Ready != tt.ready || (status == http.StatusOK) != tt.ready {
				t.Errorf("/readyz = %d %s, want ready %t", status, body, tt.ready)
			}
			var detail string
			for _, c := range ready.Checks {
				if c.Name == "replication" {
					detail = c.Detail
				}
			}
			if !strings.Contains(detail, tt.detail) {
				t.Errorf("the replication check says %q, want %q", detail, tt.detail)
			}

			if status, _ := get(t, s.url+"/metrics"); status != http.StatusNotFound {
				t.Errorf("/metrics on the public port: %d, want 404 with -ops-addr", status)
			}
			_, metrics := get(t, "http://"+s.main.OpsAddr()+"/metrics")
			for _, name := range []string{"skillgraph_replication_lag_seconds", "skillgraph_replication_position", "skillgraph_knowledge_base_version 1"} {
				if !strings.Contains(metrics, name) {
					t.Errorf("the operations listener's /metrics lacks %s", name)
				}
			}
		})
	}
}

// TestWriterStreamsToStorage: a writer acknowledges an edit once it is in
// storage, and `backup restore` brings the database back from there, as of
// now or of a moment before the edit.
func TestWriterStreamsToStorage(t *testing.T) {
	storage := "file://" + filepath.Join(t.TempDir(), "storage")
	s := startServer(t, withAdminToken("secret"), withFlags("-role", "writer", "-replica-url", storage, "-ops-addr", "127.0.0.1:0"))
	time.Sleep(1100 * time.Millisecond) // a second between the seed and the edit, for the restore by time
	beforeEdit := time.Now()
	resp := s.queryWith(map[string]string{"Authorization": "Bearer secret"},
		`mutation { addAlias(skill: "kafka", alias: "kfk") { changeSet { version } } }`, nil)
	if len(resp.Errors) > 0 {
		t.Fatalf("addAlias on the writer: %+v", resp.Errors)
	}
	if status, body := post(t, "http://"+s.main.OpsAddr()+"/replication/sync"); status != http.StatusOK {
		t.Errorf("POST /replication/sync: %d %s", status, body)
	}

	dir := t.TempDir()
	for _, tt := range []struct {
		name, at string
		version  int
	}{
		{"latest", "", 2},
		{"before the edit", beforeEdit.UTC().Format(time.RFC3339Nano), 1},
	} {
		out := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".db")
		args := []string{"restore", "-from", storage, "-o", out}
		if tt.at != "" {
			args = append(args, "-timestamp", tt.at)
		}
		var stderr strings.Builder
		if status := runBackup(context.Background(), args, func(string) string { return "" }, io.Discard, &stderr); status != exitOK {
			t.Fatalf("backup restore %s: exit %d: %s", tt.name, status, stderr.String())
		}
		got, err := restoredVersion(context.Background(), out)
		if err != nil || got != tt.version {
			t.Errorf("restored %s: version %d (%v), want %d", tt.name, got, err, tt.version)
		}
	}
	var stderr strings.Builder
	status := runBackup(context.Background(), []string{"restore", "-from", storage, "-o", filepath.Join(dir, "latest.db")},
		func(string) string { return "" }, io.Discard, &stderr)
	if status != exitError || !strings.Contains(stderr.String(), "exists") {
		t.Errorf("restoring over a file: exit %d, %q", status, stderr.String())
	}
}

// TestRoleFlags: each role's required settings are checked up front.
func TestRoleFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-role", "primary"}, `unknown -role "primary"`},
		{[]string{"-role", "writer"}, "needs -replica-url"},
		{[]string{"-role", "replica"}, "needs -writer-url"},
		{[]string{"-role", "replica", "-writer-url", "http://w", "-max-lag", "0s"}, "-max-lag must be positive"},
	}
	for _, tt := range tests {
		err := NewMain(io.Discard).ParseFlags(tt.args, func(string) string { return "" })
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v, want %q", tt.args, err, tt.want)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func post(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Post(url, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// TestFollowerIndexFallsBackToTheGraph: a search the follower's copy
// cannot answer (malformed while the follower repairs it) reads the served
// graph instead of failing; a canceled request still fails.
func TestFollowerIndexFallsBackToTheGraph(t *testing.T) {
	index := followerIndex{VersionedIndex: failingIndex{}, logger: slog.New(slog.DiscardHandler)}
	matches, version, err := index.SearchText(context.Background(), "kafka", "", 10)
	if err != nil || matches != nil || version != copyUnreadable {
		t.Errorf("on a malformed copy: %v, version %d, %v; want no matches, version %d, no error", matches, version, err, copyUnreadable)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := index.SearchText(ctx, "kafka", "", 10); err == nil {
		t.Error("a canceled search succeeded")
	}
}

type failingIndex struct{}

func (failingIndex) SearchText(ctx context.Context, _ string, _ kb.Lang, _ int) ([]kb.TextMatch, int, error) {
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	return nil, 0, errors.New("database disk image is malformed (11)")
}
