package plan

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tally"
)

// Objective is what the planner minimises.
type Objective int

const (
	// MinCost reaches the target by the date at the least total cost.
	MinCost Objective = iota
	// MinTime reaches the target as early as possible (no later than the
	// date) within the budget.
	MinTime
)

// Options are a planning problem. Target and By are required; the zero
// value of the others means defaults.
type Options struct {
	// Target is the annual removal rate to reach (removals per year).
	Target float64
	// By is the month by which the target must be reached.
	By scenario.Month
	// Objective is MinCost or MinTime.
	Objective Objective
	// BudgetUSD caps total cost over the horizon; 0 means no cap. With
	// MinTime the plan is the earliest within it; with either objective a
	// target whose least-cost plan is over it is infeasible, with the
	// budget named in Binding.
	BudgetUSD float64
	// Sustain is the months after By the rate must hold (default 12).
	Sustain int
	// Margin is the share above Target the flow plan aims at (default
	// 0.01), so that a stochastic verification lands at the target.
	Margin float64
	// ThirdCountryMax is the most assured third-country slots per month
	// the planner may add by new agreements (default 0: none).
	ThirdCountryMax float64
	// MaxEvaluations bounds the flow runs of each Nelder–Mead start
	// (default 250).
	MaxEvaluations int
	// Context, when set, stops the search once cancelled: every later
	// flow run fails with its error, so Make returns soon after (with
	// that error, or a plan the caller must discard).
	Context context.Context
}

// Capacities are the names of the purchasable capacities the planner
// decides; index i is procedure.Capacity(i), as in model.Model.Levels.
var Capacities = procedure.LevelNames()

// capacityOf returns the scenario's field of capacity i.
func capacityOf(s *scenario.Scenario, i int) *scenario.Capacity {
	return model.ScenarioCapacity(s, procedure.Capacity(i))
}

// Decision is one capacity's target schedule: Initial until From, then
// Level.
type Decision struct {
	Capacity string  `json:"capacity"`
	Initial  float64 `json:"initial"`
	Level    float64 `json:"level"`
	// From is the month hiring toward Level starts ("YYYY-MM").
	From string `json:"from"`
	// PacePerMonth is the most units the plan allows to be added in a
	// month, within the capacity's lever.
	PacePerMonth float64 `json:"pace_per_month"`
}

// Binding is a constraint that caps the rate.
type Binding struct {
	Constraint string `json:"constraint"`
	// LimitPerYear is the rate the constraint alone permits, every other
	// constraint relaxed (removals per year).
	LimitPerYear float64 `json:"limit_per_year"`
	// RelaxedPerYear is the rate reached when only this constraint is
	// relaxed, the others as in the maximum plan.
	RelaxedPerYear float64 `json:"relaxed_per_year"`
	Note           string  `json:"note"`
	// Move is the lever's move in the plan (a capacity's ramp), and for a
	// target no plan reaches the pace it would need beyond its limit.
	Move *Move `json:"move,omitempty"`
	// Funding is, for the appropriations, each fiscal year the plan's
	// spending passes them.
	Funding []FundingGap `json:"funding,omitempty"`
}

// Month is one month of the plan's schedule.
type Month struct {
	Month string `json:"month"`
	// Levels are each capacity's productive level at the month.
	Levels map[string]float64 `json:"levels"`
	// Added are the units hired or contracted in the month.
	Added map[string]float64 `json:"added"`
	// RatePerYear is the month's removals × 365 / days (flow engine).
	RatePerYear float64 `json:"rate_per_year"`
	CostUSD     float64 `json:"cost_usd"`
	// Binding is the capacity that binds in the month (result.Month's),
	// so the plan reads as a timeline of what binds when.
	Binding string `json:"binding"`
}

// Plan is the planner's answer.
type Plan struct {
	Feasible      bool    `json:"feasible"`
	TargetPerYear float64 `json:"target_per_year"`
	// By is the date asked for; Horizon is the last month evaluated.
	By      string `json:"by"`
	Horizon string `json:"horizon"`
	// AchievedPerYear is the lowest monthly rate from By (or ReachedOn
	// with MinTime) to the horizon's end, in the flow engine. For an
	// infeasible target it is the most the maximum plan achieves.
	AchievedPerYear float64 `json:"achieved_flow_per_year"`
	// ReachedOn is the first month from which the rate holds to the
	// horizon's end; empty when never.
	ReachedOn string `json:"reached_on"`
	// CostUSD is the plan's total cost from the start to the horizon's
	// end.
	CostUSD float64 `json:"cost_usd"`
	// SurgeUSD is the part of CostUSD paid as surge premium (units added
	// beyond the scenario's pace; Lever.SurgeAddCost).
	SurgeUSD  float64    `json:"surge_usd"`
	Decisions []Decision `json:"decisions"`
	// ThirdCountryAdded is the assured third-country slots per month
	// added by new agreements from the start.
	ThirdCountryAdded float64   `json:"third_country_added"`
	Schedule          []Month   `json:"schedule"`
	Binding           []Binding `json:"binding"`
	// Evaluations is the number of flow-engine runs used.
	Evaluations int `json:"evaluations"`

	// Scenario is the planned scenario (the input with the decisions
	// applied and the horizon set); Result is its flow-engine result.
	Scenario *scenario.Scenario `json:"-"`
	Result   *result.Result     `json:"-"`
	// base is the input scenario, for WriteScenario's diff.
	base *scenario.Scenario
}

// RateDefinition explains the rate for reports.
const RateDefinition = "annual rate of a month = its removals × 365 / its days; reached when it holds in every month to the horizon's end"

// MonthlyRates returns each month's annualised removal rate.
func MonthlyRates(r *result.Result, start scenario.Month) []float64 {
	out := make([]float64, len(r.Monthly))
	for i, mo := range r.Monthly {
		out[i] = mo.Removals * 365 / float64(start.Add(i).Days())
	}
	return out
}

// Achieved returns the lowest rate from month index from to the end, and
// the first month index from which every rate is at least target (-1
// when none).
func Achieved(rates []float64, from int, target float64) (lowest float64, reached int) {
	lowest = math.Inf(1)
	for i := max(from, 0); i < len(rates); i++ {
		lowest = math.Min(lowest, rates[i])
	}
	if math.IsInf(lowest, 1) {
		lowest = 0
	}
	reached = -1
	for i := len(rates) - 1; i >= 0 && rates[i] >= target; i-- {
		reached = i
	}
	return lowest, reached
}

// problem holds one planning run's state.
type problem struct {
	o        Options
	base     *scenario.Scenario // the input, never changed
	s        *scenario.Scenario // working copy
	start    scenario.Month
	byIdx    int // month index of By
	horizon  int // months evaluated
	aim      float64
	initial  []float64 // initial level of each capacity
	levers   []lever   // each capacity's ramp as a lever
	maxLvl   []float64 // level the maximum ramp reaches by the horizon
	evals    int
	baseCost float64
	// maxModel is the maximum plan compiled; maxRate its lowest rate
	// over the window.
	maxModel *model.Model
	maxRate  float64
}

// x is a point of the decision space: per capacity a level, a start
// month index and a pace (units added a month, within its lever), and the
// third-country slots added.
type x struct {
	level []float64
	from  []int
	pace  []float64
	third float64
}

func (p *problem) clonePoint(a x) x {
	return x{level: append([]float64(nil), a.level...), from: append([]int(nil), a.from...),
		pace: append([]float64(nil), a.pace...), third: a.third}
}

// paces returns each capacity's pace at the scenario's own (limit false)
// or at its lever's physical limit (limit true).
func (p *problem) paces(limit bool) []float64 {
	out := make([]float64, len(p.levers))
	for i, l := range p.levers {
		out[i] = l.pace.Value
		if limit {
			out[i] = l.limit
		}
	}
	return out
}

// Make plans s toward o.Target by o.By.
func Make(s *scenario.Scenario, o Options) (*Plan, error) {
	if s == nil {
		return nil, errors.New("plan: no scenario")
	}
	if !(o.Target > 0) {
		return nil, fmt.Errorf("plan: target must be a positive rate per year, got %g", o.Target)
	}
	if o.Sustain <= 0 {
		o.Sustain = 12
	}
	if o.Margin == 0 {
		o.Margin = 0.01
	}
	if o.Margin < 0 || o.Margin > 0.5 {
		return nil, fmt.Errorf("plan: margin must be between 0 and 0.5, got %g", o.Margin)
	}
	if o.MaxEvaluations <= 0 {
		o.MaxEvaluations = 250
	}
	if o.ThirdCountryMax < 0 || o.BudgetUSD < 0 {
		return nil, errors.New("plan: third-country slots and budget must not be negative")
	}
	byIdx := int(o.By - s.Start)
	if o.By == 0 || byIdx < 1 {
		return nil, fmt.Errorf("plan: the date %s must be after the scenario's start %s", o.By, s.Start)
	}
	if byIdx+o.Sustain > 600 {
		return nil, fmt.Errorf("plan: the date %s is too far after the start %s (600 months at most)", o.By, s.Start)
	}
	p := &problem{o: o, base: s, s: clone(s), start: s.Start, byIdx: byIdx, horizon: byIdx + o.Sustain, aim: o.Target * (1 + o.Margin)}
	p.s.Months = p.horizon
	for i := range Capacities {
		c := capacityOf(s, i)
		p.initial = append(p.initial, c.Initial.Value)
		p.levers = append(p.levers, leverOf(c))
	}
	// The maximum plan: every capacity's target far above reach from the
	// start, so each ramps at its limit throughout.
	maxX := p.maxPoint()
	m, err := p.compile(maxX)
	if err != nil {
		return nil, err
	}
	for i := range Capacities {
		p.maxLvl = append(p.maxLvl, math.Max(p.initial[i], m.Levels[i].Productive[p.horizon-1]))
	}
	maxX = p.maxPoint() // now with levels at maxLvl
	if p.maxModel, err = p.compile(maxX); err != nil {
		return nil, err
	}
	none := x{level: append([]float64(nil), p.initial...), from: make([]int, len(Capacities)), pace: p.paces(false)}
	if r, _, err := p.run(none); err == nil {
		p.baseCost = r.Totals.CostUSD
	} else {
		return nil, err
	}
	if p.baseCost <= 0 {
		p.baseCost = 1
	}
	from := p.byIdx
	if o.Objective == MinTime {
		from = p.earliest(maxX)
		if from < 0 {
			from = p.byIdx
		}
	}
	// When the maximum plan meets the target but not the margin above
	// it, plan for the target itself.
	if ok, _, err := p.feasible(maxX, from); err != nil {
		return nil, err
	} else if !ok {
		p.aim = o.Target
	}
	best, ok, err := p.minCost(maxX, from)
	if err != nil {
		return nil, err
	}
	if !ok {
		return p.infeasible(maxX, from)
	}
	if o.BudgetUSD > 0 {
		if o.Objective == MinTime {
			pt, f, fits, err := p.withinBudget(maxX, from)
			if err != nil {
				return nil, err
			}
			if fits {
				return p.feasiblePlan(pt, f)
			}
			// Even by the date the least-cost plan (pt) is over the
			// budget.
			best, from = pt, f
		}
		if _, cost, err := p.feasible(best, from); err != nil {
			return nil, err
		} else if cost > o.BudgetUSD {
			return p.overBudget(best, from, cost)
		}
	}
	return p.feasiblePlan(best, from)
}

// feasiblePlan slows the chosen point's surging ramps to the least pace
// that holds the aim (once, on the final choice: inside every search
// step it would multiply the flow runs) and fills in the plan.
func (p *problem) feasiblePlan(pt x, from int) (*Plan, error) {
	pt, err := p.slow(pt, from)
	if err != nil {
		return nil, err
	}
	return p.finish(pt, from, true, nil)
}

// maxPoint returns the point with every capacity at its maximum from the
// start (before maxLvl is known: far above reach).
func (p *problem) maxPoint() x {
	pt := x{from: make([]int, len(Capacities)), pace: p.paces(true), third: p.o.ThirdCountryMax}
	for i := range Capacities {
		if p.maxLvl != nil {
			pt.level = append(pt.level, p.maxLvl[i])
			continue
		}
		pt.level = append(pt.level, p.initial[i]+p.levers[i].limit*float64(p.horizon+1)*2)
	}
	return pt
}

// apply writes the point's decisions into the working scenario.
func (p *problem) apply(pt x) {
	for i := range Capacities {
		c := capacityOf(p.s, i)
		p.levers[i].set(c, pt.pace[i])
		init := p.initial[i]
		if pt.level[i] <= init*(1+1e-9) {
			c.Target = nil
			continue
		}
		lv := scenario.P(pt.level[i])
		if pt.from[i] <= 0 {
			c.Target = scenario.Schedule{{From: p.start, Value: lv}}
		} else {
			c.Target = scenario.Schedule{{From: p.start, Value: scenario.P(init)}, {From: p.start.Add(pt.from[i]), Value: lv}}
		}
	}
	p.s.ThirdCountries = append([]scenario.ThirdCountry(nil), p.base.ThirdCountries...)
	if pt.third > 0 {
		p.s.ThirdCountries = append(p.s.ThirdCountries, scenario.ThirdCountry{
			Name: "planned_agreements", MonthlyCapacity: scenario.P(pt.third), Assurances: true, From: p.start,
		})
	}
}

func (p *problem) compile(pt x) (*model.Model, error) {
	p.apply(pt)
	return model.Compile(p.s)
}

// run runs a candidate plan, recording what the search reads of it:
// each month's removals and the total cost. The cost does not include
// the surge premium (surgeUSD of the model).
func (p *problem) run(pt x) (*result.Result, *model.Model, error) {
	return p.runRecording(pt, tally.Recording{Lean: true})
}

func (p *problem) runRecording(pt x, rec tally.Recording) (*result.Result, *model.Model, error) {
	if p.o.Context != nil && p.o.Context.Err() != nil {
		return nil, nil, p.o.Context.Err()
	}
	m, err := p.compile(pt)
	if err != nil {
		return nil, nil, err
	}
	p.evals++
	return flow.RunRecording(m, rec), m, nil
}

// score returns the point's cost (the run's and the surge premium) and
// its mean relative shortfall below the aim over months from..horizon.
func (p *problem) score(pt x, from int) (cost, short float64, err error) {
	r, m, err := p.run(pt)
	if err != nil {
		return 0, 0, err
	}
	rates := MonthlyRates(r, p.start)
	for i := from; i < len(rates); i++ {
		short += math.Max(0, p.aim-rates[i]) / p.aim
	}
	return r.Totals.CostUSD + p.surgeUSD(m), short / float64(len(rates)-from), nil
}

// earliest returns the first month index from which the point's rate
// holds the aim to the horizon, or -1.
func (p *problem) earliest(pt x) int {
	r, _, err := p.run(pt)
	if err != nil {
		return -1
	}
	_, reached := Achieved(MonthlyRates(r, p.start), 0, p.aim)
	if reached > p.byIdx {
		return -1
	}
	return reached
}

func clone(s *scenario.Scenario) *scenario.Scenario {
	c := *s
	c.Countries = append([]scenario.CountryGroup(nil), s.Countries...)
	c.ThirdCountries = append([]scenario.ThirdCountry(nil), s.ThirdCountries...)
	return &c
}
