package history

import (
	"fmt"

	"github.com/removalsim/removalsim/scenario"
)

// Setting is one behavioural parameter of the history scenarios: a
// scenario Param at a YAML path (as scenario.Params names it), such as
// "arrests.per_officer_month".
type Setting struct {
	Path  string
	Param scenario.Param
}

// Behaviour is the set of behavioural parameters shared by every fiscal
// year: rates and shares that describe how the system acts, as opposed to
// the capacities and inflows, which history reads from the dataset year by
// year. Later settings override earlier ones with the same path.
type Behaviour []Setting

// With returns a copy of b in which the settings of o replace those with
// the same path and the others are appended.
func (b Behaviour) With(o Behaviour) Behaviour {
	out := make(Behaviour, len(b), len(b)+len(o))
	copy(out, b)
	for _, s := range o {
		replaced := false
		for i := range out {
			if out[i].Path == s.Path {
				out[i] = s
				replaced = true
			}
		}
		if !replaced {
			out = append(out, s)
		}
	}
	return out
}

// Get returns the setting at path, and whether b has one.
func (b Behaviour) Get(path string) (scenario.Param, bool) {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i].Path == path {
			return b[i].Param, true
		}
	}
	return scenario.Param{}, false
}

// apply writes b into s; every path must name a Param of s or a history
// factor (which Build uses itself).
func (b Behaviour) apply(s *scenario.Scenario) error {
	for _, st := range b {
		if IsFactor(st.Path) {
			continue
		}
		p := scenario.Lookup(s, st.Path)
		if p == nil {
			return fmt.Errorf("history: behaviour %q is not a parameter of a scenario", st.Path)
		}
		*p = st.Param
		p.Set = true
	}
	return nil
}

func assume(v float64, why string) scenario.Param {
	return scenario.Param{Value: v, Source: "assumption: " + why, Set: true}
}

// DefaultBehaviour is the behaviour before calibration: the assumptions of
// scenarios/baseline-2025.yaml, restated for the years before 2025. The
// calibrated file (scenarios/calibrated.yaml) overrides the fitted ones.
func DefaultBehaviour() Behaviour {
	return Behaviour{
		{"arrests.per_officer_month", assume(2.0, "ICE administrative arrests per deportation officer per month; 113,431 arrests / about 6,000 officers / 12 = 1.58 in FY2024 (data: ice_admin_arrests FY2024, ice_deportation_officers 2024-06); calibrated")},
		{"arrests.final_order_share", assume(0.3, "share of arrest effort on the final-order docket (ICE fugitive operations); calibrated")},
		{"arrests.located_share_per_year", assume(0.08, "share of the final-order docket ICE can locate in a year; calibrated")},
		{"arrests.custodial_share", scenario.Param{Value: 0.71, Source: "derived: 1 - 33,243 at-large / 113,431 ICE arrests in FY2024 (data: ice_atlarge_arrests FY2024, ice_admin_arrests FY2024); held for every year (no earlier split in the dataset)", AsOf: "FY2024", Set: true}},
		{"arrests.priority_share", assume(0.5, "about half of arrested people have a criminal record (as baseline-2025); affects only queue order in the agent engine")},
		{"detention.detain_share", assume(0.8, "share of interior arrests without an order booked into detention rather than released; calibrated")},
		{"detention.atd_share", assume(0.5, "share of border releases enrolled on ATD (as baseline-2025); does not change the court backlog, which counts ATD")},
		{"detention.bed_wait_days", assume(3, "days an arrested person waits for an ICE bed before release (as baseline-2025)")},
		{"detention.blocked_release_days", scenario.Param{Value: 180, Source: "Zadvydas v. Davis, 533 U.S. 678 (2001): six months presumptively reasonable post-order detention", Set: true}},
		{"detention.atd_days", assume(400, "mean ATD enrolment (as baseline-2025)")},
		{"court.detained_case_days", assume(40, "days before a detained case can be decided; ICE average stays of 30-46 days FY2014-FY2019 (data: ice_detention_alos); calibrated")},
		{"court.detained.removal_order", assume(0.75, "detained-docket completions ending in an order (as baseline-2025); calibrated")},
		{"court.detained.relief", assume(0.08, "detained-docket relief grants (as baseline-2025)")},
		{"court.detained.voluntary_departure", assume(0.07, "detained-docket voluntary departure (as baseline-2025)")},
		{"court.detained.terminated", assume(0.10, "detained-docket terminations (as baseline-2025); shares sum to 1")},
		{"court.non_detained.removal_order", assume(0.40, "non-detained completions ending in an order, many in absentia (as baseline-2025)")},
		{"court.non_detained.relief", assume(0.15, "non-detained relief grants (as baseline-2025)")},
		{"court.non_detained.voluntary_departure", assume(0.03, "non-detained voluntary departure (as baseline-2025)")},
		{"court.non_detained.terminated", assume(0.42, "dismissals, terminations, closures (as baseline-2025); shares sum to 1")},
		{"court.appeal_share", assume(0.15, "share of detained orders appealed to the BIA (as baseline-2025)")},
		{"court.appeal_days", assume(120, "BIA detained appeals, about four months (as baseline-2025)")},
		{"court.appeal_upheld_share", assume(0.9, "BIA dismisses most detained appeals (as baseline-2025)")},
		{"procedure.hearing_entitled_share", assume(0.85, "share of interior arrests without an order entitled to a hearing; the rest are reinstatements and administrative removals; calibrated")},
		{"procedure.border_fear_claim_rate", assume(0.2, "share of expedited-removal cases claiming fear; calibrated")},
		{"procedure.notice_fear_claim_max", assume(0.6, "as baseline-2025; no third-country removals before 2025, so unused")},
		{"procedure.claim_time_hours", assume(48, "as baseline-2025; unused before 2025")},
		{"procedure.pass_to_court_share", assume(0.5, "as baseline-2025; unused before 2025")},
		{"departure.at_large_rate_per_year", assume(0.025, "emigration of the unauthorized population about 2-3% a year (as baseline-2025)")},
		{"departure.final_order_rate_per_year", assume(0.03, "departures of people with final orders on their own (as baseline-2025)")},
		{"population.detained_with_order_share", assume(0.5, "about half of ICE detainees hold a final order (as baseline-2025)")},
	}
}
