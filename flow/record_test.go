package flow_test

import (
	"reflect"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/tally"
)

// TestRecording checks, on every shipped scenario, that a Lean result is
// the full result without its maps, ledger, distributions, transitions
// fired and sources, every number it keeps equal bit for bit; that an
// Unpriced one is that with every cost zero; and that a Lean one with
// Breakdown is the lean one plus the full one's removals by pathway
// (each month and period) and flows under tally.AdmissionFlows (each
// month), which calibration's fitting-only targets read, while Breakdown
// without Lean changes nothing. The planner and calibration read lean
// results, so their answers cannot depend on it.
func TestRecording(t *testing.T) {
	for name, s := range shipped(t) {
		m, err := model.Compile(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		full := flow.Run(m)
		want := lean(full)
		if got := flow.RunRecording(m, tally.Recording{Lean: true}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: lean result differs from the full one stripped of its maps", name)
		}
		if got, want := flow.RunRecording(m, tally.Recording{Lean: true, Breakdown: true}), breakdown(t, full); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: lean result with breakdown differs from the full one stripped to it", name)
		}
		if got := flow.RunRecording(m, tally.Recording{Breakdown: true}); !reflect.DeepEqual(got, full) {
			t.Errorf("%s: Breakdown without Lean changes the full result", name)
		}
		if want.Totals.CostUSD == 0 {
			t.Errorf("%s: no cost: the unpriced check proves nothing", name)
		}
		unpriced(want)
		if got := flow.RunRecording(m, tally.Recording{Lean: true, Unpriced: true}); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: unpriced lean result differs from the lean one with costs zeroed", name)
		}
	}
}

// lean returns a copy of r with what a Lean recording leaves out
// removed.
func lean(r *result.Result) *result.Result {
	c := *r
	c.Ledger, c.TimeToRemovalDays, c.Fired, c.Sources = nil, nil, nil, nil
	c.Totals.RemovalsByPathway, c.Totals.RemovalsByDestination, c.Totals.CostByItem = nil, nil, nil
	c.Monthly = append([]result.Month(nil), r.Monthly...)
	for i := range c.Monthly {
		mo := &c.Monthly[i]
		mo.Utilisation, mo.Capacity, mo.Queue, mo.RemovalsByPathway, mo.Stocks, mo.Flows, mo.CostByItem = nil, nil, nil, nil, nil, nil, nil
	}
	c.Annual = append([]result.Period(nil), r.Annual...)
	for i := range c.Annual {
		c.Annual[i].RemovalsByPathway = nil
	}
	return &c
}

// breakdown returns lean(r) with r's removals by pathway and its monthly
// flows under tally.AdmissionFlows, which must not all be zero (the
// comparison would prove little).
func breakdown(t *testing.T, r *result.Result) *result.Result {
	t.Helper()
	c, admitted := lean(r), 0.0
	for i, mo := range r.Monthly {
		w := &c.Monthly[i]
		w.RemovalsByPathway, w.Flows = mo.RemovalsByPathway, map[string]float64{}
		for _, k := range tally.AdmissionFlows {
			if v, ok := mo.Flows[k]; ok {
				w.Flows[k] = v
				admitted += v
			}
		}
	}
	for i, p := range r.Annual {
		c.Annual[i].RemovalsByPathway = p.RemovalsByPathway
	}
	if admitted == 0 {
		t.Errorf("%s: no admissions to detention: the breakdown check proves little", r.Scenario)
	}
	return c
}

// unpriced sets every cost of r to zero.
func unpriced(r *result.Result) {
	r.Totals.CostUSD, r.Totals.CostPerRemovalUSD, r.Totals.AppropriationGapUSD = 0, 0, 0
	r.DueProcess.FinesAccruedUSD = 0
	for i := range r.Monthly {
		r.Monthly[i].CostUSD = 0
	}
	for i := range r.Annual {
		r.Annual[i].CostUSD = 0
	}
}
