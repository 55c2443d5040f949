package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCompareSelf: a scenario against itself shows exactly zero
// difference with zero-width intervals, with the flow engine and with the
// agent engine's paired replications.
func TestCompareSelf(t *testing.T) {
	const file = "../../scenarios/baseline-2025.yaml"
	for _, args := range [][]string{
		{"--engine", "flow"},
		{"--engine", "agent", "--runs", "3", "--seed", "5"},
	} {
		out := mustRun(t, append([]string{"compare", file, file, "--months", "3", "--format", "json"}, args...)...)
		var got struct {
			Replications int `json:"replications"`
			Rows         []struct {
				Outcome string
				A, Diff float64
				CILow   float64 `json:"ci_low"`
				CIHigh  float64 `json:"ci_high"`
			} `json:"rows"`
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if len(got.Rows) < 20 {
			t.Fatalf("%v: %d rows", args, len(got.Rows))
		}
		if got.Rows[0].Outcome != "removals" || got.Rows[0].A <= 0 {
			t.Errorf("%v: first row %+v, want removals > 0", args, got.Rows[0])
		}
		for _, r := range got.Rows {
			if r.Diff != 0 || r.CILow != 0 || r.CIHigh != 0 {
				t.Errorf("%v: %s diff %g [%g, %g], want 0 [0, 0]", args, r.Outcome, r.Diff, r.CILow, r.CIHigh)
			}
		}
	}
}

func TestCompareBadInput(t *testing.T) {
	const file = "../../scenarios/baseline-2025.yaml"
	for _, args := range [][]string{
		{"compare", file},
		{"compare", file, file, "--engine", "nope"},
		{"compare", file, file, "--runs", "0"},
		{"compare", file, "missing.yaml"},
	} {
		if code, _, _ := removalsim(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
}

// TestCompareSingleReplication checks that one agent replication is
// labelled as one random draw, not as deterministic.
func TestCompareSingleReplication(t *testing.T) {
	out := mustRun(t, "compare", "../../scenarios/baseline-2025.yaml", "../../scenarios/policy-variants/doubled-judges.yaml",
		"--engine", "agent", "--runs", "1", "--months", "1")
	if !strings.Contains(out, "a single replication: one random draw each, no interval") || strings.Contains(out, "deterministic") {
		t.Errorf("single agent replication mislabelled:\n%s", out)
	}
}
