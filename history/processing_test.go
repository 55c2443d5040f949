package history

import (
	"math"
	"testing"
	"time"

	"github.com/removalsim/removalsim/scenario"
)

// TestProcessedReleases: ICE's processing arrests are the share of CBP's
// releases (encounters × (1 − Title 42 share) × released share) in the
// months of ProcessingPeriods only, and nothing without a share.
func TestProcessedReleases(t *testing.T) {
	s := &scenario.Scenario{}
	s.Inflows.BorderEncounters = scenario.Schedule{{From: scenario.MonthOf(2019, time.October), Value: scenario.P(1000)}}
	s.Border.Title42Share = scenario.Schedule{
		{From: scenario.MonthOf(2019, time.October), Value: scenario.P(0)},
		{From: scenario.MonthOf(2020, time.March), Value: scenario.P(0.5)},
	}
	s.Border.ReleasedShare = scenario.P(0.4)
	with := Behaviour{{Path: ProcessingShare, Param: scenario.P(0.1)}}
	for _, c := range []struct {
		name string
		fy   int
		b    Behaviour
		want float64
	}{
		{"before the periods", 2020, with, 0},
		// February-September 2021: 8 months × 1000 × 0.5 × 0.4 × 0.1.
		{"from February 2021", 2021, with, 8 * 1000 * 0.5 * 0.4 * 0.1},
		{"a whole year", 2022, with, 12 * 1000 * 0.5 * 0.4 * 0.1},
		{"no share", 2022, nil, 0},
	} {
		if got := ProcessedReleases(s, c.fy, c.b); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("%s: FY%d %g, want %g", c.name, c.fy, got, c.want)
		}
	}
}

// TestProcessingPeriodsStartInTitle42: the processing months start with a
// CBP processing period of BorderRegimes (the change of administration).
func TestProcessingPeriodsStartInTitle42(t *testing.T) {
	for _, p := range ProcessingPeriods {
		if rg := borderRegimeAt(p.From); rg.From != p.From {
			t.Errorf("%s starts in %v, inside border period %s (from %v)", p.Name, p.From, rg.Name, rg.From)
		}
	}
}
