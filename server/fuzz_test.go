package server

import (
	"testing"
)

// FuzzAPI sends arbitrary bodies to the endpoints that decode one: the
// answer is never a server error, and an error is always JSON naming
// the problem.
func FuzzAPI(f *testing.F) {
	for _, seed := range []string{
		`{"scenario":"baseline-2025"}`,
		`{"scenario":"baseline-2025","levers":{"detention_beds":1e5},"switches":{"injunction.0":false}}`,
		`{"scenario":"baseline-2025","months":3,"levers":{"country_cap.uncooperative":1}}`,
		`{"a":{"scenario":"baseline-2025"},"b":{"scenario":"doubled-judges"}}`,
		`{"scenario":"baseline-2025","target":1e6,"by":"2027-01"}`,
		`{"kind":"run","request":{"scenario":"baseline-2025","engine":"agent","runs":0}}`,
		"extends: baseline-2025.yaml\nname: x\nmonths: 2\n",
		`{"scenario":`, `[]`, `null`, `{"levers":{"":NaN}}`,
	} {
		for path := range 4 {
			f.Add(path, seed)
		}
	}
	s := newServer(&testing.T{}, Config{MaxJobs: 1})
	paths := []string{"/api/run", "/api/compare", "/api/scenarios", "/api/jobs"}
	f.Fuzz(func(t *testing.T, which int, body string) {
		path := paths[(which%len(paths)+len(paths))%len(paths)]
		if path == "/api/jobs" {
			// Jobs would run; a job's request is prepared as /api/run's.
			path = "/api/run"
		}
		w := do(t, s, "POST", path, body)
		if w.Code >= 500 {
			t.Fatalf("POST %s %q: %d %s", path, body, w.Code, w.Body)
		}
		if w.Code >= 400 {
			errorOf(t, w)
		}
	})
}
