package flow

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// removeUnbooked removes the step's people taken straight from the
// final-order docket without a detention book-in (a.Unbooked, see
// model.InteriorArrests), as many as the seats and land slots the step's
// departures left (model.UnbookedByMode): a move FinalOrder → Removed
// that takes no bed, recorded at once (UnbookedRemoval is past the step's
// transition set) and counted as interior final-order removals to the
// country groups by caseload share within each mode, on the day of
// arrest.
func (e *engine) removeUnbooked(a *model.Arrests) {
	if a.Unbooked <= 0 {
		return
	}
	m := e.m
	air, land := m.UnbookedByMode(a.Unbooked, e.left[procedure.Flights], e.left[procedure.Land])
	u := air + land
	if u <= 0 {
		return
	}
	*e.finalOrder -= u
	e.t.Fire(procedure.UnbookedRemoval, u)
	e.t.Use(procedure.Flights, air, 0)
	e.t.Use(procedure.Land, land, 0)
	if e.unbookedP[0] == nil {
		e.unbookedP[0], e.unbookedP[1] = m.UnbookedGroups(false), m.UnbookedGroups(true)
	}
	for mode, n := range [2]float64{land, air} {
		for gi, p := range e.unbookedP[mode] {
			if x := n * p; x > 0 {
				e.t.RemovalTo(procedure.InteriorFinalOrder, gi, x, 0)
			}
		}
	}
}
