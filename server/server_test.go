package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
	"github.com/removalsim/removalsim/store"
	"github.com/removalsim/removalsim/tidy"
	"github.com/removalsim/removalsim/web/dashboard"
)

func newServer(t *testing.T, cfg Config) *Server {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "runs.db"))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Store = st
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); st.Close() })
	return s
}

// do sends a request to the server and returns the recorded answer.
func do(t *testing.T, s *Server, method, path, body string, hdr ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Host = "127.0.0.1:8080"
	if body != "" && method == "POST" && !strings.HasPrefix(path, "/api/scenarios") {
		r.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		if hdr[i] == "Host" {
			r.Host = hdr[i+1]
		}
		r.Header.Set(hdr[i], hdr[i+1])
	}
	w := httptest.NewRecorder()
	s.Handler().ServeHTTP(w, r)
	return w
}

// errorOf decodes a JSON error answer, failing the test when the answer
// is not one.
func errorOf(t *testing.T, w *httptest.ResponseRecorder) apiError {
	t.Helper()
	if ct := w.Header().Get("Content-Type"); ct != "application/json" {
		t.Fatalf("error answer has Content-Type %q, want application/json; body %s", ct, w.Body)
	}
	var e apiError
	if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == "" {
		t.Fatalf("answer %q is not a JSON error: %v", w.Body, err)
	}
	return e
}

func decodeJSON[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decoding %.200s: %v", b, err)
	}
	return v
}

const zeros = "0000000000000000000000000000000000000000000000000000000000000000"

// TestBadInput: every endpoint answers bad input with the right status
// and a JSON error naming the problem.
func TestBadInput(t *testing.T) {
	s := newServer(t, Config{MaxBody: 64 << 10, MaxRuns: 20})
	big := `{"scenario":"baseline-2025","levers":{"x":` + strings.Repeat("1", 70<<10) + `}}`
	cases := []struct {
		name, method, path, body string
		hdr                      []string
		status                   int
		want                     string
	}{
		{"malformed", "POST", "/api/run", `{"scenario":`, nil, 400, "malformed JSON"},
		{"empty body", "POST", "/api/run", ``, nil, 400, "empty body"},
		{"trailing data", "POST", "/api/run", `{"scenario":"baseline-2025"} {}`, nil, 400, "data after"},
		{"unknown field", "POST", "/api/run", `{"scenario":"baseline-2025","bogus":1}`, nil, 400, "bogus"},
		{"wrong type", "POST", "/api/run", `{"scenario":"baseline-2025","months":"twelve"}`, nil, 400, "months"},
		{"no scenario", "POST", "/api/run", `{}`, nil, 400, "scenario: required"},
		{"unknown scenario", "POST", "/api/run", `{"scenario":"atlantis"}`, nil, 404, `unknown scenario "atlantis"`},
		{"unknown upload id", "POST", "/api/run", `{"scenario":"` + zeros + `"}`, nil, 404, "no upload has this id"},
		{"unknown lever", "POST", "/api/run", `{"scenario":"baseline-2025","levers":{"warp_drive":1}}`, nil, 400, `unknown lever "warp_drive"`},
		{"lever out of range", "POST", "/api/run", `{"scenario":"baseline-2025","levers":{"detention_beds":1e12}}`, nil, 400, "levers.detention_beds"},
		{"negative lever", "POST", "/api/run", `{"scenario":"baseline-2025","levers":{"judges":-5}}`, nil, 400, "levers.judges"},
		{"unknown switch", "POST", "/api/run", `{"scenario":"baseline-2025","switches":{"martial_law":true}}`, nil, 400, `unknown switch "martial_law"`},
		{"months", "POST", "/api/run", `{"scenario":"baseline-2025","months":601}`, nil, 400, "months: must be between 1 and 600"},
		{"unknown engine", "POST", "/api/run", `{"scenario":"baseline-2025","engine":"warp"}`, nil, 400, `unknown engine "warp"`},
		{"agent not sync", "POST", "/api/run", `{"scenario":"baseline-2025","engine":"agent"}`, nil, 400, "runs as a job"},
		{"long bottlenecks not sync", "POST", "/api/run", `{"scenario":"baseline-2025","months":600,"bottlenecks":true}`, nil, 400, "runs as a job"},
		{"content type", "POST", "/api/run", `{"scenario":"baseline-2025"}`, []string{"Content-Type", "text/plain"}, 415, "text/plain"},
		{"oversized", "POST", "/api/run", big, nil, 413, "over the limit"},
		{"compare side", "POST", "/api/compare", `{"a":{"scenario":"baseline-2025"},"b":{}}`, nil, 400, "b.scenario: required"},
		{"compare lever", "POST", "/api/compare", `{"a":{"scenario":"baseline-2025","levers":{"flights":-1}},"b":{"scenario":"baseline-2025"}}`, nil, 400, "a.levers.flights"},
		{"plan target", "POST", "/api/plan", `{"scenario":"baseline-2025","by":"2027-01"}`, nil, 400, "target"},
		{"plan by", "POST", "/api/plan", `{"scenario":"baseline-2025","target":5e5,"by":"next year"}`, nil, 400, "by:"},
		{"plan by early", "POST", "/api/plan", `{"scenario":"baseline-2025","target":5e5,"by":"2020-01"}`, nil, 400, "after the scenario's start"},
		{"plan objective", "POST", "/api/plan", `{"scenario":"baseline-2025","target":5e5,"by":"2027-01","objective":"glory"}`, nil, 400, "objective"},
		{"sensitivity method", "POST", "/api/sensitivity", `{"scenario":"baseline-2025","method":"guess"}`, nil, 400, `unknown method "guess"`},
		{"sensitivity metric", "POST", "/api/sensitivity", `{"scenario":"baseline-2025","metric":"happiness"}`, nil, 400, `unknown metric "happiness"`},
		{"job kind", "POST", "/api/jobs", `{"kind":"launch","request":{}}`, nil, 400, `unknown kind "launch"`},
		{"job no kind", "POST", "/api/jobs", `{"request":{}}`, nil, 400, "kind: required"},
		{"job no request", "POST", "/api/jobs", `{"kind":"run"}`, nil, 400, "request: required"},
		{"job runs", "POST", "/api/jobs", `{"kind":"run","request":{"scenario":"baseline-2025","engine":"agent","runs":1000}}`, nil, 400, "runs: must be between 1 and 20"},
		{"job request field", "POST", "/api/jobs", `{"kind":"run","request":{"scenario":"baseline-2025","rnus":3}}`, nil, 400, "rnus"},
		{"job id", "GET", "/api/jobs/abc", ``, nil, 400, `job id "abc"`},
		{"job missing", "GET", "/api/jobs/999", ``, nil, 404, "no job 999"},
		{"cancel missing", "POST", "/api/jobs/999/cancel", ``, nil, 404, "no job 999"},
		{"run hash traversal", "GET", "/api/runs/..%2F..%2Fetc%2Fpasswd", ``, nil, 400, `run hash "../../etc/passwd"`},
		{"no such page", "GET", "/etc/passwd", ``, nil, 404, ""},
		{"run hash form", "GET", "/api/runs/xyz", ``, nil, 400, `run hash "xyz"`},
		{"run missing", "GET", "/api/runs/" + zeros, ``, nil, 404, "no run " + zeros},
		{"download missing", "GET", "/api/runs/" + zeros + "/result.json", ``, nil, 404, "no run"},
		{"rerun missing", "POST", "/api/runs/" + zeros + "/rerun", ``, nil, 404, "no run"},
		{"scenario missing", "GET", "/api/scenarios/atlantis", ``, nil, 404, `unknown scenario "atlantis"`},
		{"upload empty", "POST", "/api/scenarios", ``, nil, 400, "empty upload"},
		{"upload syntax", "POST", "/api/scenarios", "name: [x\n", nil, 400, "upload.yaml:"},
		{"upload oversized", "POST", "/api/scenarios", "name: x\n#" + strings.Repeat("x", 70<<10), nil, 413, "over the limit"},
		{"asset traversal", "GET", "/assets/..%2fserver.go", ``, nil, 404, ""},
		{"asset unknown", "GET", "/assets/nope.js", ``, nil, 404, `no asset "nope.js"`},
		{"asset kind", "GET", "/assets/embed.go", ``, nil, 404, `no asset "embed.go"`},
		{"cross origin", "POST", "/api/run", `{"scenario":"baseline-2025"}`, []string{"Origin", "http://evil.example"}, 403, "cross-origin"},
		{"rebinding", "GET", "/api/scenarios", ``, []string{"Host", "evil.example:8080"}, 403, "host evil.example:8080 refused"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			w := do(t, s, c.method, c.path, c.body, c.hdr...)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d; body %s", w.Code, c.status, w.Body)
			}
			if c.want == "" {
				return // the mux's own 404 for a path no route matches
			}
			if e := errorOf(t, w); !strings.Contains(e.Error, c.want) {
				t.Fatalf("error %q does not name %q", e.Error, c.want)
			}
		})
	}
}

// TestUploadRejectsWhatIsNotAScenario: an upload holds aggregate
// parameters only; a field of any other kind (here, one that would carry
// data about a person) is refused with its position.
func TestUploadRejectsWhatIsNotAScenario(t *testing.T) {
	s := newServer(t, Config{})
	src := "extends: baseline-2025.yaml\nname: mine\npeople:\n  - {name: Jane Doe, a_number: A012345678}\n"
	w := do(t, s, "POST", "/api/scenarios", src)
	if w.Code != 400 {
		t.Fatalf("status %d, want 400: %s", w.Code, w.Body)
	}
	e := errorOf(t, w)
	i := slices.IndexFunc(e.Problems, func(p problem) bool { return strings.Contains(p.Message, "people") })
	if i < 0 {
		t.Fatalf("no problem names the key people: %+v", e.Problems)
	}
	if p := e.Problems[i]; p.File != "upload.yaml" || p.Line != 3 || p.Col != 1 || p.Code != scenario.UnknownKey.String() {
		t.Fatalf("problem %+v, want upload.yaml:3:1 %s", p, scenario.UnknownKey)
	}
	// Nothing was stored.
	list := decodeJSON[struct{ Uploaded []store.Scenario }](t, do(t, s, "GET", "/api/scenarios", "").Body.Bytes())
	if len(list.Uploaded) != 0 {
		t.Fatalf("a refused upload was stored: %+v", list.Uploaded)
	}
}

// TestUploadRefusesPersonalIdentifiers: a valid scenario whose free text
// holds something shaped like a person's identifier is refused, with its
// position, and not stored.
func TestUploadRefusesPersonalIdentifiers(t *testing.T) {
	s := newServer(t, Config{})
	src := "extends: baseline-2025.yaml\nname: mine\ndescription: \"case of A012345678, call 202-555-0147\"\n"
	w := do(t, s, "POST", "/api/scenarios", src)
	if w.Code != 400 {
		t.Fatalf("status %d, want 400: %s", w.Code, w.Body)
	}
	e := errorOf(t, w)
	if len(e.Problems) != 2 || e.Problems[0].Line != 3 || e.Problems[0].Col != 23 || e.Problems[0].Code != "personal_data" ||
		!strings.Contains(e.Problems[1].Message, "telephone") {
		t.Fatalf("problems %+v, want the A-number at 3:23 and the telephone number", e.Problems)
	}
	list := decodeJSON[struct{ Uploaded []store.Scenario }](t, do(t, s, "GET", "/api/scenarios", "").Body.Bytes())
	if len(list.Uploaded) != 0 {
		t.Fatalf("a refused upload was stored: %+v", list.Uploaded)
	}
	// The same scenario without the identifiers is kept.
	if w := do(t, s, "POST", "/api/scenarios", "extends: baseline-2025.yaml\nname: mine\n"); w.Code != 201 {
		t.Fatalf("clean upload: status %d: %s", w.Code, w.Body)
	}
}

func TestLoopbackHosts(t *testing.T) {
	for host, want := range map[string]bool{"127.0.0.1:8080": true, "localhost:1": true, "[::1]:80": true, "localhost": true,
		"127.0.0.1.evil.example": false, "evil.example": false, "10.0.0.1:80": false, "": false} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
	// With a token, any host may be used (the server listens beyond
	// loopback then).
	s := newServer(t, Config{Token: "s3cret"})
	if w := do(t, s, "GET", "/api/scenarios", "", "Host", "dashboard.example:8080", "Authorization", "Bearer s3cret"); w.Code != 200 {
		t.Fatalf("with a token, another host: %d %s", w.Code, w.Body)
	}
}

func TestToken(t *testing.T) {
	s := newServer(t, Config{Token: "s3cret"})
	for _, c := range []struct {
		name   string
		hdr    []string
		path   string
		status int
	}{
		{"none", nil, "/api/scenarios", 401},
		{"wrong bearer", []string{"Authorization", "Bearer guess"}, "/api/scenarios", 401},
		{"wrong cookie", []string{"Cookie", tokenCookie + "=guess"}, "/", 401},
		{"wrong query", nil, "/?token=guess", 401},
		{"bearer", []string{"Authorization", "Bearer s3cret"}, "/api/scenarios", 200},
		{"cookie", []string{"Cookie", tokenCookie + "=s3cret"}, "/api/scenarios", 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := do(t, s, "GET", c.path, "", c.hdr...)
			if w.Code != c.status {
				t.Fatalf("status %d, want %d", w.Code, c.status)
			}
			if c.status == 401 && !strings.Contains(errorOf(t, w).Error, "token") {
				t.Fatalf("401 without naming the token: %s", w.Body)
			}
		})
	}
	// Opening a page with ?token= sets the cookie the scripts then use.
	w := do(t, s, "GET", "/?token=s3cret", "")
	if w.Code != 200 {
		t.Fatalf("page with token: %d", w.Code)
	}
	c := w.Result().Cookies()
	if len(c) != 1 || c[0].Name != tokenCookie || c[0].Value != "s3cret" || !c[0].HttpOnly {
		t.Fatalf("cookies %+v", c)
	}
}

// TestSecurityHeaders: every answer carries the headers, and no page
// has an inline script, which the policy would block.
func TestSecurityHeaders(t *testing.T) {
	s := newServer(t, Config{})
	for _, path := range []string{"/", "/runs/" + zeros, "/api/scenarios", "/assets/dashboard.js", "/api/jobs/999"} {
		w := do(t, s, "GET", path, "")
		h := w.Header()
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self';") || !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
			t.Errorf("%s: CSP %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("X-Frame-Options") != "DENY" || h.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("%s: headers %v", path, h)
		}
	}
	inline := regexp.MustCompile(`(?is)<script(?:\s[^>]*)?>`)
	pages, _ := fs.Glob(dashboard.FS, "*.html")
	if len(pages) < 2 {
		t.Fatalf("pages %v", pages)
	}
	for _, p := range pages {
		b, _ := fs.ReadFile(dashboard.FS, p)
		for _, tag := range inline.FindAllString(string(b), -1) {
			if !strings.Contains(tag, "src=") {
				t.Errorf("%s: inline script %s", p, tag)
			}
		}
		if regexp.MustCompile(`(?i)\son[a-z]+=`).Match(b) {
			t.Errorf("%s: an inline event handler", p)
		}
		if regexp.MustCompile(`(?i)(src|href)="(https?:)?//`).Match(b) {
			t.Errorf("%s: refers to another host", p)
		}
	}
}

// flowJSON is what "removalsim run --format json" prints for the
// scenario, with its manifest naming input: the contract the API must
// keep.
func flowJSON(t *testing.T, name, input string, edit func(*scenario.Scenario)) []byte {
	t.Helper()
	sc, err := scenario.Load(scenarios.FS, name+".yaml")
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(sc)
	}
	m, err := model.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	mf, err := manifest.New("run", input, sc)
	if err != nil {
		t.Fatal(err)
	}
	mf.Engine = "flow"
	var buf bytes.Buffer
	if err := report.JSONRun(&buf, flow.Run(m), mf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameJSON reports whether a and b are the same JSON but for white
// space: a slider's answer is compact, the command line's indented.
func sameJSON(t *testing.T, a, b []byte) bool {
	t.Helper()
	var ca, cb bytes.Buffer
	if err := json.Compact(&ca, a); err != nil {
		t.Fatal(err)
	}
	if err := json.Compact(&cb, b); err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

func TestRunContractAndLevers(t *testing.T) {
	s := newServer(t, Config{})
	w := do(t, s, "POST", "/api/run", `{"scenario":"baseline-2025"}`)
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	if want := flowJSON(t, "baseline-2025", "builtin:baseline-2025", nil); !sameJSON(t, w.Body.Bytes(), want) {
		t.Fatalf("the API's run differs from the command line's JSON")
	}
	// A lever is the capacity's target from the first month.
	w = do(t, s, "POST", "/api/run", `{"scenario":"baseline-2025","levers":{"detention_beds":90000},"switches":{"injunction.0":false}}`)
	want := flowJSON(t, "baseline-2025", "builtin:baseline-2025", func(sc *scenario.Scenario) {
		sc.Capacities.DetentionBeds.Target = scenario.Schedule{{From: sc.Start, Value: scenario.P(90000)}}
		sc.Procedure.Injunctions = sc.Procedure.Injunctions[1:]
	})
	if !sameJSON(t, w.Body.Bytes(), want) {
		t.Fatalf("levers: the answer is not the edited scenario's run")
	}
	base := decodeJSON[struct{ Totals struct{ Removals float64 } }](t, flowJSON(t, "baseline-2025", "builtin:baseline-2025", nil))
	more := decodeJSON[struct{ Totals struct{ Removals float64 } }](t, w.Body.Bytes())
	if !(more.Totals.Removals > base.Totals.Removals) {
		t.Fatalf("more beds gave %v removals, base %v", more.Totals.Removals, base.Totals.Removals)
	}
	// The catalogue's scenario was not changed by the request.
	w2 := do(t, s, "POST", "/api/run", `{"scenario":"baseline-2025"}`)
	if !sameJSON(t, w2.Body.Bytes(), flowJSON(t, "baseline-2025", "builtin:baseline-2025", nil)) {
		t.Fatal("a lever changed the shipped scenario for later requests")
	}
}

func TestEveryLeverMovesSomething(t *testing.T) {
	s := newServer(t, Config{})
	w := do(t, s, "GET", "/api/scenarios/baseline-2025", "")
	detail := decodeJSON[struct {
		Levers   []Lever
		Switches []Switch
	}](t, w.Body.Bytes())
	if len(detail.Levers) < 10 || len(detail.Switches) < 2 {
		t.Fatalf("levers %d, switches %d", len(detail.Levers), len(detail.Switches))
	}
	base := do(t, s, "POST", "/api/run", `{"scenario":"baseline-2025"}`).Body.String()
	for _, l := range detail.Levers {
		if !(l.Min <= l.Value && l.Value <= l.Max && l.Step > 0) {
			t.Errorf("%s: value %g outside [%g, %g] or step %g", l.Key, l.Value, l.Min, l.Max, l.Step)
		}
		body, _ := json.Marshal(RunRequest{Setting: Setting{Scenario: "baseline-2025", Levers: map[string]float64{l.Key: l.Max}}})
		w := do(t, s, "POST", "/api/run", string(body))
		if w.Code != 200 {
			t.Errorf("%s at its maximum: %d %s", l.Key, w.Code, w.Body)
			continue
		}
		if w.Body.String() == base {
			t.Errorf("%s at its maximum %g changes nothing", l.Key, l.Max)
		}
	}
}

func TestCompare(t *testing.T) {
	s := newServer(t, Config{})
	w := do(t, s, "POST", "/api/compare", `{"a":{"scenario":"baseline-2025"},"b":{"scenario":"baseline-2025","levers":{"judges":1400}}}`)
	if w.Code != 200 {
		t.Fatalf("%d %s", w.Code, w.Body)
	}
	out := decodeJSON[struct {
		A, B, Engine string
		Rows         []struct {
			Outcome    string
			A, B, Diff float64
		}
	}](t, w.Body.Bytes())
	if out.Engine != "flow" || out.A != "baseline-2025" || out.B != "baseline-2025 judges=1400" || len(out.Rows) == 0 {
		t.Fatalf("comparison %+v", out)
	}
	for _, r := range out.Rows {
		if r.Diff != r.B-r.A && !(r.A == 0 && r.B == 0) {
			// compare defines Diff as the mean of B − A; one pair here.
			if d := r.B - r.A - r.Diff; d > 1e-6*(1+r.B) || d < -1e-6*(1+r.B) {
				t.Errorf("%s: diff %v, B − A %v", r.Outcome, r.Diff, r.B-r.A)
			}
		}
	}
}

// waitJob polls a job until it has ended.
func waitJob(t *testing.T, s *Server, id int64) store.Job {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		j, err := s.cfg.Store.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		switch j.State {
		case store.Queued, store.Running:
			time.Sleep(20 * time.Millisecond)
			continue
		}
		return *j
	}
	t.Fatalf("job %d did not end", id)
	return store.Job{}
}

func submit(t *testing.T, s *Server, path, body string) jobAnswer {
	t.Helper()
	w := do(t, s, "POST", path, body)
	if w.Code != http.StatusAccepted {
		t.Fatalf("POST %s: %d %s", path, w.Code, w.Body)
	}
	if !strings.HasPrefix(w.Header().Get("Location"), "/api/jobs/") {
		t.Fatalf("Location %q", w.Header().Get("Location"))
	}
	return decodeJSON[jobAnswer](t, w.Body.Bytes())
}

func TestAgentJobPermanentLinkAndRerun(t *testing.T) {
	s := newServer(t, Config{})
	req := `{"kind":"run","request":{"scenario":"baseline-2025","months":6,"engine":"agent","runs":2,"seed":7}}`
	j := waitJob(t, s, submit(t, s, "/api/jobs", req).ID)
	if j.State != store.Done || j.Done != 2 || j.Total != 2 || j.Run == "" {
		t.Fatalf("job %+v", j)
	}
	// The stored result is the agent engine's, as the command prints it.
	sc, _ := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	sc.Months = 6
	m, _ := model.Compile(sc)
	r, err := agent.Run(m, agent.Options{Runs: 2, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	mf, err := manifest.New("run", "builtin:baseline-2025", sc)
	if err != nil {
		t.Fatal(err)
	}
	mf.Engine, mf.Seed, mf.Runs = "agent", 7, 2
	var want bytes.Buffer
	report.JSONRun(&want, r, mf)
	got := do(t, s, "GET", "/api/runs/"+j.Run+"/result.json", "")
	if got.Code != 200 || !bytes.Equal(got.Body.Bytes(), want.Bytes()) {
		t.Fatalf("result.json (%d) differs from agent.Run's JSON", got.Code)
	}
	csv := do(t, s, "GET", "/api/runs/"+j.Run+"/result.csv", "")
	if csv.Code != 200 || !strings.HasPrefix(csv.Body.String(), "scenario,engine,band,metric,unit,period,value\n") {
		t.Fatalf("result.csv: %d %.100s", csv.Code, csv.Body)
	}
	pq := do(t, s, "GET", "/api/runs/"+j.Run+"/result.parquet", "")
	if pq.Code != 200 {
		t.Fatalf("result.parquet: %d %s", pq.Code, pq.Body)
	}
	rows, err := tidy.ReadParquet(bytes.NewReader(pq.Body.Bytes()), int64(pq.Body.Len()))
	if err != nil || !reflect.DeepEqual(rows, tidy.Result(r)) {
		t.Fatalf("result.parquet: %d rows (%v), want the tidy rows of the run (%d)", len(rows), err, len(tidy.Result(r)))
	}
	html := do(t, s, "GET", "/api/runs/"+j.Run+"/report.html", "")
	if html.Code != 200 || !strings.HasPrefix(html.Header().Get("Content-Type"), "text/html") ||
		!strings.Contains(html.Body.String(), "<html") || !strings.Contains(html.Body.String(), "echarts") ||
		!strings.Contains(html.Body.String(), `"kind":"run"`) {
		t.Fatalf("report.html: %d %s %.200s", html.Code, html.Header().Get("Content-Type"), html.Body)
	}
	if w := do(t, s, "GET", "/api/runs/"+j.Run+"/result.xml", ""); w.Code != 404 || !strings.Contains(errorOf(t, w).Error, "unknown format") {
		t.Fatalf("result.xml: %d %s", w.Code, w.Body)
	}
	page := do(t, s, "GET", "/runs/"+j.Run, "")
	if page.Code != 200 || !strings.Contains(page.Body.String(), "/assets/run.js") {
		t.Fatalf("permanent page: %d", page.Code)
	}
	run := decodeJSON[struct {
		Kind     string
		Manifest Manifest
		Links    map[string]string
	}](t, do(t, s, "GET", "/api/runs/"+j.Run, "").Body.Bytes())
	if run.Kind != "run" || run.Manifest.Kind != "run" || run.Links["csv"] == "" || run.Manifest.Scenarios[0].ID != "baseline-2025" {
		t.Fatalf("run %+v", run)
	}
	// Re-running the manifest gives the same run: the same hash.
	again := waitJob(t, s, submit(t, s, "/api/runs/"+j.Run+"/rerun", "").ID)
	if again.State != store.Done || again.Run != j.Run {
		t.Fatalf("rerun %+v, want done with run %s", again, j.Run)
	}
	// A saved flow run has a permanent link too.
	w := do(t, s, "POST", "/api/run", `{"scenario":"baseline-2025","months":12,"save":true}`)
	hash := w.Header().Get("X-Run-Hash")
	if w.Code != 200 || !isUploadID(hash) || w.Header().Get("Location") != "/runs/"+hash {
		t.Fatalf("save: %d hash %q", w.Code, hash)
	}
	if got := do(t, s, "GET", "/api/runs/"+hash+"/result.json", ""); !bytes.Equal(got.Body.Bytes(), w.Body.Bytes()) {
		t.Fatal("the saved run's result differs from the answer")
	}
	list := decodeJSON[struct{ Runs []store.Run }](t, do(t, s, "GET", "/api/runs", "").Body.Bytes())
	if len(list.Runs) != 2 {
		t.Fatalf("runs %+v, want 2", list.Runs)
	}
}

func TestCancelAndQueueBound(t *testing.T) {
	s := newServer(t, Config{MaxJobs: 2, JobWorkers: 1})
	long := `{"kind":"run","request":{"scenario":"baseline-2025","engine":"agent","runs":100}}`
	first := submit(t, s, "/api/jobs", long)
	second := submit(t, s, "/api/jobs", long)
	w := do(t, s, "POST", "/api/jobs", long)
	if w.Code != http.StatusTooManyRequests || !strings.Contains(errorOf(t, w).Error, "queue full") {
		t.Fatalf("third job: %d %s", w.Code, w.Body)
	}
	for _, id := range []int64{second.ID, first.ID} {
		if w := do(t, s, "POST", "/api/jobs/"+itoa(id)+"/cancel", ""); w.Code != http.StatusAccepted {
			t.Fatalf("cancel %d: %d %s", id, w.Code, w.Body)
		}
	}
	for _, id := range []int64{first.ID, second.ID} {
		if j := waitJob(t, s, id); j.State != store.Cancelled || j.Run != "" {
			t.Fatalf("job %d: %+v, want cancelled", id, j)
		}
	}
	w = do(t, s, "POST", "/api/jobs/"+itoa(first.ID)+"/cancel", "")
	if w.Code != http.StatusConflict || !strings.Contains(errorOf(t, w).Error, "already ended") {
		t.Fatalf("cancelling an ended job: %d %s", w.Code, w.Body)
	}
	// Slots were freed: the queue takes jobs again.
	j := waitJob(t, s, submit(t, s, "/api/jobs", `{"kind":"run","request":{"scenario":"baseline-2025","months":3}}`).ID)
	if j.State != store.Done {
		t.Fatalf("job after cancels: %+v", j)
	}
}

func itoa(n int64) string { return strings.TrimSpace(string(must(json.Marshal(n)))) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func TestPlanAndSensitivityJobs(t *testing.T) {
	s := newServer(t, Config{})
	p := waitJob(t, s, submit(t, s, "/api/plan", `{"scenario":"baseline-2025","target":300000,"by":"2027-01","runs":-1}`).ID)
	if p.State != store.Done {
		t.Fatalf("plan job %+v", p)
	}
	plan := decodeJSON[struct {
		Feasible      bool
		TargetPerYear float64            `json:"target_per_year"`
		Achieved      map[string]float64 `json:"achieved_per_year"`
	}](t, do(t, s, "GET", "/api/runs/"+p.Run+"/result.json", "").Body.Bytes())
	if plan.TargetPerYear != 300000 || plan.Achieved["flow"] == 0 {
		t.Fatalf("plan %+v", plan)
	}
	if w := do(t, s, "GET", "/api/runs/"+p.Run+"/result.csv", ""); w.Code != 404 {
		t.Fatalf("a plan's CSV: %d", w.Code)
	}
	o := waitJob(t, s, submit(t, s, "/api/sensitivity", `{"scenario":"baseline-2025","months":12,"method":"oat","metric":"removals"}`).ID)
	if o.State != store.Done || o.Done != o.Total || o.Total < 3 {
		t.Fatalf("sensitivity job %+v", o)
	}
	out := decodeJSON[struct {
		Scenario, Method, Metric string
		Result                   struct{ Rows []struct{ Name string } }
	}](t, do(t, s, "GET", "/api/runs/"+o.Run+"/result.json", "").Body.Bytes())
	if out.Method != "oat" || out.Metric != "removals" || len(out.Result.Rows) == 0 {
		t.Fatalf("sensitivity %+v", out)
	}
}

func TestUploadAndRun(t *testing.T) {
	s := newServer(t, Config{})
	src := "extends: baseline-2025.yaml\nname: more-judges\ncapacities:\n  judges: {initial: 900}\n"
	w := do(t, s, "POST", "/api/scenarios", src)
	if w.Code != http.StatusCreated {
		t.Fatalf("upload: %d %s", w.Code, w.Body)
	}
	e := decodeJSON[entry](t, w.Body.Bytes())
	if e.Name != "more-judges" || !isUploadID(e.ID) || e.Shipped {
		t.Fatalf("entry %+v", e)
	}
	list := decodeJSON[struct{ Uploaded []store.Scenario }](t, do(t, s, "GET", "/api/scenarios", "").Body.Bytes())
	if len(list.Uploaded) != 1 || list.Uploaded[0].ID != e.ID {
		t.Fatalf("uploads %+v", list.Uploaded)
	}
	w = do(t, s, "POST", "/api/run", `{"scenario":"`+e.ID+`"}`)
	want := flowJSON(t, "baseline-2025", "upload:"+e.ID, func(sc *scenario.Scenario) {
		sc.Name = "more-judges"
		sc.Capacities.Judges.Initial.Value = 900
		sc.Capacities.Judges.Initial.Source, sc.Capacities.Judges.Initial.AsOf, sc.Capacities.Judges.Initial.Range = "", "", nil
	})
	if w.Code != 200 || !sameJSON(t, w.Body.Bytes(), want) {
		t.Fatalf("running the upload: %d; equal to the edited baseline: %v", w.Code, sameJSON(t, w.Body.Bytes(), want))
	}
	// A second server on the same store finds the upload there.
	s2, err := New(Config{Store: s.cfg.Store})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if w := do(t, s2, "GET", "/api/scenarios/"+e.ID, ""); w.Code != 200 {
		t.Fatalf("upload from the store: %d %s", w.Code, w.Body)
	}
}

func TestCloneIsDeep(t *testing.T) {
	orig, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	before := digestOf(orig)
	c := scenario.Clone(orig)
	if digestOf(c) != before {
		t.Fatal("the clone differs")
	}
	for _, r := range scenario.Params(c) {
		r.Param.Value += 1
		if r.Param.Range != nil {
			r.Param.Range[0] = -1
		}
	}
	c.Countries[0].Name = "changed"
	c.Procedure.Injunctions[0].Name = "changed"
	if digestOf(orig) != before {
		t.Fatal("changing the clone changed the original")
	}
}

// TestOpenAPIMatchesRoutes: the served document lists exactly the
// registered endpoints, each with its answers.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	s := newServer(t, Config{})
	w := do(t, s, "GET", "/api/openapi.json", "")
	doc := decodeJSON[struct {
		OpenAPI string `json:"openapi"`
		Paths   map[string]map[string]struct {
			OperationID string                     `json:"operationId"`
			Responses   map[string]json.RawMessage `json:"responses"`
			RequestBody *json.RawMessage           `json:"requestBody"`
		}
	}](t, w.Body.Bytes())
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	var documented, registered []string
	for p, ops := range doc.Paths {
		for m, op := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
			if op.OperationID == "" || len(op.Responses) == 0 {
				t.Errorf("%s %s: no operationId or responses", m, p)
			}
			if m == "post" && op.RequestBody == nil && !strings.HasSuffix(p, "/cancel") && !strings.HasSuffix(p, "/rerun") {
				t.Errorf("POST %s: no request body", p)
			}
		}
	}
	for _, r := range s.routes() {
		registered = append(registered, r.Method+" "+strings.TrimSuffix(strings.ReplaceAll(r.Pattern, "{$}", ""), "/")+map[bool]string{true: "/"}[r.Pattern == "/{$}"])
	}
	slices.Sort(documented)
	slices.Sort(registered)
	if !slices.Equal(documented, registered) {
		t.Fatalf("OpenAPI paths\n%s\nregistered routes\n%s", strings.Join(documented, "\n"), strings.Join(registered, "\n"))
	}
	// Every registered route answers its method (not the mux's 404/405).
	for _, r := range s.routes() {
		path := strings.NewReplacer("{$}", "", "{hash}", zeros, "{id}", "1", "{file}", "result.json").Replace(r.Pattern)
		w := do(t, s, r.Method, path, "")
		if w.Code == http.StatusMethodNotAllowed || (w.Code == 404 && !strings.Contains(w.Header().Get("Content-Type"), "json")) {
			t.Errorf("%s %s: %d, not reaching its handler", r.Method, path, w.Code)
		}
	}
}

func TestCancelPlan(t *testing.T) {
	s := newServer(t, Config{})
	j := submit(t, s, "/api/plan", `{"scenario":"baseline-2025","target":900000,"by":"2028-01","runs":-1}`)
	if w := do(t, s, "POST", "/api/jobs/"+itoa(j.ID)+"/cancel", ""); w.Code != http.StatusAccepted {
		t.Fatalf("cancel: %d %s", w.Code, w.Body)
	}
	if got := waitJob(t, s, j.ID); got.State != store.Cancelled {
		t.Fatalf("plan job %+v, want cancelled", got)
	}
}
