package tidy

import (
	"reflect"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/result"
)

// Result returns the rows of a run: per month every number of
// result.Month (maps flattened by JSON path, "binding.<capacity>" = 1 for
// the binding capacity) and the agent engine's bands; per 12-month period
// the annual sums, binding and bands; over the whole run the totals,
// detention, due-process indicators and time to removal; and, when the
// run has them, the bottleneck cells. Fields are read by reflection, so a
// number added to the result contract appears here without a change.
func Result(r *result.Result) []Row {
	t := table{scenario: r.Scenario, engine: r.Engine, uncertainty: r.Uncertainty}
	bands := bandsByMonth(r.Bands)
	for i := range r.Monthly {
		mo := &r.Monthly[i]
		t.period = mo.Month
		t.band = "mean"
		t.fields("", reflect.ValueOf(*mo), "month", "binding")
		t.indicator("binding", mo.Binding)
		t.flush()
		t.bands(bands[mo.Month])
	}
	annual := bandsByMonth(r.AnnualBands)
	for _, a := range r.Annual {
		t.period, t.band = a.From+"/"+a.To, "mean"
		t.fields("", reflect.ValueOf(a), "index", "from", "to", "binding")
		t.indicator("binding", a.Binding)
		t.flush()
		t.bands(annual[a.From])
	}
	if len(r.Monthly) > 0 {
		t.period, t.band = r.Monthly[0].Month+"/"+r.Monthly[len(r.Monthly)-1].Month, "mean"
		t.fields("", reflect.ValueOf(r.Totals))
		t.fields("detention.", reflect.ValueOf(r.Detention))
		t.fields("due_process.", reflect.ValueOf(r.DueProcess))
		t.fields("time_to_removal_days.", reflect.ValueOf(r.TimeToRemovalDays))
		if r.Events > 0 {
			t.add("events", r.Events)
		}
		t.flush()
	}
	t.bottlenecks(r.Bottlenecks)
	return t.rows
}

// Bottlenecks returns the rows of the bottleneck analysis of a scenario
// (removalsim bottlenecks), as Result writes them for run --bottlenecks.
func Bottlenecks(scenario string, months []result.BottleneckMonth) []Row {
	t := table{scenario: scenario, engine: "flow"}
	t.bottlenecks(months)
	return t.rows
}

// table accumulates rows; pending rows of one period and band are sorted
// by metric when flushed.
type table struct {
	scenario, engine, band, period string
	// uncertainty is what the run's bands span (result.Result.Uncertainty),
	// appended to their band names.
	uncertainty   string
	pending, rows []Row
}

// add records metric = v in the current period and band.
func (t *table) add(metric string, v float64) {
	t.pending = append(t.pending, Row{t.scenario, t.engine, t.band, metric, Unit(metric), t.period, v})
}

// indicator records "<prefix>.<name>" = 1, unless name is empty or "none".
func (t *table) indicator(prefix, name string) {
	if name != "" && name != "none" {
		t.add(prefix+"."+name, 1)
	}
}

// flush sorts the pending rows by metric and appends them.
func (t *table) flush() {
	slices.SortStableFunc(t.pending, func(a, b Row) int { return strings.Compare(a.Metric, b.Metric) })
	t.rows = append(t.rows, t.pending...)
	t.pending = t.pending[:0]
}

// fields adds every number in v (a struct, or a map of numbers or of
// structs) under prefix, by JSON name; fields named in skip are left out.
func (t *table) fields(prefix string, v reflect.Value, skip ...string) {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		t.add(strings.TrimSuffix(prefix, "."), v.Float())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		t.add(strings.TrimSuffix(prefix, "."), float64(v.Int()))
	case reflect.Struct:
		ty := v.Type()
		for i := range ty.NumField() {
			f := ty.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" || slices.Contains(skip, name) {
				continue
			}
			if name == "" {
				name = f.Name
			}
			t.fields(prefix+name+".", v.Field(i))
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			t.fields(prefix+k.String()+".", v.MapIndex(k))
		}
	}
}

// bandsByMonth regroups per-metric bands by month: month → metric → band.
func bandsByMonth(b map[string][]result.Band) map[string]map[string]result.Band {
	out := map[string]map[string]result.Band{}
	for metric, bands := range b {
		for _, x := range bands {
			if out[x.Month] == nil {
				out[x.Month] = map[string]result.Band{}
			}
			out[x.Month][metric] = x
		}
	}
	return out
}

// bands adds the p05, p50 and p95 rows of one period's bands, metrics
// sorted; the band names carry what the bands span when the result says.
func (t *table) bands(b map[string]result.Band) {
	metrics := make([]string, 0, len(b))
	for m := range b {
		metrics = append(metrics, m)
	}
	slices.Sort(metrics)
	for _, q := range []string{"p05", "p50", "p95"} {
		t.band = q
		if t.uncertainty != "" {
			// What the band spans: p05_noise, p05_params, p05_both.
			t.band += "_" + t.uncertainty
		}
		for _, m := range metrics {
			x := b[m]
			t.add(m, map[string]float64{"p05": x.P05, "p50": x.P50, "p95": x.P95}[q])
		}
		t.flush()
	}
	t.band = "mean"
}

// bottlenecks adds each month's cells: utilisation.<capacity>,
// level.<capacity>, marginal.<capacity>, binding.<capacity> and
// best.<capacity>, in band "mean" under metric prefix "bottleneck.".
func (t *table) bottlenecks(months []result.BottleneckMonth) {
	t.band = "mean"
	for _, mo := range months {
		t.period = mo.Month
		t.indicator("bottleneck.binding", mo.Binding)
		t.indicator("bottleneck.best", mo.Best)
		for _, c := range mo.Capacities {
			t.add("bottleneck.utilisation."+c.Capacity, c.Utilisation)
			t.add("bottleneck.level."+c.Capacity, c.Level)
			t.add("bottleneck.marginal."+c.Capacity, c.Marginal)
		}
		t.flush()
	}
}
