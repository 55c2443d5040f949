package model_test

import (
	"math"
	"os"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// unbookedModel compiles fy2025 with arrests.unbooked_removal_share set
// to share from its first month (no dated change).
func unbookedModel(t *testing.T, share float64) *model.Model {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "fy2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Months = 12
	s.Arrests.UnbookedRemovalShare = scenario.P(share)
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestUnbookedRemovals checks the definition of removals without a
// detention book-in: none without the parameter; otherwise the share of
// the step's counted arrests, bounded by what is left of the final-order
// docket once its located orders are taken, and never part of the
// counted arrests themselves.
func TestUnbookedRemovals(t *testing.T) {
	off := unbookedModel(t, 0)
	if off.UnbookedPerArrest != nil || off.Rules.UnbookedRemovalShare != 0 {
		t.Fatal("a share of 0 compiled removals without a book-in")
	}
	m := unbookedModel(t, 0.3)
	if m.Rules.UnbookedRemovalShare != 0.3 {
		t.Fatalf("rules carry share %g, want 0.3", m.Rules.UnbookedRemovalShare)
	}
	in := &m.Initial
	for _, tc := range []struct {
		name       string
		finalOrder float64
	}{{"plentiful docket", in.FinalOrders}, {"small docket", 5}, {"empty docket", 0}} {
		a := m.InteriorArrests(0, in.AtLarge, tc.finalOrder, 0)
		b := off.InteriorArrests(0, in.AtLarge, tc.finalOrder, 0)
		if a.Total() != b.Total() || b.Unbooked != 0 {
			t.Errorf("%s: counted arrests %g with the share, %g without (unbooked %g): they must not change", tc.name, a.Total(), b.Total(), b.Unbooked)
		}
		want := math.Min(0.3*a.Total(), math.Max(0, tc.finalOrder-a.FinalOrder))
		if math.Abs(a.Unbooked-want) > 1e-9*math.Max(1, want) || a.Unbooked < 0 {
			t.Errorf("%s: %g removals without a book-in, want %g", tc.name, a.Unbooked, want)
		}
	}
}

// TestUnbookedRemovalsRun checks what a run does with them: they take
// seats and land slots first, so removals rise by at most what
// UnbookedRemoval moved (the detained wait when capacity binds) and
// flights and land are never used past their capacity; the counted
// arrests stay as they were, and the removals by pathway still add up to
// the removals.
func TestUnbookedRemovalsRun(t *testing.T) {
	off, on := flow.Run(unbookedModel(t, 0)), flow.Run(unbookedModel(t, 0.3))
	moved := on.Fired[procedure.UnbookedRemoval]
	if moved <= 0 || off.Fired[procedure.UnbookedRemoval] != 0 {
		t.Fatalf("UnbookedRemoval moved %g with the share, %g without", moved, off.Fired[procedure.UnbookedRemoval])
	}
	for i := range on.Monthly {
		a, b := &on.Monthly[i], &off.Monthly[i]
		if math.Abs(a.Arrests-b.Arrests) > 1e-6*b.Arrests {
			t.Errorf("%s: arrests %g vs %g: removals without a book-in changed them", a.Month, a.Arrests, b.Arrests)
		}
		for _, c := range []string{"flights", "land_removals"} {
			if u := a.Utilisation[c]; u > 1+1e-9 {
				t.Errorf("%s: %s used at %g of capacity", a.Month, c, u)
			}
		}
		sum := 0.0
		for _, v := range a.RemovalsByPathway {
			sum += v
		}
		if math.Abs(sum-a.Removals) > 1e-6*a.Removals {
			t.Errorf("%s: removals by pathway sum to %g, removals %g", a.Month, sum, a.Removals)
		}
	}
	gain := on.Totals.Removals - off.Totals.Removals
	if gain <= 0 || gain > moved*(1+1e-9) {
		t.Errorf("removals rose by %g, UnbookedRemoval moved %g: want a rise of at most that", gain, moved)
	}
}

// TestUnbookedByMode checks that removals without a book-in split by
// air and land as the groups' weights say, each at most the capacity
// given, and that the groups' shares within a mode add up to one, none
// to a group of weight zero (a country that refuses its nationals).
func TestUnbookedByMode(t *testing.T) {
	m := unbookedModel(t, 0.3)
	w := make([]float64, len(m.Groups))
	airShare, total := 0.0, 0.0
	for i, g := range m.Groups {
		w[i] = 1000 * g.CaseloadShare * g.Acceptance
		if i == len(m.Groups)-1 {
			w[i] = 0
		}
		total += w[i]
		if g.NeedsFlight {
			airShare += w[i]
		}
	}
	airShare /= total
	if airShare <= 0 || airShare >= 1 {
		t.Fatalf("fy2025's groups need a flight for %g of the caseload: the test wants both modes", airShare)
	}
	for _, tc := range []struct {
		name                string
		u, leftAir, leftLnd float64
	}{
		{"room for all", 100, 1e9, 1e9},
		{"seats bind", 100, 10, 1e9},
		{"land binds", 100, 1e9, 5},
		{"nothing left", 100, 0, 0},
		{"negative left counts as none", 100, -3, -1},
	} {
		air, land := m.UnbookedByMode(tc.u, tc.leftAir, tc.leftLnd, w)
		wantAir := math.Max(0, math.Min(tc.u*airShare, tc.leftAir))
		wantLand := math.Max(0, math.Min(tc.u*(1-airShare), tc.leftLnd))
		if math.Abs(air-wantAir) > 1e-9 || math.Abs(land-wantLand) > 1e-9 {
			t.Errorf("%s: air %g land %g, want %g and %g", tc.name, air, land, wantAir, wantLand)
		}
	}
	for _, byAir := range []bool{false, true} {
		sum := 0.0
		shares := make([]float64, len(m.Groups))
		m.UnbookedGroups(byAir, w, shares)
		for i, p := range shares {
			if p > 0 && (m.Groups[i].NeedsFlight != byAir || w[i] == 0) {
				t.Errorf("group %s (needs flight %v) has share %g by air=%v", m.Groups[i].Name, m.Groups[i].NeedsFlight, p, byAir)
			}
			sum += p
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("by air=%v: group shares sum to %g", byAir, sum)
		}
	}
}
