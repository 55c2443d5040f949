package backtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// TestBaselineAgainstEarly2025 checks baseline-2025, which holds the
// capacities of early 2025, against what ICE recorded while those
// capacities still held: ICE arrests a day in the first 100 days of the
// 2025 administration (internal ICE data reported by CBS), which the
// baseline's officer productivity was set to, and removals in its first
// 98 days (TRAC, from ICE's semi-monthly statistics). While every
// removal passed through detention the model removed about a fifth fewer
// than ICE recorded; with the 2025 regime's removals without a detention
// book-in (arrests.unbooked_removal_share, fitted in fy2025 to this
// window among others) it is about 4% above, and the README says so; the
// removals case pins that statement (within 5 points either side), so
// that a change that moves it fails here until the README is brought up
// to date.
func TestBaselineAgainstEarly2025(t *testing.T) {
	s, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := flow.Run(m)
	cases := []struct {
		series, period string
		perDay         bool
		value          func(result.Month) float64
		// lo and hi bound the model's relative difference from the
		// recorded figure.
		lo, hi float64
	}{
		{"ice_arrests_per_day", "2025-01-20/2025-04-29", true, func(m result.Month) float64 { return m.Arrests }, -0.05, 0.05},
		// README ("Shipped scenarios"): "+4.4%".
		{"ice_removals", "2025-01-26/2025-05-03", false, func(m result.Month) float64 { return m.Removals }, -0.01, 0.09},
	}
	for _, c := range cases {
		f, ok := data.Lookup(c.series, c.period)
		if !ok {
			t.Fatalf("no %s %s in the dataset", c.series, c.period)
		}
		a, b, _ := strings.Cut(c.period, "/")
		from, _ := time.Parse("2006-01-02", a)
		to, _ := time.Parse("2006-01-02", b)
		got := backtest.Within(r.Monthly, c.value, from, to)
		if c.perDay {
			got /= to.Sub(from).Hours()/24 + 1
		}
		rel := got/f.Value - 1
		t.Logf("%s %s: model %.0f, recorded %.0f (%+.1f%%)", c.series, c.period, got, f.Value, 100*rel)
		if rel < c.lo || rel > c.hi {
			t.Errorf("%s %s: model %.0f against %.0f recorded, %+.1f%%, outside [%+.0f%%, %+.0f%%]", c.series, c.period, got, f.Value, 100*rel, 100*c.lo, 100*c.hi)
		}
	}
}
