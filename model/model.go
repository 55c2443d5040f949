// Package model compiles a validated scenario into the inputs both engines
// read: per-step capacities and inflows, per-step probabilities of the
// delay stages, routing shares and the procedure's rules. It is the one
// place that turns scenario fields into engine numbers, so the two engines
// cannot drift apart in how they read a scenario.
//
// Time advances in steps of 1/StepsPerDay day. A rate "per month" is
// spread evenly over the days of its calendar month. A delay stage with
// mean D days is left with probability 1/(D × StepsPerDay) per step
// (geometric, mean D days), which the flow engine applies as a fraction of
// the stock and the agent engine as a per-case draw.
package model

import (
	"fmt"
	"github.com/removalsim/removalsim/cost"
	"math"

	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// Model is a compiled scenario. Series indexed by step have length Steps;
// series indexed by month have length Months.
type Model struct {
	Name        string
	Start       scenario.Month
	Months      int
	StepsPerDay int
	// Days and Steps are the horizon's length.
	Days, Steps int
	Seed        uint64
	// MonthStartStep[m] is the first step of month m; MonthStartStep[Months]
	// is Steps.
	MonthStartStep []int

	// Per-step inflows and capacities (persons or cases per step).
	BorderPerStep []float64
	Title42Share  []float64
	// BorderRoute is, per step, how CBP processes Title 8 apprehensions.
	BorderRoute       []BorderRoute
	NewEntriesPerStep []float64
	// ArrestsPerStep is the officers' capacity: the arrests they would
	// make at large with plentiful leads (see InteriorArrests).
	ArrestsPerStep []float64
	// CustodialPoolPerStep is the removable people booked into
	// cooperating jails per step, and CustodialCostPerStep the officer
	// capacity (in ArrestsPerStep's units) one transfer takes; both nil
	// without a custodial pool.
	CustodialPoolPerStep, CustodialCostPerStep []float64
	// ReachablePerStep is the share of the at-large population officers'
	// leads reach in a step (nil or 0: no saturation).
	ReachablePerStep []float64
	// CollateralPerTargeted is the collateral arrests per targeted arrest
	// of at-large operations, per step (nil: none).
	CollateralPerTargeted []float64
	// UnbookedPerArrest is the removals without a detention book-in
	// (straight from the final-order docket, through a hold room) per
	// counted interior arrest, per step (nil: none; see
	// scenario.Arrests.UnbookedRemovalShare).
	UnbookedPerArrest []float64
	// AtLargeDeparturePerStep and FinalOrderDeparturePerStep are the
	// per-step probabilities of leaving on one's own: the base rates plus
	// the responses to enforcement intensity and to a departure stipend,
	// which change by month.
	AtLargeDeparturePerStep    []float64
	FinalOrderDeparturePerStep []float64
	Beds                       []float64
	SeatsPerStep               []float64
	// SeatsPerFlight converts seats used into flights flown.
	SeatsPerFlight float64
	FlightsPerStep []float64
	LandPerStep    []float64
	JudgePerStep   []float64
	ScreenPerStep  []float64
	// ThirdAssuredPerStep and ThirdUnassuredPerStep are third-country
	// slots with and without diplomatic assurances.
	ThirdAssuredPerStep   []float64
	ThirdUnassuredPerStep []float64

	// Levels are the capacities' paths and the money spent on them, by
	// month, indexed by procedure.Capacity (the first
	// procedure.NumLevels capacities).
	Levels []Level

	Groups []Group

	Initial Initial
	Shares  Shares
	// Per-step leaving probabilities of the delay stages.
	Probs Probs
	// PostOrderLimitDays is the post-order detention limit in whole days
	// (detention.blocked_release_days, at least 1 when compiled): a case
	// held after a final order is released when its post-order time
	// reaches it (the procedure's Deadline transitions). Zero, in a
	// model built by hand, means no limit.
	PostOrderLimitDays int
	Rules              procedure.Rules
	// Decisions are the outcomes of the procedure's decisions, by
	// transition.
	Decisions Decisions
	// CostUnits are the unit costs package cost prices a month with.
	CostUnits cost.Units
	// AppropriationPerYear is zero when unset (USD).
	AppropriationPerYear float64

	// Sources lists every parameter the scenario set.
	Sources []Source
}

// Level is one capacity's path over the months.
type Level struct {
	// Capacity is the capacity whose path this is.
	Capacity procedure.Capacity
	// Name is the capacity's name (Capacity.String()).
	Name string
	// Unit names what Productive counts.
	Unit string
	// Productive is the level in service during each month.
	Productive []float64
	// Added is the units hired or contracted each month.
	Added []float64
	// Pending is the units hired or contracted but not yet productive at
	// each month's end (in training, under construction).
	Pending []float64
}

// Group is a compiled country group.
type Group struct {
	Name          string
	CaseloadShare float64
	BorderShare   float64
	Acceptance    float64
	NeedsFlight   bool
	// TravelDocProb is the per-step probability of a travel document.
	TravelDocProb float64
	// CapPerStep is the acceptance cap per step; +Inf when uncapped.
	CapPerStep []float64
}

// BorderRoute splits Title 8 border apprehensions: handed to ICE for
// expedited removal, released with a notice to appear, returned by CBP.
// The shares sum to 1.
type BorderRoute struct{ Expedited, Released, Returned float64 }

// Initial holds the starting stocks.
type Initial struct {
	AtLarge, InProceedings, ATD, FinalOrders float64
	// StaleFinalOrders start in FinalOrderStale (FinalOrders holds the
	// recent ones).
	StaleFinalOrders float64
	// DetainedWithOrder start in TravelDocument (pathway
	// interior_final_order); DetainedDocket start on the detained docket
	// (pathway interior_court).
	DetainedWithOrder, DetainedDocket float64
	// DetainedDaysHeld is the mean days the initially detained have
	// been held before the start.
	DetainedDaysHeld float64
}

// Shares are routing shares.
type Shares struct {
	ATDOfBorderReleases       float64
	DetainOfInterior          float64
	FinalOrderEffort          float64
	CustodialArrests          float64
	PriorityCases             float64
	Detained, NonDetained     Outcomes
	AppealShare, AppealUpheld float64
}

// Outcomes are court completion shares.
type Outcomes struct{ Order, Relief, VoluntaryDeparture, Terminated float64 }

// Probs are per-step probabilities of leaving a stage or stock.
type Probs struct {
	DetainedCase, Appeal, ATDEnd   float64
	BedWaitRelease, BlockedRelease float64
	Notice                         float64
	LocateRate                     float64
	// OrderAging is the per-step probability that a recent final order
	// goes stale, and StaleLocateRate the stale docket's located share
	// per step (both 0 when the docket does not age).
	OrderAging, StaleLocateRate float64
}

// Source is one parameter with its provenance.
type Source struct {
	Path, Source, AsOf string
	Value              float64
}

// Compile turns a validated scenario into a Model. It fails only on
// values validation should have caught.
func Compile(s *scenario.Scenario) (*Model, error) {
	spd := s.StepsPerDay
	if spd <= 0 {
		spd = 1
	}
	if s.Months <= 0 || s.Start == 0 {
		return nil, fmt.Errorf("model: scenario %q has no start or horizon", s.Name)
	}
	m := &Model{Name: s.Name, Start: s.Start, Months: s.Months, StepsPerDay: spd, Seed: s.Seed}
	m.MonthStartStep = make([]int, s.Months+1)
	for i := range s.Months {
		m.MonthStartStep[i+1] = m.MonthStartStep[i] + s.Start.Add(i).Days()*spd
	}
	m.Steps = m.MonthStartStep[s.Months]
	m.Days = m.Steps / spd

	stepsIn := func(mi int) float64 { return float64(m.MonthStartStep[mi+1] - m.MonthStartStep[mi]) }
	perStep := func(monthly func(mi int, mo scenario.Month) float64) []float64 {
		out := make([]float64, m.Steps)
		for mi := range s.Months {
			v := monthly(mi, s.Start.Add(mi)) / stepsIn(mi)
			for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
				out[k] = v
			}
		}
		return out
	}
	sched := func(sc scenario.Schedule) []float64 {
		return perStep(func(_ int, mo scenario.Month) float64 { return sc.At(mo) })
	}
	m.BorderPerStep = sched(s.Inflows.BorderEncounters)
	m.NewEntriesPerStep = sched(s.Inflows.NewEntries)
	m.Title42Share = make([]float64, m.Steps)
	m.BorderRoute = make([]BorderRoute, m.Steps)
	for mi := range s.Months {
		mo := s.Start.Add(mi)
		v := s.Border.Title42Share.At(mo)
		var r BorderRoute
		r.Expedited, r.Released, r.Returned = s.Border.BorderShares(mo)
		for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
			m.Title42Share[k] = v
			m.BorderRoute[k] = r
		}
	}

	c := &s.Capacities
	m.Levels = make([]Level, procedure.NumLevels)
	for i := range m.Levels {
		m.Levels[i] = m.level(procedure.Capacity(i), ScenarioCapacity(s, procedure.Capacity(i)))
	}
	officers, beds, flights := m.Levels[procedure.Officers], m.Levels[procedure.Beds], m.Levels[procedure.Flights]
	land, judges, asylum := m.Levels[procedure.Land], m.Levels[procedure.Judges], m.Levels[procedure.AsylumOfficers]

	// Parameters with dated changes (scenario.Changeable) are read with At
	// for the month they apply to.
	m.ArrestsPerStep = perStep(func(mi int, mo scenario.Month) float64 {
		return officers.Productive[mi] * (s.Arrests.PerOfficerMonth.At(mo) * c.Officers.Productivity.At(mo))
	})
	m.Beds = make([]float64, m.Steps)
	for mi := range s.Months {
		for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
			m.Beds[k] = beds.Productive[mi]
		}
	}
	m.FlightsPerStep = perStep(func(mi int, _ scenario.Month) float64 { return flights.Productive[mi] })
	m.SeatsPerStep = perStep(func(mi int, _ scenario.Month) float64 {
		return flights.Productive[mi] * c.Flights.SeatsPerFlight.Value
	})
	m.SeatsPerFlight = c.Flights.SeatsPerFlight.Value
	m.LandPerStep = perStep(func(mi int, _ scenario.Month) float64 { return land.Productive[mi] })
	stepsPerYear := 365.0 * float64(spd)
	m.JudgePerStep = make([]float64, m.Steps)
	m.ScreenPerStep = make([]float64, m.Steps)
	for mi := range s.Months {
		mo := s.Start.Add(mi)
		j := judges.Productive[mi] * c.Judges.CompletionsPerJudgeYear.At(mo) / stepsPerYear
		a := asylum.Productive[mi] * c.AsylumOfficers.ScreeningsPerOfficerDay.At(mo) / float64(spd)
		for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
			m.JudgePerStep[k], m.ScreenPerStep[k] = j, a
		}
	}
	m.ThirdAssuredPerStep = perStep(func(_ int, mo scenario.Month) float64 { return thirdCapacity(s.ThirdCountries, mo, true) })
	m.ThirdUnassuredPerStep = perStep(func(_ int, mo scenario.Month) float64 { return thirdCapacity(s.ThirdCountries, mo, false) })

	for _, g := range s.Countries {
		cg := Group{
			Name:          g.Name,
			CaseloadShare: g.CaseloadShare.Value,
			BorderShare:   g.BorderShare.Value,
			Acceptance:    g.AcceptanceRate.Value,
			NeedsFlight:   g.NeedsFlight,
			TravelDocProb: stepProb(g.TravelDocDays.Value, spd),
		}
		cg.CapPerStep = perStep(func(_ int, mo scenario.Month) float64 {
			cap := g.MonthlyCap.At(mo)
			if cap <= 0 {
				return math.Inf(1)
			}
			return cap
		})
		m.Groups = append(m.Groups, cg)
	}

	p := &s.Population
	m.Initial = Initial{
		AtLarge:           p.AtLarge.Value,
		InProceedings:     p.NonDetainedDocket.Value,
		ATD:               p.ATD.Value,
		FinalOrders:       p.FinalOrders.Value,
		DetainedWithOrder: p.Detained.Value * p.DetainedWithOrderShare.Value,
		DetainedDocket:    p.Detained.Value * (1 - p.DetainedWithOrderShare.Value),
		DetainedDaysHeld:  p.DetainedDaysHeld.Value,
	}
	ct := &s.Court
	outcomes := func(o scenario.Outcomes) Outcomes {
		return Outcomes{o.RemovalOrder.Value, o.Relief.Value, o.VoluntaryDeparture.Value, o.Terminated.Value}
	}
	m.Shares = Shares{
		ATDOfBorderReleases: s.Detention.ATDShare.Value,
		DetainOfInterior:    s.Detention.DetainShare.Value,
		FinalOrderEffort:    s.Arrests.FinalOrderShare.Value,
		CustodialArrests:    s.Arrests.CustodialShare.Value,
		PriorityCases:       s.Arrests.PriorityShare.Value,
		Detained:            outcomes(ct.Detained),
		NonDetained:         outcomes(ct.NonDetained),
		AppealShare:         ct.AppealShare.Value,
		AppealUpheld:        ct.AppealUpheldShare.Value,
	}
	m.Probs = Probs{
		DetainedCase:   stepProb(ct.DetainedCaseDays.Value, spd),
		Appeal:         stepProb(ct.AppealDays.Value, spd),
		ATDEnd:         stepProb(s.Detention.ATDDays.Value, spd),
		BedWaitRelease: stepProb(s.Detention.BedWaitDays.Value, spd),
		BlockedRelease: stepProb(s.Detention.BlockedReleaseDays.Value, spd),
		Notice:         stepProb(s.Procedure.ScreeningWindowHours.Value/24, spd),
		LocateRate:     yearlyProb(s.Arrests.LocatedSharePerYear.Value, stepsPerYear),
	}
	m.departures(s, stepsPerYear)
	m.PostOrderLimitDays = max(1, int(math.Round(s.Detention.BlockedReleaseDays.Value)))
	pr := &s.Procedure
	m.Rules = procedure.Rules{
		HearingEntitledShare:  pr.HearingEntitledShare.Value,
		SpecialAuthorityShare: pr.SpecialAuthorityShare.Value,
		FearClaimRate:         pr.BorderFearClaimRate.Value,
		ScreeningPassRate:     pr.ScreeningPassRate.Value,
		PassToCourtShare:      pr.PassToCourtShare.Value,
		// Unset (0): every positive screening is released, as before
		// the share existed.
		FearPositiveDetainedShare: s.Detention.FearPositiveDetainShare.Value,
		WindowDays:                pr.ScreeningWindowHours.Value / 24,
		NoticeClaimShare:          procedure.NoticeClaimShare(pr.ScreeningWindowHours.Value, pr.NoticeFearClaimMax.Value, pr.ClaimTimeHours.Value),
		AssurancesRequired:        pr.AssurancesRequired,
	}
	first := s.Start.FirstDay()
	for _, in := range pr.Injunctions {
		ci := procedure.Injunction{Name: in.Name, FromDay: int(in.From - first), UntilDay: math.MaxInt32}
		if in.Until != 0 {
			ci.UntilDay = int(in.Until - first)
		}
		if in.Pathway != "" {
			pw, ok := procedure.ParsePathway(in.Pathway)
			if !ok {
				return nil, fmt.Errorf("model: injunction %q: unknown pathway %q", in.Name, in.Pathway)
			}
			ci.Pathway, ci.ByPathway = pw, true
		} else {
			dc, ok := procedure.ParseDestination(in.Destination)
			if !ok {
				return nil, fmt.Errorf("model: injunction %q: unknown destination %q", in.Name, in.Destination)
			}
			ci.Destination = dc
		}
		m.Rules.Injunctions = append(m.Rules.Injunctions, ci)
	}
	m.compileArrests(s, perStep)
	m.compileDocket(s)
	m.compileUnbooked(s)
	m.Decisions = m.decisions()
	m.CostUnits = cost.FromScenario(s)
	m.AppropriationPerYear = s.Costs.AppropriationPerYear.Value
	for _, r := range scenario.Params(s) {
		if r.Param.Set {
			m.Sources = append(m.Sources, Source{Path: r.Path, Value: r.Param.Value, Source: r.Param.Source, AsOf: r.Param.AsOf})
		}
	}
	return m, nil
}

// Level returns the path of a capacity with a level (c.HasLevel()).
func (m *Model) Level(c procedure.Capacity) *Level { return &m.Levels[c] }

// levelUnits name what each level counts.
var levelUnits = [procedure.NumLevels]string{
	procedure.Officers:       "officers",
	procedure.Beds:           "beds",
	procedure.Flights:        "flights per month",
	procedure.Land:           "removals per month",
	procedure.Judges:         "judges",
	procedure.AsylumOfficers: "asylum officers",
}

// ScenarioCapacity returns the scenario's field of a capacity with a
// level (c.HasLevel()): the one place that maps capacity names to
// scenario fields, shared by Compile and the planner.
func ScenarioCapacity(s *scenario.Scenario, c procedure.Capacity) *scenario.Capacity {
	sc := &s.Capacities
	return [procedure.NumLevels]*scenario.Capacity{
		procedure.Officers:       &sc.Officers.Capacity,
		procedure.Beds:           &sc.DetentionBeds,
		procedure.Flights:        &sc.Flights.Capacity,
		procedure.Land:           &sc.LandRemovals,
		procedure.Judges:         &sc.Judges.Capacity,
		procedure.AsylumOfficers: &sc.AsylumOfficers.Capacity,
	}[c]
}

// MonthOf returns the month index of a step.
func (m *Model) MonthOf(step int) int {
	// Months have at most 31 days, so a direct estimate is off by at most
	// one or two; walk from it.
	mi := step / (28 * m.StepsPerDay)
	if mi >= m.Months {
		mi = m.Months - 1
	}
	for mi > 0 && m.MonthStartStep[mi] > step {
		mi--
	}
	for mi+1 < m.Months && m.MonthStartStep[mi+1] <= step {
		mi++
	}
	return mi
}

// stepProb is the per-step leaving probability of a stage with mean
// meanDays: 1/(meanDays × steps per day), capped at 1 (a stage shorter
// than a step takes one step).
func stepProb(meanDays float64, spd int) float64 {
	steps := meanDays * float64(spd)
	if steps <= 1 {
		return 1
	}
	return 1 / steps
}

// yearlyProb is the per-step probability equivalent to a rate per year.
func yearlyProb(perYear, stepsPerYear float64) float64 {
	if perYear <= 0 {
		return 0
	}
	return math.Min(1, perYear/stepsPerYear)
}

func thirdCapacity(tcs []scenario.ThirdCountry, mo scenario.Month, assured bool) float64 {
	total := 0.0
	for _, t := range tcs {
		if t.Assurances != assured || mo < t.From || t.Until != 0 && mo > t.Until {
			continue
		}
		total += t.MonthlyCapacity.At(mo)
	}
	return total
}

// level computes a capacity's productive level month by month: attrition
// first, then arrivals of units added LagMonths ago, then new additions
// toward the target within MaxAddedPerMonth. A target below the level
// takes effect at once (contracts ended, hiring frozen and staff moved).
func (m *Model) level(cp procedure.Capacity, c *scenario.Capacity) Level {
	l := Level{Capacity: cp, Name: cp.String(), Unit: levelUnits[cp],
		Productive: make([]float64, m.Months), Added: make([]float64, m.Months), Pending: make([]float64, m.Months)}
	lag := c.LagMonths.Value
	lagLo := int(math.Floor(lag))
	fracHi := lag - float64(lagLo)
	arrivals := make([]float64, m.Months+lagLo+2)
	level := c.Initial.Value
	pipeline := 0.0
	for mi := range m.Months {
		mo := m.Start.Add(mi)
		level -= level * c.AttritionPerYear.At(mo) / 12
		level += arrivals[mi]
		pipeline -= arrivals[mi]
		target := c.Initial.Value
		if len(c.Target) > 0 {
			target = c.Target.At(mo)
		}
		if target < level {
			level = target
		}
		add := math.Max(0, math.Min(target-level-pipeline, c.MaxAddedPerMonth.At(mo)))
		if add > 0 {
			// A lag of L months splits between floor(L) and floor(L)+1;
			// the part due this month is productive at once.
			now := 0.0
			if lagLo == 0 {
				now = add * (1 - fracHi)
			} else {
				arrivals[mi+lagLo] += add * (1 - fracHi)
			}
			arrivals[mi+lagLo+1] += add * fracHi
			level += now
			pipeline += add - now
		}
		l.Productive[mi] = level
		l.Added[mi] = add
		l.Pending[mi] = pipeline
	}
	return l
}
