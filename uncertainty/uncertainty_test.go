package uncertainty

import (
	"encoding/json"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// TestLatinHypercube checks the design's defining property: in every
// dimension each of the n strata holds exactly one point, and the
// design follows from the seed alone.
func TestLatinHypercube(t *testing.T) {
	const n, k = 40, 7
	pts := LatinHypercube(n, k, 42)
	for j := range k {
		seen := make([]bool, n)
		for i := range n {
			x := pts[i][j]
			if x < 0 || x >= 1 {
				t.Fatalf("point %d dimension %d = %g outside [0, 1)", i, j, x)
			}
			s := int(x * n)
			if seen[s] {
				t.Fatalf("dimension %d: stratum %d holds two points", j, s)
			}
			seen[s] = true
		}
	}
	if !reflect.DeepEqual(pts, LatinHypercube(n, k, 42)) {
		t.Error("same seed, different design")
	}
	if reflect.DeepEqual(pts, LatinHypercube(n, k, 43)) {
		t.Error("different seeds, same design")
	}
	// Dimensions are permuted independently: not all the same order.
	col := func(j int) []float64 {
		c := make([]float64, n)
		for i := range n {
			c[i] = float64(int(pts[i][j] * n))
		}
		return c
	}
	if slices.Equal(col(0), col(1)) && slices.Equal(col(1), col(2)) {
		t.Error("dimensions share one permutation")
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds {
		if got, err := ParseKind(string(k)); err != nil || got != k {
			t.Errorf("ParseKind(%q) = %q, %v", k, got, err)
		}
	}
	for _, bad := range []string{"", "Noise", "parameters", "all"} {
		if _, err := ParseKind(bad); err == nil {
			t.Errorf("ParseKind(%q) accepted", bad)
		}
	}
}

func loadBaseline(t *testing.T, months int) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Months = months
	return s
}

// width is the third month's removals band width, p95 - p05, and the
// result's JSON.
func width(t *testing.T, s *scenario.Scenario, k Kind, runs, workers int) (float64, []byte) {
	t.Helper()
	r, draws, err := Run(s, Options{Runs: runs, Seed: 7, Kind: k, Workers: workers, Scale: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Uncertainty != string(k) || r.Runs != runs || r.Engine != "agent" {
		t.Errorf("%s: result says uncertainty %q over %d runs", k, r.Uncertainty, r.Runs)
	}
	if (k == Noise) != (draws == nil) {
		t.Errorf("%s: %d draws", k, len(draws))
	}
	b := r.Bands["removals"]
	if len(b) < 3 {
		t.Fatalf("%s: %d monthly removals bands, want 3", k, len(b))
	}
	b = b[2:]
	out, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b[0].P95 - b[0].P05, out
}

// TestParameterBandsAreWider runs baseline-2025 at 10% scale for three
// months with each kind: drawing the ranged parameters must widen the removals band
// well beyond the noise alone, and the output must not depend on the
// number of workers.
func TestParameterBandsAreWider(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the agent engine 32 times")
	}
	s := loadBaseline(t, 3)
	noise, _ := width(t, s, Noise, 8, 2)
	params, _ := width(t, s, Params, 8, 2)
	both, b1 := width(t, s, Both, 8, 1)
	_, b2 := width(t, s, Both, 8, 2)
	t.Logf("third-month removals 90%% band width: noise %.0f, params %.0f, both %.0f", noise, params, both)
	if !(both > 3*noise && params > 3*noise) {
		t.Errorf("band widths noise %.0f, params %.0f, both %.0f: parameter uncertainty should widen the band several-fold", noise, params, both)
	}
	if string(b1) != string(b2) {
		t.Error("1 and 2 workers give different results")
	}
}
