package scenarios_test

import (
	"io/fs"
	"testing"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// TestShippedScenariosLoad loads every embedded scenario, so a change of
// the format or of a file that breaks one fails here, not in a user's run.
func TestShippedScenariosLoad(t *testing.T) {
	var names []string
	for _, pattern := range []string{"*.yaml", "policy-variants/*.yaml"} {
		m, err := fs.Glob(scenarios.FS, pattern)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m...)
	}
	if len(names) == 0 {
		t.Fatal("no scenarios embedded")
	}
	for _, name := range names {
		s, err := scenario.Load(scenarios.FS, name)
		if err != nil {
			if l, ok := err.(scenario.ErrorList); ok {
				t.Errorf("%s:\n%s", name, l)
			} else {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if s.Name == "" {
			t.Errorf("%s: no name", name)
		}
	}
}
