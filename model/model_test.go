package model_test

import (
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// TestBorderPeriods checks that dated border processing shares take
// effect in their months and that the scenario's own shares hold before.
func TestBorderPeriods(t *testing.T) {
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	from := s.Start.Add(3)
	s.Border.Periods = []scenario.BorderPeriod{{From: from,
		ExpeditedRemovalShare: scenario.P(0.2), ReleasedShare: scenario.P(0.7), ReturnedShare: scenario.P(0.1)}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	before := m.BorderRoute[m.MonthStartStep[3]-1]
	after := m.BorderRoute[m.MonthStartStep[3]]
	want := model.BorderRoute{Expedited: s.Border.ExpeditedRemovalShare.Value, Released: s.Border.ReleasedShare.Value, Returned: s.Border.ReturnedShare.Value}
	if before != want {
		t.Errorf("before the period: %+v, want the scenario's %+v", before, want)
	}
	if (after != model.BorderRoute{Expedited: 0.2, Released: 0.7, Returned: 0.1}) {
		t.Errorf("in the period: %+v", after)
	}
	if last := m.BorderRoute[m.Steps-1]; last != after {
		t.Errorf("the period should hold to the end: %+v", last)
	}
}
