package main

import (
	"fmt"
	"math"
	"runtime"

	"github.com/removalsim/removalsim/model"
)

// Limits of the flags that scale work. They keep any command line within
// 1 GiB of memory and its run time within what the command is for; the
// README's "Limits" section lists them.
const (
	// maxRuns is the most agent replications a command runs.
	maxRuns = 500
	// maxRunMonths bounds replications × months, because the agent engine
	// holds every replication's monthly results until it combines them
	// (about 13 kB per replication-month, measured on baseline-2025): 500
	// runs of 48 months, 40 of 600, about 310 MB.
	maxRunMonths = 24_000
	// maxWorkers is the most goroutines --workers asks for; more than
	// the machine's CPUs are not started (the results do not depend on
	// their number).
	maxWorkers = 256
	// maxSobolSamples and maxMorrisTrajectories bound sensitivity's
	// --samples: N(k+2) and r(k+1) flow runs.
	maxSobolSamples       = 4096
	maxMorrisTrajectories = 1000
	// maxCoverageDraws bounds backtest's --coverage parameter draws, each
	// a run of every history year.
	maxCoverageDraws = 1000
	// maxIterations bounds calibrate's Levenberg-Marquardt iterations
	// (each about 50 engine runs).
	maxIterations = 1000
	// maxPeoplePerYear bounds removal targets (people a year).
	maxPeoplePerYear = 1e9
	// maxScale bounds crosscheck's --scale: the agent engine holds a case
	// per person in custody, and the shipped scenarios at scale 1 are the
	// largest it is built for.
	maxScale = 1
	// maxUSD bounds budgets (a thousand times the U.S. federal budget).
	maxUSD = 1e16
)

// intFlag checks that the integer flag --name lies in [lo, hi].
func intFlag(name string, v, lo, hi int) error {
	if v < lo || v > hi {
		return badInput(fmt.Errorf("--%s must be between %d and %d, got %d", name, lo, hi, v))
	}
	return nil
}

// floatFlag checks that the number flag --name is finite and lies in
// [lo, hi], or in (lo, hi] when loOpen.
func floatFlag(name string, v, lo, hi float64, loOpen bool) error {
	switch {
	case math.IsNaN(v) || math.IsInf(v, 0):
		return badInput(fmt.Errorf("--%s must be a finite number, got %v", name, v))
	case loOpen && (v <= lo || v > hi):
		return badInput(fmt.Errorf("--%s must be above %v and at most %v, got %v", name, lo, hi, v))
	case !loOpen && (v < lo || v > hi):
		return badInput(fmt.Errorf("--%s must be between %v and %v, got %v", name, lo, hi, v))
	}
	return nil
}

// workersFlag checks --workers (0 for one per CPU, at most maxWorkers)
// and returns the number of goroutines to start: never more than the
// CPUs, since more would only hold more engines in memory at once.
func workersFlag(v int) (int, error) {
	if v < 0 || v > maxWorkers {
		return 0, badInput(fmt.Errorf("--workers must be between 0 (one per CPU) and %d, got %d", maxWorkers, v))
	}
	return min(v, runtime.NumCPU()), nil
}

// runsFlag checks --runs against maxRuns and, once the horizon is known
// (months > 0), against maxRunMonths; scenarios is how many scenarios'
// replications are held at once (2 for compare).
func runsFlag(runs, lo, months, scenarios int) error {
	if err := intFlag("runs", runs, lo, maxRuns); err != nil {
		return err
	}
	if months > 0 && runs*months*scenarios > maxRunMonths {
		return badInput(fmt.Errorf("--runs %d over %d months is too many to hold: replications × months must be at most %d, so at most %d runs here",
			runs, months*scenarios, maxRunMonths, maxRunMonths/(months*scenarios)))
	}
	return nil
}

// maxBottleneckMonths is the longest horizon, at one step a day, that
// the bottleneck analysis takes: it runs the flow engine once per month
// and capacity, each run up to the month's window, so its cost grows
// with months² × steps a day (120 months: 720 runs, about a minute on
// two cores).
const maxBottleneckMonths = 120

// bottlenecksFit reports, as a usage error, a model too long for the
// bottleneck analysis.
func bottlenecksFit(m *model.Model) error {
	limit := int(maxBottleneckMonths / math.Sqrt(float64(m.StepsPerDay)))
	if m.Months > limit {
		return badInput(fmt.Errorf("the bottleneck analysis runs the scenario once per month and capacity: at most %d months with steps_per_day %d, got %d; shorten it (run --months)",
			limit, m.StepsPerDay, m.Months))
	}
	return nil
}
