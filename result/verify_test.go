package result

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
)

func sample() *Result {
	return &Result{
		Engine: "flow", Runs: 1, Months: 1,
		Totals:  Totals{Removals: 10, CostUSD: 5, AppropriationGapUSD: -3, CostByItem: map[string]float64{"beds": 5}},
		Monthly: []Month{{Stocks: map[string]float64{"at_large": 90}}},
		Ledger:  Ledger{"at_large": {Start: 100, Inflow: 5, Outflow: 15, End: 90}},
	}
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *Result)
		want   string // "" for valid
	}{
		{"valid, with a negative appropriation gap", func(*Result) {}, ""},
		{"NaN cost", func(r *Result) { r.Totals.CostUSD = math.NaN() }, "totals.cost_usd is NaN"},
		{"infinite stock", func(r *Result) { r.Monthly[0].Stocks["at_large"] = math.Inf(1) }, "monthly[0].stocks.at_large is +Inf"},
		{"negative cost item", func(r *Result) { r.Totals.CostByItem["beds"] = -1 }, "totals.cost_by_item.beds is -1, want a number >= 0"},
		{"unbalanced ledger", func(r *Result) { r.Ledger["at_large"] = Balance{Start: 100, Inflow: 5, Outflow: 15, End: 91} }, "ledger.at_large"},
		{"rounding within the ledger's tolerance", func(r *Result) { r.Ledger["at_large"] = Balance{Start: 100, Inflow: 5, Outflow: 15, End: 90 + 1e-10} }, ""},
		{"empty ledger", func(r *Result) { r.Ledger = nil }, "empty ledger"},
		{"negative runs", func(r *Result) { r.Runs = -1 }, "runs is -1"},
	}
	for _, tt := range tests {
		r := sample()
		tt.change(r)
		err := r.Verify()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestDropRoundOff(t *testing.T) {
	r := sample()
	r.Monthly[0].Stocks["court_queue"] = -1e-13
	r.Ledger["court_queue"] = Balance{Start: 1, Outflow: 1 + 1e-13, End: -1e-13}
	r.Totals.Relief = -2 // a real negative: left for Verify
	r.Monthly[0].Stocks["appeal"] = math.NaN()
	r.DropRoundOff()
	if got := r.Monthly[0].Stocks["appeal"]; !math.IsNaN(got) {
		t.Errorf("a NaN in a map became %v: it is left for Verify, as in a field", got)
	}
	r.Monthly[0].Stocks["appeal"] = 0
	if got := r.Monthly[0].Stocks["court_queue"]; got != 0 {
		t.Errorf("stock -1e-13 became %v, want 0", got)
	}
	if got := r.Ledger["court_queue"].End; got != 0 {
		t.Errorf("ledger end -1e-13 became %v, want 0", got)
	}
	if r.Totals.Relief != -2 || r.Totals.AppropriationGapUSD != -3 {
		t.Errorf("real negatives changed: relief %v, gap %v", r.Totals.Relief, r.Totals.AppropriationGapUSD)
	}
	if err := r.Verify(); err == nil || !strings.Contains(err.Error(), "totals.relief is -2") {
		t.Errorf("Verify after DropRoundOff: %v", err)
	}
}

// TestDropRoundOffEveryField sets every number of a result, wherever it
// sits (fields, slices, map values), to a round-off by reflection and
// checks that DropRoundOff zeroes them all: a number added to Result and
// not to DropRoundOff's explicit list fails here. DropRoundOffFields
// zeroes the same numbers but those of the maps of numbers, which it
// leaves as they are (they are set to another round-off, −2e-9, to tell
// them apart).
func TestDropRoundOffEveryField(t *testing.T) {
	const inField, inMap = -1e-9, -2e-9
	tests := []struct {
		name      string
		drop      func(*Result)
		keepsMaps bool
	}{
		{"DropRoundOff", (*Result).DropRoundOff, false},
		{"DropRoundOffFields", (*Result).DropRoundOffFields, true},
	}
	for _, tt := range tests {
		r := full(t)
		n := setFloats(reflect.ValueOf(r).Elem(), inField)
		if n < 60 {
			t.Fatalf("set only %d numbers; the sample lost its fields", n)
		}
		maps := 0
		Numbers(r, r, func(*float64, float64) {}, func(m *map[string]float64, _ map[string]float64) {
			for k := range *m {
				(*m)[k] = inMap
				maps++
			}
		})
		tt.drop(r)
		var left []string
		kept := 0
		walkFloats(reflect.ValueOf(r).Elem(), "", func(path string, x float64) {
			switch {
			case x == inMap && tt.keepsMaps:
				kept++
			case x != 0:
				left = append(left, path)
			}
		})
		if len(left) > 0 {
			t.Errorf("%s left round-off in %v", tt.name, left)
		}
		if tt.keepsMaps && (kept != maps || maps == 0) {
			t.Errorf("%s kept %d of the maps' %d numbers, want all", tt.name, kept, maps)
		}
	}
}

// TestWithoutRoundOff checks the rule for one number.
func TestWithoutRoundOff(t *testing.T) {
	for _, tt := range []struct{ x, want float64 }{
		{-1e-13, 0}, {-0.9e-6, 0}, {-RoundOff, -RoundOff}, {-2, -2}, {0, 0}, {1e-13, 1e-13}, {5, 5},
	} {
		if got := WithoutRoundOff(tt.x); got != tt.want {
			t.Errorf("WithoutRoundOff(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
}

// full returns a result with every list, map and pointer holding
// something, so that a walk by reflection reaches every kind of number.
func full(t *testing.T) *Result {
	t.Helper()
	r := sample()
	one := func() map[string]float64 { return map[string]float64{"x": 1} }
	r.Totals.RemovalsByPathway, r.Totals.RemovalsByDestination = one(), one()
	r.Annual = []Period{{RemovalsByPathway: one()}}
	r.Monthly = []Month{{Utilisation: one(), Capacity: one(), Queue: one(), RemovalsByPathway: one(), Stocks: one(), Flows: one(), CostByItem: one()}}
	r.Bands = map[string][]Band{"removals": {{Month: "2025-01"}}}
	r.AnnualBands = map[string][]Band{"removals": {{Month: "2025"}}}
	r.Bottlenecks = []BottleneckMonth{{Month: "2025-01", Capacities: []BottleneckCell{{Capacity: "beds"}}}}
	r.Sources = []Source{{Path: "x"}}
	r.Fired = []float64{1}
	r.TimeToRemovalDays = map[string]Distribution{"border_expedited": {}}
	r.Costs = &CostAccount{Lines: []CostLine{{}}, ByKind: []CostGroup{{}}, ByAgency: []CostGroup{{}},
		FiscalYears: []FiscalYearCost{{ByAgencyUSD: one()}}, Appropriations: []AppropriationRow{{}}}
	// A list, map or pointer left empty here would hide its numbers from
	// the check: every one must hold something.
	if empty := emptyContainers(reflect.ValueOf(r).Elem(), ""); len(empty) > 0 {
		t.Fatalf("populate %v in full", empty)
	}
	return r
}

// setFloats sets every exported float64 under v to x and counts them.
func setFloats(v reflect.Value, x float64) int {
	n := 0
	switch v.Kind() {
	case reflect.Float64:
		v.SetFloat(x)
		return 1
	case reflect.Pointer:
		if !v.IsNil() {
			n += setFloats(v.Elem(), x)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				n += setFloats(v.Field(i), x)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			n += setFloats(v.Index(i), x)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			cp := reflect.New(v.Type().Elem()).Elem()
			cp.Set(v.MapIndex(k))
			n += setFloats(cp, x)
			v.SetMapIndex(k, cp)
		}
	}
	return n
}

// walkFloats calls f with every exported float64 under v and its path.
func walkFloats(v reflect.Value, path string, f func(string, float64)) {
	switch v.Kind() {
	case reflect.Float64:
		f(path, v.Float())
	case reflect.Pointer:
		if !v.IsNil() {
			walkFloats(v.Elem(), path, f)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				walkFloats(v.Field(i), path+"."+v.Type().Field(i).Name, f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkFloats(v.Index(i), fmt.Sprintf("%s[%d]", path, i), f)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			walkFloats(v.MapIndex(k), fmt.Sprintf("%s[%v]", path, k), f)
		}
	}
}

// emptyContainers lists the paths of the nil pointers and empty slices
// and maps under v, except lists of strings (which hold no numbers).
func emptyContainers(v reflect.Value, path string) []string {
	var out []string
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return []string{path}
		}
		return emptyContainers(v.Elem(), path)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out = append(out, emptyContainers(v.Field(i), path+"."+v.Type().Field(i).Name)...)
			}
		}
	case reflect.Slice, reflect.Map:
		if v.Type().Elem().Kind() == reflect.String {
			return nil
		}
		if v.Len() == 0 {
			return []string{path}
		}
		if v.Kind() == reflect.Slice {
			for i := range v.Len() {
				out = append(out, emptyContainers(v.Index(i), path)...)
			}
		} else {
			for _, k := range v.MapKeys() {
				out = append(out, emptyContainers(v.MapIndex(k), path)...)
			}
		}
	}
	return out
}
