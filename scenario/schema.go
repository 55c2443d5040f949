package scenario

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"

	"github.com/invopop/jsonschema"
)

// Patterns of months and dates in the JSON Schema.
const (
	monthPattern = `^[0-9]{4}-(0[1-9]|1[0-2])$`
	datePattern  = `^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$`
)

// JSONSchema returns a JSON Schema (draft 2020-12) of the scenario format,
// for editors and other tools. It is generated from the Go types, so it
// follows them: keys are the yaml names, unknown keys are refused
// (additionalProperties: false), a Param is a number or a mapping {value,
// source, as_of, range}, months and dates are strings with a pattern, and
// schedules are lists of {from, value}.
//
// The schema checks shapes and simple bounds only; the rules across keys
// (shares summing to 1, dates in order, names known and unique) are
// Validate's. A file the schema accepts may still fail Parse; a file Parse
// accepts passes the schema.
func JSONSchema() ([]byte, error) {
	r := &jsonschema.Reflector{
		FieldNameTag: "yaml",
		// The doc comments of the types, generated into
		// schema_comments.go, become the descriptions.
		CommentMap: schemaComments,
		Mapper:     schemaOf,
		Namer:      func(t reflect.Type) string { return t.Name() },
	}
	s := r.Reflect(&Scenario{})
	for _, t := range []reflect.Type{paramType, monthType, dateType} {
		s.Definitions[t.Name()] = definition(t)
	}
	s.ID = "https://github.com/removalsim/removalsim/scenario.schema.json"
	s.Title = "removalsim scenario"
	s.Description = "A scenario of the U.S. immigration removal system for removalsim. Check a file with: removalsim validate FILE"

	// The Go types cannot say what Validate knows: bounds of the horizon,
	// and keys without omitempty that may still be left out.
	if def := s.Definitions["Scenario"]; def != nil {
		bound(def, "months", 1, MaxMonths)
		bound(def, "steps_per_day", 1, MaxStepsPerDay)
		optional(def, "seed")
	}
	if def := s.Definitions["Procedure"]; def != nil {
		optional(def, "assurances_required")
	}
	if def := s.Definitions["CountryGroup"]; def != nil {
		optional(def, "needs_flight")
	}
	if def := s.Definitions["ThirdCountry"]; def != nil {
		optional(def, "assurances")
	}
	if def := s.Definitions["Scenario"]; def != nil {
		if p, ok := def.Properties.Get("countries"); ok {
			p.MinItems = ptr(uint64(1))
		}
	}
	describeRefs(s.Definitions)
	return json.MarshalIndent(s, "", "  ")
}

// describeRefs gives a property that refers to a definition and has no
// description of its own the definition's (the Scenario's sections carry
// their documentation on their types, not on the fields).
func describeRefs(defs jsonschema.Definitions) {
	for _, def := range defs {
		if def.Properties == nil {
			continue
		}
		for pair := def.Properties.Oldest(); pair != nil; pair = pair.Next() {
			p := pair.Value
			target := p
			if p.Type == "array" && p.Items != nil {
				target = p.Items
			}
			if p.Description != "" || !strings.HasPrefix(target.Ref, "#/$defs/") {
				continue
			}
			if d := defs[strings.TrimPrefix(target.Ref, "#/$defs/")]; d != nil {
				p.Description = d.Description
			}
		}
	}
}

func ptr[T any](v T) *T { return &v }

func bound(def *jsonschema.Schema, key string, lo, hi int) {
	if p, ok := def.Properties.Get(key); ok {
		p.Minimum = json.Number(itoa(lo))
		p.Maximum = json.Number(itoa(hi))
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func optional(def *jsonschema.Schema, key string) {
	def.Required = slices.DeleteFunc(def.Required, func(k string) bool { return k == key })
}

// schemaOf refers the types whose YAML form differs from their Go form
// to their definitions.
func schemaOf(t reflect.Type) *jsonschema.Schema {
	switch t {
	case paramType, monthType, dateType:
		return &jsonschema.Schema{Ref: "#/$defs/" + t.Name()}
	}
	return nil
}

// definition returns the schema of Param, Month or Date.
func definition(t reflect.Type) *jsonschema.Schema {
	switch t {
	case paramType:
		number := &jsonschema.Schema{Type: "number", Minimum: "0"}
		props := jsonschema.NewProperties()
		props.Set("value", &jsonschema.Schema{Type: "number", Minimum: "0", Description: "The number, in the unit the field states."})
		props.Set("source", &jsonschema.Schema{Type: "string", Description: "The publication and page, or data series and table."})
		props.Set("as_of", &jsonschema.Schema{Type: "string", Description: `When the figure was true ("2024-11" or "FY2024").`})
		props.Set("range", &jsonschema.Schema{
			Type: "array", Items: &jsonschema.Schema{Type: "number"}, MinItems: ptr(uint64(2)), MaxItems: ptr(uint64(2)),
			Description: "The plausible [low, high] for sensitivity analysis.",
		})
		change := jsonschema.NewProperties()
		change.Set("from", &jsonschema.Schema{Type: "string", Pattern: monthPattern, Description: "The first month the value holds, YYYY-MM."})
		change.Set("value", &jsonschema.Schema{Type: "number", Minimum: "0", Description: "The value from that month on."})
		change.Set("source", &jsonschema.Schema{Type: "string", Description: "The publication that gives the new value."})
		props.Set("changes", &jsonschema.Schema{
			Type: "array",
			Items: &jsonschema.Schema{Type: "object", Properties: change, Required: []string{"from", "value"},
				AdditionalProperties: jsonschema.FalseSchema},
			Description: "Dated new values, months in increasing order (only parameters read month by month; see removalsim validate).",
		})
		mapping := &jsonschema.Schema{
			Type: "object", Properties: props, Required: []string{"value"},
			AdditionalProperties: jsonschema.FalseSchema,
		}
		return &jsonschema.Schema{
			OneOf:       []*jsonschema.Schema{number, mapping},
			Description: "A number, or {value, source, as_of, range, changes} to give its provenance and dated changes.",
		}
	case monthType:
		return &jsonschema.Schema{Type: "string", Pattern: monthPattern, Description: "A calendar month, YYYY-MM."}
	case dateType:
		return &jsonschema.Schema{Type: "string", Pattern: datePattern, Description: "A date, YYYY-MM-DD, or YYYY-MM for the month's first day."}
	}
	return nil
}
