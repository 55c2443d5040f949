package chart

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/compare"
	"github.com/removalsim/removalsim/plan"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/sensitivity"
)

// label turns a snake_case name into words.
func label(s string) string { return strings.ReplaceAll(s, "_", " ") }

// keys returns the keys of the maps of every month, sorted.
func keys(monthly []result.Month, m func(*result.Month) map[string]float64) []string {
	seen := map[string]bool{}
	for i := range monthly {
		for k := range m(&monthly[i]) {
			seen[k] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// column returns, month by month, get of the month.
func column(monthly []result.Month, get func(*result.Month) float64) []float64 {
	out := make([]float64, len(monthly))
	for i := range monthly {
		out[i] = get(&monthly[i])
	}
	return out
}

// sorted returns the keys of m, sorted, and their values.
func sorted(m map[string]float64) ([]string, []float64) {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	vs := make([]float64, len(ks))
	for i, k := range ks {
		vs[i] = m[k]
	}
	return ks, vs
}

// Result returns the charts of a run: removals by pathway and by
// definition (stacked), stocks (without the three largest, which would
// flatten the rest), capacity utilisation, costs and due-process
// indicators over the run, time to removal, and, for several agent
// replications, the uncertainty band of monthly removals.
func Result(r *result.Result) ([]*Figure, error) {
	mo := r.Monthly
	months := make([]string, len(mo))
	for i := range mo {
		months[i] = mo[i].Month
	}
	var figs []*Figure
	add := func(f *Figure, err error) error {
		if err == nil {
			figs = append(figs, f)
		}
		return err
	}
	var pathways []Series
	for _, p := range keys(mo, func(m *result.Month) map[string]float64 { return m.RemovalsByPathway }) {
		pathways = append(pathways, Series{label(p), column(mo, func(m *result.Month) float64 { return m.RemovalsByPathway[p] })})
	}
	if err := add(Lines("removals-by-pathway", r.Scenario+": removals by pathway, per month", "persons", months, pathways, true)); err != nil {
		return nil, err
	}
	flows := func(names ...string) func(*result.Month) float64 {
		return func(m *result.Month) float64 {
			s := 0.0
			for _, n := range names {
				s += m.Flows[n]
			}
			return s
		}
	}
	defs := []Series{
		{"removals (ICE definition)", column(mo, func(m *result.Month) float64 { return m.Removals })},
		{"voluntary departure granted in court", column(mo, flows("court_queue->departed", "in_proceedings->departed"))},
		{"self-departure", column(mo, flows("at_large->departed", "final_order->departed", "final_order_stale->departed"))},
	}
	if err := add(Lines("removals-by-definition", r.Scenario+": removals and departures by definition", "persons", months, defs, true)); err != nil {
		return nil, err
	}
	var stocks []Series
	for _, s := range keys(mo, func(m *result.Month) map[string]float64 { return m.Stocks }) {
		if s == "at_large" || s == "in_proceedings" || s == "final_order" || s == "final_order_stale" {
			continue
		}
		stocks = append(stocks, Series{label(s), column(mo, func(m *result.Month) float64 { return m.Stocks[s] })})
	}
	if err := add(Lines("stocks", r.Scenario+": stocks at each month's end (the largest left out: at large, in proceedings, final orders)", "persons", months, stocks, false)); err != nil {
		return nil, err
	}
	var util []Series
	for _, c := range keys(mo, func(m *result.Month) map[string]float64 { return m.Utilisation }) {
		util = append(util, Series{label(c), column(mo, func(m *result.Month) float64 { return 100 * m.Utilisation[c] })})
	}
	if err := add(Lines("utilisation", r.Scenario+": capacity utilisation (binding: see the table)", "% used", months, util, false)); err != nil {
		return nil, err
	}
	if items, costs := sorted(r.Totals.CostByItem); len(items) > 0 {
		for i := range items {
			items[i] = label(items[i])
		}
		if err := add(Bars("costs", fmt.Sprintf("%s: cost by category over the run (USD)", r.Scenario), "USD", items, costs, nil, nil)); err != nil {
			return nil, err
		}
	}
	dp := r.DueProcess
	dpLabels := []string{"fear screenings", "fear screenings passed", "third-country screenings", "third-country screenings passed",
		"notices served", "removals with assurances", "removals without assurances after notice",
		"removals without assurances or notice", "removals without hearing", "blocked by injunction"}
	dpValues := []float64{dp.FearScreenings, dp.FearScreeningsPassed, dp.ThirdCountryScreenings, dp.ThirdCountryScreeningsPassed,
		dp.NoticesServed, dp.RemovalsWithAssurances, dp.RemovalsWithoutAssurancesAfterNotice,
		dp.RemovalsWithoutAssurancesOrNotice, dp.RemovalsWithoutHearing, dp.BlockedByInjunction}
	if err := add(Bars("due-process", r.Scenario+": due-process indicators over the run", "persons", dpLabels, dpValues, nil, nil)); err != nil {
		return nil, err
	}
	if b := r.Bands["removals"]; len(b) > 0 {
		bm := make([]string, len(b))
		lo, mid, hi := make([]float64, len(b)), make([]float64, len(b)), make([]float64, len(b))
		for i, x := range b {
			bm[i], lo[i], mid[i], hi[i] = x.Month, x.P05, x.P50, x.P95
		}
		if err := add(Band("uncertainty", fmt.Sprintf("%s: removals per month across %d replications", r.Scenario, r.Runs), "persons", bm, lo, mid, hi)); err != nil {
			return nil, err
		}
	}
	var ttrLabels []string
	var ttr []float64
	for _, k := range slices.Sorted(maps.Keys(r.TimeToRemovalDays)) {
		ttrLabels = append(ttrLabels, label(k))
		ttr = append(ttr, r.TimeToRemovalDays[k].Mean)
	}
	if len(ttr) > 0 {
		if err := add(Bars("time-to-removal", r.Scenario+": mean days from arrest to removal", "days", ttrLabels, ttr, nil, nil)); err != nil {
			return nil, err
		}
	}
	return figs, nil
}

// Comparison returns one chart: each outcome's B − A relative to A, in
// percent, with the confidence interval.
func Comparison(c *compare.Comparison) ([]*Figure, error) {
	var labels []string
	var rel, lo, hi []float64
	for _, r := range c.Rows {
		if r.A == 0 {
			continue
		}
		labels = append(labels, label(r.Outcome))
		rel = append(rel, 100*r.Diff/abs(r.A))
		lo = append(lo, 100*r.Low/abs(r.A))
		hi = append(hi, 100*r.High/abs(r.A))
	}
	f, err := Bars("compare", "B − A relative to A (%), with the 95% interval", "%", labels, rel, lo, hi)
	if err != nil {
		return nil, err
	}
	return []*Figure{f}, nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// Plan returns the charts of a plan: each month's annual rate against the
// target, and each capacity's level as an index of its first month.
func Plan(name string, o *plan.Output) ([]*Figure, error) {
	months := make([]string, len(o.Schedule))
	rate := make([]float64, len(o.Schedule))
	target := make([]float64, len(o.Schedule))
	for i, m := range o.Schedule {
		months[i], rate[i], target[i] = m.Month, m.RatePerYear, o.TargetPerYear
	}
	f1, err := Lines("plan-rate", name+": annual removal rate of each month against the target", "removals a year", months,
		[]Series{{"rate (flow engine)", rate}, {"target", target}}, false)
	if err != nil {
		return nil, err
	}
	var levels []Series
	if len(o.Schedule) > 0 {
		caps, _ := sorted(o.Schedule[0].Levels)
		for _, c := range caps {
			first := o.Schedule[0].Levels[c]
			if first == 0 {
				first = 1
			}
			levels = append(levels, Series{label(c), func() []float64 {
				v := make([]float64, len(o.Schedule))
				for i, m := range o.Schedule {
					v[i] = 100 * m.Levels[c] / first
				}
				return v
			}()})
		}
	}
	f2, err := Lines("plan-levels", name+": capacity levels (first month = 100)", "index", months, levels, false)
	if err != nil {
		return nil, err
	}
	return []*Figure{f1, f2}, nil
}

// Sensitivity returns the chart of a study of metric: the tornado of
// one-at-a-time swings around the base, Morris mu* per parameter, or the
// Sobol total indices with their intervals.
func Sensitivity(name, metric string, out any) ([]*Figure, error) {
	var (
		labels            []string
		values, low, high []float64
		title, unit       string
	)
	switch r := out.(type) {
	case *sensitivity.OATResult:
		for _, x := range r.Rows {
			labels = append(labels, x.Name)
			lo, hi := min(x.AtLow, x.AtHigh)-r.Base, max(x.AtLow, x.AtHigh)-r.Base
			values, low, high = append(values, x.AtHigh-r.Base), append(low, lo), append(high, hi)
		}
		title, unit = fmt.Sprintf("%s: %s at each parameter's high (bar) and its range (line), minus the base %s", name, metric, group(r.Base)), metric
	case *sensitivity.MorrisResult:
		for _, x := range r.Rows {
			labels, values = append(labels, x.Name), append(values, x.MuStar)
		}
		low, high = nil, nil
		title, unit = fmt.Sprintf("%s: Morris mu* of %s per full range", name, metric), metric
	case *sensitivity.SobolResult:
		for _, x := range r.Rows {
			labels = append(labels, x.Name)
			values, low, high = append(values, x.ST), append(low, x.STLow), append(high, x.STHigh)
		}
		title, unit = fmt.Sprintf("%s: Sobol total indices of %s, 95%% intervals", name, metric), "share of variance"
	default:
		return nil, fmt.Errorf("chart: unknown sensitivity result %T", out)
	}
	f, err := Bars("sensitivity", title, unit, labels, values, low, high)
	if err != nil {
		return nil, err
	}
	return []*Figure{f}, nil
}
