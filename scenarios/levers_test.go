package scenarios_test

import (
	"strings"
	"testing"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// TestLevers: the scenarios the planner answers the mission's question
// with give officers, beds and flights a lever whose physical limit cites
// what bounds it (a data row or a document), is no lower than the
// scenario's own pace, carries a range, and whose surge lag is no longer
// than the capacity's own: hiring, contracting and flights are decisions
// within stated limits, not fixed paces.
func TestLevers(t *testing.T) {
	for _, name := range []string{"baseline-2025.yaml", "target-1m.yaml"} {
		s, err := scenario.Load(scenarios.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		c := &s.Capacities
		for _, x := range []struct {
			name string
			c    *scenario.Capacity
		}{{"officers", &c.Officers.Capacity}, {"detention_beds", &c.DetentionBeds}, {"flights", &c.Flights.Capacity}} {
			l := x.c.Lever
			switch {
			case !l.Set():
				t.Errorf("%s: %s has no lever", name, x.name)
			case !strings.Contains(l.MaxAddedPerMonth.Source, "(doc:") && !strings.Contains(l.MaxAddedPerMonth.Source, "(data:"):
				t.Errorf("%s: %s's physical limit cites no document or data row: %q", name, x.name, l.MaxAddedPerMonth.Source)
			case l.MaxAddedPerMonth.Value < x.c.MaxAddedPerMonth.Value:
				t.Errorf("%s: %s's physical limit %g is below the scenario's pace %g", name, x.name, l.MaxAddedPerMonth.Value, x.c.MaxAddedPerMonth.Value)
			case len(l.MaxAddedPerMonth.Range) != 2:
				t.Errorf("%s: %s's physical limit has no range", name, x.name)
			case l.LagMonths.Set && l.LagMonths.Value > x.c.LagMonths.Value:
				t.Errorf("%s: %s's surge lag %g is longer than its own %g", name, x.name, l.LagMonths.Value, x.c.LagMonths.Value)
			}
		}
	}
}
