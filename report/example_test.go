package report_test

import (
	"os"

	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
)

// tiny is a hand-built two-month result, small enough to read in full.
func tiny() *result.Result {
	return &result.Result{
		Scenario: "tiny", Engine: "flow", Seed: 1, Runs: 1, Start: "2025-01", Months: 2,
		Monthly: []result.Month{
			{Month: "2025-01", Removals: 1200, Arrests: 1500.5, Detained: 900, Binding: "detention_beds",
				Utilisation:       map[string]float64{"detention_beds": 1, "flights": 0.25},
				RemovalsByPathway: map[string]float64{"interior_court": 200, "border_expedited": 1000},
				Flows:             map[string]float64{"arrested->detained_docket": 300}},
			{Month: "2025-02", Removals: 1300, Arrests: 1400, Detained: 950, Binding: "detention_beds",
				Utilisation: map[string]float64{"detention_beds": 0.98, "flights": 0.3}},
		},
	}
}

// CSV writes one row per month and metric, metrics sorted by name, maps
// flattened by JSON path.
func ExampleCSV() {
	if err := report.CSV(os.Stdout, tiny()); err != nil {
		panic(err)
	}
	// Output:
	// month,metric,value
	// 2025-01,arrests,1500.5
	// 2025-01,cost_usd,0
	// 2025-01,court_backlog,0
	// 2025-01,detained,900
	// 2025-01,final_orders,0
	// 2025-01,flows.arrested->detained_docket,300
	// 2025-01,removals,1200
	// 2025-01,removals_by_pathway.border_expedited,1000
	// 2025-01,removals_by_pathway.interior_court,200
	// 2025-01,utilisation.detention_beds,1
	// 2025-01,utilisation.flights,0.25
	// 2025-02,arrests,1400
	// 2025-02,cost_usd,0
	// 2025-02,court_backlog,0
	// 2025-02,detained,950
	// 2025-02,final_orders,0
	// 2025-02,removals,1300
	// 2025-02,utilisation.detention_beds,0.98
	// 2025-02,utilisation.flights,0.3
}

// Sources lists parameters with value, date and reference.
func ExampleSources() {
	err := report.Sources(os.Stdout, []result.Source{
		{Path: "population.at_large", Value: 11e6, AsOf: "2025-01", Source: "reporting: about 11 million"},
		{Path: "costs.per_bed_day", Value: 157.5, Source: "ICE budget justification"},
	})
	if err != nil {
		panic(err)
	}
	// Output:
	// parameter            value       as of    source
	// population.at_large  11,000,000  2025-01  reporting: about 11 million
	// costs.per_bed_day    157.5       -        ICE budget justification
}
