package procedure_test

import (
	"math"
	"os"
	"testing"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// TestNoWaitAfterOrderBeyondLimit checks the post-order detention limit
// (procedure.Deadline; Zadvydas v. Davis) on every shipped scenario and
// rule case: nobody is held after a final order longer than
// detention.blocked_release_days. The agent's trace gives each case's
// post-order clock (from entering TravelDocument, or from admission for
// the initially detained with an order, to leaving post-order
// detention), which must never exceed the limit, nor may a case still
// held at the end have passed it. Flow has no cases: its timeout mass
// must make the post-order stock young enough — everyone who entered
// post-order detention by the end of a month has left it by the end of
// each month at least the limit later.
func TestNoWaitAfterOrderBeyondLimit(t *testing.T) {
	for _, f := range networkScenarios(t) {
		s, err := scenario.Load(os.DirFS(".."), f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		m, err := model.Compile(s)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if m.PostOrderLimitDays < 1 {
			t.Fatalf("%s: post-order limit %d days", f, m.PostOrderLimitDays)
		}
		t.Run(f, func(t *testing.T) {
			checkFlowLimit(t, m, flow.Run(m))
			scale := 1.0
			if m.Initial.AtLarge > 1e5 {
				scale = 0.003
			}
			checkAgentLimit(t, m.Scaled(scale))
		})
	}
}

// checkFlowLimit checks flow's post-order stock against its entries.
func checkFlowLimit(t *testing.T, m *model.Model, r *result.Result) {
	t.Helper()
	var in, out []string
	for _, tr := range procedure.Transitions(&m.Rules) {
		key := tr.From.String() + "->" + tr.To.String()
		switch {
		case !tr.From.PostOrder() && tr.To.PostOrder():
			in = append(in, key)
		case tr.From.PostOrder() && !tr.To.PostOrder():
			out = append(out, key)
		}
	}
	sum := func(mo result.Month, keys []string) float64 {
		seen, v := map[string]bool{}, 0.0
		for _, k := range keys {
			if !seen[k] {
				seen[k] = true
				v += mo.Flows[k]
			}
		}
		return v
	}
	// The initially detained with an order count as entries on day 0 (the
	// engines start their clocks earlier, at admission, which only makes
	// them leave sooner).
	cumIn := []float64{m.Initial.DetainedWithOrder}
	cumOut := []float64{0}
	for _, mo := range r.Monthly {
		cumIn = append(cumIn, cumIn[len(cumIn)-1]+sum(mo, in))
		cumOut = append(cumOut, cumOut[len(cumOut)-1]+sum(mo, out))
	}
	end := func(i int) int { return m.MonthStartStep[i] / m.StepsPerDay } // day month i starts (i = Months: the run's end)
	checked := 0
	for j := range len(cumIn) {
		for i := j; i < len(cumIn); i++ {
			// Entries by the start of month j (day end(j)) are out by day
			// end(j) + limit.
			if end(i) < end(j)+m.PostOrderLimitDays {
				continue
			}
			checked++
			if cumOut[i] < cumIn[j]*(1-1e-9)-1e-6 {
				t.Errorf("flow: %.1f entered post-order detention by day %d, only %.1f had left by day %d (limit %d days)",
					cumIn[j], end(j), cumOut[i], end(i), m.PostOrderLimitDays)
			}
			break
		}
	}
	if len(r.Monthly)*30 > m.PostOrderLimitDays+31 && checked == 0 {
		t.Errorf("flow: no month was checked")
	}
}

// checkAgentLimit follows each case's post-order clock in the trace.
func checkAgentLimit(t *testing.T, m *model.Model) {
	t.Helper()
	var rec agent.Recorder
	if _, err := agent.Run(m, agent.Options{Runs: 1, Trace: rec.Record}); err != nil {
		t.Fatal(err)
	}
	limit := m.PostOrderLimitDays * m.StepsPerDay
	held := -int(math.Round(m.Initial.DetainedDaysHeld * float64(m.StepsPerDay)))
	start := map[uint64]int{}
	seen, initial := map[uint64]bool{}, map[uint64]bool{}
	longest, clocks := 0, 0
	for _, ev := range rec.Events {
		if ev.Case == 0 {
			continue
		}
		fromPO := ev.From < procedure.NumStates && ev.From.PostOrder()
		toPO := ev.To < procedure.NumStates && ev.To.PostOrder()
		if fromPO && !seen[ev.Case] {
			// Initially detained with an order: held since admission;
			// one held longer than the limit already is released on the
			// first step.
			start[ev.Case], initial[ev.Case] = held, true
		}
		seen[ev.Case] = true
		switch {
		case !fromPO && toPO:
			start[ev.Case] = ev.Step
		case fromPO && !toPO:
			w := ev.Step - start[ev.Case]
			clocks++
			longest = max(longest, w)
			if w > limit && !(initial[ev.Case] && ev.Step == 0) {
				t.Errorf("agent: case %d held %d steps after its order (limit %d), left by %s", ev.Case, w, limit, procedure.Def(ev.Transition).To)
			}
			delete(start, ev.Case)
			delete(initial, ev.Case)
		}
	}
	for c, s := range start {
		if m.Steps-1-s > limit && !(initial[c] && m.Steps == 1) {
			t.Errorf("agent: case %d still held after its order at the end, %d steps (limit %d)", c, m.Steps-1-s, limit)
		}
	}
	if clocks == 0 {
		t.Errorf("agent: no post-order clock ended")
	}
	t.Logf("agent: %d post-order stays ended, the longest %d steps (limit %d)", clocks, longest, limit)
}
