package study

import (
	"math"
	"testing"

	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// steady returns a 12-month result removing 1000 a month, each month
// costing the given items, with 2000 arrests a month.
func steady(items map[string]float64) *result.Result {
	r := &result.Result{Start: "2030-01"}
	for range 12 {
		r.Monthly = append(r.Monthly, result.Month{Month: "2030-01", Removals: 1000, Arrests: 2000, CostByItem: items,
			Capacity: map[string]float64{"detention_beds": 500, "officers": 40, "judges": 3}})
		r.Totals.Removals += 1000
	}
	return r
}

// TestCompareSplits checks the reconciliation's arithmetic on a run whose
// cost per removal is known: the categories map the kinds, scaling is per
// removal, the dynamics item prices the quantity difference at the
// study's unit cost, and the items sum to the difference.
func TestCompareSplits(t *testing.T) {
	s := &scenario.Scenario{Name: "t", Study: scenario.Study{
		PriceYear: 2025, RemovalsPerYear: scenario.P(24000),
		ArrestsUSD: scenario.P(24000 * 5000), DetentionUSD: scenario.P(24000 * 3000), OtherUSD: scenario.P(1e6),
		CostPerArrest: scenario.P(5000), ArrestsPerRemoval: scenario.P(1),
	}}
	u := &cost.Units{PriceYear: 2025, PerBedDay: 100}
	// Per month: officer pay 3e6 and arrest operations 1e6 (arrests),
	// 30,000 bed-days at $100 (detention).
	r := steady(map[string]float64{"officer_pay": 3e6, "arrest_operations": 1e6, "bed_days": 3e6})
	c, err := Compare(s, u, r)
	if err != nil {
		t.Fatal(err)
	}
	// removalsim per removal: arrests $4,000, detention $3,000; the study
	// runs at twice removalsim's 12,000 a year.
	tests := []struct {
		name      string
		got, want float64
	}{
		{"removalsim arrests", c.Removalsim.ByCategoryUSD["arrests"], 24000 * 4000},
		{"removalsim detention", c.Removalsim.ByCategoryUSD["detention"], 24000 * 3000},
		{"arrests per removal", c.Removalsim.ArrestsPerRemoval, 2},
		{"detention days per removal", c.Removalsim.DetentionDaysPerRemoval, 30},
		{"arrests dynamics", c.Reconciliation[0].USD, 5000 * (1 - 2) * 24000},
		{"arrests cost", c.Reconciliation[1].USD, 24000*5000 - 24000*4000 - 5000*(1-2)*24000},
		{"difference", c.DifferenceUSD, 1e6 + 24000*1000},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-6*math.Abs(tt.want) {
			t.Errorf("%s: %g, want %g", tt.name, tt.got, tt.want)
		}
	}
	sum := 0.0
	for _, it := range c.Reconciliation {
		sum += it.USD
	}
	if math.Abs(sum-c.DifferenceUSD) > 1e-6 {
		t.Errorf("items sum to %g, difference %g", sum, c.DifferenceUSD)
	}
	if c.Reconciliation[2].Kind != "cost and dynamics" {
		t.Errorf("detention without a published unit cost: %+v", c.Reconciliation[2])
	}
}

func TestCompareErrors(t *testing.T) {
	u := &cost.Units{}
	if _, err := Compare(&scenario.Scenario{Name: "none"}, u, steady(nil)); err == nil {
		t.Error("no error for a scenario without a study block")
	}
	s := &scenario.Scenario{Name: "short", Study: scenario.Study{PriceYear: 2025, RemovalsPerYear: scenario.P(1)}}
	short := steady(nil)
	short.Monthly = short.Monthly[:6]
	if _, err := Compare(s, u, short); err == nil {
		t.Error("no error for a run shorter than a year")
	}
}
