package scenario_test

import (
	"os"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// scanLookup is Lookup as it was before it followed paths by name: the
// parameter Params lists under path. Lookup must agree with it.
func scanLookup(s *scenario.Scenario, path string) *scenario.Param {
	for _, r := range scenario.Params(s) {
		if r.Path == path {
			return r.Param
		}
	}
	return nil
}

func loadBaseline(t testing.TB) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestLookupAgreesWithParams checks that Lookup finds, by name, the very
// parameter Params lists under every path of the baseline, and nothing
// under paths Params does not list.
func TestLookupAgreesWithParams(t *testing.T) {
	s := loadBaseline(t)
	refs := scenario.Params(s)
	if len(refs) < 100 {
		t.Fatalf("only %d parameters in baseline-2025", len(refs))
	}
	for _, r := range refs {
		if got := scenario.Lookup(s, r.Path); got != r.Param {
			t.Errorf("Lookup(%q) = %p, Params has %p", r.Path, got, r.Param)
		}
	}
	for _, path := range []string{
		"", ".", "capacities", "capacities.officers", "capacities..officers.initial",
		"capacities.officers.initial.value", "countries[99].acceptance_rate", "countries[-1].acceptance_rate",
		"countries[01].acceptance_rate", "countries[+1].acceptance_rate", "countries[1.acceptance_rate",
		"countries.acceptance_rate", "countries[0][0].acceptance_rate", "name", "start", "capacity.initial",
		"capacities.officers.capacity.initial", "inflows.border_encounters[0].from", "nosuch",
	} {
		if got, want := scenario.Lookup(s, path), scanLookup(s, path); got != want {
			t.Errorf("Lookup(%q) = %v, want %v", path, got, want)
		}
	}
	if scenario.Lookup(nil, "name") != nil {
		t.Error("Lookup on a nil scenario found something")
	}
}

// FuzzLookup checks that Lookup never panics and agrees with a scan of
// Params on any path.
func FuzzLookup(f *testing.F) {
	s := loadBaseline(f)
	for _, r := range scenario.Params(s)[:20] {
		f.Add(r.Path)
	}
	f.Add("countries[3].monthly_cap")
	f.Add("a[0]]")
	f.Fuzz(func(t *testing.T, path string) {
		if got, want := scenario.Lookup(s, path), scanLookup(s, path); got != want {
			t.Fatalf("Lookup(%q) = %v, scan %v", path, got, want)
		}
	})
}

func BenchmarkLookup(b *testing.B) {
	s := loadBaseline(b)
	for b.Loop() {
		if scenario.Lookup(s, "countries[3].travel_doc_days") == nil {
			b.Fatal("not found")
		}
	}
}
