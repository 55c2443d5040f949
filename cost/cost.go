// Package cost prices what a run used. It turns a month's physical
// quantities (result.Month's capacity levels and Quantities: officers in
// service and in training, bed-days used and beds contracted, flights,
// removals by land and air, court completions, appeals, screenings, ATD
// days, third-country removals, arrests) into cost items, each charged by
// exactly one unit cost and belonging to exactly one agency and one kind
// of cost, one-time or recurring. Summarise groups the items by agency,
// kind and fiscal year, in constant and nominal dollars, and Budget
// compares spending with the scenario's appropriations.
//
// The package is pure: no I/O, no clock.
//
// Why each item exists, and what it must not include, is in Items: a
// unit cost that already contains another (ICE's "$4,800 of apprehension
// per removal" contains officer pay) would be counted twice. The rule is
// that personnel are charged by headcount (officers, trainees, support
// staff, judges, attorneys, asylum officers) and per-use costs carry only
// what headcount does not (vehicles, beds, aircraft, interpreters).
package cost

import (
	"math"

	"github.com/removalsim/removalsim/procedure"

	"github.com/removalsim/removalsim/scenario"
)

// Agencies that pay, in report order.
var Agencies = scenario.CostAgencies

// AgencyNames are the agencies' names for readers.
var AgencyNames = map[string]string{
	"ice_ero":  "ICE Enforcement and Removal Operations",
	"ice_hsi":  "ICE Homeland Security Investigations",
	"ice_opla": "ICE trial attorneys (OPLA)",
	"cbp":      "Customs and Border Protection",
	"uscis":    "USCIS asylum officers",
	"eoir":     "Immigration courts (EOIR)",
	"doj":      "Justice Department (federal litigation)",
	"state":    "State Department (third-country payments)",
}

// Kinds of cost, in report order.
var Kinds = []string{"personnel", "arrests", "detention", "transport", "legal", "screenings", "atd", "border", "third_country_payments"}

// Item is one line of cost: what it charges, to whom, and from which unit
// costs (scenario paths). A unit cost path appears in one item only; the
// test of the package checks it.
type Item struct {
	Name    string
	Agency  string
	Kind    string
	OneTime bool
	// Params are the scenario paths of the unit costs this item
	// multiplies (not the quantities).
	Params []string
	// Covers says what the unit cost includes and, where another item
	// could overlap, what it excludes.
	Covers string
}

// itemID indexes Items and Prices.
type itemID int

// The items, in report order.
const (
	officerPay itemID = iota
	officerTrainees
	officerHiring
	supportStaff
	overhead
	arrestOperations
	hsiArrests
	bedDays
	idleBeds
	bedContract
	bedActivation
	bedCapital
	atd
	charterFlights
	flightContract
	flightAdded
	escorts
	landTransport
	landContract
	landAdded
	domesticTransfers
	judges
	judgeHiring
	interpreters
	appeals
	trialAttorneys
	federalLitigation
	asylumOfficers
	asylumOfficerHiring
	screenings
	cbpProcessing
	thirdCountryPayments
	// NumItems is the number of cost items.
	NumItems = iota
)

// Items are every cost item, in report order (Prices' order).
var Items = [NumItems]Item{
	officerPay: {"officer_pay", "ice_ero", "personnel", false, []string{"capacities.officers.cost_per_unit_year"},
		"pay, benefits and premium pay of deportation officers in service; the only place officer time is charged"},
	officerTrainees: {"officer_trainees", "ice_ero", "personnel", false, []string{"costs.model.trainee_pay_share"},
		"pay of officers hired and in training (a share of an officer's cost), not productive yet"},
	officerHiring: {"officer_hiring", "ice_ero", "personnel", true, []string{"capacities.officers.add_cost"},
		"recruiting, background checks, academy and bonuses per hire; excludes pay during training"},
	supportStaff: {"support_staff", "ice_ero", "personnel", false, []string{"costs.model.support_staff_per_officer", "costs.model.support_staff_cost_year"},
		"ERO mission-support employees per officer (in service or training)"},
	overhead: {"overhead", "ice_ero", "personnel", false, []string{"costs.model.overhead_rate"},
		"ICE management and administration (rent, IT, headquarters) as a rate on ERO personnel"},
	arrestOperations: {"arrest_operations", "ice_ero", "arrests", false, []string{"costs.per_arrest", "costs.custodial_arrest_factor"},
		"non-personnel cost of an arrest (vehicles, fuel, equipment, processing, holding rooms); excludes officer pay"},
	hsiArrests: {"hsi_arrests", "ice_hsi", "arrests", false, []string{"costs.model.hsi_arrest_share", "costs.model.hsi_cost_per_arrest"},
		"HSI special agents' time on the share of arrests they make"},
	bedDays: {"bed_days", "ice_ero", "detention", false, []string{"costs.per_bed_day"},
		"occupied bed-days at the all-in bed rate (facility staff, food, medical, guaranteed contract price)"},
	idleBeds: {"idle_beds", "ice_ero", "detention", false, []string{"costs.model.bed_standing_share"},
		"contracted beds standing empty: the share of the bed rate paid whether used or not"},
	bedContract: {"bed_contract", "ice_ero", "detention", false, []string{"capacities.detention_beds.cost_per_unit_year"},
		"a yearly charge per contracted bed, if a scenario sets one, besides the bed rate"},
	bedActivation: {"bed_activation", "ice_ero", "detention", true, []string{"capacities.detention_beds.add_cost"},
		"one-time activation of a contracted bed (inspection, contracting)"},
	bedCapital: {"bed_capital", "ice_ero", "detention", true, []string{"costs.model.bed_capital_per_bed"},
		"one-time construction or conversion of a new bed, charged when contracted; excludes the bed rate"},
	atd: {"atd", "ice_ero", "atd", false, []string{"costs.per_atd_day"},
		"alternatives-to-detention enrolment-days (contractor monitoring)"},
	charterFlights: {"charter_flights", "ice_ero", "transport", false, []string{"capacities.flights.hours_per_flight", "capacities.flights.cost_per_hour"},
		"removal charters: billed flight hours (aircraft, crew, contract security)"},
	flightContract: {"flight_contract", "ice_ero", "transport", false, []string{"capacities.flights.cost_per_unit_year"},
		"a yearly charge per flight a month of capacity held, if a scenario sets one"},
	flightAdded: {"flight_added", "ice_ero", "transport", true, []string{"capacities.flights.add_cost"},
		"one-time cost of adding a flight a month of charter capacity"},
	escorts: {"escorts", "ice_ero", "transport", false, []string{"costs.model.escort_per_flight_removal"},
		"ICE officers' travel escorting air removals, not in the charter's hourly rate"},
	landTransport: {"land_transport", "ice_ero", "transport", false, []string{"costs.per_land_removal"},
		"bus to a port of entry with escort, per removal by land"},
	landContract: {"land_contract", "ice_ero", "transport", false, []string{"capacities.land_removals.cost_per_unit_year"},
		"a yearly charge per land slot held, if a scenario sets one"},
	landAdded: {"land_added", "ice_ero", "transport", true, []string{"capacities.land_removals.add_cost"},
		"one-time cost of adding a land slot"},
	domesticTransfers: {"domestic_transfers", "ice_ero", "transport", false, []string{"costs.model.transfers_per_admission", "costs.model.cost_per_transfer"},
		"moves between facilities per detention admission"},
	judges: {"judges", "eoir", "legal", false, []string{"capacities.judges.cost_per_unit_year"},
		"an immigration judge with law clerk, legal assistant and courtroom; excludes interpreters and the BIA"},
	judgeHiring: {"judge_hiring", "eoir", "legal", true, []string{"capacities.judges.add_cost"},
		"one-time cost of appointing a judge"},
	interpreters: {"interpreters", "eoir", "legal", false, []string{"costs.model.interpreter_per_completion"},
		"court interpretation per completion"},
	appeals: {"appeals", "eoir", "legal", false, []string{"costs.model.per_appeal"},
		"Board of Immigration Appeals per appeal"},
	trialAttorneys: {"trial_attorneys", "ice_opla", "legal", false, []string{"costs.model.attorneys_per_judge", "costs.model.attorney_cost_year"},
		"ICE trial attorneys in proportion to judges"},
	federalLitigation: {"federal_litigation", "doj", "legal", false, []string{"costs.model.litigation_share", "costs.model.per_litigation"},
		"DOJ Office of Immigration Litigation per petition for review or habeas case"},
	asylumOfficers: {"asylum_officers", "uscis", "screenings", false, []string{"capacities.asylum_officers.cost_per_unit_year"},
		"asylum officers' pay and support; the only place their time is charged"},
	asylumOfficerHiring: {"asylum_officer_hiring", "uscis", "screenings", true, []string{"capacities.asylum_officers.add_cost"},
		"one-time cost of hiring and training an asylum officer"},
	screenings: {"screenings", "uscis", "screenings", false, []string{"costs.per_screening"},
		"per fear screening beyond officer time: interpretation, records, transport"},
	cbpProcessing: {"cbp_processing", "cbp", "border", false, []string{"costs.model.cbp_per_border_removal"},
		"CBP processing and holding per border expedited removal"},
	thirdCountryPayments: {"third_country_payments", "state", "third_country_payments", false, []string{"costs.model.third_country_payment"},
		"payments to third countries per person accepted"},
}

// ItemOf returns the item named name and whether it exists.
func ItemOf(name string) (Item, bool) {
	for _, it := range Items {
		if it.Name == name {
			return it, true
		}
	}
	return Item{}, false
}

// Capacity unit costs.
type capCost struct{ PerUnitYear, Add float64 }

// Units are a scenario's unit costs, compiled to plain numbers.
type Units struct {
	Officers, Beds, Flights, Land, Judges, AsylumOfficers capCost

	PerFlight, PerArrest, CustodialFactor, PerBedDay, PerATDDay float64
	PerScreening, PerLandRemoval                                float64

	TraineePayShare, SupportPerOfficer, SupportCostYear, OverheadRate float64
	HSIShare, HSIPerArrest                                            float64
	BedStandingShare, BedCapital                                      float64
	TransfersPerAdmission, PerTransfer, EscortPerFlightRemoval        float64
	AttorneysPerJudge, AttorneyCostYear                               float64
	InterpreterPerCompletion, PerAppeal                               float64
	LitigationShare, PerLitigation                                    float64
	CBPPerBorderRemoval, ThirdCountryPayment                          float64

	// FinePerDay and FineCollectionRate price the fine for failing to
	// depart (reported, never added to costs).
	FinePerDay, FineCollectionRate float64
	// PriceYear is the fiscal year of the constant dollars (0: the run's
	// first); InflationPerYear converts to nominal dollars.
	PriceYear        int
	InflationPerYear float64
	// Appropriations are the scenario's, compiled.
	Appropriations []Appropriation
}

// Appropriation is a scenario appropriation with plain numbers.
type Appropriation struct {
	Name, Agency     string
	FromFY, UntilFY  int
	PerYear, Total   float64
	Source           string
	PerYearSource    string
	multiYearPerYear float64
}

// FromScenario compiles the scenario's unit costs.
func FromScenario(s *scenario.Scenario) Units {
	c, co, cm := &s.Capacities, &s.Costs, &s.Costs.Model
	cc := func(k *scenario.Capacity) capCost { return capCost{k.CostPerUnitYear.Value, k.AddCost.Value} }
	u := Units{
		Officers: cc(&c.Officers.Capacity), Beds: cc(&c.DetentionBeds), Flights: cc(&c.Flights.Capacity),
		Land: cc(&c.LandRemovals), Judges: cc(&c.Judges.Capacity), AsylumOfficers: cc(&c.AsylumOfficers.Capacity),

		PerFlight: c.Flights.HoursPerFlight.Value * c.Flights.CostPerHour.Value,
		PerArrest: co.PerArrest.Value, CustodialFactor: co.CustodialArrestFactor.Value,
		PerBedDay: co.PerBedDay.Value, PerATDDay: co.PerATDDay.Value,
		PerScreening: co.PerScreening.Value, PerLandRemoval: co.PerLandRemoval.Value,

		TraineePayShare: cm.TraineePayShare.Value, SupportPerOfficer: cm.SupportStaffPerOfficer.Value,
		SupportCostYear: cm.SupportStaffCostYear.Value, OverheadRate: cm.OverheadRate.Value,
		HSIShare: cm.HSIArrestShare.Value, HSIPerArrest: cm.HSICostPerArrest.Value,
		BedStandingShare: cm.BedStandingShare.Value, BedCapital: cm.BedCapitalPerBed.Value,
		TransfersPerAdmission: cm.TransfersPerAdmission.Value, PerTransfer: cm.CostPerTransfer.Value,
		EscortPerFlightRemoval: cm.EscortPerFlightRemoval.Value,
		AttorneysPerJudge:      cm.AttorneysPerJudge.Value, AttorneyCostYear: cm.AttorneyCostYear.Value,
		InterpreterPerCompletion: cm.InterpreterPerCompletion.Value, PerAppeal: cm.PerAppeal.Value,
		LitigationShare: cm.LitigationShare.Value, PerLitigation: cm.PerLitigation.Value,
		CBPPerBorderRemoval: cm.CBPPerBorderRemoval.Value, ThirdCountryPayment: cm.ThirdCountryPayment.Value,

		FinePerDay: s.Departure.FinePerDay.Value, FineCollectionRate: cm.FineCollectionRate.Value,
		PriceYear: cm.PriceYear, InflationPerYear: cm.InflationPerYear.Value,
	}
	if u.PriceYear == 0 {
		u.PriceYear = s.Start.FiscalYear()
	}
	for _, a := range co.Appropriations {
		u.Appropriations = append(u.Appropriations, Appropriation{
			Name: a.Name, Agency: a.Agency, FromFY: a.FromFY, UntilFY: a.UntilFY,
			PerYear: a.PerYear.Value, Total: a.Total.Value, Source: a.Total.Source, PerYearSource: a.PerYear.Source,
		})
	}
	// The per-year appropriation of the older field is ICE's.
	if co.AppropriationPerYear.Value > 0 && len(co.Appropriations) == 0 {
		u.Appropriations = append(u.Appropriations, Appropriation{
			Name: "ICE annual appropriation", Agency: "ice", FromFY: 0, UntilFY: 1 << 30,
			PerYear: co.AppropriationPerYear.Value, PerYearSource: co.AppropriationPerYear.Source,
		})
	}
	return u
}

// Usage is one month's physical quantities: capacity levels in service
// at the month's end, units pending (hired or contracted, not yet
// productive: officers in training, beds under construction), units
// added in the month, and what was used.
type Usage struct {
	Days float64
	// Levels, Pending and Added are indexed by the capacities with a
	// level (procedure.Officers to procedure.AsylumOfficers); unlimited
	// levels are +Inf.
	Levels, Pending, Added [procedure.NumLevels]float64

	BedDays, ATDDays                       float64
	AtLargeArrests, CustodialArrests       float64
	Admissions                             float64
	FearScreenings, ThirdCountryScreenings float64
	CourtCompletions, Appeals              float64
	FlightsFlown, FlightRemovals           float64
	LandRemovals, BorderExpeditedRemovals  float64
	ThirdCountryRemovals                   float64
}

// Prices are one month's cost of each item, in constant dollars,
// indexed as Items (zero items included, so every month has every
// item). An array, not a map by name: every month of every run is
// priced, and a caller that reports the items by name builds the map it
// needs.
type Prices [NumItems]float64

// Price prices one month.
func Price(u *Units, q *Usage) (out Prices) {
	lvl := func(c procedure.Capacity) float64 { return finite(q.Levels[c]) }
	pend := func(c procedure.Capacity) float64 { return finite(q.Pending[c]) }
	add := func(c procedure.Capacity) float64 { return finite(q.Added[c]) }
	yr := 1.0 / 12 // yearly costs are charged a twelfth a month, as capacities are

	officers, trainees := lvl(procedure.Officers), pend(procedure.Officers)
	out[officerPay] = officers * u.Officers.PerUnitYear * yr
	out[officerTrainees] = trainees * u.Officers.PerUnitYear * u.TraineePayShare * yr
	out[officerHiring] = add(procedure.Officers) * u.Officers.Add
	out[supportStaff] = (officers + trainees) * u.SupportPerOfficer * u.SupportCostYear * yr
	out[overhead] = u.OverheadRate * (out[officerPay] + out[officerTrainees] + out[supportStaff])

	arrests := q.AtLargeArrests + q.CustodialArrests
	out[arrestOperations] = (q.AtLargeArrests + q.CustodialArrests*u.CustodialFactor) * u.PerArrest
	out[hsiArrests] = arrests * u.HSIShare * u.HSIPerArrest

	beds := lvl(procedure.Beds)
	out[bedDays] = q.BedDays * u.PerBedDay
	out[idleBeds] = math.Max(0, beds*q.Days-q.BedDays) * u.PerBedDay * u.BedStandingShare
	out[bedContract] = beds * u.Beds.PerUnitYear * yr
	out[bedActivation] = add(procedure.Beds) * u.Beds.Add
	out[bedCapital] = add(procedure.Beds) * u.BedCapital
	out[atd] = q.ATDDays * u.PerATDDay

	out[charterFlights] = q.FlightsFlown * u.PerFlight
	out[flightContract] = lvl(procedure.Flights) * u.Flights.PerUnitYear * yr
	out[flightAdded] = add(procedure.Flights) * u.Flights.Add
	out[escorts] = q.FlightRemovals * u.EscortPerFlightRemoval
	out[landTransport] = q.LandRemovals * u.PerLandRemoval
	out[landContract] = lvl(procedure.Land) * u.Land.PerUnitYear * yr
	out[landAdded] = add(procedure.Land) * u.Land.Add
	out[domesticTransfers] = q.Admissions * u.TransfersPerAdmission * u.PerTransfer

	bench := lvl(procedure.Judges)
	out[judges] = bench * u.Judges.PerUnitYear * yr
	out[judgeHiring] = add(procedure.Judges) * u.Judges.Add
	out[interpreters] = q.CourtCompletions * u.InterpreterPerCompletion
	out[appeals] = q.Appeals * u.PerAppeal
	out[trialAttorneys] = bench * u.AttorneysPerJudge * u.AttorneyCostYear * yr
	out[federalLitigation] = q.Appeals * u.LitigationShare * u.PerLitigation

	out[asylumOfficers] = lvl(procedure.AsylumOfficers) * u.AsylumOfficers.PerUnitYear * yr
	out[asylumOfficerHiring] = add(procedure.AsylumOfficers) * u.AsylumOfficers.Add
	out[screenings] = (q.FearScreenings + q.ThirdCountryScreenings) * u.PerScreening
	out[cbpProcessing] = q.BorderExpeditedRemovals * u.CBPPerBorderRemoval
	out[thirdCountryPayments] = q.ThirdCountryRemovals * u.ThirdCountryPayment
	return out
}

// finite returns v, or 0 for an unlimited capacity (which has no units to
// pay for).
func finite(v float64) float64 {
	if math.IsInf(v, 0) || math.IsNaN(v) {
		return 0
	}
	return v
}
