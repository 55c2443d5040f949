package sensitivity

import (
	"fmt"
	"sort"
	"strings"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// Metric reads one number from a run's result.
type Metric func(r *result.Result) float64

// Metrics are the outputs a scenario's sensitivity can be measured on,
// by name.
var Metrics = map[string]Metric{
	// removals is total removals over the run (persons).
	"removals": func(r *result.Result) float64 { return r.Totals.Removals },
	// removals_year1 is removals in the first 12 months (persons).
	"removals_year1": func(r *result.Result) float64 {
		if len(r.Annual) == 0 {
			return 0
		}
		return r.Annual[0].Removals
	},
	// removals_last_year is removals in the last 12-month period.
	"removals_last_year": func(r *result.Result) float64 {
		if len(r.Annual) == 0 {
			return 0
		}
		return r.Annual[len(r.Annual)-1].Removals
	},
	// arrests is total interior arrests (persons).
	"arrests": func(r *result.Result) float64 { return r.Totals.Arrests },
	// cost is total cost (USD).
	"cost": func(r *result.Result) float64 { return r.Totals.CostUSD },
	// cost_per_removal is total cost over total removals (USD).
	"cost_per_removal": func(r *result.Result) float64 { return r.Totals.CostPerRemovalUSD },
	// average_detained is the mean detained population (persons).
	"average_detained": func(r *result.Result) float64 { return r.Detention.AverageDailyPopulation },
	// final_orders_end is the final-order docket at the end (persons).
	"final_orders_end": func(r *result.Result) float64 {
		if len(r.Monthly) == 0 {
			return 0
		}
		return r.Monthly[len(r.Monthly)-1].FinalOrders
	},
}

// MetricNames lists the metric names in sorted order.
func MetricNames() []string {
	var out []string
	for k := range Metrics {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Factors returns one factor per parameter of s that carries a range,
// named by its YAML path, with its value as base; a plan-only parameter
// (scenario.PlanOnly) is not a factor of a run.
func Factors(s *scenario.Scenario) []Factor {
	var out []Factor
	for _, r := range scenario.Params(s) {
		if len(r.Param.Range) == 2 && !scenario.PlanOnly(r.Path) {
			out = append(out, Factor{Name: r.Path, Low: r.Param.Range[0], High: r.Param.Range[1], Base: r.Param.Value})
		}
	}
	return out
}

// ScenarioFunc returns a NewFunc that evaluates metric on the flow engine
// with the factors' parameters set. load must return a fresh copy of the
// scenario on each call (each worker changes its own copy).
func ScenarioFunc(load func() (*scenario.Scenario, error), fs []Factor, metric string) (NewFunc, error) {
	met, ok := Metrics[metric]
	if !ok {
		return nil, fmt.Errorf("unknown metric %q (want one of %s)", metric, strings.Join(MetricNames(), ", "))
	}
	return func() (Func, error) {
		s, err := load()
		if err != nil {
			return nil, err
		}
		byPath := map[string]*scenario.Param{}
		for _, r := range scenario.Params(s) {
			byPath[r.Path] = r.Param
		}
		ps := make([]*scenario.Param, len(fs))
		for i, f := range fs {
			if ps[i] = byPath[f.Name]; ps[i] == nil {
				return nil, fmt.Errorf("sensitivity: scenario has no parameter %s", f.Name)
			}
		}
		return func(x []float64) (float64, error) {
			for i, p := range ps {
				p.Value = x[i]
			}
			m, err := model.Compile(s)
			if err != nil {
				return 0, err
			}
			return met(flow.Run(m)), nil
		}, nil
	}, nil
}
