package model_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// script is a model.Solver that holds given queues and logs the
// primitives Step calls, with the amounts it asks for: a check of the
// step's sequence and arithmetic apart from either engine.
type script struct {
	m     *model.Model
	count [procedure.NumStates]float64
	ranks [procedure.NumRanks]float64
	free  float64
	log   []string
	sc    model.Scratch
}

func (s *script) logf(format string, a ...any) { s.log = append(s.log, fmt.Sprintf(format, a...)) }

func (s *script) Begin(k int)                      { s.logf("begin %d", k) }
func (s *script) Count(st procedure.State) float64 { return s.count[st] }

// CountGroup holds a counted stock's people by the groups' caseload
// shares.
func (s *script) CountGroup(st procedure.State, g int) float64 {
	return s.count[st] * s.m.Groups[g].CaseloadShare
}

// docketDays is the time on the docket of each person TakeGroup takes.
const docketDays = 100

func (s *script) TakeGroup(t procedure.TransitionID, g int, n float64) float64 {
	s.logf("take %d %d %g", t, g, n)
	return n * docketDays
}
func (s *script) Units(_ model.Credit, capacity float64) float64 { return capacity }
func (s *script) Spend(c model.Credit, n float64)                {}
func (s *script) Move(t procedure.TransitionID, n float64)       { s.logf("move %d %g", t, n) }
func (s *script) Scratch() *model.Scratch                        { return &s.sc }
func (s *script) Release(st procedure.State, p float64)          { s.logf("release %s", st) }
func (s *script) Lift(air, land procedure.TransitionID)          { s.logf("lift") }
func (s *script) Deadlines()                                     { s.logf("deadlines") }
func (s *script) End()                                           { s.logf("end") }
func (s *script) Arrivals(_ procedure.Source, mean float64) float64 {
	return mean
}
func (s *script) FreeBeds(beds float64) float64   { return s.free }
func (s *script) Admitted(n float64)              { s.logf("admitted %g", n) }
func (s *script) Divert(t procedure.TransitionID) { s.logf("divert %d", t) }

func (s *script) Serve(c procedure.Capacity, units float64) float64 {
	q := 0.0
	for _, st := range c.Queues() {
		q += s.count[st]
	}
	s.logf("serve %s %g", c, min(q, units))
	return min(q, units)
}

func (s *script) ServeGroup(g int, units float64, _, _ procedure.TransitionID) float64 {
	s.logf("group %d", g)
	return 0
}

func (s *script) Designate(_ procedure.TransitionID, a float64, _ procedure.TransitionID, u float64) {
	s.logf("designate %g %g", a, u)
}

func (s *script) Apportion(_ procedure.TransitionID, n float64, p, out []float64) {
	for i := range p {
		out[i] = n * p[i]
	}
}

func (s *script) Remove(t procedure.TransitionID, units float64) float64 {
	s.logf("remove %d", t)
	return 0
}

func (s *script) Split(b *model.Branches, n float64) {
	if n > 0 {
		s.logf("split %d %g", b.Decision()[0].T, n)
	}
}

func (s *script) Admit(r int, n float64) float64 {
	got := min(s.ranks[r], n)
	s.logf("admit %d %g", r, got)
	return got
}

// uses logs the capacities Step records.
type uses struct{ log []string }

func (u *uses) Use(c procedure.Capacity, used, available float64) {
	u.log = append(u.log, fmt.Sprintf("%s %g/%g", c, used, available))
}
func (u *uses) Arrests(used, capacity, custodial, atLarge float64) {}
func (u *uses) RemovalTo(procedure.Pathway, int, float64, float64) {}
func (u *uses) RemovalCases(procedure.Pathway, int, float64)       {}
func (u *uses) Admit(float64)                                      {}

// stepModel is baseline-2025 with step 0's capacities set by hand.
func stepModel(t *testing.T, judges, screens, assured, unassured float64) *model.Model {
	t.Helper()
	sc, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sc.Months = 1
	m, err := model.Compile(sc)
	if err != nil {
		t.Fatal(err)
	}
	m.JudgePerStep[0], m.ScreenPerStep[0] = judges, screens
	m.ThirdAssuredPerStep[0], m.ThirdUnassuredPerStep[0] = assured, unassured
	return m
}

// TestStepServesInOrder checks the phases' order and how each capacity
// divides among its queues: judges decide the detained first and the
// docket with what is left; asylum officers serve both screening queues
// from one capacity; assured slots go first; each bed rank in turn takes
// the beds left.
func TestStepServesInOrder(t *testing.T) {
	for _, c := range []struct {
		name                              string
		judges, screens, assured, unassur float64
		court, docket, fear, third, tcd   float64
		ranks                             [procedure.NumRanks]float64
		free                              float64
		want, wantUse                     []string
	}{
		{name: "capacity left for the docket", judges: 8, screens: 3, assured: 4, unassur: 10,
			court: 5, docket: 10, fear: 1, third: 1, tcd: 10, ranks: [3]float64{3, 4, 8}, free: 10,
			want: []string{"serve judges 5", fmt.Sprintf("split %d 3", procedure.DocketOrder), "serve asylum_officers 2",
				"designate 4 6", "admit 0 3", "admit 1 4", "admit 2 3", "admitted 10"},
			wantUse: []string{"judges 8/8", "asylum_officers 2/3", "third_country_slots 10/14"}},
		{name: "detained take every judge", judges: 4, screens: 1, assured: 20, unassur: 0,
			court: 9, docket: 10, fear: 2, third: 2, tcd: 5, ranks: [3]float64{0, 4, 8}, free: 3,
			want:    []string{"serve judges 4", "serve asylum_officers 1", "designate 5 0", "admit 0 0", "admit 1 3", "admitted 3"},
			wantUse: []string{"judges 4/4", "asylum_officers 1/1", "third_country_slots 5/20"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := stepModel(t, c.judges, c.screens, c.assured, c.unassur)
			s := &script{m: m, ranks: c.ranks, free: c.free}
			s.count[procedure.CourtQueue], s.count[procedure.InProceedings] = c.court, c.docket
			s.count[procedure.FearScreening], s.count[procedure.ThirdCountryScreening] = c.fear, c.third
			s.count[procedure.ThirdCountryDesignation] = c.tcd
			u := &uses{}
			m.Step(s, u, 0)
			var got []string
			for _, l := range s.log {
				for _, p := range []string{"serve ", fmt.Sprintf("split %d ", procedure.DocketOrder), "designate", "admit"} {
					if strings.HasPrefix(l, p) {
						got = append(got, l)
					}
				}
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("calls %q, want %q", got, c.want)
			}
			var gotUse []string
			for _, l := range u.log {
				if !strings.HasPrefix(l, "officers") && !strings.HasPrefix(l, "custodial") && !strings.HasPrefix(l, "country_caps") &&
					!strings.HasPrefix(l, "flights") && !strings.HasPrefix(l, "land") {
					gotUse = append(gotUse, l)
				}
			}
			if !slices.Equal(gotUse, c.wantUse) {
				t.Errorf("uses %q, want %q", gotUse, c.wantUse)
			}
		})
	}
}

// TestStepPhaseOrder checks the order of the phases: releases from the
// stocks as they stand at the step's start, the capacities' services,
// arrivals, then admission.
func TestStepPhaseOrder(t *testing.T) {
	for _, enjoined := range []bool{false, true} {
		m := stepModel(t, 1, 1, 1, 1)
		m.Rules.Injunctions = nil
		if enjoined {
			m.Rules.Injunctions = []procedure.Injunction{{Name: "test", ByPathway: true, Pathway: procedure.SpecialAuthority}}
		}
		s := &script{m: m}
		s.count[procedure.ThirdCountryDesignation] = 1
		m.Step(s, &uses{}, 0)
		var order []string
		for _, l := range s.log {
			f := strings.Fields(l)
			switch f[0] {
			case "release", "remove", "divert":
				order = append(order, l)
			case "lift", "deadlines", "designate", "admitted", "end":
				order = append(order, f[0])
			case "serve":
				order = append(order, f[0]+" "+f[1])
			}
		}
		want := []string{"release travel_document", "release appeal", "release detained_docket", "release notice_served", "release arrested",
			"lift", "deadlines", "serve judges", "serve asylum_officers", "designate",
			fmt.Sprintf("divert %d", procedure.FlightEnjoined), fmt.Sprintf("remove %d", procedure.FlightRemoval),
			fmt.Sprintf("divert %d", procedure.LandEnjoined), fmt.Sprintf("remove %d", procedure.LandRemoval),
			"admitted", "end"}
		if !enjoined {
			// Nothing to divert without an injunction in force.
			want = slices.DeleteFunc(want, func(x string) bool { return strings.HasPrefix(x, "divert") })
		}
		if !slices.Equal(order, want) {
			t.Errorf("enjoined %v: phases %q,\nwant %q", enjoined, order, want)
		}
	}
}
