package main

import (
	"math"
	"testing"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// TestStudyReconciliationSums is issue 13's first bar: for every study,
// removalsim's annual cost at the study's rate and the published figure
// are both reported, and the reconciliation items sum to their
// difference.
func TestStudyReconciliationSums(t *testing.T) {
	for i := range studies {
		p := &studies[i]
		t.Run(p.Name, func(t *testing.T) {
			s, err := scenario.Load(scenarios.FS, "studies/"+p.Name+".yaml")
			if err != nil {
				t.Fatal(err)
			}
			o, err := study(p, s)
			if err != nil {
				t.Fatal(err)
			}
			if !(o.Removalsim.CostPerYearUSD > 0 && o.Published.CostPerYearUSD > 0) {
				t.Fatalf("costs per year: published %g, removalsim %g", o.Published.CostPerYearUSD, o.Removalsim.CostPerYearUSD)
			}
			sum := 0.0
			for _, it := range o.Reconciliation {
				sum += it.USD
			}
			want := o.Published.CostPerYearUSD - o.Removalsim.CostPerYearUSD
			if math.Abs(sum-want) > 1e-6*o.Published.CostPerYearUSD || math.Abs(o.DifferenceUSD-want) > 1 {
				t.Errorf("items sum to %g, difference %g, published − removalsim %g", sum, o.DifferenceUSD, want)
			}
		})
	}
	if p := studies[0]; p.Name != "aic-2024" || p.Categories["detention"]+p.Categories["arrests"]+p.Categories["legal"]+p.Categories["transport"]+p.Categories["other"] != 88e9 {
		t.Errorf("AIC's published total is not $88B: %+v", p.Categories)
	}
}
