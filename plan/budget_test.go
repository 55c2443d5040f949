package plan

import (
	"math"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// TestBudgetBinds is issue 13's third bar: a target the capacities can
// reach but whose least-cost plan costs more than the budget is
// infeasible, the budget is named in Binding, the plan returned stays
// within the budget and holds less than the target; a budget above the
// least-cost plan's cost changes nothing. Both objectives.
func TestBudgetBinds(t *testing.T) {
	s, _ := baseline(t)
	s.Months = 42
	by := scenario.MonthOf(2027, 6)
	base := Options{Target: 240000, By: by, Sustain: 6, MaxEvaluations: 30}
	cheap, err := Make(s, base)
	if err != nil {
		t.Fatal(err)
	}
	if !cheap.Feasible {
		t.Fatalf("the unbudgeted plan is not feasible: %+v", cheap.Binding)
	}
	for _, obj := range []Objective{MinCost, MinTime} {
		o := base
		o.Objective = obj
		o.BudgetUSD = 0.97 * cheap.CostUSD
		p, err := Make(s, o)
		if err != nil {
			t.Fatal(err)
		}
		if p.Feasible || len(p.Binding) != 1 || p.Binding[0].Constraint != BudgetConstraint {
			t.Fatalf("objective %d, budget %.4g below the least cost %.4g: feasible=%v binding=%+v", obj, o.BudgetUSD, cheap.CostUSD, p.Feasible, p.Binding)
		}
		if p.CostUSD > o.BudgetUSD*(1+1e-9) || !(p.AchievedPerYear < o.Target) || math.Abs(p.Binding[0].LimitPerYear-p.AchievedPerYear) > 1e-6*o.Target {
			t.Errorf("objective %d: cost %.4g (budget %.4g), achieved %.0f, limit %.0f, target %.0f", obj, p.CostUSD, o.BudgetUSD, p.AchievedPerYear, p.Binding[0].LimitPerYear, o.Target)
		}
		t.Logf("objective %d: %s", obj, p.Binding[0].Note)
	}
	o := base
	o.BudgetUSD = 1.01 * cheap.CostUSD
	p, err := Make(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Feasible || p.CostUSD != cheap.CostUSD {
		t.Errorf("a budget above the least cost changed the plan: feasible=%v cost %.4g vs %.4g", p.Feasible, p.CostUSD, cheap.CostUSD)
	}
}
