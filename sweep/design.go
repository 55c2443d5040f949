package sweep

import (
	"math/rand/v2"

	"github.com/removalsim/removalsim/sensitivity"
	"github.com/removalsim/removalsim/uncertainty"
)

// Plan is a study laid out: its design points and runs, fixed by the
// sweep file alone.
type Plan struct {
	Spec *Spec
	// grid holds a grid's points: per point, each parameter's value as
	// written in the sweep file (nil for sampled designs).
	grid [][]string
	// X holds the sampled values as numbers (nil for a grid). Their text
	// is made on demand (Values): a study of 180,000 points would
	// otherwise hold millions of strings in every shard.
	X [][]float64
	// Factors are the sampled parameters (sensitivity design).
	Factors []sensitivity.Factor
}

// NewPlan lays out the design points of s.
func NewPlan(s *Spec) *Plan {
	p := &Plan{Spec: s}
	k := len(s.Parameters)
	if s.Design == Grid {
		p.grid = grid(s.Parameters)
		return p
	}
	for _, par := range s.Parameters {
		p.Factors = append(p.Factors, sensitivity.Factor{Name: par.Path, Low: par.Range[0], High: par.Range[1]})
	}
	var u [][]float64 // points in the unit cube
	switch s.Design {
	case LHS:
		u = uncertainty.LatinHypercube(s.Samples, k, s.Seed)
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
	return p
}

// NumPoints is the number of design points.
func (p *Plan) NumPoints() int {
	if p.grid != nil {
		return len(p.grid)
	}
	return len(p.X)
}

// Values returns design point i's value of each parameter, as written to
// the scenario (YAML): a grid's as written in the sweep file, a sampled
// value with the fewest digits that read back exactly (rounded when the
// parameter is an integer).
func (p *Plan) Values(i int) []string {
	if p.grid != nil {
		return p.grid[i]
	}
	out := make([]string, len(p.X[i]))
	for j, x := range p.X[i] {
		out[j] = formatValue(x, p.Spec.Parameters[j].Integer)
	}
	return out
}

// streamDesign is the PCG stream of the root seed that draws a Monte
// Carlo design; runs draw their seeds by hashing (RunSeed).
const (
	streamDesign = 0x64657369676e // "design"
)

// Runs is the number of runs: points × replications.
func (p *Plan) Runs() int { return p.NumPoints() * p.Spec.Replications }

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
