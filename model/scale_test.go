package model

import (
	"math"
	"testing"
)

func TestScaled(t *testing.T) {
	m := &Model{
		Steps: 2, BorderPerStep: []float64{10, 20}, Beds: []float64{100, 100},
		SeatsPerFlight: 135,
		Groups:         []Group{{Name: "g", Acceptance: 0.5, TravelDocProb: 0.1, CapPerStep: []float64{math.Inf(1), 4}}},
		Levels:         []Level{{Name: "beds", Productive: []float64{100, 100}}},
		Initial:        Initial{AtLarge: 1000, DetainedDocket: 50},
		Probs:          Probs{Appeal: 0.25},
	}
	s := m.Scaled(0.1)
	checks := []struct {
		name      string
		got, want float64
	}{
		{"border", s.BorderPerStep[1], 2},
		{"beds", s.Beds[0], 10},
		{"cap", s.Groups[0].CapPerStep[1], 0.4},
		{"level", s.Levels[0].Productive[0], 10},
		{"at large", s.Initial.AtLarge, 100},
		{"docket", s.Initial.DetainedDocket, 5},
		{"seats per flight (unit, unscaled)", s.SeatsPerFlight, 135},
		{"acceptance (share, unscaled)", s.Groups[0].Acceptance, 0.5},
		{"appeal prob (unscaled)", s.Probs.Appeal, 0.25},
		{"original untouched", m.BorderPerStep[1], 20},
	}
	for _, c := range checks {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
	if !math.IsInf(s.Groups[0].CapPerStep[0], 1) {
		t.Errorf("uncapped group became capped: %v", s.Groups[0].CapPerStep[0])
	}
}
