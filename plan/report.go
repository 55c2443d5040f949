package plan

import (
	"fmt"
	"math"
	"sort"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tally"
)

// finish runs the chosen point and fills in the plan.
func (p *problem) finish(pt x, from int, feasible bool, binding []Binding) (*Plan, error) {
	r, m, err := p.runRecording(pt, tally.Recording{}) // the plan's full result
	if err != nil {
		return nil, err
	}
	rates := MonthlyRates(r, p.start)
	surge := p.surgeUSD(m)
	pl := &Plan{
		Feasible: feasible, TargetPerYear: p.o.Target,
		By: p.o.By.String(), Horizon: p.start.Add(p.horizon - 1).String(),
		CostUSD: r.Totals.CostUSD + surge, SurgeUSD: surge, ThirdCountryAdded: pt.third,
		Scenario: clone(p.s), Result: r, base: p.base,
	}
	moves, err := p.moves(pt, m, pl.CostUSD)
	if err != nil {
		return nil, err
	}
	pl.Binding = withMoves(binding, moves)
	funding, err := p.funding(m, r)
	if err != nil {
		return nil, err
	}
	if funding != nil {
		pl.Binding = append(pl.Binding, *funding)
	}
	pl.Scenario.ThirdCountries = append([]scenario.ThirdCountry(nil), p.s.ThirdCountries...)
	lowest, reached := Achieved(rates, from, p.o.Target)
	pl.AchievedPerYear = lowest
	if reached >= 0 {
		pl.ReachedOn = p.start.Add(reached).String()
	}
	for i, name := range Capacities {
		d := Decision{Capacity: name, Initial: p.initial[i], Level: math.Max(p.initial[i], pt.level[i]), From: p.start.Add(pt.from[i]).String(),
			PacePerMonth: math.Max(pt.pace[i], p.levers[i].pace.Value)}
		if pt.level[i] <= p.initial[i] {
			d.From = ""
		}
		pl.Decisions = append(pl.Decisions, d)
	}
	for mi := range r.Monthly {
		row := Month{Month: r.Monthly[mi].Month, Levels: map[string]float64{}, Added: map[string]float64{}, RatePerYear: rates[mi], CostUSD: r.Monthly[mi].CostUSD, Binding: r.Monthly[mi].Binding}
		for i, name := range Capacities {
			row.Levels[name] = m.Levels[i].Productive[mi]
			row.Added[name] = m.Levels[i].Added[mi]
		}
		pl.Schedule = append(pl.Schedule, row)
	}
	pl.Evaluations = p.evals
	return pl, nil
}

// constraint is one limit the infeasibility analysis can relax.
type constraint struct {
	name string
	// relax lifts the limit in the working scenario (after apply).
	relax func(s *scenario.Scenario)
	// purchasable capacities are relaxed by an instant ramp to an ample
	// level; index into Capacities, or -1.
	capacity int
	note     string
}

// headroom is how far above the maximum plan's level, scaled by the
// shortfall, a relaxed capacity goes.
const headroom = 1.5

// leadMonths is how long before the date a relaxed capacity jumps to its
// relaxed level: enough to fill the pipeline, too little to drain the
// at-large population long before the window.
const leadMonths = 12

func (p *problem) constraints() []constraint {
	var cs []constraint
	for i, name := range Capacities {
		c := capacityOf(p.base, i)
		l := p.levers[i]
		limit := fmt.Sprintf("at most %g added a month (the scenario's pace; no lever), productive after %g months", l.limit, l.lag)
		if l.cited {
			limit = fmt.Sprintf("at most %g added a month (physical limit of its lever; the scenario's pace is %g), productive after %g months at that pace", l.limit, l.pace.Value, l.surgeLag)
		}
		cs = append(cs, constraint{name: name + "_ramp", capacity: i,
			note: fmt.Sprintf("%s: %s, %.3g%% attrition a year; the maximum ramp reaches %.0f by the horizon",
				name, limit, 100*c.AttritionPerYear.Value, p.maxLvl[i])})
	}
	if a := &p.base.Arrests; a.RemovableBookingsPerMonth.Value > 0 {
		cs = append(cs, constraint{name: "custodial_pool", capacity: -1,
			relax: func(s *scenario.Scenario) {
				s.Arrests.RemovableBookingsPerMonth.Value *= 100
				s.Arrests.CooperationShare.Value = 1
			},
			note: fmt.Sprintf("jail transfers are capped by the custodial pool: %s removable bookings a month × %g%% in jurisdictions that hand people to ICE (detainers honoured, 287(g) agreements), %s a month; lifting it means far more bookings and every jurisdiction cooperating",
				round(a.RemovableBookingsPerMonth.Value), 100*a.CooperationShare.Value, round(a.RemovableBookingsPerMonth.Value*a.CooperationShare.Value))})
	}
	if a := &p.base.Arrests; a.ReachableShare.Value > 0 {
		cs = append(cs, constraint{name: "reachable_leads", capacity: -1,
			relax: func(s *scenario.Scenario) { s.Arrests.ReachableShare.Value = 0 },
			note:  fmt.Sprintf("at-large operations find people by a search law: leads reach %g%% of the at-large population a month, so each added officer finds fewer; lifting it means leads without limit", 100*a.ReachableShare.Value)})
	}
	cs = append(cs,
		constraint{name: "located_share", capacity: -1,
			relax: func(s *scenario.Scenario) { s.Arrests.LocatedSharePerYear.Value = 1000 },
			note:  fmt.Sprintf("arrests from the final-order docket are capped at %g%% of it a year (located share)", 100*p.base.Arrests.LocatedSharePerYear.Value)},
		constraint{name: "final_order_effort", capacity: -1,
			relax: func(s *scenario.Scenario) { s.Arrests.FinalOrderShare.Value = 1 },
			note:  fmt.Sprintf("%g%% of arrest effort goes to the final-order docket; the rest arrests people without orders, who need hearings", 100*p.base.Arrests.FinalOrderShare.Value)},
		constraint{name: "country_acceptance", capacity: -1,
			relax: func(s *scenario.Scenario) {
				for i := range s.Countries {
					s.Countries[i].AcceptanceRate.Value = 1
					s.Countries[i].MonthlyCap.Value = 0
				}
			},
			note: "countries of citizenship accept only part of their nationals and some cap removals a month"},
		constraint{name: "third_country_slots", capacity: -1,
			relax: func(s *scenario.Scenario) {
				s.ThirdCountries = append(s.ThirdCountries, scenario.ThirdCountry{Name: "relaxed", MonthlyCapacity: scenario.P(1e7), Assurances: true, From: p.start})
			},
			note: "people whose country refuses them need a third-country slot"},
		constraint{name: "detained_case_time", capacity: -1,
			relax: func(s *scenario.Scenario) { s.Court.DetainedCaseDays.Value = 1 },
			note:  fmt.Sprintf("a detained case needs %g days before a judge can decide it, holding a bed meanwhile", p.base.Court.DetainedCaseDays.Value)},
	)
	return cs
}

// rateWith runs pt with the constraints in relaxed lifted, and returns
// the lowest rate from month index from. A relaxed capacity follows the
// maximum plan's path until leadMonths before from, then jumps at once to
// its level there × headroom × (aim / shortfall rate). When hire > 0 the
// capacity of that index (+1) has its monthly additions multiplied by
// hire.
func (p *problem) rateWith(pt x, from int, relaxed []constraint, hireCap int, hire float64) (float64, error) {
	q := p.clonePoint(pt)
	p.apply(q)
	saved := clone(p.s)
	savedCaps := make([]scenario.Capacity, len(Capacities))
	for i := range Capacities {
		savedCaps[i] = *capacityOf(p.s, i)
	}
	restore := func() {
		*p.s = *saved
		for i := range Capacities {
			*capacityOf(p.s, i) = savedCaps[i]
		}
	}
	if hire > 0 {
		cp := capacityOf(p.s, hireCap)
		cp.MaxAddedPerMonth.Value *= hire
		for k := range cp.MaxAddedPerMonth.Changes {
			cp.MaxAddedPerMonth.Changes[k].Value *= hire
		}
		cp.Target = scenario.Schedule{{From: p.start, Value: scenario.P(cp.Initial.Value + cp.MaxAddedPerMonth.Value*float64(2*p.horizon+2))}}
	}
	for _, c := range relaxed {
		if c.capacity >= 0 {
			cp := capacityOf(p.s, c.capacity)
			path := p.maxModel.Levels[c.capacity].Productive
			jump := max(from-leadMonths, 0)
			var sch scenario.Schedule
			for mi := 0; mi < jump; mi++ {
				sch = append(sch, scenario.Step{From: p.start.Add(mi), Value: scenario.P(path[mi])})
			}
			lv := path[min(from, len(path)-1)] * headroom * math.Max(1, p.aim/math.Max(p.maxRate, 1))
			sch = append(sch, scenario.Step{From: p.start.Add(jump), Value: scenario.P(lv)})
			cp.Target = sch
			cp.MaxAddedPerMonth.Value = 1e12
			cp.LagMonths.Value = 0
			continue
		}
		c.relax(p.s)
	}
	m, err := modelCompile(p.s)
	restore()
	if err != nil {
		return 0, err
	}
	p.evals++
	r := flowRun(m)
	lowest, _ := Achieved(MonthlyRates(r, p.start), from, p.o.Target)
	return lowest, nil
}

// infeasible explains why the maximum plan falls short and returns the
// cheapest plan holding the maximum plan's rate, the highest achievable.
func (p *problem) infeasible(maxX x, from int) (*Plan, error) {
	cs := p.constraints()
	base, err := p.rateWith(maxX, from, nil, 0, 0)
	if err != nil {
		return nil, err
	}
	p.maxRate = base
	all, err := p.rateWith(maxX, from, cs, 0, 0)
	if err != nil {
		return nil, err
	}
	var bs []Binding
	for k, c := range cs {
		others := append(append([]constraint(nil), cs[:k]...), cs[k+1:]...)
		alone, err := p.rateWith(maxX, from, others, 0, 0)
		if err != nil {
			return nil, err
		}
		lifted, err := p.rateWith(maxX, from, []constraint{c}, 0, 0)
		if err != nil {
			return nil, err
		}
		b := Binding{Constraint: c.name, LimitPerYear: alone, RelaxedPerYear: lifted, Note: c.note}
		if c.capacity >= 0 && alone < p.aim {
			if f, ok, err := p.hiringNeeded(maxX, from, others, c.capacity); err != nil {
				return nil, err
			} else if ok {
				limit := p.levers[c.capacity].limit
				b.Move = &Move{Capacity: Capacities[c.capacity], NeededPerMonth: f * limit, BeyondLimit: f, LimitPerMonth: limit}
				b.Note += fmt.Sprintf("; reaching the target with it would take about %.0f added a month, %.2f times %s", f*limit, f, p.levers[c.capacity].limitName())
			} else {
				b.Note += "; even a hundred times " + p.levers[c.capacity].limitName() + " would not reach the target"
			}
		}
		bs = append(bs, b)
	}
	// Order: the tightest limit first; then by what relaxing it alone
	// gains.
	sort.SliceStable(bs, func(a, b int) bool {
		if math.Abs(bs[a].LimitPerYear-bs[b].LimitPerYear) > 1e-6*p.o.Target {
			return bs[a].LimitPerYear < bs[b].LimitPerYear
		}
		return bs[a].RelaxedPerYear > bs[b].RelaxedPerYear
	})
	var out []Binding
	for _, b := range bs {
		if b.LimitPerYear < p.aim || b.RelaxedPerYear > base*1.01 {
			b.Note += fmt.Sprintf("; alone it permits %s a year; ", round(b.LimitPerYear))
			if b.RelaxedPerYear < base*0.99 {
				// The relaxed capacity jumps at once a year before the
				// date: more arrests early drain the pools the window needs.
				b.Note += fmt.Sprintf("lifting only it, at once a year before the date, lowers the maximum from %s to %s (the added arrests drain the reachable pools before the window)", round(base), round(b.RelaxedPerYear))
			} else {
				b.Note += fmt.Sprintf("lifting only it moves the maximum from %s to %s", round(base), round(b.RelaxedPerYear))
			}
			out = append(out, b)
		}
	}
	if all < p.aim {
		out = append(out, Binding{Constraint: "inflows_and_at_large_pool", LimitPerYear: all, RelaxedPerYear: all,
			Note: "border apprehensions, the at-large population, court outcomes and departures bound the rate even with every constraint above lifted"})
	}
	pt, err := p.cheapestAtMax(maxX, from, base)
	if err != nil {
		return nil, err
	}
	// Building every capacity at its limit from the start can overshoot:
	// arrests drain the reachable pools before the window, so a slower
	// plan may hold a rate the maximum does not. When the cheapest plan at
	// the maximum's rate holds the target, the target is feasible: the
	// least-cost plan is searched below that plan instead.
	if ok, _, err := p.feasible(pt, from); err != nil {
		return nil, err
	} else if ok {
		best, ok, err := p.minCost(pt, from)
		if err != nil {
			return nil, err
		}
		if ok {
			return p.feasiblePlan(best, from)
		}
	}
	return p.finish(pt, from, false, out)
}

// hiringNeeded finds by bisection the multiple of capacity i's monthly
// additions that reaches the aim with the constraints in others relaxed.
func (p *problem) hiringNeeded(maxX x, from int, others []constraint, i int) (float64, bool, error) {
	hi := 100.0
	r, err := p.rateWith(maxX, from, others, i, hi)
	if err != nil || r < p.aim {
		return 0, false, err
	}
	lo := 1.0
	for range 10 {
		mid := math.Sqrt(lo * hi)
		r, err := p.rateWith(maxX, from, others, i, mid)
		if err != nil {
			return 0, false, err
		}
		if r >= p.aim {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true, nil
}

// round formats a rate to three significant digits.
func round(v float64) string {
	if v <= 0 {
		return "0"
	}
	e := math.Pow(10, math.Floor(math.Log10(v))-2)
	return fmt.Sprintf("%.0f", math.Round(v/e)*e)
}
