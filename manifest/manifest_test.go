package manifest

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

func baseline(t *testing.T) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestScenarioHash checks that the hash is a stable SHA-256 that ignores
// the extends path and changes with any value.
func TestScenarioHash(t *testing.T) {
	s := baseline(t)
	h1, err := ScenarioHash(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(h1) != 64 || strings.Trim(h1, "0123456789abcdef") != "" {
		t.Fatalf("hash %q is not 64 hex digits", h1)
	}
	for range 3 {
		if h, _ := ScenarioHash(baseline(t)); h != h1 {
			t.Fatalf("hash changed between loads: %s, %s", h1, h)
		}
	}
	c := *s
	c.Extends = "../elsewhere.yaml"
	if h, _ := ScenarioHash(&c); h != h1 {
		t.Error("the extends path changed the hash")
	}
	c.Seed++
	if h, _ := ScenarioHash(&c); h == h1 {
		t.Error("a different seed kept the hash")
	}
	c = *s
	c.Months--
	if h, _ := ScenarioHash(&c); h == h1 {
		t.Error("a different horizon kept the hash")
	}
}

func TestNewAndData(t *testing.T) {
	m, err := New("run", "builtin:baseline-2025", baseline(t))
	if err != nil {
		t.Fatal(err)
	}
	if m.Tool != "removalsim" || m.Version == "" || m.Scenario != "baseline-2025" || m.Runs != 1 || m.Months != 48 {
		t.Errorf("manifest %+v", m)
	}
	if m.Data.Figures < 100 || m.Data.Documents < 100 || len(m.Data.SHA256) != 64 || m.Data.Latest < "2025-01-01" {
		t.Errorf("data vintage %+v", m.Data)
	}
}

// TestReadRoundTrip reads a manifest alone and wrapped in a run's JSON.
func TestReadRoundTrip(t *testing.T) {
	m, err := New("run", "scenarios/target-1m.yaml", baseline(t))
	if err != nil {
		t.Fatal(err)
	}
	m.Engine, m.Seed, m.Runs = "agent", 7, 3
	alone, _ := json.Marshal(m)
	wrapped, _ := json.Marshal(struct {
		Scenario string    `json:"scenario"`
		Engine   string    `json:"engine"`
		Manifest *Manifest `json:"manifest"`
	}{"other", "flow", m})
	for name, src := range map[string][]byte{"alone": alone, "wrapped": wrapped} {
		got, err := Read(bytes.NewReader(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		g, _ := json.Marshal(got)
		if !bytes.Equal(g, alone) {
			t.Errorf("%s: read back\n%s\nwant\n%s", name, g, alone)
		}
	}
}

func TestReadErrors(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`nope`, "not a JSON manifest"},
		{`{"scenario": "x"}`, "no manifest"},
		{`{"tool": "other", "input": "a", "scenario_sha256": "x"}`, `tool is "other"`},
		{`{"tool": "removalsim", "scenario_sha256": "x"}`, "no input"},
		{`{"manifest": {"tool": "removalsim", "input": "a", "scenario_sha256": "abc"}}`, "not a SHA-256"},
	} {
		_, err := Read(strings.NewReader(tc.src))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Read(%s) = %v, want an error with %q", tc.src, err, tc.want)
		}
	}
}

// TestLinkTimeVersion checks that -ldflags -X values win over the build
// information.
func TestLinkTimeVersion(t *testing.T) {
	defer func(v, r, m string) { version, revision, modified = v, r, m }(version, revision, modified)
	version, revision, modified = "v9.8.7", "0123abc", "false"
	b := ReadBuild()
	if b.Version != "v9.8.7" || b.Revision != "0123abc" {
		t.Errorf("ReadBuild = %+v", b)
	}
	if s := b.String(); !strings.HasPrefix(s, "removalsim v9.8.7 revision 0123abc") {
		t.Errorf("String = %q", s)
	}
	modified = "true"
	if s := ReadBuild().String(); !strings.Contains(s, "0123abc (modified)") {
		t.Errorf("String = %q", s)
	}
}
