package model_test

import (
	"fmt"
	"reflect"
	"strings"
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

// TestEveryChangeableParamIsReadMonthly checks scenario.Changeable against
// Compile: for every parameter the scenario format lets change on a date,
// a change from the fourth month alters what the engines read from that
// month on and nothing before it. A parameter listed but read once per
// run would show no difference, or one before its date.
func TestEveryChangeableParamIsReadMonthly(t *testing.T) {
	load := func() *scenario.Scenario {
		s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
		if err != nil {
			t.Fatal(err)
		}
		// Targets above every level, so hiring paces take effect.
		for _, c := range []*scenario.Capacity{&s.Capacities.Officers.Capacity, &s.Capacities.DetentionBeds, &s.Capacities.Flights.Capacity,
			&s.Capacities.LandRemovals, &s.Capacities.Judges.Capacity, &s.Capacities.AsylumOfficers.Capacity} {
			c.Target = scenario.Schedule{{From: s.Start, Value: scenario.P(2*c.Initial.Value + 100)}}
		}
		return s
	}
	const changeMonth = 3
	for _, path := range scenario.ChangeablePaths() {
		t.Run(path, func(t *testing.T) {
			concrete := strings.NewReplacer("countries.", "countries[0].", "third_countries.", "third_countries[0].").Replace(path)
			// The base holds the parameter at its value, without the dated
			// changes the shipped scenario may give it.
			b := load()
			if p := scenario.Lookup(b, concrete); p != nil {
				p.Changes = nil
			}
			base, err := model.Compile(b)
			if err != nil {
				t.Fatal(err)
			}
			s := load()
			p := scenario.Lookup(s, concrete)
			if p == nil {
				t.Fatalf("no parameter at %s", concrete)
			}
			v := p.Value*0.5 + 1
			if p.Value <= 1 { // shares stay shares
				v = p.Value*0.5 + 0.01
			}
			p.Changes = []scenario.Change{{From: s.Start.Add(changeMonth), Value: v}}
			if err := s.Validate(); err != nil {
				t.Fatal(err)
			}
			m, err := model.Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			early, late := diffs(reflect.ValueOf(base).Elem(), reflect.ValueOf(m).Elem(), m, changeMonth)
			if early != "" {
				t.Errorf("the change from month %d altered %s before it", changeMonth, early)
			}
			if late == "" {
				t.Errorf("the change altered nothing the engines read: %s is read once per run", path)
			}
		})
	}
}

// diffs compares every []float64 of two compiled models, per step or per
// month by their length, and names the first that differs before the
// boundary month and the first that differs from it on.
func diffs(a, b reflect.Value, m *model.Model, month int) (early, late string) {
	var walk func(a, b reflect.Value, name string)
	walk = func(a, b reflect.Value, name string) {
		switch a.Kind() {
		case reflect.Pointer:
			if !a.IsNil() && !b.IsNil() {
				walk(a.Elem(), b.Elem(), name)
			}
		case reflect.Struct:
			for i := range a.NumField() {
				if a.Type().Field(i).IsExported() {
					walk(a.Field(i), b.Field(i), name+"."+a.Type().Field(i).Name)
				}
			}
		case reflect.Slice:
			if a.Len() != b.Len() {
				late = name
				return
			}
			if a.Type().Elem().Kind() != reflect.Float64 {
				for i := range a.Len() {
					walk(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", name, i))
				}
				return
			}
			boundary := -1
			switch a.Len() {
			case m.Steps:
				boundary = m.MonthStartStep[month]
			case m.Months:
				boundary = month
			}
			for i := range a.Len() {
				if a.Index(i).Float() == b.Index(i).Float() {
					continue
				}
				if boundary >= 0 && i < boundary && early == "" {
					early = fmt.Sprintf("%s[%d]", name, i)
				}
				if (boundary < 0 || i >= boundary) && late == "" {
					late = fmt.Sprintf("%s[%d]", name, i)
				}
			}
		}
	}
	walk(a, b, "Model")
	return early, late
}
