package plan

import (
	"fmt"
)

// BudgetConstraint is the Binding.Constraint that names the budget.
const BudgetConstraint = "budget"

// overBudget is the plan when the least-cost plan reaching the target
// (pt, costing cost) is capacity-feasible but costs more than the budget:
// the budget binds. It scales pt back toward the initial levels (every
// addition by the same share, by bisection) to the most that fits the
// budget, and reports that plan, its rate, and the budget as binding.
// The scaled plan is the least-cost plan's mix within the budget, not a
// new optimum at a lower target.
func (p *problem) overBudget(pt x, from int, cost float64) (*Plan, error) {
	mix := func(t float64) x {
		q := p.clonePoint(pt)
		for i := range q.level {
			q.level[i] = p.initial[i] + t*(pt.level[i]-p.initial[i])
		}
		q.third = t * pt.third
		return q
	}
	lo, hi := 0.0, 1.0 // lo fits the budget (or is the start), hi does not
	for range 16 {
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
	note := fmt.Sprintf("the least-cost plan reaching the target costs $%.1f billion, above the budget of $%.1f billion; within the budget its mix, scaled back to %.0f%% of its additions, holds %s a year; lifting the budget reaches the target",
		cost/1e9, p.o.BudgetUSD/1e9, 100*lo, round(rate))
	if c0, _, err := p.score(mix(0), from); err != nil {
		return nil, err
	} else if c0 > p.o.BudgetUSD {
		note = fmt.Sprintf("the least-cost plan reaching the target costs $%.1f billion and the scenario's capacities without additions already cost $%.1f billion over the horizon, above the budget of $%.1f billion; without additions the rate is %s a year",
			cost/1e9, c0/1e9, p.o.BudgetUSD/1e9, round(rate))
	}
	b := Binding{Constraint: BudgetConstraint, LimitPerYear: rate, RelaxedPerYear: p.o.Target, Note: note}
	return p.finish(within, from, false, []Binding{b})
}

// cheapestAtMax returns the least-cost point holding the highest rate the
// maximum plan reaches (within half a percent), so that an infeasible
// target is answered with the cheapest plan at the best rate, not every
// capacity at its maximum. It falls back to maxX.
func (p *problem) cheapestAtMax(maxX x, from int, maxRate float64) (x, error) {
	aim := p.aim
	defer func() { p.aim = aim }()
	p.aim = maxRate * 0.995
	pt, ok, err := p.minCost(maxX, from)
	if err != nil || !ok {
		return maxX, err
	}
	return pt, nil
}
