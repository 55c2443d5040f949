package agent

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

// scenarioFiles lists every scenario shipped under scenarios/.
func scenarioFiles(t *testing.T) (fs.FS, []string) {
	t.Helper()
	fsys := os.DirFS("../scenarios")
	var names []string
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && path.Ext(p) == ".yaml" {
			names = append(names, p)
		}
		return err
	})
	if err != nil || len(names) == 0 {
		t.Fatalf("no scenarios found: %v", err)
	}
	return fsys, names
}

func loadModel(t testing.TB, fsys fs.FS, name string) *model.Model {
	t.Helper()
	s, err := scenario.Load(fsys, name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// TestCrossCheck runs both engines on every shipped scenario at 2% scale
// (at 1% one run's average detained population varies by about 3.5%, too
// close to the tolerance for a few runs; fy2012 at this scale runs about
// 2% below flow in its second year, so 6 runs were too few for the band)
// and checks that annual removals, arrests and average detained agree
// within 3% or the agent's 95% band (DESIGN.md principle 4).
func TestCrossCheck(t *testing.T) {
	fsys, names := scenarioFiles(t)
	for _, name := range names {
		t.Run(strings.TrimSuffix(name, ".yaml"), func(t *testing.T) {
			t.Parallel()
			s, err := scenario.Load(fsys, name)
			if err != nil {
				// A partial file meant to be extended (calibrated.yaml)
				// does not load alone; scenarios' own tests check that
				// every runnable file loads.
				t.Skipf("does not load alone: %.200v", err)
			}
			m0, err := model.Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			m := m0.Scaled(0.02)
			reps, err := Replicate(m, Options{Runs: 10})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range Compare(flow.Run(m), reps) {
				if !c.OK {
					t.Errorf("period %d %s: flow %.0f, agent %.0f (%+.1f%%), band [%.0f, %.0f]",
						c.Period, c.Metric, c.Flow, c.Agent, c.DiffPct, c.Lo, c.Hi)
				}
			}
		})
	}
}
