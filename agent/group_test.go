package agent

import (
	"os"
	"slices"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// livePeople returns the people of each country group not in a
// terminal state: counted in the group's counts or held as its cases.
func (e *engine) livePeople() []int64 {
	t := make([]int64, e.g)
	for s := range procedure.NumStates {
		for g, n := range e.ng[s] {
			t[g] += n
		}
	}
	for i := range e.cases {
		if c := &e.cases[i]; c.state != freed {
			t[c.group]++
		}
	}
	return t
}

// TestGroupsConserved is the invariant that the engine's people are
// where the tally's ledger of entries and moves (Begin, Fire) puts them,
// as flow's test of the name checks: at every step each state's count is
// the tally's stock of it, a counted stock's groups add up to its count,
// and the people of all groups not in a terminal state are the tally's
// people outside the terminal states. (The tally keeps no groups: that
// people keep theirs is TestRefusingGroupAccumulates' check.)
func TestGroupsConserved(t *testing.T) {
	m := smallBaseline(t)
	e := newEngine(m, 1, 0, nil)
	for k := range m.MonthStartStep[12] {
		e.step(k)
		live := 0.0
		for s := range procedure.NumStates {
			if got, want := float64(e.n[s]), e.t.Stock(procedure.State(s)); got != want {
				t.Fatalf("step %d: %s holds %g people, the tally %g", k, procedure.State(s), got, want)
			}
			if !procedure.State(s).Terminal() {
				live += e.t.Stock(procedure.State(s))
			}
			if e.ng[s] == nil {
				continue
			}
			sum := int64(0)
			for _, n := range e.ng[s] {
				sum += n
			}
			if sum != e.n[s] {
				t.Fatalf("step %d: %s's groups hold %d, its count is %d", k, procedure.State(s), sum, e.n[s])
			}
		}
		groups := 0.0
		for _, n := range e.livePeople() {
			groups += float64(n)
		}
		if groups != live {
			t.Fatalf("step %d: the groups hold %g people outside the terminal states, the tally %g", k, groups, live)
		}
	}
	if e.misfires != 0 {
		t.Errorf("%d misfires", e.misfires)
	}
}

// TestRefusingGroupAccumulates checks, as flow's test of the name, that
// people whose country refuses them accumulate on the final-order docket
// in their group, and none of them is removed.
func TestRefusingGroupAccumulates(t *testing.T) {
	base := loadModel(t, os.DirFS("../scenarios"), "baseline-2025.yaml").Scaled(0.02)
	g := len(base.Groups) - 1
	// No third-country places in either run: they differ only in g's
	// acceptance.
	base.ThirdAssuredPerStep, base.ThirdUnassuredPerStep = make([]float64, base.Steps), make([]float64, base.Steps)
	m := *base
	m.Groups = append([]model.Group(nil), base.Groups...)
	m.Groups[g].Acceptance = 0
	e, b := newEngine(&m, 1, 0, nil), newEngine(base, 1, 0, nil)
	docket := func(e *engine) int64 { return e.ng[procedure.FinalOrder][g] + e.ng[procedure.FinalOrderStale][g] }
	start := docket(e)
	for k := range m.MonthStartStep[24] {
		e.step(k)
		b.step(k)
	}
	name, other := m.Groups[g].Name, m.Groups[0].Name
	r := e.t.Result("agent")
	if got, o := r.Totals.RemovalsByDestination[name], r.Totals.RemovalsByDestination[other]; got != 0 || o <= 0 {
		t.Errorf("%g removals to %s, whose country refuses every document, and %g to %s: want none and some", got, name, o, other)
	}
	end, was := docket(e), docket(b)
	t.Logf("%s on the final-order docket: %d at the start, %d after 24 months (%d when its country accepts %.0f%%)", name, start, end, was, 100*base.Groups[g].Acceptance)
	if end <= start || end <= was {
		t.Errorf("%s's final-order docket went from %d to %d (%d when its country accepts): want it to grow", name, start, end, was)
	}
}

// TestTimeToRemovalCountsDocket checks, in both engines, that time to
// removal counts the time in proceedings. Nobody is on the docket or
// detained at the start, and the border's apprehensions of the first
// month (three months' worth) are all released on ATD, none later:
// people located on the final-order docket (pathway
// interior_final_order) are then removed months after they entered
// proceedings, not the days from their arrest there, and with a long
// docket (ATD four times as long before the non-detained docket) later
// still. The agent's mean (an age aggregate per group) agrees with
// flow's.
func TestTimeToRemovalCountsDocket(t *testing.T) {
	base := loadModel(t, os.DirFS("../scenarios"), "baseline-2025.yaml").Scaled(0.02)
	in := &base.Initial
	in.InProceedings, in.ATD, in.FinalOrders, in.StaleFinalOrders, in.DetainedWithOrder, in.DetainedDocket = 0, 0, 0, 0, 0, 0
	base.BorderPerStep, base.Title42Share, base.BorderRoute = slices.Clone(base.BorderPerStep), make([]float64, base.Steps), make([]model.BorderRoute, base.Steps)
	for k := range base.BorderPerStep {
		base.BorderRoute[k].Released = 1
		if base.BorderPerStep[k] *= 3; k >= base.MonthStartStep[1] {
			base.BorderPerStep[k] = 0
		}
	}
	base.Shares.ATDOfBorderReleases = 1
	long := *base
	long.Probs.ATDEnd /= 4
	p := procedure.InteriorFinalOrder.String()
	var means [2][2]float64 // engine, model
	for i, m := range []*model.Model{base, &long} {
		r, err := Run(m, Options{Runs: 2})
		if err != nil {
			t.Fatal(err)
		}
		means[0][i], means[1][i] = flow.Run(m).TimeToRemovalDays[p].Mean, r.TimeToRemovalDays[p].Mean
	}
	t.Logf("%s mean days to removal: flow %.0f, %.0f with the long docket; agent %.0f, %.0f", p, means[0][0], means[0][1], means[1][0], means[1][1])
	for e, name := range []string{"flow", "agent"} {
		if m := means[e]; m[0] < 180 || m[1] < 1.2*m[0] {
			t.Errorf("%s: %s removed %.0f days after entering proceedings, %.0f with the long docket: want months, and longer", name, p, m[0], m[1])
		}
	}
	for i := range 2 {
		if d := means[1][i]/means[0][i] - 1; d > 0.03 || d < -0.03 {
			t.Errorf("model %d: agent's mean %.1f days, flow's %.1f (%+.1f%%)", i, means[1][i], means[0][i], 100*d)
		}
	}
}
