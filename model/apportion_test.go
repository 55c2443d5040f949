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
}

func (s *moves) Move(t procedure.TransitionID, n float64) { s.moved[t] = append(s.moved[t], n) }

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
// removals without a book-in move from the final-order docket by air,
// then by land, each recorded on the day of arrest to the groups of its
// mode by their shares, adding up to what moved, each at zero days.
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

	unbooked := s.moved[procedure.UnbookedRemoval]
	air, land := m.UnbookedByMode(a.Unbooked, m.SeatsPerStep[0], m.LandPerStep[0])
	if len(unbooked) != 2 || unbooked[0] != air || unbooked[1] != land || air <= 0 || land <= 0 {
		t.Fatalf("moved %v without a book-in, want [%g %g] (air, then land)", unbooked, air, land)
	}
	var byMode [2]float64
	for _, x := range r.to {
		g := int(x[1])
		if procedure.Pathway(x[0]) != model.UnbookedPathway || x[3] != 0 || g >= len(m.Groups) {
			t.Fatalf("RemovalTo %v: want pathway %s, a country group and zero days", x, model.UnbookedPathway)
		}
		if m.Groups[g].NeedsFlight {
			byMode[0] += x[2]
		} else {
			byMode[1] += x[2]
		}
	}
	for i, want := range [2]float64{air, land} {
		if math.Abs(byMode[i]-want) > 1e-9*want {
			t.Errorf("mode %d: %g recorded to its groups, %g moved", i, byMode[i], want)
		}
	}
	// Their times to removal: every one of them zero days.
	want := [][]float64{{float64(model.UnbookedPathway), 0, air}, {float64(model.UnbookedPathway), 0, land}}
	if !reflect.DeepEqual(r.cases, want) {
		t.Errorf("RemovalCases %v, want %v (pathway, days, n: air, then land)", r.cases, want)
	}
}
