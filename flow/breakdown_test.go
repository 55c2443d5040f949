package flow_test

import (
	"reflect"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/tally"
)

// TestBreakdownRecording checks, on every shipped scenario, that a Lean
// result with Breakdown is the lean result plus, from the full result,
// each month's and period's removals by pathway and each month's flows
// under tally.AdmissionFlows, bit for bit: calibration's fitting-only
// targets read these from it. The admissions must not be empty, so the
// comparison proves something; without Lean, Breakdown changes nothing.
func TestBreakdownRecording(t *testing.T) {
	for name, s := range shipped(t) {
		m, err := model.Compile(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		full := flow.Run(m)
		want := lean(full)
		admitted := 0.0
		for i, mo := range full.Monthly {
			w := &want.Monthly[i]
			w.RemovalsByPathway = mo.RemovalsByPathway
			w.Flows = map[string]float64{}
			for _, k := range tally.AdmissionFlows {
				if v, ok := mo.Flows[k]; ok {
					w.Flows[k] = v
					admitted += v
				}
			}
		}
		for i, p := range full.Annual {
			want.Annual[i].RemovalsByPathway = p.RemovalsByPathway
		}
		if admitted == 0 {
			t.Errorf("%s: no admissions to detention: the check proves nothing", name)
		}
		got := flow.RunRecording(m, tally.Recording{Lean: true, Breakdown: true})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: lean result with breakdown differs from the full one stripped to it", name)
			diffMonths(t, got.Monthly, want.Monthly)
		}
		if got := flow.RunRecording(m, tally.Recording{Breakdown: true}); !reflect.DeepEqual(got, full) {
			t.Errorf("%s: Breakdown without Lean changes the full result", name)
		}
	}
}

// diffMonths reports the first month whose breakdown differs.
func diffMonths(t *testing.T, got, want []result.Month) {
	t.Helper()
	for i := range min(len(got), len(want)) {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("first difference in %s:\n got %+v\nwant %+v", want[i].Month, got[i], want[i])
			return
		}
	}
}
