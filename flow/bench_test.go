package flow_test

import (
	"os"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

// tenYears compiles baseline-2025 over 120 months, the run both flow
// benchmarks time.
func tenYears(b *testing.B) *model.Model {
	b.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		b.Fatal(err)
	}
	s.Months = 120
	m, err := model.Compile(s)
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkFlow10yNoLimit is BenchmarkFlow10y with the post-order
// detention limit switched off after compiling (no cohorts are kept):
// the difference between the two is what the limit's bookkeeping costs
// (see deadline.go), the rest is the engine's (bench/README.md).
func BenchmarkFlow10yNoLimit(b *testing.B) {
	m := tenYears(b)
	m.PostOrderLimitDays = 0
	b.ReportAllocs()
	for b.Loop() {
		flow.Run(m)
	}
}
