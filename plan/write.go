package plan

import (
	"fmt"
	"io"
	"strconv"

	"github.com/removalsim/removalsim/scenario"
)

// WriteScenario writes the plan as a scenario file that extends parent
// (a path relative to the written file): the horizon, every capacity's
// target schedule and, when slots were added, the third-country list.
// Running it reproduces the plan's flow result exactly. The plan keeps
// its Scenario and the input (base) it was made from.
func (p *Plan) WriteScenario(w io.Writer, name, parent string) error {
	s := p.Scenario
	num := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	fmt.Fprintf(w, "# Written by removalsim plan: target %s removals a year by %s (%s).\n", num(p.TargetPerYear), p.By, feasibleWord(p.Feasible))
	fmt.Fprintf(w, "# Rate: %s.\n", RateDefinition)
	fmt.Fprintf(w, "name: %s\nextends: %s\nmonths: %d\ncapacities:\n", strconv.Quote(name), strconv.Quote(parent), s.Months)
	for i, c := range Capacities {
		cp := capacityOf(s, i)
		fmt.Fprintf(w, "  %s:\n", c)
		if base := capacityOf(p.base, i); !samePace(cp, base) {
			// The plan's pace, when its lever is used: the ramp is the
			// decision, so the written file carries it.
			fmt.Fprintf(w, "    max_added_per_month: {value: %s", num(cp.MaxAddedPerMonth.Value))
			if len(cp.MaxAddedPerMonth.Changes) > 0 {
				fmt.Fprintf(w, ", changes: [")
				for k, ch := range cp.MaxAddedPerMonth.Changes {
					if k > 0 {
						fmt.Fprintf(w, ", ")
					}
					fmt.Fprintf(w, "{from: %s, value: %s}", ch.From, num(ch.Value))
				}
				fmt.Fprintf(w, "]")
			}
			fmt.Fprintf(w, "}\n    lag_months: %s\n", num(cp.LagMonths.Value))
		}
		if len(cp.Target) == 0 {
			// Replace any target the parent sets: the plan keeps the level.
			fmt.Fprintf(w, "    target:\n      - {from: %s, value: %s}\n", s.Start, num(cp.Initial.Value))
			continue
		}
		fmt.Fprintf(w, "    target:\n")
		for _, st := range cp.Target {
			fmt.Fprintf(w, "      - {from: %s, value: %s}\n", st.From, num(st.Value.Value))
		}
	}
	if p.ThirdCountryAdded > 0 {
		fmt.Fprintf(w, "third_countries:\n")
		for _, t := range s.ThirdCountries {
			fmt.Fprintf(w, "  - name: %s\n    monthly_capacity: %s\n    assurances: %t\n    from: %s\n", strconv.Quote(t.Name), num(t.MonthlyCapacity.Value), t.Assurances, t.From)
			if t.Until != 0 {
				fmt.Fprintf(w, "    until: %s\n", t.Until)
			}
		}
	}
	return nil
}

// samePace reports whether the plan's capacity a ramps as the input's b.
func samePace(a, b *scenario.Capacity) bool {
	if a.MaxAddedPerMonth.Value != b.MaxAddedPerMonth.Value || a.LagMonths.Value != b.LagMonths.Value ||
		len(a.MaxAddedPerMonth.Changes) != len(b.MaxAddedPerMonth.Changes) {
		return false
	}
	for k, ch := range a.MaxAddedPerMonth.Changes {
		if ch.Value != b.MaxAddedPerMonth.Changes[k].Value {
			return false
		}
	}
	return true
}

func feasibleWord(ok bool) string {
	if ok {
		return "feasible"
	}
	return "not feasible: the maximum plan"
}
