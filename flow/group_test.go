package flow

import (
	"math"
	"os"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// groupModel compiles baseline-2025 for months months.
func groupModel(t *testing.T, months int) *model.Model {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Months = months
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// groupPeople returns the people of country group g anywhere: in the
// counted stocks' cells of g, the classes of g of the other states, the
// third-country chain's g (see chain.go), and g's sink of the terminal
// states.
func (e *engine) groupPeople(g int) float64 {
	t := e.sink[g].n
	for s := range procedure.NumStates {
		st := procedure.State(s)
		switch {
		case st.Terminal():
		case e.counted(st):
			t += e.st[s][g].n
		default:
			for c := range e.st[s] {
				if int(e.classGroup[c]) == g && !(st.PostOrder() && e.pooled(c)) {
					t += e.st[s][c].n
				}
			}
		}
	}
	// The third-country chain's people, pooled in its classes.
	for p := range e.chain {
		t += e.chain[p][g]
	}
	return t
}

// TestGroupsConserved is the invariant that people keep their country
// group: at every step each group holds its people at the start plus
// those who entered in it (border apprehensions by border share, new
// entries by caseload share), wherever they are, terminal states
// included; and the groups add up to everyone.
func TestGroupsConserved(t *testing.T) {
	m := groupModel(t, 24)
	e := newEngine(m)
	border, entries := m.GroupShares(true), m.GroupShares(false)
	want := make([]float64, e.g)
	for g := range want {
		want[g] = e.groupPeople(g)
	}
	for k := range m.Steps {
		e.step(k)
		total := 0.0
		for g := range want {
			want[g] += m.BorderPerStep[k]*border[g] + m.NewEntriesPerStep[k]*entries[g]
			got := e.groupPeople(g)
			total += got
			if math.Abs(got-want[g]) > 1e-9*want[g] {
				t.Fatalf("step %d: group %s holds %.6f people, want %.6f", k, m.Groups[g].Name, got, want[g])
			}
		}
		// The chain's composition holds its classes' people.
		for p := range e.chain {
			pooled, held := 0.0, 0.0
			for _, x := range e.chain[p] {
				pooled += x
			}
			for s := procedure.TravelDocument; s.PostOrder(); s++ {
				for c := range e.st[s] {
					if e.classPathway[c] == procedure.Pathway(p) && e.pooled(c) {
						held += e.st[s][c].n
					}
				}
			}
			if math.Abs(pooled-held) > 1e-9*math.Max(1, held) {
				t.Fatalf("step %d: pathway %s: the chain's groups hold %.9f, its classes %.9f", k, procedure.Pathway(p), pooled, held)
			}
		}
		// The states' people as the engine counts them, the terminal
		// ones as the tally does.
		all := 0.0
		for s := procedure.State(0); !s.Terminal(); s++ {
			all += e.Count(s)
		}
		if terminal := e.t.Stock(procedure.Removed) + e.t.Stock(procedure.Departed) + e.t.Stock(procedure.Relief) +
			e.t.Stock(procedure.Expelled) + e.t.Stock(procedure.ReturnedByCBP); math.Abs(all+terminal-total) > 1e-9*total {
			t.Fatalf("step %d: the groups hold %.6f people, the states %.6f", k, total, all+terminal)
		}
	}
}

// refusing returns m with country group g's country refusing every
// travel document and no third-country places, so none of g can be
// removed.
func refusing(m *model.Model, g int) *model.Model {
	c := noThird(m)
	c.Groups = append([]model.Group(nil), m.Groups...)
	c.Groups[g].Acceptance = 0
	return c
}

// noThird returns m without third-country places.
func noThird(m *model.Model) *model.Model {
	c := *m
	c.ThirdAssuredPerStep = make([]float64, m.Steps)
	c.ThirdUnassuredPerStep = make([]float64, m.Steps)
	return &c
}

// docket returns the people of group g on the final-order docket.
func (e *engine) docket(g int) float64 {
	return e.st[procedure.FinalOrder][g].n + e.st[procedure.FinalOrderStale][g].n
}

// TestRefusingGroupAccumulates checks that people whose country refuses
// them stay who they are: released at the post-order limit back to the
// final-order docket in their group and located again as that group,
// they accumulate there, and none of them is removed (by detention or
// without a book-in), while the other groups still are.
func TestRefusingGroupAccumulates(t *testing.T) {
	base := groupModel(t, 24)
	g := len(base.Groups) - 1
	// The run it is compared with differs only in g's acceptance.
	m := refusing(base, g)
	e, b := newEngine(m), newEngine(noThird(base))
	start := e.docket(g)
	for k := range m.Steps {
		e.step(k)
		b.step(k)
	}
	r := e.t.Result("flow")
	name := m.Groups[g].Name
	if got := r.Totals.RemovalsByDestination[name]; got != 0 {
		t.Errorf("%g removals to %s, whose country refuses every document", got, name)
	}
	if other := m.Groups[0].Name; r.Totals.RemovalsByDestination[other] <= 0 {
		t.Errorf("no removals to %s", other)
	}
	end, was := e.docket(g), b.docket(g)
	t.Logf("%s on the final-order docket: %.0f at the start, %.0f after %d months (%.0f when its country accepts %.0f%%)", name, start, end, m.Months, was, 100*base.Groups[g].Acceptance)
	if end <= start || end <= was {
		t.Errorf("%s's final-order docket went from %.0f to %.0f (%.0f when its country accepts): want it to grow", name, start, end, was)
	}
}
