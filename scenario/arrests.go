package scenario

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
	v.together("the custodial pool", map[string]*Param{
		"removable_bookings_per_month": &a.RemovableBookingsPerMonth,
		"cooperation_share":            &a.CooperationShare,
		"custodial_officer_months":     &a.CustodialOfficerMonths,
	}, []string{"removable_bookings_per_month", "cooperation_share", "custodial_officer_months"})
	v.together("the aging final-order docket", map[string]*Param{
		"order_staleness_years":        &a.OrderStalenessYears,
		"stale_located_share_per_year": &a.StaleLocatedSharePerYear,
		"initial_stale_share":          &a.InitialStaleShare,
	}, []string{"order_staleness_years", "stale_located_share_per_year", "initial_stale_share"})
}

// together reports each of the arrests fields keys (in that order) that
// is missing when another of them is given.
func (v *validator) together(what string, ps map[string]*Param, keys []string) {
	given := ""
	for _, k := range keys {
		if ps[k].Set {
			given = k
			break
		}
	}
	if given == "" {
		return
	}
	for _, k := range keys {
		if !ps[k].Set {
			v.report("arrests."+k, Missing, "required with arrests.%s: %s needs %s, %s and %s", given, what, keys[0], keys[1], keys[2])
		}
	}
}
