package model

import (
	"math"

	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// Arrests are one step's interior arrests, expected numbers of people, by
// where they come from (see InteriorArrests).
type Arrests struct {
	// Custodial are transfers from cooperating jails (CustodialTransfer),
	// taken from the at-large population.
	Custodial float64
	// FinalOrder are people located on the final-order docket's recent
	// orders (FinalOrderLocated), and StaleOrder on its stale ones
	// (StaleOrderLocated).
	FinalOrder, StaleOrder float64
	// AtLarge are the targets of at-large operations found in the
	// at-large population (InteriorArrest and ArrestToATD).
	AtLarge float64
	// Collateral are people arrested with the targets (CollateralArrest),
	// from the at-large population.
	Collateral float64
	// Unbooked are people on the final-order docket removed without a
	// detention book-in (UnbookedRemoval): not arrests the tally counts,
	// and not in Total.
	Unbooked float64
	// Pool is the step's custodial pool (0 without one).
	Pool float64
	// Used is the officers' capacity used (in ArrestsPerStep's units):
	// processing custodial transfers, and searching.
	Used float64
}

// Total is the number arrested.
func (a *Arrests) Total() float64 {
	return a.Custodial + a.FinalOrder + a.StaleOrder + a.AtLarge + a.Collateral
}

// InteriorArrests returns step k's interior arrests given the at-large
// population and the final-order docket (its recent and stale orders) at
// the time. It is the one
// definition of how officers' time becomes arrests; flow takes its
// numbers, the agent credits them in whole people.
//
// Officers process custodial transfers first, the cheapest arrests, up to
// the custodial pool (removable people booked into cooperating jails;
// more officers cannot raise it). Their remaining capacity goes to
// at-large operations: the share aimed at the final-order docket finds at
// most the part of the docket that can be located — recent orders first,
// then stale ones, located at a lower rate — and the rest searches
// the at-large population, where an effort worth K arrests with plentiful
// leads finds R × (1 − exp(−K/R)) of the R people reachable in the step
// (random search): arrests per officer fall as officers are added and as
// the population shrinks. Collateral arrests accompany the targeted ones.
// A scenario without these parameters gets K (no saturation) and no
// custodial or collateral arrests, the older reading.
func (m *Model) InteriorArrests(k int, atLarge, finalOrder, stale float64) Arrests {
	capacity := m.ArrestsPerStep[k]
	var a Arrests
	if m.CustodialPoolPerStep != nil {
		a.Pool = m.CustodialPoolPerStep[k]
		cost := m.CustodialCostPerStep[k]
		c := min(a.Pool, atLarge)
		if cost > 0 {
			c = min(c, capacity/cost)
		}
		a.Custodial = c
		a.Used = c * cost
		capacity = max(0, capacity-a.Used)
		atLarge -= c
	}
	effort := capacity * m.Shares.FinalOrderEffort
	a.FinalOrder = min(effort, finalOrder*m.Probs.LocateRate)
	a.StaleOrder = min(effort-a.FinalOrder, stale*m.Probs.StaleLocateRate)
	capacity -= a.FinalOrder + a.StaleOrder
	a.Used += a.FinalOrder + a.StaleOrder
	switch {
	case atLarge <= 0:
	case m.ReachablePerStep == nil:
		a.AtLarge = min(capacity, atLarge)
		a.Used += a.AtLarge
	case m.ReachablePerStep[k] <= 0:
		// No saturation this month.
		a.AtLarge = min(capacity, atLarge)
		a.Used += a.AtLarge
	default:
		r := m.ReachablePerStep[k] * atLarge
		a.AtLarge = min(-r*math.Expm1(-capacity/r), atLarge)
		// Searching takes the officers' whole time, whatever it finds.
		a.Used += capacity
	}
	if t := a.FinalOrder + a.StaleOrder + a.AtLarge; t > 0 && m.CollateralPerTargeted != nil {
		a.Collateral = min(t*m.CollateralPerTargeted[k], atLarge-a.AtLarge)
	}
	if m.UnbookedPerArrest != nil {
		a.Unbooked = min(a.Total()*m.UnbookedPerArrest[k], max(0, finalOrder-a.FinalOrder))
	}
	return a
}

// Reported returns the arrests taken from custody (jails) and those made
// at large, as the tally counts them: the custodial transfers when the
// scenario has a custodial pool, otherwise the scenario's reported
// custodial share of all arrests.
func (m *Model) Reported(a *Arrests) (custodial, atLarge float64) {
	if m.CustodialPoolPerStep != nil {
		return a.Custodial, a.FinalOrder + a.StaleOrder + a.AtLarge + a.Collateral
	}
	t := a.Total()
	return t * m.Shares.CustodialArrests, t * (1 - m.Shares.CustodialArrests)
}

// compileArrests compiles the custodial pool, the search law and
// collateral arrests of s.Arrests into per-step series; each stays nil
// when the scenario does not set it or sets it to zero in every month.
func (m *Model) compileArrests(s *scenario.Scenario, perStep func(func(mi int, mo scenario.Month) float64) []float64) {
	a := &s.Arrests
	pool := func(mo scenario.Month) float64 {
		return a.RemovableBookingsPerMonth.At(mo) * a.CooperationShare.At(mo)
	}
	any := false
	for mi := range m.Months {
		any = any || pool(s.Start.Add(mi)) > 0
	}
	if any {
		m.CustodialPoolPerStep = perStep(func(_ int, mo scenario.Month) float64 { return pool(mo) })
		// A transfer's officer time in units of ArrestsPerStep: officer-
		// months × arrests per officer-month at the norm productivity
		// (productivity scales both, so it cancels).
		m.CustodialCostPerStep = make([]float64, m.Steps)
		for mi := range m.Months {
			mo := s.Start.Add(mi)
			v := a.CustodialOfficerMonths.At(mo) * a.PerOfficerMonth.At(mo)
			for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
				m.CustodialCostPerStep[k] = v
			}
		}
		m.Rules.CustodialTransfers = true
	}
	if a.ReachableShare.Value+maxChange(a.ReachableShare) > 0 {
		m.ReachablePerStep = make([]float64, m.Steps)
		for mi := range m.Months {
			steps := float64(m.MonthStartStep[mi+1] - m.MonthStartStep[mi])
			v := a.ReachableShare.At(s.Start.Add(mi)) / steps
			for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
				m.ReachablePerStep[k] = v
			}
		}
	}
	if a.CollateralShare.Value+maxChange(a.CollateralShare) > 0 {
		m.CollateralPerTargeted = make([]float64, m.Steps)
		for mi := range m.Months {
			c := a.CollateralShare.At(s.Start.Add(mi))
			m.Rules.CollateralShare = max(m.Rules.CollateralShare, c)
			// Everyone collateral (a share of 1) is bounded by the
			// at-large population, not by a ratio.
			v := math.Inf(1)
			if c < 1 {
				v = c / (1 - c)
			}
			for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
				m.CollateralPerTargeted[k] = v
			}
		}
	}
}

// compileUnbooked compiles arrests.unbooked_removal_share into a
// per-step ratio of removals without a detention book-in to counted
// arrests; it stays nil when the scenario sets none in any month.
func (m *Model) compileUnbooked(s *scenario.Scenario) {
	u := s.Arrests.UnbookedRemovalShare
	if u.Value+maxChange(u) <= 0 {
		return
	}
	m.UnbookedPerArrest = make([]float64, m.Steps)
	for mi := range m.Months {
		v := u.At(s.Start.Add(mi))
		m.Rules.UnbookedRemovalShare = max(m.Rules.UnbookedRemovalShare, v)
		for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
			m.UnbookedPerArrest[k] = v
		}
	}
}

// compileDocket splits the final-order docket into recent and stale
// orders when the scenario sets arrests.order_staleness_years.
func (m *Model) compileDocket(s *scenario.Scenario) {
	a := &s.Arrests
	if a.OrderStalenessYears.Value <= 0 {
		return
	}
	stepsPerYear := 365 * float64(m.StepsPerDay)
	m.Probs.OrderAging = yearlyProb(1/a.OrderStalenessYears.Value, stepsPerYear)
	m.Probs.StaleLocateRate = yearlyProb(a.StaleLocatedSharePerYear.Value, stepsPerYear)
	in := &m.Initial
	in.StaleFinalOrders = in.FinalOrders * a.InitialStaleShare.Value
	in.FinalOrders -= in.StaleFinalOrders
	m.Rules.StaleOrders = true
}

// maxChange is the largest value among p's dated changes (0 without).
func maxChange(p scenario.Param) float64 {
	v := 0.0
	for _, c := range p.Changes {
		v = max(v, c.Value)
	}
	return v
}

// InteriorBy returns how arrests along tid (InteriorArrest,
// CustodialTransfer or CollateralArrest) split over pathways on a day
// whose split of interior arrests (Interior) is in: as in, with tid as
// the arrest's transition (the people taken from jails and those found
// with a target are at large until then too).
func InteriorBy(in [4]Branch, tid procedure.TransitionID) [4]Branch {
	b := in
	for i := range b {
		if b[i].T == procedure.InteriorArrest {
			b[i].T = tid
		}
	}
	return b
}

// UnbookedGroups sets out to the share of each country group among the
// removals without a detention book-in by air (byAir) or by land: the
// groups' weights w (each group's people on the final-order docket
// times its acceptance: see Step's removeUnbooked), normalised within
// the mode (all zero when no group of the mode has weight).
func (m *Model) UnbookedGroups(byAir bool, w, out []float64) {
	t := 0.0
	for i := range m.Groups {
		out[i] = 0
		if m.Groups[i].NeedsFlight == byAir {
			out[i] = w[i]
			t += w[i]
		}
	}
	for i := range out {
		if t > 0 {
			out[i] /= t
		}
	}
}

// UnbookedByMode splits u removals without a detention book-in (their
// expected number, Arrests.Unbooked) into those by air and by land, by
// the groups' weights w (as UnbookedGroups), each at most the step's
// capacity of its mode (seats, land slots; Step's removeUnbooked): a
// removal from a hold room still needs a seat or a slot, so no plan gets
// removals past the flights and land capacity it pays for.
func (m *Model) UnbookedByMode(u, seats, slots float64, w []float64) (air, land float64) {
	t := 0.0
	for i := range m.Groups {
		t += w[i]
		if m.Groups[i].NeedsFlight {
			air += w[i]
		} else {
			land += w[i]
		}
	}
	if t <= 0 {
		return 0, 0
	}
	return min(u*air/t, max(0, seats)), min(u*land/t, max(0, slots))
}
