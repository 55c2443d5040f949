package sweep

import (
	"github.com/removalsim/removalsim/result"
)

// Metric is one outcome recorded for every run: over the whole run and,
// when Annual is set, for each 12-month period from the start. Periods
// are spans "YYYY-MM/YYYY-MM" and units those of package tidy, as in
// every tidy table of removalsim.
type Metric struct {
	Name   string
	Total  func(*result.Result) float64
	Annual func(result.Period) float64
}

// metrics are the outcomes a sweep can record, in table order.
var metrics = []Metric{
	{"removals",
		func(r *result.Result) float64 { return r.Totals.Removals },
		func(p result.Period) float64 { return p.Removals }},
	{"arrests",
		func(r *result.Result) float64 { return r.Totals.Arrests },
		func(p result.Period) float64 { return p.Arrests }},
	{"cost_usd",
		func(r *result.Result) float64 { return r.Totals.CostUSD },
		func(p result.Period) float64 { return p.CostUSD }},
	{"cost_per_removal_usd",
		func(r *result.Result) float64 { return r.Totals.CostPerRemovalUSD }, nil},
	{"average_detained",
		func(r *result.Result) float64 { return r.Detention.AverageDailyPopulation },
		func(p result.Period) float64 { return p.AverageDetained }},
	{"court_completions",
		func(r *result.Result) float64 { return r.Totals.CourtCompletions }, nil},
	{"final_orders_end",
		func(r *result.Result) float64 {
			if len(r.Monthly) == 0 {
				return 0
			}
			return r.Monthly[len(r.Monthly)-1].FinalOrders
		}, nil},
}

// MetricNames lists the metrics in table order.
func MetricNames() []string {
	out := make([]string, len(metrics))
	for i, m := range metrics {
		out[i] = m.Name
	}
	return out
}

func metricByName(name string) (Metric, bool) {
	for _, m := range metrics {
		if m.Name == name {
			return m, true
		}
	}
	return Metric{}, false
}
