// Command headline prints the numbers the README's answer to "what would
// 1,000,000 removals a year take" quotes, from the same planner the plan
// command runs on the shipped baseline-2025, so the README is regenerated
// from code rather than edited by hand after the model changes:
//
//	go run ./scripts/headline
//
// It plans 1,000,000 a year by 2028-01 (the ceiling with every lever at
// its physical limit, what binds, how far each lever moves and beyond its
// limit, the appropriations gap, the month-by-month binding timeline),
// finds the earliest month by which a plan reaches it (bisection over
// the date with the least-cost objective, which holds the rate for the
// year after), and compares the ceiling with FY2025's published removals.
// Flow engine only; each plan takes a few seconds.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/numfmt"
	"github.com/removalsim/removalsim/plan"
	"github.com/removalsim/removalsim/regime"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

const target = 1e6

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "headline:", err)
		os.Exit(1)
	}
}

func run() error {
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		return err
	}
	by := scenario.MonthOf(2028, 1)
	p, err := plan.Make(s, plan.Options{Target: target, By: by})
	if err != nil {
		return err
	}
	fmt.Printf("## plan baseline-2025 --target 1000000 --by %s\n\n", by)
	fmt.Printf("feasible: %v; lowest monthly rate %s..%s (flow): %s a year; cost to %s: %s (surge premium %s)\n",
		p.Feasible, p.By, p.Horizon, people(p.AchievedPerYear), p.Horizon, billions(p.CostUSD), billions(p.SurgeUSD))
	if f, ok := data.Lookup("ice_removals", "2024-10-01/2025-09-06"); ok {
		days, err := regime.Days(f.Period)
		if err != nil {
			return err
		}
		rate := f.Value * 365 / float64(days)
		fmt.Printf("FY2025 (ice_removals %s, %s in %d days; held out, neither an input nor a fitting target): %s a year; ceiling / FY2025 = %.2f\n",
			f.Period, people(f.Value), days, people(rate), p.AchievedPerYear/rate)
	}
	fmt.Println("\nbinding:")
	for _, b := range p.Binding {
		fmt.Printf("- %s: %s\n", b.Constraint, b.Note)
	}
	fmt.Println("\nbinding timeline (flow result's binding capacity):")
	timeline(p)

	// The earliest date: the first month by which a least-cost plan holds
	// the target for the following year. Feasibility is taken to be
	// monotone in the date (a later date allows the same ramps and more).
	lo, hi := scenario.MonthOf(2026, 1), scenario.MonthOf(2032, 1)
	var best *plan.Plan
	for lo < hi {
		mid := lo + (hi-lo)/2
		q, err := plan.Make(s, plan.Options{Target: target, By: mid})
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "by %s: feasible %v, %s a year\n", mid, q.Feasible, people(q.AchievedPerYear))
		if q.Feasible {
			hi, best = mid, q
		} else {
			lo = mid + 1
		}
	}
	if best == nil || best.By != hi.String() {
		if best, err = plan.Make(s, plan.Options{Target: target, By: hi}); err != nil {
			return err
		}
	}
	if best.Feasible {
		fmt.Printf("\n## earliest: plan baseline-2025 --target 1000000 --by %s\n\n", hi)
	} else {
		fmt.Printf("\n## earliest: none by %s (the last date tried); plan baseline-2025 --target 1000000 --by %s\n\n", hi, hi)
	}
	fmt.Printf("feasible: %v; reached on %s; lowest monthly rate to %s: %s a year; cost to %s: %s (surge premium %s)\n",
		best.Feasible, best.ReachedOn, best.Horizon, people(best.AchievedPerYear), best.Horizon, billions(best.CostUSD), billions(best.SurgeUSD))
	fmt.Println("\nbinding:")
	for _, b := range best.Binding {
		fmt.Printf("- %s: %s\n", b.Constraint, b.Note)
	}
	fmt.Println("\nbinding timeline:")
	timeline(best)
	return nil
}

// timeline prints the plan's months grouped by what binds.
func timeline(p *plan.Plan) {
	var spans []string
	for i := 0; i < len(p.Schedule); {
		j := i
		for j+1 < len(p.Schedule) && p.Schedule[j+1].Binding == p.Schedule[i].Binding {
			j++
		}
		spans = append(spans, fmt.Sprintf("%s..%s %s (rate %s→%s)", p.Schedule[i].Month, p.Schedule[j].Month, p.Schedule[i].Binding,
			people(p.Schedule[i].RatePerYear), people(p.Schedule[j].RatePerYear)))
		i = j + 1
	}
	fmt.Println(strings.Join(spans, "; "))
}

// people formats a count of people with thousands separators.
func people(v float64) string { return numfmt.Count(v) }

func billions(v float64) string { return fmt.Sprintf("$%.1f billion", v/1e9) }
