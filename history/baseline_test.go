package history

import (
	"math"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// TestDefaultBehaviourHoldsBaseline checks that history takes every
// behavioural value it does not fit from baseline-2025 itself, except the
// documented pre-2025 values, and that outcome shares still sum to 1.
func TestDefaultBehaviourHoldsBaseline(t *testing.T) {
	b, err := baseline()
	if err != nil {
		t.Fatal(err)
	}
	def, err := DefaultBehaviour()
	if err != nil {
		t.Fatal(err)
	}
	if len(def) != len(behaviourPaths) {
		t.Fatalf("%d settings for %d paths", len(def), len(behaviourPaths))
	}
	// DefaultBehaviour derives these to keep each docket summing to 1;
	// the sums are checked below.
	derived := map[string]bool{"court.detained.removal_order": true, "court.non_detained.terminated": true}
	for _, st := range def {
		if derived[st.Path] {
			continue
		}
		if want, ok := before2025.Get(st.Path); ok {
			if st.Param.Value != want.Value {
				t.Errorf("%s = %g, want the pre-2025 %g", st.Path, st.Param.Value, want.Value)
			}
			continue
		}
		p := scenario.Lookup(b, st.Path)
		if p == nil || st.Param.Value != p.Value || !strings.HasPrefix(st.Param.Source, p.Source) {
			t.Errorf("%s = %g (%q), want baseline-2025's value and source", st.Path, st.Param.Value, st.Param.Source)
		}
	}
	for _, docket := range []string{"court.detained.", "court.non_detained."} {
		sum := 0.0
		for _, o := range []string{"removal_order", "relief", "voluntary_departure", "terminated"} {
			p, ok := def.Get(docket + o)
			if !ok {
				t.Fatalf("no %s%s", docket, o)
			}
			sum += p.Value
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Errorf("%s outcome shares sum to %g before 2025", docket, sum)
		}
	}
	// Detained removal orders take up the change in voluntary departure.
	r, _ := def.Get("court.detained.removal_order")
	v, _ := def.Get("court.detained.voluntary_departure")
	bsum := scenario.Lookup(b, "court.detained.removal_order").Value + scenario.Lookup(b, "court.detained.voluntary_departure").Value
	if math.Abs(r.Value+v.Value-bsum) > 1e-9 {
		t.Errorf("detained removal + voluntary departure = %g before 2025, baseline-2025 %g", r.Value+v.Value, bsum)
	}
}

// TestBuildTakesBaselineValues checks the values a year's scenario copies
// from baseline-2025 rather than the dataset.
func TestBuildTakesBaselineValues(t *testing.T) {
	b, err := baseline()
	if err != nil {
		t.Fatal(err)
	}
	s, _, err := Build(2016, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"inflows.new_entries[0].value",
		"capacities.flights.seats_per_flight",
		"capacities.asylum_officers.screenings_per_officer_day",
		"countries[0].acceptance_rate",
		"countries[3].monthly_cap",
		"costs.per_arrest",
	} {
		got, want := scenario.Lookup(s, path), scenario.Lookup(b, path)
		if got == nil || want == nil || got.Value != want.Value {
			t.Errorf("%s: FY2016 has %v, baseline-2025 %v", path, got, want)
		}
	}
	// The split of the rest of the mix follows baseline-2025's shares.
	other, unco := s.Countries[2].CaseloadShare.Value, s.Countries[3].CaseloadShare.Value
	bo, bu := b.Countries[2].CaseloadShare.Value, b.Countries[3].CaseloadShare.Value
	if math.Abs(other/(other+unco)-bo/(bo+bu)) > 1e-12 {
		t.Errorf("FY2016 splits the rest %g:%g, baseline-2025 %g:%g", other, unco, bo, bu)
	}
}
