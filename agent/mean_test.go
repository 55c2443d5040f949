package agent

import (
	"math"
	"reflect"
	"testing"
)

// TestCombineMatchesRun checks that combining the replications of
// Replicate gives what Run gives for the same runs: the same means and
// bands exactly, and the same time-to-removal counts and means (Run pools
// histograms, so its quantiles may differ).
func TestCombineMatchesRun(t *testing.T) {
	m := smallBaseline(t)
	o := Options{Runs: 5, Seed: 3}
	want, err := Run(m, o)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Replicate(m, o)
	if err != nil {
		t.Fatal(err)
	}
	got := Combine(rs)
	if !reflect.DeepEqual(got.Totals, want.Totals) || !reflect.DeepEqual(got.Monthly, want.Monthly) ||
		!reflect.DeepEqual(got.Bands, want.Bands) || !reflect.DeepEqual(got.AnnualBands, want.AnnualBands) {
		t.Error("Combine(Replicate) differs from Run in totals, months or bands")
	}
	if got.Runs != 5 || got.Events != want.Events {
		t.Errorf("runs %d events %g, want 5 and %g", got.Runs, got.Events, want.Events)
	}
	for p, w := range want.TimeToRemovalDays {
		g := got.TimeToRemovalDays[p]
		if math.Abs(g.Count-w.Count) > 1e-9*math.Max(1, w.Count) || math.Abs(g.Mean-w.Mean) > 1e-9*math.Max(1, w.Mean) {
			t.Errorf("%s: count %g mean %g, Run %g and %g", p, g.Count, g.Mean, w.Count, w.Mean)
		}
	}
	if Combine(nil) != nil {
		t.Error("Combine(nil) is not nil")
	}
}
