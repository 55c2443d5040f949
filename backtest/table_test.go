package backtest

import (
	"flag"
	"math"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestWriteTableGolden pins the text of the backtest table, with its
// thousands separators, on a small report made by hand (no simulation):
// a train year, a held-out year with an input pair and a missing figure,
// a figure above a million and the coverage check.
func TestWriteTableGolden(t *testing.T) {
	r := &Report{
		Years: []Year{
			{FY: 2019, Values: map[string]Pair{
				"removals":      {Predicted: 226160.4, Actual: 267258, HasActual: true},
				"arrests":       {Predicted: 202888, Actual: 143099, HasActual: true},
				"detention_adp": {Predicted: 37419, Actual: 50165, HasActual: true, Input: true},
				"court_backlog": {Predicted: 1574434, Actual: 1087201, HasActual: true},
			}},
			{FY: 2024, HeldOut: true, Values: map[string]Pair{
				"removals":      {Predicted: 223011, Actual: 271484, HasActual: true},
				"arrests":       {Predicted: 999.5},
				"detention_adp": {Predicted: 28028, Actual: 37745, HasActual: true},
				"court_backlog": {Predicted: 12941894, Actual: 3600000, HasActual: true},
			}},
		},
		MAPE: map[string]MAPE{
			"removals":      {All: 12.74, HeldOut: 18.1, NAll: 17, NHeldOut: 4},
			"arrests":       {All: 26.9, HeldOut: 21.9, NAll: 13, NHeldOut: 4},
			"detention_adp": {All: 23.8, HeldOut: 31.2, NAll: 9, NHeldOut: 3},
			"court_backlog": {All: math.NaN(), HeldOut: math.NaN()},
		},
		TrainYears: []int{2019}, HeldOutYears: []int{2024},
		Coverage: &Coverage{Runs: 3, Items: []CoverageItem{
			{What: "FY2024 removals", Series: "removals", Actual: 271484, P05: 236827, P50: 250000, P95: 280552, Inside: true,
				Predictive05: 258006, Predictive95: 279133, PredictiveInside: true},
			{What: "FY2024 court_backlog", Series: "court_backlog", Actual: 3600000, P05: 1469242, P50: 2000000, P95: 2789514,
				Predictive05: 1467585, Predictive95: 14830898, PredictiveInside: true},
		}, Removals: 1, All: 0.5, PredictiveRemovals: 1, PredictiveAll: 1},
	}
	var b strings.Builder
	if err := r.WriteTable(&b); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{"226,160/267,258", "1,574,434/1,087,201", "37,419/50,165 (input)", "1,000/-", "12,941,894/3,600,000", "3,600,000", "14,830,898"} {
		if !strings.Contains(got, want) {
			t.Errorf("table lacks %q", want)
		}
	}
	const golden = "testdata/table.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("table differs from %s (go test ./backtest -run TestWriteTableGolden -update to accept):\n%s", golden, got)
	}
}
