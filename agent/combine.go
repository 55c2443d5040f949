package agent

import (
	"reflect"
	"slices"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
)

// BandMetrics are the monthly series given bands across replications.
var BandMetrics = []string{"removals", "arrests", "detained", "court_backlog", "final_orders"}

// combine returns the mean of the replications' results, taken in index
// order so the sums, hence the bytes, never depend on scheduling.
func combine(m *model.Model, reps []*replication, seed uint64) *result.Result {
	n := len(reps)
	out := combineResults(reps)
	out.Seed = seed

	events := int64(0)
	for _, r := range reps {
		events += r.events
	}
	out.Events = float64(events) / float64(n)

	out.TimeToRemovalDays = map[string]result.Distribution{}
	spd := float64(m.StepsPerDay)
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		var hist []int64
		var steps, count int64
		for _, r := range reps {
			steps += r.ttrSteps[p]
			count += r.ttrN[p]
			if len(r.ttrHist[p]) > len(hist) {
				hist = append(hist, make([]int64, len(r.ttrHist[p])-len(hist))...)
			}
			for d, v := range r.ttrHist[p] {
				hist[d] += v
			}
		}
		d := result.Distribution{Count: float64(count) / float64(n)}
		if count > 0 {
			d.Mean = float64(steps) / float64(count) / spd
			d.P50, d.P90 = histQuantile(hist, count, 0.5), histQuantile(hist, count, 0.9)
			d.Max = float64(len(hist) - 1)
		}
		out.TimeToRemovalDays[p.String()] = d
	}
	return out
}

// combineResults returns the mean of the replications' results, taken in
// index order, with the values they share copied, the binding
// constraints' modes, and the bands across them. combine adds what needs
// the replications' internals (events, pooled time to removal).
func combineResults(reps []*replication) *result.Result {
	n := len(reps)
	out := &result.Result{}
	acc := reflect.ValueOf(out).Elem()
	for _, r := range reps {
		addInto(acc, reflect.ValueOf(r.res).Elem())
	}
	scale(acc, float64(n))
	first := reps[0].res
	out.Engine, out.Runs = "agent", n
	// Values every replication shares are copied, not averaged, so they
	// keep their exact bits.
	out.Sources = first.Sources
	for i := range out.Monthly {
		out.Monthly[i].Capacity = first.Monthly[i].Capacity
		out.Monthly[i].Binding = mode(reps, func(r *result.Result) string { return r.Monthly[i].Binding })
	}
	for i := range out.Annual {
		out.Annual[i].Binding = mode(reps, func(r *result.Result) string { return r.Annual[i].Binding })
	}

	out.Bands = map[string][]result.Band{}
	for _, metric := range BandMetrics {
		out.Bands[metric] = bands(reps, len(first.Monthly), func(r *result.Result, i int) (string, float64) {
			return r.Monthly[i].Month, monthValue(&r.Monthly[i], metric)
		})
	}
	out.AnnualBands = map[string][]result.Band{}
	for _, metric := range []string{"removals", "arrests", "average_detained"} {
		out.AnnualBands[metric] = bands(reps, len(first.Annual), func(r *result.Result, i int) (string, float64) {
			return r.Annual[i].From, periodValue(&r.Annual[i], metric)
		})
	}
	return out
}

// bands returns, for each of n rows (months or periods), the 5th, 50th
// and 95th percentiles across replications of the value get reads from a
// replication's result, labelled as get labels it.
func bands(reps []*replication, n int, get func(r *result.Result, i int) (string, float64)) []result.Band {
	out := make([]result.Band, n)
	vals := make([]float64, len(reps))
	for i := range out {
		var label string
		for j, r := range reps {
			label, vals[j] = get(r.res, i)
		}
		slices.Sort(vals)
		out[i] = result.Band{Month: label, P05: Quantile(vals, 0.05), P50: Quantile(vals, 0.5), P95: Quantile(vals, 0.95)}
	}
	return out
}

func monthValue(mo *result.Month, metric string) float64 {
	switch metric {
	case "removals":
		return mo.Removals
	case "arrests":
		return mo.Arrests
	case "detained":
		return mo.Detained
	case "court_backlog":
		return mo.CourtBacklog
	default:
		return mo.FinalOrders
	}
}

// Quantile returns the q-quantile of sorted values by linear
// interpolation between order statistics (Hyndman and Fan's type 7, the
// default of R and NumPy); 0 for no values.
func Quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	h := q * float64(len(sorted)-1)
	i := int(h)
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// histQuantile returns the smallest day whose cumulative count reaches
// q of total, as tally does for one run.
func histQuantile(h []int64, total int64, q float64) float64 {
	target, acc := q*float64(total), int64(0)
	for d, v := range h {
		acc += v
		if float64(acc) >= target {
			return float64(d)
		}
	}
	return float64(len(h) - 1)
}

// mode returns the most frequent value across replications, ties going to
// the one seen first.
func mode(reps []*replication, get func(*result.Result) string) string {
	counts := map[string]int{}
	best, most := "", 0
	for _, r := range reps {
		v := get(r.res)
		counts[v]++
		if counts[v] > most {
			best, most = v, counts[v]
		}
	}
	return best
}

// addInto adds every float64 in src to the same place in dst (a value of
// the same type), growing slices and maps as needed, and copies other
// scalars (strings, integers) where dst still holds the zero value.
func addInto(dst, src reflect.Value) {
	switch dst.Kind() {
	case reflect.Float64:
		dst.SetFloat(dst.Float() + src.Float())
	case reflect.Struct:
		for i := range dst.NumField() {
			addInto(dst.Field(i), src.Field(i))
		}
	case reflect.Slice:
		if src.Len() > dst.Len() {
			dst.Set(reflect.AppendSlice(dst, reflect.MakeSlice(dst.Type(), src.Len()-dst.Len(), src.Len()-dst.Len())))
		}
		for i := range src.Len() {
			addInto(dst.Index(i), src.Index(i))
		}
	case reflect.Map:
		if src.Len() == 0 {
			return
		}
		if dst.IsNil() {
			dst.Set(reflect.MakeMap(dst.Type()))
		}
		iter := src.MapRange()
		for iter.Next() {
			v := reflect.New(dst.Type().Elem()).Elem()
			if cur := dst.MapIndex(iter.Key()); cur.IsValid() {
				v.Set(cur)
			}
			addInto(v, iter.Value())
			dst.SetMapIndex(iter.Key(), v)
		}
	default:
		if dst.IsZero() && dst.CanSet() {
			dst.Set(src)
		}
	}
}

// scale divides every float64 in v by n (division, not multiplication by
// 1/n, so a sum of n equal integers gives back the integer exactly).
func scale(v reflect.Value, n float64) {
	switch v.Kind() {
	case reflect.Float64:
		v.SetFloat(v.Float() / n)
	case reflect.Struct:
		for i := range v.NumField() {
			scale(v.Field(i), n)
		}
	case reflect.Slice:
		for i := range v.Len() {
			scale(v.Index(i), n)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			x := reflect.New(v.Type().Elem()).Elem()
			x.Set(iter.Value())
			scale(x, n)
			v.SetMapIndex(iter.Key(), x)
		}
	}
}
