package model_test

import (
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
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

// TestDatedChanges checks that a parameter's dated changes take effect in
// their month in what the engines read: the arrest capacity (productivity
// per officer) and the hiring pace of a capacity.
func TestDatedChanges(t *testing.T) {
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	base, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	from := s.Start.Add(3)
	s.Arrests.PerOfficerMonth.Changes = []scenario.Change{{From: from, Value: 2 * s.Arrests.PerOfficerMonth.Value}}
	s.Capacities.DetentionBeds.MaxAddedPerMonth.Changes = []scenario.Change{{From: from, Value: 0}}
	s.Capacities.DetentionBeds.Target = scenario.Schedule{{From: s.Start, Value: scenario.P(1e6)}}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	k := m.MonthStartStep[3]
	if got, want := m.ArrestsPerStep[k-1], base.ArrestsPerStep[k-1]; got != want {
		t.Errorf("arrests per step before the change: %g, want the unchanged %g", got, want)
	}
	if got, want := m.ArrestsPerStep[k], 2*base.ArrestsPerStep[k]; got < 0.999*want || got > 1.001*want {
		t.Errorf("arrests per step from the change: %g, want twice the unchanged, %g", got, want)
	}
	beds := m.Levels[procedure.Beds]
	if beds.Added[2] <= 0 {
		t.Errorf("beds added before the change: %g, want > 0 toward a target of a million", beds.Added[2])
	}
	for mi := 3; mi < m.Months; mi++ {
		if beds.Added[mi] != 0 {
			t.Fatalf("beds added in month %d = %g after the hiring pace changed to 0", mi, beds.Added[mi])
		}
	}
}
