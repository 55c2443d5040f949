package evidence

import (
	"testing"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
	"github.com/removalsim/removalsim/sensitivity"
)

func TestQuality(t *testing.T) {
	ref := func(q string) cite.Reference { return cite.Reference{Quality: q} }
	for _, c := range []struct {
		refs []cite.Reference
		want string
	}{
		{nil, "none"},
		{[]cite.Reference{ref("W")}, "W"},
		{[]cite.Reference{ref("W"), ref("S")}, "S"},
		{[]cite.Reference{ref("S"), ref("P"), ref("W")}, "P"},
	} {
		if got := Quality(c.refs); got != c.want {
			t.Errorf("Quality(%v) = %s, want %s", c.refs, got, c.want)
		}
	}
}

// loadBaseline loads baseline-2025 cut to 12 months, so the many runs of
// a sensitivity stay cheap under -race.
func loadBaseline() (*scenario.Scenario, error) {
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err == nil {
		s.Months = 12
	}
	return s, err
}

// TestAssessBaseline checks the invariants of an assessment: every set
// parameter counted once, counts summing to the parameters, swings sorted
// and equal to |at high − at low|, relative perturbations ±20% (or capped
// or rounded) around the value, and the weakest list free of P.
func TestAssessBaseline(t *testing.T) {
	a, err := Assess(loadBaseline, "removals", sensitivity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := loadBaseline()
	set := 0
	for _, r := range scenario.Params(s) {
		if r.Param.Set {
			set++
		}
	}
	total := 0
	for _, q := range Qualities {
		total += a.Counts[q]
	}
	if total != set || len(a.Params) != set {
		t.Fatalf("%d parameters counted, %d listed, %d set", total, len(a.Params), set)
	}
	if a.Counts["P"] == 0 || a.Counts["S"] == 0 {
		t.Errorf("counts %v: expected both primary and secondary parameters in the baseline", a.Counts)
	}
	varied := 0
	for i, p := range a.Params {
		if i > 0 && p.Swing > a.Params[i-1].Swing {
			t.Errorf("%s: swing %g after %g: not sorted", p.Path, p.Swing, a.Params[i-1].Swing)
		}
		if p.Perturbed == "" {
			if p.Skipped == "" {
				t.Errorf("%s: neither varied nor skipped", p.Path)
			}
			continue
		}
		varied++
		if d := p.AtHigh - p.AtLow; p.Swing != max(d, -d) {
			t.Errorf("%s: swing %g, |%g − %g|", p.Path, p.Swing, p.AtHigh, p.AtLow)
		}
		if p.Perturbed == "relative" && p.Value > 0 && (p.Low > p.Value*(1-Perturbation)+1e-9 || p.High < p.Value || p.Low >= p.Value || (p.Value <= 1 && p.High > 1)) {
			t.Errorf("%s = %g perturbed to [%g, %g]", p.Path, p.Value, p.Low, p.High)
		}
	}
	if varied < set/2 {
		t.Errorf("only %d of %d parameters varied", varied, set)
	}
	weak := a.Weakest(5)
	if len(weak) != 5 {
		t.Fatalf("Weakest(5) returned %d", len(weak))
	}
	for i, p := range weak {
		if p.Quality == "P" {
			t.Errorf("Weakest lists primary %s", p.Path)
		}
		if i > 0 && p.Swing > weak[i-1].Swing {
			t.Errorf("Weakest not sorted at %s", p.Path)
		}
	}
	if a.Base <= 0 {
		t.Errorf("base removals %g", a.Base)
	}
}

// TestBacktest checks the backtest assessment's bookkeeping: every target
// year counted once per series, pairs sorted by relative swing, and the
// weakest list made of distinct non-primary parameters.
func TestBacktest(t *testing.T) {
	// One year keeps the test fast; the command runs all seventeen.
	ba, err := Backtest(nil, []int{2012}, "removals", sensitivity.Options{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range ba.TargetCounts {
		n += c
	}
	if want := 4; n != want {
		t.Errorf("%d targets counted, want %d", n, want)
	}
	for i := 1; i < len(ba.Params); i++ {
		if ba.Params[i].RelSwing > ba.Params[i-1].RelSwing {
			t.Fatalf("pairs not sorted at %s FY%d", ba.Params[i].Path, ba.Params[i].FY)
		}
	}
	seen := map[string]bool{}
	for _, p := range ba.Weakest(5) {
		if p.Quality == "P" || seen[p.Path] {
			t.Errorf("Weakest: %s FY%d (%s) primary or repeated", p.Path, p.FY, p.Quality)
		}
		seen[p.Path] = true
	}
}
