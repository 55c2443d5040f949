package report

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/result"
)

// checkFinite returns an error naming the first NaN or infinite number in
// r, by its JSON path (e.g. "monthly[3].utilisation.flights"), or nil.
func checkFinite(r *result.Result) error {
	if r == nil {
		return fmt.Errorf("report: nil result")
	}
	if path, x, ok := firstNonFinite(reflect.ValueOf(*r), ""); ok {
		return fmt.Errorf("report: %s is %v; a result must hold finite numbers only", path, x)
	}
	return nil
}

// firstNonFinite walks v in JSON field order (map keys sorted) and returns
// the path and value of the first non-finite float.
func firstNonFinite(v reflect.Value, path string) (string, float64, bool) {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if x := v.Float(); math.IsNaN(x) || math.IsInf(x, 0) {
			return path, x, true
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			if p, x, ok := firstNonFinite(v.Field(i), joinPath(path, jsonName(t.Field(i)))); ok {
				return p, x, true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p, x, ok := firstNonFinite(v.Index(i), path+"["+strconv.Itoa(i)+"]"); ok {
				return p, x, true
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if p, x, ok := firstNonFinite(v.MapIndex(k), joinPath(path, k.String())); ok {
				return p, x, true
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return firstNonFinite(v.Elem(), path)
		}
	}
	return "", 0, false
}

// jsonName is the field's name in JSON: its tag's name, else the Go name.
func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "" {
		return f.Name
	}
	return name
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
