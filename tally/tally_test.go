package tally

import (
	"cmp"
	"maps"
	"slices"
	"testing"

	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
)

// TestBinding checks the rule for the binding capacity on hand-made
// months.
func TestBinding(t *testing.T) {
	type c struct {
		used, avail, served, queue float64
	}
	tests := []struct {
		name string
		caps map[procedure.Capacity]c
		want string
	}{
		{"nothing saturated", map[procedure.Capacity]c{procedure.Officers: {50, 100, 50, 0}, procedure.Beds: {10, 100, 5, 0}}, "none"},
		{"officers saturated, no queue downstream", map[procedure.Capacity]c{procedure.Officers: {100, 100, 100, 0}, procedure.Beds: {90, 100, 90, 0}}, "officers"},
		{"saturated side stream yields to officers", map[procedure.Capacity]c{procedure.Officers: {100, 100, 100, 0}, procedure.ThirdCountrySlots: {5, 5, 5, 300}}, "officers"},
		{"saturated main stream binds", map[procedure.Capacity]c{procedure.Officers: {100, 100, 100, 0}, procedure.Beds: {100, 100, 80, 40}}, "detention_beds"},
		{"saturated without queue does not bind", map[procedure.Capacity]c{procedure.Officers: {100, 100, 100, 0}, procedure.Flights: {100, 100, 80, 0}}, "officers"},
		{"largest saturated main stream", map[procedure.Capacity]c{procedure.Officers: {100, 100, 100, 0}, procedure.Beds: {100, 100, 30, 10}, procedure.Flights: {50, 50, 50, 20}}, "flights"},
		{"officers idle, side stream saturated", map[procedure.Capacity]c{procedure.Officers: {50, 100, 50, 0}, procedure.ThirdCountrySlots: {5, 5, 5, 300}}, "third_country_slots"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a monthAcc
			var q [procedure.NumCapacities]float64
			for k, v := range tt.caps {
				a.used[k], a.avail[k], a.served[k], q[k] = v.used, v.avail, v.served, v.queue
			}
			if got := (&Tally{}).binding(&a, &q, 30); got != tt.want {
				t.Errorf("binding = %q, want %q", got, tt.want)
			}
		})
	}
}

// oneMonth is a model of one month of two steps, for tallies fed by
// hand.
func oneMonth() *model.Model {
	return &model.Model{Name: "t", Start: 2025*12 + 0, Months: 1, StepsPerDay: 1, Steps: 2,
		MonthStartStep: []int{0, 2}, Beds: []float64{10, 10}}
}

// begun returns a tally of oneMonth begun with atLarge people at large.
func begun(atLarge float64) *Tally {
	tl := New(oneMonth())
	var s Stocks
	s[procedure.AtLarge] = atLarge
	tl.Begin(s)
	return tl
}

// TestLedger checks that moves and entries keep every stock's account
// balanced and that the result reports it.
func TestLedger(t *testing.T) {
	tl := begun(100)
	tl.Fire(procedure.InteriorArrest, 10)
	tl.Fire(procedure.BorderArrested, 5)
	tl.Fire(procedure.AdmitWithOrder, 12)
	tl.EndStep()
	tl.Fire(procedure.DocumentAccepted, 12)
	tl.Fire(procedure.CapToLand, 12)
	tl.Fire(procedure.LandRemoval, 12)
	tl.RemovalTo(procedure.BorderExpedited, tl.ThirdCountryDest(), 12, 24)
	tl.EndStep()
	r := tl.Result("test")
	for st, b := range r.Ledger {
		if b.Start+b.Inflow-b.Outflow != b.End {
			t.Errorf("%s: %+v does not balance", st, b)
		}
	}
	if got := r.Ledger["arrested"]; got.Inflow != 15 || got.Outflow != 12 || got.End != 3 {
		t.Errorf("arrested: %+v, want inflow 15, outflow 12, end 3", got)
	}
	if r.Totals.Removals != 12 || r.Totals.Arrests != 10 || r.Totals.BorderApprehensions != 5 {
		t.Errorf("totals %+v", r.Totals)
	}
	if d := r.TimeToRemovalDays["border_expedited"]; d.Count != 12 || d.Mean != 2 {
		t.Errorf("time to removal %+v, want 12 removals, mean 2 days", d)
	}
	if r.Monthly[0].Detained != 0 || r.Monthly[0].Stocks["arrested"] != 3 {
		t.Errorf("month end stocks %+v", r.Monthly[0].Stocks)
	}
}

// TestFiringsHoldCounters checks that Fire's table holds every counter
// countedBy lists for each transition, in the same order.
func TestFiringsHoldCounters(t *testing.T) {
	for id := range procedure.NumTransitions {
		f := &firings[id]
		got := f.counters[:f.ncounters]
		if !slices.Equal(got, countedBy[id]) {
			t.Errorf("transition %d: firing counts %v, countedBy lists %v", id, got, countedBy[id])
		}
		from, to := procedure.Ends(id)
		if f.from != from || f.to != to || (f.pair == entry) != (from == procedure.Outside) {
			t.Errorf("transition %d: firing moves %v → %v (move %d), the network %v → %v", id, f.from, f.to, f.pair, from, to)
		}
	}
}

// TestSumByName checks that a month's cost sums its items in name
// order: 1e16 + 1 + 1 loses both ones in that order, so with the ones
// on the items named first and 1e16 on the one named last, only that
// order gives 1e16 + 2.
func TestSumByName(t *testing.T) {
	index := map[string]int{}
	for i, it := range cost.Items {
		index[it.Name] = i
	}
	names := slices.Sorted(maps.Keys(index))
	var items cost.Prices
	items[index[names[len(names)-1]]] = 1e16
	items[index[names[0]]], items[index[names[1]]] = 1, 1
	if got := sumByName(&items); got != 1e16+2 {
		t.Errorf("sum %v, want %v", got, 1e16+2)
	}
}

// TestMoves checks the index of the network's moves: every move of a
// transition has a place in a month's moves, distinct pairs distinct
// places, in (from, to) order.
func TestMoves(t *testing.T) {
	at := map[int][2]procedure.State{}
	for id := range procedure.NumTransitions {
		d := procedure.Def(id)
		if d.Entry() {
			continue
		}
		i := moveIndex[d.From][d.To]
		if i < 0 || i >= len(moveEnds) || moveEnds[i] != [2]procedure.State{d.From, d.To} || int(firings[id].pair) != i {
			t.Fatalf("transition %d (%v → %v) has move %d", id, d.From, d.To, i)
		}
		at[i] = moveEnds[i]
	}
	if len(at) != len(moveEnds) || len(moveEnds) > int(procedure.NumTransitions) || len(moveEnds) >= entry {
		t.Errorf("%d moves used of %d", len(at), len(moveEnds))
	}
	if !slices.IsSortedFunc(moveEnds, func(a, b [2]procedure.State) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	}) {
		t.Errorf("moves not in (from, to) order: %v", moveEnds)
	}
}

// TestKeepRemovalDays checks that the days from arrest to removal are
// kept only when the engine asks (the agent, whose removals are whole
// cases), so flow's results, which record unbooked removals' days through
// the shared step too, keep distributions without quantiles.
func TestKeepRemovalDays(t *testing.T) {
	m := oneMonth()
	for _, keep := range []bool{false, true} {
		tl := New(m)
		if keep {
			tl.KeepRemovalDays()
		}
		tl.RemovalCases(procedure.InteriorFinalOrder, 0, 3)
		tl.RemovalCase(procedure.InteriorFinalOrder, 2)
		got := tl.RemovalDays(procedure.InteriorFinalOrder)
		if keep && (len(got) < 3 || got[0] != 3 || got[1] != 0 || got[2] != 1) {
			t.Errorf("kept: days %v, want 3 at 0 and 1 at 2", got[:min(3, len(got))])
		}
		if !keep && got != nil {
			t.Errorf("not kept: days %v, want none", got[:min(3, len(got))])
		}
	}
}

// TestResultWithoutRoundOff feeds a tally the round-off a run of
// fractions leaves (a stock emptied by two subtractions ends a few ulps
// below zero; a use, a removal and a utilisation a hair below zero) and
// checks that no number of the result, in a field or in a map, is left
// in (−RoundOff, 0): Result puts the maps' numbers through
// WithoutRoundOff as it builds them and drops the fields' afterwards.
func TestResultWithoutRoundOff(t *testing.T) {
	for _, rec := range []Recording{{}, {Lean: true, Breakdown: true}} {
		tl := begun(1)
		tl.Record(rec)
		tl.Fire(procedure.InteriorArrest, 0.3)
		tl.Fire(procedure.AdmitWithOrder, 0.1)
		tl.Fire(procedure.AdmitWithOrder, 0.2)
		tl.Use(procedure.Judges, -1e-9, 10)
		tl.RemovalTo(procedure.BorderExpedited, tl.ThirdCountryDest(), -1e-12, 0)
		// A move's, an admission's and an entry's sums left just below
		// zero (the month's flows, the lean breakdown's admissions and
		// the month's entries).
		tl.Fire(procedure.ATDEnds, -1e-12)
		if other := procedure.Admission(procedure.InteriorCourt, false); other != procedure.AdmitWithOrder {
			tl.Fire(other, -1e-20) // less than the bed queue's own round-off
		}
		tl.Fire(procedure.NewEntry, -1e-12)
		tl.EndStep()
		tl.EndStep()
		if got := tl.Stock(procedure.Arrested); got >= 0 || got <= -result.RoundOff {
			t.Fatalf("arrested ends at %v: the test needs round-off below zero", got)
		}
		r := tl.Result("test")
		var left []float64
		roundOff := func(x float64) {
			if x < 0 && x > -result.RoundOff {
				left = append(left, x)
			}
		}
		maps := 0
		result.Numbers(r, r, func(x *float64, _ float64) { roundOff(*x) }, func(m *map[string]float64, _ map[string]float64) {
			for _, x := range *m {
				roundOff(x)
				maps++
			}
		})
		if len(left) > 0 {
			t.Errorf("%+v: round-off left in the result: %v", rec, left)
		}
		if maps == 0 {
			t.Errorf("%+v: the result has no maps to check", rec)
		}
		if u := r.Monthly[0].Utilisation["judges"]; !rec.Lean && u != 0 {
			t.Errorf("judges' utilisation %v, want 0", u)
		}
	}
}

// TestFiringBeyondNetworkMovesNothing checks that firing an id beyond
// the network (Fire has no bounds check) leaves every state's stock as
// it was.
func TestFiringBeyondNetworkMovesNothing(t *testing.T) {
	for id := int(procedure.NumTransitions); id < len(firings); id++ {
		if f := firings[id]; f.from != procedure.Outside || f.to != procedure.Outside {
			t.Fatalf("firings[%d] moves %v to %v, want Outside to Outside", id, f.from, f.to)
		}
	}
}
