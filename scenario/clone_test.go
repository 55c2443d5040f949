package scenario_test

import (
	"reflect"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// TestCloneIsDeep checks that a clone equals its original, that changing
// every parameter of the clone (ranges included) leaves the original as it
// was, and that scenario types hold no maps or pointers Clone would share.
func TestCloneIsDeep(t *testing.T) {
	s := loadBaseline(t)
	before := scenario.Clone(s)
	if !reflect.DeepEqual(before, s) {
		t.Fatal("clone differs from the original")
	}
	c := scenario.Clone(s)
	for _, r := range scenario.Params(c) {
		r.Param.Value++
		for i := range r.Param.Range {
			r.Param.Range[i]++
		}
	}
	c.Countries = append(c.Countries[:0], c.Countries[1:]...)
	if !reflect.DeepEqual(before, s) {
		t.Error("changing the clone changed the original")
	}
	var check func(t reflect.Type, path string)
	seen := map[reflect.Type]bool{}
	check = func(ty reflect.Type, path string) {
		if seen[ty] {
			return
		}
		seen[ty] = true
		switch ty.Kind() {
		case reflect.Map, reflect.Pointer, reflect.Interface, reflect.Func, reflect.Chan:
			t.Errorf("%s is a %s: Clone would share it", path, ty.Kind())
		case reflect.Struct:
			for i := range ty.NumField() {
				f := ty.Field(i)
				if !f.IsExported() {
					t.Errorf("%s.%s is unexported: Clone cannot copy it", path, f.Name)
				}
				check(f.Type, path+"."+f.Name)
			}
		case reflect.Slice, reflect.Array:
			check(ty.Elem(), path+"[]")
		}
	}
	check(reflect.TypeFor[scenario.Scenario](), "Scenario")
	if scenario.Clone(nil) != nil {
		t.Error("Clone(nil) is not nil")
	}
}
