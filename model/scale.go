package model

import "slices"

// Scaled returns a copy of m with every stock, inflow and capacity
// multiplied by f: the initial population, border and new-entry inflows,
// arrests, beds, seats and flights, land slots, judge and screening
// capacity, third-country slots, country caps, the custodial pool,
// capacity levels and their monthly costs, and the appropriation. Probabilities, shares, unit costs
// and the rules are unchanged, so a scaled model runs the same system at
// a fraction of its size (for tests and cross-checks of the agent engine,
// whose cost grows with the number of people). m is not modified.
func (m *Model) Scaled(f float64) *Model {
	c := *m
	mul := func(xs []float64) []float64 {
		out := slices.Clone(xs)
		for i := range out {
			out[i] *= f
		}
		return out
	}
	c.BorderPerStep = mul(m.BorderPerStep)
	c.NewEntriesPerStep = mul(m.NewEntriesPerStep)
	c.ArrestsPerStep = mul(m.ArrestsPerStep)
	if m.CustodialPoolPerStep != nil {
		c.CustodialPoolPerStep = mul(m.CustodialPoolPerStep)
		c.CustodialCostPerStep = slices.Clone(m.CustodialCostPerStep)
	}
	c.ReachablePerStep = slices.Clone(m.ReachablePerStep)
	c.CollateralPerTargeted = slices.Clone(m.CollateralPerTargeted)
	c.UnbookedPerArrest = slices.Clone(m.UnbookedPerArrest)
	c.Beds = mul(m.Beds)
	c.SeatsPerStep = mul(m.SeatsPerStep)
	c.FlightsPerStep = mul(m.FlightsPerStep)
	c.LandPerStep = mul(m.LandPerStep)
	c.JudgePerStep = mul(m.JudgePerStep)
	c.ScreenPerStep = mul(m.ScreenPerStep)
	c.ThirdAssuredPerStep = mul(m.ThirdAssuredPerStep)
	c.ThirdUnassuredPerStep = mul(m.ThirdUnassuredPerStep)
	// Shared read-only slices are cloned too, so a caller editing the
	// copy cannot reach the original.
	c.Title42Share = slices.Clone(m.Title42Share)
	c.BorderRoute = slices.Clone(m.BorderRoute)
	c.MonthStartStep = slices.Clone(m.MonthStartStep)
	c.Sources = slices.Clone(m.Sources)
	c.Rules.Injunctions = slices.Clone(m.Rules.Injunctions)
	c.Levels = make([]Level, len(m.Levels))
	for i, l := range m.Levels {
		c.Levels[i] = Level{Capacity: l.Capacity, Name: l.Name, Unit: l.Unit, Productive: mul(l.Productive), Added: mul(l.Added), Pending: mul(l.Pending)}
	}
	c.Groups = make([]Group, len(m.Groups))
	for i, g := range m.Groups {
		g.CapPerStep = mul(g.CapPerStep) // +Inf stays +Inf for f > 0
		c.Groups[i] = g
	}
	in := &c.Initial
	in.AtLarge *= f
	in.InProceedings *= f
	in.ATD *= f
	in.FinalOrders *= f
	in.StaleFinalOrders *= f
	in.DetainedWithOrder *= f
	in.DetainedDocket *= f
	c.AppropriationPerYear *= f
	return &c
}
