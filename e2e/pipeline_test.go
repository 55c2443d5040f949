package e2e

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// Short horizon and small scale keep an execution in milliseconds, so the
// fuzzer tries thousands of scenarios a minute.
const (
	fuzzMonths      = 3
	fuzzStepsPerDay = 2
	// agentMaxPeople skips the agent engine when a count of people or
	// capacity units exceeds it: the agent holds a case per person in
	// custody, so scale, not correctness, would limit the fuzzer.
	agentMaxPeople = 20_000
)

// FuzzPipeline parses a scenario and, when it validates, compiles it and
// runs both engines at a short horizon, then writes the JSON report. It
// asserts no panic, no error after a clean validation, and results that
// are finite, non-negative and ledger-exact. Bad input must yield an
// ErrorList with positions. Seeds: testdata/*.yaml, small complete
// scenarios, and the committed corpus under testdata/fuzz.
func FuzzPipeline(f *testing.F) {
	seeds, err := filepath.Glob("testdata/*.yaml")
	if err != nil || len(seeds) == 0 {
		f.Fatalf("no seeds: %v", err)
	}
	for _, name := range seeds {
		src, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := scenario.Parse("fuzz.yaml", src)
		if err != nil {
			var list scenario.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("Parse: want a non-empty ErrorList, got %T %v", err, err)
			}
			for _, e := range list {
				if e.File != "fuzz.yaml" || e.Line < 1 || e.Col < 1 || e.Msg == "" {
					t.Fatalf("error without a position: %#v", e)
				}
			}
			return
		}
		runPipeline(t, s)
	})
}

// runPipeline shortens a valid scenario and checks both engines on it.
func runPipeline(t *testing.T, s *scenario.Scenario) {
	t.Helper()
	s.Months = min(s.Months, fuzzMonths)
	s.StepsPerDay = min(max(s.StepsPerDay, 1), fuzzStepsPerDay)
	if err := s.Validate(); err != nil {
		t.Fatalf("shortened scenario no longer validates: %v", err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatalf("Compile after a clean validation: %v", err)
	}
	check(t, "flow", flow.Run(m))
	if small(s) {
		r, err := agent.Run(m, agent.Options{Runs: 2, Workers: 1})
		if err != nil {
			t.Fatalf("agent after a clean validation: %v", err)
		}
		check(t, "agent", r)
	}
}

// check verifies a result and that it writes as JSON.
func check(t *testing.T, engine string, r *result.Result) {
	t.Helper()
	if err := r.Verify(); err != nil {
		t.Fatalf("%s: %v", engine, err)
	}
	var buf bytes.Buffer
	if err := report.JSON(&buf, r); err != nil {
		t.Fatalf("%s: JSON report: %v", engine, err)
	}
	if !json.Valid(buf.Bytes()) {
		t.Fatalf("%s: the JSON report is not valid JSON", engine)
	}
}

// scaled are the keys of counts of people and of capacity units.
var scaled = map[string]bool{
	"at_large": true, "non_detained_docket": true, "atd": true, "detained": true, "final_orders": true,
	"border_encounters": true, "new_entries": true, "initial": true, "target": true,
	"max_added_per_month": true, "monthly_capacity": true,
}

// small reports whether every count of people and capacity units in s is
// at most agentMaxPeople.
func small(s *scenario.Scenario) bool {
	for _, r := range scenario.Params(s) {
		key := r.Path
		key = strings.TrimSuffix(key, ".value")
		if i := strings.LastIndexByte(key, '['); i >= 0 {
			key = key[:i]
		}
		key = key[strings.LastIndexByte(key, '.')+1:]
		if scaled[key] && r.Param.Value > agentMaxPeople {
			return false
		}
	}
	return true
}

// TestShipped runs the pipeline on the shipped scenarios: a fuzz seed
// that must pass, and a check that the shortened forms stay valid.
func TestShipped(t *testing.T) {
	root := filepath.Join("..", "scenarios")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".yaml" {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		t.Run(filepath.ToSlash(rel), func(t *testing.T) {
			s, err := scenario.Load(os.DirFS(root), filepath.ToSlash(rel))
			if err != nil {
				t.Fatal(err)
			}
			runPipeline(t, s)
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
