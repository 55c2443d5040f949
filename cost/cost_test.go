package cost_test

import (
	"math"
	"slices"
	"testing"

	"github.com/removalsim/removalsim/budget"
	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// TestNoUnitCostCountedTwice: every unit cost is multiplied by one item
// only, items have known agencies and kinds and distinct names, and
// every item of the table (which Price's array follows) is filled in.
func TestNoUnitCostCountedTwice(t *testing.T) {
	owner := map[string]string{}
	for _, it := range cost.Items {
		if !slices.Contains(cost.Agencies, it.Agency) || !slices.Contains(cost.Kinds, it.Kind) {
			t.Errorf("%s: unknown agency %q or kind %q", it.Name, it.Agency, it.Kind)
		}
		for _, p := range it.Params {
			if o, ok := owner[p]; ok {
				t.Errorf("unit cost %s is charged by both %s and %s", p, o, it.Name)
			}
			owner[p] = it.Name
		}
	}
	// Every path names a parameter of the scenario format.
	s := load(t, "baseline-2025.yaml")
	for p := range owner {
		if scenario.Lookup(s, p) == nil {
			t.Errorf("item %s names %s, not a scenario parameter", owner[p], p)
		}
	}
	// Every item is filled in (Items is keyed by item: one left out
	// would be blank) and named once (results report items by name).
	names := map[string]bool{}
	for i, it := range cost.Items {
		if it.Name == "" || it.Agency == "" || it.Kind == "" || len(it.Params) == 0 {
			t.Errorf("item %d is incomplete: %+v", i, it)
		}
		if names[it.Name] {
			t.Errorf("item %s is named twice", it.Name)
		}
		names[it.Name] = true
	}
}

func load(t *testing.T, name string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(scenarios.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func account(t *testing.T, s *scenario.Scenario) (*result.Result, *result.CostAccount) {
	t.Helper()
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := flow.Run(m)
	a, err := budget.Account(&m.CostUnits, r)
	if err != nil {
		t.Fatal(err)
	}
	return r, a
}

// TestArrestCostExcludesOfficerPay is the double-count test of issue 13:
// the cost per arrest and officer pay are separate unit costs, so raising
// officer pay changes no arrest cost and raising the arrest cost changes
// no personnel cost.
func TestArrestCostExcludesOfficerPay(t *testing.T) {
	s := load(t, "baseline-2025.yaml")
	s.Months = 12
	_, base := account(t, s)
	line := func(a *result.CostAccount, item string) float64 {
		for _, l := range a.Lines {
			if l.Item == item {
				return l.USD
			}
		}
		return 0
	}
	pay := *s
	pay.Capacities.Officers.CostPerUnitYear.Value *= 2
	_, a := account(t, &pay)
	if line(a, "arrest_operations") != line(base, "arrest_operations") || !(line(a, "officer_pay") > line(base, "officer_pay")) {
		t.Errorf("doubling officer pay moved arrest costs (%g → %g) or not pay (%g → %g)",
			line(base, "arrest_operations"), line(a, "arrest_operations"), line(base, "officer_pay"), line(a, "officer_pay"))
	}
	arr := *s
	arr.Costs.PerArrest.Value *= 2
	_, b := account(t, &arr)
	for _, it := range []string{"officer_pay", "officer_trainees", "support_staff", "overhead"} {
		if line(b, it) != line(base, it) {
			t.Errorf("doubling the arrest cost moved %s: %g → %g", it, line(base, it), line(b, it))
		}
	}
	// The shipped per-arrest cost is what remains of ICE's all-in $4,800
	// once officer pay per arrest is taken out.
	if v := s.Costs.PerArrest.Value; !(v > 0 && v < 4800/2) {
		t.Errorf("per_arrest %g: not the non-personnel part of the $4,800 all-in figure", v)
	}
}

// TestTarget1mCategories is issue 13's second bar: target-1m's cost per
// removal is reported with every category's share; categories, agencies
// and lines each sum to the total, which is the result's total cost.
func TestTarget1mCategories(t *testing.T) {
	r, a := account(t, load(t, "target-1m.yaml"))
	close := func(x, y float64) bool { return math.Abs(x-y) <= 1e-9*math.Abs(y) }
	for name, groups := range map[string][]result.CostGroup{"kinds": a.ByKind, "agencies": a.ByAgency} {
		sum, share := 0.0, 0.0
		for _, g := range groups {
			sum += g.USD
			share += g.Share
		}
		if !close(sum, a.TotalUSD) || !close(share, 1) {
			t.Errorf("%s sum to %g (shares %g), total %g", name, sum, share, a.TotalUSD)
		}
	}
	lines := 0.0
	for _, l := range a.Lines {
		lines += l.USD
	}
	if !close(lines, a.TotalUSD) || !close(a.TotalUSD, r.Totals.CostUSD) || !close(a.OneTimeUSD+a.RecurringUSD, a.TotalUSD) {
		t.Errorf("lines %g, one-time + recurring %g, account %g, result %g", lines, a.OneTimeUSD+a.RecurringUSD, a.TotalUSD, r.Totals.CostUSD)
	}
	for _, k := range []string{"personnel", "arrests", "detention", "transport", "legal", "screenings", "atd", "border", "third_country_payments"} {
		if !slices.ContainsFunc(a.ByKind, func(g result.CostGroup) bool { return g.Name == k && g.USD > 0 }) {
			t.Errorf("target-1m has no %s cost", k)
		}
	}
	if !close(a.PerRemovalUSD, a.TotalUSD/r.Totals.Removals) {
		t.Errorf("per removal %g", a.PerRemovalUSD)
	}
	t.Logf("target-1m: $%.0f a removal", a.PerRemovalUSD)
	for _, g := range a.ByKind {
		t.Logf("  %-24s %5.1f%%  $%.0f", g.Name, 100*g.Share, g.PerRemovalUSD)
	}
}

// TestPrice checks each item's formula on one month of hand-set
// quantities.
func TestPrice(t *testing.T) {
	u := &cost.Units{
		PerArrest: 1000, CustodialFactor: 0.5, PerBedDay: 100, PerATDDay: 5, PerScreening: 700, PerLandRemoval: 250, PerFlight: 60000,
		TraineePayShare: 1, SupportPerOfficer: 0.5, SupportCostYear: 120000, OverheadRate: 0.1,
		HSIShare: 0.1, HSIPerArrest: 4000, BedStandingShare: 0.5, BedCapital: 20000,
		TransfersPerAdmission: 1, PerTransfer: 300, EscortPerFlightRemoval: 100,
		AttorneysPerJudge: 2, AttorneyCostYear: 240000, InterpreterPerCompletion: 100, PerAppeal: 2000,
		LitigationShare: 0.5, PerLitigation: 10000, CBPPerBorderRemoval: 450, ThirdCountryPayment: 10000,
	}
	u.Officers.PerUnitYear, u.Officers.Add = 120000, 40000
	u.Judges.PerUnitYear, u.Judges.Add = 1.2e6, 50000
	u.Beds.PerUnitYear, u.Beds.Add = 1200, 10000
	u.Flights.PerUnitYear, u.Flights.Add = 2400, 5000
	u.Land.PerUnitYear, u.Land.Add = 120, 300
	u.AsylumOfficers.PerUnitYear, u.AsylumOfficers.Add = 180000, 20000
	q := &cost.Usage{
		Days: 30,
		Levels: [procedure.NumLevels]float64{procedure.Officers: 100, procedure.Beds: 1000, procedure.Judges: 10, procedure.Flights: 10,
			procedure.Land: 500, procedure.AsylumOfficers: 30},
		Pending: [procedure.NumLevels]float64{procedure.Officers: 20},
		Added: [procedure.NumLevels]float64{procedure.Officers: 10, procedure.Beds: 100, procedure.Flights: 2, procedure.Land: 4,
			procedure.Judges: 1, procedure.AsylumOfficers: 3},
		BedDays: 24000, ATDDays: 3000, AtLargeArrests: 300, CustodialArrests: 100, Admissions: 50,
		FearScreenings: 10, ThirdCountryScreenings: 2, CourtCompletions: 400, Appeals: 20,
		FlightsFlown: 3, FlightRemovals: 300, LandRemovals: 200, BorderExpeditedRemovals: 150, ThirdCountryRemovals: 5,
	}
	want := map[string]float64{
		"officer_pay": 100 * 10000, "officer_trainees": 20 * 10000, "officer_hiring": 10 * 40000,
		"support_staff": 120 * 0.5 * 10000, "overhead": 0.1 * (1e6 + 2e5 + 6e5),
		"arrest_operations": 350 * 1000, "hsi_arrests": 400 * 0.1 * 4000,
		"bed_days": 24000 * 100, "idle_beds": 6000 * 100 * 0.5, "bed_activation": 100 * 10000, "bed_capital": 100 * 20000,
		"atd": 3000 * 5, "charter_flights": 3 * 60000, "escorts": 300 * 100, "land_transport": 200 * 250,
		"domestic_transfers": 50 * 300, "judges": 10 * 1e5, "interpreters": 400 * 100, "appeals": 20 * 2000,
		"trial_attorneys": 10 * 2 * 20000, "federal_litigation": 20 * 0.5 * 10000, "screenings": 12 * 700,
		"cbp_processing": 150 * 450, "third_country_payments": 5 * 10000,
		"bed_contract": 1000 * 100, "flight_contract": 10 * 200, "flight_added": 2 * 5000,
		"land_contract": 500 * 10, "land_added": 4 * 300, "judge_hiring": 1 * 50000,
		"asylum_officers": 30 * 15000, "asylum_officer_hiring": 3 * 20000,
	}
	// Every item is priced above zero here, so an item Price leaves
	// unset fails.
	if len(want) != cost.NumItems {
		t.Fatalf("the test prices %d items, want all %d", len(want), cost.NumItems)
	}
	got := cost.Price(u, q)
	for i, v := range got {
		k := cost.Items[i].Name
		if w, ok := want[k]; !ok || w <= 0 || math.Abs(v-w) > 1e-6*w {
			t.Errorf("%s: %g, want %g", k, v, w)
		}
	}
	// An unlimited capacity (no cap on flights) holds no contract.
	q.Levels[procedure.Flights] = math.Inf(1)
	if got := cost.Price(u, q); got[slices.IndexFunc(cost.Items[:], func(it cost.Item) bool { return it.Name == "flight_contract" })] != 0 {
		t.Errorf("flight_contract with unlimited flights: want 0")
	}
}
