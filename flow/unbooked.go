package flow

import "github.com/removalsim/removalsim/procedure"

// Unbooked removes n people from the final-order docket without a
// detention book-in (model.Solver): a move FinalOrder → Removed that
// takes no bed, recorded at once (UnbookedRemoval is past the step's
// transition set) and counted as interior final-order removals to the
// country groups of the mode in proportion, on the day of arrest.
func (e *engine) Unbooked(byAir bool, n float64) {
	mode := 0
	if byAir {
		mode = 1
	}
	if e.unbookedP[mode] == nil {
		e.unbookedP[mode] = e.m.UnbookedGroups(byAir)
	}
	*e.finalOrder -= n
	e.t.Fire(procedure.UnbookedRemoval, n)
	for gi, p := range e.unbookedP[mode] {
		if x := n * p; x > 0 {
			e.t.RemovalTo(procedure.InteriorFinalOrder, gi, x, 0)
		}
	}
}
