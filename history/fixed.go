package history

import "github.com/removalsim/removalsim/scenario"

func src(v float64, source string) scenario.Param {
	return scenario.Param{Value: v, Source: source, Set: true}
}

// Countries returns the country groups of baseline-2025 with its FY2024
// mix; history scenarios replace the shares with each year's mix (see
// builder.countries), the calibrated file keeps these.
func Countries() []scenario.CountryGroup {
	return []scenario.CountryGroup{
		{Name: "mexico",
			CaseloadShare:  src(0.32, "ICE FY2024: 87,298 of 271,484 removals to Mexico (as baseline-2025); the FY2024 mix is used for every year"),
			BorderShare:    src(0.40, "assumption: Mexican share of border expedited cases (as baseline-2025)"),
			AcceptanceRate: src(1.0, "Mexico accepts returns of its nationals by land"),
			NeedsFlight:    false,
			TravelDocDays:  src(3, "assumption: consular verification at the border (as baseline-2025)")},
		{Name: "northern_triangle",
			CaseloadShare:  src(0.45, "ICE FY2024: Guatemala 66,435, Honduras 45,923, El Salvador 15,284 of 271,484 (as baseline-2025)"),
			BorderShare:    src(0.40, "assumption (as baseline-2025)"),
			AcceptanceRate: src(0.99, "these countries accept returns (DESIGN.md)"),
			NeedsFlight:    true,
			TravelDocDays:  src(10, "assumption: electronic travel documents (as baseline-2025)")},
		{Name: "other_cooperative",
			CaseloadShare:  src(0.16, "assumption: remainder of FY2024 removals less uncooperative countries (as baseline-2025)"),
			BorderShare:    src(0.15, "assumption (as baseline-2025)"),
			AcceptanceRate: src(0.95, "assumption (as baseline-2025)"),
			NeedsFlight:    true,
			TravelDocDays:  src(30, "assumption (as baseline-2025)")},
		{Name: "uncooperative",
			CaseloadShare:  src(0.07, "assumption: nationals of the countries ICE lists as uncooperative (as baseline-2025)"),
			BorderShare:    src(0.05, "assumption (as baseline-2025)"),
			AcceptanceRate: src(0.3, "assumption (as baseline-2025)"),
			MonthlyCap:     src(1000, "assumption (as baseline-2025)"),
			NeedsFlight:    true,
			TravelDocDays:  src(90, "assumption (as baseline-2025)")},
	}
}

// costs are baseline-2025's unit costs; history compares people, not
// money, so they only fill the report.
func costs() scenario.Costs {
	return scenario.Costs{
		PerArrest:             src(4800, "ICE FY2016: apprehension component about $4,800 of $10,854 per removal (data: ice_cost_per_removal FY2016; as baseline-2025)"),
		CustodialArrestFactor: src(0.4, "assumption (as baseline-2025)"),
		PerBedDay:             src(129, "ICE adult bed-day rate FY2016 (data: detention_cost_per_bed_day FY2016), held for every year"),
		PerATDDay:             src(8, "AILA: ISAP $8.00 per participant-day FY2024 (as baseline-2025)"),
		PerScreening:          src(1000, "assumption (as baseline-2025)"),
		PerLandRemoval:        src(250, "assumption (as baseline-2025)"),
	}
}
