package flow_test

import (
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
)

// tenYears compiles baseline-2025 over 120 months, the run the flow
// benchmarks time.
func tenYears(b *testing.B) *model.Model { return tenYearsOf(b, "scenarios") }

// tenYearsOf compiles baseline-2025.yaml of directory dir (a path in
// the repository) over 120 months.
func tenYearsOf(b *testing.B, dir string) *model.Model {
	b.Helper()
	s := loadRepo(b, dir+"/baseline-2025.yaml")
	s.Months = 120
	return compile(b, s)
}

// BenchmarkFlow10yNoLimit is BenchmarkFlow10y with the post-order
// detention limit switched off after compiling (no cohorts are kept):
// the difference between the two is what the limit's bookkeeping costs
// (see deadline.go), the rest is the engine's (bench/README.md).
func BenchmarkFlow10yNoLimit(b *testing.B) { benchNoLimit(b, "scenarios") }

// benchNoLimit times flow on baseline-2025.yaml of directory dir over
// 120 months with the post-order limit switched off.
func benchNoLimit(b *testing.B, dir string) {
	m := tenYearsOf(b, dir)
	m.PostOrderLimitDays = 0
	b.ReportAllocs()
	for b.Loop() {
		flow.Run(m)
	}
}

// BenchmarkFlow10yE45b709 is BenchmarkFlow10yNoLimit on baseline-2025
// as it was at e45b709 (testdata/e45b709/baseline-2025.yaml: no
// custodial pool, priority detention, ageing docket or removals without
// a book-in, which it leaves at their defaults), the post-order limit
// off (e45b709 released post-order detention at a memoryless rate): the
// engine's speed like for like against that revision's BenchmarkFlow10y
// (see bench/engines).
func BenchmarkFlow10yE45b709(b *testing.B) { benchNoLimit(b, "flow/testdata/e45b709") }

// BenchmarkFlow10yOneCountry is BenchmarkFlow10yE45b709 on e45b709's
// baseline with its four country groups merged into one
// (testdata/e45b709-one-country): e45b709's engine kept groups only
// after the order, today's keeps each person's group from entry (#11),
// so on one country both do the same work and the ratio is the
// engine's own. bench/engines runs it against e45b709 with
// OLD_SCENARIO=flow/testdata/e45b709-one-country/baseline-2025.yaml.
func BenchmarkFlow10yOneCountry(b *testing.B) { benchNoLimit(b, "flow/testdata/e45b709-one-country") }
