package agent

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNoMisfires runs every shipped scenario and rule case (scaled) and
// checks that every case the engine moved stood in the From state of the
// transition it took: the moves are the network's, not only their
// counts (procedure's TestNetworkIsWhatRuns checks which transitions
// fire).
func TestNoMisfires(t *testing.T) {
	var files []string
	for _, pat := range []string{"scenarios/*.yaml", "scenarios/policy-variants/*.yaml", "flow/testdata/rules/*.yaml"} {
		m, _ := filepath.Glob(filepath.Join("..", pat))
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("found only %d scenarios", len(files))
	}
	for _, f := range files {
		rel, _ := filepath.Rel("..", f)
		m := loadModel(t, os.DirFS(".."), rel)
		if m.Initial.AtLarge > 1e5 {
			m = m.Scaled(0.003)
		}
		e := newEngine(m, 1, 0, nil)
		for k := range m.Steps {
			e.step(k)
		}
		if e.misfires != 0 {
			t.Errorf("%s: %d moves along a transition whose From is not the case's state", rel, e.misfires)
		}
		if e.events == 0 {
			t.Errorf("%s: no events", rel)
		}
	}
}
