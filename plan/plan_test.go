package plan

import (
	"bytes"
	"context"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/regime"
	"github.com/removalsim/removalsim/scenario"
)

func baseline(t testing.TB) (*scenario.Scenario, []byte) {
	t.Helper()
	src, err := os.ReadFile("../scenarios/baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, err := scenario.Parse("baseline-2025.yaml", src)
	if err != nil {
		t.Fatal(err)
	}
	return s, src
}

// rerun writes the plan as an extends diff, loads it and runs it: what a
// user gets from "removalsim run" of the written file.
func rerun(t *testing.T, p *Plan, parent []byte) []float64 {
	t.Helper()
	var buf bytes.Buffer
	if err := p.WriteScenario(&buf, "planned", "baseline-2025.yaml"); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"baseline-2025.yaml": {Data: parent}, "plan.yaml": {Data: buf.Bytes()}}
	s, err := scenario.Load(fsys, "plan.yaml")
	if err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return MonthlyRates(flow.Run(m), s.Start)
}

// TestInfeasibleMillion: a million removals a year by 2028-01 is out of
// reach even with every lever at its physical limit. The plan's ceiling
// is at least the rate ICE achieved in FY2025 (the dataset's FY2025
// removals to early September, annualised): the limits are 2025's, so
// with every lever at its limit the model cannot do less than 2025 did.
// That figure is neither an input of baseline-2025 nor a fitting target
// (the 2025 regime's fit stops at 2025-05-03; it is held out). Binding names
// the levers the plan moves, each within its limit and priced, and how
// far beyond its limit a lever would have to go; the highest achievable
// rate is exactly what a run of the written plan gives.
func TestInfeasibleMillion(t *testing.T) {
	s, src := baseline(t)
	p, err := Make(s, Options{Target: 1e6, By: scenario.MonthOf(2028, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if p.Feasible || p.ReachedOn != "" {
		t.Fatalf("feasible=%v reached=%q, want not feasible", p.Feasible, p.ReachedOn)
	}
	fy25, ok := data.Lookup("ice_removals", "2024-10-01/2025-09-06")
	if !ok {
		t.Fatal("no FY2025 removals in the dataset")
	}
	days, err := regime.Days(fy25.Period)
	if err != nil {
		t.Fatal(err)
	}
	fy25Rate := fy25.Value * 365 / float64(days)
	if !(p.AchievedPerYear >= fy25Rate && p.AchievedPerYear < 1e6) {
		t.Errorf("ceiling %.0f a year, want between FY2025's %.0f and the target", p.AchievedPerYear, fy25Rate)
	}
	// Each ramp that caps the rate says how far beyond its limit it would
	// have to move, or that no multiple up to a hundred would do.
	moves, ramps := map[string]*Move{}, 0
	for _, b := range p.Binding {
		if strings.HasSuffix(b.Constraint, "_ramp") && b.LimitPerYear > 0 && b.LimitPerYear < 1e6 {
			ramps++
			beyond := b.Move != nil && b.Move.BeyondLimit > 1 && b.Move.NeededPerMonth > b.Move.LimitPerMonth
			if !beyond && !strings.Contains(b.Note, "would not reach the target") {
				t.Errorf("%s caps the rate at %.0f but says neither how far beyond its limit it must move nor that no move would do: %s", b.Constraint, b.LimitPerYear, b.Note)
			}
		}
		if b.Move == nil {
			continue
		}
		mv := b.Move
		if mv.To == 0 {
			continue // a lever only named beyond its limit, not moved
		}
		moves[mv.Capacity] = mv
		if mv.PacePerMonth > mv.LimitPerMonth*(1+1e-9) || mv.To <= mv.From || mv.Reached == "" || mv.CostUSD == 0 {
			t.Errorf("move %+v: want a pace within the limit, a level reached, a cost", *mv)
		}
	}
	off := moves["officers"]
	if off == nil || !off.Cited || off.LimitPerMonth != s.Capacities.Officers.Lever.MaxAddedPerMonth.Value || off.PacePerMonth <= s.Capacities.Officers.MaxAddedPerMonth.Value {
		t.Errorf("officers' move %+v: want hiring above the scenario's pace, within its lever", off)
	}
	if ramps == 0 {
		t.Errorf("no ramp named among the limits: %+v", p.Binding)
	}
	if p.SurgeUSD <= 0 || p.SurgeUSD >= p.CostUSD {
		t.Errorf("surge premium %.3g of cost %.3g", p.SurgeUSD, p.CostUSD)
	}
	rates := rerun(t, p, src)
	lowest, _ := Achieved(rates, 36, 1e6)
	if lowest != p.AchievedPerYear {
		t.Errorf("direct run of the written plan: %.6f, plan says %.6f", lowest, p.AchievedPerYear)
	}
	if len(p.Schedule) != 48 || p.Horizon != "2028-12" {
		t.Errorf("schedule %d months to %s, want 48 to 2028-12", len(p.Schedule), p.Horizon)
	}
}

// TestFeasiblePlan: a reachable target is met from the date to the
// horizon in a direct run of the written plan, at less cost than the
// maximum plan, without additions it does not need.
func TestFeasiblePlan(t *testing.T) {
	s, src := baseline(t)
	s.Months = 30
	by := scenario.MonthOf(2026, 7)
	maxP, err := Make(s, Options{Target: 1e7, By: by, Sustain: 6})
	if err != nil {
		t.Fatal(err)
	}
	// A target 5% under the most the baseline can reach by the date is
	// reachable by construction, and far enough under it to need a choice.
	o := Options{Target: math.Round(0.95 * maxP.AchievedPerYear), By: by, Sustain: 6, MaxEvaluations: 60}
	p, err := Make(s, o)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Feasible || p.ReachedOn == "" || p.ReachedOn > "2026-07" {
		t.Fatalf("feasible=%v reached=%q achieved %.0f", p.Feasible, p.ReachedOn, p.AchievedPerYear)
	}
	rates := rerun(t, p, src)
	if len(rates) != 24 {
		t.Fatalf("%d months, want 24 (to the date plus 6)", len(rates))
	}
	for i := 18; i < len(rates); i++ {
		if rates[i] < o.Target {
			t.Errorf("month %d: rate %.0f below target", i, rates[i])
		}
	}
	if !(p.CostUSD < maxP.CostUSD) {
		t.Errorf("plan cost %.3g not below the maximum plan's %.3g", p.CostUSD, maxP.CostUSD)
	}
	// Officers bind in the baseline: the plan hires them.
	if p.Decisions[0].Level <= p.Decisions[0].Initial {
		t.Errorf("officers not added: %+v", p.Decisions[0])
	}
}

func TestBadOptions(t *testing.T) {
	s, _ := baseline(t)
	for _, o := range []Options{
		{Target: 0, By: scenario.MonthOf(2027, 1)},
		{Target: 1e5},
		{Target: 1e5, By: scenario.MonthOf(2024, 1)},
		{Target: 1e5, By: scenario.MonthOf(2027, 1), Margin: 2},
		{Target: 1e5, By: scenario.MonthOf(2027, 1), BudgetUSD: -1},
	} {
		if _, err := Make(s, o); err == nil {
			t.Errorf("%+v: want an error", o)
		}
	}
}

// TestMinTimeWithinBudget: asked for the earliest date within a budget,
// the planner reaches the target no later than the least-cost plan for
// the same deadline, stays within the budget, and the written plan holds
// the rate from the month it reports.
func TestMinTimeWithinBudget(t *testing.T) {
	s, src := baseline(t)
	s.Months = 42
	by := scenario.MonthOf(2027, 6)
	maxP, err := Make(s, Options{Target: 1e7, By: by, Sustain: 6})
	if err != nil {
		t.Fatal(err)
	}
	// 85% of the most reachable by the date: the least-cost plan can wait,
	// a plan with money to spare need not.
	base := Options{Target: math.Round(0.85 * maxP.AchievedPerYear), By: by, Sustain: 6, MaxEvaluations: 60}
	cheap, err := Make(s, base)
	if err != nil {
		t.Fatal(err)
	}
	fast := base
	fast.Objective = MinTime
	fast.BudgetUSD = 1.5 * cheap.CostUSD
	p, err := Make(s, fast)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Feasible || p.ReachedOn == "" {
		t.Fatalf("feasible=%v reached=%q, want a feasible plan", p.Feasible, p.ReachedOn)
	}
	t.Logf("least cost: %s for %.4g; earliest within %.4g: %s for %.4g", cheap.ReachedOn, cheap.CostUSD, fast.BudgetUSD, p.ReachedOn, p.CostUSD)
	if p.CostUSD > fast.BudgetUSD*(1+1e-9) {
		t.Errorf("cost %.4g over the budget %.4g", p.CostUSD, fast.BudgetUSD)
	}
	// The least-cost plan hires as late as the deadline allows; with
	// money to spare the earliest plan must come sooner.
	if p.ReachedOn >= cheap.ReachedOn {
		t.Errorf("earliest-within-budget plan reaches the target on %s, not before the least-cost plan's %s", p.ReachedOn, cheap.ReachedOn)
	}
	rates := rerun(t, p, src)
	from, err := scenario.ParseMonth(p.ReachedOn)
	if err != nil {
		t.Fatal(err)
	}
	for i := int(from - s.Start); i < len(rates); i++ {
		if rates[i] < base.Target {
			t.Errorf("month %d: rate %.0f below the target from %s on", i, rates[i], p.ReachedOn)
		}
	}
}

// TestCancelStopsTheSearch: with its context cancelled, the planner runs
// no more flow runs.
func TestCancelStopsTheSearch(t *testing.T) {
	s, _ := baseline(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	p, err := Make(s, Options{Target: 500000, By: s.Start.Add(24), Context: ctx})
	if err == nil && p.Evaluations > 1 {
		t.Fatalf("cancelled planner made %d flow runs", p.Evaluations)
	}
}
