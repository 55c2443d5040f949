package agent

import (
	"cmp"
	"math"
	"slices"
	"testing"
)

// TestCountDraws checks the mean and variance of Poisson and binomial
// draws below and above largeMean against their formulas, within five
// standard errors.
func TestCountDraws(t *testing.T) {
	d := newDraws(11, 0)
	const n = 200000
	for _, c := range []struct {
		name       string
		draw       func() int64
		mean, vari float64
	}{
		{"poisson 0.3", func() int64 { return d.poisson(0.3) }, 0.3, 0.3},
		{"poisson 12", func() int64 { return d.poisson(12) }, 12, 12},
		{"poisson 400", func() int64 { return d.poisson(400) }, 400, 400},
		{"binomial 50 0.1", func() int64 { return d.binomial(50, 0.1) }, 5, 4.5},
		{"binomial 20 0.9", func() int64 { return d.binomial(20, 0.9) }, 18, 1.8},
		{"binomial 1e6 1e-4", func() int64 { return d.binomial(1e6, 1e-4) }, 100, 100 * (1 - 1e-4)},
		{"geometric 0.001", func() int64 { return int64(d.geometric(newDelay(0.001))) }, 1000, 0.999 / 1e-6},
		{"geometric 0.2", func() int64 { return int64(d.geometric(newDelay(0.2))) }, 5, 0.8 / 0.04},
	} {
		var s, s2 float64
		for range n {
			x := float64(c.draw())
			s += x
			s2 += x * x
		}
		mean := s / n
		vari := s2/n - mean*mean
		if se := math.Sqrt(c.vari / n); math.Abs(mean-c.mean) > 5*se {
			t.Errorf("%s: mean %.4f, want %.4f ± %.4f", c.name, mean, c.mean, 5*se)
		}
		if math.Abs(vari-c.vari) > 0.05*c.vari {
			t.Errorf("%s: variance %.4f, want %.4f", c.name, vari, c.vari)
		}
	}
	if d.binomial(0, 0.5) != 0 || d.binomial(7, 1) != 7 || d.poisson(0) != 0 || d.geometric(newDelay(0)) != never || d.geometric(newDelay(1)) != 1 {
		t.Error("degenerate draws wrong")
	}
}

// TestCalendar checks that refs come out at their steps, including times
// beyond the ring (overflow) and beyond the horizon (dropped).
func TestCalendar(t *testing.T) {
	const horizon = 1000
	c := newCalendar(horizon)
	want := map[int][]uint32{}
	for i, at := range []int{0, 1, 5, 31, 32, 33, 100, 513, 999, 1000, 5000} {
		c.add(0, at, ref{id: uint32(i)})
		if at < horizon {
			want[at] = append(want[at], uint32(i))
		}
	}
	for now := range horizon {
		if now == 40 {
			c.add(now, 41, ref{id: 99}) // added mid-run, inside the ring
			want[41] = append(want[41], 99)
		}
		got := c.take(now)
		if len(got) != len(want[now]) {
			t.Fatalf("step %d: %d refs, want %v", now, len(got), want[now])
		}
		for i, r := range got {
			if r.id != want[now][i] {
				t.Errorf("step %d: ref %d, want %d", now, r.id, want[now][i])
			}
		}
	}
	if len(c.far) != 0 {
		t.Errorf("%d times left in the overflow", len(c.far))
	}
}

// TestMultinomial checks that the counts sum to n, and each category's
// mean and variance are n·p and n·p(1−p), for small and large n (below
// and above largeMean per category) and with an empty category.
func TestMultinomial(t *testing.T) {
	d := newDraws(5, 1)
	const reps = 100000
	for _, c := range []struct {
		n int64
		p []float64
	}{
		{7, []float64{0.1, 0.6, 0.3}},
		{1000, []float64{0.02, 0.5, 0, 0.25, 0.23}},
	} {
		out := make([]int64, len(c.p))
		s, s2 := make([]float64, len(c.p)), make([]float64, len(c.p))
		for range reps {
			d.multinomial(c.n, c.p, out)
			total := int64(0)
			for i, x := range out {
				total += x
				s[i] += float64(x)
				s2[i] += float64(x) * float64(x)
			}
			if total != c.n {
				t.Fatalf("n %d: counts %v sum to %d", c.n, out, total)
			}
		}
		for i, p := range c.p {
			mean, vari := s[i]/reps, s2[i]/reps-(s[i]/reps)*(s[i]/reps)
			wantM, wantV := float64(c.n)*p, float64(c.n)*p*(1-p)
			if se := math.Sqrt(wantV / reps); math.Abs(mean-wantM) > 5*se+1e-12 {
				t.Errorf("n %d category %d: mean %.4f, want %.4f ± %.4f", c.n, i, mean, wantM, 5*se)
			}
			if math.Abs(vari-wantV) > 0.05*wantV+1e-12 {
				t.Errorf("n %d category %d: variance %.4f, want %.4f", c.n, i, vari, wantV)
			}
		}
	}
}

// TestShuffle checks that shuffle returns a permutation and that every
// order of four elements is equally likely (chi-square over the 24
// orders, 23 degrees of freedom: 60 is exceeded with probability about
// 3×10⁻⁵), and that longer slices (which consume both halves of a draw
// and, for odd lengths, half of one) stay permutations.
func TestShuffle(t *testing.T) {
	d := newDraws(3, 9)
	const reps = 240000
	count := map[[4]uint32]int{}
	for range reps {
		a := []ref{{id: 0}, {id: 1}, {id: 2}, {id: 3}}
		d.shuffle(a)
		count[[4]uint32{a[0].id, a[1].id, a[2].id, a[3].id}]++
	}
	if len(count) != 24 {
		t.Fatalf("%d distinct orders of 4, want 24", len(count))
	}
	chi2, want := 0.0, float64(reps)/24
	for o, c := range count {
		seen := [4]bool{}
		for _, id := range o {
			seen[id] = true
		}
		if seen != [4]bool{true, true, true, true} {
			t.Fatalf("%v is not a permutation", o)
		}
		chi2 += (float64(c) - want) * (float64(c) - want) / want
	}
	if chi2 > 60 {
		t.Errorf("chi-square %.1f over 24 orders, want under 60", chi2)
	}
	for _, n := range []int{0, 1, 2, 7, 1000} {
		a := make([]ref, n)
		for i := range a {
			a[i].id = uint32(i)
		}
		d.shuffle(a)
		seen := make([]bool, n)
		for _, r := range a {
			if seen[r.id] {
				t.Fatalf("length %d: %d twice", n, r.id)
			}
			seen[r.id] = true
		}
	}
}

// TestExp checks the ziggurat's exponential against its law: the share
// of draws above each of several points, from the thin layers near 0 to
// the tail beyond zigR, within five standard errors, and its mean.
func TestExp(t *testing.T) {
	d := newDraws(17, 2)
	const n = 2000000
	xs := []float64{0.01, 0.1, 0.5, 1, 2, 4, zigR - 0.1, zigR, 9, 11}
	above := make([]int, len(xs))
	sum := 0.0
	for range n {
		x := d.exp()
		if x < 0 {
			t.Fatalf("negative draw %v", x)
		}
		sum += x
		for i, c := range xs {
			if x > c {
				above[i]++
			}
		}
	}
	for i, c := range xs {
		want := math.Exp(-c)
		got := float64(above[i]) / n
		if se := math.Sqrt(want * (1 - want) / n); math.Abs(got-want) > 5*se {
			t.Errorf("P(E > %g) = %.6f, want %.6f ± %.6f", c, got, want, 5*se)
		}
	}
	if mean := sum / n; math.Abs(mean-1) > 5/math.Sqrt(n) {
		t.Errorf("mean %.5f, want 1", mean)
	}
}

// TestDeadlineQueue checks that clocks come out at their steps, in the
// order queued among those of a step, across the queue's compaction, also
// when one is queued earlier than the last (which the engine never does,
// see deadlineQueue), and that a step with nothing due returns nothing.
// The expected order is the pushes sorted stably by step.
func TestDeadlineQueue(t *testing.T) {
	var q deadlineQueue
	if len(q.due(5)) != 0 {
		t.Fatal("empty queue: something due")
	}
	const steps = 5000
	var pushed []timed
	push := func(at int) {
		c := timed{at: int32(at), r: ref{id: uint32(len(pushed))}}
		pushed = append(pushed, c)
		q.push(c)
	}
	var out []timed
	take := func(now int) {
		for _, c := range q.due(now) {
			if int(c.at) > now || (now < steps && int(c.at) != now) {
				t.Fatalf("step %d: clock of step %d came out", now, c.at)
			}
			out = append(out, c)
		}
	}
	for now := range steps {
		// Three clocks a step, ringing 180 steps later, two of them at
		// the same step as the next step's first; every seventh step one
		// more out of order, ringing 90 steps later.
		for j := range 3 {
			push(now + 180 + min(j, 1))
		}
		if now%7 == 0 {
			push(now + 90)
		}
		take(now)
	}
	if len(q.buf) > 4*4*181 {
		t.Errorf("queue holds %d entries for %d live: not compacted", len(q.buf), len(q.buf)-q.head)
	}
	take(math.MaxInt32) // the rest
	want := slices.Clone(pushed)
	slices.SortStableFunc(want, func(a, b timed) int { return cmp.Compare(a.at, b.at) })
	if !slices.Equal(out, want) {
		for i := range min(len(out), len(want)) {
			if out[i] != want[i] {
				t.Fatalf("clock %d out is id %d at %d, want id %d at %d", i, out[i].r.id, out[i].at, want[i].r.id, want[i].at)
			}
		}
		t.Fatalf("%d clocks out, want %d", len(out), len(want))
	}
	if len(q.due(math.MaxInt32)) != 0 {
		t.Error("drained queue: something due")
	}
}

// TestLargestRemainder checks the starting stocks' apportionment: the
// groups always sum to the count, each within one of its exact share,
// none to a group of share zero.
func TestLargestRemainder(t *testing.T) {
	for _, c := range []struct {
		name   string
		n      int64
		shares []float64
		want   []int64
	}{
		{"seven equal thirds", 7, []float64{1, 1, 1}, []int64{3, 2, 2}},
		{"halves each rounding up", 3, []float64{0.25, 0.25, 0.25, 0.25}, []int64{1, 1, 1, 0}},
		{"largest remainder wins", 10, []float64{0.14, 0.26, 0.6}, []int64{1, 3, 6}},
		{"a zero share", 5, []float64{0.5, 0, 0.5}, []int64{3, 0, 2}},
		{"unnormalised", 4, []float64{2, 6}, []int64{1, 3}},
		{"nobody", 0, []float64{0.5, 0.5}, []int64{0, 0}},
		{"no share", 5, []float64{0, 0}, []int64{0, 0}},
	} {
		got := make([]int64, len(c.shares))
		largestRemainder(c.n, c.shares, got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	// Seven groups of baseline-like shares: rounding each alone misses.
	shares := []float64{0.35, 0.25, 0.15, 0.1, 0.07, 0.05, 0.03}
	got := make([]int64, len(shares))
	for n := int64(1); n < 500; n++ {
		largestRemainder(n, shares, got)
		sum := int64(0)
		for i, x := range got {
			sum += x
			if d := float64(x) - float64(n)*shares[i]; d <= -1 || d >= 1 {
				t.Fatalf("n=%d group %d: %d for a share of %g", n, i, x, float64(n)*shares[i])
			}
		}
		if sum != n {
			t.Fatalf("n=%d: groups sum to %d", n, sum)
		}
	}
}
