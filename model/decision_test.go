package model

import (
	"math"
	"os"
	"testing"

	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// TestDecisions checks every compiled decision of the shipped baseline:
// shares in [0, 1] summing to 1, and all branches leaving one state.
func TestDecisions(t *testing.T) {
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	d := &m.Decisions
	for name, dec := range map[string]Decision{"court": d.Court, "docket": d.Docket, "appeal": d.Appeal,
		"fear screen": d.FearScreen, "third screen": d.ThirdScreen, "notice": d.Notice} {
		if len(dec) < 2 || len(dec) > MaxBranches {
			t.Errorf("%s: %d branches, want 2 to %d", name, len(dec), MaxBranches)
			continue
		}
		sum := 0.0
		from, _ := procedure.Ends(dec[0].T)
		for _, b := range dec {
			if b.Share < 0 || b.Share > 1 {
				t.Errorf("%s: transition %d has share %v", name, b.T, b.Share)
			}
			if f, _ := procedure.Ends(b.T); f != from {
				t.Errorf("%s: transition %d leaves %v, the others %v", name, b.T, f, from)
			}
			sum += b.Share
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: shares sum to %v", name, sum)
		}
	}
}
