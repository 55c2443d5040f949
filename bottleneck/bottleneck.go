// Package bottleneck attributes a run's throughput to its capacities,
// month by month: each capacity's utilisation, the binding one (as
// package tally names it) and its marginal value — the extra removals
// over the following 12 months per extra unit of the capacity from that
// month on.
//
// Marginal values are forward finite differences on the flow engine: the
// compiled model's per-step capacity series is raised by Step (1%) of its
// level from the month's first step to the end of the run, the model is
// run again, and the difference in removals over the window is divided by
// the units added. The perturbation is made on the compiled model, not
// the scenario, so it measures the capacity itself, without hiring lags.
// Every (month, capacity) pair is one flow run, so a 48-month scenario
// costs a few hundred runs: a separate command, not part of "run".
package bottleneck

import (
	"fmt"
	"runtime"
	"sync"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
)

// Capacity is one capacity whose marginal value is measured.
type Capacity struct {
	// Name matches the keys of result.Month.Utilisation.
	Name string
	// Unit names one unit of the capacity.
	Unit string
	// level returns the capacity's level in month mi (in Unit).
	level func(m *model.Model, mi int) float64
	// series returns the per-step series to perturb; several for flights.
	series func(m *model.Model) [][]float64
}

// Capacities are the capacities measured.
var Capacities = []Capacity{
	{procedure.Officers.String(), "officer", lvl(procedure.Officers), func(m *model.Model) [][]float64 { return [][]float64{m.ArrestsPerStep} }},
	{procedure.Beds.String(), "bed", lvl(procedure.Beds), func(m *model.Model) [][]float64 { return [][]float64{m.Beds} }},
	{procedure.Flights.String(), "flight a month", lvl(procedure.Flights), func(m *model.Model) [][]float64 { return [][]float64{m.SeatsPerStep, m.FlightsPerStep} }},
	{procedure.Land.String(), "removal slot a month", lvl(procedure.Land), func(m *model.Model) [][]float64 { return [][]float64{m.LandPerStep} }},
	{procedure.Judges.String(), "judge", lvl(procedure.Judges), func(m *model.Model) [][]float64 { return [][]float64{m.JudgePerStep} }},
	{procedure.AsylumOfficers.String(), "asylum officer", lvl(procedure.AsylumOfficers), func(m *model.Model) [][]float64 { return [][]float64{m.ScreenPerStep} }},
	{procedure.ThirdCountrySlots.String(), "slot a month", func(m *model.Model, mi int) float64 {
		k := m.MonthStartStep[mi]
		return (m.ThirdAssuredPerStep[k] + m.ThirdUnassuredPerStep[k]) * float64(m.MonthStartStep[mi+1]-k)
	}, func(m *model.Model) [][]float64 { return [][]float64{m.ThirdAssuredPerStep, m.ThirdUnassuredPerStep} }},
}

// lvl reads a capacity's level; 0 when the model has none (a model built
// by hand in a test).
func lvl(c procedure.Capacity) func(m *model.Model, mi int) float64 {
	return func(m *model.Model, mi int) float64 {
		if int(c) >= len(m.Levels) {
			return 0
		}
		return m.Level(c).Productive[mi]
	}
}

// Options set the analysis; the zero value means defaults.
type Options struct {
	// Step is the relative increase of a capacity (default 0.01).
	Step float64
	// Window is the months of removals counted (default 12).
	Window int
	// Workers is the number of parallel runs (default GOMAXPROCS).
	Workers int
}

// Cell is one capacity in one month; it is the result's type, so a run
// can carry the analysis.
type Cell = result.BottleneckCell

// Month is one month's attribution.
type Month = result.BottleneckMonth

// Analyse runs m, then the perturbed runs, and returns one Month per
// month of the run.
func Analyse(m *model.Model, o Options) ([]Month, error) {
	if o.Step <= 0 {
		o.Step = 0.01
	}
	if o.Window <= 0 {
		o.Window = 12
	}
	w := o.Workers
	if w <= 0 {
		w = runtime.GOMAXPROCS(0)
	}
	base := flow.Run(m)
	if len(base.Monthly) != m.Months {
		return nil, fmt.Errorf("bottleneck: run has %d months, model %d", len(base.Monthly), m.Months)
	}
	type job struct{ mi, ci int }
	var jobs []job
	for mi := range m.Months {
		for ci := range Capacities {
			jobs = append(jobs, job{mi, ci})
		}
	}
	gain := make([]float64, len(jobs))
	units := make([]float64, len(jobs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				gain[j], units[j] = perturb(m, base, jobs[j].mi, Capacities[jobs[j].ci], o)
			}
		}()
	}
	for j := range jobs {
		next <- j
	}
	close(next)
	wg.Wait()
	var out []Month
	for mi := range m.Months {
		row := Month{Month: base.Monthly[mi].Month, Binding: base.Monthly[mi].Binding, Best: "none"}
		bestGain := 0.0
		for ci, c := range Capacities {
			j := mi*len(Capacities) + ci
			cell := Cell{Capacity: c.Name, Unit: c.Unit, Level: c.level(m, mi), Utilisation: base.Monthly[mi].Utilisation[c.Name]}
			if units[j] > 0 {
				cell.Marginal = gain[j] / units[j]
			}
			if gain[j] > bestGain*(1+1e-9) && gain[j] > 1e-6 {
				row.Best, bestGain = c.Name, gain[j]
			}
			row.Capacities = append(row.Capacities, cell)
		}
		out = append(out, row)
	}
	return out, nil
}

// perturb raises capacity c by o.Step of its level from month mi on and
// returns the extra removals over the window and the units added.
func perturb(m *model.Model, base *result.Result, mi int, c Capacity, o Options) (gain, units float64) {
	level := c.level(m, mi)
	if level <= 0 {
		return 0, 0
	}
	pm := *m
	// Removals are counted over the window only, and the flow engine does
	// not look ahead, so the run can stop at the window's end: the
	// analysis costs months × window, not months² (600 months would
	// otherwise take hours).
	if end := min(mi+o.Window, m.Months); end < m.Months {
		pm.Months, pm.Steps = end, m.MonthStartStep[end]
		pm.Days = pm.Steps / m.StepsPerDay
		pm.MonthStartStep = m.MonthStartStep[:end+1]
	}
	from := m.MonthStartStep[mi]
	orig := c.series(m)
	scaled := make([][]float64, len(orig))
	for i, s := range orig {
		ns := make([]float64, len(s))
		copy(ns, s)
		for k := from; k < len(ns); k++ {
			ns[k] *= 1 + o.Step
		}
		scaled[i] = ns
	}
	// Point the copy's fields at the scaled series.
	for i := range orig {
		setSeries(&pm, orig[i], scaled[i])
	}
	r := flow.Run(&pm)
	end := min(mi+o.Window, len(r.Monthly))
	for k := mi; k < end; k++ {
		gain += r.Monthly[k].Removals - base.Monthly[k].Removals
	}
	// Differences below a millionth of a person are rounding residues.
	if gain < 1e-6 && gain > -1e-6 {
		gain = 0
	}
	return gain, level * o.Step
}

// setSeries replaces, in pm, the series that is the same slice as old.
func setSeries(pm *model.Model, old, repl []float64) {
	for _, p := range []*[]float64{&pm.ArrestsPerStep, &pm.Beds, &pm.SeatsPerStep, &pm.FlightsPerStep, &pm.LandPerStep,
		&pm.JudgePerStep, &pm.ScreenPerStep, &pm.ThirdAssuredPerStep, &pm.ThirdUnassuredPerStep} {
		if len(*p) > 0 && len(old) > 0 && &(*p)[0] == &old[0] {
			*p = repl
		}
	}
}
