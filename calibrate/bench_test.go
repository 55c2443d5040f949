package calibrate

import "testing"

func BenchmarkResiduals(b *testing.B) {
	p := HistoryProblem(Parameters, TrainYears(), nil)
	x := make([]float64, len(Parameters))
	for i, q := range Parameters {
		x[i] = q.Start
	}
	for b.Loop() {
		if _, err := p.Residuals(x); err != nil {
			b.Fatal(err)
		}
	}
}
