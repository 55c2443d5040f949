// Package flow is the deterministic stock-flow engine. It executes the
// procedure's network (procedure.Network) on fluid quantities of people,
// one step at a time, with the capacities, delays and decisions that
// package model compiles from a scenario. It is the mean-field of the
// agent engine: every per-case draw of the agent is, here, a fraction of
// a stock, and every queue is served up to its capacity per step. It has
// no routing of its own: a decision splits a stock by the branches of a
// model.Decision, and every move follows a transition compiled once per
// run from its definition (into, see route.go): the cell each class's
// people enter (the destination the transition marks, their group's cell
// of a counted stock), and the record of the move by TransitionID. move,
// mover, split and enterGroups are the ways to move along one. split,
// the inner loop, does per class only what depends on the class: it
// takes the same fraction of every class of a state, moves each branch's
// share to the classes of states that keep them, sums what it took by
// country group for the branches to counted and terminal states (whose
// cells are by group), and records each branch as its share of the
// total; so the order of the sums is not that of the classes, and the
// results are the same up to rounding (bench/flowdiff checks 1e-9).
//
// Within a step the phases run in the order model.Step writes once for
// both engines (the engine is its model.Solver, see step.go): (1) delay
// stages release their share of the stock at the step's
// start; (2) queues are served in the order judges, asylum officers,
// country caps, third-country slots, seats, land slots; (3) border
// apprehensions, interior arrests and new entries arrive; (4) free beds
// admit from the bed queue, nearest removal first (rank by rank, see
// procedure.BedRank), so only people who find no bed wait. Queues are
// served in proportion across their classes; in a steady run this gives
// the same means as the agent's first-in-first-out.
//
// Each stock carries, besides the number of people, the sum of their
// arrest times and of their admission times, so mean time to removal and
// mean length of stay are measured, not inferred.
package flow

import (
	"math"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/tally"
)

// Run simulates m and returns its result.
func Run(m *model.Model) *result.Result { return RunRecording(m, tally.Recording{}) }

// RunRecording is Run with a result that records only what rec asks for
// (tally.Recording): the planner and calibration run thousands of models
// and read a few outcomes of each.
func RunRecording(m *model.Model, rec tally.Recording) *result.Result {
	e := newEngine(m)
	e.t.Record(rec)
	for k := 0; k < m.Steps; k++ {
		e.step(k)
	}
	return e.t.Result("flow")
}

// lot is a quantity of people with the sums of their arrest and admission
// times (in days).
type lot struct{ n, arr, adm float64 }

// take removes the fraction f of l and returns it.
func (l *lot) take(f float64) lot {
	if f >= 1 {
		out := *l
		*l = lot{}
		return out
	}
	out := lot{l.n * f, l.arr * f, l.adm * f}
	l.n -= out.n
	l.arr -= out.arr
	l.adm -= out.adm
	return out
}

func (l *lot) add(o lot) { l.n += o.n; l.arr += o.arr; l.adm += o.adm }

func (l lot) scale(f float64) lot { return lot{l.n * f, l.arr * f, l.adm * f} }

// cell is a class's stock in a state; seen is set once it has held
// people (see engine.active). One array of both costs one bounds check
// and one cache line where two arrays cost two.
type cell struct {
	lot
	seen bool
}

// The kinds of a class: what is known of a case's destination, beside
// its pathway and country group (which everyone keeps, so a class is
// (pathway, group, kind)). kindNone is used before a destination is
// known; kindClaims marks, in the Arrested state, expedited cases who
// claim fear; kindHome is removal to the group's country; kindThird and
// the two after it the kinds of third-country removal, in the order of
// procedure's marks (with assurances, after notice, without notice).
const (
	kindNone = iota
	kindClaims
	kindHome
	kindThird
	numKinds = kindThird + 3
)

// kindOf returns the kind a transition's mark sets, or -1 (keep).
func kindOf(mark procedure.Mark) int {
	switch mark {
	case procedure.Unknown:
		return kindNone
	case procedure.CountryGroup:
		return kindHome
	case procedure.ThirdAssured, procedure.ThirdAfterNotice, procedure.ThirdWithoutNotice:
		return kindThird + int(mark-procedure.ThirdAssured)
	}
	return -1
}

// engine holds the stocks of every state by class = (pathway, group,
// kind), but for the third-country chain, whose classes pool the groups
// (see chain.go). A counted stock (see counted) has one cell per country
// group, cell g for group g, and a terminal state is a sink of one cell
// per group.
type engine struct {
	m  *model.Model
	t  *tally.Tally
	g  int // country groups
	st [procedure.NumStates][]cell
	// groupCells are each state's first g cells: a counted stock's
	// groups' (see count).
	groupCells [procedure.NumStates][]cell
	// active lists, per state, the classes that have ever held people,
	// so the loops skip the many classes a state can never hold.
	active [procedure.NumStates][]int
	// classPathway, classGroup and classKind decompose a class index,
	// classSlot is its destination slot in model's layout (see
	// model.NumSlots); classEnj is the class's bit in an Enjoinment and
	// classByAir whether its removal needs a flight.
	classPathway []procedure.Pathway
	classGroup   []int32
	classKind    []uint8
	classSlot    []int32
	classEnj     []procedure.Enjoinment
	classByAir   []bool
	// classRank and classAdmit are, for a class of Arrested, its rank in
	// the bed queue (procedure.BedRank) and its admission's transition.
	classRank  []uint8
	classAdmit []*into
	// classRemovals is what the tally records of a class's removals
	// (tally.RemovalsFrom of its pathway and slot).
	classRemovals []tally.Removals
	// classDoc is the travel documents' release of a class: its
	// group's probability a step and exit (model.DocumentExit).
	classDoc []docRelease
	// entryShares are the groups' shares among people entering from
	// each source (model.GroupShares), and lots the step's people taken
	// from a counted stock by group (see Split).
	entryShares [procedure.NumSources][]float64
	lots        []lot
	// chain is the third-country chain's people by pathway and group,
	// chainShare chainTake's answer (see chain.go).
	chain      [procedure.NumPathways][]float64
	chainShare []float64
	// removed is the chain's people Remove has taken, by pathway (see
	// removedFromChain).
	removed [procedure.NumPathways]float64
	// exits are the states' exits (model.Exit) compiled for split (see
	// exitAll); sums are split's people by group and taken by class.
	exits [procedure.NumStates]decision
	sums  []lot
	taken []classLot
	// sink receives the moves to terminal states, which are only
	// counted, by group: its numbers of people are what TestGroupsConserved
	// reads (removals add only those; the times are not read).
	sink []cell
	// dn and dadm are the step's discharges recorded by recordMove and
	// the sum of their admission times (see record).
	dn, dadm float64
	// scratch is model.Step's working memory (see Scratch).
	scratch model.Scratch
	into    [procedure.NumTransitions]into
	// enj is the step's injunctions (see procedure.Enjoinment), the same
	// through day enjThrough; enjoinedIn caches enjoined's answers.
	enj        procedure.Enjoinment
	enjThrough int
	enjoinedIn [procedure.NumStates]enjoinedList
	// lifted is the injunctions of the last step's Lift (see
	// liftable).
	lifted procedure.Enjoinment
	// byRank lists the bed queue's active classes by rank, in the order
	// of active[Arrested], as of its first ranked classes (see
	// rankClasses).
	byRank [procedure.NumRanks][]int
	ranked int
	// po is the post-order population by day of entry (see deadline.go).
	po postOrder
	// clock is the step being run (see step.go).
	clock
}

func newEngine(m *model.Model) *engine {
	g := len(m.Groups)
	e := &engine{m: m, t: tally.New(m), g: g, enjThrough: -1, lifted: ^procedure.Enjoinment(0)}
	n := int(procedure.NumPathways) * g * numKinds
	for s := range e.st {
		e.st[s] = make([]cell, n)
	}
	e.classPathway, e.classGroup, e.classKind, e.classSlot = make([]procedure.Pathway, n), make([]int32, n), make([]uint8, n), make([]int32, n)
	e.classEnj, e.classByAir = make([]procedure.Enjoinment, n), make([]bool, n)
	for c := range n {
		p, gi, kind := procedure.Pathway(c/(g*numKinds)), c/numKinds%g, c%numKinds
		slot := 0
		switch {
		case kind == kindHome:
			slot = 1 + gi
		case kind >= kindThird:
			slot = g + 1 + kind - kindThird
		}
		e.classPathway[c], e.classGroup[c], e.classKind[c], e.classSlot[c] = p, int32(gi), uint8(kind), int32(slot)
		e.classEnj[c], e.classByAir[c] = procedure.EnjoinmentOf(p, m.Destination(slot)), m.ByAir(slot)
	}
	// Counted and terminal states' cells are never listed as active.
	for s := range procedure.NumStates {
		e.groupCells[s] = e.st[s][:g]
		if e.counted(s) {
			for gi := range g {
				e.st[s][gi].seen = true
			}
		}
	}
	e.sink = make([]cell, g)
	for gi := range e.sink {
		e.sink[gi].seen = true
	}
	e.lots, e.sums, e.chainShare = make([]lot, g), make([]lot, g), make([]float64, g)
	for p := range e.chain {
		e.chain[p] = make([]float64, g)
	}
	e.entryShares[procedure.Border], e.entryShares[procedure.NewEntries] = m.GroupShares(true), m.GroupShares(false)
	// The compiled transitions point at the cohorts (see into.po).
	e.po = newPostOrder(m.PostOrderLimitDays, n)
	e.newInto()
	for st := range procedure.NumStates {
		e.compile(&e.exits[st], m.Exit(st))
	}
	e.classRank, e.classAdmit, e.classRemovals = make([]uint8, n), make([]*into, n), make([]tally.Removals, n)
	e.classDoc = make([]docRelease, n)
	for c := range n {
		g := &m.Groups[e.classGroup[c]]
		e.classDoc[c] = docRelease{prob: g.TravelDocProb, exit: model.DocumentExit(g.Acceptance)}
		e.classRemovals[c] = e.t.RemovalsFrom(e.classPathway[c], e.slotOf(c))
		p, claims := e.classPathway[c], e.classKind[c] == kindClaims
		e.classRank[c], e.classAdmit[c] = uint8(procedure.BedRank(p, claims)), &e.into[procedure.Admission(p, claims)]
	}
	// The stocks at the start, by the groups' caseload shares; the
	// counted ones entered proceedings on day 0 as far as time to
	// removal is concerned (the scenario does not say how long they have
	// been on the docket). The initially detained were arrested and
	// admitted DetainedDaysHeld days before the start, on average.
	in := &m.Initial
	held := -in.DetainedDaysHeld
	e.po.setDay(-int(math.Round(in.DetainedDaysHeld)))
	for gi, share := range m.GroupShares(false) {
		for _, x := range [...]struct {
			s procedure.State
			n float64
		}{{procedure.AtLarge, in.AtLarge}, {procedure.ATD, in.ATD}, {procedure.InProceedings, in.InProceedings},
			{procedure.FinalOrder, in.FinalOrders}, {procedure.FinalOrderStale, in.StaleFinalOrders}} {
			e.st[x.s][gi].n = x.n * share
		}
		td, dd := in.DetainedWithOrder*share, in.DetainedDocket*share
		c := e.cls(procedure.InteriorFinalOrder, gi, kindHome)
		e.po.start(c, e.st[procedure.TravelDocument][c].n, td)
		e.put(procedure.TravelDocument, c, lot{n: td, arr: td * held, adm: td * held})
		e.put(procedure.DetainedDocket, e.cls(procedure.InteriorCourt, gi, kindNone), lot{n: dd, arr: dd * held, adm: dd * held})
	}
	e.po.setDay(0)
	var s tally.Stocks
	for st := range e.st {
		s[st] = e.Count(procedure.State(st))
	}
	e.t.Begin(s)
	return e
}

// docRelease is a class's release from TravelDocument (see classDoc).
type docRelease struct {
	prob float64
	exit [2]model.Branch
}

// cls returns the class of pathway p, country group g and kind.
func (e *engine) cls(p procedure.Pathway, g, kind int) int { return (int(p)*e.g+g)*numKinds + kind }

// pathwayOf and slotOf read tables built once: the division and
// remainder they replace ran in every inner loop.
func (e *engine) pathwayOf(c int) procedure.Pathway { return e.classPathway[c] }

func (e *engine) slotOf(c int) int { return int(e.classSlot[c]) }

// put adds l to class c of state st.
func (e *engine) put(st procedure.State, c int, l lot) {
	x := &e.st[st][c]
	if !x.seen {
		if l.n == 0 {
			return
		}
		x.seen = true
		e.active[st] = append(e.active[st], c)
	}
	x.add(l)
}

// enjoined returns the active classes of state st that the step's
// injunctions block, in the order of e.active[st]. The list is worked out
// again only when the injunctions change or the state has a new class.
func (e *engine) enjoined(st procedure.State) []int {
	l := &e.enjoinedIn[st]
	if act := e.active[st]; l.enj != e.enj || l.active != len(act) {
		l.enj, l.active, l.classes = e.enj, len(act), l.classes[:0]
		for _, c := range act {
			if e.enj&e.classEnj[c] != 0 {
				l.classes = append(l.classes, c)
			}
		}
	}
	return l.classes
}

// liftable returns the blocked classes Lift may send back: none unless
// an injunction has ended since the last step's (only enjoined classes
// enter Blocked, by Divert, and Lift, which runs every step, leaves
// only enjoined ones; the first step's are all, the scenario's).
func (e *engine) liftable() []int {
	ended := e.lifted&^e.enj != 0
	e.lifted = e.enj
	if !ended {
		return nil
	}
	return e.active[procedure.Blocked]
}

// enjoinedList is enjoined's answer for a state with active classes
// and injunctions enj.
type enjoinedList struct {
	enj     procedure.Enjoinment
	active  int
	classes []int
}

// total returns the people in state st.
func (e *engine) total(st procedure.State) float64 {
	t, cells := 0.0, e.st[st]
	for _, c := range e.active[st] {
		t += cells[c].n
	}
	return t
}
