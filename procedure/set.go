package procedure

import "math/bits"

// TransitionSet is a set of transitions, one bit each: the engines note
// which transitions a step took in one, and the tally fires them in ID
// order. It is an array of words so that the network can outgrow 64
// transitions; its methods are small enough to inline in the engines'
// loops.
type TransitionSet [(NumTransitions + 63) / 64]uint64

// Add puts t in s.
func (s *TransitionSet) Add(t TransitionID) { s[t>>6] |= 1 << (t & 63) }

// Remove takes t out of s.
func (s *TransitionSet) Remove(t TransitionID) { s[t>>6] &^= 1 << (t & 63) }

// Has reports whether t is in s.
func (s *TransitionSet) Has(t TransitionID) bool { return s[t>>6]&(1<<(t&63)) != 0 }

// Empty reports whether s has no transition.
func (s *TransitionSet) Empty() bool {
	for _, w := range s {
		if w != 0 {
			return false
		}
	}
	return true
}

// Intersect returns the transitions in both s and o.
func (s *TransitionSet) Intersect(o *TransitionSet) TransitionSet {
	var out TransitionSet
	for i := range s {
		out[i] = s[i] & o[i]
	}
	return out
}

// Pop removes the transition of lowest ID from s and returns it; false
// when s is empty. Popping until false visits s in ID order.
func (s *TransitionSet) Pop() (TransitionID, bool) {
	for i, w := range s {
		if w != 0 {
			s[i] = w & (w - 1)
			return TransitionID(i*64 + bits.TrailingZeros64(w)), true
		}
	}
	return 0, false
}
