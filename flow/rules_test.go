package flow_test

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// The tests of this file check the rules of DESIGN.md "The legal
// procedure" on the flow engine. Each case is a small scenario under
// testdata/rules/ that extends the shipped baseline and changes one rule;
// its comment and the case's rule field quote the rule it checks.

// loadRule loads testdata/rules/name, following its extends chain into
// scenarios/ (the file system is the repository root so the chain stays
// inside it).
func loadRule(t *testing.T, name string) *scenario.Scenario {
	t.Helper()
	return loadRepo(t, "flow/testdata/rules/"+name)
}

// loadRepo loads a scenario by its path in the repository.
func loadRepo(t testing.TB, path string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(os.DirFS(".."), path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

func compile(t testing.TB, s *scenario.Scenario) *model.Model {
	t.Helper()
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// flowSum sums the monthly flow "from->to" over the run.
func flowSum(r *result.Result, from, to procedure.State) float64 {
	k := from.String() + "->" + to.String()
	sum := 0.0
	for _, mo := range r.Monthly {
		sum += mo.Flows[k]
	}
	return sum
}

// monthDays returns the first and last day (from the run's first day) of
// month mi.
func monthDays(m *model.Model, mi int) (first, last int) {
	return m.MonthStartStep[mi] / m.StepsPerDay, m.MonthStartStep[mi+1]/m.StepsPerDay - 1
}

// ruleCase is one rule checked on one scenario.
type ruleCase struct {
	file string
	// rule quotes DESIGN.md "The legal procedure" (or "Pathways to
	// removal") for the rule checked.
	rule  string
	check func(t *testing.T, m *model.Model, r *result.Result)
}

var ruleCases = []ruleCase{
	{
		file: "assurances-required.yaml",
		rule: "Before a third-country removal, officials must obtain diplomatic assurances. Without them, the person is informed and may appeal.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			dp := r.DueProcess
			if dp.RemovalsWithoutAssurancesOrNotice != 0 {
				t.Errorf("removals without assurances or notice = %g, want 0", dp.RemovalsWithoutAssurancesOrNotice)
			}
			if dp.NoticesServed <= 0 || dp.RemovalsWithoutAssurancesAfterNotice <= 0 || dp.RemovalsWithAssurances <= 0 {
				t.Fatalf("the case does not exercise the rule: notices %g, removals after notice %g, with assurances %g",
					dp.NoticesServed, dp.RemovalsWithoutAssurancesAfterNotice, dp.RemovalsWithAssurances)
			}
			if dp.RemovalsWithoutAssurancesAfterNotice > dp.NoticesServed {
				t.Errorf("removals after notice %g exceed notices served %g", dp.RemovalsWithoutAssurancesAfterNotice, dp.NoticesServed)
			}
			// Every third-country removal is with assurances or after a notice.
			third := r.Totals.RemovalsByDestination[procedure.ThirdCountry.String()]
			if got := dp.RemovalsWithAssurances + dp.RemovalsWithoutAssurancesAfterNotice; math.Abs(got-third) > 1e-6*third {
				t.Errorf("third-country removals %g ≠ with assurances + after notice %g", third, got)
			}
		},
	},
	{
		file: "assurances-required.yaml",
		rule: "A person who expresses fear is referred to USCIS for a screening, which must happen within a window: notices lead to screenings at the claim share.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			claims := flowSum(r, procedure.NoticeServed, procedure.ThirdCountryScreening)
			noClaim := flowSum(r, procedure.NoticeServed, procedure.AwaitingFlight)
			if claims+noClaim <= 0 {
				t.Fatal("no notice window closed")
			}
			want := m.Rules.NoticeClaimShare
			if got := claims / (claims + noClaim); math.Abs(got-want) > 1e-9 {
				t.Errorf("share of notices leading to a screening = %.12g, want the claim share %.12g", got, want)
			}
			if r.DueProcess.ThirdCountryScreenings <= 0 || r.DueProcess.ThirdCountryScreenings > claims+1e-6 {
				t.Errorf("third-country screenings %g, claims %g: screenings must follow claims", r.DueProcess.ThirdCountryScreenings, claims)
			}
		},
	},
	{
		file: "assurances-not-required.yaml",
		rule: "Each rule is a guard in the state machine, with its parameters in the scenario: without the assurance requirement no notice is served.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			dp := r.DueProcess
			if dp.NoticesServed != 0 || dp.RemovalsWithoutAssurancesAfterNotice != 0 {
				t.Errorf("notices %g, removals after notice %g; want 0", dp.NoticesServed, dp.RemovalsWithoutAssurancesAfterNotice)
			}
			if dp.RemovalsWithoutAssurancesOrNotice <= 0 {
				t.Errorf("removals without assurances or notice = %g, want > 0 (slots without assurances are open)", dp.RemovalsWithoutAssurancesOrNotice)
			}
			if f := flowSum(r, procedure.ThirdCountryDesignation, procedure.NoticeServed); f != 0 {
				t.Errorf("third_country_designation->notice_served = %g, want 0", f)
			}
		},
	},
	{
		file: "pathway-injunction.yaml",
		rule: "Court injunctions block a pathway between two dates.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			in := m.Rules.Injunctions[0]
			p := procedure.BorderExpedited.String()
			var inside, before, after int
			for mi, mo := range r.Monthly {
				first, last := monthDays(m, mi)
				got := mo.RemovalsByPathway[p]
				switch {
				case first >= in.FromDay && last <= in.UntilDay:
					inside++
					if got != 0 {
						t.Errorf("%s: %g %s removals inside the injunction", mo.Month, got, p)
					}
				case last < in.FromDay:
					before++
					if got <= 0 {
						t.Errorf("%s: no %s removals before the injunction", mo.Month, p)
					}
				case first > in.UntilDay:
					after++
					if got <= 0 {
						t.Errorf("%s: no %s removals after the injunction lifted", mo.Month, p)
					}
				}
			}
			if inside != 3 || before != 2 || after == 0 {
				t.Fatalf("months inside/before/after = %d/%d/%d, want 3/2/>0", inside, before, after)
			}
			if r.DueProcess.BlockedByInjunction <= 0 {
				t.Error("blocked_by_injunction = 0")
			}
			// The lift sends the blocked back to both queues.
			if flowSum(r, procedure.Blocked, procedure.AwaitingLand) <= 0 || flowSum(r, procedure.Blocked, procedure.AwaitingFlight) <= 0 {
				t.Error("blocked cases did not return to the land and flight queues after the lift")
			}
			// Other pathways go on.
			for mi, mo := range r.Monthly {
				if first, last := monthDays(m, mi); first >= in.FromDay && last <= in.UntilDay && mo.RemovalsByPathway[procedure.InteriorFinalOrder.String()] <= 0 {
					t.Errorf("%s: the injunction stopped interior_final_order removals too", mo.Month)
				}
			}
		},
	},
	{
		file: "border-fear-all-pass.yaml",
		rule: "A person who expresses fear is referred for a screening; those who do not show a high likelihood are removed: when all claim and all pass, no expedited case is removed.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			for _, p := range []procedure.Pathway{procedure.BorderExpedited, procedure.InteriorExpedited} {
				if got := r.Totals.RemovalsByPathway[p.String()]; got != 0 {
					t.Errorf("%s removals = %g, want 0", p, got)
				}
			}
			dp := r.DueProcess
			if dp.FearScreenings <= 0 || dp.FearScreeningsPassed != dp.FearScreenings {
				t.Errorf("fear screenings %g, passed %g: want all passed, > 0", dp.FearScreenings, dp.FearScreeningsPassed)
			}
			if f := flowSum(r, procedure.FearScreening, procedure.TravelDocument); f != 0 {
				t.Errorf("fear_screening->travel_document = %g after positive screenings", f)
			}
		},
	},
	{
		file: "fear-positive-detained.yaml",
		rule: "Where the evidence is compelling the case goes to an immigration court, detained when ICE denies parole: when every positive case is kept, none is released and the detained docket receives them, so some are removed after a hearing.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			for _, to := range []procedure.State{procedure.InProceedings, procedure.ATD, procedure.TravelDocument} {
				if f := flowSum(r, procedure.FearScreening, to); f != 0 {
					t.Errorf("fear_screening->%s = %g, want 0 when every positive case is kept", to, f)
				}
			}
			kept := flowSum(r, procedure.FearScreening, procedure.DetainedDocket)
			if dp := r.DueProcess; kept <= 0 || math.Abs(kept-dp.FearScreeningsPassed) > 1e-6*kept {
				t.Errorf("fear_screening->detained_docket = %g, positive screenings %g: want all, > 0", kept, dp.FearScreeningsPassed)
			}
			if got := r.Totals.RemovalsByPathway[procedure.BorderExpedited.String()]; got <= 0 {
				t.Errorf("border expedited removals = %g, want > 0 after detained hearings", got)
			}
		},
	},
	{
		file: "pass-to-court.yaml",
		rule: "Where the evidence is compelling the case goes to an immigration court: a person whose screening passes goes to court, not to a flight.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			dp := r.DueProcess
			if dp.ThirdCountryScreenings <= 0 || dp.ThirdCountryScreeningsPassed != dp.ThirdCountryScreenings {
				t.Errorf("third-country screenings %g, passed %g: want all passed, > 0", dp.ThirdCountryScreenings, dp.ThirdCountryScreeningsPassed)
			}
			if f := flowSum(r, procedure.ThirdCountryScreening, procedure.AwaitingFlight); f != 0 {
				t.Errorf("third_country_screening->awaiting_flight = %g, want 0", f)
			}
			if f := flowSum(r, procedure.ThirdCountryScreening, procedure.ThirdCountryDesignation); f != 0 {
				t.Errorf("third_country_screening->third_country_designation = %g, want 0", f)
			}
			if f := flowSum(r, procedure.ThirdCountryScreening, procedure.DetainedDocket); math.Abs(f-dp.ThirdCountryScreenings) > 1e-6*f {
				t.Errorf("to court %g, screenings %g: every screened case goes to court", f, dp.ThirdCountryScreenings)
			}
			// Removals after notice are only those who did not claim.
			noClaim := flowSum(r, procedure.NoticeServed, procedure.AwaitingFlight)
			if dp.RemovalsWithoutAssurancesAfterNotice <= 0 || dp.RemovalsWithoutAssurancesAfterNotice > noClaim+1e-6 {
				t.Errorf("removals after notice %g, non-claimants %g", dp.RemovalsWithoutAssurancesAfterNotice, noClaim)
			}
		},
	},
	{
		file: "hearing-all.yaml",
		rule: "Most people are entitled to a court hearing before removal: with everyone entitled, no interior expedited removal.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			if got := r.Totals.RemovalsByPathway[procedure.InteriorExpedited.String()]; got != 0 {
				t.Errorf("interior_expedited removals = %g, want 0", got)
			}
			if got := r.Totals.RemovalsByPathway[procedure.InteriorCourt.String()]; got <= 0 {
				t.Errorf("interior_court removals = %g, want > 0", got)
			}
		},
	},
	{
		file: "hearing-none.yaml",
		rule: "Most people are entitled to a court hearing before removal: with nobody entitled, no interior arrest at large goes to court.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			if got := r.Totals.RemovalsByPathway[procedure.InteriorCourt.String()]; got != 0 {
				t.Errorf("interior_court removals = %g, want 0", got)
			}
			if f := flowSum(r, procedure.AtLarge, procedure.ATD); f != 0 {
				t.Errorf("at_large->atd (hearing entitled, not detained) = %g, want 0", f)
			}
			if f := flowSum(r, procedure.Arrested, procedure.DetainedDocket); f != 0 {
				t.Errorf("arrested->detained_docket = %g, want 0", f)
			}
			if got := r.Totals.RemovalsByPathway[procedure.InteriorExpedited.String()]; got <= 0 {
				t.Errorf("interior_expedited removals = %g, want > 0", got)
			}
		},
	},
	{
		file: "post-order-limit.yaml",
		rule: "Post-order detention limit (Zadvydas v. Davis): nobody waits for a land slot, or anywhere after an order, longer than the limit; they are released to the final-order docket.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			if f := flowSum(r, procedure.AwaitingLand, procedure.FinalOrder); f <= 0 {
				t.Errorf("awaiting_land->final_order = %g, want > 0 with land slots this scarce", f)
			}
			if m.PostOrderLimitDays != 5 {
				t.Errorf("limit %d days, want 5", m.PostOrderLimitDays)
			}
		},
	},
	{
		file: "beds-scarce.yaml",
		rule: "Capacities: detention beds. Who finds no bed within the wait is released: with an order to the final-order docket, without one on ATD.",
		check: func(t *testing.T, m *model.Model, r *result.Result) {
			toFO, toATD := flowSum(r, procedure.Arrested, procedure.FinalOrder), flowSum(r, procedure.Arrested, procedure.ATD)
			if toFO <= 0 || toATD <= 0 {
				t.Fatalf("released to final_order %g, to atd %g; want both > 0", toFO, toATD)
			}
			// Only people arrested from the final-order docket hold an order
			// in the bed queue.
			if from := flowSum(r, procedure.FinalOrder, procedure.Arrested); toFO > from+1e-6 {
				t.Errorf("%g released to final_order, but only %g were arrested from it", toFO, from)
			}
		},
	},
}

// TestRules runs each rule case on the flow engine.
func TestRules(t *testing.T) {
	for _, c := range ruleCases {
		t.Run(strings.TrimSuffix(c.file, ".yaml")+"/"+c.rule, func(t *testing.T) {
			m := compile(t, loadRule(t, c.file))
			c.check(t, m, flow.Run(m))
		})
	}
}

// TestRuleScreeningWindow checks "the screening must happen within a
// window (24 hours in the 2025 directive)": all else equal, a 7-day window
// lets more people claim fear, so more third-country screenings are held.
func TestRuleScreeningWindow(t *testing.T) {
	m24 := compile(t, loadRule(t, "assurances-required.yaml"))
	m168 := compile(t, loadRule(t, "window-7day.yaml"))
	if m24.Rules.WindowDays != 1 || m168.Rules.WindowDays != 7 {
		t.Fatalf("windows %g and %g days, want 1 and 7", m24.Rules.WindowDays, m168.Rules.WindowDays)
	}
	r24, r168 := flow.Run(m24), flow.Run(m168)
	s24, s168 := r24.DueProcess.ThirdCountryScreenings, r168.DueProcess.ThirdCountryScreenings
	if !(s168 > s24) || s24 <= 0 {
		t.Errorf("third-country screenings: 24 h %g, 7 days %g; want more with the longer window", s24, s168)
	}
	// Fewer of those served notice are removed without a screening.
	n24 := flowSum(r24, procedure.NoticeServed, procedure.AwaitingFlight) / r24.DueProcess.NoticesServed
	n168 := flowSum(r168, procedure.NoticeServed, procedure.AwaitingFlight) / r168.DueProcess.NoticesServed
	if !(n168 < n24) {
		t.Errorf("share of notices ending without a claim: 24 h %g, 7 days %g", n24, n168)
	}
}

// TestRuleDestinationInjunction checks "Court injunctions block a
// destination class between two dates": no third-country removal inside
// the dates, some before and after. The result has third-country removals
// as a run total only, so the test runs the scenario over 1, 2, ... months:
// the engine is causal, so a shorter run is the start of a longer one.
func TestRuleDestinationInjunction(t *testing.T) {
	s := loadRule(t, "destination-injunction.yaml")
	full := compile(t, s)
	in := full.Rules.Injunctions[0]
	if in.ByPathway || in.Destination != procedure.ThirdCountry {
		t.Fatalf("injunction %+v is not on third_country", in)
	}
	fullRes := flow.Run(full)
	third := procedure.ThirdCountry.String()
	cum := make([]float64, s.Months+1) // cum[n]: third-country removals in the first n months
	for n := 1; n <= s.Months; n++ {
		short := *s
		short.Months = n
		r := flow.Run(compile(t, &short))
		cum[n] = r.Totals.RemovalsByDestination[third]
		if got, want := r.Monthly[n-1].Removals, fullRes.Monthly[n-1].Removals; math.Abs(got-want) > 1e-9*want {
			t.Fatalf("month %d: a %d-month run removes %g, the full run %g: the engine is not causal", n, n, got, want)
		}
	}
	var inside, before, after int
	for mi := 0; mi < s.Months; mi++ {
		first, last := monthDays(full, mi)
		got := cum[mi+1] - cum[mi]
		switch {
		case first >= in.FromDay && last <= in.UntilDay:
			inside++
			if math.Abs(got) > 1e-9 {
				t.Errorf("%s: %g third-country removals inside the injunction", fullRes.Monthly[mi].Month, got)
			}
		case last < in.FromDay:
			before++
			if got <= 0 {
				t.Errorf("%s: no third-country removals before the injunction", fullRes.Monthly[mi].Month)
			}
		case first > in.UntilDay:
			after++
			if got <= 0 {
				t.Errorf("%s: no third-country removals after the injunction", fullRes.Monthly[mi].Month)
			}
		}
	}
	if inside != 3 || before != 3 || after == 0 {
		t.Fatalf("months inside/before/after = %d/%d/%d, want 3/3/>0", inside, before, after)
	}
	if fullRes.DueProcess.BlockedByInjunction <= 0 {
		t.Error("blocked_by_injunction = 0")
	}
}

// TestTransitionsCoverFlow checks that procedure.Transitions, the table
// the diagrams draw, lists every edge the flow engine takes, on the
// baseline and on every rule case.
func TestTransitionsCoverFlow(t *testing.T) {
	files := []string{"scenarios/baseline-2025.yaml"}
	seen := map[string]bool{}
	for _, c := range ruleCases {
		if !seen[c.file] {
			seen[c.file] = true
			files = append(files, "flow/testdata/rules/"+c.file)
		}
	}
	files = append(files, "flow/testdata/rules/window-7day.yaml", "flow/testdata/rules/destination-injunction.yaml")
	taken, listed := map[string]bool{}, map[string]bool{}
	for _, f := range files {
		m := compile(t, loadRepo(t, f))
		edges := map[string]bool{}
		for _, tr := range procedure.Transitions(&m.Rules) {
			edges[tr.From.String()+"->"+tr.To.String()] = true
			listed[tr.From.String()+"->"+tr.To.String()] = true
		}
		r := flow.Run(m)
		for _, mo := range r.Monthly {
			for k, v := range mo.Flows {
				if !strings.Contains(k, "->") || v == 0 {
					continue
				}
				taken[k] = true
				if !edges[k] {
					t.Errorf("%s, %s: the flow engine moves %g along %s, which procedure.Transitions does not list", f, mo.Month, v, k)
					edges[k] = true // report once per scenario
				}
			}
		}
	}
	// The other way round: the cases together take every edge listed, so
	// the check above leaves no part of the procedure unexercised.
	for k := range listed {
		if !taken[k] {
			t.Errorf("no rule case takes the edge %s", k)
		}
	}
}
