package result

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// signed lists the JSON paths of the only numbers a result may hold
// below zero (list indices written "[]"): the appropriation gap and the
// cost account's differences are spending minus money available.
var signed = []string{"totals.appropriation_gap_usd", "costs.appropriations[].difference_usd"}

// unindexed writes a path's list indices as "[]".
func unindexed(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		b.WriteByte(path[i])
		if path[i] == '[' {
			for i+1 < len(path) && path[i+1] != ']' {
				i++
			}
		}
	}
	return b.String()
}

// Verify checks what every result must satisfy whatever the scenario: all
// numbers finite, none negative (people, money, days and shares are not),
// and every stock's ledger balanced, start + inflow − outflow = end,
// exactly for integer counts and to within 1e-9 of the stock's turnover
// for the flow engine's fractions. It names the first violation by JSON
// path. Engines and tests use it; a violation is a bug, not bad input.
func (r *Result) Verify() error {
	if r == nil {
		return fmt.Errorf("result: nil")
	}
	if err := verifyNumbers(reflect.ValueOf(*r), ""); err != nil {
		return err
	}
	if len(r.Ledger) == 0 {
		return fmt.Errorf("result: empty ledger")
	}
	stocks := make([]string, 0, len(r.Ledger))
	for s := range r.Ledger {
		stocks = append(stocks, s)
	}
	slices.Sort(stocks)
	for _, s := range stocks {
		b := r.Ledger[s]
		turnover := math.Max(b.Start+b.Inflow, b.Outflow+b.End)
		if d := b.Start + b.Inflow - b.Outflow - b.End; math.Abs(d) > 1e-9*math.Max(1, turnover) {
			return fmt.Errorf("result: ledger.%s: start %v + inflow %v − outflow %v ≠ end %v (off by %v)", s, b.Start, b.Inflow, b.Outflow, b.End, d)
		}
	}
	return nil
}

// verifyNumbers walks v in JSON field order (map keys sorted) and returns
// an error for the first non-finite number, or negative one outside
// signed.
func verifyNumbers(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		x := v.Float()
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("result: %s is %v, want a finite number", path, x)
		}
		if x < 0 && !slices.Contains(signed, unindexed(path)) {
			return fmt.Errorf("result: %s is %v, want a number >= 0", path, x)
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if v.Int() < 0 {
			return fmt.Errorf("result: %s is %d, want a number >= 0", path, v.Int())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if err := verifyNumbers(v.Field(i), joinPath(path, name)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := verifyNumbers(v.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if err := verifyNumbers(v.MapIndex(k), joinPath(path, k.String())); err != nil {
				return err
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return verifyNumbers(v.Elem(), path)
		}
	}
	return nil
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// RoundOff is the largest magnitude of a negative number that
// DropRoundOff takes for floating-point rounding: a millionth of a person
// or of a dollar.
const RoundOff = 1e-6

// DropRoundOff sets to zero every number of r in (−RoundOff, 0). The flow
// engine moves fractions of people, and a stock emptied by several
// subtractions can end a few ulps below zero (−1e-13 people); reported as
// such it would read as a negative stock. Larger negatives are left for
// Verify to report.
func (r *Result) DropRoundOff() {
	Numbers(r, r, dropRoundOff, func(m *map[string]float64, _ map[string]float64) {
		for k, x := range *m {
			// Not WithoutRoundOff(x) != x, which a NaN satisfies:
			// a NaN is left for Verify to report, in maps as in
			// fields.
			if x < 0 && x > -RoundOff {
				(*m)[k] = 0
			}
		}
	})
}

// DropRoundOffFields is DropRoundOff for a result whose maps of numbers
// (Numbers' MapFunc maps) hold no round-off already, because their
// builder put each number through WithoutRoundOff: it leaves those maps
// alone. A run's result holds a few thousand numbers in maps, and walking
// them again is a noticeable share of building it.
func (r *Result) DropRoundOffFields() { Numbers(r, r, dropRoundOff, nil) }

// WithoutRoundOff returns x, or 0 when x is in (−RoundOff, 0): what
// DropRoundOff makes of one number.
func WithoutRoundOff(x float64) float64 {
	if x < 0 && x > -RoundOff {
		return 0
	}
	return x
}

func dropRoundOff(x *float64, _ float64) { *x = WithoutRoundOff(*x) }
