package flow

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// removeUnbooked removes the step's people taken straight from the
// final-order docket without a detention book-in (a.Unbooked, see
// model.InteriorArrests): a move FinalOrder → Removed that takes no bed,
// recorded at once (UnbookedRemoval is past the step's transition set)
// and counted as interior final-order removals to the country groups by
// caseload share, on the day of arrest.
func (e *engine) removeUnbooked(a *model.Arrests) {
	u := a.Unbooked
	if u <= 0 {
		return
	}
	*e.finalOrder -= u
	e.t.Fire(procedure.UnbookedRemoval, u)
	for gi := range e.m.Groups {
		e.t.RemovalTo(procedure.InteriorFinalOrder, gi, u*e.groupShare[procedure.InteriorFinalOrder][gi], 0)
	}
}
