package history

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
)

// FactorPrefix starts the path of a history factor: a fitted quantity that
// is not a scenario parameter but that Build turns into one year by year
// (a share of a dated input, or the factor of an enforcement period).
const FactorPrefix = "history."

// Paths of the history factors.
const (
	// RegimePrefix starts the path of an enforcement period's factor on
	// arrests.per_officer_month: RegimePrefix + Regime.Name.
	RegimePrefix = FactorPrefix + "arrests.regime."
)

// IsFactor reports whether a behaviour path names a history factor rather
// than a scenario parameter.
func IsFactor(path string) bool { return strings.HasPrefix(path, FactorPrefix) }

// Regime is a period of ICE interior-enforcement policy. Arrests per
// officer are arrests.per_officer_month times the regime's factor (fitted,
// one value for all the months of the regime; the first regime is the
// reference, factor 1).
type Regime struct {
	Name string
	// From is the first month in force; To the first month no longer in
	// force (zero: still in force). Dates inside a month are rounded to
	// the nearest month start.
	From, To scenario.Month
	// Why names the policy and its dates.
	Why string
}

// Regimes are the enforcement periods FY2008-FY2024, in order. Every
// held-out fiscal year (calibrate.HeldOut) falls in regimes that training
// years also cover. A policy in force in two separate periods appears
// twice under one name: one factor for both.
var Regimes = []Regime{
	{"before_secure_communities", scenario.MonthOf(2006, time.October), scenario.MonthOf(2008, time.November),
		"jail-transfer era before Secure Communities: the Criminal Alien Program and 287(g) agreements; until the first Secure Communities activation of 27 October 2008 (reference period, factor 1)"},
	{"secure_communities", scenario.MonthOf(2008, time.November), scenario.MonthOf(2013, time.January),
		"Secure Communities, activated jurisdiction by jurisdiction from 27 October 2008 (fingerprints taken at booking checked against DHS records, so jails identify removable people for ICE), nationwide by January 2013; until ICE Director Morton's memorandum 'Civil Immigration Enforcement: Guidance on the Use of Detainers in the Federal, State, Local, and Tribal Criminal Justice Systems' of 21 December 2012 limited detainers"},
	{"detainers_2012", scenario.MonthOf(2013, time.January), scenario.MonthOf(2014, time.December),
		"ICE Director Morton's detainer guidance of 21 December 2012 (no detainers for people arrested for minor misdemeanours without other priority factors), with Secure Communities nationwide; until DHS Secretary Johnson's memoranda of 20 November 2014 ended Secure Communities"},
	{"priorities_2014", scenario.MonthOf(2014, time.December), scenario.MonthOf(2017, time.February),
		"DHS Secretary Johnson, 'Policies for the Apprehension, Detention and Removal of Undocumented Immigrants', 20 November 2014, and the Priority Enforcement Program replacing Secure Communities; until Executive Order 13768 of 25 January 2017"},
	{"eo13768", scenario.MonthOf(2017, time.February), scenario.MonthOf(2020, time.April),
		"Executive Order 13768 'Enhancing Public Safety in the Interior of the United States', 25 January 2017, and DHS implementation memorandum of 20 February 2017 (no class of removable aliens exempt); until ICE's COVID-19 statement of 18 March 2020"},
	{"covid_2020", scenario.MonthOf(2020, time.April), scenario.MonthOf(2021, time.February),
		"ICE statement of 18 March 2020: enforcement focused on public-safety risks during COVID-19; until Executive Order 13993 of 20 January 2021 revoked Executive Order 13768"},
	{"priorities_2021", scenario.MonthOf(2021, time.February), scenario.MonthOf(2021, time.December),
		"Executive Order 13993 (20 January 2021) and DHS's interim civil immigration enforcement priorities of 18 February 2021; until Secretary Mayorkas's 'Guidelines for the Enforcement of Civil Immigration Law' of 30 September 2021 took effect on 29 November 2021"},
	{"guidelines_2021", scenario.MonthOf(2021, time.December), scenario.MonthOf(2022, time.June),
		"Secretary Mayorkas's 'Guidelines for the Enforcement of Civil Immigration Law' (30 September 2021, effective 29 November 2021: national security, public safety and recent border crossers); until the Southern District of Texas vacated them on 10 June 2022 (Texas v. United States)"},
	{"guidelines_vacated", scenario.MonthOf(2022, time.June), scenario.MonthOf(2023, time.July),
		"the Mayorkas guidelines vacated by the Southern District of Texas on 10 June 2022 (Texas v. United States; the Fifth Circuit and the Supreme Court declined to stay the vacatur in July 2022), so that ICE officers enforced without the guidelines' priorities; until the Supreme Court reversed on 23 June 2023 (United States v. Texas, for lack of standing)"},
	{"guidelines_2021", scenario.MonthOf(2023, time.July), 0,
		"the Mayorkas guidelines in force again after the Supreme Court's decision of 23 June 2023 (United States v. Texas), the same policy as from November 2021, so the same factor"},
}

// regimeAt returns the enforcement regime in force in month m.
func regimeAt(m scenario.Month) Regime { return regimeIn(Regimes, m) }

// regimeIn returns the period of rs in force in month m, or the first
// before any period starts.
func regimeIn(rs []Regime, m scenario.Month) Regime {
	for _, r := range rs {
		if m >= r.From && (r.To == 0 || m < r.To) {
			return r
		}
	}
	return rs[0]
}

// factor returns the history factor at path from b, else def.
func factor(b Behaviour, path string, def float64) float64 {
	if p, ok := b.Get(path); ok {
		return p.Value
	}
	return def
}

// policy writes the year's dated policy inputs into s: the processing
// shares of Title 8 border apprehensions (the border periods' factors of
// b, see border) and the arrest productivity of the enforcement
// periods in force during the fiscal year. Both hold for the whole run,
// warm-up included: the compared year is what they are set for.
func (y *builder) policy(s *scenario.Scenario, b Behaviour) {
	fy := y.fy
	y.border(s, b)
	y.fearClaims(s, b)
	start := scenario.MonthOf(fy-1, time.October)

	// Arrest productivity: mean of the regimes' factors over the year.
	prod, parts := 0.0, []string{}
	seen := map[string]int{}
	for i := range 12 {
		rg := regimeAt(start.Add(i))
		f := 1.0
		if rg.Name != Regimes[0].Name {
			f = factor(b, RegimePrefix+rg.Name, 1)
		}
		prod += f / 12
		seen[rg.Name]++
	}
	for _, rg := range Regimes {
		if n := seen[rg.Name]; n > 0 {
			seen[rg.Name] = 0 // a policy in force twice is described once
			f := 1.0
			if rg.Name != Regimes[0].Name {
				f = factor(b, RegimePrefix+rg.Name, 1)
			}
			parts = append(parts, fmt.Sprintf("%d months of %s (factor %.4g: %s)", n, rg.Name, f, rg.Why))
		}
	}
	s.Capacities.Officers.Productivity = scenario.Param{Value: prod, AsOf: "FY" + strconv.Itoa(fy), Set: true,
		Source: "history: arrests per officer relative to the reference enforcement period, averaged over FY" + strconv.Itoa(fy) + "'s months: " + strings.Join(parts, "; ") + " (factors fitted by removalsim calibrate to data: ice_admin_arrests, ice_removals)"}
}

// countries returns the country groups of fiscal year fy: baseline-2025's
// groups with the year's mix of removals. Mexico's and the Northern
// Triangle's shares come from ICE's removals by citizenship (FY2013 on)
// and DHS's before (DHS and ICE removals differ by under 3% in
// FY2008-FY2012), interpolated or held where a year is missing; the rest
// is split between other cooperative and uncooperative countries as in
// baseline-2025. The dataset has no mix by arresting agency, so border
// cases use the same mix as interior ones.
func (y *builder) countries(fy int, b *scenario.Scenario) []scenario.CountryGroup {
	gs := slices.Clone(b.Countries)
	// The prior year's mix: the year's own is a breakdown of the removals
	// the backtest scores.
	mixFY, whose := fy-1, "the prior year's"
	if y.shuns(mixFY) {
		mixFY, whose = fy-2, fmt.Sprintf("two years before, FY%d being held out of the fit", fy-1)
	}
	mex := y.mixShare("countries.mexico", mixFY, "ice_removals_mexico", "dhs_removals_mexico_share", "")
	nt := y.mixShare("countries.northern_triangle", mixFY, "ice_removals_northern_triangle", "", "dhs_removals_northern_triangle")
	rest := 1 - mex.v - nt.v
	if rest < 0 {
		// Shares of different years can overlap (FY2011 holds Mexico's
		// FY2010 share and the Northern Triangle's of FY2013): scale
		// them to sum to 1.
		k := 1 / (mex.v + nt.v)
		mex = figure{mex.v * k, fmt.Sprintf("%s, scaled by %.4g so that the shares of two years sum to at most 1", mex.source, k), true}
		nt = figure{nt.v * k, fmt.Sprintf("%s, scaled by %.4g so that the shares of two years sum to at most 1", nt.source, k), true}
		rest = 0
	}
	set := func(i int, v float64, src string) {
		p := scenario.Param{Value: v, Source: src + fmt.Sprintf(" (FY%d's mix, %s, known when FY%d starts)", mixFY, whose, fy), AsOf: "FY" + strconv.Itoa(mixFY), Set: true}
		gs[i].CaseloadShare = p
		p.Source += "; border cases use the same mix (no split by arresting agency in the dataset)"
		gs[i].BorderShare = p
	}
	// The acceptance rates of Mexico and the Northern Triangle rest on no
	// refusals being reported; the FY2024 removals their sources quote
	// are context, and a part of the removals the backtest scores.
	gs[0].AcceptanceRate.Source = withoutDataCite(gs[0].AcceptanceRate.Source, "ice_removals_mexico FY2024", "the value rests on no refusals being reported; the FY2024 removals quoted are context, not used")
	gs[1].AcceptanceRate.Source = withoutDataCite(gs[1].AcceptanceRate.Source, "ice_removals_northern_triangle FY2024", "the value rests on no refusals being found; the FY2024 removals quoted are context, not used")
	gs[3].AcceptanceRate.Source += " [history: derived from FY2024 removals by country, the dataset has no earlier figures; held in every year, FY2024 included]"
	set(0, mex.v, "share of removals of Mexican citizens: "+mex.source)
	set(1, nt.v, "share of removals of Guatemalan, Honduran and Salvadoran citizens: "+nt.source)
	other, unco := gs[2].CaseloadShare.Value, gs[3].CaseloadShare.Value
	split := other / (other + unco)
	set(2, rest*split, fmt.Sprintf("derived: %.4g of the rest of the year's mix (1 - %.4g - %.4g), baseline-2025's split between other cooperative and uncooperative countries: %s", split, mex.v, nt.v, gs[2].CaseloadShare.Source))
	set(3, rest*(1-split), fmt.Sprintf("derived: %.4g of the rest of the year's mix (1 - %.4g - %.4g), baseline-2025's split: %s", 1-split, mex.v, nt.v, gs[3].CaseloadShare.Source))
	return gs
}

// mixShare is a group's share of removals in fiscal year fy: ICE's count
// for the group over ICE removals where the dataset has it, else a DHS
// share, else a DHS count over DHS removals; interpolated between years.
func (y *builder) mixShare(topic string, fy int, iceSeries, dhsShare, dhsCount string) figure {
	pts := map[int]point{}
	for _, f := range data.Series(iceSeries) {
		if !strings.HasPrefix(f.Period, "FY") {
			continue
		}
		tot, ok := data.Lookup("ice_removals", f.Period)
		if !ok {
			continue
		}
		yr, _ := strconv.Atoi(f.Period[2:])
		pts[yr] = point{f.Value / tot.Value, fmt.Sprintf("%s %s / ice_removals %s (%s / %s)", iceSeries, f.Period, f.Period, num(f.Value), num(tot.Value)), f.Estimate}
	}
	if dhsShare != "" {
		for _, f := range data.Series(dhsShare) {
			yr, err := strconv.Atoi(strings.TrimPrefix(f.Period, "FY"))
			if _, dup := pts[yr]; err != nil || dup {
				continue
			}
			pts[yr] = point{f.Value, dhsShare + " " + f.Period, true}
		}
	}
	if dhsCount != "" {
		for _, f := range data.Series(dhsCount) {
			yr, err := strconv.Atoi(strings.TrimPrefix(f.Period, "FY"))
			tot, ok := data.Lookup("dhs_removals", f.Period)
			if _, dup := pts[yr]; err != nil || dup || !ok {
				continue
			}
			pts[yr] = point{f.Value / tot.Value, fmt.Sprintf("%s %s / dhs_removals %s (%s / %s)", dhsCount, f.Period, f.Period, num(f.Value), num(tot.Value)), true}
		}
	}
	// upTo leaves nothing when the only figure is the compared year's.
	pts = upTo(pts, fy, y.fy)
	if len(pts) == 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: the dataset has no figure of %s other than FY%d's, which the backtest scores", iceSeries, y.fy)
		}
		return figure{}
	}
	f := interpolate(pts, fy)
	if strings.HasPrefix(f.source, "estimate:") {
		y.note(topic, fmt.Sprintf("FY%d: %s", fy, f.source))
	}
	return f
}

// custodialShare sets the share of arrests that are jail transfers to 0
// in history, unless the behaviour o fits it: the history scenarios run
// without the custodial pool (its inputs are not in the dataset), so
// every arrest is an at-large arrest at the officers' rate, and the share
// only splits the cost of arrests. baseline-2025's 0.71 is FY2024's
// (ice_atlarge_arrests, a part of the arrests the backtest scores, of a
// held-out year), and the dataset's other at-large counts (FY2019,
// FY2020) are of a training and a held-out year: none can serve every
// year without entering its own or a held-out one.
func (y *builder) custodialShare(s *scenario.Scenario, o Behaviour) {
	const path = "arrests.custodial_share"
	if _, fitted := o.Get(path); fitted {
		return
	}
	s.Arrests.CustodialShare = scenario.Param{Value: 0, Set: true,
		Source: "history: every arrest is an at-large arrest (the custodial pool is not modelled before 2025: its inputs, jail bookings by year, are not in the dataset; doc: trac_370_detainers_fy2012 gives one year); the share only splits arrest costs, which history does not compare"}
}

// withoutDataCite is a baseline source with its citation of a dataset row
// removed, and why: the row is context of the baseline's judgement, not
// what the value was derived from, and in history it is a part of a
// series the backtest scores.
func withoutDataCite(src, cite, why string) string {
	for _, form := range []string{"; data: " + cite, ", data: " + cite, " data: " + cite} {
		src = strings.Replace(src, form, "", 1)
	}
	return src + " [history: " + why + "]"
}
