package main

import (
	"context"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/uncertainty"
)

func init() { engines["agent"] = runAgent }

// runAgent runs the stochastic engine with the command's options, through
// package uncertainty, which draws the ranged parameters per replication
// unless o.Uncertainty is noise. An explicit --seed, even 0, replaces the
// scenario's seed.
func runAgent(m *model.Model, o engineOptions) (*result.Result, error) {
	seed := m.Seed
	if o.SeedSet {
		seed = o.Seed
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
	s := o.Scenario
	if s == nil || o.Uncertainty == "" {
		o.Uncertainty = uncertainty.Noise
	}
	if s != nil {
		// The engine's seed comes from the options, not the scenario.
		s.Seed = seed
	}
	r, _, err := uncertainty.Run(s, uncertainty.Options{Runs: o.Runs, Seed: seed, Kind: o.Uncertainty, Workers: o.Workers, Model: m, Context: ctx, Progress: o.Progress})
	return r, agentError(ctx, err)
}
