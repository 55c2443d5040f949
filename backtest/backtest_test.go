package backtest

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/scenario"
)

// TestJSONShape checks the documented shape of the JSON report.
func TestJSONShape(t *testing.T) {
	r, err := Run(nil, []int{2012, 2024})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Years []map[string]json.RawMessage `json:"years"`
		MAPE  map[string]struct {
			All     *float64 `json:"all"`
			HeldOut *float64 `json:"held_out"`
		} `json:"mape"`
		Train   []int `json:"train_years"`
		HeldOut []int `json:"held_out_years"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if n := history.LastFY - history.FirstFY + 1; len(got.Years) != n || len(got.Train)+len(got.HeldOut) != n {
		t.Fatalf("%d years, %d train, %d held out; want %d in all", len(got.Years), len(got.Train), len(got.HeldOut), n)
	}
	if len(got.HeldOut) != 2 || got.HeldOut[0] != 2012 || got.HeldOut[1] != 2024 {
		t.Errorf("held_out_years = %v", got.HeldOut)
	}
	first := got.Years[0]
	var fy int
	if err := json.Unmarshal(first["fy"], &fy); err != nil || fy != history.FirstFY {
		t.Errorf("first year fy = %s", first["fy"])
	}
	for _, s := range Series {
		var p struct {
			Actual    *float64 `json:"actual"`
			Predicted *float64 `json:"predicted"`
		}
		if err := json.Unmarshal(first[s], &p); err != nil || p.Predicted == nil {
			t.Errorf("years[0].%s = %s, want {actual, predicted}", s, first[s])
		}
		m, ok := got.MAPE[s]
		if !ok || m.All == nil {
			t.Errorf("mape.%s missing or null", s)
		}
	}
	// FY2008 has no arrests figure: actual must be null, not 0.
	var arr struct {
		Actual *float64 `json:"actual"`
	}
	if err := json.Unmarshal(first["arrests"], &arr); err != nil || arr.Actual != nil {
		t.Errorf("FY2008 arrests = %s, want a null actual", first["arrests"])
	}
}

// TestMAPE checks the error arithmetic on a hand-made report.
func TestMAPE(t *testing.T) {
	if got := (Pair{Actual: 200, Predicted: 150, HasActual: true}).APE(); got != 25 {
		t.Errorf("APE = %g, want 25", got)
	}
	if got := (Pair{Predicted: 150}).APE(); !math.IsNaN(got) {
		t.Errorf("APE without actual = %g, want NaN", got)
	}
	if mean(nil) == mean(nil) {
		t.Error("mean of nothing should be NaN")
	}
}

// TestCoverage checks the coverage check's shape: one item per scored
// held-out figure and per 2025 window, bands ordered and containing their
// median, the predictive band wider than the parameters' alone, and the
// rates the shares of items inside.
func TestCoverage(t *testing.T) {
	b := history.Behaviour{{Path: "arrests.per_officer_month", Param: scenario.Param{Value: 2, Range: []float64{1.5, 3}, Set: true}}}
	c, err := CheckCoverage(b, []int{2016}, 6, 1, map[string]float64{"removals": 0.1, "arrests": 0.3, "detention_adp": 0.3, "court_backlog": 0.3})
	if err != nil {
		t.Fatal(err)
	}
	// FY2016: removals, arrests, detention ADP and backlog; two windows.
	if len(c.Items) != 4+len(windows2025) {
		t.Fatalf("%d items: %+v", len(c.Items), c.Items)
	}
	in, pin := 0, 0
	for _, it := range c.Items {
		if !(it.P05 <= it.P50 && it.P50 <= it.P95) || it.P05 == it.P95 {
			t.Errorf("%s: band %g %g %g", it.What, it.P05, it.P50, it.P95)
		}
		if it.Predictive95-it.Predictive05 <= it.P95-it.P05 {
			t.Errorf("%s: predictive band [%g, %g] not wider than [%g, %g]", it.What, it.Predictive05, it.Predictive95, it.P05, it.P95)
		}
		if it.Inside != (it.Actual >= it.P05 && it.Actual <= it.P95) {
			t.Errorf("%s: inside %v for %g in [%g, %g]", it.What, it.Inside, it.Actual, it.P05, it.P95)
		}
		if it.Inside {
			in++
		}
		if it.PredictiveInside {
			pin++
		}
	}
	if n := float64(len(c.Items)); c.All != float64(in)/n || c.PredictiveAll != float64(pin)/n {
		t.Errorf("rates %g, %g; want %g, %g", c.All, c.PredictiveAll, float64(in)/n, float64(pin)/n)
	}
	if _, err := CheckCoverage(b, []int{2016}, 1, 1, nil); err == nil {
		t.Error("one draw accepted")
	}
}
