package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

func TestOverrideApplies(t *testing.T) {
	tree, err := scenario.LoadTree(scenarios.FS, "baseline-2025.yaml", nil, scenario.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	base, err := tree.Decode()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set   string
		path  string
		want  float64
		check func(t *testing.T, s *scenario.Scenario)
	}{
		{set: "capacities.detention_beds.initial=100000", path: "capacities.detention_beds.initial", want: 100000,
			check: func(t *testing.T, s *scenario.Scenario) {
				if p := scenario.Lookup(s, "capacities.detention_beds.initial"); p.Source != "" {
					t.Errorf("a bare number replaces the parameter whole, as extends does; source kept: %q", p.Source)
				}
			}},
		{set: "capacities.detention_beds.initial.value=90000", path: "capacities.detention_beds.initial", want: 90000,
			check: func(t *testing.T, s *scenario.Scenario) {
				if p := scenario.Lookup(s, "capacities.detention_beds.initial"); p.Source == "" {
					t.Error("setting .value must keep the source")
				}
			}},
		{set: "countries[1].acceptance_rate=0.5", path: "countries[1].acceptance_rate", want: 0.5},
		{set: "procedure.screening_pass_rate={value: 0.7, range: [0.3, 0.8]}", path: "procedure.screening_pass_rate", want: 0.7,
			check: func(t *testing.T, s *scenario.Scenario) {
				if p := scenario.Lookup(s, "procedure.screening_pass_rate"); len(p.Range) != 2 || p.Range[1] != 0.8 {
					t.Errorf("range = %v, want [0.3 0.8]", p.Range)
				}
			}},
		{set: "months=12", check: func(t *testing.T, s *scenario.Scenario) {
			if s.Months != 12 {
				t.Errorf("months = %d, want 12", s.Months)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			o, err := scenario.ParseOverride(tt.set)
			if err != nil {
				t.Fatal(err)
			}
			s, err := tree.Decode(o)
			if err != nil {
				t.Fatal(err)
			}
			if tt.path != "" {
				if got := scenario.Lookup(s, tt.path).Value; got != tt.want {
					t.Errorf("%s = %g, want %g", tt.path, got, tt.want)
				}
			}
			if tt.check != nil {
				tt.check(t, s)
			}
		})
	}
	// The tree is not changed by decoding with overrides.
	again, err := tree.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if a, b := scenario.Lookup(again, "capacities.detention_beds.initial").Value, scenario.Lookup(base, "capacities.detention_beds.initial").Value; a != b {
		t.Errorf("tree changed by an override: %g, was %g", a, b)
	}
}

// TestOverrideErrors checks that every bad override is reported as a
// scenario error at the override, naming its path and value.
func TestOverrideErrors(t *testing.T) {
	tree, err := scenario.LoadTree(scenarios.FS, "baseline-2025.yaml", nil, scenario.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		set  string
		code scenario.Code
		msg  string // part of the error
	}{
		{"capacities.detention_beds.initial=-5", scenario.OutOfRange, "capacities.detention_beds.initial"},
		{"capacities.detention_beds.initial=lots", scenario.WrongType, `want a number, got string "lots"`},
		{"capacities.detention_bedz.initial=100", scenario.UnknownKey, `did you mean "detention_beds"`},
		{"countries[99].acceptance_rate=0.5", scenario.OutOfRange, "countries has"},
		{"countries.acceptance_rate=0.5", scenario.WrongType, "not a mapping"},
		{"months[0]=3", scenario.WrongType, "not a list"},
		{"detention.detain_share=1.5", scenario.OutOfRange, "detention.detain_share"},
	}
	for _, tt := range tests {
		t.Run(tt.set, func(t *testing.T) {
			o, err := scenario.ParseOverride(tt.set)
			if err != nil {
				t.Fatal(err)
			}
			_, err = tree.Decode(o)
			var list scenario.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("want an ErrorList, got %v", err)
			}
			var found bool
			for _, e := range list {
				if e.File == "--set "+tt.set && e.Code == tt.code && strings.Contains(e.Error(), tt.msg) {
					found = true
				}
			}
			if !found {
				t.Errorf("want a %v error at --set %s mentioning %q, got:\n%s", tt.code, tt.set, tt.msg, list)
			}
		})
	}
}

func TestParseOverrideRejects(t *testing.T) {
	for _, arg := range []string{
		"noequals", "=5", "a..b=1", ".a=1", "a.=1", "a[x]=1", "a[1=1", "[0]=1", "a]b=1", "a=[1, 2", "a={b: 1", "extends=builtin:nope",
	} {
		if _, err := scenario.ParseOverride(arg); err == nil {
			t.Errorf("ParseOverride(%q) accepted", arg)
		} else if !strings.Contains(err.Error(), arg[:max(0, strings.IndexByte(arg, '='))]) {
			t.Errorf("ParseOverride(%q): error %q does not name the path", arg, err)
		}
	}
}

func TestLoadTreeFromSource(t *testing.T) {
	src := []byte("extends: baseline-2025.yaml\nmonths: 6\n")
	tree, err := scenario.LoadTree(scenarios.FS, "stdin.yaml", src, scenario.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := tree.Decode()
	if err != nil {
		t.Fatal(err)
	}
	if s.Months != 6 {
		t.Errorf("months = %d, want 6", s.Months)
	}
	_, err = scenario.LoadTree(scenarios.FS, "absent.yaml", nil, scenario.LoadOptions{})
	if err == nil {
		t.Error("LoadTree of a missing file: no error")
	}
}

// FuzzOverride checks that no override, however malformed, panics, and
// that Decode returns a scenario or positioned errors.
func FuzzOverride(f *testing.F) {
	for _, s := range []string{"capacities.detention_beds.initial=100000", "countries[0].name=x", "a.b[3]={x: [1]}", "months=", "x=&a [*a]"} {
		f.Add(s)
	}
	tree, err := scenario.LoadTree(scenarios.FS, "baseline-2025.yaml", nil, scenario.LoadOptions{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		o, err := scenario.ParseOverride(arg)
		if err != nil {
			return
		}
		s, err := tree.Decode(o)
		if (s == nil) == (err == nil) {
			t.Fatalf("Decode(%q): scenario %v, error %v", arg, s != nil, err)
		}
		var list scenario.ErrorList
		if err != nil && !errors.As(err, &list) {
			t.Fatalf("Decode(%q): want an ErrorList, got %T", arg, err)
		}
	})
}
