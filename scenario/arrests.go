package scenario

// arrests checks that the custodial pool is described whole: jail
// bookings, the cooperation that hands them to ICE and the officers'
// time a transfer takes go together (package model reads the pool as
// their product and charges the time against the officers), so one
// without the others is an error rather than a silent zero.
func (v *validator) arrests() {
	a := &v.s.Arrests
	pool := []struct {
		key string
		p   *Param
	}{
		{"removable_bookings_per_month", &a.RemovableBookingsPerMonth},
		{"cooperation_share", &a.CooperationShare},
		{"custodial_officer_months", &a.CustodialOfficerMonths},
	}
	given := ""
	for _, f := range pool {
		if f.p.Set {
			given = f.key
			break
		}
	}
	if given == "" {
		return
	}
	for _, f := range pool {
		if !f.p.Set {
			v.report("arrests."+f.key, Missing, "required with arrests.%s: the custodial pool needs removable_bookings_per_month, cooperation_share and custodial_officer_months", given)
		}
	}
}
