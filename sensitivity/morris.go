package sensitivity

import (
	"math"
	"math/rand/v2"
)

// MorrisRow is one factor's elementary-effect statistics, in output units
// per full range of the factor.
type MorrisRow struct {
	Name string `json:"name"`
	// MuStar is the mean absolute elementary effect: the factor's overall
	// influence.
	MuStar float64 `json:"mu_star"`
	// Mu is the mean elementary effect (signed).
	Mu float64 `json:"mu"`
	// Sigma is the standard deviation of the elementary effects:
	// non-linearity or interaction with other factors.
	Sigma float64 `json:"sigma"`
}

// MorrisResult holds one row per factor in the order given, and the
// number of trajectories used.
type MorrisResult struct {
	Trajectories int         `json:"trajectories"`
	Levels       int         `json:"levels"`
	Rows         []MorrisRow `json:"rows"`
}

// morrisLevels is p, the number of grid levels per factor.
const morrisLevels = 4

// Morris computes elementary effects from r random trajectories (r ≥ 2;
// 0 means 10). It costs r(k+1) evaluations.
func Morris(fs []Factor, r int, newf NewFunc, o Options) (*MorrisResult, error) {
	if err := checkFactors(fs); err != nil {
		return nil, err
	}
	if r <= 0 {
		r = 10
	}
	if r < 2 {
		r = 2
	}
	k, p := len(fs), morrisLevels
	delta := float64(p) / (2 * float64(p-1))
	rng := rand.New(rand.NewPCG(o.Seed, 0x6d6f72726973))
	// Each trajectory: a random base point on the grid levels that allow
	// a step of +Δ or −Δ, then the factors in random order, each moved
	// once by ±Δ.
	type move struct{ factor, sign int }
	var points [][]float64
	var moves [][]move
	for range r {
		x := make([]float64, k)
		for i := range x {
			// Levels 0..p-1 over [0,1]; a base in the lower half can step
			// up, one in the upper half down.
			x[i] = float64(rng.IntN(p)) / float64(p-1)
		}
		u := make([]float64, k)
		copy(u, x)
		points = append(points, scaled(fs, u))
		ms := make([]move, 0, k)
		for _, i := range rng.Perm(k) {
			sign := 1
			if u[i]+delta > 1+1e-12 {
				sign = -1
			}
			u[i] += float64(sign) * delta
			points = append(points, scaled(fs, u))
			ms = append(ms, move{i, sign})
		}
		moves = append(moves, ms)
	}
	y, err := evalAll(points, newf, o)
	if err != nil {
		return nil, err
	}
	ee := make([][]float64, k)
	for t := range r {
		base := t * (k + 1)
		for j, mv := range moves[t] {
			d := (y[base+j+1] - y[base+j]) / (float64(mv.sign) * delta)
			ee[mv.factor] = append(ee[mv.factor], d)
		}
	}
	res := &MorrisResult{Trajectories: r, Levels: p}
	for i, f := range fs {
		var abs, mean float64
		for _, d := range ee[i] {
			abs += math.Abs(d)
			mean += d
		}
		n := float64(len(ee[i]))
		abs /= n
		mean /= n
		ss := 0.0
		for _, d := range ee[i] {
			ss += (d - mean) * (d - mean)
		}
		res.Rows = append(res.Rows, MorrisRow{Name: f.Name, MuStar: abs, Mu: mean, Sigma: math.Sqrt(ss / (n - 1))})
	}
	return res, nil
}

func scaled(fs []Factor, u []float64) []float64 {
	x := make([]float64, len(u))
	for i, f := range fs {
		x[i] = f.scale(u[i])
	}
	return x
}
