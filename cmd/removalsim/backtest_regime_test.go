package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestBacktestRegime checks the command's edge: --regime 2025 prints the
// regime report as JSON (bars, windows with roles, the cutoff) and as a
// table; any other regime is bad input.
func TestBacktestRegime(t *testing.T) {
	out := mustRun(t, "backtest", "--regime", "2025", "--format", "json")
	var r struct {
		Scenario, Cutoff string
		Bars             []struct {
			Name string
			Met  bool
		}
		Windows []struct {
			Series, Period, Role string
			Published, Model     float64
		}
		FittedAfterCutoff []string `json:"fitted_after_cutoff"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if r.Scenario != "fy2025" || r.Cutoff != "2025-05-03" || len(r.Bars) != 3 || len(r.Windows) == 0 {
		t.Errorf("scenario %q, cutoff %q, %d bars, %d windows", r.Scenario, r.Cutoff, len(r.Bars), len(r.Windows))
	}
	if len(r.FittedAfterCutoff) != 0 {
		t.Errorf("fitted after the cutoff: %v", r.FittedAfterCutoff)
	}
	table := mustRun(t, "backtest", "--regime", "2025")
	for _, want := range []string{"Bars (issue 11):", "held out", "fitting target", "Counting what others count"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	if code, _, errOut := removalsim(t, "backtest", "--regime", "2024"); code != exitUsage || !strings.Contains(errOut, "--regime") {
		t.Errorf("--regime 2024: exit %d, stderr %q; want exit %d naming the flag", code, errOut, exitUsage)
	}
}
