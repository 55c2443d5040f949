package scenario

import (
	"reflect"
	"strconv"
	"strings"
)

// ParamRef is one numeric parameter of a scenario and where it sits.
type ParamRef struct {
	// Path is the YAML path of the parameter, e.g.
	// "capacities.detention_beds.initial" or "countries[2].acceptance_rate"
	// or "inflows.border_encounters[0].value".
	Path string
	// Param points into the scenario, so callers may change the value.
	Param *Param
}

// Params lists every Param of s in field order, including those left
// unset. Changing *ref.Param changes s.
func Params(s *Scenario) []ParamRef {
	var out []ParamRef
	walk(reflect.ValueOf(s).Elem(), "", &out)
	return out
}

// Lookup returns the parameter at path (as Params names it), or nil if
// there is none. It follows the path by name (see lookupPath).
func Lookup(s *Scenario, path string) *Param { return lookupPath(s, path) }

var paramType = reflect.TypeFor[Param]()

func walk(v reflect.Value, path string, out *[]ParamRef) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == paramType {
			*out = append(*out, ParamRef{Path: path, Param: v.Addr().Interface().(*Param)})
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			child := path
			if !strings.Contains(opts, "inline") {
				child = join(path, name)
			}
			walk(v.Field(i), child, out)
		}
	case reflect.Slice:
		for i := range v.Len() {
			walk(v.Index(i), path+"["+strconv.Itoa(i)+"]", out)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
