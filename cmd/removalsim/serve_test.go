package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/removalsim/removalsim/store"
)

// buildBinary builds removalsim into a temporary directory, once per
// test binary.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "removalsim")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// served is a "removalsim serve" process.
type served struct {
	cmd  *exec.Cmd
	base string
}

var servingLine = regexp.MustCompile(`serving (http://\S+)/ `)

// startServe starts the binary on a free loopback port with the store
// db and waits until it serves.
func startServe(t *testing.T, bin, db string) *served {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--db", db)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(stderr)
	found := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if m := servingLine.FindStringSubmatch(lines.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	select {
	case base := <-found:
		return &served{cmd: cmd, base: base}
	case <-time.After(30 * time.Second):
		t.Fatal("removalsim serve did not start")
	}
	return nil
}

func (s *served) call(t *testing.T, method, path, body string) (int, []byte, http.Header) {
	t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b, res.Header
}

type jobState struct {
	ID    int64
	State string
	Done  int
	Total int
	Run   string
}

// TestServeSurvivesKill9 runs the real binary, kills it with SIGKILL in
// the middle of an agent job and restarts it on the same store: the
// store passes PRAGMA integrity_check, earlier runs are intact and the
// job shows as interrupted.
func TestServeSurvivesKill9(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "runs.db")
	s := startServe(t, bin, db)

	// An earlier run, saved, and an earlier job, finished.
	code, saved, h := s.call(t, "POST", "/api/run", `{"scenario":"baseline-2025","levers":{"detention_beds":70000},"save":true}`)
	hash := h.Get("X-Run-Hash")
	if code != 200 || hash == "" {
		t.Fatalf("saving a run: %d %.200s", code, saved)
	}
	code, body, _ := s.call(t, "POST", "/api/jobs", `{"kind":"run","request":{"scenario":"baseline-2025","months":3,"engine":"agent","runs":1}}`)
	if code != 202 {
		t.Fatalf("first job: %d %s", code, body)
	}
	var first jobState
	json.Unmarshal(body, &first)
	first = waitState(t, s, first.ID, "done")
	_, firstResult, _ := s.call(t, "GET", "/api/runs/"+first.Run+"/result.json", "")

	// A long job, killed while it runs.
	code, body, _ = s.call(t, "POST", "/api/jobs", `{"kind":"run","request":{"scenario":"baseline-2025","engine":"agent","runs":100}}`)
	if code != 202 {
		t.Fatalf("long job: %d %s", code, body)
	}
	var long jobState
	json.Unmarshal(body, &long)
	waitState(t, s, long.ID, "running")
	if err := s.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	s.cmd.Wait()

	s = startServe(t, bin, db)
	if j := getJob(t, s, long.ID); j.State != "interrupted" || j.Run != "" {
		t.Fatalf("killed job after restart: %+v, want interrupted", j)
	}
	if j := getJob(t, s, first.ID); j.State != "done" || j.Run != first.Run {
		t.Fatalf("finished job after restart: %+v", j)
	}
	for run, want := range map[string][]byte{hash: saved, first.Run: firstResult} {
		code, got, _ := s.call(t, "GET", "/api/runs/"+run+"/result.json", "")
		if code != 200 || !bytes.Equal(got, want) {
			t.Fatalf("run %s after restart: %d, intact %v", run, code, bytes.Equal(got, want))
		}
	}
	// The restarted server works: a new job runs to the end.
	code, body, _ = s.call(t, "POST", "/api/jobs", `{"kind":"run","request":{"scenario":"baseline-2025","months":2,"engine":"agent","runs":1}}`)
	var next jobState
	json.Unmarshal(body, &next)
	if code != 202 || waitState(t, s, next.ID, "done").Run == "" {
		t.Fatalf("a job after restart: %d %s", code, body)
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	s.cmd.Wait()

	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.IntegrityCheck(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func getJob(t *testing.T, s *served, id int64) jobState {
	t.Helper()
	code, body, _ := s.call(t, "GET", fmt.Sprintf("/api/jobs/%d", id), "")
	if code != 200 {
		t.Fatalf("job %d: %d %s", id, code, body)
	}
	var j jobState
	if err := json.Unmarshal(body, &j); err != nil {
		t.Fatal(err)
	}
	return j
}

// waitState polls job id until it is in state, failing on another end.
func waitState(t *testing.T, s *served, id int64, state string) jobState {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		j := getJob(t, s, id)
		if j.State == state {
			return j
		}
		if j.State != "queued" && j.State != "running" {
			t.Fatalf("job %d ended %s, want %s", id, j.State, state)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("job %d never %s", id, state)
	return jobState{}
}

func TestServeRefusesOpenAddressWithoutToken(t *testing.T) {
	var out, errb bytes.Buffer
	os.Unsetenv("REMOVALSIM_TOKEN")
	code := run([]string{"serve", "--addr", "0.0.0.0:0", "--db", filepath.Join(t.TempDir(), "x.db")}, &out, &errb)
	if code != exitUsage || !strings.Contains(errb.String(), "not a loopback address") {
		t.Fatalf("exit %d, stderr %q", code, errb.String())
	}
	for addr, want := range map[string]bool{"127.0.0.1:80": true, "localhost:1": true, "[::1]:8080": true, "0.0.0.0:80": false, ":8080": false, "10.0.0.1:80": false} {
		if got, err := loopback(addr); err != nil || got != want {
			t.Errorf("loopback(%q) = %v, %v; want %v", addr, got, err, want)
		}
	}
}
