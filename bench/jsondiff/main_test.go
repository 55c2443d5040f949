package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func decode(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestWalk(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		problems   int
	}{
		{"same", `{"a":[1,2.5],"b":"x"}`, `{"b":"x","a":[1,2.5]}`, 0},
		{"within rel", `{"a":1000000}`, `{"a":1000000.0000001}`, 0},
		{"beyond rel", `{"a":1000000}`, `{"a":1000001}`, 1},
		{"within abs", `{"a":1e-12}`, `{"a":3e-12}`, 0},
		{"string", `{"a":"x"}`, `{"a":"y"}`, 1},
		{"key", `{"a":"x"}`, `{"b":"x"}`, 2},
		{"zero left out", `{"a":1e-15,"b":2}`, `{"b":2}`, 0},
		{"number left out", `{"a":1,"b":2}`, `{"b":2}`, 1},
		{"length", `[1,2]`, `[1]`, 1},
		{"type", `{"a":1}`, `{"a":"1"}`, 1},
	} {
		d := differ{rel: 1e-9, abs: 1e-6}
		d.walk("", decode(t, tc.a), decode(t, tc.b))
		if len(d.problems) != tc.problems {
			t.Errorf("%s: %d problems %q, want %d", tc.name, len(d.problems), d.problems, tc.problems)
		}
	}
}
