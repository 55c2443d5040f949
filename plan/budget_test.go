package plan

import (
	"math"
	"strings"
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
	// A target above what baseline-2025's capacities hold without
	// additions (about 255,000 a year since its removals without a
	// detention book-in), so the least-cost plan adds capacity.
	base := Options{Target: 300000, By: by, Sustain: 6, MaxEvaluations: 30}
	cheap, err := Make(s, base)
	if err != nil {
		t.Fatal(err)
	}
	if !cheap.Feasible {
		t.Fatalf("the unbudgeted plan is not feasible: %+v", cheap.Binding)
	}
	// The target must make the plan add capacity, or the budget below
	// would bind on the scenario's own spending, not on a plan's choice.
	added := false
	for _, b := range cheap.Binding {
		added = added || (b.Move != nil && b.Move.To > b.Move.From*(1+1e-9))
	}
	if !added {
		t.Fatalf("the least-cost plan for %.0f a year adds no capacity: the target no longer tests a plan (binding %+v)", base.Target, cheap.Binding)
	}
	for _, obj := range []Objective{MinCost, MinTime} {
		o := base
		o.Objective = obj
		o.BudgetUSD = 0.97 * cheap.CostUSD
		p, err := Make(s, o)
		if err != nil {
			t.Fatal(err)
		}
		if p.Feasible || len(p.Binding) == 0 || p.Binding[0].Constraint != BudgetConstraint {
			t.Fatalf("objective %d, budget %.4g below the least cost %.4g: feasible=%v binding=%+v", obj, o.BudgetUSD, cheap.CostUSD, p.Feasible, p.Binding)
		}
		if p.CostUSD > o.BudgetUSD*(1+1e-9) || !(p.AchievedPerYear < o.Target) || math.Abs(p.Binding[0].LimitPerYear-p.AchievedPerYear) > 1e-6*o.Target {
			t.Errorf("objective %d: cost %.4g (budget %.4g), achieved %.0f, limit %.0f, target %.0f", obj, p.CostUSD, o.BudgetUSD, p.AchievedPerYear, p.Binding[0].LimitPerYear, o.Target)
		}
		// After the budget come only the levers the plan within it moves
		// (and the appropriations, should they bind).
		for _, b := range p.Binding[1:] {
			if b.Move == nil && b.Constraint != AppropriationsConstraint {
				t.Errorf("objective %d: binding %s after the budget is neither a lever's move nor the appropriations", obj, b.Constraint)
			}
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

// TestBudgetOfOneDollarBinds checks that a budget too small for a reachable target
// makes the plan infeasible with the budget named first, and the cost of
// the cheapest plan given.
func TestBudgetOfOneDollarBinds(t *testing.T) {
	s, _ := baseline(t)
	s.Months = 24
	p, err := Make(s, Options{Target: 150000, By: scenario.MonthOf(2026, 1), Sustain: 3, Objective: MinTime, BudgetUSD: 1, MaxEvaluations: 20})
	if err != nil {
		t.Fatal(err)
	}
	if p.Feasible || len(p.Binding) == 0 || p.Binding[0].Constraint != "budget" {
		t.Fatalf("feasible=%v binding=%+v; want infeasible with the budget first", p.Feasible, p.Binding)
	}
	if note := p.Binding[0].Note; !strings.HasPrefix(note, "the budget of $1 binds: the cheapest plan reaching 150000 a year by 2026-01 costs $") {
		t.Errorf("note %q", note)
	}
}

func TestMoney(t *testing.T) {
	for x, want := range map[float64]string{1: "$1", 3.5e6: "$3.5 million", 1.52e10: "$15.2 billion"} {
		if got := money(x); got != want {
			t.Errorf("money(%v) = %q, want %q", x, got, want)
		}
	}
}
