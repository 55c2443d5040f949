package agent

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// removeUnbooked removes the step's people taken straight from the
// final-order docket without a detention book-in (a.Unbooked, see
// model.InteriorArrests), credited in whole people as the other arrests
// are, as flow's removeUnbooked: counted, never materialised, recorded at
// once (UnbookedRemoval is past the step's transition set), their
// country groups drawn by caseload share from their own stream.
func (e *engine) removeUnbooked(a *model.Arrests, k int) {
	if a.Unbooked <= 0 {
		return
	}
	u := min(e.unbooked.add(a.Unbooked), e.n[procedure.FinalOrder])
	e.unbooked.use(u)
	if u <= 0 {
		return
	}
	e.n[procedure.FinalOrder] -= u
	e.n[procedure.Removed] += u
	e.t.Fire(procedure.UnbookedRemoval, float64(u))
	if e.trace != nil {
		e.trace(TraceEvent{Step: k, N: int(u), From: procedure.FinalOrder, To: procedure.Removed, Transition: procedure.UnbookedRemoval, Pathway: procedure.InteriorFinalOrder})
	}
	if len(e.unbookedOut) != e.g {
		e.unbookedOut = make([]int64, e.g)
		e.unbookedP = make([]float64, e.g)
		for gi, g := range e.m.Groups {
			e.unbookedP[gi] = g.CaseloadShare
		}
	}
	e.ds[sUnbooked].multinomial(u, e.unbookedP, e.unbookedOut)
	for gi, n := range e.unbookedOut {
		if n > 0 {
			e.t.RemovalTo(procedure.InteriorFinalOrder, gi, float64(n), 0)
		}
	}
}
