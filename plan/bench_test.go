package plan

import (
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// BenchmarkMake plans baseline-2025 toward 600,000 removals a year by
// January 2027 (at most 40 evaluations) and reports the time of one
// evaluation of a candidate plan, a compile and a flow run, besides the
// time of the whole plan. Issue 17: the planner should not build the
// full result of every run it reads two numbers of (bench/README.md,
// "lean results").
func BenchmarkMake(b *testing.B) {
	s, _ := baseline(b)
	evals := 0
	for b.Loop() {
		p, err := Make(s, Options{Target: 6e5, By: scenario.MonthOf(2027, 1), MaxEvaluations: 40})
		if err != nil {
			b.Fatal(err)
		}
		evals += p.Evaluations
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(evals), "ns/evaluation")
	b.ReportMetric(float64(evals)/float64(b.N), "evaluations/op")
}
