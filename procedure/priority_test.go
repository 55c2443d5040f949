package procedure_test

import (
	"math"
	"os"
	"testing"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// officerLevels are the multiples of the scenario's officers the
// monotonicity test runs.
var officerLevels = []float64{0.5, 0.75, 1, 1.5, 2, 3}

// withOfficers returns the compiled scenario file with its officers (the
// initial level and every target) multiplied by f.
func withOfficers(t *testing.T, file string, f float64) *model.Model {
	t.Helper()
	s, err := scenario.Load(os.DirFS(".."), file)
	if err != nil {
		t.Fatal(err)
	}
	o := &s.Capacities.Officers.Capacity
	o.Initial.Value *= f
	for i := range o.Target {
		o.Target[i].Value.Value *= f
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// bedBound reports the share of months whose beds were at least 99% used.
func bedBound(r *result.Result) float64 {
	n := 0
	for _, mo := range r.Monthly {
		if mo.Utilisation[procedure.Beds.String()] >= 0.99 {
			n++
		}
	}
	return float64(n) / float64(len(r.Monthly))
}

// TestMoreOfficersNeverFewerRemovals checks the rule that detention goes
// to the cases nearest removal first (procedure.NearestRemovalFirst): on
// a scenario whose beds are saturated, raising the officers (more arrests
// of every kind) never lowers removals, in either engine. Under a
// proportional bed queue more court cases would take beds final orders
// wait for, and removals could fall. The agent's levels share their
// seeds (common random numbers), and a step down is allowed only within
// three standard errors of the paired differences.
func TestMoreOfficersNeverFewerRemovals(t *testing.T) {
	const file = "procedure/testdata/priority/beds-saturated.yaml"
	t.Run("flow", func(t *testing.T) {
		prev := -1.0
		for _, f := range officerLevels {
			r := flow.Run(withOfficers(t, file, f))
			if b := bedBound(r); b < 0.5 {
				t.Fatalf("officers ×%g: beds bind in %.0f%% of months, the test needs a bed-bound scenario", f, 100*b)
			}
			got := r.Totals.Removals
			t.Logf("officers ×%g: removals %.0f, arrests %.0f", f, got, r.Totals.Arrests)
			if got < prev*(1-1e-9) {
				t.Errorf("officers ×%g: removals %.0f, fewer than %.0f with fewer officers", f, got, prev)
			}
			prev = got
		}
	})
	t.Run("agent", func(t *testing.T) {
		const runs, scale = 6, 0.02
		var prev []float64
		for _, f := range officerLevels {
			reps, err := agent.Replicate(withOfficers(t, file, f).Scaled(scale), agent.Options{Runs: runs, Seed: 11})
			if err != nil {
				t.Fatal(err)
			}
			cur := make([]float64, len(reps))
			for i, r := range reps {
				cur[i] = r.Totals.Removals
			}
			if b := bedBound(reps[0]); b < 0.5 {
				t.Fatalf("officers ×%g: beds bind in %.0f%% of months, the test needs a bed-bound scenario", f, 100*b)
			}
			if prev != nil {
				mean, se := pairedDiff(cur, prev)
				t.Logf("officers ×%g: removals %+.0f (se %.0f) against the level before", f, mean, se)
				if mean < -3*se {
					t.Errorf("officers ×%g: removals fall by %.0f, beyond three standard errors (%.0f)", f, -mean, se)
				}
			}
			prev = cur
		}
	})
}

// pairedDiff returns the mean of a[i]−b[i] and its standard error.
func pairedDiff(a, b []float64) (mean, se float64) {
	n := float64(len(a))
	for i := range a {
		mean += a[i] - b[i]
	}
	mean /= n
	ss := 0.0
	for i := range a {
		d := a[i] - b[i] - mean
		ss += d * d
	}
	return mean, math.Sqrt(ss / (n - 1) / n)
}
