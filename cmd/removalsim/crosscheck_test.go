package main

import (
	"strings"
	"testing"
)

func TestCrossCheckCommand(t *testing.T) {
	out := mustRun(t, "crosscheck", "--scale", "0.05", "--runs", "3")
	for _, want := range []string{"removals", "arrests", "average_detained", "2028-01..2028-12"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "DISAGREE") {
		t.Errorf("engines disagree on the baseline:\n%s", out)
	}
	for _, args := range [][]string{
		{"crosscheck", "--runs", "1"},
		{"crosscheck", "--scale", "0"},
		{"crosscheck", "--workers", "-1"},
	} {
		if code, _, _ := removalsim(t, args...); code != exitUsage {
			t.Errorf("removalsim %s: exit %d, want %d", strings.Join(args, " "), code, exitUsage)
		}
	}
}

// TestRunAgentEngine checks the agent's registration in run: the result
// does not depend on --workers, and --seed changes it.
func TestRunAgentEngine(t *testing.T) {
	args := []string{"run", "--engine", "agent", "--runs", "2", "--months", "2", "--format", "json", "--seed", "5"}
	one := mustRun(t, append(args, "--workers", "1")...)
	two := mustRun(t, append(args, "--workers", "2")...)
	if one != two {
		t.Error("agent result depends on --workers")
	}
	if !strings.Contains(one, `"engine": "agent"`) && !strings.Contains(one, `"engine":"agent"`) {
		t.Errorf("result does not name the agent engine:\n%.300s", one)
	}
	other := mustRun(t, "run", "--engine", "agent", "--runs", "2", "--months", "2", "--format", "json", "--seed", "6")
	if other == one {
		t.Error("--seed 5 and --seed 6 gave the same result")
	}
}
