package procedure

// State is where a case stands in the removal procedure. Every state but
// the terminal ones is a stock of people in both engines.
type State uint8

// The states, in pipeline order. States from DetainedDocket through
// Blocked hold a detention bed.
const (
	// AtLarge: undocumented, no proceedings (held as a count).
	AtLarge State = iota
	// Arrested: apprehended, waiting for a detention bed (the bed queue).
	Arrested
	// DetainedDocket: detained, case prepared for the detained docket.
	DetainedDocket
	// CourtQueue: detained, waiting for a judge's decision.
	CourtQueue
	// Appeal: detained, removal order under appeal.
	Appeal
	// FearScreening: detained expedited case waiting for a credible-fear
	// screening by an asylum officer.
	FearScreening
	// TravelDocument: detained with an order, travel document requested
	// from the country of citizenship.
	TravelDocument
	// CountryQueue: accepted by the country, waiting under its monthly cap
	// (released after the post-order detention limit, like Blocked).
	CountryQueue
	// ThirdCountryDesignation: the country refused; waiting for a slot
	// under a third-country agreement.
	ThirdCountryDesignation
	// NoticeServed: designated to a third country without assurances;
	// notice served, the screening window runs.
	NoticeServed
	// ThirdCountryScreening: claimed fear after notice, waiting for a
	// screening by an asylum officer.
	ThirdCountryScreening
	// AwaitingFlight: ready for removal by air, waiting for a seat.
	AwaitingFlight
	// AwaitingLand: ready for removal by land, waiting for a slot.
	AwaitingLand
	// Blocked: removal blocked by an injunction (or by no destination);
	// held until the block lifts or release.
	Blocked
	// ATD: in proceedings, released on alternatives to detention.
	ATD
	// InProceedings: on the non-detained court docket.
	InProceedings
	// FinalOrder: ordered removed, not detained (absconded or not yet
	// located).
	FinalOrder
	// FinalOrderStale: on the final-order docket so long that what ICE
	// knows of the person (address, employer, check-ins) is out of date:
	// harder to locate (only with arrests.order_staleness_years).
	FinalOrderStale
	// Removed is terminal: removed from the United States.
	Removed
	// Departed is terminal: voluntary departure or self-deportation.
	Departed
	// Relief is terminal: relief or protection granted.
	Relief
	// Expelled is terminal: expelled under Title 42 (not a removal).
	Expelled
	// ReturnedByCBP is terminal: returned by CBP at the border (not an ICE
	// removal).
	ReturnedByCBP
	// NumStates is the number of states.
	NumStates
)

var stateNames = [NumStates]string{
	"at_large", "arrested", "detained_docket", "court_queue", "appeal", "fear_screening",
	"travel_document", "country_queue", "third_country_designation", "notice_served",
	"third_country_screening", "awaiting_flight", "awaiting_land", "blocked", "atd",
	"in_proceedings", "final_order", "final_order_stale", "removed", "departed", "relief", "expelled", "returned_by_cbp",
}

// String returns the state's name as used in reports.
func (s State) String() string { return nameOf(stateNames[:], s) }

// Detained reports whether a person in state s occupies a detention bed.
func (s State) Detained() bool { return s >= DetainedDocket && s <= Blocked }

// PostOrder reports whether a person in state s is detained after a
// final order of removal (travel document through Blocked): the states
// whose time counts toward the post-order detention limit (Zadvydas v.
// Davis). The clock starts when the case enters TravelDocument from a
// state before the order (admitted with an order, or ordered while
// detained) and is released by the Deadline transition of the state it
// is in when the limit is reached.
func (s State) PostOrder() bool { return s >= TravelDocument && s <= Blocked }

// Terminal reports whether s is an exit from the pipeline.
func (s State) Terminal() bool { return s >= Removed }
