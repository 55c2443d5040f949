package plan

import "fmt"

// BudgetConstraint is the Binding.Constraint that names the budget.
const BudgetConstraint = "budget"

// overBudget is the plan when the least-cost plan reaching the target
// (pt, costing cost) is capacity-feasible but costs more than the budget:
// the budget binds, and is named first (here, alone) in Binding. Without
// it the reader would see a month the target is "reached on" next to
// "not feasible" and no reason. The plan returned is pt's mix scaled back
// toward the initial levels (every addition by the same share, found by
// bisection) to the most that fits the budget, with the rate it holds;
// it is the least-cost plan's mix within the budget, not a new optimum at
// a lower target.
func (p *problem) overBudget(pt x, from int, cost float64) (*Plan, error) {
	mix := func(t float64) x {
		q := p.clonePoint(pt)
		for i := range q.level {
			q.level[i] = p.initial[i] + t*(pt.level[i]-p.initial[i])
		}
		q.third = t * pt.third
		return q
	}
	c0, _, err := p.score(mix(0), from)
	if err != nil {
		return nil, err
	}
	lo, hi := 0.0, 1.0 // lo fits the budget (or is the start), hi does not
	for c0 <= p.o.BudgetUSD && hi-lo > 1e-4 {
		mid := (lo + hi) / 2
		c, _, err := p.score(mix(mid), from)
		if err != nil {
			return nil, err
		}
		if c <= p.o.BudgetUSD {
			lo = mid
		} else {
			hi = mid
		}
	}
	within := mix(lo)
	rate, err := p.rateWith(within, from, nil, 0, 0)
	if err != nil {
		return nil, err
	}
	note := fmt.Sprintf("the budget of %s binds: the cheapest plan reaching %s a year by %s costs %s over the horizon; ",
		money(p.o.BudgetUSD), round(p.o.Target), p.o.By, money(cost))
	if c0 > p.o.BudgetUSD {
		note += fmt.Sprintf("the scenario's capacities without additions already cost %s, so the plan shown adds nothing and holds %s a year",
			money(c0), round(rate))
	} else {
		note += fmt.Sprintf("within the budget its mix, scaled back to %.0f%% of its additions, holds %s a year", 100*lo, round(rate))
	}
	b := Binding{Constraint: BudgetConstraint, LimitPerYear: rate, RelaxedPerYear: p.o.Target, Note: note}
	return p.finish(within, from, false, []Binding{b})
}

// cheapestAtMax returns the least-cost point holding the highest rate the
// maximum plan reaches (within half a percent), so that an infeasible
// target is answered with the cheapest plan at the best rate, not every
// capacity at its maximum. It falls back to maxX.
func (p *problem) cheapestAtMax(maxX x, from int, maxRate float64) (x, error) {
	// A coarser search than the target's: the answer is a cheaper
	// plan at the maximum rate, not the optimum, and the infeasibility
	// analysis has already run hundreds of flow runs.
	aim, evals := p.aim, p.o.MaxEvaluations
	defer func() { p.aim, p.o.MaxEvaluations = aim, evals }()
	p.aim, p.o.MaxEvaluations = maxRate*0.995, min(evals, 60)
	pt, ok, err := p.minCost(maxX, from)
	if err != nil || !ok {
		return maxX, err
	}
	return pt, nil
}

// money formats dollars for notes: "$15.2 billion", "$3.5 million", "$1".
func money(usd float64) string {
	switch {
	case usd >= 1e9:
		return fmt.Sprintf("$%.3g billion", usd/1e9)
	case usd >= 1e6:
		return fmt.Sprintf("$%.3g million", usd/1e6)
	}
	return fmt.Sprintf("$%.0f", usd)
}
