package plan

import (
	"strings"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// TestBudgetBinds checks that a budget too small for a reachable target
// makes the plan infeasible with the budget named first, and the cost of
// the cheapest plan given.
func TestBudgetBinds(t *testing.T) {
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
