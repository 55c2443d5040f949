package main

import (
	"context"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
)

func init() { engines["agent"] = runAgent }

// runAgent runs the stochastic engine with the command's options. An
// explicit --seed, even 0, replaces the scenario's seed.
func runAgent(m *model.Model, o engineOptions) (*result.Result, error) {
	if o.SeedSet {
		c := *m
		c.Seed = o.Seed
		m = &c
	}
	if err := agentFits(m); err != nil {
		return nil, err
	}
	parent := o.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, stop := watchHeap(parent)
	defer stop()
	r, err := agent.Run(m, agent.Options{Runs: o.Runs, Workers: o.Workers, Seed: m.Seed, Context: ctx})
	return r, agentError(ctx, err)
}
