// Package calibrate fits one set of behavioural parameters to the public
// dataset across fiscal years: the same rates and shares for every year,
// while capacities and inflows follow the dataset year by year (package
// history).
//
// The fit is a penalised (maximum a posteriori) one. Each parameter has a
// prior: a normal distribution on its transformed value (the logit of its
// position between its bounds) whose 95% range is the parameter's cited
// range (Prior). The data enter as standardised log errors between the
// flow engine's predictions and the dataset, ln(predicted/actual)/σ with
// one σ per series (Sigma). The optimum of the sum of squared
// standardised errors plus squared prior deviations is found by
// Levenberg–Marquardt with a central-difference Jacobian, from the priors'
// centres: it is deterministic.
//
// Uncertainty is the Laplace approximation at the optimum: the posterior
// covariance of the transformed parameters is (JᵀJ/φ + P)⁻¹, with J the
// Jacobian of the standardised errors, P the priors' precisions and φ ≥ 1
// the dispersion (the mean squared standardised error per residual degree
// of freedom, when the model misfits by more than Sigma says). Each range
// is the optimum ± 1.96 posterior standard deviations mapped back through
// the transform. The effective number of parameters, tr(JᵀJ/φ · Σ), counts
// how many parameters the data determine rather than their priors.
package calibrate

import (
	"context"
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Bounded is a free parameter bounded to the open interval (Lo, Hi), with
// its prior.
type Bounded struct {
	Name   string
	Lo, Hi float64
	Prior  Prior
}

// Prior is a parameter's prior: Center is its most likely value and
// [Low, High] its 95% range, in the parameter's own units, inside the
// bounds; it is a normal distribution on the transformed value. Source
// says where the range comes from.
type Prior struct {
	Center, Low, High float64
	Source            string
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

// priorZ returns the prior's mean and standard deviation in z.
func (b Bounded) priorZ() (mu, sd float64) {
	return b.toZ(b.Prior.Center), (b.toZ(b.Prior.High) - b.toZ(b.Prior.Low)) / (2 * 1.96)
}

// check reports a bound or prior that makes no sense.
func (b Bounded) check() error {
	p := b.Prior
	if !(b.Lo < b.Hi) || !(b.Lo < p.Low && p.Low < p.Center && p.Center < p.High && p.High < b.Hi) {
		return fmt.Errorf("calibrate: %s: want bounds %g < prior low %g < centre %g < high %g < %g", b.Name, b.Lo, p.Low, p.Center, p.High, b.Hi)
	}
	return nil
}

// Problem is a penalised least-squares problem: find the values of Params
// that minimise the sum of squares of Residuals plus the priors' penalty.
type Problem struct {
	Params []Bounded
	// Residuals returns the standardised residuals at x (in the
	// parameters' own units). It must be deterministic and return the
	// same number of residuals at every x.
	Residuals func(x []float64) ([]float64, error)
}

// Settings tune Solve; the zero value means defaults.
type Settings struct {
	// MaxIterations caps the Levenberg–Marquardt iterations (default 40).
	MaxIterations int
	// Context, when set, interrupts the fit between two engine runs:
	// Solve then returns its error.
	Context context.Context
	// Progress, when set, receives one line per iteration.
	Progress func(line string)
	// Start, when set, is the starting point (in the parameters' units)
	// instead of the priors' centres: leave-one-year-out refits start at
	// the full fit.
	Start []float64
}

// Estimate is one fitted parameter.
type Estimate struct {
	Name  string
	Value float64
	// Low and High are the 95% posterior range.
	Low, High float64
	// Prior is the parameter's prior.
	Prior Prior
	// DataShare is 1 − posterior variance / prior variance (in z): near
	// 0 the prior alone determines the parameter, near 1 the data do.
	DataShare float64
	// AtBound names the bound ("lower" or "upper") the value lies within
	// 1% of the bounds' span of, or is empty.
	AtBound string
}

// Fit is the outcome of a calibration.
type Fit struct {
	Estimates []Estimate
	// Chi2 is the sum of squared standardised residuals at the optimum
	// and N their number; Penalty the sum of squared prior deviations.
	Chi2, Penalty float64
	N             int
	// Dispersion is φ (see the package doc); EffectiveParams is
	// tr(JᵀJ/φ · Σ).
	Dispersion, EffectiveParams float64
	// Iterations and Evaluations count Levenberg–Marquardt iterations and
	// calls to Residuals.
	Iterations, Evaluations int
	// Residuals are the standardised residuals at the optimum.
	Residuals []float64
}

// Values returns the fitted values in the order of the problem's Params.
func (f *Fit) Values() []float64 {
	out := make([]float64, len(f.Estimates))
	for i, e := range f.Estimates {
		out[i] = e.Value
	}
	return out
}

// Solve fits p. It fails when Residuals fails at the start, when the
// context is cancelled, or when a prior is malformed.
func Solve(p Problem, set Settings) (*Fit, error) {
	k := len(p.Params)
	if k == 0 {
		return nil, errors.New("calibrate: no parameters to fit")
	}
	if set.MaxIterations <= 0 {
		set.MaxIterations = 40
	}
	ctx := set.Context
	if ctx == nil {
		ctx = context.Background()
	}
	mu, sd := make([]float64, k), make([]float64, k)
	z := make([]float64, k)
	for i, b := range p.Params {
		if err := b.check(); err != nil {
			return nil, err
		}
		mu[i], sd[i] = b.priorZ()
		z[i] = mu[i]
		if set.Start != nil {
			z[i] = b.toZ(set.Start[i])
		}
	}
	evals := 0
	xOf := func(z []float64) []float64 {
		x := make([]float64, k)
		for i, b := range p.Params {
			x[i] = b.fromZ(z[i])
		}
		return x
	}
	resid := func(z []float64) ([]float64, error) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("calibrate: interrupted after %d engine runs: %w", evals, err)
		}
		evals++
		return p.Residuals(xOf(z))
	}
	penalty := func(z []float64) float64 {
		s := 0.0
		for i := range z {
			d := (z[i] - mu[i]) / sd[i]
			s += d * d
		}
		return s
	}
	r, err := resid(z)
	if err != nil {
		return nil, fmt.Errorf("calibrate: at the starting point: %w", err)
	}
	obj := sumSquares(r) + penalty(z)
	lambda := 1e-2
	iter, converged := 0, false
	var J *mat.Dense
	for iter = 1; iter <= set.MaxIterations; iter++ {
		if J, err = jacobian(resid, z, len(r)); err != nil {
			return nil, err
		}
		// Normal equations of the augmented residuals [r; (z-μ)/σ].
		var A mat.SymDense
		A.SymOuterK(1, J.T())
		g := mat.NewVecDense(k, nil)
		g.MulVec(J.T(), mat.NewVecDense(len(r), r))
		for i := range k {
			A.SetSym(i, i, A.At(i, i)+1/(sd[i]*sd[i]))
			g.SetVec(i, g.AtVec(i)+(z[i]-mu[i])/(sd[i]*sd[i]))
		}
		improved := false
		for range 12 {
			B := mat.NewSymDense(k, nil)
			B.CopySym(&A)
			for i := range k {
				B.SetSym(i, i, A.At(i, i)*(1+lambda))
			}
			var chol mat.Cholesky
			if !chol.Factorize(B) {
				lambda *= 10
				continue
			}
			var step mat.VecDense
			if err := chol.SolveVecTo(&step, g); err != nil {
				lambda *= 10
				continue
			}
			zz := make([]float64, k)
			for i := range k {
				zz[i] = z[i] - step.AtVec(i)
			}
			rr, err := resid(zz)
			if err != nil {
				if ctx.Err() != nil {
					return nil, err
				}
				lambda *= 10
				continue
			}
			if o := sumSquares(rr) + penalty(zz); o < obj {
				rel := (obj - o) / math.Max(obj, 1e-12)
				z, r, obj = zz, rr, o
				lambda = math.Max(lambda/3, 1e-7)
				improved = true
				if set.Progress != nil {
					set.Progress(fmt.Sprintf("iteration %d: objective %.4f (data %.4f, prior %.4f), %d engine runs", iter, obj, sumSquares(r), penalty(z), evals))
				}
				converged = rel < 1e-6
				break
			}
			lambda *= 4
		}
		if !improved || converged {
			break
		}
	}
	if J, err = jacobian(resid, z, len(r)); err != nil {
		return nil, err
	}
	f := &Fit{Chi2: sumSquares(r), Penalty: penalty(z), N: len(r), Evaluations: evals, Iterations: min(iter, set.MaxIterations), Residuals: r}
	cov, peff, phi := laplace(J, sd, f.Chi2)
	f.EffectiveParams, f.Dispersion = peff, phi
	x := xOf(z)
	for i, b := range p.Params {
		s := math.Sqrt(cov.At(i, i))
		e := Estimate{Name: b.Name, Value: x[i], Prior: b.Prior,
			Low: b.fromZ(z[i] - 1.96*s), High: b.fromZ(z[i] + 1.96*s),
			DataShare: 1 - cov.At(i, i)/(sd[i]*sd[i])}
		switch span := b.Hi - b.Lo; {
		case x[i]-b.Lo < 0.01*span:
			e.AtBound = "lower"
		case b.Hi-x[i] < 0.01*span:
			e.AtBound = "upper"
		}
		f.Estimates = append(f.Estimates, e)
	}
	return f, nil
}

// jacobian is the central-difference Jacobian of resid at z, n × len(z).
func jacobian(resid func([]float64) ([]float64, error), z []float64, n int) (*mat.Dense, error) {
	const h = 1e-3
	k := len(z)
	J := mat.NewDense(n, k, nil)
	zz := make([]float64, k)
	for j := range k {
		copy(zz, z)
		zz[j] = z[j] + h
		rp, err := resid(zz)
		if err != nil {
			return nil, err
		}
		zz[j] = z[j] - h
		rm, err := resid(zz)
		if err != nil {
			return nil, err
		}
		if len(rp) != n || len(rm) != n {
			return nil, fmt.Errorf("calibrate: %d and %d residuals around the point, %d at it", len(rp), len(rm), n)
		}
		for i := range n {
			J.Set(i, j, (rp[i]-rm[i])/(2*h))
		}
	}
	return J, nil
}

// laplace returns the posterior covariance (JᵀJ/φ + P)⁻¹ of z, the
// effective number of parameters tr(JᵀJ/φ · Σ) and the dispersion φ =
// max(1, chi2 / (n − p_eff)), found by fixed-point iteration (p_eff
// depends on φ).
func laplace(J *mat.Dense, sd []float64, chi2 float64) (*mat.SymDense, float64, float64) {
	n, k := J.Dims()
	var JtJ mat.SymDense
	JtJ.SymOuterK(1, J.T())
	phi, peff := 1.0, 0.0
	cov := mat.NewSymDense(k, nil)
	for range 20 {
		H := mat.NewSymDense(k, nil)
		for i := range k {
			for j := i; j < k; j++ {
				v := JtJ.At(i, j) / phi
				if i == j {
					v += 1 / (sd[i] * sd[i])
				}
				H.SetSym(i, j, v)
			}
		}
		var chol mat.Cholesky
		if !chol.Factorize(H) {
			break
		}
		if err := chol.InverseTo(cov); err != nil {
			break
		}
		peff = 0
		for i := range k {
			for j := range k {
				peff += JtJ.At(i, j) / phi * cov.At(j, i)
			}
		}
		next := 1.0
		if dof := float64(n) - peff; dof > 0 {
			next = math.Max(1, chi2/dof)
		}
		if math.Abs(next-phi) < 1e-9*phi {
			break
		}
		phi = next
	}
	return cov, peff, phi
}

func sumSquares(r []float64) float64 {
	s := 0.0
	for _, v := range r {
		s += v * v
	}
	return s
}
