package scenario

import (
	"slices"
	"strings"
)

// arrests checks that the arrest law's groups of fields are given whole:
// the custodial pool (jail bookings, the cooperation that hands them to
// ICE and the officers' time a transfer takes: package model reads the
// pool as their product and charges the time against the officers) and
// the aging final-order docket (how long an order stays recent, how
// often a stale one is located, how much of the docket is stale at the
// start). One field of a group without the others is an error rather
// than a silent zero.
func (v *validator) arrests() {
	a := &v.s.Arrests
	v.together("the custodial pool", []arrestField{
		{"removable_bookings_per_month", &a.RemovableBookingsPerMonth},
		{"cooperation_share", &a.CooperationShare},
		{"custodial_officer_months", &a.CustodialOfficerMonths},
	})
	v.together("the aging final-order docket", []arrestField{
		{"order_staleness_years", &a.OrderStalenessYears},
		{"stale_located_share_per_year", &a.StaleLocatedSharePerYear},
		{"initial_stale_share", &a.InitialStaleShare},
	})
}

// arrestField is an arrests field by its key.
type arrestField struct {
	key string
	p   *Param
}

// together reports each of the arrests fields fs (in that order) that is
// missing when another of them is given.
func (v *validator) together(what string, fs []arrestField) {
	i := slices.IndexFunc(fs, func(f arrestField) bool { return f.p.Set })
	if i < 0 {
		return
	}
	keys := make([]string, len(fs))
	for j, f := range fs {
		keys[j] = f.key
	}
	all := strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
	for _, f := range fs {
		if !f.p.Set {
			v.report("arrests."+f.key, Missing, "required with arrests.%s: %s needs %s", fs[i].key, what, all)
		}
	}
}
