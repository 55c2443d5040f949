// Package uncertainty runs a scenario's replications on the agent engine
// with the uncertainty of its inputs as well as the engine's own noise.
// Each replication draws the scenario's ranged parameters (every
// parameter with a range: the range its sources cite, or, in a scenario
// extending scenarios/calibrated.yaml, the calibration's 95% posterior
// interval) from a Latin hypercube over the ranges, recompiles the model
// and runs it once; the results are combined as the engine combines its
// own replications (agent.Combine), so the bands span both sources of
// variation.
//
// Three kinds (Kind) say what the bands include:
//
//   - noise: the stochastic events only; every replication runs the
//     scenario's own values with its own random stream (agent.Run);
//   - params: the parameters only; replication r runs draw r with the same
//     random stream in every replication, so the noise is held fixed;
//   - both: draw r with replication r's own stream.
//
// A parameter's draws are uniform over its range (a range says where the
// value plausibly lies, not how likely each point is); the Latin
// hypercube puts exactly one draw in each of Runs equal slices of every
// range, so that even 20 replications cover each range evenly. Draws
// follow from the seed alone: the same scenario, seed and Runs give the
// same result, whatever the number of workers.
package uncertainty

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/sensitivity"
)

// Kind says which uncertainty a run's bands include.
type Kind string

// The kinds of uncertainty (see the package doc).
const (
	Noise  Kind = "noise"
	Params Kind = "params"
	Both   Kind = "both"
)

// Kinds lists the kinds in the order help texts give them.
var Kinds = []Kind{Noise, Params, Both}

// ParseKind returns the Kind named s.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("want noise, params or both, got %q", s)
}

// Describe says in words what bands of kind k span.
func (k Kind) Describe() string {
	switch k {
	case Noise:
		return "simulation noise only (parameters at their values)"
	case Params:
		return "parameter uncertainty only (ranged parameters drawn, noise held fixed)"
	case Both:
		return "parameter uncertainty and simulation noise"
	}
	return string(k)
}

// Options are the settings of Run.
type Options struct {
	// Runs is the number of replications (at least 1).
	Runs int
	// Seed is the root seed: the Latin hypercube's and the engine's.
	Seed uint64
	// Kind is what the bands include; empty means Both.
	Kind Kind
	// Workers is the number of replications run at once; 0 means
	// GOMAXPROCS. The result does not depend on it.
	Workers int
	// Model, when set, is s compiled (with its own values): Noise runs it
	// rather than compiling s again.
	Model *model.Model
	// Scale, when in (0, 1), runs every model at that fraction of its
	// size (model.Model.Scaled), for tests; 0 means full size.
	Scale float64
	// Context, when set, cancels the runs.
	Context context.Context
	// Progress, when set, is called after each replication with the
	// number finished and Runs (from one goroutine at a time).
	Progress func(done, total int)
}

// Draw is one replication's values of the ranged parameters, in the
// order of sensitivity.Factors.
type Draw []float64

// Run runs s Runs times on the agent engine as o.Kind says and returns the
// combined result, with Uncertainty set to the kind, and the parameter
// draws (nil for Noise).
func Run(s *scenario.Scenario, o Options) (*result.Result, []Draw, error) {
	if o.Runs < 1 {
		return nil, nil, fmt.Errorf("uncertainty: want at least 1 run, got %d", o.Runs)
	}
	if o.Kind == "" {
		o.Kind = Both
	}
	if _, err := ParseKind(string(o.Kind)); err != nil {
		return nil, nil, fmt.Errorf("uncertainty: %w", err)
	}
	if s == nil && (o.Kind != Noise || o.Model == nil) {
		return nil, nil, fmt.Errorf("uncertainty: %s needs the scenario", o.Kind)
	}
	var fs []sensitivity.Factor
	if s != nil {
		fs = sensitivity.Factors(s)
	}
	if o.Kind == Noise || len(fs) == 0 && o.Kind == Both {
		m := o.Model
		if m == nil {
			var err error
			if m, err = model.Compile(s); err != nil {
				return nil, nil, err
			}
		}
		m = scaled(m, o.Scale)
		r, err := agent.Run(m, agent.Options{Runs: o.Runs, Seed: o.Seed, Workers: o.Workers, Context: o.Context, Progress: o.Progress})
		if err != nil {
			return nil, nil, err
		}
		r.Uncertainty = string(Noise)
		return r, nil, nil
	}
	if len(fs) == 0 {
		return nil, nil, fmt.Errorf("uncertainty: scenario %s has no parameter with a range to draw", s.Name)
	}
	u := LatinHypercube(o.Runs, len(fs), o.Seed)
	draws := make([]Draw, o.Runs)
	for r := range draws {
		draws[r] = make(Draw, len(fs))
		for j, f := range fs {
			draws[r][j] = f.Low + u[r][j]*(f.High-f.Low)
		}
	}
	results := make([]*result.Result, o.Runs)
	errs := make([]error, o.Runs)
	var mu sync.Mutex
	done := 0
	next := make(chan int)
	var wg sync.WaitGroup
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for range min(workers, o.Runs) {
		wg.Go(func() {
			for r := range next {
				results[r], errs[r] = runDraw(s, fs, draws[r], engineSeed(o, r), o)
				if o.Progress != nil {
					mu.Lock()
					done++
					o.Progress(done, o.Runs)
					mu.Unlock()
				}
			}
		})
	}
	for r := range o.Runs {
		next <- r
	}
	close(next)
	wg.Wait()
	for r, err := range errs {
		if err != nil {
			return nil, nil, fmt.Errorf("uncertainty: replication %d: %w", r, err)
		}
	}
	out := agent.Combine(results)
	out.Seed, out.Uncertainty = o.Seed, string(o.Kind)
	// The sources are the scenario's own values, not draw 0's.
	for i, src := range out.Sources {
		if p := scenario.Lookup(s, src.Path); p != nil {
			out.Sources[i].Value = p.Value
		}
	}
	return out, draws, nil
}

// engineSeed is the agent engine's seed of replication r: the root seed
// for every replication when only parameters vary, so that all of them
// see the same stochastic events, else a seed of r's own, derived from
// the root by a PCG stream so that nearby roots give unrelated seeds.
func engineSeed(o Options, r int) uint64 {
	if o.Kind == Params {
		return o.Seed
	}
	return rand.New(rand.NewPCG(o.Seed, uint64(r)+1<<32)).Uint64()
}

// runDraw runs one replication of s with the factors set to x.
func runDraw(base *scenario.Scenario, fs []sensitivity.Factor, x Draw, seed uint64, o Options) (*result.Result, error) {
	s := scenario.Clone(base)
	for j, f := range fs {
		p := scenario.Lookup(s, f.Name)
		if p == nil {
			return nil, fmt.Errorf("scenario has no parameter %s", f.Name)
		}
		p.Value = x[j]
	}
	m, err := model.Compile(s)
	if err != nil {
		return nil, err
	}
	rs, err := agent.Replicate(scaled(m, o.Scale), agent.Options{Runs: 1, Seed: seed, Workers: 1, Context: o.Context})
	if err != nil {
		return nil, err
	}
	return rs[0], nil
}

// scaled is m at fraction f of its size, or m itself when f is not in
// (0, 1).
func scaled(m *model.Model, f float64) *model.Model {
	if f > 0 && f < 1 {
		return m.Scaled(f)
	}
	return m
}

// LatinHypercube returns n points in [0, 1)^k: in every dimension each of
// the n strata [i/n, (i+1)/n) holds exactly one point, at a uniform
// position within it, and the strata are matched across dimensions by
// independent random permutations. The points follow from seed alone.
func LatinHypercube(n, k int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 0x4c4853)) // "LHS"
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, k)
	}
	for j := range k {
		perm := rng.Perm(n)
		for i := range n {
			pts[i][j] = (float64(perm[i]) + rng.Float64()) / float64(n)
		}
	}
	return pts
}
