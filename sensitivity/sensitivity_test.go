package sensitivity

import (
	"os"

	"github.com/removalsim/removalsim/scenario"
	"math"
	"testing"
)

const ishigamiA, ishigamiB = 7.0, 0.1

func ishigami(x []float64) float64 {
	return math.Sin(x[0]) + ishigamiA*math.Pow(math.Sin(x[1]), 2) + ishigamiB*math.Pow(x[2], 4)*math.Sin(x[0])
}

func ishigamiFactors() []Factor {
	return []Factor{{"x1", -math.Pi, math.Pi, 0}, {"x2", -math.Pi, math.Pi, 0}, {"x3", -math.Pi, math.Pi, 0}}
}

// ishigamiIndices are the analytical indices (Ishigami and Homma 1990;
// Saltelli et al. 2008, §4.5): V = a²/8 + bπ⁴/5 + b²π⁸/18 + ½,
// V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V13 = b²π⁸(1/18 − 1/50).
func ishigamiIndices() (s1, st [3]float64) {
	a, b, pi4 := ishigamiA, ishigamiB, math.Pow(math.Pi, 4)
	v := a*a/8 + b*pi4/5 + b*b*pi4*pi4/18 + 0.5
	v1 := 0.5 * (1 + b*pi4/5) * (1 + b*pi4/5)
	v2 := a * a / 8
	v13 := b * b * pi4 * pi4 * (1.0/18 - 1.0/50)
	return [3]float64{v1 / v, v2 / v, 0}, [3]float64{(v1 + v13) / v, v2 / v, v13 / v}
}

func TestIshigamiAnalytical(t *testing.T) {
	s1, st := ishigamiIndices()
	want1, wantT := [3]float64{0.314, 0.442, 0}, [3]float64{0.558, 0.442, 0.244}
	for i := range 3 {
		if math.Abs(s1[i]-want1[i]) > 1e-3 || math.Abs(st[i]-wantT[i]) > 1e-3 {
			t.Errorf("x%d: analytical S1 %.4f ST %.4f, want %.3f %.3f", i+1, s1[i], st[i], want1[i], wantT[i])
		}
	}
}

// TestSobolIshigami checks that the bootstrap 95% intervals at N = 8192
// (40,960 evaluations) contain the analytical indices and are narrow
// enough to mean something.
func TestSobolIshigami(t *testing.T) {
	r, err := Sobol(ishigamiFactors(), Pure(ishigami), SobolOptions{Options: Options{Seed: 7, Workers: 2}, N: 8192, Bootstrap: 300})
	if err != nil {
		t.Fatal(err)
	}
	s1, st := ishigamiIndices()
	for i, row := range r.Rows {
		t.Logf("%s S1 %.3f [%.3f, %.3f] (true %.3f)  ST %.3f [%.3f, %.3f] (true %.3f)",
			row.Name, row.S1, row.S1Low, row.S1High, s1[i], row.ST, row.STLow, row.STHigh, st[i])
		if s1[i] < row.S1Low || s1[i] > row.S1High {
			t.Errorf("%s: S1 %.4f outside CI [%.4f, %.4f]", row.Name, s1[i], row.S1Low, row.S1High)
		}
		if st[i] < row.STLow || st[i] > row.STHigh {
			t.Errorf("%s: ST %.4f outside CI [%.4f, %.4f]", row.Name, st[i], row.STLow, row.STHigh)
		}
		if row.S1High-row.S1Low > 0.1 || row.STHigh-row.STLow > 0.1 {
			t.Errorf("%s: intervals too wide to test anything: S1 %.3f, ST %.3f", row.Name, row.S1High-row.S1Low, row.STHigh-row.STLow)
		}
	}
	if r.Evaluations != 8192*5 {
		t.Errorf("evaluations = %d, want %d", r.Evaluations, 8192*5)
	}
}

// TestSobolWorkersDeterministic: the same seed gives identical indices
// whatever the number of workers.
func TestSobolWorkersDeterministic(t *testing.T) {
	var prev *SobolResult
	for _, w := range []int{1, 3, 8} {
		r, err := Sobol(ishigamiFactors(), Pure(ishigami), SobolOptions{Options: Options{Seed: 3, Workers: w}, N: 256, Bootstrap: 50})
		if err != nil {
			t.Fatal(err)
		}
		if prev != nil {
			for i := range r.Rows {
				if r.Rows[i] != prev.Rows[i] {
					t.Fatalf("workers=%d: %+v differs from %+v", w, r.Rows[i], prev.Rows[i])
				}
			}
		}
		prev = r
	}
}

// TestMorrisLinear: for f = Σ c_i x_i the elementary effect of x_i is
// exactly c_i × range_i everywhere, so μ* = |μ| = |c_i|·range and σ = 0;
// a factor the function ignores has μ* = 0.
func TestMorrisLinear(t *testing.T) {
	fs := []Factor{{"a", 0, 2, 1}, {"b", -1, 1, 0}, {"dummy", 5, 10, 7}}
	f := func(x []float64) float64 { return 3*x[0] - 4*x[1] }
	r, err := Morris(fs, 20, Pure(f), Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	want := []MorrisRow{{"a", 6, 6, 0}, {"b", 8, -8, 0}, {"dummy", 0, 0, 0}}
	for i, w := range want {
		g := r.Rows[i]
		if math.Abs(g.MuStar-w.MuStar) > 1e-9 || math.Abs(g.Mu-w.Mu) > 1e-9 || math.Abs(g.Sigma) > 1e-9 {
			t.Errorf("%s: got %+v, want %+v", w.Name, g, w)
		}
	}
}

// TestMorrisIshigami: x1 and x2 have larger μ* than x3, which acts only
// through its interaction with x1, so x3's σ exceeds its |μ| (the
// signature of an interaction: effects of both signs).
func TestMorrisIshigami(t *testing.T) {
	r, err := Morris(ishigamiFactors(), 50, Pure(ishigami), Options{Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range r.Rows {
		t.Logf("%s mu*=%.3f mu=%.3f sigma=%.3f", row.Name, row.MuStar, row.Mu, row.Sigma)
	}
	x1, x2, x3 := r.Rows[0], r.Rows[1], r.Rows[2]
	if !(x1.MuStar > x3.MuStar && x2.MuStar > x3.MuStar) {
		t.Errorf("want mu* of x1 (%.3f) and x2 (%.3f) above x3 (%.3f)", x1.MuStar, x2.MuStar, x3.MuStar)
	}
	if !(x3.Sigma > math.Abs(x3.Mu)) {
		t.Errorf("x3: sigma %.3f should exceed |mu| %.3f", x3.Sigma, math.Abs(x3.Mu))
	}
}

func TestOATSortedBySwing(t *testing.T) {
	fs := []Factor{{"small", 0, 1, 0.5}, {"big", 0, 1, 0.5}, {"none", 0, 1, 0.5}}
	f := func(x []float64) float64 { return x[0] + 10*x[1] }
	r, err := OAT(fs, Pure(f), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Base != 5.5 {
		t.Errorf("base = %g, want 5.5", r.Base)
	}
	names := []string{r.Rows[0].Name, r.Rows[1].Name, r.Rows[2].Name}
	if names[0] != "big" || names[1] != "small" || names[2] != "none" {
		t.Errorf("order %v, want [big small none]", names)
	}
	if r.Rows[0].AtLow != 0.5 || r.Rows[0].AtHigh != 10.5 || r.Rows[0].Swing != 10 {
		t.Errorf("big row %+v", r.Rows[0])
	}
}

func TestBadFactors(t *testing.T) {
	for _, fs := range [][]Factor{nil, {{"x", 1, 1, 1}}, {{"x", 2, 1, 1}}, {{"x", math.Inf(-1), 1, 0}}} {
		if _, err := OAT(fs, Pure(func([]float64) float64 { return 0 }), Options{}); err == nil {
			t.Errorf("%v: want an error", fs)
		}
	}
}

func smallScenario(t *testing.T) func() (*scenario.Scenario, error) {
	t.Helper()
	load := func() (*scenario.Scenario, error) {
		s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
		if err != nil {
			return nil, err
		}
		s.Months = 12
		return s, nil
	}
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
	return load
}

// TestScenarioOAT: on the baseline, raising the per-bed-day cost raises
// cost per removal and leaves removals unchanged; more arrests per
// officer raise removals.
func TestScenarioOAT(t *testing.T) {
	load := smallScenario(t)
	s, _ := load()
	fs := Factors(s)
	if len(fs) < 10 {
		t.Fatalf("only %d factors with ranges", len(fs))
	}
	var pick []Factor
	for _, f := range fs {
		if f.Name == "costs.per_bed_day" || f.Name == "arrests.per_officer_month" {
			pick = append(pick, f)
		}
	}
	for _, tc := range []struct {
		metric       string
		bedUp, offUp int // sign of AtHigh − AtLow; -1 means not checked
	}{{"cost_per_removal", 1, -1}, {"removals", 0, 1}} {
		newf, err := ScenarioFunc(load, pick, tc.metric)
		if err != nil {
			t.Fatal(err)
		}
		r, err := OAT(pick, newf, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range r.Rows {
			want := tc.bedUp
			if row.Name == "arrests.per_officer_month" {
				want = tc.offUp
			}
			d := row.AtHigh - row.AtLow
			if want < 0 {
				continue
			}
			if want > 0 && !(d > 0) || want == 0 && math.Abs(d) > 1e-6*math.Abs(r.Base) {
				t.Errorf("%s on %s: low %.1f high %.1f, want sign %d", tc.metric, row.Name, row.AtLow, row.AtHigh, want)
			}
		}
	}
	if _, err := ScenarioFunc(load, pick, "nope"); err == nil {
		t.Error("unknown metric: want an error")
	}
}
