package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestMigrateVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s := open(t, path)
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v != Migrations() || v < 1 {
		t.Fatalf("schema version %d, want %d", v, Migrations())
	}
	s.Close()
	// Opening again applies nothing and keeps the version.
	s = open(t, path)
	if v2, _ := s.SchemaVersion(ctx); v2 != v {
		t.Fatalf("reopened at version %d, want %d", v2, v)
	}
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Fatalf("journal_mode %q (%v), want wal", mode, err)
	}
	if _, err := s.db.ExecContext(ctx, "PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(ctx, path); err == nil {
		t.Fatal("opened a store newer than the binary")
	}
}

func TestRunsAndScenarios(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "x.db"))
	if _, err := s.Run(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing run: %v, want ErrNotFound", err)
	}
	if _, err := s.Scenario(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing scenario: %v, want ErrNotFound", err)
	}
	r := Run{Hash: "h1", Kind: "run", Manifest: []byte(`{"a":1}`), Result: []byte(`{"r":2}`)}
	if err := s.PutRun(ctx, r); err != nil {
		t.Fatal(err)
	}
	// The same hash again keeps the first.
	if err := s.PutRun(ctx, Run{Hash: "h1", Kind: "run", Manifest: []byte(`{}`), Result: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Run(ctx, "h1")
	if err != nil || string(got.Result) != `{"r":2}` || string(got.Manifest) != `{"a":1}` || got.Kind != "run" {
		t.Fatalf("Run = %+v, %v", got, err)
	}
	if err := s.PutScenario(ctx, Scenario{ID: "abc", Name: "mine", Source: []byte("name: mine\n")}); err != nil {
		t.Fatal(err)
	}
	sc, err := s.Scenario(ctx, "abc")
	if err != nil || sc.Name != "mine" || string(sc.Source) != "name: mine\n" {
		t.Fatalf("Scenario = %+v, %v", sc, err)
	}
	list, err := s.Scenarios(ctx, 10)
	if err != nil || len(list) != 1 || list[0].ID != "abc" {
		t.Fatalf("Scenarios = %+v, %v", list, err)
	}
	runs, err := s.Runs(ctx, 10)
	if err != nil || len(runs) != 1 || runs[0].Hash != "h1" {
		t.Fatalf("Runs = %+v, %v", runs, err)
	}
}

func TestJobLifecycleAndInterruption(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s := open(t, path)
	done, err := s.CreateJob(ctx, "run", []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	running, _ := s.CreateJob(ctx, "run", []byte(`{}`))
	queued, _ := s.CreateJob(ctx, "plan", []byte(`{}`))
	for _, id := range []int64{done, running} {
		if err := s.StartJob(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.StartJob(ctx, done); !errors.Is(err, ErrNotFound) {
		t.Fatalf("starting a running job: %v, want ErrNotFound", err)
	}
	if err := s.Progress(ctx, running, 2, 5); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishJob(ctx, done, Run{Hash: "h", Kind: "run", Manifest: []byte(`{}`), Result: []byte(`{}`)}); err != nil {
		t.Fatal(err)
	}
	if err := s.EndJob(ctx, done, Cancelled, "late"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("ending a finished job: %v, want ErrNotFound", err)
	}
	if err := s.EndJob(ctx, done, Done, ""); err == nil {
		t.Fatal("EndJob accepted state done")
	}
	s.Close()

	// A restart marks the running and the queued job interrupted and
	// leaves the finished one and its run alone.
	s = open(t, path)
	if s.Interrupted != 2 {
		t.Fatalf("Interrupted = %d, want 2", s.Interrupted)
	}
	want := map[int64]string{done: Done, running: Interrupted, queued: Interrupted}
	for id, state := range want {
		j, err := s.Job(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State != state {
			t.Errorf("job %d: state %s, want %s", id, j.State, state)
		}
		if state == Interrupted && j.Error == "" {
			t.Errorf("job %d: interrupted without a message", id)
		}
	}
	j, _ := s.Job(ctx, running)
	if j.Done != 2 || j.Total != 5 {
		t.Errorf("interrupted job kept progress %d/%d, want 2/5", j.Done, j.Total)
	}
	j, _ = s.Job(ctx, done)
	if j.Run != "h" || j.Done != j.Total {
		t.Errorf("finished job %+v", j)
	}
	if _, err := s.Run(ctx, "h"); err != nil {
		t.Errorf("the finished job's run: %v", err)
	}
	jobs, err := s.Jobs(ctx, 10)
	if err != nil || len(jobs) != 3 || jobs[0].ID != queued {
		t.Fatalf("Jobs = %+v, %v", jobs, err)
	}
	if err := s.IntegrityCheck(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Job(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing job: %v", err)
	}
}

// TestConcurrentWriters is why the pragmas are in the DSN: with
// busy_timeout on one pooled connection only, concurrent writers fail
// with SQLITE_BUSY.
func TestConcurrentWriters(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "x.db"))
	var wg sync.WaitGroup
	errs := make(chan error, 400)
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				id, err := s.CreateJob(ctx, "run", []byte(`{}`))
				if err == nil {
					err = s.PutRun(ctx, Run{Hash: fmt.Sprintf("%d-%d", w, i), Kind: "run", Manifest: []byte("{}"), Result: []byte("{}")})
				}
				if err == nil {
					err = s.StartJob(ctx, id)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	runs, _ := s.Runs(ctx, 1000)
	if len(runs) != 400 {
		t.Fatalf("%d runs stored, want 400", len(runs))
	}
}
