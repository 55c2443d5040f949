package result

import (
	"maps"
	"reflect"
	"strings"
	"testing"
)

// TestNumbersVisitsEveryFloat gives every number of a full result a
// distinct value by reflection and checks that Numbers, walking the
// result by itself, tells each exactly once with its own value: a
// float64 field added to Result (or to a type within it) and not to
// Numbers fails here, as does one told twice.
func TestNumbersVisitsEveryFloat(t *testing.T) {
	r := full(t)
	n := numberFloats(reflect.ValueOf(r).Elem())
	if n < 60 {
		t.Fatalf("only %d numbers; full lost its fields", n)
	}
	told := map[float64]int{}
	Numbers(r, r, func(d *float64, s float64) {
		if *d != s {
			t.Errorf("told %v beside %v, want the same number", *d, s)
		}
		told[s]++
		*d = -*d
	}, func(d *map[string]float64, s map[string]float64) {
		for k, v := range s {
			told[v]++
			(*d)[k] = -v
		}
	})
	for v, c := range told {
		if c != 1 {
			t.Errorf("number %v told %d times", v, c)
		}
	}
	var missed []string
	walkFloats(reflect.ValueOf(r).Elem(), "", func(path string, x float64) {
		if x >= 0 {
			missed = append(missed, path)
		}
	})
	if len(missed) > 0 || len(told) != n {
		t.Errorf("Numbers told %d of %d numbers; missed %v", len(told), n, missed)
	}
}

// derivedFields are the fields of Result that Numbers walks only where
// both results have them: computed from runs, never summed.
var derivedFields = []string{".Bands", ".AnnualBands", ".Bottlenecks", ".Sources", ".Costs"}

// TestNumbersGrowsRunPart walks an empty result beside a full one,
// copying each number: every number of a run's part must arrive at the
// same place, and none of the derived parts (which the empty result
// lacks) may appear.
func TestNumbersGrowsRunPart(t *testing.T) {
	src := full(t)
	numberFloats(reflect.ValueOf(src).Elem())
	dst := &Result{}
	Numbers(dst, src, func(d *float64, s float64) { *d = s }, func(d *map[string]float64, s map[string]float64) {
		if *d == nil && len(s) > 0 {
			*d = map[string]float64{}
		}
		maps.Copy(*d, s)
	})
	derived := func(path string) bool {
		for _, f := range derivedFields {
			if strings.HasPrefix(path, f) {
				return true
			}
		}
		return false
	}
	want, got := map[string]float64{}, map[string]float64{}
	walkFloats(reflect.ValueOf(src).Elem(), "", func(path string, x float64) {
		if !derived(path) {
			want[path] = x
		}
	})
	walkFloats(reflect.ValueOf(dst).Elem(), "", func(path string, x float64) {
		if derived(path) {
			t.Errorf("%s grew in dst; derived parts are not grown", path)
		}
		got[path] = x
	})
	if len(want) < 40 || !maps.Equal(got, want) {
		t.Errorf("copied numbers differ:\n got %v\nwant %v", got, want)
	}
	if dst.Monthly[0].Month != src.Monthly[0].Month || dst.Annual[0].From != src.Annual[0].From {
		t.Errorf("labels not copied: month %q, period from %q", dst.Monthly[0].Month, dst.Annual[0].From)
	}
}

// numberFloats gives every exported float64 under v a distinct positive
// value (1, 2, 3, ...) and returns how many there are.
func numberFloats(v reflect.Value) int {
	n := 0
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Float64:
			n++
			v.SetFloat(float64(n))
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			for i := range v.NumField() {
				if v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				cp := reflect.New(v.Type().Elem()).Elem()
				cp.Set(v.MapIndex(k))
				walk(cp)
				v.SetMapIndex(k, cp)
			}
		}
	}
	walk(v)
	return n
}
