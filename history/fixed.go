package history

import "github.com/removalsim/removalsim/scenario"

// costs are baseline-2025's unit costs with the bed-day rate of FY2016;
// history compares people, not money, so they only fill the report.
func costs(b *scenario.Scenario) scenario.Costs {
	c := b.Costs
	c.PerBedDay = scenario.Param{Value: 129, Source: "ICE adult bed-day rate FY2016 (data: detention_cost_per_bed_day FY2016), held for every year", Set: true}
	c.CustodialArrestFactor.Source = withoutDataCite(c.CustodialArrestFactor.Source, "ice_atlarge_arrests FY2024", "a judgement; FY2024's at-large arrests are not used")
	return c
}
