// Package flow is the deterministic stock-flow engine. It executes the
// procedure's network (procedure.Network) on fluid quantities of people,
// one step at a time, with the capacities, delays and decisions that
// package model compiles from a scenario. It is the mean-field of the
// agent engine: every per-case draw of the agent is, here, a fraction of
// a stock, and every queue is served up to its capacity per step. It has
// no routing of its own: a decision splits a stock by the branches of a
// model.Decision, and every move follows a transition compiled once per
// run from its definition (into, see route.go): the cell each class's
// people enter (the destination the transition marks, the
// travel-document split, a counted stock), and the record of the move by
// TransitionID. enter, split and mover are the ways to move along one.
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

// Destination slots of a class: which country group, or which kind of
// third-country removal. slotNone is used before a destination is known;
// in the Arrested state slotClaims marks expedited cases who claim fear.
const (
	slotNone   = 0
	slotClaims = 1
)

// engine holds the stocks of every state by class = (pathway, slot).
type engine struct {
	m *model.Model
	t *tally.Tally
	g int // country groups
	// nslot is the number of destination slots (model's slot layout).
	nslot int
	st    [procedure.NumStates][]cell
	// active lists, per state, the classes that have ever held people,
	// so the loops skip the many classes a state can never hold.
	active [procedure.NumStates][]int
	// The counted stocks, without classes: each is its state's single
	// cell (see count), which transitions enter like any other.
	atLarge, atd, inProc, finalOrder *float64
	// classPathway and classSlot decompose a class index; classEnj is
	// the class's bit in an Enjoinment and classByAir whether its
	// removal needs a flight.
	classPathway []procedure.Pathway
	classSlot    []int32
	classEnj     []procedure.Enjoinment
	classByAir   []bool
	// classRank and classAdmit are, for a class of Arrested, its rank in
	// the bed queue (procedure.BedRank) and its admission's transition.
	classRank  []uint8
	classAdmit []*into
	// pendingTD gathers, per pathway, the people who got an order during
	// the step (see addTravelDoc).
	// The cells are marked seen: they are not a state's classes.
	pendingTD [procedure.NumPathways]cell
	// groupShare is, per pathway, the share of each country group in
	// its orders (see flushTravelDoc).
	groupShare [procedure.NumPathways][]float64
	// branches holds decideAll's compiled branches (see split).
	branches [model.MaxBranches]branch
	// discharges has the bit of each transition out of detention.
	discharges procedure.TransitionSet
	// sink receives the moves to terminal states, which are only counted.
	sink [1]cell
	// accN and accAdm hold, per transition, the number and the sum of
	// admission times of what entered it since the last record; accSet
	// has bit tid set when they are due. (Arrest times matter at
	// removal, which Remove records itself.)
	accN, accAdm [procedure.NumTransitions]float64
	accSet       procedure.TransitionSet
	// unbookedP are the country groups' shares of the removals without
	// a detention book-in, by land and by air (model.UnbookedGroups).
	unbookedP [2][]float64
	into      [procedure.NumTransitions]into
	// enj is the step's injunctions (see procedure.Enjoinment), the same
	// through day enjThrough; enjoinedIn caches enjoined's answers.
	enj        procedure.Enjoinment
	enjThrough int
	enjoinedIn [procedure.NumStates]enjoinedList
	// po is the post-order population by day of entry (see deadline.go).
	po postOrder
	// clock is the step being run (see step.go).
	clock
}

func newEngine(m *model.Model) *engine {
	g := len(m.Groups)
	e := &engine{m: m, t: tally.New(m), g: g, nslot: m.NumSlots(), enjThrough: -1}
	n := int(procedure.NumPathways) * e.nslot
	for s := range e.st {
		e.st[s] = make([]cell, n)
	}
	e.classPathway, e.classSlot = make([]procedure.Pathway, n), make([]int32, n)
	e.classEnj, e.classByAir = make([]procedure.Enjoinment, n), make([]bool, n)
	for c := range n {
		p, slot := procedure.Pathway(c/e.nslot), c%e.nslot
		e.classPathway[c], e.classSlot[c] = p, int32(slot)
		e.classEnj[c], e.classByAir[c] = procedure.EnjoinmentOf(p, m.Destination(slot)), m.ByAir(slot)
	}
	// Counted and terminal states have one cell, never listed as active;
	// nor are the travel documents gathered in the step.
	for s := range procedure.NumStates {
		if e.counted(s) {
			e.st[s][0].seen = true
		}
	}
	for p := range e.pendingTD {
		e.pendingTD[p].seen = true
	}
	e.sink[0].seen = true
	e.atLarge, e.atd, e.inProc, e.finalOrder = e.count(procedure.AtLarge), e.count(procedure.ATD), e.count(procedure.InProceedings), e.count(procedure.FinalOrder)
	// The compiled transitions point at the cohorts (see into.po).
	e.po = newPostOrder(m.PostOrderLimitDays, n)
	e.newInto()
	e.classRank, e.classAdmit = make([]uint8, n), make([]*into, n)
	for c := range n {
		p, claims := e.classPathway[c], e.classSlot[c] == slotClaims
		e.classRank[c], e.classAdmit[c] = uint8(procedure.BedRank(p, claims)), &e.into[procedure.Admission(p, claims)]
	}
	for p := range e.groupShare {
		e.groupShare[p] = make([]float64, g)
		for gi := range m.Groups {
			e.groupShare[p][gi] = m.Groups[gi].CaseloadShare
			if procedure.Pathway(p) == procedure.BorderExpedited {
				e.groupShare[p][gi] = m.Groups[gi].BorderShare
			}
		}
	}
	in := &m.Initial
	*e.atLarge, *e.atd, *e.inProc, *e.finalOrder = in.AtLarge, in.ATD, in.InProceedings, in.FinalOrders
	*e.count(procedure.FinalOrderStale) = in.StaleFinalOrders
	// The initially detained were arrested and admitted DetainedDaysHeld
	// days before the start, on average.
	held := -in.DetainedDaysHeld
	e.addTravelDoc(procedure.InteriorFinalOrder, lot{n: in.DetainedWithOrder, arr: in.DetainedWithOrder * held, adm: in.DetainedWithOrder * held})
	e.po.setDay(-int(math.Round(in.DetainedDaysHeld)))
	e.flushTravelDoc()
	e.po.setDay(0)
	e.put(procedure.DetainedDocket, e.cls(procedure.InteriorCourt, slotNone), lot{n: in.DetainedDocket, arr: in.DetainedDocket * held, adm: in.DetainedDocket * held})
	var s tally.Stocks
	s[procedure.AtLarge], s[procedure.ATD], s[procedure.InProceedings], s[procedure.FinalOrder] = *e.atLarge, *e.atd, *e.inProc, *e.finalOrder
	s[procedure.FinalOrderStale] = in.StaleFinalOrders
	for st := range e.st {
		s[st] += e.total(procedure.State(st))
	}
	e.t.Begin(s)
	return e
}

func (e *engine) cls(p procedure.Pathway, slot int) int { return int(p)*e.nslot + slot }

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

// enjoinedList is enjoined's answer for a state with active classes
// and injunctions enj.
type enjoinedList struct {
	enj     procedure.Enjoinment
	active  int
	classes []int
}

// total returns the people in state st.
func (e *engine) total(st procedure.State) float64 {
	t := 0.0
	for _, c := range e.active[st] {
		t += e.st[st][c].n
	}
	return t
}

// addTravelDoc puts people with an order of pathway p into TravelDocument.
// They are gathered per pathway during the step and split over the
// country groups once, at its end (flushTravelDoc): nobody leaves
// TravelDocument in the step they enter it, so the split can wait, and
// one split per pathway per step costs far less than one per call.
func (e *engine) addTravelDoc(p procedure.Pathway, l lot) {
	e.pendingTD[p].add(l)
}

// flushTravelDoc splits the step's new travel-document cases over the
// country groups by the pathway's shares (border cases by border share,
// others by caseload share). Moves were recorded by the callers.
func (e *engine) flushTravelDoc() {
	for p := range e.pendingTD {
		l := e.pendingTD[p].lot
		if l.n == 0 {
			continue
		}
		for gi, share := range e.groupShare[p] {
			x := l.scale(share)
			e.put(procedure.TravelDocument, p*e.nslot+1+gi, x)
			e.po.add(procedure.TravelDocument, p*e.nslot+1+gi, x.n)
		}
		e.pendingTD[p].lot = lot{}
	}
}
