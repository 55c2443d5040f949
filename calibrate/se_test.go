package calibrate

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// TestLaplaceLinear checks the posterior of a straight line with normal
// priors against the closed form: covariance (XᵀX + P)⁻¹, effective
// parameters tr(XᵀX (XᵀX + P)⁻¹), which tends to 2 as the priors widen and
// to 0 as they tighten.
func TestLaplaceLinear(t *testing.T) {
	xs := []float64{0, 1, 2, 3, 4, 5, 6, 7}
	J := mat.NewDense(len(xs), 2, nil)
	for i, x := range xs {
		J.Set(i, 0, x)
		J.Set(i, 1, 1)
	}
	var xtx mat.Dense
	xtx.Mul(J.T(), J)
	for _, c := range []struct {
		sd         float64
		minP, maxP float64
	}{{1e3, 1.999, 2}, {0.3, 0.5, 1.9}, {1e-3, 0, 0.001}} {
		sd := []float64{c.sd, c.sd}
		// chi2 = n - p keeps the dispersion at 1.
		cov, peff, phi := laplace(J, sd, 0)
		if phi != 1 {
			t.Errorf("sd %g: dispersion %g with a perfect fit, want 1", c.sd, phi)
		}
		var h mat.Dense
		h.CloneFrom(&xtx)
		h.Set(0, 0, h.At(0, 0)+1/(c.sd*c.sd))
		h.Set(1, 1, h.At(1, 1)+1/(c.sd*c.sd))
		var want mat.Dense
		if err := want.Inverse(&h); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			for j := range 2 {
				if math.Abs(cov.At(i, j)-want.At(i, j)) > 1e-9*math.Max(1, math.Abs(want.At(i, j))) {
					t.Errorf("sd %g: cov[%d][%d] = %g, want %g", c.sd, i, j, cov.At(i, j), want.At(i, j))
				}
			}
		}
		if peff < c.minP || peff > c.maxP {
			t.Errorf("sd %g: effective parameters %g, want in [%g, %g]", c.sd, peff, c.minP, c.maxP)
		}
	}
	// A misfit larger than the noise inflates the data part.
	_, _, phi := laplace(J, []float64{1e3, 1e3}, 60)
	if math.Abs(phi-10) > 1e-4 {
		t.Errorf("dispersion %g for chi2 60 over 8 - 2 degrees of freedom, want 10", phi)
	}
}
