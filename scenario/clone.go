package scenario

import "reflect"

// Clone returns a deep copy of s: no slice of the copy (country groups,
// schedules, ranges) shares memory with s, so either may be changed
// through Lookup or Params without the other seeing it. Tools that run
// many variants of one scenario (history, uncertainty) build it once and
// clone it per variant.
func Clone(s *Scenario) *Scenario {
	if s == nil {
		return nil
	}
	c := *s
	deepen(reflect.ValueOf(&c).Elem())
	return &c
}

// deepen replaces every slice reachable from the addressable value v with
// a copy of its own. Scenario types hold only structs, slices and scalars
// (TestCloneIsDeep fails if a map or pointer appears).
func deepen(v reflect.Value) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if f := v.Field(i); f.CanSet() {
				deepen(f)
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			return
		}
		n := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		reflect.Copy(n, v)
		v.Set(n)
		for i := range n.Len() {
			deepen(n.Index(i))
		}
	}
}
