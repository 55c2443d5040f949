package model_test

import (
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// TestDepartureResponse: leaving on one's own responds to enforcement and
// to the stipend, from the month each applies. With both responses zero
// the probabilities are the base rates throughout; more officers (a
// higher arrest capacity) raise them once the officers are in service;
// the stipend raises them from its month, by its response times its
// amount ($1,000 from May 2025 in the baseline), and not before.
func TestDepartureResponse(t *testing.T) {
	load := func(edit func(d *scenario.Departure, s *scenario.Scenario)) *model.Model {
		t.Helper()
		s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
		if err != nil {
			t.Fatal(err)
		}
		edit(&s.Departure, s)
		if err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		m, err := model.Compile(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	none := load(func(d *scenario.Departure, _ *scenario.Scenario) {
		d.EnforcementResponse.Value, d.StipendResponsePerDollar.Value = 0, 0
	})
	for k := range none.Steps {
		if none.AtLargeDeparturePerStep[k] != none.AtLargeDeparturePerStep[0] || none.FinalOrderDeparturePerStep[k] != none.FinalOrderDeparturePerStep[0] {
			t.Fatalf("step %d: without responses the departure probabilities changed", k)
		}
	}
	base := load(func(*scenario.Departure, *scenario.Scenario) {})
	hired := load(func(_ *scenario.Departure, s *scenario.Scenario) {
		s.Capacities.Officers.Target = scenario.Schedule{{From: s.Start, Value: scenario.P(30000)}}
	})
	last := base.Steps - 1
	if !(hired.AtLargeDeparturePerStep[last] > base.AtLargeDeparturePerStep[last] && hired.FinalOrderDeparturePerStep[last] > base.FinalOrderDeparturePerStep[last]) {
		t.Errorf("more officers did not raise departures: %g vs %g", hired.AtLargeDeparturePerStep[last], base.AtLargeDeparturePerStep[last])
	}
	if hired.AtLargeDeparturePerStep[0] != base.AtLargeDeparturePerStep[0] {
		t.Errorf("officers hired but not yet in service changed the first step's departures")
	}
	// The baseline's stipend starts in May 2025 (month 4).
	may := base.MonthStartStep[4]
	noStipend := load(func(d *scenario.Departure, _ *scenario.Scenario) { d.StipendResponsePerDollar.Value = 0 })
	if base.AtLargeDeparturePerStep[may-1] != noStipend.AtLargeDeparturePerStep[may-1] {
		t.Errorf("the stipend changed departures before its month")
	}
	stepsPerYear := 365.0 * float64(base.StepsPerDay)
	got := (base.AtLargeDeparturePerStep[may] - noStipend.AtLargeDeparturePerStep[may]) * stepsPerYear
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	want := s.Departure.StipendResponsePerDollar.Value * s.Departure.Stipend.At(s.Start.Add(4))
	if d := got - want; d > 1e-9 || d < -1e-9 {
		t.Errorf("stipend adds %g a year, want %g ($1,000 × the response)", got, want)
	}
}
