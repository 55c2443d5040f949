package procedure

import "fmt"

// TransitionID names one transition of the procedure: an entry from
// outside or a move between two states. The engines record every move by
// its TransitionID, so what they do is checked against Network.
type TransitionID uint8

// The transitions, in the order the diagrams list them: entries first,
// then the moves between states.
const (
	BorderExpelled TransitionID = iota
	BorderReturned
	BorderToATD
	BorderToProceedings
	BorderArrested
	NewEntry

	InteriorArrest
	FinalOrderLocated
	AtLargeDeparts
	FinalOrderDeparts
	AdmitToDocket
	AdmitToFearScreening
	AdmitWithOrder
	BedWaitToATD
	BedWaitToFinalOrder
	DocketReady
	CourtOrder
	CourtOrderAppealed
	CourtRelief
	CourtVoluntaryDeparture
	CourtTerminated
	AppealUpheld
	AppealSustained
	FearNegative
	FearPositiveToCourt
	DocumentAccepted
	DocumentRefused
	CapToFlight
	CapToLand
	AssuredSlot
	UnassuredNotice
	NoticeClaim
	NoticeNoClaim
	ThirdScreenNegative
	ThirdScreenToCourt
	ThirdScreenToDesignation
	FlightRemoval
	LandRemoval
	FlightEnjoined
	LandEnjoined
	BlockLiftedToFlight
	BlockedReleased
	DesignationReleased
	CapReleased
	ATDEnds
	DocketOrder
	DocketRelief
	DocketVoluntaryDeparture
	DocketTerminated
	ArrestToATD
	FearPositiveToATD
	BlockLiftedToLand
	UnassuredNoNotice
	AdmitSpecialAuthority
	CustodialTransfer
	CollateralArrest
	TravelDocReleased
	NoticeReleased
	ThirdScreenReleased
	FlightWaitReleased
	LandWaitReleased
	FinalOrderAges
	StaleOrderLocated
	StaleOrderDeparts
	// UnbookedRemoval and the transitions after it came after the
	// engines' sets of a step's transitions outgrew 64 bits (see
	// SetTransitions).
	UnbookedRemoval
	FearPositiveDetained
	// NumTransitions is the number of transitions.
	NumTransitions
)

// SetTransitions is the number of transitions before UnbookedRemoval:
// the engines' sets of a step's transitions were 64 bits then, and the
// agent keys its random streams after theirs, so that transitions added
// since (none of which enters TravelDocument; the agent's
// TestGroupStreamsBeforeLaterStreams fails if one does) leave every
// stream's key alone. The sets are TransitionSet now, which holds every
// transition.
const SetTransitions = UnbookedRemoval

// Outside is the From of an entry: people who enter the procedure
// without leaving a state.
const Outside = NumStates

// Source says where people entering the procedure come from.
type Source uint8

const (
	// Border apprehensions.
	Border Source = iota
	// NewEntries to the at-large population.
	NewEntries
	// NumSources is the number of sources.
	NumSources
)

var sourceNames = [NumSources]string{"border", "new_entries"}

// String returns the source's name as diagrams draw it.
func (s Source) String() string { return nameOf(sourceNames[:], s) }

// Driver says what makes a transition happen. The two engines execute a
// driver each in their own terms; the package documentation of flow and
// agent says how.
type Driver uint8

const (
	// Inflow: people arrive from outside at a rate per step (flow: the
	// expected number; agent: a Poisson count), split by shares.
	Inflow Driver = iota
	// Rate: a counted stock is left at a rate per year (flow: the
	// fraction; agent: a binomial count).
	Rate
	// Delay: a stage is left after a memoryless delay with the
	// scenario's mean (geometric per step). Flow moves the fraction; the
	// agent draws a binomial count from a counted stock and a per-case
	// clock for a materialised case (whose time in detention is
	// measured).
	Delay
	// Served: a capacity serves the From state's queue (see Discipline).
	Served
	// Timeout: a case waiting for a capacity is released when its wait
	// exceeds a memoryless limit (reneging; flow: the fraction; agent: a
	// per-case clock).
	Timeout
	// Dated: a dated rule (an injunction starting or lifting) moves every
	// case it reaches on the day.
	Dated
	// Deadline: a case held after a final order is released when its
	// post-order detention reaches the legal limit
	// (detention.blocked_release_days; Zadvydas v. Davis: six months),
	// from whichever post-order state it is in (see State.PostOrder and
	// DeadlineRelease). The agent keeps each case's clock; flow keeps the
	// post-order population by day of entry and releases each day's
	// cohort, what is left of it, when it reaches the limit.
	Deadline
	// NumDrivers is the number of drivers.
	NumDrivers
)

var driverNames = [NumDrivers]string{"inflow", "rate", "delay", "served", "timeout", "dated rule", "post-order deadline"}

// String returns the driver's name.
func (d Driver) String() string { return nameOf(driverNames[:], d) }

// Discipline is the order in which a capacity serves its queue. The flow
// engine serves every queue in proportion across its classes (a fluid
// has no order); the agent engine serves by the stated discipline. In a
// steady run both give the same means.
type Discipline uint8

const (
	// NoQueue: the transition is not a capacity's service.
	NoQueue Discipline = iota
	// FIFO: first come, first served.
	FIFO
	// NearestRemovalFirst: cases nearest removal first, as ICE allocates
	// detention — the queue is served in the order of the Rank of the
	// transition each case will take (an order held or none needed, then
	// a fear screening, then a full hearing), and within a rank priority
	// cases first, then first come first served (the bed queue). A court
	// case thus never takes a bed a case nearer removal is waiting for,
	// so more arrests cannot crowd removals out of detention.
	NearestRemovalFirst
	// Proportional: the capacity's service is split in proportion to the
	// stocks it draws from (the non-detained docket's decisions).
	Proportional
	// Search: officers search a counted stock; what they find follows the
	// search law of model.InteriorArrests (custodial transfers first, up
	// to the custodial pool; then the final-order docket up to what can
	// be located; then the at-large population with diminishing returns;
	// collateral arrests in proportion to the targeted ones).
	Search
	// NumDisciplines is the number of disciplines.
	NumDisciplines
)

var disciplineNames = [NumDisciplines]string{"", "first come first served", "nearest removal first, then first come first served", "proportional", "search"}

// String returns the discipline's name.
func (d Discipline) String() string { return nameOf(disciplineNames[:], d) }

// Mark is what a transition records of a case's destination.
type Mark uint8

const (
	// Keep leaves the destination as it was.
	Keep Mark = iota
	// Unknown: no destination yet (back to court, screening or
	// designation).
	Unknown
	// CountryGroup: an order; the destination is the person's own
	// country group (which everyone has from entry: border cases by
	// border share, others by caseload share).
	CountryGroup
	// ThirdAssured: a third country that gave assurances.
	ThirdAssured
	// ThirdAfterNotice: a third country without assurances, after notice
	// and a chance to claim fear.
	ThirdAfterNotice
	// ThirdWithoutNotice: a third country without assurances or notice.
	ThirdWithoutNotice
)

// Transition is one edge of the procedure, as data: where it leaves and
// arrives, what drives it, which parameter sets its probability or share,
// and the rule of DESIGN.md it implements.
type Transition struct {
	ID TransitionID
	// From is the state left, or Outside for an entry from Source.
	From   State
	Source Source
	To     State
	Driver Driver
	// Mark is what the transition records of the case's destination.
	Mark Mark
	// Capacity serves the From state's queue when Driver is Served (and
	// limits arrests for InteriorArrest and FinalOrderLocated).
	Capacity   Capacity
	Discipline Discipline
	// Rank orders the queue of a NearestRemovalFirst service: a case
	// whose transition has a lower rank is served before every case of a
	// higher one (see BedRank).
	Rank uint8
	// Param names the scenario parameter(s) that set the transition's
	// rate, delay or share.
	Param string
	// Guard says when the edge is taken, with the scenario's values.
	Guard string
	// Rule cites the part of DESIGN.md "The legal procedure" or "Pathways
	// to removal" the edge implements.
	Rule string
}

// Entry reports whether t is an entry from outside the procedure.
func (t *Transition) Entry() bool { return t.From == Outside }

// def is a row of network: a transition with its guard and the condition
// under which a scenario can take it.
type def struct {
	Transition
	guard func(r *Rules) string
	// present reports whether the rules allow the edge; nil: always.
	present func(r *Rules) bool
}

// Def returns transition id's definition (its guard without values).
func Def(id TransitionID) *Transition { return &network[id].Transition }

// Network returns every transition the rules r allow, in ID order, with
// r's values in the guards. It is the procedure: the diagrams draw it and
// the engines move people only along it.
func Network(r *Rules) []Transition {
	out := make([]Transition, 0, NumTransitions)
	for i := range network {
		d := &network[i]
		if d.present != nil && !d.present(r) {
			continue
		}
		t := d.Transition
		t.Guard = d.guard(r)
		out = append(out, t)
	}
	return out
}

// Transitions returns the moves between states of Network(r).
func Transitions(r *Rules) []Transition {
	var out []Transition
	for _, t := range Network(r) {
		if !t.Entry() {
			out = append(out, t)
		}
	}
	return out
}

// Entries returns the entries from outside of Network(r).
func Entries(r *Rules) []Transition {
	var out []Transition
	for _, t := range Network(r) {
		if t.Entry() {
			out = append(out, t)
		}
	}
	return out
}

// EntrySources lists the names of the sources of entries, in order.
func EntrySources() []string { return sourceNames[:] }

func pct(x float64) string { return fmt.Sprintf("%.3g%%", 100*x) }

// text is a guard without values.
func text(s string) func(*Rules) string { return func(*Rules) string { return s } }

// network is the procedure's definition, indexed by TransitionID.
var network = [NumTransitions]def{
	BorderExpelled: {Transition: Transition{From: Outside, Source: Border, To: Expelled, Driver: Inflow, Param: "border.title42_share", Rule: "Title 42 expulsions were not removals"},
		guard: text("Title 42 share of apprehensions")},
	BorderReturned: {Transition: Transition{From: Outside, Source: Border, To: ReturnedByCBP, Driver: Inflow, Param: "border shares: returned", Rule: "Inflows: border encounters"},
		guard: text("returned share: returned by CBP itself")},
	BorderToATD: {Transition: Transition{From: Outside, Source: Border, To: ATD, Driver: Inflow, Param: "border shares: released; detention.atd_share", Rule: "Inflows: border encounters, released into proceedings"},
		guard: text("released share × ATD share")},
	BorderToProceedings: {Transition: Transition{From: Outside, Source: Border, To: InProceedings, Driver: Inflow, Param: "border shares: released; detention.atd_share", Rule: "Inflows: border encounters, released into proceedings"},
		guard: text("released share × (1 − ATD share)")},
	BorderArrested: {Transition: Transition{From: Outside, Source: Border, To: Arrested, Driver: Inflow, Param: "border shares: expedited; procedure.border_fear_claim_rate", Rule: "Pathway 1: border expedited removal"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("expedited removal share; claims fear (%s) or not", pct(r.FearClaimRate))
		}},
	NewEntry: {Transition: Transition{From: Outside, Source: NewEntries, To: AtLarge, Driver: Inflow, Param: "inflows.new_entries", Rule: "Inflows: new entries into the at-large population"},
		guard: text("new entries per month")},

	InteriorArrest: {Transition: Transition{From: AtLarge, To: Arrested, Driver: Served, Capacity: Officers, Discipline: Search, Param: "arrests.per_officer_month; arrests.reachable_share", Rule: "Inflows: interior arrests"},
		guard: text("at-large arrest (officers' time left after custodial transfers × arrests per officer-month, fewer as leads run out)")},
	FinalOrderLocated: {Transition: Transition{From: FinalOrder, To: Arrested, Driver: Served, Capacity: Officers, Discipline: Search, Param: "arrests.final_order_share; arrests.located_share_per_year", Rule: "Pathway 2: interior arrest with final order"},
		guard: text("located and arrested (located share per year)")},
	AtLargeDeparts: {Transition: Transition{From: AtLarge, To: Departed, Driver: Rate, Param: "departure.at_large_rate_per_year; departure.enforcement_response; departure.stipend", Rule: "Pathway 6: voluntary departure"},
		guard: text("self-departure rate + responses to enforcement and the stipend, by month")},
	FinalOrderDeparts: {Transition: Transition{From: FinalOrder, To: Departed, Driver: Rate, Param: "departure.final_order_rate_per_year; departure.fine_per_day; departure.enforcement_response; departure.stipend", Rule: "Pathway 6: daily fine for failing to depart"},
		guard: text("departure rate + responses to the fine, enforcement and the stipend, by month")},
	AdmitToDocket: {Transition: Transition{From: Arrested, To: DetainedDocket, Driver: Served, Mark: Unknown, Capacity: Beds, Discipline: NearestRemovalFirst, Rank: 2, Param: "procedure.hearing_entitled_share", Rule: "Most people are entitled to a hearing"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("bed free; hearing entitled (%s)", pct(r.HearingEntitledShare))
		}},
	AdmitToFearScreening: {Transition: Transition{From: Arrested, To: FearScreening, Driver: Served, Mark: Unknown, Capacity: Beds, Discipline: NearestRemovalFirst, Rank: 1, Param: "procedure.border_fear_claim_rate", Rule: "A person who expresses fear is referred for a screening"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("bed free; expedited and claims fear (%s)", pct(r.FearClaimRate))
		}},
	AdmitWithOrder: {Transition: Transition{From: Arrested, To: TravelDocument, Driver: Served, Mark: CountryGroup, Capacity: Beds, Discipline: NearestRemovalFirst, Rank: 0, Rule: "Pathways 1, 2, 5"},
		guard: text("bed free; holds an order, or expedited without fear claim, or special authority")},
	BedWaitToATD: {Transition: Transition{From: Arrested, To: ATD, Driver: Timeout, Param: "detention.bed_wait_days", Rule: "Capacities: detention beds"},
		guard: text("no bed within the wait; or released by policy")},
	BedWaitToFinalOrder: {Transition: Transition{From: Arrested, To: FinalOrder, Driver: Timeout, Param: "detention.bed_wait_days", Rule: "Capacities: detention beds"},
		guard: text("no bed within the wait (already ordered)")},
	DocketReady: {Transition: Transition{From: DetainedDocket, To: CourtQueue, Driver: Delay, Param: "court.detained_case_days", Rule: "Pathway 3: immigration court"},
		guard: text("case ready")},
	CourtOrder: {Transition: Transition{From: CourtQueue, To: TravelDocument, Driver: Served, Mark: CountryGroup, Capacity: Judges, Discipline: FIFO, Param: "court.detained.removal_order; court.appeal_share", Rule: "Pathway 3"},
		guard: text("judge decides: removal order, not appealed")},
	CourtOrderAppealed: {Transition: Transition{From: CourtQueue, To: Appeal, Driver: Served, Mark: Unknown, Capacity: Judges, Discipline: FIFO, Param: "court.detained.removal_order; court.appeal_share", Rule: "Pathway 3: appeal"},
		guard: text("removal order appealed")},
	CourtRelief: {Transition: Transition{From: CourtQueue, To: Relief, Driver: Served, Capacity: Judges, Discipline: FIFO, Param: "court.detained.relief", Rule: "Pathway 3"},
		guard: text("relief granted")},
	CourtVoluntaryDeparture: {Transition: Transition{From: CourtQueue, To: Departed, Driver: Served, Capacity: Judges, Discipline: FIFO, Param: "court.detained.voluntary_departure", Rule: "Pathway 6"},
		guard: text("voluntary departure granted")},
	CourtTerminated: {Transition: Transition{From: CourtQueue, To: AtLarge, Driver: Served, Capacity: Judges, Discipline: FIFO, Param: "court.detained.terminated", Rule: "Pathway 3"},
		guard: text("proceedings terminated")},
	AppealUpheld: {Transition: Transition{From: Appeal, To: TravelDocument, Driver: Delay, Mark: CountryGroup, Param: "court.appeal_days; court.appeal_upheld_share", Rule: "Pathway 3: appeal"},
		guard: text("order upheld")},
	AppealSustained: {Transition: Transition{From: Appeal, To: Relief, Driver: Delay, Param: "court.appeal_days; court.appeal_upheld_share", Rule: "Pathway 3: appeal"},
		guard: text("appeal sustained")},
	FearNegative: {Transition: Transition{From: FearScreening, To: TravelDocument, Driver: Served, Mark: CountryGroup, Capacity: AsylumOfficers, Discipline: FIFO, Param: "procedure.screening_pass_rate", Rule: "Those who do not show a high likelihood are removed"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("asylum officer free; screening negative (%s)", pct(1-r.ScreeningPassRate))
		}},
	FearPositiveToCourt: {Transition: Transition{From: FearScreening, To: InProceedings, Driver: Served, Capacity: AsylumOfficers, Discipline: FIFO, Param: "procedure.screening_pass_rate; detention.atd_share", Rule: "Compelling evidence: the case goes to court"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("screening positive (%s): referred to court", pct(r.ScreeningPassRate))
		}},
	DocumentAccepted: {Transition: Transition{From: TravelDocument, To: CountryQueue, Driver: Delay, Param: "countries[].travel_doc_days; countries[].acceptance_rate", Rule: "Pathway 2: travel document, country acceptance"},
		guard: text("document issued; country accepts (acceptance rate)")},
	DocumentRefused: {Transition: Transition{From: TravelDocument, To: ThirdCountryDesignation, Driver: Delay, Mark: Unknown, Param: "countries[].travel_doc_days; countries[].acceptance_rate", Rule: "Pathway 4: third-country removal"},
		guard: text("country refuses")},
	CapToFlight: {Transition: Transition{From: CountryQueue, To: AwaitingFlight, Driver: Served, Capacity: CountryCaps, Discipline: FIFO, Param: "countries[].monthly_cap; countries[].needs_flight", Rule: "Capacities: country acceptance"},
		guard: text("under the monthly cap; needs a flight")},
	CapToLand: {Transition: Transition{From: CountryQueue, To: AwaitingLand, Driver: Served, Capacity: CountryCaps, Discipline: FIFO, Param: "countries[].monthly_cap; countries[].needs_flight", Rule: "Capacities: land removals"},
		guard: text("under the monthly cap; by land")},
	AssuredSlot: {Transition: Transition{From: ThirdCountryDesignation, To: AwaitingFlight, Driver: Served, Mark: ThirdAssured, Capacity: ThirdCountrySlots, Discipline: FIFO, Param: "third_countries[] with assurances", Rule: "Diplomatic assurances before third-country removal"},
		guard: text("slot with diplomatic assurances")},
	UnassuredNotice: {Transition: Transition{From: ThirdCountryDesignation, To: NoticeServed, Driver: Served, Mark: Unknown, Capacity: ThirdCountrySlots, Discipline: FIFO, Param: "third_countries[] without assurances; procedure.assurances_required", Rule: "Without assurances the person is informed and may appeal"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("slot without assurances; assurances required = %v", r.AssurancesRequired)
		}},
	NoticeClaim: {Transition: Transition{From: NoticeServed, To: ThirdCountryScreening, Driver: Delay, Mark: Unknown, Param: "procedure.screening_window_hours; procedure.notice_fear_claim_max; procedure.claim_time_hours", Rule: "24-hour screening window"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("claims fear within the %.3g-hour window (%s)", 24*r.WindowDays, pct(r.NoticeClaimShare))
		}},
	NoticeNoClaim: {Transition: Transition{From: NoticeServed, To: AwaitingFlight, Driver: Delay, Mark: ThirdAfterNotice, Param: "procedure.screening_window_hours", Rule: "Without assurances the person is informed and may appeal"},
		guard: text("window passes without a claim")},
	ThirdScreenNegative: {Transition: Transition{From: ThirdCountryScreening, To: AwaitingFlight, Driver: Served, Mark: ThirdAfterNotice, Capacity: AsylumOfficers, Discipline: FIFO, Param: "procedure.screening_pass_rate", Rule: "Those who do not show a high likelihood are removed"},
		guard: text("asylum officer free; screening negative")},
	ThirdScreenToCourt: {Transition: Transition{From: ThirdCountryScreening, To: DetainedDocket, Driver: Served, Mark: Unknown, Capacity: AsylumOfficers, Discipline: FIFO, Param: "procedure.screening_pass_rate; procedure.pass_to_court_share", Rule: "Compelling evidence: the case goes to court"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("screening positive; referred to court (%s of positives)", pct(r.PassToCourtShare))
		}},
	ThirdScreenToDesignation: {Transition: Transition{From: ThirdCountryScreening, To: ThirdCountryDesignation, Driver: Served, Mark: Unknown, Capacity: AsylumOfficers, Discipline: FIFO, Param: "procedure.screening_pass_rate; procedure.pass_to_court_share", Rule: "or back to ICE, which may pick another country"},
		guard: text("screening positive; back to ICE to pick another country")},
	FlightRemoval: {Transition: Transition{From: AwaitingFlight, To: Removed, Driver: Served, Capacity: Flights, Discipline: FIFO, Param: "capacities.flights", Rule: "Capacities: flights"},
		guard: text("seat on a flight; not enjoined")},
	LandRemoval: {Transition: Transition{From: AwaitingLand, To: Removed, Driver: Served, Capacity: Land, Discipline: FIFO, Param: "capacities.land_removals", Rule: "Capacities: land removals"},
		guard: text("land slot; not enjoined")},
	FlightEnjoined: {Transition: Transition{From: AwaitingFlight, To: Blocked, Driver: Dated, Param: "procedure.injunctions", Rule: "Court injunctions block a pathway or destination class"},
		guard: text("injunction in force for the pathway or destination")},
	LandEnjoined: {Transition: Transition{From: AwaitingLand, To: Blocked, Driver: Dated, Param: "procedure.injunctions", Rule: "Court injunctions block a pathway or destination class"},
		guard: text("injunction in force for the pathway or destination")},
	BlockLiftedToFlight: {Transition: Transition{From: Blocked, To: AwaitingFlight, Driver: Dated, Param: "procedure.injunctions", Rule: "Court injunctions between two dates"},
		guard: text("injunction lifted")},
	BlockedReleased: {Transition: Transition{From: Blocked, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("released at the post-order detention limit")},
	DesignationReleased: {Transition: Transition{From: ThirdCountryDesignation, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("no slot within the post-order detention limit: released")},
	CapReleased: {Transition: Transition{From: CountryQueue, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("no place under the country's cap within the post-order detention limit: released")},
	ATDEnds: {Transition: Transition{From: ATD, To: InProceedings, Driver: Delay, Param: "detention.atd_days", Rule: "Stocks: alternatives to detention"},
		guard: text("ATD enrolment ends")},
	DocketOrder: {Transition: Transition{From: InProceedings, To: FinalOrder, Driver: Served, Capacity: Judges, Discipline: Proportional, Param: "court.non_detained.removal_order", Rule: "Stocks: final order not detained"},
		guard: text("non-detained docket: removal order (often in absentia)")},
	DocketRelief: {Transition: Transition{From: InProceedings, To: Relief, Driver: Served, Capacity: Judges, Discipline: Proportional, Param: "court.non_detained.relief", Rule: "Pathway 3"},
		guard: text("relief granted")},
	DocketVoluntaryDeparture: {Transition: Transition{From: InProceedings, To: Departed, Driver: Served, Capacity: Judges, Discipline: Proportional, Param: "court.non_detained.voluntary_departure", Rule: "Pathway 6"},
		guard: text("voluntary departure granted")},
	DocketTerminated: {Transition: Transition{From: InProceedings, To: AtLarge, Driver: Served, Capacity: Judges, Discipline: Proportional, Param: "court.non_detained.terminated", Rule: "Pathway 3"},
		guard: text("proceedings terminated")},
	ArrestToATD: {Transition: Transition{From: AtLarge, To: ATD, Driver: Served, Capacity: Officers, Discipline: Search, Param: "procedure.hearing_entitled_share; detention.detain_share", Rule: "Most people are entitled to a hearing"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("arrested, hearing entitled (%s), not detained: released on ATD", pct(r.HearingEntitledShare))
		}},
	FearPositiveToATD: {Transition: Transition{From: FearScreening, To: ATD, Driver: Served, Capacity: AsylumOfficers, Discipline: FIFO, Param: "procedure.screening_pass_rate; detention.atd_share", Rule: "Compelling evidence: the case goes to court"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("screening positive (%s): released on ATD", pct(r.ScreeningPassRate))
		}},
	BlockLiftedToLand: {Transition: Transition{From: Blocked, To: AwaitingLand, Driver: Dated, Param: "procedure.injunctions", Rule: "Court injunctions between two dates"},
		guard: text("injunction lifted (removal by land)")},
	UnassuredNoNotice: {Transition: Transition{From: ThirdCountryDesignation, To: AwaitingFlight, Driver: Served, Mark: ThirdWithoutNotice, Capacity: ThirdCountrySlots, Discipline: FIFO, Param: "third_countries[] without assurances; procedure.assurances_required", Rule: "Before a third-country removal, officials must obtain diplomatic assurances"},
		guard:   text("slot without assurances; assurances not required: no notice"),
		present: func(r *Rules) bool { return !r.AssurancesRequired }},
	AdmitSpecialAuthority: {Transition: Transition{From: Arrested, To: TravelDocument, Driver: Served, Mark: CountryGroup, Capacity: Beds, Discipline: NearestRemovalFirst, Rank: 0, Param: "procedure.special_authority_share", Rule: "Pathway 5: special authorities courts may block"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("special authority (%s of no-order arrests) unless enjoined", pct(r.SpecialAuthorityShare))
		},
		present: func(r *Rules) bool { return r.SpecialAuthorityShare > 0 }},
	CustodialTransfer: {Transition: Transition{From: AtLarge, To: Arrested, Driver: Served, Capacity: CustodialPool, Discipline: Search, Param: "arrests.removable_bookings_per_month; arrests.cooperation_share; arrests.custodial_officer_months", Rule: "Inflows: interior arrests (jail transfers)"},
		guard:   text("booked into a cooperating jail and handed to ICE (custodial pool, officers' processing time)"),
		present: func(r *Rules) bool { return r.CustodialTransfers }},
	CollateralArrest: {Transition: Transition{From: AtLarge, To: Arrested, Driver: Served, Capacity: Officers, Discipline: Search, Param: "arrests.collateral_share", Rule: "Inflows: interior arrests (collateral)"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("found with a target in an at-large operation (%s of its arrests)", pct(r.CollateralShare))
		},
		present: func(r *Rules) bool { return r.CollateralShare > 0 }},
	TravelDocReleased: {Transition: Transition{From: TravelDocument, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("no travel document within the post-order detention limit: released")},
	NoticeReleased: {Transition: Transition{From: NoticeServed, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("post-order detention limit reached during the notice window: released")},
	ThirdScreenReleased: {Transition: Transition{From: ThirdCountryScreening, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("post-order detention limit reached before the screening: released")},
	FlightWaitReleased: {Transition: Transition{From: AwaitingFlight, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("no seat within the post-order detention limit: released")},
	LandWaitReleased: {Transition: Transition{From: AwaitingLand, To: FinalOrder, Driver: Deadline, Param: "detention.blocked_release_days", Rule: "Post-order detention limit"},
		guard: text("no land slot within the post-order detention limit: released")},
	FinalOrderAges: {Transition: Transition{From: FinalOrder, To: FinalOrderStale, Driver: Rate, Param: "arrests.order_staleness_years", Rule: "Pathway 2: interior arrest with final order"},
		guard:   text("on the docket long enough for ICE's leads to go stale"),
		present: func(r *Rules) bool { return r.StaleOrders }},
	StaleOrderLocated: {Transition: Transition{From: FinalOrderStale, To: Arrested, Driver: Served, Capacity: Officers, Discipline: Search, Param: "arrests.final_order_share; arrests.stale_located_share_per_year", Rule: "Pathway 2: interior arrest with final order"},
		guard:   text("located and arrested (stale located share per year), after the docket's recent orders"),
		present: func(r *Rules) bool { return r.StaleOrders }},
	StaleOrderDeparts: {Transition: Transition{From: FinalOrderStale, To: Departed, Driver: Rate, Param: "departure.final_order_rate_per_year; departure.fine_per_day; departure.enforcement_response; departure.stipend", Rule: "Pathway 6: daily fine for failing to depart"},
		guard:   text("departure rate + responses to the fine, enforcement and the stipend, by month"),
		present: func(r *Rules) bool { return r.StaleOrders }},
	UnbookedRemoval: {Transition: Transition{From: FinalOrder, To: Removed, Driver: Served, Capacity: Officers, Discipline: Search, Param: "arrests.unbooked_removal_share", Rule: "Pathways to removal: removals without a detention book-in"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("located with an executable order and removed from a hold room or staging site without a detention book-in (up to %s of booked arrests)", pct(r.UnbookedRemovalShare))
		},
		present: func(r *Rules) bool { return r.UnbookedRemovalShare > 0 }},
	FearPositiveDetained: {Transition: Transition{From: FearScreening, To: DetainedDocket, Driver: Served, Capacity: AsylumOfficers, Discipline: FIFO, Param: "procedure.screening_pass_rate; detention.fear_positive_detain_share", Rule: "Compelling evidence: the case goes to court"},
		guard: func(r *Rules) string {
			return fmt.Sprintf("screening positive (%s), not paroled (%s): kept in detention for court", pct(r.ScreeningPassRate), pct(r.FearPositiveDetainedShare))
		},
		present: func(r *Rules) bool { return r.FearPositiveDetainedShare > 0 }},
}

// deadlineRelease holds, per post-order state, the transition that
// releases its cases at the post-order detention limit.
var deadlineRelease [NumStates]TransitionID

// DeadlineRelease returns the transition that releases a case held in
// post-order state s (s.PostOrder()) when the post-order detention limit
// is reached: the one Deadline transition leaving s.
func DeadlineRelease(s State) TransitionID { return deadlineRelease[s] }

// ends holds each transition's From and To, compact for the engines'
// inner loops (Def's rows are large).
var ends [NumTransitions]struct{ from, to State }

func init() {
	for i := range network {
		network[i].ID = TransitionID(i)
		ends[i].from, ends[i].to = network[i].From, network[i].To
		if network[i].Driver == Deadline {
			deadlineRelease[network[i].From] = TransitionID(i)
		}
	}
}

// NumRanks is the number of ranks of a NearestRemovalFirst queue.
const NumRanks = 3

// BedRank returns the rank in the bed queue of an arrested person of
// pathway p (who claims fear or not): the Rank of the admission they
// will take. Both engines admit by it, lowest rank first.
func BedRank(p Pathway, claimsFear bool) int { return int(network[Admission(p, claimsFear)].Rank) }

// Ends returns transition id's From (Outside for an entry) and To.
func Ends(id TransitionID) (from, to State) { return ends[id].from, ends[id].to }

// Drive describes what drives t, as the diagrams print it: the driver,
// and for a capacity's service the capacity and its discipline.
func (t *Transition) Drive() string {
	switch {
	case t.Driver == Served && t.Discipline != NoQueue:
		return fmt.Sprintf("served by %s, %s", t.Capacity, t.Discipline)
	case t.Driver == Served:
		return "served by " + t.Capacity.String()
	}
	return t.Driver.String()
}
