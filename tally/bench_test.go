package tally

import (
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// recorded returns a tally of baseline-2025 over 120 months fed as an
// engine feeds it, with every transition firing in every step and every
// capacity used (made-up numbers: Result's work depends on the shape of
// the run, not on its numbers).
func recorded(b *testing.B) *Tally {
	b.Helper()
	var m *model.Model
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err == nil {
		s.Months = 120
		m, err = model.Compile(s)
	}
	if err != nil {
		b.Fatal(err)
	}
	t := New(m)
	var st Stocks
	for s := range st {
		st[s] = 1000
	}
	t.Begin(st)
	for k := range m.Steps {
		for id := range procedure.NumTransitions {
			t.Fire(id, float64(1+(k+int(id))%5))
		}
		for c := range procedure.NumCapacities {
			t.Use(c, 10, 12)
		}
		t.RemovalFrom(procedure.InteriorCourt, 1, 3, 300)
		t.Admit(4)
		t.Discharge(4, 120)
		t.EndStep()
	}
	return t
}

// BenchmarkResult times building a full result of a 10-year run (what
// flow.Run does at its end; see bench/README.md).
func BenchmarkResult(b *testing.B) {
	t := recorded(b)
	b.ReportAllocs()
	for b.Loop() {
		t.Result("flow")
	}
}

// BenchmarkFire times Fire, which engines call for every transition
// taken in every phase of a step: each transition once an op.
func BenchmarkFire(b *testing.B) {
	t := recorded(b)
	for b.Loop() {
		for id := range procedure.NumTransitions {
			t.Fire(id, 1)
		}
	}
}
