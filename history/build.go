package history

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
)

// FirstFY and LastFY bound the fiscal years history can build: the years
// for which the dataset has complete ICE removals.
const (
	FirstFY = 2008
	LastFY  = 2024
)

// WarmupMonths is the months simulated before the fiscal year compared,
// so that the stocks inside the pipeline (detained, awaiting documents,
// queues) settle from their rough starting values. A run starts in October
// of FY-2 and lasts WarmupMonths + 12 months; only the last 12 (the fiscal
// year itself) are compared with the dataset.
const WarmupMonths = 12

// Window returns the first month and the length of fiscal year fy's run.
func Window(fy int) (start scenario.Month, months int) {
	return scenario.MonthOf(fy-2, time.October), WarmupMonths + 12
}

// Note flags something about a year's scenario a reader should know: an
// estimate standing in for a missing figure, or an event outside the
// pipeline that dominated the year.
type Note struct {
	// Topic is the parameter path or subject ("capacities.detention_beds",
	// "title42").
	Topic string
	// Text says what was done and why.
	Text string
}

// unlimited is the hiring and contracting limit, and no lag, of a history
// capacity whose level is the figure cite names (the dataset's level of
// each year, or a bound that never binds): levels in service change at
// once.
func unlimited(c scenario.Capacity, cite string) scenario.Capacity {
	c.MaxAddedPerMonth = scenario.Param{Value: 1e7, Source: "history: the level follows the figure of each fiscal year (" + cite + "), so hiring and contracting limits do not apply", Set: true}
	c.LagMonths = scenario.Param{Value: 0, Source: "history: the figures are levels in service (" + cite + ")", Set: true}
	return c
}

// yearCapacity is a capacity at the level prev during the warm-up year and
// cur during the fiscal year fy.
func yearCapacity(prev, cur figure, start scenario.Month, fy int) scenario.Capacity {
	return unlimited(scenario.Capacity{
		Initial: prev.param(fy - 1),
		Target: scenario.Schedule{
			{From: start, Value: prev.param(fy - 1)},
			{From: start.Add(12), Value: cur.param(fy)},
		},
	}, cur.source)
}

// Build returns the scenario of fiscal year fy (FirstFY to LastFY): the
// capacities, inflows and starting stocks of the dataset, and the
// behavioural parameters b (DefaultBehaviour overridden by a calibration).
// The notes list every estimate standing in for a missing figure and every
// event outside the pipeline that the year's numbers reflect.
func Build(fy int, b Behaviour) (*scenario.Scenario, []Note, error) {
	if fy < FirstFY || fy > LastFY {
		return nil, nil, fmt.Errorf("history: fiscal year %d is outside FY%d-FY%d, the years with complete ICE removals in the dataset", fy, FirstFY, LastFY)
	}
	pre := prepare(fy)
	if pre.err != nil {
		return nil, nil, pre.err
	}
	y := builder{fy: fy, notes: slices.Clone(pre.notes)}
	s := scenario.Clone(pre.s)
	def, err := DefaultBehaviour()
	if err != nil {
		return nil, nil, err
	}
	all := def.With(b)
	if err := all.apply(s); err != nil {
		return nil, nil, err
	}
	y.policy(s, all)
	y.custodialShare(s, b)
	if y.err != nil {
		return nil, nil, y.err
	}
	y.eventNotes()
	return s, y.notes, nil
}

// prepared is the part of a year's scenario that does not depend on the
// behaviour: capacities, inflows, stocks and country mix read from the
// dataset, with the notes made while reading them.
type prepared struct {
	s     *scenario.Scenario
	notes []Note
	err   error
}

// preparedYears holds each fiscal year's prepared scenario, built on first
// use: calibration builds every year thousands of times with different
// behaviour, and the dataset and baseline-2025 they read never change.
var preparedYears [LastFY - FirstFY + 1]struct {
	once sync.Once
	p    prepared
}

// prepare returns fiscal year fy's prepared scenario, which callers clone
// and never change.
func prepare(fy int) prepared {
	e := &preparedYears[fy-FirstFY]
	e.once.Do(func() {
		y := builder{fy: fy}
		s := y.build()
		e.p = prepared{s: s, notes: y.notes, err: y.err}
	})
	return e.p
}

// builder accumulates the first error and the notes of one year.
type builder struct {
	fy    int
	err   error
	notes []Note
}

// get returns fyValue(series, year), noting estimates under topic.
func (y *builder) get(topic, series string, year int) figure {
	return y.read(topic, series, year, fyValue)
}

// known returns knownValue(series, year), noting estimates under topic:
// for inputs a forecaster takes from the years before the one compared.
func (y *builder) known(topic, series string, year int) figure {
	return y.read(topic, series, year, func(series string, year int) (figure, error) { return knownValue(series, year, y.fy) })
}

func (y *builder) read(topic, series string, year int, value func(string, int) (figure, error)) figure {
	f, err := value(series, year)
	if err != nil {
		if y.err == nil {
			y.err = err
		}
		return figure{}
	}
	if f.estimate && strings.HasPrefix(f.source, "estimate:") {
		y.note(topic, fmt.Sprintf("FY%d: %s", year, f.source))
	}
	return f
}

// held is baseline-2025's parameter at path (see held), recording a
// failure in y.err.
func (y *builder) held(base *scenario.Scenario, path string) scenario.Param {
	p, err := held(base, path)
	if err != nil && y.err == nil {
		y.err = err
	}
	return p
}

func (y *builder) note(topic, text string) {
	for _, n := range y.notes {
		if n.Topic == topic && n.Text == text {
			return
		}
	}
	y.notes = append(y.notes, Note{topic, text})
}

func (y *builder) build() *scenario.Scenario {
	fy := y.fy
	base, err := baseline()
	if err != nil {
		y.err = err
		return nil
	}
	start, months := Window(fy)
	s := &scenario.Scenario{
		Name: "fy" + strconv.Itoa(fy),
		Description: fmt.Sprintf("Fiscal year %d rebuilt from the public dataset (data/figures.csv): capacities, inflows and "+
			"starting stocks of FY%d (warm-up) and FY%d, with the calibrated behavioural parameters. Compare months %s to %s only.",
			fy, fy-1, fy, start.Add(WarmupMonths), start.Add(months-1)),
		Start: start, Months: months, StepsPerDay: 1, Seed: 1,
	}

	// Stocks at the start (end of FY-2).
	stockFY := fy - 2
	if y.shuns(stockFY) {
		stockFY--
		y.note("population.non_detained_docket", fmt.Sprintf("FY%d: the backlog at the end of FY%d is a held-out year's scored figure: FY%d's is held", fy, fy-2, stockFY))
	}
	pending := y.known("population.non_detained_docket", "eoir_pending", stockFY)
	if stockFY != fy-2 {
		pending = pending.scaled(1, fmt.Sprintf("FY%d's, held for the end of FY%d (held out of the fit)", stockFY, fy-2))
	}
	s.Population.NonDetainedDocket = pending.scaled(1, "the whole EOIR backlog (ATD enrolment before FY2022 is not in the dataset; the court backlog reported counts both)").param(stockFY)
	s.Population.ATD = scenario.Param{Value: 0, Source: "history: ATD enrollees are counted in the non-detained docket, the whole court backlog (" + pending.source + ")", Set: true}
	s.Population.AtLarge = y.known("population.at_large", "unauthorized_population_pew", fy-1).param(fy - 1)
	s.Population.FinalOrders = y.known("population.final_orders", "final_order_nondetained_docket", fy-1).param(fy - 1)
	bedsPrev, bedsCur := y.ranDetention(fy-1), y.fundedBeds(fy)
	if y.shuns(fy - 1) {
		// The detention run in a held-out year is scored: the warm-up of
		// the training year after it runs at that year's funded beds.
		bedsPrev = y.fundedBeds(fy - 1)
		y.note("capacities.detention_beds", fmt.Sprintf("FY%d: the warm-up year FY%d is held out: its funded beds, not the detention it ran", fy, fy-1))
	}
	s.Population.Detained = bedsPrev.param(fy - 1)
	alos := y.known("population.detained_days_held", "ice_detention_alos", fy-1)
	s.Population.DetainedDaysHeld = alos.scaled(1, "average length of stay taken as the mean time the detained at the start have already been held (exact when stays are exponential; the dataset has no elapsed-stay figure)").param(fy - 1)

	// Inflows.
	s.Inflows.BorderEncounters = y.encounterSchedule(start)
	s.Inflows.NewEntries = scenario.Schedule{{From: start, Value: y.held(base, "inflows.new_entries[0].value")}}
	s.Border.Title42Share = y.title42(start, months)

	// Procedure: no special authority, third countries or fines before 2025.
	s.Procedure.ScreeningWindowHours = scenario.Param{Value: 24, Source: "unused before 2025: the 24-hour screening after a third-country notice dates from DHS's guidance of March 2025 (doc: wp_deportation_plan_2025), and the dataset's years have no third-country removals", Set: true}
	s.Procedure.SpecialAuthorityShare = scenario.Param{Value: 0, Source: "no Alien Enemies Act removals before the proclamation of 15 March 2025 (doc: news_japannews_wapo_aea_137)", Set: true}
	passHow := fmt.Sprintf("the prior year's rate, known when FY%d starts", fy)
	if first := firstOtherYear(passRates, fy); first > fy-1 {
		passHow = fmt.Sprintf("FY%d's rate, the first later year's: the dataset has none before FY%d, and the compared year's own is not used", first, fy)
	}
	s.Procedure.ScreeningPassRate = y.passRate(fy-1).scaled(1, passHow).param(fy - 1)
	s.Departure.FinePerDay = scenario.Param{Value: 0, Source: "the INA 274D fine for failing to depart (doc: usc_8_1324d_ina_274d) had no collection procedure before DHS's interim final rule of June 2025 (doc: fr_2025_06_27_civil_penalties_ifr)", Set: true}
	s.Departure.FineResponsePerDollar = scenario.Param{Value: 0, Source: "no fine before the interim final rule of June 2025 (doc: fr_2025_06_27_civil_penalties_ifr)", Set: true}

	// Capacities.
	c := &s.Capacities
	offPrev := y.get("capacities.officers", "ice_deportation_officers", fy-1)
	offCur := y.get("capacities.officers", "ice_deportation_officers", fy)
	c.Officers.Capacity = yearCapacity(offPrev, offCur, start, fy)
	c.Officers.Productivity = scenario.Param{Value: 1, Source: "history: the historical norm by definition; the enforcement periods' factors scale it (see y.policy), fitted to ICE arrests (data: ice_admin_arrests)", Set: true}
	c.DetentionBeds = yearCapacity(bedsPrev, bedsCur, start, fy)
	flights := scenario.Param{Value: 400, Source: "upper bound, not binding: ICE Air flew about 400 flight legs a month in 2020 and 660 in 2022-23 (data: ice_air_flight_legs_per_month 2020-01/2020-12, 2022-02/2023-01); removal flights are fewer, but seats never limited removals before 2025", Set: true}
	c.Flights.Capacity = unlimited(scenario.Capacity{Initial: flights}, "data: ice_air_flight_legs_per_month 2020-01/2020-12")
	c.Flights.SeatsPerFlight = base.Capacities.Flights.SeatsPerFlight
	c.Flights.HoursPerFlight = base.Capacities.Flights.HoursPerFlight
	c.Flights.CostPerHour = base.Capacities.Flights.CostPerHour
	// The bound cites the series, not a year: a year's own removals are
	// what the backtest scores.
	land := scenario.Param{Value: 40000, Source: "upper bound, not binding: above ICE's removals of any year of the dataset, at most about 34,000 a month, all pathways and destinations together (data: ice_removals)", Set: true}
	c.LandRemovals = unlimited(scenario.Capacity{Initial: land}, "data: ice_removals")
	judPrev := y.get("capacities.judges", "immigration_judges", fy-1)
	judCur := y.get("capacities.judges", "immigration_judges", fy)
	c.Judges.Capacity = yearCapacity(judPrev, judCur, start, fy)
	// Completions per judge are the prior year's, as a forecaster at the
	// start of the year has them; the year's own completions would give
	// the model the court backlog it is scored on.
	comp := y.completions(fy - 1)
	c.Judges.CompletionsPerJudgeYear = scenario.Param{Value: comp.v / judPrev.v, AsOf: "FY" + strconv.Itoa(fy-1), Set: true,
		Source: fmt.Sprintf("derived: completions / judges of FY%d, the prior year, known when FY%d starts: %s (%s) / %s (%s); used for the warm-up year too", fy-1, fy, comp.source, num(comp.v), judPrev.source, num(judPrev.v))}
	officers := y.held(base, "capacities.asylum_officers.initial")
	officers.Source += "; never bound before 2025: at most 91,969 screenings a year in FY2008-FY2017 (data: credible_fear_screenings FY2016)"
	c.AsylumOfficers.Capacity = unlimited(scenario.Capacity{Initial: officers}, "data: credible_fear_screenings FY2016")
	c.AsylumOfficers.ScreeningsPerOfficerDay = base.Capacities.AsylumOfficers.ScreeningsPerOfficerDay

	s.Countries = y.countries(fy, base)
	s.Costs = costs(base)
	return s
}

// encounters is fiscal year year's southwest-border encounters handed to
// the removal pipeline's border inflow: Border Patrol's apprehensions
// between ports plus CBP's Office of Field Operations inadmissibles at
// the southwest ports (swb_encounters_total - usbp_swb_apprehensions,
// FY2014 on; held at the nearest year before and after, flagged). ICE's
// border removals are all of CBP's cases, ports included: without the
// ports the border pathway could not reach them in the low-apprehension
// years FY2015-FY2020. Both are inflows as published.
func (y *builder) encounters(year int) figure {
	const topic = "inflows.border_encounters"
	usbp := y.get(topic, "usbp_swb_apprehensions", year)
	tot, app := yearly("swb_encounters_total"), yearly("usbp_swb_apprehensions")
	pts := map[int]point{}
	for yr, t := range tot {
		if a, ok := app[yr]; ok && t.v > a.v {
			pts[yr] = point{t.v - a.v, fmt.Sprintf("%s - %s (%s - %s)", t.cite, a.cite, num(t.v), num(a.v)), t.est || a.est}
		}
	}
	if len(pts) == 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: the dataset has no southwest encounters at ports")
		}
		return usbp
	}
	ofo := interpolate(pts, year)
	if strings.HasPrefix(ofo.source, "estimate:") {
		y.note(topic, fmt.Sprintf("FY%d: port inadmissibles %s", year, ofo.source))
	}
	return figure{usbp.v + ofo.v, fmt.Sprintf("Border Patrol apprehensions, %s (%s), plus southwest port inadmissibles, %s (%s)", usbp.source, num(usbp.v), ofo.source, num(ofo.v)), usbp.estimate || ofo.estimate}
}

// fundedBeds is the detention the appropriation funded for fiscal year
// year: what a forecaster knows at the start of the year. The detention
// ICE actually ran differed (above the funded level in FY2019, far below
// it under COVID-19 measures in FY2020-FY2022); it is what the backtest
// scores, so it must not be an input of its own year.
func (y *builder) fundedBeds(year int) figure {
	f := y.get("capacities.detention_beds", "detention_funded_beds", year)
	return f.scaled(1, fmt.Sprintf("funded beds of the appropriation, known when FY%d starts (the detention actually run, ice_detention_adp, is scored, not used)", year))
}

// HeldOut are the fiscal years left out of the fit: one year in four,
// FY2012, FY2016, FY2020 and FY2024, so that each era of the dataset is
// tested once: the FY2012 peak of border-driven removals, the low-border
// years of FY2015-FY2018, the first COVID-19 and Title 42 year, and the
// FY2024 border surge. The two named bars (FY2012, FY2024) are
// therefore out-of-sample.
// A training year whose previous year is held out takes that year's
// funded beds and the mix of two years before, and one whose starting
// backlog would be a held-out year's takes the year before's (see
// builder.shuns).
var HeldOut = []int{2012, 2016, 2020, 2024}

// shuns reports whether the scenario of y.fy must not read fiscal year
// year's scored figures: y.fy is a training year and year is held out,
// so a held-out figure would reach the fit through the training year's
// warm-up, mix or starting stock.
func (y *builder) shuns(year int) bool {
	return !slices.Contains(HeldOut, y.fy) && slices.Contains(HeldOut, year)
}

// ranDetention is the detention ICE ran in fiscal year year, for the
// warm-up year before the compared one (history by then): the average
// daily population where the dataset has it, else the mean of two or
// more detained counts within the year, else the funded bed level.
func (y *builder) ranDetention(year int) figure {
	const topic = "capacities.detention_beds"
	if f, ok := data.Lookup("ice_detention_adp", "FY"+strconv.Itoa(year)); ok {
		return figure{f.Value, "data: ice_detention_adp FY" + strconv.Itoa(year) + ", the detention ICE actually ran (used as the effective bed level)", f.Estimate}
	}
	if p, ok := yearly("ice_detained_count")[year]; ok && strings.HasPrefix(p.cite, "mean of") {
		y.note(topic, fmt.Sprintf("FY%d: no average daily population in the dataset; beds set to the %s (%s)", year, p.cite, num(p.v)))
		return figure{p.v, "estimate: data: " + p.cite + " (no FY average daily population in the dataset)", true}
	}
	return y.get(topic, "detention_funded_beds", year)
}

// completions is immigration-court completions in fiscal year fy: EOIR's
// count, else TRAC's, else a part-year count annualised.
func (y *builder) completions(fy int) figure {
	fys := "FY" + strconv.Itoa(fy)
	for _, series := range []string{"eoir_completions", "eoir_completions_trac"} {
		if f, ok := data.Lookup(series, fys); ok {
			return figure{f.Value, "data: " + series + " " + fys, f.Estimate}
		}
	}
	for _, series := range []string{"eoir_completions", "eoir_completions_trac"} {
		for _, f := range data.Series(series) {
			from, to, ok := strings.Cut(f.Period, "/")
			if !ok || len(from) != 7 || len(to) != 7 {
				continue
			}
			a, err1 := scenario.ParseMonth(from)
			b, err2 := scenario.ParseMonth(to)
			if err1 != nil || err2 != nil || a.FiscalYear() != fy || b.FiscalYear() != fy {
				continue
			}
			n := int(b-a) + 1
			src := fmt.Sprintf("estimate: data: %s %s (%s) × 12/%d", series, f.Period, num(f.Value), n)
			y.note("capacities.judges.completions_per_judge_year", fmt.Sprintf("FY%d: %s", fy, src))
			return figure{f.Value * 12 / float64(n), src, true}
		}
	}
	// Neither: the latest EOIR figure before.
	return y.known("capacities.judges.completions_per_judge_year", "eoir_completions", fy)
}

// Title 42 dates: the order applied from 20 March 2020 to 11 May 2023.
var (
	title42From = scenario.MonthOf(2020, time.March)
	title42Last = scenario.MonthOf(2023, time.May)
)

// title42 returns the monthly Title 42 share of border apprehensions over
// the window, as a schedule (nil when the window misses the order).
func (y *builder) title42(start scenario.Month, months int) scenario.Schedule {
	var sched scenario.Schedule
	prev := -1.0
	for i := range months {
		m := start.Add(i)
		p := y.title42Share(m)
		if p.Value == prev {
			continue
		}
		prev = p.Value
		sched = append(sched, scenario.Step{From: m, Value: p})
	}
	if len(sched) == 1 && sched[0].Value.Value == 0 {
		return nil
	}
	return sched
}

func (y *builder) title42Share(m scenario.Month) scenario.Param {
	const topic = "border.title42_share"
	if m < title42From || m > title42Last {
		return scenario.Param{Value: 0, Source: "Title 42 expulsions ran from March 2020 to 11 May 2023 only", Set: true}
	}
	fy := m.FiscalYear()
	switch fy {
	case 2020:
		t, okT := data.Lookup("usbp_swb_title42_expulsions", "FY2020")
		// All FY2020 expulsions fell in March-September: the months'
		// encounters (encounterMonths: CBP's monthly figures where the
		// dataset has them).
		months, src := y.encounterMonths(2020)
		if !okT || y.err != nil {
			break
		}
		in := 0.0
		for _, v := range months[5:] {
			in += v
		}
		v := t.Value / in
		return scenario.Param{Value: v, AsOf: "FY2020", Set: true,
			Source: fmt.Sprintf("derived: data: usbp_swb_title42_expulsions FY2020 (%s) / southwest encounters of March-September 2020 (%s; %s): all expulsions fell in those months", num(t.Value), num(in), src)}
	case 2021:
		if p, ok := y.title42FY2021(m); ok {
			return p
		}
		fallthrough
	case 2022, 2023:
		share := func(year int) (scenario.Param, bool) {
			fys := "FY" + strconv.Itoa(year)
			t, okT := data.Lookup("usbp_swb_title42_expulsions", fys)
			if !okT {
				return scenario.Param{}, false
			}
			a := y.encounters(year)
			return scenario.Param{Value: t.Value / a.v, AsOf: fys, Set: true,
				Source: fmt.Sprintf("derived: data: usbp_swb_title42_expulsions %s (%s) / southwest encounters %s, %s (%s)", fys, num(t.Value), fys, a.source, num(a.v))}, true
		}
		if p, ok := share(fy); ok {
			return p
		}
		p, ok := share(2022)
		if !ok {
			break
		}
		p.Source = "estimate: FY2023 Title 8 / Title 42 split not in the dataset; held at the FY2022 share, " + strings.TrimPrefix(p.Source, "derived: ")
		if m == title42Last {
			p.Value *= 11.0 / 31
			p.Source += "; × 11/31 in May 2023 (order ended 11 May)"
		}
		y.note(topic, p.Source)
		return p
	}
	if y.err == nil {
		y.err = fmt.Errorf("history: the dataset lacks the Title 42 split for %s", m)
	}
	return scenario.Param{}
}

// eventNotes flags years whose numbers reflect events outside the
// pipeline.
func (y *builder) eventNotes() {
	switch fy := y.fy; {
	case fy <= 2009:
		y.note("ice_removals", "ICE counts before about FY2011 may include some returns (data/README.md, caveats)")
	case fy == 2020:
		y.note("title42", "Title 42 expulsions from March 2020 took most border apprehensions out of the removal pipeline (modelled: border.title42_share)")
		y.note("covid", "COVID-19: detention population cut from spring 2020 and removals slowed by destination countries' restrictions; beds follow the year's ADP, the slowdown of removals is not modelled")
	case fy >= 2021 && fy <= 2023:
		y.note("title42", "Title 42 expulsions (not removals) took part of border apprehensions out of the pipeline until 11 May 2023 (modelled: border.title42_share)")
		y.note("covid", "COVID-19 and release policy: detention ran far below funded beds (beds follow the dataset), and most Title 8 apprehensions were released rather than put in expedited removal, which one set of behavioural shares cannot follow")
	}
}
