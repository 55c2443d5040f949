package procedure

import (
	"slices"
	"testing"
)

// TestTransitionSet adds transitions on both sides of a word boundary and
// checks membership, intersection and that Pop visits them in ID order.
func TestTransitionSet(t *testing.T) {
	ids := []TransitionID{0, 5, 63, NumTransitions - 1}
	var s TransitionSet
	if !s.Empty() {
		t.Fatal("zero set not empty")
	}
	for _, id := range slices.Backward(ids) {
		s.Add(id)
	}
	for id := range NumTransitions {
		if got, want := s.Has(id), slices.Contains(ids, id); got != want {
			t.Errorf("Has(%d) = %v, want %v", id, got, want)
		}
	}
	var o TransitionSet
	o.Add(5)
	o.Add(NumTransitions - 1)
	o.Add(7)
	in := s.Intersect(&o)
	s.Remove(5)
	var got []TransitionID
	for id, ok := in.Pop(); ok; id, ok = in.Pop() {
		got = append(got, id)
	}
	if want := []TransitionID{5, NumTransitions - 1}; !slices.Equal(got, want) {
		t.Errorf("intersection popped %v, want %v", got, want)
	}
	got = nil
	for id, ok := s.Pop(); ok; id, ok = s.Pop() {
		got = append(got, id)
	}
	if want := []TransitionID{0, 63, NumTransitions - 1}; !slices.Equal(got, want) {
		t.Errorf("popped %v, want %v", got, want)
	}
	if !s.Empty() {
		t.Error("set not empty after popping everything")
	}
}
