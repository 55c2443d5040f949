package plan

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
)

// atLeast returns a predicate true at and above b, recording its calls;
// atMost one true at and below b.
func atLeast[T int | float64](b T, calls *[]T) func(T) (bool, error) {
	return func(v T) (bool, error) {
		*calls = append(*calls, v)
		return v >= b, nil
	}
}

func atMost[T int | float64](b T, calls *[]T) func(T) (bool, error) {
	return func(v T) (bool, error) {
		*calls = append(*calls, v)
		return v <= b, nil
	}
}

func TestBisectInt(t *testing.T) {
	for _, tc := range []struct {
		name     string
		yes, no  int
		steps    int
		down     bool // the predicate holds at and below b (search upwards)
		b        int
		want     int
		maxCalls int
	}{
		{name: "down: holds at no", yes: 10, no: 0, steps: maxSteps, b: 0, want: 0, maxCalls: 4},
		{name: "down: holds only at yes", yes: 10, no: 0, steps: maxSteps, b: 10, want: 10, maxCalls: 4},
		{name: "down: boundary inside", yes: 10, no: 0, steps: maxSteps, b: 7, want: 7, maxCalls: 4},
		{name: "down: boundary next to yes", yes: 10, no: 0, steps: maxSteps, b: 9, want: 9, maxCalls: 4},
		{name: "down: boundary next to no", yes: 10, no: 0, steps: maxSteps, b: 1, want: 1, maxCalls: 4},
		{name: "up: holds at no", yes: 3, no: 20, steps: maxSteps, down: true, b: 20, want: 20, maxCalls: 5},
		{name: "up: holds only at yes", yes: 3, no: 20, steps: maxSteps, down: true, b: 3, want: 3, maxCalls: 5},
		{name: "up: boundary inside", yes: 3, no: 20, steps: maxSteps, down: true, b: 11, want: 11, maxCalls: 5},
		{name: "ends equal", yes: 5, no: 5, steps: maxSteps, b: 5, want: 5, maxCalls: 0},
		{name: "neighbours, no holds", yes: 5, no: 4, steps: maxSteps, b: 4, want: 4, maxCalls: 1},
		{name: "neighbours, no fails", yes: 5, no: 4, steps: maxSteps, b: 5, want: 5, maxCalls: 1},
		{name: "negative range", yes: -2, no: -30, steps: maxSteps, b: -17, want: -17, maxCalls: 5},
		{name: "no steps", yes: 10, no: 0, steps: 0, b: 0, want: 10, maxCalls: 0},
		{name: "one step", yes: 10, no: 0, steps: 1, b: 0, want: 5, maxCalls: 1},
		{name: "wide range", yes: 1 << 40, no: 0, steps: maxSteps, b: 123456789, want: 123456789, maxCalls: 41},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls []int
			ok := atLeast(tc.b, &calls)
			if tc.down {
				ok = atMost(tc.b, &calls)
			}
			got, err := bisect(tc.yes, tc.no, tc.steps, ok)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("bisect(%d, %d) = %d, want %d (calls %v)", tc.yes, tc.no, got, tc.want, calls)
			}
			if len(calls) > tc.maxCalls {
				t.Errorf("%d calls %v, want at most %d", len(calls), calls, tc.maxCalls)
			}
			if slices.Contains(calls, tc.yes) {
				t.Errorf("called ok(yes=%d), which is known to hold: %v", tc.yes, calls)
			}
		})
	}
}

func TestBisectFloat(t *testing.T) {
	for _, tc := range []struct {
		name     string
		yes, no  float64
		steps    int
		b        float64 // the predicate holds at and above b
		want     float64
		wantCall int
	}{
		// Never true below yes: no moves up to yes, every step is tried.
		{name: "holds only at yes", yes: 1, no: 0, steps: 6, b: 1, want: 1, wantCall: 6},
		// True everywhere (at no too): the answer approaches no to within
		// the last halving, and no itself is never tried.
		{name: "holds at no", yes: 1, no: 0, steps: 6, b: 0, want: 1.0 / 64, wantCall: 6},
		// A boundary on a midpoint is found exactly.
		{name: "exact boundary", yes: 1, no: 0, steps: 14, b: 0.5, want: 0.5, wantCall: 14},
		{name: "exact boundary, deeper", yes: 1, no: 0, steps: 14, b: 0.375, want: 0.375, wantCall: 14},
		// A boundary off the grid: the answer holds and lies within one
		// last interval of it.
		{name: "boundary off grid", yes: 4000, no: 1000, steps: 6, b: 1234.5, want: 1281.25, wantCall: 6},
		{name: "no steps", yes: 2, no: 1, steps: 0, b: 1, want: 2, wantCall: 0},
		{name: "ends equal", yes: 2, no: 2, steps: 6, b: 1, want: 2, wantCall: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls []float64
			got, err := bisect(tc.yes, tc.no, tc.steps, atLeast(tc.b, &calls))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("bisect(%g, %g) = %g, want %g (calls %v)", tc.yes, tc.no, got, tc.want, calls)
			}
			if len(calls) != tc.wantCall {
				t.Errorf("%d calls %v, want %d", len(calls), calls, tc.wantCall)
			}
			if got < tc.b {
				t.Errorf("answer %g does not hold (boundary %g)", got, tc.b)
			}
			if tc.steps > 0 && tc.yes != tc.no && got-tc.b > math.Abs(tc.yes-tc.no)/math.Exp2(float64(tc.steps)) {
				t.Errorf("answer %g further than %d halvings from the boundary %g", got, tc.steps, tc.b)
			}
		})
	}
}

// TestBisectError checks that an error stops the search and comes back
// with the value that held last.
func TestBisectError(t *testing.T) {
	boom := errors.New("boom")
	n := 0
	got, err := bisect(16, 0, maxSteps, func(v int) (bool, error) {
		n++
		if n == 3 {
			return false, boom
		}
		return true, nil
	})
	if !errors.Is(err, boom) || got != 4 || n != 3 {
		t.Errorf("got %d, %v after %d calls; want 4 (8 and 4 held), boom after 3", got, err, n)
	}
	gotF, err := bisect(1.0, 0.0, 14, func(float64) (bool, error) { return false, boom })
	if !errors.Is(err, boom) || gotF != 1 {
		t.Errorf("got %g, %v; want 1, boom", gotF, err)
	}
}

// TestBisectAsLoopsItReplaced checks that bisect tries the same points
// and gives the same answers as the planner's four loops did before it
// (slow, repair, delay and withinBudget), so plans stay byte for byte.
func TestBisectAsLoopsItReplaced(t *testing.T) {
	// The float loops: lo fails, hi holds, n halvings, answer hi.
	floatLoop := func(lo, hi float64, n int, ok func(float64) bool) (float64, []float64) {
		var calls []float64
		for range n {
			mid := (lo + hi) / 2
			calls = append(calls, mid)
			if ok(mid) {
				hi = mid
			} else {
				lo = mid
			}
		}
		return hi, calls
	}
	// delay: lo holds, the latest that holds.
	latest := func(lo, hi int, ok func(int) bool) (int, []int) {
		var calls []int
		for lo < hi {
			mid := (lo + hi + 1) / 2
			calls = append(calls, mid)
			if ok(mid) {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		return lo, calls
	}
	// withinBudget: hi holds, the earliest that holds.
	earliest := func(lo, hi int, ok func(int) bool) (int, []int) {
		var calls []int
		for lo < hi {
			mid := (lo + hi) / 2
			calls = append(calls, mid)
			if ok(mid) {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		return hi, calls
	}
	for lo := 0; lo <= 12; lo++ {
		for hi := lo; hi <= 40; hi += 3 {
			for b := lo; b <= hi; b++ {
				name := fmt.Sprintf("%d..%d@%d", lo, hi, b)
				wantL, wantCallsL := latest(lo, hi, func(v int) bool { return v <= b })
				var callsL []int
				gotL, _ := bisect(lo, hi, maxSteps, atMost(b, &callsL))
				if gotL != wantL || !slices.Equal(callsL, wantCallsL) {
					t.Errorf("latest %s: %d after %v, the loop %d after %v", name, gotL, callsL, wantL, wantCallsL)
				}
				wantE, wantCallsE := earliest(lo, hi, func(v int) bool { return v >= b })
				var callsE []int
				gotE, _ := bisect(hi, lo, maxSteps, atLeast(b, &callsE))
				if gotE != wantE || !slices.Equal(callsE, wantCallsE) {
					t.Errorf("earliest %s: %d after %v, the loop %d after %v", name, gotE, callsE, wantE, wantCallsE)
				}
			}
		}
	}
	for _, c := range []struct{ lo, hi, b float64 }{{0, 1, 0.3}, {0, 1, 0.999}, {0, 1, 1e-9}, {850, 3117.7, 1999.1}, {0.1, 0.7, 0.1000001}} {
		for _, n := range []int{6, 14} {
			want, wantCalls := floatLoop(c.lo, c.hi, n, func(v float64) bool { return v >= c.b })
			var calls []float64
			got, _ := bisect(c.hi, c.lo, n, atLeast(c.b, &calls))
			if got != want || !slices.Equal(calls, wantCalls) {
				t.Errorf("%v, %d halvings: %g after %v, the loop %g after %v", c, n, got, calls, want, wantCalls)
			}
		}
	}
}
