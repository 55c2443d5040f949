package history

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/removalsim/removalsim/scenario"
)

// TestRegimesContiguous checks that the enforcement periods follow one
// another without gap or overlap from the first run month on, and that
// every one names its policy.
func TestRegimesContiguous(t *testing.T) {
	first, _ := Window(FirstFY)
	if Regimes[0].From > first {
		t.Errorf("first regime starts %s, after the first run month %s", Regimes[0].From, first)
	}
	for i, r := range Regimes {
		if r.Why == "" || r.Name == "" {
			t.Errorf("regime %d has no name or policy", i)
		}
		if i+1 < len(Regimes) && r.To != Regimes[i+1].From {
			t.Errorf("%s ends %s but %s starts %s", r.Name, r.To, Regimes[i+1].Name, Regimes[i+1].From)
		}
	}
	if Regimes[len(Regimes)-1].To != 0 {
		t.Error("the last regime must still be in force")
	}
	if got := regimeAt(scenario.MonthOf(2017, time.March)).Name; got != "eo13768" {
		t.Errorf("March 2017 is in %s, want eo13768", got)
	}
}

// TestYearPolicyInputs checks every year's mix and border shares: shares
// in [0, 1] summing to 1, sources naming the dataset, and the mix moving
// the way the ICE tables say (Mexicans most of removals in FY2012, about a
// third in FY2024).
func TestYearPolicyInputs(t *testing.T) {
	mex := map[int]float64{}
	for fy := FirstFY; fy <= LastFY; fy++ {
		s, _, err := Build(fy, Behaviour{{ReturnsFraction, scenario.P(0.6)}, {RegimePrefix + "eo13768", scenario.P(1.5)}})
		if err != nil {
			t.Fatal(err)
		}
		var cs, bs float64
		for _, g := range s.Countries {
			for _, p := range []scenario.Param{g.CaseloadShare, g.BorderShare} {
				if p.Value < 0 || p.Value > 1 || !strings.Contains(p.Source, "data:") && !strings.Contains(p.Source, "derived:") {
					t.Errorf("FY%d %s: share %g from %q", fy, g.Name, p.Value, p.Source)
				}
			}
			cs += g.CaseloadShare.Value
			bs += g.BorderShare.Value
		}
		if math.Abs(cs-1) > 1e-9 || math.Abs(bs-1) > 1e-9 {
			t.Errorf("FY%d: mix sums to %g (caseload) and %g (border)", fy, cs, bs)
		}
		b := s.Border
		if sum := b.ExpeditedRemovalShare.Value + b.ReleasedShare.Value + b.ReturnedShare.Value; math.Abs(sum-1) > 1e-9 || b.ReturnedShare.Value < 0 || b.ReturnedShare.Value > 0.95 {
			t.Errorf("FY%d: border shares %g %g %g", fy, b.ExpeditedRemovalShare.Value, b.ReleasedShare.Value, b.ReturnedShare.Value)
		}
		if !strings.Contains(b.ReturnedShare.Source, "dhs_returns") {
			t.Errorf("FY%d: returned share not from the dataset: %q", fy, b.ReturnedShare.Source)
		}
		mex[fy] = s.Countries[0].CaseloadShare.Value
	}
	if mex[2012] < 0.6 || mex[2024] > 0.4 {
		t.Errorf("Mexican share FY2012 %g, FY2024 %g: want most, then about a third", mex[2012], mex[2024])
	}
	s, _, err := Build(2018, Behaviour{{RegimePrefix + "eo13768", scenario.P(1.5)}})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Capacities.Officers.Productivity; p.Value != 1.5 || !strings.Contains(p.Source, "12 months of eo13768") {
		t.Errorf("FY2018 productivity %g %q, want 1.5 from eo13768", p.Value, p.Source)
	}
}
