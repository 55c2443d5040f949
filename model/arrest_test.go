package model_test

import (
	"os"
	"testing"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// arrestModel compiles baseline-2025 for two years with the given
// officers (held at that level: no hiring target).
func arrestModel(t *testing.T, officers float64) *model.Model {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Months = 24
	s.Capacities.Officers.Initial = scenario.P(officers)
	s.Capacities.Officers.Target = nil
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	if m.CustodialPoolPerStep == nil || m.ReachablePerStep == nil || m.CollateralPerTargeted == nil {
		t.Fatal("baseline-2025 has no custodial pool, search law or collateral arrests")
	}
	return m
}

// TestInteriorArrestsShape checks the law itself: with more officers'
// capacity, arrests rise but arrests per unit of capacity fall; custodial
// transfers never exceed the pool and reach it once officers suffice; a
// smaller at-large population yields fewer at-large arrests for the same
// effort; without the new parameters, arrests are the capacity.
// The final-order docket's effort finds recent orders first, then stale
// ones, each at most at its located share.
func TestInteriorArrestsShape(t *testing.T) {
	m := arrestModel(t, 6000)
	const k = 0
	base := m.ArrestsPerStep[k]
	atLarge, fo, stale := m.Initial.AtLarge, m.Initial.FinalOrders, m.Initial.StaleFinalOrders
	if stale <= 0 || m.Probs.StaleLocateRate >= m.Probs.LocateRate {
		t.Fatalf("baseline-2025's docket does not age: %.0f stale orders, located %.3g vs %.3g a step", stale, m.Probs.StaleLocateRate, m.Probs.LocateRate)
	}
	prevTotal, prevPer := 0.0, 1e18
	for _, f := range []float64{0.25, 0.5, 1, 2, 4, 8, 16} {
		m.ArrestsPerStep[k] = base * f
		a := m.InteriorArrests(k, atLarge, fo, stale)
		per := a.Total() / m.ArrestsPerStep[k]
		if a.Total() <= prevTotal || per >= prevPer {
			t.Errorf("capacity ×%g: %.1f arrests (%.4f per unit), after %.1f (%.4f): want more arrests, fewer per unit", f, a.Total(), per, prevTotal, prevPer)
		}
		if a.Custodial > a.Pool*(1+1e-12) {
			t.Errorf("capacity ×%g: %.2f custodial transfers exceed the pool %.2f", f, a.Custodial, a.Pool)
		}
		if f >= 1 && a.Custodial < a.Pool*(1-1e-12) {
			t.Errorf("capacity ×%g: %.2f custodial transfers, below the pool %.2f although officers suffice", f, a.Custodial, a.Pool)
		}
		if a.Used > m.ArrestsPerStep[k]*(1+1e-12) {
			t.Errorf("capacity ×%g: used %.2f of %.2f", f, a.Used, m.ArrestsPerStep[k])
		}
		prevTotal, prevPer = a.Total(), per
	}
	m.ArrestsPerStep[k] = base * 4
	full, half := m.InteriorArrests(k, atLarge, fo, stale), m.InteriorArrests(k, atLarge/2, fo, stale)
	if !(half.AtLarge < full.AtLarge) {
		t.Errorf("half the at-large population: %.1f at-large arrests, not fewer than %.1f", half.AtLarge, full.AtLarge)
	}
	// With effort to spare, each part of the docket gives what can be
	// located of it, and the stale part less per person.
	m.ArrestsPerStep[k] = base * 16
	big := m.InteriorArrests(k, atLarge, fo, stale)
	if d := big.FinalOrder - fo*m.Probs.LocateRate; d*d > 1e-12 {
		t.Errorf("recent orders located %.4f, want all that can be, %.4f", big.FinalOrder, fo*m.Probs.LocateRate)
	}
	if d := big.StaleOrder - stale*m.Probs.StaleLocateRate; d*d > 1e-12 {
		t.Errorf("stale orders located %.4f, want all that can be, %.4f", big.StaleOrder, stale*m.Probs.StaleLocateRate)
	}
	if !(big.StaleOrder/stale < big.FinalOrder/fo) {
		t.Errorf("stale orders located at %.3g a person, recent ones at %.3g: want the stale lower", big.StaleOrder/stale, big.FinalOrder/fo)
	}

	// The older reading: no pool, no saturation, no collateral.
	m.CustodialPoolPerStep, m.CustodialCostPerStep, m.ReachablePerStep, m.CollateralPerTargeted = nil, nil, nil, nil
	a := m.InteriorArrests(k, atLarge, fo, stale)
	if d := a.Total() - m.ArrestsPerStep[k]; d*d > 1e-12 || a.Custodial != 0 || a.Collateral != 0 {
		t.Errorf("without the arrest parameters: %+v, want %.4f arrests in all, none custodial or collateral", a, m.ArrestsPerStep[k])
	}
}

// TestDiminishingReturnsInBothEngines runs baseline-2025 for two years
// with 3,000 to 24,000 officers in each engine (the agent at 1/300
// scale): arrests rise with officers but arrests per officer-month fall,
// and in no month do custodial transfers exceed the custodial pool.
func TestDiminishingReturnsInBothEngines(t *testing.T) {
	engines := []struct {
		name string
		run  func(*model.Model) *result.Result
	}{
		{"flow", flow.Run},
		{"agent", func(m *model.Model) *result.Result {
			r, err := agent.Run(m.Scaled(1.0/300), agent.Options{Runs: 1})
			if err != nil {
				t.Fatal(err)
			}
			return r
		}},
	}
	for _, e := range engines {
		t.Run(e.name, func(t *testing.T) {
			prevArrests, prevPer := 0.0, 1e18
			for _, officers := range []float64{3000, 6000, 12000, 24000} {
				m := arrestModel(t, officers)
				scale := 1.0
				if e.name == "agent" {
					scale = 1.0 / 300
				}
				r := e.run(m)
				arrests, officerMonths := 0.0, 0.0
				for mi, mo := range r.Monthly {
					arrests += mo.Arrests
					officerMonths += m.Level(procedure.Officers).Productive[mi] * scale
					pool := 0.0
					for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
						pool += m.CustodialPoolPerStep[k] * scale
					}
					// The agent credits whole people: at most one more than
					// the month's pool (the fraction carried in).
					if u := mo.Utilisation[procedure.CustodialPool.String()]; u*pool > pool+1 {
						t.Errorf("%g officers, %s: custodial transfers %.1f exceed the pool %.1f", officers, mo.Month, u*pool, pool)
					}
				}
				if got := r.Fired[procedure.CustodialTransfer]; got <= 0 {
					t.Errorf("%g officers: no custodial transfers", officers)
				}
				per := arrests / officerMonths
				t.Logf("%g officers: %.0f arrests, %.3f per officer-month", officers, arrests/scale, per)
				if arrests <= prevArrests || per >= prevPer {
					t.Errorf("%g officers: %.1f arrests (%.4f per officer-month) after %.1f (%.4f): want more arrests and fewer per officer", officers, arrests, per, prevArrests, prevPer)
				}
				prevArrests, prevPer = arrests, per
			}
		})
	}
}
