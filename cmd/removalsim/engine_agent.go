package main

import (
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
	return agent.Run(m, agent.Options{Runs: o.Runs, Workers: o.Workers, Seed: m.Seed, Context: o.Context, Progress: o.Progress})
}
