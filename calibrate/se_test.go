package calibrate

import (
	"math"
	"testing"
)

// TestStandardErrorsUnidentified fits a straight line with a third
// parameter the residuals ignore: the line's two errors must equal the
// ordinary least-squares formulas, and only the ignored one is NaN.
func TestStandardErrorsUnidentified(t *testing.T) {
	xs := []float64{0, 1, 2, 3, 4, 5, 6, 7}
	ys := []float64{1.1, 2.9, 5.2, 7.1, 8.8, 11.2, 13.1, 14.8}
	resid := func(z []float64) ([]float64, error) {
		r := make([]float64, len(xs))
		for i, x := range xs {
			r[i] = z[0]*x + z[1] - ys[i]
		}
		return r, nil
	}
	// The least-squares line.
	n := float64(len(xs))
	var sx, sy, sxx, sxy float64
	for i, x := range xs {
		sx, sy, sxx, sxy = sx+x, sy+ys[i], sxx+x*x, sxy+x*ys[i]
	}
	a := (n*sxy - sx*sy) / (n*sxx - sx*sx)
	b := (sy - a*sx) / n
	z := []float64{a, b, 0.3}
	r0, _ := resid(z)
	se := standardErrors(resid, z, r0)

	s2 := sumSquares(r0) / (n - 3) // three parameters are counted as fitted
	sxxc := sxx - sx*sx/n
	wantA := math.Sqrt(s2 / sxxc)
	wantB := math.Sqrt(s2 * (1/n + (sx/n)*(sx/n)/sxxc))
	if math.Abs(se[0]-wantA) > 1e-6*wantA || math.Abs(se[1]-wantB) > 1e-6*wantB {
		t.Errorf("slope and intercept errors %g, %g; want %g, %g", se[0], se[1], wantA, wantB)
	}
	if !math.IsNaN(se[2]) {
		t.Errorf("the ignored parameter got a finite error %g; want NaN (not identified)", se[2])
	}
}
