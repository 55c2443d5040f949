package compare

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

func baseline(t *testing.T) *model.Model {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Months = 12
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// noisy stands in for a stochastic engine: the flow result with every
// outcome scaled by a factor drawn from the seed, so equal seeds give
// equal results and different seeds different ones.
func noisy(m *model.Model, seed uint64) *result.Result {
	r := flow.Run(m)
	f := 1 + 0.05*rand.New(rand.NewPCG(seed, 1)).NormFloat64()
	r.Totals.Removals *= f
	r.Totals.CostUSD *= f
	r.Detention.AverageDailyPopulation *= f
	for k := range r.Totals.RemovalsByPathway {
		r.Totals.RemovalsByPathway[k] *= f
	}
	return r
}

func TestSelfFlow(t *testing.T) {
	m := baseline(t)
	c, err := Pairs([]*result.Result{flow.Run(m)}, []*result.Result{flow.Run(m)})
	if err != nil {
		t.Fatal(err)
	}
	checkZero(t, c)
}

// TestSelfCommonRandomNumbers: with the same seed per replication for A
// and B, a scenario against itself differs by exactly zero with a
// zero-width interval, although replications differ among themselves.
func TestSelfCommonRandomNumbers(t *testing.T) {
	m := baseline(t)
	var a, b []*result.Result
	for i := range 5 {
		a = append(a, noisy(m, uint64(100+i)))
		b = append(b, noisy(m, uint64(100+i)))
	}
	if a[0].Totals.Removals == a[1].Totals.Removals {
		t.Fatal("replications should differ")
	}
	c, err := Pairs(a, b)
	if err != nil {
		t.Fatal(err)
	}
	checkZero(t, c)
}

func checkZero(t *testing.T, c *Comparison) {
	t.Helper()
	if len(c.Rows) < 20 {
		t.Fatalf("only %d outcomes", len(c.Rows))
	}
	for _, r := range c.Rows {
		if r.Diff != 0 || r.Low != 0 || r.High != 0 {
			t.Errorf("%s: diff %g [%g, %g], want exactly 0 [0, 0]", r.Outcome, r.Diff, r.Low, r.High)
		}
	}
}

// TestPairedInterval: more officers raise removals; the paired interval
// holds the difference, and is narrower than an unpaired one would be
// because the shared noise cancels.
func TestPairedInterval(t *testing.T) {
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Months = 12
	ma, _ := model.Compile(s)
	s.Capacities.Officers.Productivity.Value *= 1.2
	mb, _ := model.Compile(s)
	var a, b []*result.Result
	for i := range 8 {
		a = append(a, noisy(ma, uint64(i)))
		b = append(b, noisy(mb, uint64(i)))
	}
	c, err := Pairs(a, b)
	if err != nil {
		t.Fatal(err)
	}
	row := find(c, "removals")
	exact := flow.Run(mb).Totals.Removals - flow.Run(ma).Totals.Removals
	if !(row.Diff > 0 && row.Low < row.High && row.Low <= exact*1.2 && row.High >= exact*0.8) {
		t.Errorf("removals diff %.0f [%.0f, %.0f], exact flow difference %.0f", row.Diff, row.Low, row.High, exact)
	}
	// Unpaired half-width: t × sqrt(var(a)/n + var(b)/n) ≫ paired.
	if w := row.High - row.Low; w > 0.25*math.Abs(row.Diff) {
		t.Errorf("paired interval width %.0f is not narrow against diff %.0f", w, row.Diff)
	}
	if _, err := Pairs(a, b[:3]); err == nil {
		t.Error("mismatched replications: want an error")
	}
}

func find(c *Comparison, name string) Row {
	for _, r := range c.Rows {
		if r.Outcome == name {
			return r
		}
	}
	return Row{}
}

// TestCorrelation checks the per-replication correlation column: a
// scenario with itself correlates perfectly, a scenario against replicas
// drawn from other seeds does not, and a constant side gives zero.
func TestCorrelation(t *testing.T) {
	m := baseline(t)
	var a, b, c []*result.Result
	for i := range 8 {
		a = append(a, noisy(m, uint64(i)))
		b = append(b, noisy(m, uint64(i)))
		c = append(c, noisy(m, uint64(100+i)))
	}
	get := func(cmp *Comparison) float64 {
		for _, r := range cmp.Rows {
			if r.Outcome == "removals" {
				return r.Correlation
			}
		}
		t.Fatal("no removals row")
		return 0
	}
	same, err := Pairs(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if got := get(same); math.Abs(got-1) > 1e-12 {
		t.Errorf("correlation with itself = %v, want 1", got)
	}
	other, err := Pairs(a, c)
	if err != nil {
		t.Fatal(err)
	}
	if got := get(other); got > 0.9 {
		t.Errorf("correlation with other seeds = %v, want well below 1", got)
	}
	for _, tt := range []struct {
		name string
		x, y []float64
		want float64
	}{
		{"one value", []float64{1}, []float64{2}, 0},
		{"constant", []float64{1, 1, 1}, []float64{1, 2, 3}, 0},
		{"opposite", []float64{1, 2, 3}, []float64{3, 2, 1}, -1},
	} {
		if got := correlation(tt.x, tt.y); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("%s: correlation = %v, want %v", tt.name, got, tt.want)
		}
	}
}
