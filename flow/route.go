package flow

import (
	"math/bits"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// decide splits x, taken from class c, over the branches of a decision:
// each branch's share enters its transition's To state.
func (e *engine) decide(dec model.Decision, c int, x lot) {
	p, slot := e.pathwayOf(c), e.slotOf(c)
	for _, b := range dec {
		if b.Share != 0 {
			e.enter(b.T, p, slot, x.scale(b.Share))
		}
	}
}

// decideAll takes the fraction f of every class of state st and splits it
// over the branches of dec (see decide).
func (e *engine) decideAll(st procedure.State, dec model.Decision, f float64) {
	cells := e.st[st]
	for _, c := range e.active[st] {
		if cells[c].n != 0 {
			e.decide(dec, c, cells[c].take(f))
		}
	}
}

// into is what enter does for a transition, worked out once per run
// from its definition (see newInto).
type into struct {
	from, to procedure.State
	// slot is the destination slot the transition marks; model.KeepSlot
	// keeps the case's own.
	slot int
	// travelDoc: an order, split over the country groups.
	travelDoc bool
	// counted is the counted stock entered; nil for a state held by
	// class or a terminal state.
	counted *float64
	// discharge: the transition leaves detention.
	discharge bool
	// held: To is a detention state held by class.
	held bool
}

// newInto works out enter's table from procedure's network.
func (e *engine) newInto() {
	for tid := range e.into {
		from, to := procedure.Ends(procedure.TransitionID(tid))
		mark := procedure.Def(procedure.TransitionID(tid)).Mark
		e.into[tid] = into{from: from, to: to, slot: e.m.MarkSlot(mark), travelDoc: mark == procedure.CountryGroup,
			counted: e.counted(to), discharge: from < procedure.NumStates && from.Detained() && !to.Detained(),
			held: to < procedure.NumStates && to.Detained()}
	}
}

// enter puts x, of pathway p and destination slot, where transition tid
// leads — a class of a detention state with the destination the
// transition marks (procedure.Mark), the travel-document split, a counted
// stock, or nowhere for a terminal state — and adds it to the step's
// record of tid (see record).
func (e *engine) enter(tid procedure.TransitionID, p procedure.Pathway, slot int, x lot) {
	if x.n == 0 {
		return
	}
	in := &e.into[tid]
	from := int(p)*e.nslot + slot
	if in.slot != model.KeepSlot {
		slot = in.slot
	}
	e.po.move(in.from, from, in.to, int(p)*e.nslot+slot, x.n)
	switch {
	case in.travelDoc:
		e.pendingTD[p].add(x)
	case in.held:
		e.put(in.to, int(p)*e.nslot+slot, x)
	case in.counted != nil:
		*in.counted += x.n
	}
	// Only the number and the admission times are recorded: arrest times
	// matter at removal, which serveDepartures records itself.
	a := &e.acc[tid]
	a.n += x.n
	a.adm += x.adm
	e.accSet |= 1 << tid
}

// release moves the fraction f of every class of transition tid's From
// along tid.
func (e *engine) release(tid procedure.TransitionID, f float64) {
	from, _ := procedure.Ends(tid)
	st := e.st[from]
	for _, c := range e.active[from] {
		if st[c].n != 0 {
			e.enter(tid, e.pathwayOf(c), e.slotOf(c), st[c].take(f))
		}
	}
}

// releaseCounted moves the fraction f of the counted stock tid leaves
// along tid.
func (e *engine) releaseCounted(tid procedure.TransitionID, f float64) {
	from, _ := procedure.Ends(tid)
	s := e.counted(from)
	x := *s * f
	*s -= x
	e.enter(tid, 0, slotNone, lot{n: x})
}

// counted returns the counted stock of state s; nil for a terminal state
// or one held by class.
func (e *engine) counted(s procedure.State) *float64 {
	switch s {
	case procedure.AtLarge:
		return &e.atLarge
	case procedure.ATD:
		return &e.atd
	case procedure.InProceedings:
		return &e.inProc
	case procedure.FinalOrder:
		return &e.finalOrder
	}
	return nil
}

// record hands the moves entered since the last record to the tally,
// each transition's once; leaving detention is a discharge. Admission
// reads the tally's detained count, so every phase before it records.
func (e *engine) record(now float64) {
	for set := e.accSet; set != 0; set &= set - 1 {
		tid := procedure.TransitionID(bits.TrailingZeros64(set))
		if e.into[tid].discharge {
			e.discharge(tid, e.acc[tid], now)
		} else {
			e.t.Fire(tid, e.acc[tid].n)
		}
		e.acc[tid] = lot{}
	}
	e.accSet = 0
}
