package report_test

import (
	"os"

	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
)

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
