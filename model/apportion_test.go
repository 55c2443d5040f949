package model_test

import (
	"math"
	"reflect"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// moves is a script that also keeps what Move moved along each
// transition.
type moves struct {
	script
	moved [procedure.NumTransitions][]float64
	taken [procedure.NumTransitions][]float64
}

func (s *moves) Move(t procedure.TransitionID, n float64) { s.moved[t] = append(s.moved[t], n) }

// TakeGroup also keeps what it took of each group.
func (s *moves) TakeGroup(t procedure.TransitionID, g int, n float64) float64 {
	if s.taken[t] == nil {
		s.taken[t] = make([]float64, len(s.m.Groups))
	}
	s.taken[t][g] += n
	return s.script.TakeGroup(t, g, n)
}

// removals records the removals and arrests Step reports.
type removals struct {
	uses
	to                 [][]float64 // per RemovalTo call: pathway, group, n, ttrSum
	cases              [][]float64 // per RemovalCases call: pathway, days, n
	custodial, atLarge float64
}

func (r *removals) RemovalTo(p procedure.Pathway, dest int, n, ttrSum float64) {
	r.to = append(r.to, []float64{float64(p), float64(dest), n, ttrSum})
}
func (r *removals) RemovalCases(p procedure.Pathway, days int, n float64) {
	r.cases = append(r.cases, []float64{float64(p), float64(days), n})
}
func (r *removals) Arrests(_, _, custodial, atLarge float64) {
	r.custodial, r.atLarge = custodial, atLarge
}

// TestStepApportions checks the rules Step applies through Apportion,
// with expected numbers: a rate moves its share of the counted stock; the
// interior arrests are reported custodial by the custodial share; the
// removals without a book-in are taken from the final-order docket's
// groups by air and by land, by the groups' people on the docket whose
// country takes them back, each recorded to its group with its time on
// the docket, adding up to what was taken.
func TestStepApportions(t *testing.T) {
	m := unbookedModel(t, 0.3)
	m.CustodialPoolPerStep = nil
	s := &moves{script: script{m: m}}
	s.count[procedure.AtLarge], s.count[procedure.FinalOrder] = 1e6, 2e5
	r := &removals{}
	m.Step(s, r, 0)

	if got, want := s.moved[procedure.AtLargeDeparts], 1e6*m.AtLargeDeparturePerStep[0]; len(got) != 1 || got[0] != want {
		t.Errorf("at-large departures moved %v, want [%g]", got, want)
	}
	a := m.InteriorArrests(0, 1e6, 2e5, 0)
	total := r.custodial + r.atLarge
	if share := m.Shares.CustodialArrests; math.Abs(r.custodial-total*share) > 1e-9*total || total <= 0 {
		t.Errorf("reported %g custodial of %g arrests, want the share %g", r.custodial, total, share)
	}

	if got := s.moved[procedure.UnbookedRemoval]; len(got) != 0 {
		t.Errorf("Move moved %v without a book-in: want TakeGroup by group", got)
	}
	w := make([]float64, len(m.Groups))
	for g := range w {
		w[g] = s.CountGroup(procedure.FinalOrder, g) * m.Groups[g].Acceptance
	}
	air, land := m.UnbookedByMode(a.Unbooked, m.SeatsPerStep[0], m.LandPerStep[0], w)
	taken := s.taken[procedure.UnbookedRemoval]
	if air <= 0 || land <= 0 || taken == nil {
		t.Fatalf("removals without a book-in: air %g, land %g, taken %v: the test wants both modes", air, land, taken)
	}
	var byMode [2]float64
	recorded := make([]float64, len(m.Groups))
	for _, x := range r.to {
		g := int(x[1])
		if procedure.Pathway(x[0]) != model.UnbookedPathway || g >= len(m.Groups) || x[3] != docketDays*x[2] {
			t.Fatalf("RemovalTo %v: want pathway %s, a country group and its days on the docket", x, model.UnbookedPathway)
		}
		recorded[g] += x[2]
		if m.Groups[g].NeedsFlight {
			byMode[0] += x[2]
		} else {
			byMode[1] += x[2]
		}
	}
	for g := range recorded {
		if math.Abs(recorded[g]-taken[g]) > 1e-9*math.Max(1, taken[g]) {
			t.Errorf("group %d: %g recorded, %g taken", g, recorded[g], taken[g])
		}
		if share := taken[g] / (air + land); m.Groups[g].Acceptance > 0 && share <= 0 {
			t.Errorf("group %d: none taken", g)
		}
	}
	for i, want := range [2]float64{air, land} {
		if math.Abs(byMode[i]-want) > 1e-9*want {
			t.Errorf("mode %d: %g recorded to its groups, %g wanted", i, byMode[i], want)
		}
	}
	// Their times to removal: each group's people at their days on the
	// docket, in the order they were recorded.
	var want [][]float64
	for _, x := range r.to {
		want = append(want, []float64{float64(model.UnbookedPathway), docketDays, x[2]})
	}
	if !reflect.DeepEqual(r.cases, want) {
		t.Errorf("RemovalCases %v, want %v (pathway, days, n per group)", r.cases, want)
	}
}

// greedy is a moves script whose draw of the removals without a book-in
// puts them all on the first group with a share (as a multinomial can
// overshoot a small group), and whose groups on the docket lose those
// taken.
type greedy struct{ moves }

func (s *greedy) CountGroup(st procedure.State, g int) float64 {
	n := s.moves.CountGroup(st, g)
	if st == procedure.FinalOrder && s.taken[procedure.UnbookedRemoval] != nil {
		n -= s.taken[procedure.UnbookedRemoval][g]
	}
	return n
}

func (s *greedy) Apportion(t procedure.TransitionID, n float64, p, out []float64) {
	if t != procedure.UnbookedRemoval {
		s.moves.Apportion(t, n, p, out)
		return
	}
	clear(out)
	for i, x := range p {
		if x > 0 {
			out[i] = n
			return
		}
	}
}

// TestUnbookedOffersCapped checks that what a draw gives a group past
// its people on the docket is offered to the mode's other groups rather
// than lost: with the first group by air tiny and the draw putting every
// removal on it, the mode still removes all it wanted.
func TestUnbookedOffersCapped(t *testing.T) {
	m := unbookedModel(t, 0.3)
	first := -1
	for g := range m.Groups {
		if m.Groups[g].NeedsFlight && m.Groups[g].Acceptance > 0 {
			first = g
			break
		}
	}
	if first < 0 {
		t.Fatal("fy2025 has no group removed by air")
	}
	m.Groups[first].CaseloadShare = 1e-5
	s := &greedy{moves{script: script{m: m}}}
	s.count[procedure.AtLarge], s.count[procedure.FinalOrder] = 1e6, 2e5
	w := make([]float64, len(m.Groups))
	for g := range w {
		w[g] = s.CountGroup(procedure.FinalOrder, g) * m.Groups[g].Acceptance
	}
	a := m.InteriorArrests(0, 1e6, 2e5, 0)
	air, _ := m.UnbookedByMode(a.Unbooked, m.SeatsPerStep[0], m.LandPerStep[0], w)
	tiny := s.CountGroup(procedure.FinalOrder, first)
	if air <= 2*tiny {
		t.Fatalf("removals by air %g, group %d holds %g: the test wants the draw to overshoot it", air, first, tiny)
	}
	m.Step(s, &removals{}, 0)
	taken, byAir := s.taken[procedure.UnbookedRemoval], 0.0
	for g, x := range taken {
		if x > s.moves.CountGroup(procedure.FinalOrder, g)*(1+1e-12) {
			t.Errorf("group %d: %g taken of %g on the docket", g, x, s.moves.CountGroup(procedure.FinalOrder, g))
		}
		if m.Groups[g].NeedsFlight {
			byAir += x
		}
	}
	if math.Abs(byAir-air) > 1e-9*air {
		t.Errorf("removed %g by air, wanted %g: what group %d could not hold was lost", byAir, air, first)
	}
}
