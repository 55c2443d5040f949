package agent

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// removeUnbooked removes the step's people taken straight from the
// final-order docket without a detention book-in (a.Unbooked, see
// model.InteriorArrests), as flow's removeUnbooked: by air and by land
// (model.UnbookedByMode), each capped by the seats and land slots the
// step's departures left and credited in whole people, counted, never
// materialised, recorded at once (UnbookedRemoval is past the step's
// transition set), their country groups drawn by caseload share within
// the mode from their own stream.
func (e *engine) removeUnbooked(a *model.Arrests, k int) {
	if a.Unbooked <= 0 {
		return
	}
	m := e.m
	air, land := m.UnbookedByMode(a.Unbooked, e.left[procedure.Flights], e.left[procedure.Land])
	if e.unbookedP[0] == nil {
		e.unbookedP[0], e.unbookedP[1] = m.UnbookedGroups(false), m.UnbookedGroups(true)
		e.unbookedOut = make([]int64, e.g)
	}
	for mode, x := range [2]float64{land, air} {
		cr := &e.unbooked[mode]
		n := min(cr.add(x), e.n[procedure.FinalOrder])
		cr.use(n)
		if n <= 0 {
			continue
		}
		e.n[procedure.FinalOrder] -= n
		e.n[procedure.Removed] += n
		e.t.Fire(procedure.UnbookedRemoval, float64(n))
		c := procedure.Land
		if mode == 1 {
			c = procedure.Flights
		}
		e.t.Use(c, float64(n), 0)
		if e.trace != nil {
			e.trace(TraceEvent{Step: k, N: int(n), From: procedure.FinalOrder, To: procedure.Removed, Transition: procedure.UnbookedRemoval, Pathway: procedure.InteriorFinalOrder})
		}
		e.ds[sUnbooked].multinomial(n, e.unbookedP[mode], e.unbookedOut)
		for gi, v := range e.unbookedOut {
			if v > 0 {
				e.t.RemovalTo(procedure.InteriorFinalOrder, gi, float64(v), 0)
			}
		}
	}
}
