package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/plan"
)

// TestPlanMillionJSON is the bar: the baseline cannot reach a
// million removals a year by 2028-01; the answer names the binding
// constraint, gives both engines' rates, and the written plan runs.
func TestPlanMillionJSON(t *testing.T) {
	dir := t.TempDir()
	written := filepath.Join(dir, "plan.yaml")
	out := mustRun(t, "plan", "../../scenarios/baseline-2025.yaml", "--target", "1000000", "--by", "2028-01",
		"--format", "json", "--runs", "1", "--write", written)
	var got struct {
		Feasible  bool               `json:"feasible"`
		Achieved  map[string]float64 `json:"achieved_per_year"`
		ReachedOn *string            `json:"reached_on"`
		Binding   []struct {
			Constraint string  `json:"constraint"`
			Limit      float64 `json:"limit_per_year"`
		} `json:"binding"`
		Schedule []json.RawMessage `json:"schedule"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Feasible || got.ReachedOn != nil || len(got.Binding) == 0 || len(got.Schedule) != 48 {
		t.Fatalf("feasible %v reached %v binding %v months %d", got.Feasible, got.ReachedOn, got.Binding, len(got.Schedule))
	}
	f, a := got.Achieved["flow"], got.Achieved["agent"]
	if !(f > 0 && f < 1e6) || !(a > 0.9*f && a < 1.1*f) {
		t.Errorf("achieved flow %.0f agent %.0f", f, a)
	}
	if _, err := os.Stat(written); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "run", written, "--format", "csv")
}

func TestPlanBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"plan", "../../scenarios/baseline-2025.yaml", "--by", "2028-01"},
		{"plan", "../../scenarios/baseline-2025.yaml", "--target", "1e6", "--by", "2028-13"},
		{"plan", "../../scenarios/baseline-2025.yaml", "--target", "1e6", "--by", "2020-01"},
		{"plan", "../../scenarios/baseline-2025.yaml", "--target", "1e6", "--by", "2028-01", "--objective", "fast"},
	} {
		if code, _, _ := removalsim(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestPlanBudgetVerdict checks that the table names the budget in its
// verdict when the budget is what binds (plan's TestBudgetBinds checks
// that the planner says so).
func TestPlanBudgetVerdict(t *testing.T) {
	var b strings.Builder
	o := &planOutput{Feasible: false, BudgetUSD: 1, TargetPerYear: 200000, By: "2027-01",
		Achieved: map[string]float64{"flow": 1}, Binding: []plan.Binding{{Constraint: "budget", Note: "the budget of $1 binds"}}}
	if err := writePlanTable(&b, "x", o); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "NOT FEASIBLE within the budget of $1\n") || !strings.Contains(b.String(), "budget: the budget of $1 binds") {
		t.Errorf("table:\n%s", b.String())
	}
}
