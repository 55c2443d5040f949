package chart

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/result"
)

// tiny is a three-month result with bands.
func tiny() *result.Result {
	mo := func(m string, x float64) result.Month {
		return result.Month{Month: m, Removals: x, RemovalsByPathway: map[string]float64{"a": x / 2, "b": x / 2},
			Stocks: map[string]float64{"detained": 2 * x}, Utilisation: map[string]float64{"beds": 0.9},
			Flows: map[string]float64{"at_large->departed": x / 10}}
	}
	return &result.Result{Scenario: "tiny", Runs: 3, Monthly: []result.Month{mo("2025-01", 100), mo("2025-02", 120), mo("2025-03", 90)},
		Totals:            result.Totals{CostByItem: map[string]float64{"detention": 5e6, "flights": 1e6}},
		Bands:             map[string][]result.Band{"removals": {{Month: "2025-01", P05: 90, P50: 100, P95: 110}, {Month: "2025-02", P05: 100, P50: 120, P95: 130}, {Month: "2025-03", P05: 80, P50: 90, P95: 95}}},
		TimeToRemovalDays: map[string]result.Distribution{"a": {Count: 10, Mean: 20}},
	}
}

// TestResultFigures checks the charts of a run and that each encodes as
// a PNG and an SVG naming its title.
func TestResultFigures(t *testing.T) {
	figs, err := Result(tiny())
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range figs {
		names = append(names, f.Name)
		png, err := f.Encode("png")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG")) || len(png) < 5000 {
			t.Errorf("%s: not a drawn PNG (%d bytes)", f.Name, len(png))
		}
		svg, err := f.Encode("svg")
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte("tiny")) {
			t.Errorf("%s: the SVG lacks the title", f.Name)
		}
	}
	want := "removals-by-pathway removals-by-definition stocks utilisation costs due-process uncertainty time-to-removal"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("figures %q, want %q", got, want)
	}
}

func TestShapesRefuseMismatch(t *testing.T) {
	if _, err := Lines("x", "x", "", []string{"a", "b"}, []Series{{"s", []float64{1}}}, false); err == nil {
		t.Error("Lines accepted 1 value for 2 months")
	}
	if _, err := Bars("x", "x", "", []string{"a"}, nil, nil, nil); err == nil {
		t.Error("Bars accepted no value for a label")
	}
	if _, err := PredictedActual("x", "x", "", []string{"a"}, []float64{1}, []float64{math.NaN()}, nil); err == nil {
		t.Error("PredictedActual accepted no held-out flag")
	}
}

func TestGroup(t *testing.T) {
	for x, want := range map[float64]string{0: "0", 1234567: "1,234,567", -2500: "-2,500", 0.25: "0.25", 1e16: "1e+16"} {
		if got := group(x); got != want {
			t.Errorf("group(%v) = %q, want %q", x, got, want)
		}
	}
}
