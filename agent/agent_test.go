package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/tally"
)

// smallBaseline is the baseline at 1% scale.
func smallBaseline(t testing.TB) *model.Model {
	t.Helper()
	return loadModel(t, os.DirFS("../scenarios"), "baseline-2025.yaml").Scaled(0.01)
}

func jsonOf(t *testing.T, r *result.Result) []byte {
	t.Helper()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDeterministic checks DESIGN.md principle 5: the same seed gives the
// same bytes whatever the number of workers or GOMAXPROCS.
func TestDeterministic(t *testing.T) {
	m := smallBaseline(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var want []byte
	for _, c := range []struct{ procs, workers int }{{1, 1}, {2, 4}, {1, 4}, {2, 1}} {
		runtime.GOMAXPROCS(c.procs)
		r, err := Run(m, Options{Runs: 4, Workers: c.workers, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		got := jsonOf(t, r)
		if want == nil {
			want = got
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("GOMAXPROCS %d, %d workers: result differs from GOMAXPROCS 1, 1 worker", c.procs, c.workers)
		}
	}
	other, err := Run(m, Options{Runs: 4, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(jsonOf(t, other), want) {
		t.Error("seeds 7 and 8 gave the same result")
	}
}

// TestSeedDefault checks that seed 0 means the model's seed.
func TestSeedDefault(t *testing.T) {
	m := smallBaseline(t)
	a, _ := Run(m, Options{Runs: 2})
	b, _ := Run(m, Options{Runs: 2, Seed: m.Seed})
	if a.Seed != m.Seed || !bytes.Equal(jsonOf(t, a), jsonOf(t, b)) {
		t.Errorf("seed 0 did not run the model's seed %d (got %d)", m.Seed, a.Seed)
	}
}

// TestLedger checks DESIGN.md principle 6: start + inflow − outflow = end
// for every stock, exactly in integers for each run, and for the means
// up to the rounding of the division by the number of runs.
func TestLedger(t *testing.T) {
	m := smallBaseline(t)
	reps, err := Replicate(m, Options{Runs: 3})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range reps {
		for s, b := range r.Ledger {
			for _, x := range []float64{b.Start, b.Inflow, b.Outflow, b.End} {
				if x != math.Trunc(x) || x < 0 {
					t.Errorf("run %d %s: %v is not a count of people", i, s, x)
				}
			}
			if b.Start+b.Inflow-b.Outflow != b.End {
				t.Errorf("run %d %s: %v + %v − %v ≠ %v", i, s, b.Start, b.Inflow, b.Outflow, b.End)
			}
		}
	}
	mean, err := Run(m, Options{Runs: 3})
	if err != nil {
		t.Fatal(err)
	}
	for s, b := range mean.Ledger {
		if d := b.Start + b.Inflow - b.Outflow - b.End; math.Abs(d) > 1e-9*math.Max(1, b.Start+b.Inflow) {
			t.Errorf("mean %s: start + inflow − outflow − end = %v", s, d)
		}
	}
}

// TestInvariants steps a run and checks after every step that no stock
// is negative, that the tally's stocks are the engine's counts, and that
// the materialised cases are exactly the people in the states that hold
// them.
func TestInvariants(t *testing.T) {
	m := smallBaseline(t)
	e := newEngine(m, 3, 0, nil)
	for k := 0; k < m.Steps; k++ {
		e.step(k)
		held := int64(0)
		for s := procedure.State(0); s < procedure.NumStates; s++ {
			if e.n[s] < 0 {
				t.Fatalf("step %d: %s = %d", k, s, e.n[s])
			}
			if got := e.t.Stock(s); got != float64(e.n[s]) {
				t.Fatalf("step %d: tally has %v in %s, engine %d", k, got, s, e.n[s])
			}
			if s == procedure.Arrested || s.Detained() {
				held += e.n[s]
			}
		}
		if int64(e.live) != held {
			t.Fatalf("step %d: %d live cases for %d people in case states", k, e.live, held)
		}
		if k%97 == 0 {
			var byState [procedure.NumStates + 1]int64
			for _, c := range e.cases {
				byState[c.state]++
			}
			for s := procedure.Arrested; s <= procedure.Blocked; s++ {
				if byState[s] != e.n[s] {
					t.Fatalf("step %d: %d records in %s, count %d", k, byState[s], s, e.n[s])
				}
			}
		}
	}
}

// TestTraceEdges checks that every move the engine makes is an edge of
// the procedure (procedure.Transitions and Entries), on a scenario with
// injunctions lifting and third-country notices.
func TestTraceEdges(t *testing.T) {
	m := loadModel(t, os.DirFS("../scenarios"), "baseline-2025.yaml").Scaled(0.003)
	var rec Recorder
	r, err := Run(m, Options{Runs: 1, Trace: rec.Record})
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.CheckEdges(&m.Rules); err != nil {
		t.Error(err)
	}
	var moved float64
	for _, ev := range rec.Events {
		moved += float64(ev.N)
	}
	if moved != r.Events {
		t.Errorf("trace moved %v people, result counts %v events", moved, r.Events)
	}
	seen := map[procedure.State]bool{}
	for _, ev := range rec.Events {
		seen[ev.To] = true
	}
	for _, s := range []procedure.State{procedure.Removed, procedure.Blocked, procedure.NoticeServed, procedure.Appeal, procedure.FearScreening} {
		if !seen[s] {
			t.Errorf("no case reached %s: the test does not exercise it", s)
		}
	}
}

func TestBadOptions(t *testing.T) {
	m := smallBaseline(t)
	for _, c := range []struct {
		name string
		m    *model.Model
		o    Options
	}{
		{"nil model", nil, Options{}},
		{"negative runs", m, Options{Runs: -1}},
		{"negative workers", m, Options{Workers: -2}},
		{"no horizon", &model.Model{Name: "empty"}, Options{}},
	} {
		if _, err := Run(c.m, c.o); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

// TestBandsAndDistribution checks the fields only the agent fills.
func TestBandsAndDistribution(t *testing.T) {
	r, err := Run(smallBaseline(t), Options{Runs: 5})
	if err != nil {
		t.Fatal(err)
	}
	if r.Engine != "agent" || r.Runs != 5 || r.Events <= 0 {
		t.Errorf("engine %q runs %d events %v", r.Engine, r.Runs, r.Events)
	}
	for _, metric := range BandMetrics {
		b := r.Bands[metric]
		if len(b) != r.Months {
			t.Fatalf("%s: %d bands for %d months", metric, len(b), r.Months)
		}
		for i, x := range b {
			mean := monthValue(&r.Monthly[i], metric)
			if !(x.P05 <= x.P50 && x.P50 <= x.P95) || mean < x.P05-1e-9 || mean > x.P95+1e-9 {
				t.Errorf("%s %s: band %v..%v..%v, mean %v", metric, x.Month, x.P05, x.P50, x.P95, mean)
			}
		}
	}
	for p, d := range r.TimeToRemovalDays {
		if d.Count == 0 {
			continue
		}
		if !(d.P50 <= d.P90 && d.P90 <= d.Max) || d.Mean > d.Max {
			t.Errorf("%s: p50 %v p90 %v max %v mean %v", p, d.P50, d.P90, d.Max, d.Mean)
		}
	}
	if d := r.TimeToRemovalDays["interior_court"]; d.Mean < 40 {
		t.Errorf("interior_court removals take %v days on average, less than the 40-day detained docket", d.Mean)
	}
}

func ExampleQuantile() {
	xs := []float64{1, 2, 3, 4, 5}
	fmt.Println(Quantile(xs, 0), Quantile(xs, 0.5), Quantile(xs, 0.9), Quantile(xs, 1))
	// Output: 1 3 4.6 5
}

// TestCancelAndProgress: Progress counts every replication once, and a
// cancelled context stops the runs with its error.
func TestCancelAndProgress(t *testing.T) {
	m := smallBaseline(t)
	var calls []int
	if _, err := Run(m, Options{Runs: 3, Workers: 2, Progress: func(done, total int) {
		if total != 3 {
			t.Errorf("total %d, want 3", total)
		}
		calls = append(calls, done)
	}}); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(calls, []int{1, 2, 3}) {
		t.Fatalf("progress calls %v, want [1 2 3]", calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(m, Options{Runs: 3, Context: ctx}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled run: %v, want context.Canceled", err)
	}
}

// TestLeanRecording checks Options.Record: replications recording lean
// results give the same monthly and annual outcomes, totals and bands,
// to the bit, as full ones, without the maps, ledger and distributions.
func TestLeanRecording(t *testing.T) {
	m := smallBaseline(t)
	full, err := Run(m, Options{Runs: 3, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	lean, err := Run(m, Options{Runs: 3, Seed: 5, Record: tally.Recording{Lean: true}})
	if err != nil {
		t.Fatal(err)
	}
	if len(lean.Monthly) != len(full.Monthly) || len(lean.Annual) != len(full.Annual) || len(full.Monthly) == 0 {
		t.Fatalf("lean has %d months and %d periods, full %d and %d", len(lean.Monthly), len(lean.Annual), len(full.Monthly), len(full.Annual))
	}
	for i, f := range full.Monthly {
		l := lean.Monthly[i]
		if l.Month != f.Month || l.Removals != f.Removals || l.Arrests != f.Arrests || l.Detained != f.Detained ||
			l.CourtBacklog != f.CourtBacklog || l.FinalOrders != f.FinalOrders || l.CostUSD != f.CostUSD || l.Binding != f.Binding {
			t.Errorf("month %s: lean %+v, full %+v", f.Month, l, f)
		}
		if l.Flows != nil || l.Stocks != nil || l.CostByItem != nil || l.Utilisation != nil {
			t.Errorf("month %s: lean result has maps", f.Month)
		}
	}
	for i, f := range full.Annual {
		if l := lean.Annual[i]; l.Removals != f.Removals || l.AverageDetained != f.AverageDetained || l.CostUSD != f.CostUSD {
			t.Errorf("period %d: lean %+v, full %+v", i, l, f)
		}
	}
	if lean.Totals.Removals != full.Totals.Removals || lean.Totals.CostUSD != full.Totals.CostUSD || lean.Detention != full.Detention || lean.DueProcess != full.DueProcess {
		t.Errorf("totals differ: lean %+v, full %+v", lean.Totals, full.Totals)
	}
	if !reflect.DeepEqual(lean.Bands, full.Bands) {
		t.Error("bands differ")
	}
	if lean.Ledger != nil || lean.TimeToRemovalDays != nil || lean.Totals.RemovalsByPathway != nil || full.Ledger == nil {
		t.Error("lean result has a ledger, distributions or totals by pathway (or the full one has no ledger)")
	}
}
