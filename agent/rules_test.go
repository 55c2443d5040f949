package agent_test

import (
	"os"
	"testing"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// The tests of this file follow synthetic cases through the agent
// engine's trace and check, case by case, the rules of DESIGN.md "The
// legal procedure". They run the rule scenarios of flow/testdata/rules
// (each extends the baseline and changes one rule) at a small scale.

// ruleScale keeps the traced runs small and fast.
const ruleScale = 0.02

// traceRule runs the rule scenario file once with a trace and returns the
// model, the run's result and the events.
func traceRule(t *testing.T, file string) (*model.Model, *result.Result, []agent.TraceEvent) {
	t.Helper()
	s, err := scenario.Load(os.DirFS(".."), "flow/testdata/rules/"+file)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	m = m.Scaled(ruleScale)
	var rec agent.Recorder
	reps, err := agent.Replicate(m, agent.Options{Runs: 1, Trace: rec.Record})
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.CheckEdges(&m.Rules); err != nil {
		t.Errorf("%s: %v", file, err)
	}
	return m, reps[0], rec.Events
}

// caseHistory is what the checks remember of one case between events.
type caseHistory struct {
	// fromTCD is how the case last left ThirdCountryDesignation (the
	// state it went to), or NumStates if it has not.
	fromTCD procedure.State
	// noticeSinceTCD is set when the case passed NoticeServed after it
	// last entered ThirdCountryDesignation.
	noticeSinceTCD bool
	// passedScreening is set from a positive third-country screening
	// until the case is designated again or heard by a judge.
	passedScreening bool
}

// TestAgentRuleAssurances checks "Before a third-country removal,
// officials must obtain diplomatic assurances. Without them, the person
// is informed and may appeal": with assurances required, every
// third-country removal either left ThirdCountryDesignation straight for a
// flight (a slot with assurances) or passed NoticeServed after its last
// designation; and the trace's counts match the result's indicators.
func TestAgentRuleAssurances(t *testing.T) {
	m, r, events := traceRule(t, "assurances-required.yaml")
	if !m.Rules.AssurancesRequired {
		t.Fatal("scenario does not require assurances")
	}
	third := procedure.ThirdCountry.String()
	hist := map[uint64]*caseHistory{}
	var assured, afterNotice, notices int
	for _, ev := range events {
		if ev.Case == 0 {
			continue
		}
		h := hist[ev.Case]
		if h == nil {
			h = &caseHistory{fromTCD: procedure.NumStates}
			hist[ev.Case] = h
		}
		switch {
		case ev.To == procedure.ThirdCountryDesignation:
			h.fromTCD, h.noticeSinceTCD = procedure.NumStates, false
		case ev.From == procedure.ThirdCountryDesignation:
			h.fromTCD = ev.To
		}
		if ev.To == procedure.NoticeServed {
			h.noticeSinceTCD = true
			notices++
		}
		if ev.To != procedure.Removed || ev.Destination != third {
			continue
		}
		switch {
		case h.noticeSinceTCD:
			afterNotice++
		case h.fromTCD == procedure.AwaitingFlight:
			assured++
		default:
			t.Errorf("step %d: case %d removed to a third country without assurances or notice (left designation for %v)",
				ev.Step, ev.Case, h.fromTCD)
		}
	}
	if assured == 0 || afterNotice == 0 {
		t.Fatalf("the run does not exercise the rule: %d removals with assurances, %d after notice", assured, afterNotice)
	}
	t.Logf("%d third-country removals with assurances, %d after notice, %d notices", assured, afterNotice, notices)
	dp := r.DueProcess
	if float64(assured) != dp.RemovalsWithAssurances || float64(afterNotice) != dp.RemovalsWithoutAssurancesAfterNotice ||
		float64(notices) != dp.NoticesServed || dp.RemovalsWithoutAssurancesOrNotice != 0 {
		t.Errorf("trace: %d with assurances, %d after notice, %d notices; result: %g, %g, %g, and %g without either",
			assured, afterNotice, notices, dp.RemovalsWithAssurances, dp.RemovalsWithoutAssurancesAfterNotice,
			dp.NoticesServed, dp.RemovalsWithoutAssurancesOrNotice)
	}
}

// TestAgentRuleNoAssurancesNoNotice checks the rule as a guard: without
// the assurance requirement no case is served notice.
func TestAgentRuleNoAssurancesNoNotice(t *testing.T) {
	_, r, events := traceRule(t, "assurances-not-required.yaml")
	direct := 0
	for _, ev := range events {
		if ev.To == procedure.NoticeServed {
			t.Fatalf("step %d: case %d served notice although assurances are not required", ev.Step, ev.Case)
		}
		if ev.From == procedure.ThirdCountryDesignation && ev.To == procedure.AwaitingFlight {
			direct++
		}
	}
	if direct == 0 || r.DueProcess.RemovalsWithoutAssurancesOrNotice <= 0 {
		t.Errorf("no third-country case went to a flight (%d) or was removed without notice (%g)", direct, r.DueProcess.RemovalsWithoutAssurancesOrNotice)
	}
}

// injunctionSteps returns the first and last step of the model's first
// injunction, within the run.
func injunctionSteps(m *model.Model) (first, last int) {
	in := m.Rules.Injunctions[0]
	return in.FromDay * m.StepsPerDay, min(m.Steps, (in.UntilDay+1)*m.StepsPerDay) - 1
}

// TestAgentRuleInjunctions checks "Court injunctions block a pathway, or
// a destination class, between two dates": no case is removed along an
// enjoined pathway, or to an enjoined destination, on a day inside the
// dates; some are before and after.
func TestAgentRuleInjunctions(t *testing.T) {
	tests := []struct {
		file    string
		blocked func(ev agent.TraceEvent) bool
	}{
		{"pathway-injunction.yaml", func(ev agent.TraceEvent) bool { return ev.Pathway == procedure.BorderExpedited }},
		{"destination-injunction.yaml", func(ev agent.TraceEvent) bool { return ev.Destination == procedure.ThirdCountry.String() }},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			m, r, events := traceRule(t, tc.file)
			first, last := injunctionSteps(m)
			var before, inside, after, toBlocked int
			for _, ev := range events {
				if ev.To == procedure.Blocked {
					toBlocked++
				}
				if ev.To != procedure.Removed || ev.Case == 0 || !tc.blocked(ev) {
					continue
				}
				switch {
				case ev.Step < first:
					before++
				case ev.Step <= last:
					inside++
					t.Errorf("step %d (injunction steps %d-%d): case %d removed along %v to %s", ev.Step, first, last, ev.Case, ev.Pathway, ev.Destination)
				default:
					after++
				}
			}
			t.Logf("enjoined kind removed: %d before, %d after; %d moves to blocked", before, after, toBlocked)
			if before == 0 || after == 0 {
				t.Errorf("removals of the enjoined kind: %d before, %d after the injunction; want some of each", before, after)
			}
			if toBlocked == 0 || r.DueProcess.BlockedByInjunction <= 0 {
				t.Errorf("nobody blocked: %d moves to blocked, blocked_by_injunction %g", toBlocked, r.DueProcess.BlockedByInjunction)
			}
		})
	}
}

// TestAgentRuleScreeningPassed checks "Those who do not show a high
// likelihood are removed; where the evidence is compelling the case goes
// to an immigration court or back to ICE, which may pick another
// country": a case whose third-country screening passed is never removed
// before another designation (it leaves ThirdCountryDesignation again) or
// a judge's decision (it leaves CourtQueue). With every screening passing
// and going to court, it also checks that no screened case flies without
// a judge.
func TestAgentRuleScreeningPassed(t *testing.T) {
	for _, file := range []string{"assurances-required.yaml", "pass-to-court.yaml"} {
		t.Run(file, func(t *testing.T) {
			m, r, events := traceRule(t, file)
			hist := map[uint64]*caseHistory{}
			passes, fails, resolved := 0, 0, 0
			for _, ev := range events {
				if ev.Case == 0 {
					continue
				}
				h := hist[ev.Case]
				if h == nil {
					h = &caseHistory{}
					hist[ev.Case] = h
				}
				switch {
				case ev.Transition == procedure.ThirdScreenReleased:
					// Released at the post-order limit while waiting: not
					// a screening.
				case ev.From == procedure.ThirdCountryScreening && ev.To == procedure.AwaitingFlight:
					fails++
				case ev.From == procedure.ThirdCountryScreening:
					passes++
					h.passedScreening = true
				case h.passedScreening && (ev.From == procedure.ThirdCountryDesignation || ev.From == procedure.CourtQueue):
					h.passedScreening = false
					resolved++
				}
				if ev.To == procedure.Removed && h.passedScreening {
					t.Errorf("step %d: case %d removed after a positive screening without another designation or a judge", ev.Step, ev.Case)
				}
			}
			if passes == 0 || resolved == 0 {
				t.Fatalf("the run does not exercise the rule: %d positive screenings, %d resolved", passes, resolved)
			}
			t.Logf("%d positive screenings, %d negative, %d resolved by designation or court", passes, fails, resolved)
			if float64(passes) != r.DueProcess.ThirdCountryScreeningsPassed {
				t.Errorf("trace: %d positive screenings; result: %g", passes, r.DueProcess.ThirdCountryScreeningsPassed)
			}
			if m.Rules.ScreeningPassRate == 1 && fails != 0 {
				t.Errorf("%d screened cases sent to a flight although every screening passes", fails)
			}
		})
	}
}
