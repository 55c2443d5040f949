package flow

import (
	"math"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// TestDecideAllAsDecide checks that decideAll, whose split sums what it
// takes by group and records each branch's share of the total, moves and
// records what deciding class by class does (decide, one move at a
// time), up to rounding (the sums are in another order), for the
// shipped decisions and for one that takes a transition twice; and that
// exitAll, by the state's exit compiled once per run, does exactly what
// decideAll does with the state's model.Exit.
func TestDecideAllAsDecide(t *testing.T) {
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	twice := model.Decision{{T: procedure.AppealUpheld, Share: 0.25}, {T: procedure.AppealSustained, Share: 0.5}, {T: procedure.AppealUpheld, Share: 0.25}}
	tests := []struct {
		name string
		st   procedure.State
		dec  model.Decision
	}{
		{"court", procedure.CourtQueue, m.Decisions.Court},
		{"appeal", procedure.Appeal, m.Decisions.Appeal},
		{"notice", procedure.NoticeServed, m.Decisions.Notice},
		{"third-country screening", procedure.ThirdCountryScreening, m.Decisions.ThirdScreen},
		{"a transition twice", procedure.Appeal, twice},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Two engines with the same people in three classes of st.
			fill := func() *engine {
				e := newEngine(m)
				for i, p := range []procedure.Pathway{procedure.InteriorCourt, procedure.BorderExpedited, procedure.SpecialAuthority} {
					n := 100 * float64(i+1) / 3
					e.put(tt.st, e.cls(p, 0, kindNone), lot{n: n, arr: n * 3, adm: n * 7})
				}
				return e
			}
			got, want := fill(), fill()
			got.decideAll(tt.st, tt.dec, 0.3)
			cells := want.st[tt.st]
			for _, c := range want.active[tt.st] {
				if cells[c].n != 0 {
					want.decide(tt.dec, c, cells[c].take(0.3))
				}
			}
			gotFired := got.t.Result("flow").Fired
			if slices.Equal(tt.dec, m.Exit(tt.st)) {
				exit := fill()
				exit.exitAll(tt.st, 0.3)
				if !slices.Equal(exit.t.Result("flow").Fired, gotFired) || exit.dn != got.dn || exit.dadm != got.dadm || !reflect.DeepEqual(exit.st, got.st) {
					t.Errorf("exitAll differs from decideAll by the state's exit")
				}
			} else if tt.name != "a transition twice" {
				t.Errorf("the decision is not %v's exit", tt.st)
			}
			wantFired := want.t.Result("flow").Fired
			for tid := range gotFired {
				if (gotFired[tid] == 0) != (wantFired[tid] == 0) || !near(gotFired[tid], wantFired[tid]) {
					t.Errorf("%v: recorded %g, want %g", procedure.TransitionID(tid), gotFired[tid], wantFired[tid])
				}
			}
			if !near(got.dn, want.dn) || !near(got.dadm, want.dadm) {
				t.Errorf("discharges recorded %g, admitted at %g in sum, want %g, %g", got.dn, got.dadm, want.dn, want.dadm)
			}
			for s := range got.st {
				for c := range got.st[s] {
					if g, w := got.st[s][c], want.st[s][c]; g.seen != w.seen || !near(g.n, w.n) || !near(g.arr, w.arr) || !near(g.adm, w.adm) {
						t.Errorf("%v class %d: %+v, want %+v", procedure.State(s), c, got.st[s][c], want.st[s][c])
					}
				}
			}
			moved := 0.0
			for _, n := range gotFired {
				moved += n
			}
			if math.Abs(moved-60) > 1e-9 {
				t.Errorf("moved %g people, want 30%% of 200", moved)
			}
		})
	}
}

// near reports whether a and b are equal up to rounding (1e-12
// relative).
func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) }

// decide splits x, taken from class c, over the branches of a decision
// one move at a time: each branch's share enters its transition's To
// state (the reference decideAll is checked against).
func (e *engine) decide(dec model.Decision, c int, x lot) {
	for _, b := range dec {
		if b.Share != 0 {
			e.move(&e.into[b.T], c, x.scale(b.Share))
		}
	}
}

// TestServeQueues checks that Serve's table of each queue's people
// (maxQueues) holds every capacity's queues.
func TestServeQueues(t *testing.T) {
	for c := range procedure.NumCapacities {
		if n := len(c.Queues()); n > maxQueues {
			t.Errorf("%v serves %d queues, Serve holds %d", c, n, maxQueues)
		}
	}
}

// decideAll takes the fraction f of every class of state st and splits it
// over the branches of dec, compiled afresh on each call: the reference
// exitAll's decisions compiled once per run are checked against.
func (e *engine) decideAll(st procedure.State, dec model.Decision, f float64) {
	var d decision
	e.compile(&d, dec)
	e.split(st, f, &d)
}

// TestEnterGroupsByGroup checks what enterGroups relies on: every
// transition from a counted stock or from outside leads to a state
// whose cells are by group (in.byGroup), but for the arrests, which
// Split enters itself.
func TestEnterGroupsByGroup(t *testing.T) {
	e := newEngine(groupModel(t, 1))
	for tid := range procedure.NumTransitions {
		from, to := procedure.Ends(tid)
		if (from == procedure.Outside || e.counted(from)) && to != procedure.Arrested && !e.into[tid].byGroup {
			t.Errorf("%v leads from %v to %v, whose cells are not by group", tid, from, to)
		}
	}
}
