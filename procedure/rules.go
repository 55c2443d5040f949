package procedure

import (
	"fmt"
	"math"
)

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

// Transition is one edge of the procedure: from a state to another, with
// its guard and the rule of DESIGN.md it implements.
type Transition struct {
	From, To State
	// Guard says when the edge is taken, with the scenario's values.
	Guard string
	// Rule cites the part of DESIGN.md "The legal procedure" or "Pathways
	// to removal" the edge implements.
	Rule string
}

// Transitions lists every edge of the procedure with r's guard values.
// Capacities (beds, judges, asylum officers, seats, caps) gate the queue
// states; they appear in guards by name.
func Transitions(r *Rules) []Transition {
	pct := func(x float64) string { return fmt.Sprintf("%.3g%%", 100*x) }
	t := []Transition{
		{AtLarge, Arrested, "interior arrest (officers × arrests per officer)", "Inflows: interior arrests"},
		{FinalOrder, Arrested, "located and arrested (located share per year)", "Pathway 2: interior arrest with final order"},
		{AtLarge, Departed, "self-departure rate", "Pathway 6: voluntary departure"},
		{FinalOrder, Departed, "departure rate + fine response", "Pathway 6: daily fine for failing to depart"},
		{Arrested, DetainedDocket, fmt.Sprintf("bed free; hearing entitled (%s)", pct(r.HearingEntitledShare)), "Most people are entitled to a hearing"},
		{Arrested, FearScreening, fmt.Sprintf("bed free; expedited and claims fear (%s)", pct(r.FearClaimRate)), "A person who expresses fear is referred for a screening"},
		{Arrested, TravelDocument, "bed free; holds an order, or expedited without fear claim, or special authority", "Pathways 1, 2, 5"},
		{Arrested, ATD, "no bed within the wait; or released by policy", "Capacities: detention beds"},
		{Arrested, FinalOrder, "no bed within the wait (already ordered)", "Capacities: detention beds"},
		{DetainedDocket, CourtQueue, "case ready", "Pathway 3: immigration court"},
		{CourtQueue, TravelDocument, "judge decides: removal order, not appealed", "Pathway 3"},
		{CourtQueue, Appeal, "removal order appealed", "Pathway 3: appeal"},
		{CourtQueue, Relief, "relief granted", "Pathway 3"},
		{CourtQueue, Departed, "voluntary departure granted", "Pathway 6"},
		{CourtQueue, AtLarge, "proceedings terminated", "Pathway 3"},
		{Appeal, TravelDocument, "order upheld", "Pathway 3: appeal"},
		{Appeal, Relief, "appeal sustained", "Pathway 3: appeal"},
		{FearScreening, TravelDocument, fmt.Sprintf("asylum officer free; screening negative (%s)", pct(1-r.ScreeningPassRate)), "Those who do not show a high likelihood are removed"},
		{FearScreening, InProceedings, fmt.Sprintf("screening positive (%s): referred to court", pct(r.ScreeningPassRate)), "Compelling evidence: the case goes to court"},
		{TravelDocument, CountryQueue, "document issued; country accepts (acceptance rate)", "Pathway 2: travel document, country acceptance"},
		{TravelDocument, ThirdCountryDesignation, "country refuses", "Pathway 4: third-country removal"},
		{CountryQueue, AwaitingFlight, "under the monthly cap; needs a flight", "Capacities: country acceptance"},
		{CountryQueue, AwaitingLand, "under the monthly cap; by land", "Capacities: land removals"},
		{ThirdCountryDesignation, AwaitingFlight, "slot with diplomatic assurances", "Diplomatic assurances before third-country removal"},
		{ThirdCountryDesignation, NoticeServed, fmt.Sprintf("slot without assurances; assurances required = %v", r.AssurancesRequired), "Without assurances the person is informed and may appeal"},
		{NoticeServed, ThirdCountryScreening, fmt.Sprintf("claims fear within the %.3g-hour window (%s)", 24*r.WindowDays, pct(r.NoticeClaimShare)), "24-hour screening window"},
		{NoticeServed, AwaitingFlight, "window passes without a claim", "Without assurances the person is informed and may appeal"},
		{ThirdCountryScreening, AwaitingFlight, "asylum officer free; screening negative", "Those who do not show a high likelihood are removed"},
		{ThirdCountryScreening, DetainedDocket, fmt.Sprintf("screening positive; referred to court (%s of positives)", pct(r.PassToCourtShare)), "Compelling evidence: the case goes to court"},
		{ThirdCountryScreening, ThirdCountryDesignation, "screening positive; back to ICE to pick another country", "or back to ICE, which may pick another country"},
		{AwaitingFlight, Removed, "seat on a flight; not enjoined", "Capacities: flights"},
		{AwaitingLand, Removed, "land slot; not enjoined", "Capacities: land removals"},
		{AwaitingFlight, Blocked, "injunction in force for the pathway or destination", "Court injunctions block a pathway or destination class"},
		{AwaitingLand, Blocked, "injunction in force for the pathway or destination", "Court injunctions block a pathway or destination class"},
		{Blocked, AwaitingFlight, "injunction lifted", "Court injunctions between two dates"},
		{Blocked, FinalOrder, "released after the post-order detention limit", "Capacities: detention"},
		{ThirdCountryDesignation, FinalOrder, "no slot within the post-order detention limit: released", "Pathway 4"},
		{CountryQueue, FinalOrder, "no place under the country's cap within the post-order detention limit: released", "Capacities: country acceptance"},
		{ATD, InProceedings, "ATD enrolment ends", "Stocks: alternatives to detention"},
		{InProceedings, FinalOrder, "non-detained docket: removal order (often in absentia)", "Stocks: final order not detained"},
		{InProceedings, Relief, "relief granted", "Pathway 3"},
		{InProceedings, Departed, "voluntary departure granted", "Pathway 6"},
		{InProceedings, AtLarge, "proceedings terminated", "Pathway 3"},
	}
	// Edges the engines take that the first table left out (found by
	// comparing it with the moves of flow/step.go).
	t = append(t,
		Transition{AtLarge, ATD, fmt.Sprintf("arrested, hearing entitled (%s), not detained: released on ATD", pct(r.HearingEntitledShare)), "Most people are entitled to a hearing"},
		Transition{FearScreening, ATD, fmt.Sprintf("screening positive (%s): released on ATD", pct(r.ScreeningPassRate)), "Compelling evidence: the case goes to court"},
		Transition{Blocked, AwaitingLand, "injunction lifted (removal by land)", "Court injunctions between two dates"},
	)
	if !r.AssurancesRequired {
		t = append(t, Transition{ThirdCountryDesignation, AwaitingFlight, "slot without assurances; assurances not required: no notice", "Before a third-country removal, officials must obtain diplomatic assurances"})
	}
	if r.SpecialAuthorityShare > 0 {
		t = append(t, Transition{Arrested, TravelDocument, fmt.Sprintf("special authority (%s of no-order arrests) unless enjoined", pct(r.SpecialAuthorityShare)), "Pathway 5: special authorities courts may block"})
	}
	return t
}

// Entry is an edge into the procedure from outside it: people who enter a
// state without leaving another (border apprehensions, new entries to the
// at-large population). Source is not a State, so the engines' stocks are
// unchanged; diagrams draw it as an entry node.
type Entry struct {
	// Source names where people come from: "border" or "new_entries".
	Source string
	To     State
	// Guard says who takes the edge.
	Guard string
	// Rule cites the part of DESIGN.md the edge implements.
	Rule string
}

// EntrySources lists the Source names of Entries, in order.
func EntrySources() []string { return []string{"border", "new_entries"} }

// Entries lists the edges into the procedure from outside, with r's guard
// values. Border routing shares (expedited, released, returned, Title 42)
// live in the model, not in Rules, so the guards name them.
func Entries(r *Rules) []Entry {
	pct := func(x float64) string { return fmt.Sprintf("%.3g%%", 100*x) }
	return []Entry{
		{"border", Expelled, "Title 42 share of apprehensions", "Title 42 expulsions were not removals"},
		{"border", ReturnedByCBP, "returned share: returned by CBP itself", "Inflows: border encounters"},
		{"border", ATD, "released share × ATD share", "Inflows: border encounters, released into proceedings"},
		{"border", InProceedings, "released share × (1 − ATD share)", "Inflows: border encounters, released into proceedings"},
		{"border", Arrested, fmt.Sprintf("expedited removal share; claims fear (%s) or not", pct(r.FearClaimRate)), "Pathway 1: border expedited removal"},
		{"new_entries", AtLarge, "new entries per month", "Inflows: new entries into the at-large population"},
	}
}
