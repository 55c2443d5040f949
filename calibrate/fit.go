// Package calibrate fits one set of behavioural parameters to the public
// dataset across fiscal years: the same rates and shares for every year,
// while capacities and inflows follow the dataset year by year (package
// history). The fit minimises the sum of squared log errors between the
// flow engine's predictions and the dataset (ICE removals first, then
// arrests, detention and the court backlog, with smaller weights) over the
// training years, with gonum's Nelder–Mead on transformed parameters
// (logit of each bounded value), from a fixed start: the result is
// deterministic.
//
// Uncertainty is the Gauss–Newton approximation at the optimum: the
// covariance of the transformed parameters is s²(JᵀJ)⁺ (pseudo-inverse
// through the SVD of J, so that one unidentified parameter does not hide
// the errors of the others), with J the Jacobian of the residuals
// (central differences) and s² the residual variance; each range is the optimum ±1.96 standard errors mapped back
// through the transform. It describes how well the training years pin a
// parameter down given the model, not the model's structural error.
package calibrate

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Bounded is a free parameter bounded to the open interval (Lo, Hi).
type Bounded struct {
	Name   string
	Lo, Hi float64
	// Start is the starting value, inside (Lo, Hi).
	Start float64
}

// toZ maps x in (Lo, Hi) to the real line (logit of the position).
func (b Bounded) toZ(x float64) float64 {
	u := (x - b.Lo) / (b.Hi - b.Lo)
	u = math.Min(math.Max(u, 1e-9), 1-1e-9)
	return math.Log(u / (1 - u))
}

// fromZ maps a real z back into (Lo, Hi).
func (b Bounded) fromZ(z float64) float64 {
	return b.Lo + (b.Hi-b.Lo)/(1+math.Exp(-z))
}

// Problem is a least-squares problem: find the values of Params that
// minimise the sum of squares of Residuals.
type Problem struct {
	Params []Bounded
	// Residuals returns the weighted residuals at x (in the parameters'
	// own units). It must be deterministic.
	Residuals func(x []float64) ([]float64, error)
}

// Settings tune Fit; the zero value means defaults.
type Settings struct {
	// MaxEvaluations caps the objective evaluations of each Nelder–Mead
	// pass (default 80 per parameter: with the 26 parameters of the third
	// pass of issue 4 a calibration takes about five minutes).
	MaxEvaluations int
	// Restarts is how many times Nelder–Mead restarts from its own
	// optimum with a fresh simplex (default 1), which guards against the
	// simplex collapsing early.
	Restarts int
}

// Estimate is one fitted parameter.
type Estimate struct {
	Name  string
	Value float64
	// Low and High are the 95% range (optimum ± 1.96 standard errors in
	// the transformed space, mapped back); the bounds when the parameter
	// is not identified.
	Low, High float64
	// Identified is false when the Jacobian gives no finite standard
	// error (the residuals do not depend on the parameter).
	Identified bool
}

// Fit is the outcome of a calibration.
type Fit struct {
	Estimates []Estimate
	// SSR is the sum of squared residuals at the optimum; N the number of
	// residuals.
	SSR float64
	N   int
	// Evaluations counts calls to Residuals.
	Evaluations int
}

// Values returns the fitted values in the order of the problem's Params.
func (f *Fit) Values() []float64 {
	out := make([]float64, len(f.Estimates))
	for i, e := range f.Estimates {
		out[i] = e.Value
	}
	return out
}

// Solve fits p. It fails when Residuals fails at the start or no finite
// objective is found.
func Solve(p Problem, set Settings) (*Fit, error) {
	k := len(p.Params)
	if k == 0 {
		return nil, errors.New("calibrate: no parameters to fit")
	}
	if set.MaxEvaluations <= 0 {
		set.MaxEvaluations = 80 * k
	}
	if set.Restarts <= 0 {
		set.Restarts = 1
	}
	evals := 0
	var firstErr error
	xOf := func(z []float64) []float64 {
		x := make([]float64, k)
		for i, b := range p.Params {
			x[i] = b.fromZ(z[i])
		}
		return x
	}
	resid := func(z []float64) ([]float64, error) {
		evals++
		return p.Residuals(xOf(z))
	}
	obj := func(z []float64) float64 {
		r, err := resid(z)
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			return math.Inf(1)
		}
		return sumSquares(r)
	}
	z := make([]float64, k)
	for i, b := range p.Params {
		if !(b.Lo < b.Hi) || !(b.Start > b.Lo && b.Start < b.Hi) {
			return nil, fmt.Errorf("calibrate: %s: start %g must lie inside (%g, %g)", b.Name, b.Start, b.Lo, b.Hi)
		}
		z[i] = b.toZ(b.Start)
	}
	if _, err := resid(z); err != nil {
		return nil, fmt.Errorf("calibrate: at the starting point: %w", err)
	}
	for range set.Restarts + 1 {
		res, err := optimize.Minimize(optimize.Problem{Func: obj}, z,
			&optimize.Settings{FuncEvaluations: set.MaxEvaluations, Concurrent: 1,
				Converger: &optimize.FunctionConverge{Absolute: 1e-9, Relative: 1e-9, Iterations: 60}},
			&optimize.NelderMead{})
		if err != nil && res == nil {
			return nil, fmt.Errorf("calibrate: %w", err)
		}
		if math.IsInf(res.F, 1) {
			if firstErr != nil {
				return nil, fmt.Errorf("calibrate: %w", firstErr)
			}
			return nil, errors.New("calibrate: no finite objective found")
		}
		copy(z, res.X)
	}
	r, err := resid(z)
	if err != nil {
		return nil, fmt.Errorf("calibrate: at the optimum: %w", err)
	}
	f := &Fit{SSR: sumSquares(r), N: len(r)}
	se := standardErrors(resid, z, r)
	x := xOf(z)
	for i, b := range p.Params {
		e := Estimate{Name: b.Name, Value: x[i], Low: b.Lo, High: b.Hi}
		if s := se[i]; !math.IsNaN(s) && !math.IsInf(s, 0) {
			e.Low, e.High, e.Identified = b.fromZ(z[i]-1.96*s), b.fromZ(z[i]+1.96*s), true
		}
		f.Estimates = append(f.Estimates, e)
	}
	f.Evaluations = evals
	return f, nil
}

// standardErrors returns the Gauss–Newton standard errors of z: the
// square roots of the diagonal of s²(JᵀJ)⁺, computed from the singular
// value decomposition J = UΣVᵀ. Directions of parameter space with a
// singular value below 1e-8 of the largest are ones the data cannot see;
// a parameter with a noticeable component along any of them (its squared
// weight above 1e-6) is not identified and gets NaN, while the others get
// finite errors from the identified directions alone. (Inverting JᵀJ
// outright fails as soon as one parameter is unidentified, which would
// wrongly leave every parameter without an error.)
func standardErrors(resid func([]float64) ([]float64, error), z, r0 []float64) []float64 {
	k, n := len(z), len(r0)
	se := make([]float64, k)
	for i := range se {
		se[i] = math.NaN()
	}
	if n <= k {
		return se
	}
	const h = 1e-3
	J := mat.NewDense(n, k, nil)
	zz := make([]float64, k)
	for j := range k {
		copy(zz, z)
		zz[j] = z[j] + h
		rp, err1 := resid(zz)
		zz[j] = z[j] - h
		rm, err2 := resid(zz)
		if err1 != nil || err2 != nil {
			return se
		}
		for i := range n {
			J.Set(i, j, (rp[i]-rm[i])/(2*h))
		}
	}
	var svd mat.SVD
	if !svd.Factorize(J, mat.SVDThin) {
		return se
	}
	sv := svd.Values(nil)
	var v mat.Dense
	svd.VTo(&v)
	if len(sv) == 0 || sv[0] == 0 {
		return se
	}
	s2 := sumSquares(r0) / float64(n-k)
	for j := range k {
		variance, blind := 0.0, 0.0
		for i, sigma := range sv {
			w := v.At(j, i) * v.At(j, i)
			if sigma < 1e-8*sv[0] {
				blind += w
				continue
			}
			variance += w / (sigma * sigma)
		}
		if blind <= 1e-6 {
			se[j] = math.Sqrt(s2 * variance)
		}
	}
	return se
}

func sumSquares(r []float64) float64 {
	s := 0.0
	for _, v := range r {
		s += v * v
	}
	return s
}
