package agent

import "github.com/removalsim/removalsim/procedure"

// Unbooked removes n people from the final-order docket without a
// detention book-in (model.Solver), as flow's Unbooked: counted, never
// materialised, recorded at once (UnbookedRemoval is past the step's
// transition set), their country groups drawn by the mode's shares from
// their own stream.
func (e *engine) Unbooked(byAir bool, n float64) {
	x := int64(n)
	if x <= 0 {
		return
	}
	mode := 0
	if byAir {
		mode = 1
	}
	if e.unbookedP[mode] == nil {
		e.unbookedP[mode] = e.m.UnbookedGroups(byAir)
		e.unbookedOut = make([]int64, e.g)
	}
	e.n[procedure.FinalOrder] -= x
	e.n[procedure.Removed] += x
	e.t.Fire(procedure.UnbookedRemoval, float64(x))
	e.events += x
	// Removed on the day of arrest: zero days from arrest to removal.
	p := procedure.InteriorFinalOrder
	if len(e.ttrHist[p]) == 0 {
		e.ttrHist[p] = append(e.ttrHist[p], 0)
	}
	e.ttrHist[p][0] += x
	e.ttrN[p] += x
	for range x {
		e.t.RemovalCase(p, 0)
	}
	if e.trace != nil {
		e.trace(TraceEvent{Step: e.k, N: int(x), From: procedure.FinalOrder, To: procedure.Removed, Transition: procedure.UnbookedRemoval, Pathway: p})
	}
	e.ds[sUnbooked].multinomial(x, e.unbookedP[mode], e.unbookedOut)
	for gi, v := range e.unbookedOut {
		if v > 0 {
			e.t.RemovalTo(p, gi, float64(v), 0)
		}
	}
}
