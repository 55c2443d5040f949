package plan

import "fmt"

// overBudget returns the maximum plan as infeasible when the target can be
// reached by By but not within the budget, with the budget first among
// the binding constraints: without it the reader would see a month the
// target is "reached on" next to "not feasible" and no reason. cheapest
// is the least-cost plan holding the aim from month index from.
func (p *problem) overBudget(cheapest, maxX x, from int) (*Plan, error) {
	_, cost, err := p.feasible(cheapest, from)
	if err != nil {
		return nil, err
	}
	pl, err := p.infeasible(maxX, from)
	if err != nil {
		return nil, err
	}
	b := Binding{Constraint: "budget", LimitPerYear: 0, RelaxedPerYear: pl.AchievedPerYear,
		Note: fmt.Sprintf("the budget of %s binds: the cheapest plan reaching %s a year by %s costs %s over the horizon; "+
			"the plan shown is the maximum, which reaches the target but costs more", money(p.o.BudgetUSD), round(p.o.Target), p.o.By, money(cost))}
	pl.Binding = append([]Binding{b}, pl.Binding...)
	return pl, nil
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
