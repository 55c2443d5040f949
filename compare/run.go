package compare

import (
	"context"
	"fmt"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
)

// Options set how Run runs the two scenarios.
type Options struct {
	// Engine is "flow" (one deterministic run each) or "agent".
	Engine string
	// Runs is the agent engine's replications per scenario.
	Runs int
	// Seed is the root seed of both sides' replications when SeedSet;
	// otherwise A's scenario seed, so that the streams are common.
	Seed    uint64
	SeedSet bool
	// Workers is the agent engine's goroutines (0: one per CPU).
	Workers int
	// Context and Progress are passed to the agent engine; Progress
	// counts the replications of both sides (total 2 × Runs).
	Context  context.Context
	Progress func(done, total int)
}

// Output is a comparison as "removalsim compare --format json" prints
// it and the dashboard's API returns it.
type Output struct {
	A      string `json:"a"`
	B      string `json:"b"`
	Engine string `json:"engine"`
	// Seed is the common root seed (agent engine only).
	Seed uint64 `json:"seed,omitempty"`
	// Period is the months the runs span ("2025-01/2028-12"), for tidy
	// tables; the JSON carries it in each side's results instead.
	Period string `json:"-"`
	*Comparison
}

// Run runs models a and b on the engine, with common random numbers on
// the agent engine, and compares them (Pairs). The labels name the sides
// in the output.
func Run(a, b *model.Model, labelA, labelB string, o Options) (*Output, error) {
	var reps [2][]*result.Result
	seed := o.Seed
	if !o.SeedSet {
		// Common random numbers need one seed for both: A's.
		seed = a.Seed
	}
	for i, m := range []*model.Model{a, b} {
		switch o.Engine {
		case "flow":
			reps[i] = []*result.Result{flow.Run(m)}
			continue
		case "agent":
		default:
			return nil, fmt.Errorf("compare: unknown engine %q; want flow or agent", o.Engine)
		}
		ao := agent.Options{Runs: o.Runs, Seed: seed, Workers: o.Workers, Context: o.Context}
		if o.Progress != nil {
			side := i
			ao.Progress = func(done, total int) { o.Progress(side*total+done, 2*total) }
		}
		var err error
		if reps[i], err = agent.Replicate(m, ao); err != nil {
			return nil, err
		}
	}
	c, err := Pairs(reps[0], reps[1])
	if err != nil {
		return nil, err
	}
	c.A, c.B = labelA, labelB
	out := &Output{A: labelA, B: labelB, Engine: o.Engine, Comparison: c, Period: period(reps[0][0])}
	if o.Engine == "agent" {
		out.Seed = seed
	}
	return out, nil
}

// period names the months r spans, or its start when it has none.
func period(r *result.Result) string {
	if n := len(r.Monthly); n > 0 {
		return r.Monthly[0].Month + "/" + r.Monthly[n-1].Month
	}
	return r.Start
}
