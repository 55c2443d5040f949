package history

import (
	"fmt"
	"slices"
	"sync"

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

// behaviourPaths are the behavioural parameters history sets in every
// year's scenario; calibrate fits some of them, the rest keep
// baseline-2025's values (DefaultBehaviour).
var behaviourPaths = []string{
	"arrests.per_officer_month",
	"arrests.final_order_share",
	"arrests.located_share_per_year",
	"arrests.custodial_share",
	"arrests.priority_share",
	"detention.detain_share",
	"detention.atd_share",
	"detention.bed_wait_days",
	"detention.blocked_release_days",
	"detention.atd_days",
	"court.detained_case_days",
	"court.detained.removal_order",
	"court.detained.relief",
	"court.detained.voluntary_departure",
	"court.detained.terminated",
	"court.non_detained.removal_order",
	"court.non_detained.relief",
	"court.non_detained.voluntary_departure",
	"court.non_detained.terminated",
	"court.appeal_share",
	"court.appeal_days",
	"court.appeal_upheld_share",
	"procedure.hearing_entitled_share",
	"procedure.border_fear_claim_rate",
	"procedure.notice_fear_claim_max",
	"procedure.claim_time_hours",
	"procedure.pass_to_court_share",
	"departure.at_large_rate_per_year",
	"departure.final_order_rate_per_year",
	"population.detained_with_order_share",
}

// DefaultBehaviour is the behaviour before calibration: baseline-2025's
// values, held for the years before 2025. The calibrated file
// (scenarios/calibrated.yaml) overrides the fitted ones. Baseline values
// that describe 2025 only (the third-country notice, fines) are unused in
// the dataset's years.
func DefaultBehaviour() (Behaviour, error) {
	defaultOnce.Do(func() { defaultB, defaultErr = defaultBehaviour() })
	return slices.Clone(defaultB), defaultErr
}

// The default behaviour, derived once from baseline-2025 (which never
// changes) and copied out to each caller.
var (
	defaultOnce sync.Once
	defaultB    Behaviour
	defaultErr  error
)

func defaultBehaviour() (Behaviour, error) {
	b, err := baseline()
	if err != nil {
		return nil, err
	}
	out := make(Behaviour, 0, len(behaviourPaths))
	for _, path := range behaviourPaths {
		p, err := held(b, path)
		if err != nil {
			return nil, err
		}
		out = append(out, Setting{path, p})
	}
	out = out.With(before2025)
	// Keep each docket's outcome shares summing to 1 around the
	// pre-2025 values: detained removal orders take up the change in
	// voluntary departure (their sum stays baseline-2025's), and
	// non-detained terminations are the remainder.
	base := func(path string) float64 { return scenario.Lookup(b, path).Value }
	dvd, _ := before2025.Get("court.detained.voluntary_departure")
	removal := base("court.detained.removal_order") + base("court.detained.voluntary_departure") - dvd.Value
	relief, _ := before2025.Get("court.non_detained.relief")
	terminated := 1 - base("court.non_detained.removal_order") - relief.Value - base("court.non_detained.voluntary_departure")
	return out.With(Behaviour{
		{"court.detained.removal_order", scenario.Param{Value: removal, Set: true, Source: fmt.Sprintf(
			"judgement: removal plus voluntary departure held at baseline-2025's %.2f of detained completions, with voluntary departure at its pre-2025 %.2f (doc: news_cbs_2026_02_detained_voluntary_departure; data: eoir_removal_or_vd_share_trac FY2024)",
			removal+dvd.Value, dvd.Value)}},
		{"court.non_detained.terminated", scenario.Param{Value: terminated, Set: true, Source: fmt.Sprintf(
			"remainder: dismissals, terminations and administrative closures after baseline-2025's removal orders and voluntary departure and the pre-2025 relief %.2f, so the shares sum to 1 (doc: trac_263_deportation_outcomes_fy2011, doc: trac_whatsnew_2024_12_16)",
			relief.Value)}},
	}), nil
}

// before2025 replaces baseline-2025's values where documents show that
// 2025 departed from the years before: detained voluntary departure rose
// more than five-fold in 2025, and relief grants, about a tenth of
// completions in FY2022, fell to about 5% in 2024. DefaultBehaviour
// derives from them the shares that must keep each docket summing to 1.
var before2025 = Behaviour{
	{"court.detained.voluntary_departure", scenario.Param{Value: 0.06, Set: true,
		Source: "derived: 2025's 28% of detained completions ended in voluntary departure after a more than five-fold rise over 2024, so about 0.28 / 5 = 0.06 before 2025 (doc: news_cbs_2026_02_detained_voluntary_departure, doc: trac_at_work_reuters_2025_12_11)"}},
	{"court.non_detained.relief", scenario.Param{Value: 0.10, Set: true,
		Source: "bounded: relief grants were 14.1% of completions in FY2011 and 9.7% in FY2022, the lowest in 25 years, before falling to about 5% in 2024; 0.10 is a judgement for FY2008-FY2024 (doc: trac_263_deportation_outcomes_fy2011, doc: trac_whatsnew_2023_03_09, doc: trac_whatsnew_2024_06_14)"}},
}
