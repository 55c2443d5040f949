package scenario

// Scenario is one complete, validated description of the removal system:
// the stocks at the start, the inflows, the behavioural rates, the legal
// procedure's parameters, the capacities with their schedules, the country
// groups and the costs. It is plain data; engines never see it directly but
// read the per-day inputs that package model compiles from it.
//
// Every numeric field is a Param, so that it can carry a source, an as-of
// date and a sensitivity range. Months are calendar months ("2025-01");
// rates "per month" are spread evenly over the days of each calendar month.
type Scenario struct {
	// Name identifies the scenario in reports (e.g. "baseline-2025").
	Name string `yaml:"name" json:"name"`
	// Description says in a sentence or two what the scenario represents.
	Description string `yaml:"description,omitempty" json:"description,omitempty"`
	// Extends names another scenario file, relative to this one, whose
	// values this file overrides key by key (lists are replaced whole).
	Extends string `yaml:"extends,omitempty" json:"extends,omitempty"`
	// Start is the first simulated month.
	Start Month `yaml:"start" json:"start"`
	// Months is the horizon, in calendar months (1 to 600).
	Months int `yaml:"months" json:"months"`
	// StepsPerDay subdivides a day for the engines (1 to 96; default 1).
	StepsPerDay int `yaml:"steps_per_day,omitempty" json:"steps_per_day,omitempty"`
	// Seed is the root of every random stream of the agent engine.
	Seed uint64 `yaml:"seed" json:"seed"`

	Population     Population     `yaml:"population" json:"population"`
	Inflows        Inflows        `yaml:"inflows" json:"inflows"`
	Border         Border         `yaml:"border" json:"border"`
	Arrests        Arrests        `yaml:"arrests" json:"arrests"`
	Detention      Detention      `yaml:"detention" json:"detention"`
	Court          Court          `yaml:"court" json:"court"`
	Procedure      Procedure      `yaml:"procedure" json:"procedure"`
	Departure      Departure      `yaml:"departure" json:"departure"`
	Capacities     Capacities     `yaml:"capacities" json:"capacities"`
	Countries      []CountryGroup `yaml:"countries" json:"countries"`
	ThirdCountries []ThirdCountry `yaml:"third_countries,omitempty" json:"third_countries,omitempty"`
	Costs          Costs          `yaml:"costs" json:"costs"`
	// Study holds a published cost study's figures; only the presets of
	// scenarios/studies/ set it.
	Study Study `yaml:"study,omitempty" json:"study,omitempty"`
}

// Population holds the stocks of people at the start of the run.
type Population struct {
	// AtLarge is the undocumented population with no proceedings (persons).
	AtLarge Param `yaml:"at_large" json:"at_large"`
	// NonDetainedDocket is the immigration-court backlog of people in
	// proceedings who are not detained and not on ATD (persons).
	NonDetainedDocket Param `yaml:"non_detained_docket" json:"non_detained_docket"`
	// ATD is the number enrolled on alternatives to detention (persons);
	// they are in proceedings too, so the court backlog reported is
	// NonDetainedDocket + ATD.
	ATD Param `yaml:"atd" json:"atd"`
	// Detained is ICE's detained population (persons).
	Detained Param `yaml:"detained" json:"detained"`
	// DetainedWithOrderShare is the share of Detained who already hold a
	// final order and await removal; the rest are on the detained docket.
	DetainedWithOrderShare Param `yaml:"detained_with_order_share" json:"detained_with_order_share"`
	// DetainedDaysHeld is how long, on average, the people detained at
	// the start have already been held (days). It dates their admissions
	// before the run so that lengths of stay, and Little's law over the
	// run, are not biased by a start in which everyone was just admitted.
	// Zero means admitted on the first day.
	DetainedDaysHeld Param `yaml:"detained_days_held,omitempty" json:"detained_days_held,omitempty"`
	// FinalOrders is the docket of final orders of removal not detained
	// (persons), about 1.45 million in November 2024.
	FinalOrders Param `yaml:"final_orders" json:"final_orders"`
}

// Inflows are the arrivals from outside the pipeline.
type Inflows struct {
	// BorderEncounters is U.S. Border Patrol southwest-border apprehensions
	// per month, Title 8 and Title 42 together.
	BorderEncounters Schedule `yaml:"border_encounters" json:"border_encounters"`
	// NewEntries is the net monthly inflow into the at-large population
	// other than border releases (entries without inspection that evade
	// apprehension, visa overstays), persons per month.
	NewEntries Schedule `yaml:"new_entries" json:"new_entries"`
}

// Border sets how border apprehensions are processed. The three
// processing shares must sum to 1.
type Border struct {
	// Title42Share is the share of apprehensions expelled under Title 42
	// (FY2020 to May 2023); expulsions are not removals and leave the
	// pipeline. A schedule, because the authority had dates.
	Title42Share Schedule `yaml:"title42_share,omitempty" json:"title42_share,omitempty"`
	// ExpeditedRemovalShare is the share of Title 8 apprehensions handed
	// to ICE for expedited removal.
	ExpeditedRemovalShare Param `yaml:"expedited_removal_share" json:"expedited_removal_share"`
	// ReleasedShare is the share released with a notice to appear (they
	// join the non-detained docket, or ATD per Detention.ATDShare).
	ReleasedShare Param `yaml:"released_share" json:"released_share"`
	// ReturnedShare is the share returned by CBP itself (voluntary return,
	// CBP removal): not ICE removals, they leave the pipeline.
	ReturnedShare Param `yaml:"returned_share" json:"returned_share"`
	// Periods replace the three shares above from a month on, because
	// CBP's processing changed with policy (the Consequence Delivery
	// System, Title 42, the 2023 Lawful Pathways rule). Before the first
	// period the shares above hold. Months strictly increase.
	Periods []BorderPeriod `yaml:"periods,omitempty" json:"periods,omitempty"`
}

// BorderPeriod is CBP's processing of Title 8 apprehensions from a month
// on; its three shares sum to 1.
type BorderPeriod struct {
	// From is the first month the shares hold.
	From Month `yaml:"from" json:"from"`
	// ExpeditedRemovalShare, ReleasedShare and ReturnedShare are as in
	// Border.
	ExpeditedRemovalShare Param `yaml:"expedited_removal_share" json:"expedited_removal_share"`
	ReleasedShare         Param `yaml:"released_share" json:"released_share"`
	ReturnedShare         Param `yaml:"returned_share" json:"returned_share"`
}

// BorderShares returns the processing shares in force in month m:
// expedited removal, released, returned.
func (b *Border) BorderShares(m Month) (expedited, released, returned float64) {
	expedited, released, returned = b.ExpeditedRemovalShare.Value, b.ReleasedShare.Value, b.ReturnedShare.Value
	for _, p := range b.Periods {
		if p.From > m {
			break
		}
		expedited, released, returned = p.ExpeditedRemovalShare.Value, p.ReleasedShare.Value, p.ReturnedShare.Value
	}
	return expedited, released, returned
}

// Arrests sets ICE interior enforcement.
type Arrests struct {
	// PerOfficerMonth is arrests per productive officer-month in at-large
	// operations where leads are plentiful (their targets; collateral
	// arrests come on top, custodial transfers apart). In a scenario
	// without a custodial pool it is all administrative arrests per
	// officer-month, as history's years read it.
	PerOfficerMonth Param `yaml:"per_officer_month" json:"per_officer_month"`
	// FinalOrderShare is the share of at-large operations' effort (all
	// arrest effort without a custodial pool) aimed at the final-order
	// docket; effort that finds nobody there goes to others.
	FinalOrderShare Param `yaml:"final_order_share" json:"final_order_share"`
	// LocatedSharePerYear is the share of the final-order docket that can
	// be located in a year: it caps arrests from that docket.
	LocatedSharePerYear Param `yaml:"located_share_per_year" json:"located_share_per_year"`
	// CustodialShare is the share of arrests that are jail transfers
	// (reported; custodial arrests cost less).
	CustodialShare Param `yaml:"custodial_share" json:"custodial_share"`
	// PriorityShare is the share of arrested people with a criminal record,
	// served first in queues by the agent engine.
	PriorityShare Param `yaml:"priority_share" json:"priority_share"`

	// The fields below model where arrests come from (package model,
	// InteriorArrests). Unset, they leave the older reading: every arrest
	// is an at-large arrest at PerOfficerMonth, and CustodialShare only
	// splits the cost.

	// RemovableBookingsPerMonth is the number of removable noncitizens
	// booked into local jails and prisons each month, whom a detainer or
	// a 287(g) officer could hand to ICE (persons a month). Custodial
	// transfers come from them, before any at-large operation.
	RemovableBookingsPerMonth Param `yaml:"removable_bookings_per_month,omitempty" json:"removable_bookings_per_month,omitempty"`
	// CooperationShare is the share of those bookings in jurisdictions
	// that hand people to ICE (honour detainers or hold a 287(g)
	// agreement). Bookings × cooperation is the custodial pool: a flow
	// per month that no number of officers can exceed.
	CooperationShare Param `yaml:"cooperation_share,omitempty" json:"cooperation_share,omitempty"`
	// CustodialOfficerMonths is the officer time one custodial transfer
	// takes (interview, paperwork, pick-up), in officer-months at the
	// norm productivity; what is left of the officers' time goes to
	// at-large operations.
	CustodialOfficerMonths Param `yaml:"custodial_officer_months,omitempty" json:"custodial_officer_months,omitempty"`
	// ReachableShare is the share of the at-large population that ICE's
	// leads can reach in a month. At-large operations find people by a
	// random-search law: an effort that would make K arrests where leads
	// are plentiful makes R × (1 − exp(−K/R)) where R = ReachableShare ×
	// the at-large population, so each added officer finds fewer, and
	// fewer still as the population shrinks. Unset (0): no saturation,
	// K arrests.
	ReachableShare Param `yaml:"reachable_share,omitempty" json:"reachable_share,omitempty"`
	// CollateralShare is the share of the people arrested in at-large
	// operations who were not their targets (found at the targets'
	// addresses or workplaces); they come from the at-large population
	// and take no search effort.
	CollateralShare Param `yaml:"collateral_share,omitempty" json:"collateral_share,omitempty"`
	// OrderStalenessYears is the mean time a final order stays recent
	// (exponential): after it, what ICE knows of the person is out of
	// date and the order joins the stale part of the docket, located at
	// StaleLocatedSharePerYear instead of LocatedSharePerYear. Unset (0):
	// the docket does not age.
	OrderStalenessYears Param `yaml:"order_staleness_years,omitempty" json:"order_staleness_years,omitempty"`
	// StaleLocatedSharePerYear is the share of the stale docket that can
	// be located in a year; officers reach it after the recent orders.
	StaleLocatedSharePerYear Param `yaml:"stale_located_share_per_year,omitempty" json:"stale_located_share_per_year,omitempty"`
	// InitialStaleShare is the share of population.final_orders already
	// stale at the start.
	InitialStaleShare Param `yaml:"initial_stale_share,omitempty" json:"initial_stale_share,omitempty"`
	// UnbookedRemovalShare is the number of people ICE removes straight
	// from the final-order docket without booking them into a detention
	// facility (held hours to days in a hold room or staging site, which
	// ICE's detention statistics do not count), per interior arrest the
	// model counts (its arrests are ICE's book-ins). They count as ICE
	// removals but neither as arrests nor in the detained population,
	// and take no bed, seat or officer time in the model. Unset (0):
	// every removal passes through a detention bed.
	UnbookedRemovalShare Param `yaml:"unbooked_removal_share,omitempty" json:"unbooked_removal_share,omitempty"`
}

// Detention sets who is detained and for how long people wait.
type Detention struct {
	// DetainShare is the share of interior arrests without a final order
	// booked into detention; the rest are released onto ATD.
	DetainShare Param `yaml:"detain_share" json:"detain_share"`
	// ATDShare is the share of border releases enrolled on ATD.
	ATDShare Param `yaml:"atd_share" json:"atd_share"`
	// FearPositiveDetainShare is the share of border cases found to have
	// a credible fear who stay detained for their hearing on the detained
	// docket (parole or bond denied); the others are released into
	// proceedings (ATD per ATDShare). Unset (0): all are released.
	FearPositiveDetainShare Param `yaml:"fear_positive_detain_share,omitempty" json:"fear_positive_detain_share,omitempty"`
	// BedWaitDays is the mean days an arrested person waits for a bed
	// before being released (exponential): the queue in front of beds.
	BedWaitDays Param `yaml:"bed_wait_days" json:"bed_wait_days"`
	// BlockedReleaseDays is the post-order detention limit: the days a
	// person may be held after a final order (travel document, country
	// queue, third country, notice, flight or land wait, injunction)
	// before release to the final-order docket, counted from the order
	// or from detention with an order (Zadvydas v. Davis: six months).
	// Every post-order wait ends by then, so no plan relies on
	// indefinite detention.
	BlockedReleaseDays Param `yaml:"blocked_release_days" json:"blocked_release_days"`
	// ATDDays is the mean days of ATD enrolment before a person continues
	// unsupervised on the non-detained docket (exponential).
	ATDDays Param `yaml:"atd_days" json:"atd_days"`
}

// Court sets immigration-court processing.
type Court struct {
	// DetainedCaseDays is the mean days a detained case needs before it can
	// be decided (preparation, continuances), before it queues for a judge.
	DetainedCaseDays Param `yaml:"detained_case_days" json:"detained_case_days"`
	// Detained are the outcome shares of detained-docket completions.
	Detained Outcomes `yaml:"detained" json:"detained"`
	// NonDetained are the outcome shares of non-detained completions;
	// orders here go to the final-order docket (not detained).
	NonDetained Outcomes `yaml:"non_detained" json:"non_detained"`
	// AppealShare is the share of detained removal orders appealed.
	AppealShare Param `yaml:"appeal_share" json:"appeal_share"`
	// AppealDays is the mean days an appeal takes (exponential).
	AppealDays Param `yaml:"appeal_days" json:"appeal_days"`
	// AppealUpheldShare is the share of appealed orders upheld.
	AppealUpheldShare Param `yaml:"appeal_upheld_share" json:"appeal_upheld_share"`
}

// Outcomes are the shares of court completions by result; they sum to 1.
type Outcomes struct {
	// RemovalOrder ends in an order of removal.
	RemovalOrder Param `yaml:"removal_order" json:"removal_order"`
	// Relief ends in relief or protection (leaves the pipeline).
	Relief Param `yaml:"relief" json:"relief"`
	// VoluntaryDeparture ends in a grant of voluntary departure.
	VoluntaryDeparture Param `yaml:"voluntary_departure" json:"voluntary_departure"`
	// Terminated ends proceedings without an order (dismissal, closure):
	// the person returns to the at-large population.
	Terminated Param `yaml:"terminated" json:"terminated"`
}

// Procedure holds the legal rules' parameters: the guards of the state
// machine in package procedure.
type Procedure struct {
	// HearingEntitledShare is the share of interior arrests without an
	// order entitled to a court hearing; the rest are processed by
	// expedited removal (fear screening only).
	HearingEntitledShare Param `yaml:"hearing_entitled_share" json:"hearing_entitled_share"`
	// BorderFearClaimRate is the share of expedited-removal cases that
	// claim fear and are referred for a screening.
	BorderFearClaimRate Param `yaml:"border_fear_claim_rate" json:"border_fear_claim_rate"`
	// ScreeningWindowHours is the time a person told of a third-country
	// removal has to express fear (24 in the 2025 directive).
	ScreeningWindowHours Param `yaml:"screening_window_hours" json:"screening_window_hours"`
	// NoticeFearClaimMax is the share who would claim fear after a notice
	// given unlimited time.
	NoticeFearClaimMax Param `yaml:"notice_fear_claim_max" json:"notice_fear_claim_max"`
	// ClaimTimeHours is the time constant of fear claims after notice: the
	// share claiming within a window of W hours is
	// NoticeFearClaimMax × (1 − exp(−W / ClaimTimeHours)).
	ClaimTimeHours Param `yaml:"claim_time_hours" json:"claim_time_hours"`
	// ScreeningPassRate is the share of fear screenings found positive.
	ScreeningPassRate Param `yaml:"screening_pass_rate" json:"screening_pass_rate"`
	// PassToCourtShare is the share of positive third-country screenings
	// referred to immigration court; the rest go back to ICE to pick
	// another country.
	PassToCourtShare Param `yaml:"pass_to_court_share" json:"pass_to_court_share"`
	// AssurancesRequired, when true, means a third-country removal needs
	// diplomatic assurances, or else notice and a chance to claim fear.
	// When false, no notice is given.
	AssurancesRequired bool `yaml:"assurances_required" json:"assurances_required"`
	// SpecialAuthorityShare is the share of interior arrests without an
	// order removed under a special authority without a hearing (e.g. the
	// Alien Enemies Act); pathway "special_authority", blockable.
	SpecialAuthorityShare Param `yaml:"special_authority_share" json:"special_authority_share"`
	// Injunctions block a pathway or a destination class between dates.
	Injunctions []Injunction `yaml:"injunctions,omitempty" json:"injunctions,omitempty"`
}

// Injunction is a court order blocking removals along one pathway or to
// one destination class from From until Until (inclusive; empty Until
// means still in force). Exactly one of Pathway and Destination is set.
type Injunction struct {
	// Name is the case name.
	Name string `yaml:"name" json:"name"`
	// Pathway is the blocked pathway (see procedure.Pathways).
	Pathway string `yaml:"pathway,omitempty" json:"pathway,omitempty"`
	// Destination is the blocked destination class: "third_country" or
	// "citizenship".
	Destination string `yaml:"destination,omitempty" json:"destination,omitempty"`
	// From is the first day the order is in force.
	From Date `yaml:"from" json:"from"`
	// Until is the last day in force; zero means until the end of the run.
	Until Date `yaml:"until,omitempty" json:"until,omitempty"`
	// Source cites the order.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// Departure sets departures from the pipeline that are not removals.
type Departure struct {
	// AtLargeRatePerYear is the share of the at-large population leaving
	// (emigrating or adjusting status) per year.
	AtLargeRatePerYear Param `yaml:"at_large_rate_per_year" json:"at_large_rate_per_year"`
	// FinalOrderRatePerYear is the share of the final-order docket leaving
	// on its own per year, before fines.
	FinalOrderRatePerYear Param `yaml:"final_order_rate_per_year" json:"final_order_rate_per_year"`
	// FinePerDay is the daily civil fine for failing to depart after a
	// final order (USD).
	FinePerDay Param `yaml:"fine_per_day" json:"fine_per_day"`
	// FineResponsePerDollar is the extra yearly departure rate of the
	// final-order docket per dollar of daily fine (an assumption).
	FineResponsePerDollar Param `yaml:"fine_response_per_dollar" json:"fine_response_per_dollar"`
	// EnforcementResponse is the extra yearly departure rate of the
	// at-large population and the final-order docket per unit of
	// enforcement intensity above EnforcementReference: people leave on
	// their own when the risk of arrest rises. Intensity is ICE's arrest
	// capacity a year (officers × arrests per officer-month ×
	// productivity × 12) over the at-large population at the start.
	EnforcementResponse Param `yaml:"enforcement_response,omitempty" json:"enforcement_response,omitempty"`
	// EnforcementReference is the intensity the base departure rates
	// already reflect (a share of the population arrested a year).
	EnforcementReference Param `yaml:"enforcement_reference,omitempty" json:"enforcement_reference,omitempty"`
	// Stipend is the payment offered to people who leave on their own
	// (USD a person), e.g. CBP Home's $1,000 from May 2025; it may change
	// on dates.
	Stipend Param `yaml:"stipend,omitempty" json:"stipend,omitempty"`
	// StipendResponsePerDollar is the extra yearly departure rate of the
	// at-large population and the final-order docket per dollar of
	// Stipend.
	StipendResponsePerDollar Param `yaml:"stipend_response_per_dollar,omitempty" json:"stipend_response_per_dollar,omitempty"`
}

// Capacities are the resources whose levels limit throughput.
type Capacities struct {
	// Officers are ICE deportation officers (headcount).
	Officers Officers `yaml:"officers" json:"officers"`
	// DetentionBeds are ICE detention beds (beds).
	DetentionBeds Capacity `yaml:"detention_beds" json:"detention_beds"`
	// Flights are removal charter flights per month.
	Flights Flights `yaml:"flights" json:"flights"`
	// LandRemovals is removals per month to countries reached by land.
	LandRemovals Capacity `yaml:"land_removals" json:"land_removals"`
	// Judges are immigration judges (headcount).
	Judges Judges `yaml:"judges" json:"judges"`
	// AsylumOfficers are USCIS asylum officers doing fear screenings.
	AsylumOfficers AsylumOfficers `yaml:"asylum_officers" json:"asylum_officers"`
}

// Capacity is a resource level that changes over time. The level is
// Initial, then follows Target (the authorised or funded level from each
// month on); additions are limited to MaxAddedPerMonth, take LagMonths to
// become productive, and AttritionPerYear of the level leaves each year
// and is replaced within the same limits.
type Capacity struct {
	// Initial is the productive level at the start.
	Initial Param `yaml:"initial" json:"initial"`
	// Target is the authorised level from each month on; empty means
	// Initial throughout.
	Target Schedule `yaml:"target,omitempty" json:"target,omitempty"`
	// MaxAddedPerMonth is the most units that can be hired or contracted
	// per month.
	MaxAddedPerMonth Param `yaml:"max_added_per_month" json:"max_added_per_month"`
	// LagMonths is the months between hiring or contracting a unit and its
	// being productive (training, construction).
	LagMonths Param `yaml:"lag_months" json:"lag_months"`
	// AttritionPerYear is the share of the level lost per year.
	AttritionPerYear Param `yaml:"attrition_per_year,omitempty" json:"attrition_per_year,omitempty"`
	// CostPerUnitYear is the running cost of one productive unit per year
	// (USD); zero where the cost is charged per use (bed-days, flights).
	CostPerUnitYear Param `yaml:"cost_per_unit_year,omitempty" json:"cost_per_unit_year,omitempty"`
	// AddCost is the one-time cost of adding a unit (recruiting, training,
	// contracting), USD.
	AddCost Param `yaml:"add_cost,omitempty" json:"add_cost,omitempty"`
	// Lever is how much faster than MaxAddedPerMonth a plan may build the
	// capacity and what that costs. A run ignores it (the scenario's pace
	// is MaxAddedPerMonth); "removalsim plan" chooses the pace within it.
	Lever Lever `yaml:"lever,omitempty" json:"lever,omitempty"`
}

// Lever is a capacity's ramp as a decision: the scenario's own pace is the
// capacity's MaxAddedPerMonth, and a plan may buy a faster one up to the
// physical limit of the pipeline that supplies the units (academy seats
// and training time for officers, contract lead times and construction for
// beds, the charter market for flights), paying SurgeAddCost for each unit
// added beyond the scenario's pace. Without a lever a plan keeps the
// scenario's pace.
type Lever struct {
	// MaxAddedPerMonth is the physical limit on units added a month (must
	// cite what bounds it, and be at least the capacity's own pace).
	MaxAddedPerMonth Param `yaml:"max_added_per_month,omitempty" json:"max_added_per_month,omitempty"`
	// LagMonths is the months from adding a unit to its being productive
	// at a pace above the scenario's (shortened training, prefabricated
	// sites); unset means the capacity's LagMonths.
	LagMonths Param `yaml:"lag_months,omitempty" json:"lag_months,omitempty"`
	// SurgeAddCost is the extra one-time cost of each unit added in a
	// month beyond the scenario's pace (signing bonuses, temporary
	// construction), USD, on top of the capacity's AddCost.
	SurgeAddCost Param `yaml:"surge_add_cost,omitempty" json:"surge_add_cost,omitempty"`
}

// Set reports whether the scenario gives the capacity a lever.
func (l Lever) Set() bool { return l.MaxAddedPerMonth.Set }

// Officers are deportation officers, a Capacity with a productivity factor.
type Officers struct {
	Capacity `yaml:",inline" json:",inline"`
	// Productivity multiplies arrests per officer (morale, overtime); 1 is
	// the historical norm.
	Productivity Param `yaml:"productivity" json:"productivity"`
}

// Flights are charter removal flights per month.
type Flights struct {
	Capacity `yaml:",inline" json:",inline"`
	// SeatsPerFlight is the seats on one removal flight.
	SeatsPerFlight Param `yaml:"seats_per_flight" json:"seats_per_flight"`
	// HoursPerFlight is the mean billed flight hours per removal flight.
	HoursPerFlight Param `yaml:"hours_per_flight" json:"hours_per_flight"`
	// CostPerHour is the charter cost per flight hour (USD).
	CostPerHour Param `yaml:"cost_per_hour" json:"cost_per_hour"`
}

// Judges are immigration judges.
type Judges struct {
	Capacity `yaml:",inline" json:",inline"`
	// CompletionsPerJudgeYear is case completions per judge per year.
	CompletionsPerJudgeYear Param `yaml:"completions_per_judge_year" json:"completions_per_judge_year"`
}

// AsylumOfficers are USCIS officers conducting fear screenings.
type AsylumOfficers struct {
	Capacity `yaml:",inline" json:",inline"`
	// ScreeningsPerOfficerDay is screenings completed per officer per day.
	ScreeningsPerOfficerDay Param `yaml:"screenings_per_officer_day" json:"screenings_per_officer_day"`
}

// CountryGroup is a group of countries of citizenship treated alike.
// CaseloadShare and BorderShare each sum to 1 over the groups.
type CountryGroup struct {
	// Name identifies the group ("mexico", "northern_triangle", ...).
	Name string `yaml:"name" json:"name"`
	// CaseloadShare is the group's share of interior cases.
	CaseloadShare Param `yaml:"caseload_share" json:"caseload_share"`
	// BorderShare is the group's share of border expedited-removal cases.
	BorderShare Param `yaml:"border_share" json:"border_share"`
	// AcceptanceRate is the share of the group's removals its governments
	// accept; the others need a third country.
	AcceptanceRate Param `yaml:"acceptance_rate" json:"acceptance_rate"`
	// MonthlyCap is the most removals the group accepts per month; zero
	// means no cap.
	MonthlyCap Param `yaml:"monthly_cap,omitempty" json:"monthly_cap,omitempty"`
	// NeedsFlight is false for countries reached by land (Mexico).
	NeedsFlight bool `yaml:"needs_flight" json:"needs_flight"`
	// TravelDocDays is the mean days to obtain a travel document.
	TravelDocDays Param `yaml:"travel_doc_days" json:"travel_doc_days"`
}

// ThirdCountry is an agreement with a country that accepts removals of
// people who are not its citizens.
type ThirdCountry struct {
	// Name of the country or group of countries.
	Name string `yaml:"name" json:"name"`
	// MonthlyCapacity is the most people it accepts per month.
	MonthlyCapacity Param `yaml:"monthly_capacity" json:"monthly_capacity"`
	// Assurances is true when it gave diplomatic assurances against
	// persecution and torture.
	Assurances bool `yaml:"assurances" json:"assurances"`
	// From is the month the agreement takes effect.
	From Month `yaml:"from" json:"from"`
	// Until is the last month in effect; zero means open-ended.
	Until Month `yaml:"until,omitempty" json:"until,omitempty"`
}

// Costs are unit costs charged per use (USD).
type Costs struct {
	// PerArrest is the non-personnel cost of one at-large arrest
	// (vehicles, fuel, equipment, processing; custodial arrests cost
	// CustodialArrestFactor of it). Officer time is charged per officer
	// (Capacity.CostPerUnitYear), never per arrest, so an all-in figure
	// such as ICE's apprehension cost per removal must not be used here.
	PerArrest Param `yaml:"per_arrest" json:"per_arrest"`
	// CustodialArrestFactor is the cost of a custodial arrest relative to
	// an at-large one.
	CustodialArrestFactor Param `yaml:"custodial_arrest_factor" json:"custodial_arrest_factor"`
	// PerBedDay is the cost of one occupied detention bed-day.
	PerBedDay Param `yaml:"per_bed_day" json:"per_bed_day"`
	// PerATDDay is the cost of one ATD enrolment-day.
	PerATDDay Param `yaml:"per_atd_day" json:"per_atd_day"`
	// PerScreening is the cost of one fear screening.
	PerScreening Param `yaml:"per_screening" json:"per_screening"`
	// PerLandRemoval is the cost of one removal by land.
	PerLandRemoval Param `yaml:"per_land_removal" json:"per_land_removal"`
	// AppropriationPerYear is the money available per year, to report the
	// gap; zero means not set.
	AppropriationPerYear Param `yaml:"appropriation_per_year,omitempty" json:"appropriation_per_year,omitempty"`
	// Model holds the unit costs of the full cost model (package cost)
	// that the per-use costs above do not cover: support staff and
	// overhead, trainees, HSI, standing and capital costs of beds,
	// transfers, the legal side beyond judges, CBP, payments to third
	// countries. Every field is optional; zero charges nothing.
	Model CostModel `yaml:"model,omitempty" json:"model,omitempty"`
	// Appropriations are the funds available, dated by fiscal year, that
	// spending is compared with (package cost, Budget).
	Appropriations []Appropriation `yaml:"appropriations,omitempty" json:"appropriations,omitempty"`
}

// CostModel are the unit costs of the full cost model beyond the per-use
// costs of Costs and the per-unit costs of each Capacity (USD in the
// dollars of PriceYear). Each is charged by exactly one cost item of
// package cost, which documents what it covers.
type CostModel struct {
	// PriceYear is the fiscal year whose dollars the unit costs are in;
	// constant-dollar totals are in these dollars.
	PriceYear int `yaml:"price_year,omitempty" json:"price_year,omitempty"`
	// InflationPerYear turns constant into nominal dollars: a cost in
	// fiscal year Y is multiplied by (1 + inflation)^(Y − PriceYear).
	InflationPerYear Param `yaml:"inflation_per_year,omitempty" json:"inflation_per_year,omitempty"`
	// TraineePayShare is what an officer in training (hired, not yet
	// productive) costs as a share of a productive officer's yearly cost.
	TraineePayShare Param `yaml:"trainee_pay_share,omitempty" json:"trainee_pay_share,omitempty"`
	// SupportStaffPerOfficer is ERO mission-support staff per deportation
	// officer (and per officer in training).
	SupportStaffPerOfficer Param `yaml:"support_staff_per_officer,omitempty" json:"support_staff_per_officer,omitempty"`
	// SupportStaffCostYear is one support employee's yearly cost.
	SupportStaffCostYear Param `yaml:"support_staff_cost_year,omitempty" json:"support_staff_cost_year,omitempty"`
	// OverheadRate is ICE's management and administration (rent, IT,
	// headquarters) as a share of ERO's personnel cost.
	OverheadRate Param `yaml:"overhead_rate,omitempty" json:"overhead_rate,omitempty"`
	// HSIArrestShare is the share of arrests made by HSI special agents
	// detailed to removal operations.
	HSIArrestShare Param `yaml:"hsi_arrest_share,omitempty" json:"hsi_arrest_share,omitempty"`
	// HSICostPerArrest is the cost of HSI agent time per arrest it makes.
	HSICostPerArrest Param `yaml:"hsi_cost_per_arrest,omitempty" json:"hsi_cost_per_arrest,omitempty"`
	// BedStandingShare is the share of the bed-day cost paid for a
	// contracted bed that stands empty (guaranteed minimums, fixed
	// staffing).
	BedStandingShare Param `yaml:"bed_standing_share,omitempty" json:"bed_standing_share,omitempty"`
	// BedCapitalPerBed is the one-time capital cost of building or
	// converting a bed, charged when the bed is contracted (its lead time
	// is detention_beds' lag_months), beyond detention_beds' add_cost.
	BedCapitalPerBed Param `yaml:"bed_capital_per_bed,omitempty" json:"bed_capital_per_bed,omitempty"`
	// TransfersPerAdmission is domestic transfers between facilities per
	// detention admission.
	TransfersPerAdmission Param `yaml:"transfers_per_admission,omitempty" json:"transfers_per_admission,omitempty"`
	// CostPerTransfer is one domestic transfer (ICE Air domestic legs,
	// buses, escorting officers' travel).
	CostPerTransfer Param `yaml:"cost_per_transfer,omitempty" json:"cost_per_transfer,omitempty"`
	// EscortPerFlightRemoval is the escort cost of a removal by air not in
	// the charter's hourly rate (officers' travel to the handover).
	EscortPerFlightRemoval Param `yaml:"escort_per_flight_removal,omitempty" json:"escort_per_flight_removal,omitempty"`
	// AttorneysPerJudge is ICE trial attorneys (OPLA) per immigration
	// judge.
	AttorneysPerJudge Param `yaml:"attorneys_per_judge,omitempty" json:"attorneys_per_judge,omitempty"`
	// AttorneyCostYear is one trial attorney's yearly cost with support.
	AttorneyCostYear Param `yaml:"attorney_cost_year,omitempty" json:"attorney_cost_year,omitempty"`
	// InterpreterPerCompletion is interpretation per court completion.
	InterpreterPerCompletion Param `yaml:"interpreter_per_completion,omitempty" json:"interpreter_per_completion,omitempty"`
	// PerAppeal is the Board of Immigration Appeals' cost per appeal.
	PerAppeal Param `yaml:"per_appeal,omitempty" json:"per_appeal,omitempty"`
	// LitigationShare is the share of appeals followed by a federal
	// petition for review or habeas case.
	LitigationShare Param `yaml:"litigation_share,omitempty" json:"litigation_share,omitempty"`
	// PerLitigation is DOJ's cost of one federal case.
	PerLitigation Param `yaml:"per_litigation,omitempty" json:"per_litigation,omitempty"`
	// CBPPerBorderRemoval is CBP's processing and holding cost per border
	// expedited removal.
	CBPPerBorderRemoval Param `yaml:"cbp_per_border_removal,omitempty" json:"cbp_per_border_removal,omitempty"`
	// ThirdCountryPayment is what the State Department pays a third
	// country per person it accepts.
	ThirdCountryPayment Param `yaml:"third_country_payment,omitempty" json:"third_country_payment,omitempty"`
	// FineCollectionRate is the share of assessed fines for failing to
	// depart expected to be collected; zero reports no collection.
	FineCollectionRate Param `yaml:"fine_collection_rate,omitempty" json:"fine_collection_rate,omitempty"`
}

// Appropriation is money made available to one agency for fiscal years
// FromFY to UntilFY (inclusive). Annual appropriations give PerYear;
// multi-year funds (P.L. 119-21) give Total, spread evenly over the years
// of availability when compared with spending.
type Appropriation struct {
	// Name says what the funds are ("ICE annual appropriation").
	Name string `yaml:"name" json:"name"`
	// Agency is the cost agency funded (see cost.Agencies).
	Agency string `yaml:"agency" json:"agency"`
	// FromFY is the first fiscal year the funds are available.
	FromFY int `yaml:"from_fy" json:"from_fy"`
	// UntilFY is the last fiscal year the funds are available.
	UntilFY int `yaml:"until_fy" json:"until_fy"`
	// PerYear is the amount each fiscal year (annual appropriations).
	PerYear Param `yaml:"per_year,omitempty" json:"per_year,omitempty"`
	// Total is the amount over all the years (multi-year funds).
	Total Param `yaml:"total,omitempty" json:"total,omitempty"`
}
