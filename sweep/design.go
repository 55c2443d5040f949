package sweep

import (
	"math/rand/v2"

	"github.com/removalsim/removalsim/sensitivity"
)

// Plan is a study laid out: its design points and runs, fixed by the
// sweep file alone.
type Plan struct {
	Spec *Spec
	// Points holds, per design point, the value of each parameter as
	// written to the scenario (YAML).
	Points [][]string
	// X holds the sampled values as numbers (nil for a grid).
	X [][]float64
	// Factors are the sampled parameters (sensitivity design).
	Factors []sensitivity.Factor
}

// NewPlan lays out the design points of s.
func NewPlan(s *Spec) *Plan {
	p := &Plan{Spec: s}
	k := len(s.Parameters)
	if s.Design == Grid {
		p.Points = grid(s.Parameters)
		return p
	}
	for _, par := range s.Parameters {
		p.Factors = append(p.Factors, sensitivity.Factor{Name: par.Path, Low: par.Range[0], High: par.Range[1]})
	}
	var u [][]float64 // points in the unit cube
	switch s.Design {
	case LHS:
		u = latinHypercube(s.Samples, k, rand.New(rand.NewPCG(s.Seed, streamDesign)))
	case SobolSeq:
		u = sobolPoints(s.Samples, k)
	case MonteCarlo:
		rng := rand.New(rand.NewPCG(s.Seed, streamDesign))
		u = make([][]float64, s.Samples)
		for i := range u {
			u[i] = make([]float64, k)
			for j := range u[i] {
				u[i][j] = rng.Float64()
			}
		}
	case Sensitivity:
		p.X = sensitivity.SaltelliDesign(p.Factors, s.Samples, s.Seed)
	}
	if u != nil {
		p.X = make([][]float64, len(u))
		for i, row := range u {
			p.X[i] = make([]float64, k)
			for j, x := range row {
				f := p.Factors[j]
				p.X[i][j] = f.Low + x*(f.High-f.Low)
			}
		}
	}
	p.Points = make([][]string, len(p.X))
	for i, row := range p.X {
		p.Points[i] = make([]string, k)
		for j, x := range row {
			p.Points[i][j] = formatValue(x, s.Parameters[j].Integer)
		}
	}
	return p
}

// streamDesign is the PCG stream of the root seed that samples the
// design; runs draw their seeds by hashing (RunSeed).
const (
	streamDesign = 0x64657369676e // "design"
)

// Runs is the number of runs: points × replications.
func (p *Plan) Runs() int { return len(p.Points) * p.Spec.Replications }

// Batches is the number of checkpoint batches.
func (p *Plan) Batches() int { return (p.Runs() + p.Spec.Batch - 1) / p.Spec.Batch }

// BatchRuns returns the runs [from, to) of batch b.
func (p *Plan) BatchRuns(b int) (from, to int) {
	return b * p.Spec.Batch, min((b+1)*p.Spec.Batch, p.Runs())
}

// ShardBatches returns the batches [from, to) of shard i of n: contiguous
// ranges that differ in size by at most one.
func (p *Plan) ShardBatches(i, n int) (from, to int) {
	nb := p.Batches()
	return i * nb / n, (i + 1) * nb / n
}

// grid returns the Cartesian product of the parameters' values, the
// first parameter varying slowest.
func grid(ps []Parameter) [][]string {
	out := [][]string{{}}
	for _, par := range ps {
		next := make([][]string, 0, len(out)*len(par.Values))
		for _, row := range out {
			for _, v := range par.Values {
				next = append(next, append(row[:len(row):len(row)], v))
			}
		}
		out = next
	}
	return out
}

// latinHypercube returns n points in [0, 1)^k with one point in each of
// the n strata of every dimension, placed at random within its stratum.
func latinHypercube(n, k int, rng *rand.Rand) [][]float64 {
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, k)
	}
	for j := range k {
		perm := rng.Perm(n)
		for i := range n {
			out[i][j] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return out
}
