package sweep

import (
	"slices"
	"testing"
)

// TestSobolPointsKnown compares the first points with SciPy's
// qmc.Sobol(d, scramble=False).random(8), which uses the same direction
// numbers.
func TestSobolPointsKnown(t *testing.T) {
	got := sobolPoints(8, 3)
	want := [][]float64{
		{0, 0, 0},
		{0.5, 0.5, 0.5},
		{0.75, 0.25, 0.25},
		{0.25, 0.75, 0.75},
		{0.375, 0.375, 0.625},
		{0.875, 0.875, 0.125},
		{0.625, 0.125, 0.875},
		{0.125, 0.625, 0.375},
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("point %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestSobolPointsStratified checks the defining property of a (t, s)
// sequence in base 2 on every dimension: the first 2^m points put exactly
// one point in each interval [k/2^m, (k+1)/2^m); and the first two
// dimensions form a (0, 2)-sequence, so the first 256 points put one in
// each box of a 16 × 16 grid.
func TestSobolPointsStratified(t *testing.T) {
	const m = 10
	n := 1 << m
	pts := sobolPoints(n, maxSobolDims)
	for j := range maxSobolDims {
		seen := make([]bool, n)
		for _, p := range pts {
			k := int(p[j] * float64(n))
			if seen[k] {
				t.Fatalf("dimension %d: two of the first %d points in [%d/%d, %d/%d)", j+1, n, k, n, k+1, n)
			}
			seen[k] = true
		}
	}
	for j := 1; j < 2; j++ {
		counts := map[[2]int]int{}
		for _, p := range pts[:256] {
			counts[[2]int{int(p[0] * 16), int(p[j] * 16)}]++
		}
		for box, c := range counts {
			if c != 1 {
				t.Errorf("dimensions 1 and %d: box %v holds %d of 256 points, want 1", j+1, box, c)
			}
		}
	}
}
