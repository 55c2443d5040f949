package calibrate

import "testing"

// BenchmarkResiduals is one evaluation of the calibration objective: every
// training year built and run once (issue 17 measured 98 ms before the
// speed-up; bench/calibrate measures whole calibrations side by side).
func BenchmarkResiduals(b *testing.B) {
	p := HistoryProblem(Parameters, TrainYears(), nil)
	x := make([]float64, len(Parameters))
	for i, q := range Parameters {
		x[i] = q.Prior.Center
	}
	for b.Loop() {
		if _, err := p.Residuals(x); err != nil {
			b.Fatal(err)
		}
	}
}
