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

// levers checks each capacity's lever: a lever states its physical limit
// and cites what bounds it (a plan may push the capacity that far, so the
// limit is the claim a reader must be able to check). The limit is not
// compared with the capacity's own pace: a scenario that replays history
// may set a pace past it to follow published levels, and the planner uses
// the larger of the two.
func (v *validator) levers() {
	c := &v.s.Capacities
	for _, x := range []struct {
		name string
		l    *Lever
	}{
		{"officers", &c.Officers.Lever}, {"detention_beds", &c.DetentionBeds.Lever},
		{"flights", &c.Flights.Lever}, {"land_removals", &c.LandRemovals.Lever},
		{"judges", &c.Judges.Lever}, {"asylum_officers", &c.AsylumOfficers.Lever},
	} {
		p := "capacities." + x.name + ".lever.max_added_per_month"
		switch {
		case !x.l.Set() && (x.l.LagMonths.Set || x.l.SurgeAddCost.Set):
			v.report(p, Missing, "required: the physical limit on units added a month, with its source")
		case x.l.Set() && strings.TrimSpace(x.l.MaxAddedPerMonth.Source) == "":
			v.report(p, Missing, "required: a source for the physical limit (academy throughput, contract lead times, the charter market...)")
		}
	}
}

// PlanOnly reports whether the parameter at path (as Params names it) is
// read only by the planner: a capacity's lever. A run does not read it,
// so sensitivity and uncertainty analyses of a run leave it out rather
// than sample a factor with no effect.
func PlanOnly(path string) bool { return strings.Contains(path, ".lever.") }
