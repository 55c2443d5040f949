package procedure

import "math"

// Rules are the guards of the procedure, compiled from a scenario. Both
// engines route cases with these values and methods, so a rule changes in
// one place. Days count from the run's first day (day 0).
type Rules struct {
	// HearingEntitledShare is the share of interior arrests without an
	// order who get a hearing; the others are expedited.
	HearingEntitledShare float64
	// SpecialAuthorityShare is the share of interior arrests without an
	// order designated for removal under a special authority.
	SpecialAuthorityShare float64
	// FearClaimRate is the share of expedited cases who claim fear.
	FearClaimRate float64
	// ScreeningPassRate is the share of screenings found positive.
	ScreeningPassRate float64
	// FearPositiveDetainedShare is the share of positive credible-fear
	// screenings kept in detention for their hearing (parole or bond
	// denied); the others are released into proceedings or onto ATD.
	FearPositiveDetainedShare float64
	// PassToCourtShare is the share of positive third-country screenings
	// referred to court; the others return to third-country designation.
	PassToCourtShare float64
	// WindowDays is the screening window after a third-country notice.
	WindowDays float64
	// NoticeClaimShare is the share of people served notice who claim
	// fear within the window.
	NoticeClaimShare float64
	// AssurancesRequired: third-country removals without assurances need
	// notice and a chance to claim fear.
	AssurancesRequired bool
	// Injunctions in force, by day.
	Injunctions []Injunction
	// CustodialTransfers: the scenario has a custodial pool (jail
	// bookings handed to ICE), so arrests include jail transfers.
	CustodialTransfers bool
	// CollateralShare is the share of at-large operations' arrests who
	// were not their targets (its largest value over the run).
	CollateralShare float64
	// StaleOrders: the final-order docket ages, orders going stale
	// (FinalOrderStale) and harder to locate.
	StaleOrders bool
	// UnbookedRemovalShare is the number of people removed straight from
	// the final-order docket without a detention book-in (hold rooms,
	// staging sites) per arrest booked into detention (its largest value
	// over the run; 0: none).
	UnbookedRemovalShare float64
}

// Injunction blocks a pathway or a destination class on days
// FromDay..UntilDay inclusive.
type Injunction struct {
	Name string
	// Pathway is the blocked pathway, when ByPathway.
	Pathway   Pathway
	ByPathway bool
	// Destination is the blocked class, when !ByPathway.
	Destination       DestinationClass
	FromDay, UntilDay int
}

// NoticeClaimShare returns the share claiming fear within a window of
// windowHours, when maxShare would claim given unlimited time and claims
// arrive with time constant tauHours: maxShare × (1 − exp(−W/τ)).
func NoticeClaimShare(windowHours, maxShare, tauHours float64) float64 {
	if tauHours <= 0 {
		return maxShare
	}
	return maxShare * (1 - math.Exp(-windowHours/tauHours))
}

// inForce reports whether the injunction holds on the day (its dates are
// inclusive).
func (in *Injunction) inForce(day int) bool { return day >= in.FromDay && day <= in.UntilDay }

// Enjoined reports whether a removal along pathway p to destination class
// d is blocked on the given day.
func (r *Rules) Enjoined(p Pathway, d DestinationClass, day int) bool {
	for i := range r.Injunctions {
		in := &r.Injunctions[i]
		if in.inForce(day) && (in.ByPathway && in.Pathway == p || !in.ByPathway && in.Destination == d) {
			return true
		}
	}
	return false
}

// PathwayEnjoined reports whether pathway p is blocked on the day
// whatever the destination.
func (r *Rules) PathwayEnjoined(p Pathway, day int) bool {
	for i := range r.Injunctions {
		in := &r.Injunctions[i]
		if in.ByPathway && in.Pathway == p && in.inForce(day) {
			return true
		}
	}
	return false
}

// AnyEnjoined reports whether any injunction is in force on the day, so
// engines can skip per-case checks on the other days.
func (r *Rules) AnyEnjoined(day int) bool {
	for i := range r.Injunctions {
		if r.Injunctions[i].inForce(day) {
			return true
		}
	}
	return false
}

// ClaimShare returns the share of arrested people of pathway p who claim
// fear: the expedited pathways' claim rate, none for the others.
func (r *Rules) ClaimShare(p Pathway) float64 {
	if p == BorderExpedited || p == InteriorExpedited {
		return r.FearClaimRate
	}
	return 0
}

// Unassured returns the transition a case takes to a third-country slot
// without assurances: notice first when the rules require assurances.
func (r *Rules) Unassured() TransitionID {
	if r.AssurancesRequired {
		return UnassuredNotice
	}
	return UnassuredNoNotice
}

// Enjoinment is the set of (pathway, destination class) pairs enjoined on
// a day: bit 2p+d is set when pathway p to destination class d is
// blocked. Both engines work it out once per step and test cases against
// it, rather than walking the injunctions for every case.
type Enjoinment uint32

// Enjoinment returns the pairs enjoined on the day.
func (r *Rules) Enjoinment(day int) Enjoinment {
	if !r.AnyEnjoined(day) {
		return 0
	}
	var e Enjoinment
	for p := Pathway(0); p < NumPathways; p++ {
		for d := DestinationClass(0); d < NumDestinationClasses; d++ {
			if r.Enjoined(p, d, day) {
				e |= EnjoinmentOf(p, d)
			}
		}
	}
	return e
}

// EnjoinmentThrough returns the pairs enjoined on the day and the last day
// before an injunction starts or after one ends (math.MaxInt when none
// does later): the pairs stay the same through it, so an engine works
// them out again only then.
func (r *Rules) EnjoinmentThrough(day int) (Enjoinment, int) {
	last := math.MaxInt
	for i := range r.Injunctions {
		in := &r.Injunctions[i]
		switch {
		case day < in.FromDay:
			last = min(last, in.FromDay-1)
		case day <= in.UntilDay:
			last = min(last, in.UntilDay)
		}
	}
	return r.Enjoinment(day), last
}

// Has reports whether pathway p to destination class d is enjoined.
func (e Enjoinment) Has(p Pathway, d DestinationClass) bool { return e&EnjoinmentOf(p, d) != 0 }

// EnjoinmentOf returns the Enjoinment of pathway p to destination class d
// alone: e&EnjoinmentOf(p, d) != 0 is e.Has(p, d), with the bit worked
// out once for engines that test many cases of one class.
func EnjoinmentOf(p Pathway, d DestinationClass) Enjoinment { return 1 << (2*uint32(p) + uint32(d)) }
