package plan

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/optimize"
)

// penalty weighs the mean relative shortfall against cost in units of the
// baseline's cost: a 1% shortfall weighs as much as the baseline's whole
// cost, so the optimum sits on the target's edge, not below it.
const penalty = 100

// unit maps z in the unit box to a point: each capacity's level from its
// initial value (0) to its maximum (1), the third-country slots from 0 to
// ThirdCountryMax; start months are those of tmpl.
func (p *problem) unit(z []float64, tmpl x) x {
	pt := p.clonePoint(tmpl)
	for i := range Capacities {
		u := math.Min(1, math.Max(0, z[i]))
		pt.level[i] = p.initial[i] + u*(p.maxLvl[i]-p.initial[i])
	}
	if p.o.ThirdCountryMax > 0 {
		pt.third = math.Min(1, math.Max(0, z[len(Capacities)])) * p.o.ThirdCountryMax
	}
	return pt
}

func (p *problem) dims() int {
	if p.o.ThirdCountryMax > 0 {
		return len(Capacities) + 1
	}
	return len(Capacities)
}

// feasible reports whether pt holds the aim from month index from.
func (p *problem) feasible(pt x, from int) (bool, float64, error) {
	cost, short, err := p.score(pt, from)
	return short == 0, cost, err
}

// minCost finds the least-cost point that holds the aim from month index
// from, or reports that even the maximum does not.
func (p *problem) minCost(maxX x, from int) (x, bool, error) {
	ok, _, err := p.feasible(maxX, from)
	if err != nil || !ok {
		return maxX, false, err
	}
	d := p.dims()
	tmpl := maxX
	var runErr error
	f := func(z []float64) float64 {
		out := 0.0
		for _, v := range z {
			out += 10 * (math.Max(0, -v) + math.Max(0, v-1))
		}
		cost, short, err := p.score(p.unit(z, tmpl), from)
		if err != nil {
			runErr = err
			return math.Inf(1)
		}
		return cost/p.baseCost + penalty*short + out
	}
	starts := [][]float64{fill(d, 1), fill(d, 0.5), fill(d, 0.25)}
	bestZ, bestF := fill(d, 1), f(fill(d, 1))
	for _, z0 := range starts {
		res, err := optimize.Minimize(optimize.Problem{Func: f}, z0,
			&optimize.Settings{FuncEvaluations: p.o.MaxEvaluations, Converger: &optimize.FunctionConverge{Absolute: 1e-4, Iterations: 40}},
			&optimize.NelderMead{SimplexSize: -0.2})
		if runErr != nil {
			return x{}, false, runErr
		}
		if err == nil || res != nil {
			if res.F < bestF {
				bestZ, bestF = append([]float64(nil), res.X...), res.F
			}
		}
	}
	best := p.unit(bestZ, tmpl)
	best, err = p.repair(best, maxX, from)
	if err != nil {
		return x{}, false, err
	}
	best, err = p.delay(best, from)
	return best, true, err
}

// repair moves pt toward maxX by bisection until it holds the aim (maxX
// does).
func (p *problem) repair(pt, maxX x, from int) (x, error) {
	ok, _, err := p.feasible(pt, from)
	if err != nil || ok {
		return pt, err
	}
	mix := func(t float64) x {
		q := p.clonePoint(pt)
		for i := range q.level {
			q.level[i] += t * (maxX.level[i] - q.level[i])
		}
		q.third += t * (maxX.third - q.third)
		return q
	}
	t, err := bisect(1.0, 0.0, 14, func(t float64) (bool, error) {
		ok, _, err := p.feasible(mix(t), from)
		return ok, err
	})
	if err != nil {
		return pt, err
	}
	return mix(t), nil
}

// delay postpones each capacity's start, the costliest additions first,
// as long as the aim still holds: a unit hired later is paid for fewer
// months.
func (p *problem) delay(pt x, from int) (x, error) {
	order := make([]int, len(Capacities))
	for i := range order {
		order[i] = i
	}
	spend := func(i int) float64 {
		c := capacityOf(p.base, i)
		return (pt.level[i] - p.initial[i]) * (c.CostPerUnitYear.Value + c.AddCost.Value + 1)
	}
	sort.SliceStable(order, func(a, b int) bool { return spend(order[a]) > spend(order[b]) })
	for _, i := range order {
		if pt.level[i] <= p.initial[i] {
			continue
		}
		// An addition the target does not need is dropped.
		q := p.clonePoint(pt)
		q.level[i] = p.initial[i]
		if ok, _, err := p.feasible(q, from); err != nil {
			return pt, err
		} else if ok {
			pt = q
			continue
		}
		// The point's start holds; find the latest that holds.
		start, err := bisect(pt.from[i], from, maxSteps, func(m int) (bool, error) {
			q := p.clonePoint(pt)
			q.from[i] = m
			ok, _, err := p.feasible(q, from)
			return ok, err
		})
		if err != nil {
			return pt, err
		}
		pt.from[i] = start
	}
	return pt, nil
}

// withinBudget finds the earliest month index from which a least-cost
// plan holds the aim within the budget, searching from the earliest
// possible (first) to By.
func (p *problem) withinBudget(maxX x, first int) (x, int, bool, error) {
	try := func(from int) (x, bool, error) {
		pt, ok, err := p.minCost(maxX, from)
		if err != nil || !ok {
			return pt, false, err
		}
		_, cost, err := p.feasible(pt, from)
		return pt, cost <= p.o.BudgetUSD, err
	}
	best, ok, err := try(p.byIdx)
	if err != nil || !ok {
		return best, p.byIdx, false, err
	}
	// By fits the budget; find the earliest month that does.
	at, err := bisect(p.byIdx, first, maxSteps, func(from int) (bool, error) {
		pt, ok, err := try(from)
		if ok && err == nil {
			best = pt
		}
		return ok, err
	})
	if err != nil {
		return best, at, false, err
	}
	return best, at, true, nil
}

func fill(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}
