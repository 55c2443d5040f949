package compare

import (
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/removalsim/removalsim/agent"
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

// TestAgentPairingPolicyVariants is issue 12's pairing test, on the agent
// engine itself: for each shipped policy variant against baseline-2025
// (1% scale, 12 months, 10 replications), the paired interval of the
// difference in removals, with both sides on common random numbers, must
// be much narrower than the interval from independent streams (B on
// another seed), and the per-replication correlation high. It replaces a
// test whose stand-in gave both sides identical noise, which could not
// fail.
func TestAgentPairingPolicyVariants(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the agent engine 120 times")
	}
	fsys := os.DirFS("../scenarios")
	load := func(name string) *model.Model {
		s, err := scenario.Load(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		s.Months = 12
		m, err := model.Compile(s)
		if err != nil {
			t.Fatal(err)
		}
		return m.Scaled(0.01)
	}
	base := load("baseline-2025.yaml")
	names, err := fs.Glob(fsys, "policy-variants/*.yaml")
	if err != nil || len(names) < 4 {
		t.Fatalf("policy variants %v: %v", names, err)
	}
	const runs = 10
	for _, name := range names {
		v := load(name)
		paired, err := Run(base, v, "a", "b", Options{Engine: "agent", Runs: runs})
		if err != nil {
			t.Fatal(err)
		}
		// Independent streams: B on a seed of its own.
		a, err := agent.Replicate(base, agent.Options{Runs: runs, Seed: base.Seed})
		if err != nil {
			t.Fatal(err)
		}
		b, err := agent.Replicate(v, agent.Options{Runs: runs, Seed: base.Seed + 1000})
		if err != nil {
			t.Fatal(err)
		}
		un, err := Pairs(a, b)
		if err != nil {
			t.Fatal(err)
		}
		p, u := find(paired.Comparison, "removals"), find(un, "removals")
		wp, wu := p.High-p.Low, u.High-u.Low
		t.Logf("%s: removals diff %.1f, paired 95%% width %.1f (correlation %.3f), independent streams width %.1f (correlation %.3f)",
			name, p.Diff, wp, p.Correlation, wu, u.Correlation)
		if !(wp < 0.5*wu) {
			t.Errorf("%s: paired interval width %.1f not much narrower than independent %.1f", name, wp, wu)
		}
		if p.Correlation < 0.9 && wp > 0 {
			t.Errorf("%s: per-replication correlation of removals %.3f, want at least 0.9", name, p.Correlation)
		}
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
