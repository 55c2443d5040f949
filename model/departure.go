package model

import (
	"math"

	"github.com/removalsim/removalsim/scenario"
)

// departures sets the per-step probabilities of leaving on one's own:
// the base yearly rates (and the fine's response, on the final-order
// docket) plus the responses to enforcement intensity above its
// reference and to the stipend in force. Intensity is the month's arrest
// capacity a year over the at-large population at the start, so it
// follows the officers hired (exogenous to the run: both engines read
// the same probabilities).
func (m *Model) departures(s *scenario.Scenario, stepsPerYear float64) {
	d := &s.Departure
	fine := d.FinePerDay.Value * d.FineResponsePerDollar.Value
	pop := s.Population.AtLarge.Value
	m.AtLargeDeparturePerStep = make([]float64, m.Steps)
	m.FinalOrderDeparturePerStep = make([]float64, m.Steps)
	for mi := range s.Months {
		mo := s.Start.Add(mi)
		first, end := m.MonthStartStep[mi], m.MonthStartStep[mi+1]
		extra := d.StipendResponsePerDollar.Value * d.Stipend.At(mo)
		if pop > 0 && d.EnforcementResponse.Value > 0 {
			intensity := m.ArrestsPerStep[first] * float64(end-first) * 12 / pop
			extra += d.EnforcementResponse.Value * math.Max(0, intensity-d.EnforcementReference.Value)
		}
		a := yearlyProb(d.AtLargeRatePerYear.Value+extra, stepsPerYear)
		f := yearlyProb(d.FinalOrderRatePerYear.Value+fine+extra, stepsPerYear)
		for k := first; k < end; k++ {
			m.AtLargeDeparturePerStep[k], m.FinalOrderDeparturePerStep[k] = a, f
		}
	}
}
