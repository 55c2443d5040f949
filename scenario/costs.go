package scenario

import (
	"slices"
	"strconv"
	"strings"
)

// CostAgencies are the agencies the cost model charges (package cost),
// and "ice", which an appropriation may fund as a whole.
var CostAgencies = []string{"ice_ero", "ice_hsi", "ice_opla", "cbp", "uscis", "eoir", "doj", "state"}

// MaxAppropriations bounds costs.appropriations.
const MaxAppropriations = 1000

// appropriations checks costs.appropriations: a name, a known agency,
// fiscal years in order, and exactly one of per_year and total.
func (v *validator) appropriations() {
	aps := v.s.Costs.Appropriations
	if len(aps) > MaxAppropriations {
		v.reportKey("costs.appropriations", OutOfRange, "at most %d appropriations, got %d", MaxAppropriations, len(aps))
	}
	for i, a := range aps {
		p := "costs.appropriations[" + strconv.Itoa(i) + "]"
		if a.Name == "" {
			v.report(p+".name", Missing, "required: what the funds are")
		}
		if a.Agency != "ice" && !slices.Contains(CostAgencies, a.Agency) {
			v.report(p+".agency", UnknownName, "unknown agency %q (valid: ice, %s)", a.Agency, strings.Join(CostAgencies, ", "))
		}
		switch {
		case a.FromFY < 1900 || a.FromFY > 2200:
			v.report(p+".from_fy", OutOfRange, "must be a fiscal year between 1900 and 2200, got %d", a.FromFY)
		case a.UntilFY < a.FromFY:
			v.report(p+".until_fy", BadOrder, "must not be before from_fy (%d), got %d", a.FromFY, a.UntilFY)
		}
		if a.PerYear.Set == a.Total.Set {
			v.report(p, Conflict, "set exactly one of per_year (annual funds) and total (multi-year funds)")
		}
	}
}
