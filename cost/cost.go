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

// Items are every cost item, in report order.
var Items = []Item{
	{"officer_pay", "ice_ero", "personnel", false, []string{"capacities.officers.cost_per_unit_year"},
		"pay, benefits and premium pay of deportation officers in service; the only place officer time is charged"},
	{"officer_trainees", "ice_ero", "personnel", false, []string{"costs.model.trainee_pay_share"},
		"pay of officers hired and in training (a share of an officer's cost), not productive yet"},
	{"officer_hiring", "ice_ero", "personnel", true, []string{"capacities.officers.add_cost"},
		"recruiting, background checks, academy and bonuses per hire; excludes pay during training"},
	{"support_staff", "ice_ero", "personnel", false, []string{"costs.model.support_staff_per_officer", "costs.model.support_staff_cost_year"},
		"ERO mission-support employees per officer (in service or training)"},
	{"overhead", "ice_ero", "personnel", false, []string{"costs.model.overhead_rate"},
		"ICE management and administration (rent, IT, headquarters) as a rate on ERO personnel"},
	{"arrest_operations", "ice_ero", "arrests", false, []string{"costs.per_arrest", "costs.custodial_arrest_factor"},
		"non-personnel cost of an arrest (vehicles, fuel, equipment, processing, holding rooms); excludes officer pay"},
	{"hsi_arrests", "ice_hsi", "arrests", false, []string{"costs.model.hsi_arrest_share", "costs.model.hsi_cost_per_arrest"},
		"HSI special agents' time on the share of arrests they make"},
	{"bed_days", "ice_ero", "detention", false, []string{"costs.per_bed_day"},
		"occupied bed-days at the all-in bed rate (facility staff, food, medical, guaranteed contract price)"},
	{"idle_beds", "ice_ero", "detention", false, []string{"costs.model.bed_standing_share"},
		"contracted beds standing empty: the share of the bed rate paid whether used or not"},
	{"bed_contract", "ice_ero", "detention", false, []string{"capacities.detention_beds.cost_per_unit_year"},
		"a yearly charge per contracted bed, if a scenario sets one, besides the bed rate"},
	{"bed_activation", "ice_ero", "detention", true, []string{"capacities.detention_beds.add_cost"},
		"one-time activation of a contracted bed (inspection, contracting)"},
	{"bed_capital", "ice_ero", "detention", true, []string{"costs.model.bed_capital_per_bed"},
		"one-time construction or conversion of a new bed, charged when contracted; excludes the bed rate"},
	{"atd", "ice_ero", "atd", false, []string{"costs.per_atd_day"},
		"alternatives-to-detention enrolment-days (contractor monitoring)"},
	{"charter_flights", "ice_ero", "transport", false, []string{"capacities.flights.hours_per_flight", "capacities.flights.cost_per_hour"},
		"removal charters: billed flight hours (aircraft, crew, contract security)"},
	{"flight_contract", "ice_ero", "transport", false, []string{"capacities.flights.cost_per_unit_year"},
		"a yearly charge per flight a month of capacity held, if a scenario sets one"},
	{"flight_added", "ice_ero", "transport", true, []string{"capacities.flights.add_cost"},
		"one-time cost of adding a flight a month of charter capacity"},
	{"escorts", "ice_ero", "transport", false, []string{"costs.model.escort_per_flight_removal"},
		"ICE officers' travel escorting air removals, not in the charter's hourly rate"},
	{"land_transport", "ice_ero", "transport", false, []string{"costs.per_land_removal"},
		"bus to a port of entry with escort, per removal by land"},
	{"land_contract", "ice_ero", "transport", false, []string{"capacities.land_removals.cost_per_unit_year"},
		"a yearly charge per land slot held, if a scenario sets one"},
	{"land_added", "ice_ero", "transport", true, []string{"capacities.land_removals.add_cost"},
		"one-time cost of adding a land slot"},
	{"domestic_transfers", "ice_ero", "transport", false, []string{"costs.model.transfers_per_admission", "costs.model.cost_per_transfer"},
		"moves between facilities per detention admission"},
	{"judges", "eoir", "legal", false, []string{"capacities.judges.cost_per_unit_year"},
		"an immigration judge with law clerk, legal assistant and courtroom; excludes interpreters and the BIA"},
	{"judge_hiring", "eoir", "legal", true, []string{"capacities.judges.add_cost"},
		"one-time cost of appointing a judge"},
	{"interpreters", "eoir", "legal", false, []string{"costs.model.interpreter_per_completion"},
		"court interpretation per completion"},
	{"appeals", "eoir", "legal", false, []string{"costs.model.per_appeal"},
		"Board of Immigration Appeals per appeal"},
	{"trial_attorneys", "ice_opla", "legal", false, []string{"costs.model.attorneys_per_judge", "costs.model.attorney_cost_year"},
		"ICE trial attorneys in proportion to judges"},
	{"federal_litigation", "doj", "legal", false, []string{"costs.model.litigation_share", "costs.model.per_litigation"},
		"DOJ Office of Immigration Litigation per petition for review or habeas case"},
	{"asylum_officers", "uscis", "screenings", false, []string{"capacities.asylum_officers.cost_per_unit_year"},
		"asylum officers' pay and support; the only place their time is charged"},
	{"asylum_officer_hiring", "uscis", "screenings", true, []string{"capacities.asylum_officers.add_cost"},
		"one-time cost of hiring and training an asylum officer"},
	{"screenings", "uscis", "screenings", false, []string{"costs.per_screening"},
		"per fear screening beyond officer time: interpretation, records, transport"},
	{"cbp_processing", "cbp", "border", false, []string{"costs.model.cbp_per_border_removal"},
		"CBP processing and holding per border expedited removal"},
	{"third_country_payments", "state", "third_country_payments", false, []string{"costs.model.third_country_payment"},
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

// Price prices one month: each item's cost in constant dollars (zero
// items included, so every month has every item).
func Price(u *Units, q *Usage) map[string]float64 {
	lvl := func(c procedure.Capacity) float64 { return finite(q.Levels[c]) }
	pend := func(c procedure.Capacity) float64 { return finite(q.Pending[c]) }
	add := func(c procedure.Capacity) float64 { return finite(q.Added[c]) }
	yr := 1.0 / 12 // yearly costs are charged a twelfth a month, as capacities are

	officers, trainees := lvl(procedure.Officers), pend(procedure.Officers)
	out := make(map[string]float64, len(Items))
	out["officer_pay"] = officers * u.Officers.PerUnitYear * yr
	out["officer_trainees"] = trainees * u.Officers.PerUnitYear * u.TraineePayShare * yr
	out["officer_hiring"] = add(procedure.Officers) * u.Officers.Add
	out["support_staff"] = (officers + trainees) * u.SupportPerOfficer * u.SupportCostYear * yr
	out["overhead"] = u.OverheadRate * (out["officer_pay"] + out["officer_trainees"] + out["support_staff"])

	arrests := q.AtLargeArrests + q.CustodialArrests
	out["arrest_operations"] = (q.AtLargeArrests + q.CustodialArrests*u.CustodialFactor) * u.PerArrest
	out["hsi_arrests"] = arrests * u.HSIShare * u.HSIPerArrest

	beds := lvl(procedure.Beds)
	out["bed_days"] = q.BedDays * u.PerBedDay
	out["idle_beds"] = math.Max(0, beds*q.Days-q.BedDays) * u.PerBedDay * u.BedStandingShare
	out["bed_contract"] = beds * u.Beds.PerUnitYear * yr
	out["bed_activation"] = add(procedure.Beds) * u.Beds.Add
	out["bed_capital"] = add(procedure.Beds) * u.BedCapital
	out["atd"] = q.ATDDays * u.PerATDDay

	out["charter_flights"] = q.FlightsFlown * u.PerFlight
	out["flight_contract"] = lvl(procedure.Flights) * u.Flights.PerUnitYear * yr
	out["flight_added"] = add(procedure.Flights) * u.Flights.Add
	out["escorts"] = q.FlightRemovals * u.EscortPerFlightRemoval
	out["land_transport"] = q.LandRemovals * u.PerLandRemoval
	out["land_contract"] = lvl(procedure.Land) * u.Land.PerUnitYear * yr
	out["land_added"] = add(procedure.Land) * u.Land.Add
	out["domestic_transfers"] = q.Admissions * u.TransfersPerAdmission * u.PerTransfer

	judges := lvl(procedure.Judges)
	out["judges"] = judges * u.Judges.PerUnitYear * yr
	out["judge_hiring"] = add(procedure.Judges) * u.Judges.Add
	out["interpreters"] = q.CourtCompletions * u.InterpreterPerCompletion
	out["appeals"] = q.Appeals * u.PerAppeal
	out["trial_attorneys"] = judges * u.AttorneysPerJudge * u.AttorneyCostYear * yr
	out["federal_litigation"] = q.Appeals * u.LitigationShare * u.PerLitigation

	out["asylum_officers"] = lvl(procedure.AsylumOfficers) * u.AsylumOfficers.PerUnitYear * yr
	out["asylum_officer_hiring"] = add(procedure.AsylumOfficers) * u.AsylumOfficers.Add
	out["screenings"] = (q.FearScreenings + q.ThirdCountryScreenings) * u.PerScreening
	out["cbp_processing"] = q.BorderExpeditedRemovals * u.CBPPerBorderRemoval
	out["third_country_payments"] = q.ThirdCountryRemovals * u.ThirdCountryPayment
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
