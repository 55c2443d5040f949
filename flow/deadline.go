package flow

import (
	"math"

	"gonum.org/v1/gonum/floats"

	"github.com/removalsim/removalsim/procedure"
)

// postOrder executes the Deadline driver (procedure.Deadline): nobody is
// held after a final order longer than the post-order detention limit.
// A fluid does not follow people, so flow keeps, beside each class of
// each post-order state, its people by the day their post-order
// detention began (a cohort vector). Every move out of a post-order
// class takes the same fraction of each of its cohorts, as the move
// takes the same fraction of the class, and a move into another
// post-order class carries those cohorts along; people who enter
// post-order detention (TravelDocument, from a state before the order)
// start the day's cohort. What is left of a cohort when it reaches the
// limit is released from each class along its state's Deadline
// transition, so after each day's release everyone held began within the
// limit: the timeout mass is what would otherwise wait longer.
//
// Cohorts are kept by bins of days (binDays, about a thirtieth of the
// limit: 6 days for 180) rather than by day: every move from one
// post-order class to another walks the cohort vector it carries, and a
// vector of 181 days made flow about twenty times slower. A bin is
// released on the day its first day reaches the limit, so people who
// began later in the bin are released up to binDays − 1 days early,
// never late (the agent's per-case clocks release each at the limit
// exactly).
//
// What this costs is those walks: in baseline-2025 about 90 moves a day
// between post-order classes, each adding a 32-bin vector into another
// (moveCohorts), and the two divisions each needs; about half of a flow
// run (BenchmarkFlow10y against BenchmarkFlow10yNoLimit). Each step of
// the arithmetic is the one it was when the bins came in, so results
// do not depend on the bookkeeping's speed-ups.
type postOrder struct {
	// limit is the limit in days (0: none); binDays the days a cohort
	// bin spans; a cohort vector holds bin b = ⌊d/binDays⌋ of those who
	// began on day d at b mod len(vector).
	limit, binDays int
	// of holds the cohorts of each class of each post-order state.
	of [procedure.NumStates][]cohorts
	// day is the current day, cur its cohort's index in a vector;
	// dueBin is the last bin released (math.MinInt before the first).
	day, cur, dueBin int
	// served is set, while oldestFirst moves a class on, to the class's
	// cohort vector: its moves carry the cohorts g selects (the bins
	// listed in sel), in proportion to the servedX people served.
	served            []float64
	servedX, servedSc float64
	tot, g            []float64
	sel               []int
}

// cohorts is the post-order population of one class of one post-order
// state by bin. The vector v is nil until the class has held people and
// scaled: a cohort holds v[i] × scale people, so that a move out of the
// class, which takes the same fraction of every cohort, multiplies one
// number instead of walking the vector. sum is their total. The three
// sit together because every move reads all three.
type cohorts struct {
	v          []float64
	scale, sum float64
}

func newPostOrder(limitDays, classes int) postOrder {
	po := postOrder{limit: max(0, limitDays), binDays: max(1, limitDays/30), dueBin: math.MinInt}
	for s := procedure.TravelDocument; s.PostOrder(); s++ {
		po.of[s] = make([]cohorts, classes)
	}
	return po
}

// bin returns the bin of day (floor division: days before the run too).
func (po *postOrder) bin(day int) int {
	b := day / po.binDays
	if day%po.binDays != 0 && day < 0 {
		b--
	}
	return b
}

// bins is the length of a cohort vector: the bins from the one due
// (⌊(day − limit)/binDays⌋) to the current one.
func (po *postOrder) bins() int { return po.limit/po.binDays + 2 }

// index returns the position of bin b in a cohort vector.
func (po *postOrder) index(b int) int {
	n := po.bins()
	return ((b % n) + n) % n
}

// setDay makes day the current day, whose cohort add starts (negative
// before the run; those past the limit already are released on day 0).
func (po *postOrder) setDay(day int) {
	po.day = day
	po.cur = po.index(po.bin(max(day, -po.limit)))
}

// add puts n people of class c of post-order state s into the cohort of
// the current day.
func (po *postOrder) add(s procedure.State, c int, n float64) {
	if po.limit == 0 || n == 0 {
		return
	}
	h := &po.of[s][c]
	po.vector(h)[po.cur] += n / h.scale
	h.sum += n
}

// vector returns h's vector, made on first use.
func (po *postOrder) vector(h *cohorts) []float64 {
	if h.v == nil {
		h.v = make([]float64, po.bins())
		h.scale = 1
	}
	return h.v
}

// moveCohorts notes n people of class c moving along in (in.po), from
// the post-order class whose cohorts are in.poFrom[c] to the one whose
// cohorts are in.poTo[in.dst[c]] (none when in.poTo is nil: out of
// post-order detention). It is one function, with the shrinking of
// the cohorts left written out and the clamps as comparisons (the same
// numbers as min and max, as no NaN reaches them), because it runs for
// every move out of a post-order class, some 100 a day.
func (po *postOrder) moveCohorts(in *into, c int, n float64) {
	if n == 0 {
		return
	}
	var dst *cohorts
	if in.poTo != nil {
		dst = &in.poTo[in.dst[c]]
	}
	if po.served != nil {
		if dst != nil {
			w := po.vector(dst)
			k := n / po.servedX * po.servedSc / dst.scale
			for _, i := range po.sel {
				w[i] += po.served[i] * po.g[i] * k
			}
			dst.sum += n
		}
		return
	}
	src := &in.poFrom[c]
	v, sum := src.v, src.sum
	if v == nil || sum <= 0 {
		return
	}
	f := n / sum
	if f > 1 {
		f = 1
	}
	moved := sum * f
	if dst != nil {
		// w[i] += v[i] × k, two at a time (gonum's SSE2 loop multiplies
		// and adds apart, so each element is rounded as in Go).
		floats.AddScaled(po.vector(dst), src.scale*f/dst.scale, v)
		dst.sum += moved
	}
	// The cohorts left are multiplied by 1 − f, by the scale; a class
	// emptied starts afresh, and a scale grown small is folded back into
	// the vector before it can underflow.
	if keep := 1 - f; keep <= 0 {
		clear(v)
		src.scale = 1
	} else if sc := src.scale * keep; sc >= 1e-100 {
		src.scale = sc
	} else {
		for i := range v {
			v[i] *= sc
		}
		src.scale = 1
	}
	if left := sum - moved; left > 0 {
		src.sum = left
	} else {
		src.sum = 0
	}
}

// releaseDeadlines releases, at the first step of a day, the post-order
// cohorts that reach the limit that day, from each class of each
// post-order state along the state's Deadline transition.
func (e *engine) releaseDeadlines(k int, now float64) {
	po := &e.po
	if po.limit == 0 || k%e.m.StepsPerDay != 0 {
		return
	}
	po.setDay(k / e.m.StepsPerDay)
	// The bin whose first day reaches the limit today, or reached it
	// earlier in the bin's span: then it was released already and has
	// stayed empty (nobody joins a bin after its days: moves carry its
	// zeros, entries go to the current bin), so there is nothing to do.
	b := po.bin(po.day - po.limit)
	if b == po.dueBin {
		return
	}
	po.dueBin = b
	due := po.index(b)
	for s := procedure.TravelDocument; s.PostOrder(); s++ {
		// A state's releases go along one transition: a mover records
		// them once, with the same sums as one enter each.
		mv := e.mover(procedure.DeadlineRelease(s))
		cells, hs := e.st[s], po.of[s]
		for _, c := range e.active[s] {
			h := &hs[c]
			if h.v == nil || h.v[due] <= 0 {
				continue
			}
			r := h.v[due] * h.scale
			h.v[due] = 0
			h.sum = math.Max(0, h.sum-r)
			if n := cells[c].n; n > 0 {
				mv.move(c, cells[c].take(math.Min(1, r/n)))
			}
		}
		mv.done()
	}
	e.record(now)
}

// oldestFirst serves n people of post-order state s oldest first — the
// fluid form of the agent's first come, first served, which matters here
// because the oldest are the ones the limit would release — and hands
// each class's served people to branch, which moves them on with enter.
// The cohorts served go along with them, split over the branches in
// proportion to what each carries.
func (e *engine) oldestFirst(s procedure.State, n float64, branch func(c int, x lot)) {
	po := &e.po
	if n <= 0 {
		return
	}
	if po.limit == 0 {
		// Without cohorts, in proportion, as every other queue.
		if q := e.total(s); q > 0 {
			for _, c := range e.active[s] {
				if e.st[s][c].n != 0 {
					branch(c, e.st[s][c].take(n/q))
				}
			}
		}
		return
	}
	// g is the share of each cohort served: the oldest in full until n
	// is reached. Bins run from the one due (oldest) to the current one.
	if po.tot == nil {
		po.tot, po.g = make([]float64, po.bins()), make([]float64, po.bins())
	}
	tot, g := po.tot, po.g
	clear(tot)
	clear(g)
	hs := po.of[s]
	for _, c := range e.active[s] {
		if v := hs[c].v; v != nil {
			floats.AddScaled(tot, hs[c].scale, v)
		}
	}
	left := n
	i := po.index(po.bin(po.day - po.limit))
	for range po.bin(po.day) - po.bin(po.day-po.limit) + 1 {
		if left <= 0 {
			break
		}
		if tot[i] > 0 {
			take := math.Min(tot[i], left)
			g[i] = take / tot[i]
			left -= take
		}
		if i++; i == len(tot) {
			i = 0
		}
	}
	// sel lists the bins served (g > 0), usually a few: the loops below
	// skip the bins that a product with g = 0 would leave as they are,
	// and visit the others in the order of the vector, as a loop over
	// every bin would (the sums round alike).
	sel := po.sel[:0]
	for i, gi := range g {
		if gi > 0 {
			sel = append(sel, i)
		}
	}
	po.sel = sel
	for _, c := range e.active[s] {
		h, cell := &hs[c], &e.st[s][c]
		v := h.v
		if v == nil || cell.n == 0 {
			continue
		}
		sc := h.scale
		x := 0.0
		for _, i := range sel {
			x += v[i] * sc * g[i]
		}
		if x <= 0 {
			continue
		}
		po.served, po.servedX, po.servedSc = v, x, sc
		branch(c, cell.take(math.Min(1, x/cell.n)))
		po.served = nil
		for _, i := range sel {
			v[i] -= v[i] * g[i]
		}
		h.sum = math.Max(0, h.sum-x)
	}
}
