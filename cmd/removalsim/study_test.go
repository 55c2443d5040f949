package main

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/removalsim/removalsim/study"
)

// TestStudyBars is issue 13's first bar: `removalsim study NAME --format
// json` reports, for each of the four studies, removalsim's annual cost at
// the study's rate beside the published figure (AIC's $88B for
// 1,000,000 a year), with reconciliation items that sum to the difference.
func TestStudyBars(t *testing.T) {
	names := studyNames()
	if len(names) != 4 {
		t.Fatalf("studies %v, want the four of issue 13", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			var c study.Comparison
			if err := json.Unmarshal([]byte(mustRun(t, "study", name, "--format", "json")), &c); err != nil {
				t.Fatal(err)
			}
			if !(c.Removalsim.CostPerYearUSD > 0 && c.Published.CostPerYearUSD > 0 && c.RatePerYear > 0) {
				t.Fatalf("published %g, removalsim %g at %g a year", c.Published.CostPerYearUSD, c.Removalsim.CostPerYearUSD, c.RatePerYear)
			}
			sum := 0.0
			for _, it := range c.Reconciliation {
				sum += it.USD
			}
			want := c.Published.CostPerYearUSD - c.Removalsim.CostPerYearUSD
			if math.Abs(sum-want) > 1e-6*c.Published.CostPerYearUSD || math.Abs(c.DifferenceUSD-want) > 1e-6*c.Published.CostPerYearUSD {
				t.Errorf("items sum to %g, difference %g, published − removalsim %g", sum, c.DifferenceUSD, want)
			}
			if name == "aic-2024" && (c.Published.CostPerYearUSD != 88e9 || c.RatePerYear != 1e6) {
				t.Errorf("AIC: published %g at %g a year, want $88B at 1,000,000", c.Published.CostPerYearUSD, c.RatePerYear)
			}
		})
	}
}

func TestStudyBadInput(t *testing.T) {
	for _, args := range [][]string{{"study", "nosuch"}, {"study", "aic-2024", "--format", "xml"}, {"study"}} {
		if code, _, stderr := removalsim(t, args...); code != 2 || stderr == "" {
			t.Errorf("%v: exit %d, stderr %q; want 2 with a message", args, code, stderr)
		}
	}
}
