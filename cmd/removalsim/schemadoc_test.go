package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReferenceCurrent checks that docs/reference.md is what
// "removalsim schema --format markdown" prints now; -update rewrites it.
func TestReferenceCurrent(t *testing.T) {
	got := mustRun(t, "schema", "--format", "markdown")
	path := filepath.Join("..", "..", "docs", "reference.md")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != got {
		t.Errorf("docs/reference.md is not current; run go test ./cmd/removalsim -run TestReferenceCurrent -update")
	}
	for _, s := range []string{"| `population.at_large` | number", "| `capacities.detention_beds.initial` |", "**P, primary**", "**W, weak**", "`countries[].name`"} {
		if !strings.Contains(got, s) {
			t.Errorf("the reference lacks %q", s)
		}
	}
	if strings.Count(got, "|  |") > 0 {
		t.Error("a key of the reference has no description")
	}
}
