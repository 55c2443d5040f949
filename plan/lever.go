package plan

import (
	"fmt"
	"math"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

// lever is what the planner may do with one capacity's ramp: the
// scenario's own pace, and the pace, lag and surge cost of its lever (the
// scenario's pace and lag, at no premium, when the scenario gives none).
type lever struct {
	pace      scenario.Param // the scenario's max_added_per_month
	lag       float64        // the scenario's lag_months
	limit     float64        // the most units a month the plan may add
	surgeLag  float64        // the lag at a pace above the scenario's
	surgeCost float64        // extra one-time cost of a unit beyond the pace
	cited     bool           // the scenario gives a lever
}

// leverOf reads capacity c's lever. The limit is at least the scenario's
// own pace (a scenario replaying history may set a pace past the lever to
// follow published levels), and the surge lag at most its own lag.
func leverOf(c *scenario.Capacity) lever {
	l := lever{pace: c.MaxAddedPerMonth, lag: c.LagMonths.Value, cited: c.Lever.Set()}
	l.limit, l.surgeLag = l.basePace(), l.lag
	if l.cited {
		l.limit = math.Max(l.limit, c.Lever.MaxAddedPerMonth.Value)
		if c.Lever.LagMonths.Set {
			l.surgeLag = math.Min(l.lag, c.Lever.LagMonths.Value)
		}
		l.surgeCost = c.Lever.SurgeAddCost.Value
	}
	return l
}

// basePace is the scenario's largest pace over its dated changes.
func (l lever) basePace() float64 {
	v := l.pace.Value
	for _, ch := range l.pace.Changes {
		v = math.Max(v, ch.Value)
	}
	return v
}

// limitName names the limit in notes.
func (l lever) limitName() string {
	if l.cited {
		return "its physical limit"
	}
	return "the scenario's pace (it gives no lever)"
}

// surging reports whether pace is above the scenario's own.
func (l lever) surging(pace float64) bool { return pace > l.pace.Value*(1+1e-9) }

// surge is the premium of adding added units in month mo: what is added
// beyond the scenario's pace that month pays the lever's surge cost.
func (l lever) surge(mo scenario.Month, added float64) float64 {
	return math.Max(0, added-l.pace.At(mo)) * l.surgeCost
}

// set writes pace into the working capacity: the scenario's pace raised to
// at least pace in every month, with the surge lag when above it.
func (l lever) set(c *scenario.Capacity, pace float64) {
	p := l.pace
	p.Value = math.Max(p.Value, pace)
	p.Changes = nil
	for _, ch := range l.pace.Changes {
		ch.Value = math.Max(ch.Value, pace)
		p.Changes = append(p.Changes, ch)
	}
	c.MaxAddedPerMonth = p
	c.LagMonths.Value = l.lag
	if l.surging(pace) {
		c.LagMonths.Value = l.surgeLag
	}
}

// surgeUSD is the premium of the units added beyond the scenario's pace
// in each month of the model's levels.
func (p *problem) surgeUSD(m *model.Model) float64 {
	total := 0.0
	for i, l := range p.levers {
		if l.surgeCost == 0 {
			continue
		}
		for mi, a := range m.Levels[i].Added {
			total += l.surge(p.start.Add(mi), a)
		}
	}
	return total
}

// slow lowers each surging capacity's pace, by bisection between the
// scenario's pace and the point's, to the least that still holds the aim
// from month index from: a slower ramp pays less premium and carries the
// units for fewer months.
func (p *problem) slow(pt x, from int) (x, error) {
	for i, l := range p.levers {
		if !l.surging(pt.pace[i]) || pt.level[i] <= p.initial[i] {
			continue
		}
		q := p.clonePoint(pt)
		q.pace[i] = l.pace.Value
		if ok, _, err := p.feasible(q, from); err != nil {
			return pt, err
		} else if ok {
			pt = q
			continue
		}
		// The point's pace holds and the scenario's does not; six halvings
		// reach 1/64 of the surge range, and finer buys little.
		pace, err := bisect(pt.pace[i], l.pace.Value, 6, func(v float64) (bool, error) {
			q := p.clonePoint(pt)
			q.pace[i] = v
			ok, _, err := p.feasible(q, from)
			return ok, err
		})
		if err != nil {
			return pt, err
		}
		pt.pace[i] = pace
	}
	return pt, nil
}

// Move is how far a lever moves in the plan: a capacity from its level
// at the start to the plan's level, built from a month at a pace within
// its physical limit, and what the move costs.
type Move struct {
	Capacity string `json:"capacity"`
	// From is the level at the start; To the plan's level (or the most
	// the ramp reaches within the horizon when it is still building),
	// first productive (within 1%) in Reached.
	From    float64 `json:"from"`
	To      float64 `json:"to"`
	Start   string  `json:"start"`
	Reached string  `json:"reached"`
	// PacePerMonth is the most units the plan adds in a month; the
	// scenario's own pace and the lever's physical limit bound it.
	PacePerMonth         float64 `json:"pace_per_month"`
	ScenarioPacePerMonth float64 `json:"scenario_pace_per_month"`
	LimitPerMonth        float64 `json:"limit_per_month"`
	// Cited reports a lever in the scenario; without one the limit is
	// the scenario's own pace.
	Cited bool `json:"cited"`
	// LagMonths is the lag at the plan's pace.
	LagMonths float64 `json:"lag_months"`
	// AtLimit reports a pace within 2% of the physical limit.
	AtLimit bool `json:"at_limit"`
	// NeededPerMonth, for a target no plan reaches, is the pace that would
	// reach it with every other constraint lifted, and BeyondLimit its
	// multiple of the physical limit; 0 when not found or not needed.
	NeededPerMonth float64 `json:"needed_per_month,omitempty"`
	BeyondLimit    float64 `json:"beyond_limit,omitempty"`
	// CostUSD is the plan's cost less the cost of the same plan without
	// this move (its units, their premium and what their added throughput
	// uses downstream: bed-days, flights, hearings); SurgeUSD is the
	// premium part.
	CostUSD  float64 `json:"cost_usd"`
	SurgeUSD float64 `json:"surge_usd"`
}

// moves returns the move of every capacity pt adds to, in Capacities
// order, each priced against pt without it.
func (p *problem) moves(pt x, m *model.Model, cost float64) ([]Move, error) {
	var out []Move
	for i, name := range Capacities {
		if pt.level[i] <= p.initial[i]*(1+1e-9) {
			continue
		}
		l := p.levers[i]
		lv := m.Levels[i]
		mv := Move{Capacity: name, From: p.initial[i], Start: p.start.Add(pt.from[i]).String(),
			ScenarioPacePerMonth: l.pace.Value, LimitPerMonth: l.limit, LagMonths: l.lag}
		for mi, a := range lv.Added {
			mv.PacePerMonth = math.Max(mv.PacePerMonth, a)
			mv.SurgeUSD += l.surge(p.start.Add(mi), a)
		}
		if l.surging(pt.pace[i]) {
			mv.LagMonths = l.surgeLag
		}
		mv.AtLimit = mv.PacePerMonth >= 0.98*l.limit
		mv.Cited = l.cited
		// The level reached: the plan's, or the most the ramp reaches
		// within the horizon when it is still building at the end.
		for _, v := range lv.Productive {
			mv.To = math.Max(mv.To, math.Min(v, pt.level[i]))
		}
		for mi, v := range lv.Productive {
			if v >= 0.99*mv.To {
				mv.Reached = p.start.Add(mi).String()
				break
			}
		}
		q := p.clonePoint(pt)
		q.level[i], q.pace[i] = p.initial[i], l.pace.Value
		without, _, err := p.score(q, p.horizon-1)
		if err != nil {
			return nil, err
		}
		mv.CostUSD = cost - without
		out = append(out, mv)
	}
	return out, nil
}

// note says a move in words.
func (mv Move) note() string {
	s := fmt.Sprintf("%s from %s to %s by %s, adding up to %s a month from %s", mv.Capacity, round(mv.From), round(mv.To), mv.Reached, round(mv.PacePerMonth), mv.Start)
	if mv.Cited {
		s += fmt.Sprintf(" (scenario's pace %s, physical limit %s", round(mv.ScenarioPacePerMonth), round(mv.LimitPerMonth))
	} else {
		s += fmt.Sprintf(" (the scenario's pace %s; no lever", round(mv.ScenarioPacePerMonth))
	}
	if mv.AtLimit {
		s += ", at the limit"
	}
	s += fmt.Sprintf("; productive after %g months), ", mv.LagMonths)
	if mv.CostUSD >= 0 {
		s += fmt.Sprintf("costing %s over the horizon", money(mv.CostUSD))
	} else {
		s += fmt.Sprintf("saving %s over the horizon (shorter detention downstream)", money(-mv.CostUSD))
	}
	if mv.SurgeUSD > 0 {
		s += fmt.Sprintf(" (%s of it surge premium)", money(mv.SurgeUSD))
	}
	return s
}
