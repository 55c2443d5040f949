package scenario

import (
	"fmt"
	"testing"
	"time"
)

// TestMonthString checks the written-out label against fmt's
// "%04d-%02d" over the years a scenario can name and beyond.
func TestMonthString(t *testing.T) {
	for _, y := range []int{0, 1, 9, 10, 99, 100, 999, 1000, 1999, 2000, 2025, 2099, 9999, 10000, 12345} {
		for c := time.January; c <= time.December; c++ {
			m := MonthOf(y, c)
			want := fmt.Sprintf("%04d-%02d", y, int(c))
			if m == 0 {
				want = ""
			}
			if got := m.String(); got != want {
				t.Errorf("MonthOf(%d, %d).String() = %q, want %q", y, c, got, want)
			}
		}
	}
	for m := Month(-30); m < 0; m++ {
		if got, want := m.String(), fmt.Sprintf("%04d-%02d", m.Year(), int(m.Calendar())); got != want {
			t.Errorf("Month(%d).String() = %q, want %q", m, got, want)
		}
	}
}
