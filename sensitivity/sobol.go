package sensitivity

import (
	"math/rand/v2"
	"sort"
)

// SobolRow is one factor's variance-based indices with bootstrap
// confidence intervals.
type SobolRow struct {
	Name string `json:"name"`
	// S1 is the first-order index: the share of output variance the
	// factor explains alone.
	S1     float64 `json:"s1"`
	S1Low  float64 `json:"s1_low"`
	S1High float64 `json:"s1_high"`
	// ST is the total index: the share including all interactions.
	ST     float64 `json:"st"`
	STLow  float64 `json:"st_low"`
	STHigh float64 `json:"st_high"`
}

// SobolResult holds one row per factor in the order given.
type SobolResult struct {
	// N is the base sample size; Evaluations = N(k+2).
	N           int `json:"n"`
	Evaluations int `json:"evaluations"`
	// Confidence is the level of the intervals (0.95).
	Confidence float64 `json:"confidence"`
	// Variance is the output variance estimated from A and B.
	Variance float64    `json:"variance"`
	Rows     []SobolRow `json:"rows"`
}

// SobolOptions add to Options the sample sizes.
type SobolOptions struct {
	Options
	// N is the base sample size (0 means 1024).
	N int
	// Bootstrap is the number of resamples for the intervals (0 means 500).
	Bootstrap int
}

// Sobol estimates first-order and total indices from N(k+2) evaluations.
func Sobol(fs []Factor, newf NewFunc, o SobolOptions) (*SobolResult, error) {
	if err := checkFactors(fs); err != nil {
		return nil, err
	}
	n := o.N
	if n <= 0 {
		n = 1024
	}
	points := SaltelliDesign(fs, n, o.Seed)
	y, err := evalAll(points, newf, o.Options)
	if err != nil {
		return nil, err
	}
	return SobolIndices(fs, n, y, o.Bootstrap, o.Seed), nil
}

// SaltelliDesign returns the N(k+2) points at which Sobol evaluates the
// model, for a study run elsewhere (removalsim sweep): the N rows of a
// matrix A, the N rows of B, then for each factor i the N rows of A with
// column i taken from B. The points depend on the factors, n and seed
// only. SobolIndices reads the outputs in this order.
func SaltelliDesign(fs []Factor, n int, seed uint64) [][]float64 {
	k := len(fs)
	rng := rand.New(rand.NewPCG(seed, 0x736f626f6c))
	A, B := make([][]float64, n), make([][]float64, n)
	for j := range n {
		A[j], B[j] = make([]float64, k), make([]float64, k)
		for i := range k {
			A[j][i] = fs[i].scale(rng.Float64())
		}
		for i := range k {
			B[j][i] = fs[i].scale(rng.Float64())
		}
	}
	points := make([][]float64, 0, n*(k+2))
	points = append(points, A...)
	points = append(points, B...)
	for i := range k {
		for j := range n {
			x := append([]float64(nil), A[j]...)
			x[i] = B[j][i]
			points = append(points, x)
		}
	}
	return points
}

// SobolIndices computes the indices, with bootstrap intervals from
// bootstrap resamples (0 means 500), from the outputs y at the points of
// SaltelliDesign(fs, n, seed), in that order.
func SobolIndices(fs []Factor, n int, y []float64, bootstrap int, seed uint64) *SobolResult {
	k := len(fs)
	nb := bootstrap
	if nb <= 0 {
		nb = 500
	}
	fA, fB := y[:n], y[n:2*n]
	fAB := make([][]float64, k)
	for i := range k {
		fAB[i] = y[(2+i)*n : (3+i)*n]
	}
	rows := make([]int, n)
	for j := range rows {
		rows[j] = j
	}
	v, s1, st := sobolIndices(fA, fB, fAB, rows)
	res := &SobolResult{N: n, Evaluations: len(y), Confidence: 0.95, Variance: v}
	// Bootstrap: resample rows with replacement, recompute, take the
	// 2.5% and 97.5% percentiles.
	bs1, bst := make([][]float64, k), make([][]float64, k)
	brng := rand.New(rand.NewPCG(seed, 0x626f6f74))
	for range nb {
		for j := range rows {
			rows[j] = brng.IntN(n)
		}
		_, b1, bt := sobolIndices(fA, fB, fAB, rows)
		for i := range k {
			bs1[i] = append(bs1[i], b1[i])
			bst[i] = append(bst[i], bt[i])
		}
	}
	for i, f := range fs {
		l1, h1 := percentiles(bs1[i], 0.025, 0.975)
		lt, ht := percentiles(bst[i], 0.025, 0.975)
		res.Rows = append(res.Rows, SobolRow{Name: f.Name, S1: s1[i], S1Low: l1, S1High: h1, ST: st[i], STLow: lt, STHigh: ht})
	}
	return res
}

// sobolIndices computes V, S1 and ST over the given rows (Jansen
// estimators).
func sobolIndices(fA, fB []float64, fAB [][]float64, rows []int) (v float64, s1, st []float64) {
	n := float64(len(rows))
	var sum, sum2 float64
	for _, j := range rows {
		sum += fA[j] + fB[j]
		sum2 += fA[j]*fA[j] + fB[j]*fB[j]
	}
	mean := sum / (2 * n)
	v = sum2/(2*n) - mean*mean
	k := len(fAB)
	s1, st = make([]float64, k), make([]float64, k)
	if v <= 0 {
		return v, s1, st
	}
	for i := range k {
		var d1, dt float64
		for _, j := range rows {
			b := fB[j] - fAB[i][j]
			a := fA[j] - fAB[i][j]
			d1 += b * b
			dt += a * a
		}
		s1[i] = (v - d1/(2*n)) / v
		st[i] = dt / (2 * n) / v
	}
	return v, s1, st
}

// percentiles returns the lo and hi quantiles of xs (sorted in place),
// by the nearest-rank rule.
func percentiles(xs []float64, lo, hi float64) (float64, float64) {
	sort.Float64s(xs)
	at := func(q float64) float64 {
		i := int(q*float64(len(xs)) + 0.5)
		return xs[min(max(i, 0), len(xs)-1)]
	}
	return at(lo), at(hi)
}
