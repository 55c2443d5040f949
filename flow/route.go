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
		e.enter(b.T, p, slot, x.scale(b.Share))
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
	d := procedure.Def(tid)
	switch d.Mark {
	case procedure.Unknown:
		slot = slotNone
	case procedure.ThirdAssured:
		slot = e.thirdAssured()
	case procedure.ThirdAfterNotice:
		slot = e.thirdNotice()
	case procedure.ThirdWithoutNotice:
		slot = e.thirdNoNote()
	}
	switch {
	case d.Mark == procedure.CountryGroup:
		e.addTravelDoc(p, x)
	case d.To.Detained():
		e.put(d.To, e.cls(p, slot), x)
	default:
		if s := e.counted(d.To); s != nil {
			*s += x.n
		}
	}
	e.acc[tid].add(x)
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
		from, to := procedure.Ends(tid)
		if from < procedure.NumStates && from.Detained() && !to.Detained() {
			e.discharge(tid, e.acc[tid], now)
		} else {
			e.t.Fire(tid, e.acc[tid].n)
		}
		e.acc[tid] = lot{}
	}
	e.accSet = 0
}
