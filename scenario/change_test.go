package scenario_test

import (
	"os"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

func TestParamAt(t *testing.T) {
	m := func(s string) scenario.Month {
		t.Helper()
		x, err := scenario.ParseMonth(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	p := scenario.Param{Value: 1.58, Set: true, Changes: []scenario.Change{
		{From: m("2025-02"), Value: 2.2},
		{From: m("2025-06"), Value: 2.9},
	}}
	for _, tc := range []struct {
		month string
		want  float64
	}{
		{"2024-10", 1.58}, {"2025-01", 1.58}, {"2025-02", 2.2}, {"2025-05", 2.2}, {"2025-06", 2.9}, {"2027-01", 2.9},
	} {
		if got := p.At(m(tc.month)); got != tc.want {
			t.Errorf("At(%s) = %g, want %g", tc.month, got, tc.want)
		}
	}
	if got := scenario.P(3).At(m("2025-01")); got != 3 {
		t.Errorf("a parameter without changes: At = %g, want its value 3", got)
	}
}

// TestChangeable checks the set of parameters that may change on a date
// against the sentence errors print, and that indexes are ignored.
func TestChangeable(t *testing.T) {
	paths := scenario.ChangeablePaths()
	if len(paths) == 0 {
		t.Fatal("no changeable parameters")
	}
	var all []string
	for _, r := range scenario.Params(mustLoadSmall(t)) {
		all = append(all, r.Path)
	}
	for _, p := range paths {
		found := false
		for _, a := range all {
			if strings.HasPrefix(p, "third_countries") || strings.ReplaceAll(a, "[0]", "") == p {
				found = true
			}
		}
		if !found {
			t.Errorf("changeable path %q names no parameter of the scenario format", p)
		}
	}
	for _, tc := range []struct {
		path string
		want bool
	}{
		{"arrests.per_officer_month", true},
		{"countries[3].monthly_cap", true},
		{"third_countries[0].monthly_capacity", true},
		{"detention.detain_share", false},
		{"countries[3].acceptance_rate", false},
		{"capacities.detention_beds.initial", false},
	} {
		if got := scenario.Changeable(tc.path); got != tc.want {
			t.Errorf("Changeable(%q) = %t, want %t", tc.path, got, tc.want)
		}
	}
}

func mustLoadSmall(t *testing.T) *scenario.Scenario {
	t.Helper()
	return mustLoad(t, os.DirFS("testdata"), "good/small.yaml")
}
