package history

import (
	"bytes"
	"reflect"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/scenario"
)

// Marshal writes s as scenario YAML that scenario.Parse reads back to the
// same values. Every Param is written as a flow mapping with its source,
// as_of and range, so the provenance travels with the number; unset
// Params, empty lists and zero optional fields are left out.
func Marshal(s *scenario.Scenario) []byte {
	e := emitter{}
	e.fields(reflect.ValueOf(s).Elem(), 0)
	return e.buf.Bytes()
}

// MarshalPartial writes only what s sets: Params marked Set, non-zero
// strings, numbers and months, true booleans. It is for files other
// scenarios extend, such as scenarios/calibrated.yaml.
func MarshalPartial(s *scenario.Scenario) []byte {
	e := emitter{partial: true}
	e.fields(reflect.ValueOf(s).Elem(), 0)
	return e.buf.Bytes()
}

type emitter struct {
	buf     bytes.Buffer
	partial bool
}

var (
	paramType    = reflect.TypeFor[scenario.Param]()
	monthType    = reflect.TypeFor[scenario.Month]()
	dateType     = reflect.TypeFor[scenario.Date]()
	scheduleType = reflect.TypeFor[scenario.Schedule]()
)

type yamlField struct {
	name      string
	omitempty bool
	v         reflect.Value
}

// fieldsOf lists the YAML fields of struct v in order, flattening inline
// fields.
func fieldsOf(v reflect.Value) []yamlField {
	var out []yamlField
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if strings.Contains(opts, "inline") {
			out = append(out, fieldsOf(v.Field(i))...)
			continue
		}
		out = append(out, yamlField{name, strings.Contains(opts, "omitempty"), v.Field(i)})
	}
	return out
}

// empty reports whether v would write nothing.
func (e *emitter) empty(f yamlField) bool {
	v := f.v
	switch {
	case v.Type() == paramType:
		return !v.Interface().(scenario.Param).Set
	case v.Kind() == reflect.Struct:
		for _, c := range fieldsOf(v) {
			if !e.empty(c) {
				return false
			}
		}
		return true
	case v.Kind() == reflect.Slice:
		return v.Len() == 0
	case v.Kind() == reflect.Bool:
		return !v.Bool() && (f.omitempty || e.partial)
	}
	return v.IsZero()
}

func (e *emitter) indent(n int) { e.buf.WriteString(strings.Repeat("  ", n)) }

// fields writes the fields of struct v as a block mapping at depth.
func (e *emitter) fields(v reflect.Value, depth int) {
	for i, f := range fieldsOf(v) {
		if e.empty(f) {
			continue
		}
		if depth > 0 || i > 0 {
			// Continuation lines of a list item are indented by the caller
			// for the first field only.
			e.indent(depth)
		}
		e.field(f, depth)
	}
}

func (e *emitter) field(f yamlField, depth int) {
	v := f.v
	e.buf.WriteString(f.name + ":")
	switch {
	case v.Type() == paramType || v.Type() == monthType || v.Type() == dateType || v.Kind() != reflect.Struct && v.Kind() != reflect.Slice:
		e.buf.WriteByte(' ')
		e.scalar(v)
		e.buf.WriteByte('\n')
	case v.Kind() == reflect.Struct:
		e.buf.WriteByte('\n')
		e.fields(v, depth+1)
	case v.Type() == scheduleType:
		e.buf.WriteByte('\n')
		for _, st := range v.Interface().(scenario.Schedule) {
			e.indent(depth + 1)
			e.buf.WriteString("- {from: " + st.From.String() + ", value: ")
			e.param(st.Value)
			e.buf.WriteString("}\n")
		}
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Float64:
		e.buf.WriteByte(' ')
		e.floats(v.Interface().([]float64))
		e.buf.WriteByte('\n')
	default: // slice of structs
		e.buf.WriteByte('\n')
		for j := range v.Len() {
			e.indent(depth + 1)
			e.buf.WriteString("- ")
			// The item's fields sit two columns right of the dash.
			first := true
			for _, c := range fieldsOf(v.Index(j)) {
				if e.empty(c) {
					continue
				}
				if !first {
					e.indent(depth + 2)
				}
				first = false
				e.field(c, depth+2)
			}
		}
	}
}

// scalar writes a one-line value.
func (e *emitter) scalar(v reflect.Value) {
	switch {
	case v.Type() == paramType:
		e.param(v.Interface().(scenario.Param))
	case v.Type() == monthType:
		e.buf.WriteString(v.Interface().(scenario.Month).String())
	case v.Type() == dateType:
		e.buf.WriteString(v.Interface().(scenario.Date).String())
	case v.Kind() == reflect.String:
		e.buf.WriteString(strconv.Quote(v.String()))
	case v.Kind() == reflect.Bool:
		e.buf.WriteString(strconv.FormatBool(v.Bool()))
	case v.CanInt():
		e.buf.WriteString(strconv.FormatInt(v.Int(), 10))
	case v.CanUint():
		e.buf.WriteString(strconv.FormatUint(v.Uint(), 10))
	case v.CanFloat():
		e.buf.WriteString(number(v.Float()))
	}
}

// FlowParam writes p as the one-line flow mapping Marshal uses
// ({value: ..., source: ..., as_of: ..., range: [...]}).
func FlowParam(p scenario.Param) string {
	var e emitter
	e.param(p)
	return e.buf.String()
}

func (e *emitter) param(p scenario.Param) {
	e.buf.WriteString("{value: " + number(p.Value))
	if p.Source != "" {
		e.buf.WriteString(", source: " + strconv.Quote(p.Source))
	}
	if p.AsOf != "" {
		e.buf.WriteString(", as_of: " + strconv.Quote(p.AsOf))
	}
	if p.Range != nil {
		e.buf.WriteString(", range: ")
		e.floats(p.Range)
	}
	e.buf.WriteByte('}')
}

func (e *emitter) floats(xs []float64) {
	e.buf.WriteByte('[')
	for i, x := range xs {
		if i > 0 {
			e.buf.WriteString(", ")
		}
		e.buf.WriteString(number(x))
	}
	e.buf.WriteByte(']')
}

// number writes x exactly (shortest round-trip form), without exponent
// for the magnitudes scenarios use.
func number(x float64) string {
	if a := x; a == 0 || (a > -1e15 && a < 1e15 && (a >= 1e-6 || a <= -1e-6)) {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
