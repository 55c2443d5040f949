package backtest

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"

	"github.com/removalsim/removalsim/history"
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

func TestChartsArePNG(t *testing.T) {
	r, err := Run(nil, []int{2016})
	if err != nil {
		t.Fatal(err)
	}
	charts, err := r.Charts()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Series {
		if !bytes.HasPrefix(charts[s], []byte("\x89PNG")) {
			t.Errorf("chart %s is not a PNG (%d bytes)", s, len(charts[s]))
		}
	}
}
