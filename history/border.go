package history

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/removalsim/removalsim/scenario"
)

// Paths of a border regime's two factors: BorderPrefix + name + Expedited
// (or + ReleasedOfRest).
const (
	// BorderPrefix starts the path of a border processing period's
	// factors.
	BorderPrefix = FactorPrefix + "border.regime."
	// ExpeditedSuffix ends the path of the share of Title 8 southwest
	// apprehensions CBP handed to ICE for removal (expedited removal,
	// reinstatement or a detained hearing) in the period.
	ExpeditedSuffix = ".expedited"
	// ReleasedSuffix ends the path of the share of the other Title 8
	// apprehensions (neither handed to ICE nor returned) that CBP released
	// with a notice to appear; the rest were returned or removed by CBP
	// itself.
	ReleasedSuffix = ".released_of_rest"
	// KeptSuffix ends the path of the share of the period's southwest
	// cases found to have a credible fear whom ICE kept in detention for
	// their hearing (parole or bond denied) instead of releasing them.
	KeptSuffix = ".fear_positive_detained"
)

// BorderRegimes are the periods of CBP processing of Title 8 southwest
// apprehensions FY2008-FY2024, in order, each with one fitted expedited
// share and one fitted released share (history.border.regime.<name>.*).
// Every held-out fiscal year (calibrate.HeldOut) falls in periods that
// training years also cover. Title 42 expulsions are not in them: the
// dataset's Title 42 share takes them out first (border.title42_share).
var BorderRegimes = []Regime{
	{"voluntary_return", scenario.MonthOf(2006, time.October), scenario.MonthOf(2010, time.October),
		"most Mexican apprehensions offered voluntary return at the border, before the Consequence Delivery System covered every sector (DHS OIG-17-39, 'CBP's Consequence Delivery System': piloted in Tucson in 2008, all southwest sectors from FY2011)"},
	{"consequence_delivery", scenario.MonthOf(2010, time.October), scenario.MonthOf(2014, time.December),
		"Consequence Delivery System in all southwest sectors from FY2011: Mexicans moved from voluntary return to expedited removal and reinstatement handed to ICE (DHS OIG-17-39); until DHS Secretary Johnson's memoranda of 20 November 2014"},
	{"priorities_2014", scenario.MonthOf(2014, time.December), scenario.MonthOf(2017, time.February),
		"DHS Secretary Johnson, 'Policies for the Apprehension, Detention and Removal of Undocumented Immigrants', 20 November 2014 (recent border crossers priority 1, for CBP as for ICE), with the family and child arrivals of FY2014-FY2016 released under the Flores settlement and the TVPRA; until Executive Order 13767 of 25 January 2017"},
	{"eo13767", scenario.MonthOf(2017, time.February), scenario.MonthOf(2021, time.February),
		"Executive Order 13767 'Border Security and Immigration Enforcement Improvements', 25 January 2017 (detention and expedited removal of border crossers), the 2018 zero-tolerance policy and the Migrant Protection Protocols from January 2019, with record family arrivals in FY2019; the Title 42 order of 20 March 2020 did not change how the Title 8 remainder was processed under the same administration (expulsions are taken out first by border.title42_share), so the period runs until the change of administration (Executive Order 14010 of 2 February 2021 and the end of new Migrant Protection Protocols enrolments on 20 January 2021)"},
	{"title42_2021", scenario.MonthOf(2021, time.February), scenario.MonthOf(2023, time.May),
		"Title 42 from February 2021 to 11 May 2023: unaccompanied children exempt from expulsion (CDC notice of February 2021), most Title 8 apprehensions released with notices to appear or paroled"},
	{"lawful_pathways", scenario.MonthOf(2023, time.May), 0,
		"after Title 42: the Circumvention of Lawful Pathways rule (88 FR 31314, effective 11 May 2023) and expedited removal of Title 8 apprehensions again (the June 2024 Securing the Border proclamation is within this period)"},
}

// borderRegimeAt returns the border period in force in month m.
func borderRegimeAt(m scenario.Month) Regime { return regimeIn(BorderRegimes, m) }

// borderDefault are the uncalibrated shares of every period.
const (
	defaultExpedited = 0.5
	defaultReleased  = 0.3
)

// border writes the year's processing shares of Title 8 apprehensions:
// each month's period's fitted expedited share e and released share of
// the rest q, averaged over the fiscal year's months weighted by the
// month's Title 8 apprehensions (its encounters, by month where the dataset
// has them, times 1 - the month's Title 42 share). The returned share is
// what is left: CBP's voluntary returns and its own removals.
func (y *builder) border(s *scenario.Scenario, b Behaviour) {
	fy := y.fy
	sh := y.borderShares(fy, b)
	if sh.title8 <= 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: FY%d has no Title 8 apprehensions", fy)
		}
		return
	}
	how := fmt.Sprintf("single adults' share of apprehensions %.4g (%s; families and unaccompanied children released with a notice to appear) times the CBP processing periods in force over FY%d's months, weighted by Title 8 apprehensions (history.BorderRegimes; one fitted pair of shares of single adults per period, the same in every year it covers): %s",
		sh.singleAdults.v, sh.singleAdults.source, fy, strings.Join(sh.parts, "; "))
	how += " (shares fitted by removalsim calibrate to data: ice_removals, ice_admin_arrests)"
	as := "FY" + strconv.Itoa(fy)
	s.Border.ExpeditedRemovalShare = scenario.Param{Value: sh.expedited, AsOf: as, Set: true,
		Source: "history: share of Title 8 southwest apprehensions handed to ICE for removal (expedited removal, reinstatement or a detained hearing), from " + how}
	s.Border.ReleasedShare = scenario.Param{Value: sh.released, AsOf: as, Set: true,
		Source: "history: share of Title 8 southwest apprehensions released with a notice to appear, from " + how}
	s.Detention.FearPositiveDetainShare = scenario.Param{Value: sh.kept, AsOf: as, Set: true,
		Source: "history: share of southwest cases with a positive credible-fear screening kept in detention for their hearing (parole or bond denied), the CBP processing periods' fitted shares averaged over FY" + strconv.Itoa(fy) + "'s months weighted by Title 8 apprehensions: " + strings.Join(sh.keptParts, "; ") + " (parole of arriving asylum seekers with a credible fear under ICE's directive effective 4 January 2010 (doc: ice_factsheet_parole_directive_2010); grants fell to 47.7% in 2017 and 60% in 2018 from 80.6% in early 2011 (doc: hrf_ice_parole_foia_2017_2018); shares fitted by removalsim calibrate to data: ice_removals, ice_detention_adp)"}
	s.Border.ReturnedShare = scenario.Param{Value: math.Max(0, 1-sh.expedited-sh.released), AsOf: as, Set: true,
		Source: "history: 1 - expedited - released: voluntary returns and CBP's own removals, from " + how}
}

// KeptGuess is what is known, before calibration, of a border period's
// share of positive credible-fear screenings kept in detention: its
// uncalibrated value (the centre of calibrate's prior), the prior's 95%
// range and why.
type KeptGuess struct {
	Centre, Lo, Hi float64
	Why            string
}

// Kept returns the KeptGuess of the border period named period: about a
// fifth while ICE's 2009 parole directive was applied (80.6% of arriving
// asylum seekers with a credible fear paroled nationally in early 2011,
// more than 92% in five field offices in 2011-2013), about half under
// Executive Order 13767 (47.7% paroled in 2017, 60% in 2018), and a
// third after it, where no grant rate is in the dataset
// (doc: hrf_ice_parole_foia_2017_2018,
// doc: ice_factsheet_parole_directive_2010). The periods it names are
// BorderRegimes' (TestKeptNamesBorderPeriods).
func Kept(period string) KeptGuess {
	switch period {
	case "eo13767":
		return KeptGuess{0.5, 0.25, 0.8, "about half kept under Executive Order 13767"}
	case "title42_2021", "lawful_pathways":
		return KeptGuess{0.3, 0.05, 0.7, "weakly informative after January 2021, for which no grant rate is in the dataset"}
	}
	return KeptGuess{0.2, 0.05, 0.5, "about a fifth kept while the directive was applied (and before it, weakly informative)"}
}

// borderYear is fiscal year fy's processing of southwest apprehensions
// (see border).
type borderYear struct {
	// expedited and released are the year's shares of Title 8
	// apprehensions handed to ICE and released with a notice to appear.
	expedited, released float64
	// title8 is the year's Title 8 share of apprehensions: the mean over
	// its months of 1 - the Title 42 share.
	title8 float64
	// singleAdults is the single adults' share of the apprehensions.
	singleAdults figure
	// kept is the year's share of positive fear screenings kept in
	// detention (see KeptSuffix).
	kept float64
	// parts describe the periods and their weights, for sources.
	parts, keptParts []string
}

// singleAdults is the share of fiscal year fy's southwest apprehensions
// that were single adults: 1 - (unaccompanied children + individuals in
// family units) / apprehensions, from CBP's yearly tables (FY2013-FY2020)
// and CRS's figures (FY2012, FY2021),
// held at the nearest year where the dataset has no split (flagged). It
// is part of the year's inflow as published, like the apprehensions.
func (y *builder) singleAdults(fy int) figure {
	const topic = "border.expedited_removal_share"
	pts := map[int]point{}
	uac, fam := yearly("usbp_swb_uac"), yearly("usbp_swb_family_units")
	// In year order: encounters notes its estimates, and the notes'
	// order must not follow the map's.
	for _, yr := range slices.Sorted(maps.Keys(uac)) {
		u := uac[yr]
		f, okF := fam[yr]
		if !okF {
			continue
		}
		a := y.encounters(yr)
		if a.v <= 0 {
			continue
		}
		pts[yr] = point{1 - (u.v+f.v)/a.v, fmt.Sprintf("1 - (%s + %s) / southwest encounters FY%d (1 - (%s + %s) / %s; port inadmissibles counted as single adults)", u.cite, f.cite, yr, num(u.v), num(f.v), num(a.v)), u.est || f.est || a.estimate}
	}
	if len(pts) == 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: the dataset has no split of apprehensions by demographic")
		}
		return figure{v: 1}
	}
	f := interpolate(pts, fy)
	if strings.HasPrefix(f.source, "estimate:") {
		y.note(topic, fmt.Sprintf("FY%d: single adults' share of apprehensions %s", fy, f.source))
	}
	return f
}

// borderShares returns the processing of fiscal year fy's southwest
// apprehensions under behaviour b.
func (y *builder) borderShares(fy int, b Behaviour) borderYear {
	start := scenario.MonthOf(fy-1, time.October)
	var e, rel, kept, w float64
	seen := map[string]float64{}
	months, _ := y.encounterMonths(fy)
	all := 0.0
	for i := range 12 {
		m := start.Add(i)
		// The month's Title 8 apprehensions, relative to a flat month:
		// encounters by month where the dataset has them.
		enc := months[i] * 12
		all += enc
		t8 := enc * (1 - y.title42Share(m).Value)
		rg := borderRegimeAt(m)
		ei := factor(b, BorderPrefix+rg.Name+ExpeditedSuffix, defaultExpedited)
		qi := factor(b, BorderPrefix+rg.Name+ReleasedSuffix, defaultReleased)
		e += t8 * ei
		kept += t8 * factor(b, BorderPrefix+rg.Name+KeptSuffix, Kept(rg.Name).Centre)
		rel += t8 * (1 - ei) * qi
		w += t8
		seen[rg.Name] += t8
	}
	out := borderYear{title8: w / all}
	if w <= 0 {
		return out
	}
	// Families and unaccompanied children are released with a notice to
	// appear (the Flores settlement, the TVPRA), whatever the period:
	// the periods' shares apply to single adults.
	sa := y.singleAdults(fy)
	out.singleAdults = sa
	out.expedited, out.released, out.kept = sa.v*e/w, sa.v*rel/w+(1-sa.v), kept/w
	for _, rg := range BorderRegimes {
		if n := seen[rg.Name]; n > 0 {
			out.parts = append(out.parts, fmt.Sprintf("weight %.3g of %s (expedited %.4g, released of the rest %.4g: %s)", n/w, rg.Name,
				factor(b, BorderPrefix+rg.Name+ExpeditedSuffix, defaultExpedited), factor(b, BorderPrefix+rg.Name+ReleasedSuffix, defaultReleased), rg.Why))
			out.keptParts = append(out.keptParts, fmt.Sprintf("weight %.3g of %s (%.4g)", n/w, rg.Name, factor(b, BorderPrefix+rg.Name+KeptSuffix, Kept(rg.Name).Centre)))
		}
	}
	return out
}

// FearClaimsCBPShare is the path of the fitted share of USCIS's
// credible-fear caseload that comes from CBP's southwest cases handed to
// ICE (Border Patrol and the ports; the rest are interior cases).
const FearClaimsCBPShare = FactorPrefix + "fear_claims.cbp_share"

// defaultCBPShare is the uncalibrated FearClaimsCBPShare: CBP reported
// 92,959 southwest fear claims in FY2018 (doc: cbp_2018_12_10_fear_claims)
// against USCIS's 99,035 credible-fear cases (data: credible_fear_claims
// FY2018), 0.94, taken down to 0.9 for the interior and non-southwest
// cases of other years (calibrate's prior centres lower still, at 0.85).
// That ratio is an input to this default and to the prior; no backtest
// scores it.
const defaultCBPShare = 0.9

// fearCaseload are the dataset series of the yearly credible-fear
// caseload, the earlier standing where two give a year (see
// mergedYearly): EOIR's table of USCIS decisions (FY2008-FY2017), the
// claims of FY2018 and USCIS's receipts (referrals, FY2020-FY2023, from
// its semi-monthly reports). FY2019 has no whole-year figure in the
// dataset (USCIS's January-September window and the DOJ/DHS rule's
// October 2018-January 2019, which overlap in January), so FY2020's
// scenario holds FY2018's rate (flagged).
var fearCaseload = []string{"credible_fear_screenings", "credible_fear_claims", "uscis_credible_fear_receipts"}

// passRates are the dataset series of the credible-fear pass rate, the
// earlier standing where two give a year (see mergedYearly): EOIR's
// table (percent found,
// FY2008-FY2017), DOJ's 2019 rule (FY2018), USCIS's positive
// determinations over positive and negative ones (FY2020-FY2023; closed
// cases, which the model's screening does not have, left out).
var passRates = []string{"credible_fear_positive_share", "uscis_credible_fear_positive_share"}

// mergedYearly merges the yearly figures of series, the one listed
// first standing where two give a year.
func mergedYearly(series []string) map[int]point {
	pts := map[int]point{}
	for i := len(series) - 1; i >= 0; i-- {
		for yr, p := range yearly(series[i]) {
			pts[yr] = p
		}
	}
	return pts
}

// firstOtherYear is the earliest fiscal year other than not with a
// yearly figure in any of series (0 when none).
func firstOtherYear(series []string, not int) int {
	first := 0
	for _, sr := range series {
		for yr := range yearly(sr) {
			if yr != not && (first == 0 || yr < first) {
				first = yr
			}
		}
	}
	return first
}

// passRate is the credible-fear pass rate known for fiscal year year (see
// knownValue): the year's own figure from passRates, else the latest
// earlier one held (flagged).
func (y *builder) passRate(year int) figure {
	const topic = "procedure.screening_pass_rate"
	// upTo leaves nothing when the only figure is the compared year's.
	pts := upTo(mergedYearly(passRates), year, y.fy)
	if len(pts) == 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: the dataset has no credible-fear pass rate other than FY%d's, which the backtest scores", y.fy)
		}
		return figure{}
	}
	f := interpolate(pts, year)
	if strings.HasPrefix(f.source, "estimate:") {
		y.note(topic, fmt.Sprintf("FY%d: %s", year, f.source))
	}
	return f
}

// fearClaims writes the year's fear-claim rate of expedited cases: the
// credible-fear caseload of the prior year (USCIS's screenings, known when
// the year starts; the rate is held from the latest year with a caseload)
// times the fitted share of it from CBP's southwest cases, over that
// year's southwest encounters handed to ICE under b, at most 0.95. Fear
// claims rose from about 5,000 a year in FY2008 to about 99,000 in FY2018
// while encounters fell, so one rate for all years sends far too many
// early cases (and too few late ones) to a screening and a court instead
// of removal. The claims are a count: handing more cases to ICE does not
// add claims.
func (y *builder) fearClaims(s *scenario.Scenario, b Behaviour) {
	const topic = "procedure.border_fear_claim_rate"
	fy, prev := y.fy, y.fy-1
	// EOIR's and DOJ's figures of the earlier years stand where USCIS's
	// own receipts (FY2020 on) give the same year.
	pts := mergedYearly(fearCaseload)
	if len(pts) == 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: the dataset has no credible-fear caseload")
		}
		return
	}
	// The latest year with a published caseload, no later than the
	// prior year: the rate (claims per case handed to ICE) is held from
	// it, not the count, which would be set against another year's
	// apprehensions.
	known := upTo(pts, prev, fy)
	if len(known) == 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: the dataset has no credible-fear caseload other than FY%d's, which the backtest scores", fy)
		}
		return
	}
	yr := 0
	for k := range known {
		if k > yr && k <= prev {
			yr = k
		}
	}
	if yr == 0 {
		// No caseload before the year: the first later one (never the
		// compared year's).
		yr = math.MaxInt
		for k := range known {
			yr = min(yr, k)
		}
	}
	cf := interpolate(known, yr)
	if yr != prev {
		y.note(topic, fmt.Sprintf("FY%d: the fear-claim rate of FY%d, the nearest year with a credible-fear caseload in the dataset (%s)", prev, yr, cf.source))
	}
	app := y.encounters(yr)
	sh := y.borderShares(yr, b)
	handed := app.v * sh.title8 * sh.expedited
	k := factor(b, FearClaimsCBPShare, defaultCBPShare)
	rate, capped := 0.95, ""
	if handed > 0 {
		rate = math.Min(0.95, k*cf.v/handed)
	}
	if raw := k * cf.v / handed; handed <= 0 || raw > 0.95 {
		capped = fmt.Sprintf(" (the raw rate, %.4g, stops at the cap)", raw)
		y.note(topic, fmt.Sprintf("FY%d: fear-claim rate %.4g (%s claims from CBP's cases over %s handed to ICE) capped at 0.95: the caseload exceeds the cases the model hands to ICE", fy, raw, num(math.Round(k*cf.v)), num(math.Round(handed))))
	}
	which := fmt.Sprintf("the latest year with one no later than the prior year (known when FY%d starts)", fy)
	if yr > prev {
		which = fmt.Sprintf("the first later year with one: the dataset has none before FY%d, and the compared year's own is not used", fy)
	}
	s.Procedure.BorderFearClaimRate = scenario.Param{Value: rate, AsOf: "FY" + strconv.Itoa(yr), Set: true,
		Source: fmt.Sprintf("derived: the credible-fear caseload of FY%d, %s, %s (%s), times %.4g, the fitted share of it from CBP's southwest cases (%s; doc: cbp_2018_12_10_fear_claims), over FY%d's southwest encounters handed to ICE: %s (%s) × Title 8 share %.4g × expedited share %.4g (that year's CBP processing periods and single adults, history.BorderRegimes); at most 0.95",
			yr, which, cf.source, num(cf.v), k, FearClaimsCBPShare, yr, app.source, num(app.v), sh.title8, sh.expedited) + capped}
}
