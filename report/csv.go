package report

import (
	"bufio"
	"encoding/csv"
	"io"
	"reflect"
	"slices"
	"strconv"

	"github.com/removalsim/removalsim/result"
)

// CSV writes the monthly series of r as a tidy long table with the header
// "month,metric,value": one row per month and numeric field of
// result.Month, and per entry of its maps, named by JSON path
// ("removals", "utilisation.detention_beds", "stocks.at_large",
// "flows.arrested->detained_docket"). Months keep the run's order; within
// a month metrics are sorted by name. Values are printed with
// strconv.FormatFloat(v, 'g', -1, 64), so they read back exactly. String
// fields (the binding capacity) are not numbers and are left out. It
// returns an error, and writes nothing, when r holds NaN or an infinity.
func CSV(w io.Writer, r *result.Result) error {
	if err := checkFinite(r); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	if err := cw.Write([]string{"month", "metric", "value"}); err != nil {
		return err
	}
	var rows []metric
	for i := range r.Monthly {
		rows = monthMetrics(rows[:0], &r.Monthly[i])
		for _, m := range rows {
			if err := cw.Write([]string{r.Monthly[i].Month, m.name, strconv.FormatFloat(m.value, 'g', -1, 64)}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// metric is one named number of a month.
type metric struct {
	name  string
	value float64
}

// monthMetrics appends every numeric field of mo, and every entry of its
// numeric maps, to dst, sorted by name. It reads the fields by reflection
// so that a field added to result.Month appears in the CSV without a
// change here.
func monthMetrics(dst []metric, mo *result.Month) []metric {
	v := reflect.ValueOf(*mo)
	t := v.Type()
	for i := range t.NumField() {
		f := v.Field(i)
		name := jsonName(t.Field(i))
		switch f.Kind() {
		case reflect.Float32, reflect.Float64:
			dst = append(dst, metric{name, f.Float()})
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			dst = append(dst, metric{name, float64(f.Int())})
		case reflect.Map:
			if k := f.Type().Elem().Kind(); k != reflect.Float64 && k != reflect.Float32 {
				continue
			}
			iter := f.MapRange()
			for iter.Next() {
				dst = append(dst, metric{name + "." + iter.Key().String(), iter.Value().Float()})
			}
		}
	}
	slices.SortFunc(dst, func(a, b metric) int {
		switch {
		case a.name < b.name:
			return -1
		case a.name > b.name:
			return 1
		}
		return 0
	})
	return dst
}
