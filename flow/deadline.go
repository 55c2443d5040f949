package flow

import (
	"math"

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
// limit: 6 days for 180) rather than by day: every move out of a class
// walks its cohort vector, and a vector of 181 days made flow about
// twenty times slower. A bin is released on the day its first day
// reaches the limit, so people who began later in the bin are released
// up to binDays − 1 days early, never late (the agent's per-case clocks
// release each at the limit exactly).
type postOrder struct {
	// limit is the limit in days (0: none); binDays the days a cohort
	// bin spans; a cohort vector holds bin b = ⌊d/binDays⌋ of those who
	// began on day d at b mod len(vector).
	limit, binDays int
	// ages holds the cohort vector of each class of each post-order
	// state (nil until it has held people), scaled: a cohort holds
	// ages[s][c][i] × scale[s][c] people, so that a move out of a class,
	// which takes the same fraction of every cohort, multiplies one
	// number instead of walking the vector. sums holds their totals.
	ages  [procedure.NumStates][][]float64
	scale [procedure.NumStates][]float64
	sums  [procedure.NumStates][]float64
	// day is the current day; releasing is set while the deadline
	// releases, whose moves take their cohort, not a share of each.
	day       int
	releasing bool
	// served is set, while oldestFirst moves a class on, to the class's
	// cohort vector: its moves carry the cohorts g selects, in
	// proportion to the servedX people served.
	served            []float64
	servedX, servedSc float64
	tot, g            []float64
}

func newPostOrder(limitDays, classes int) postOrder {
	po := postOrder{limit: max(0, limitDays), binDays: max(1, limitDays/30)}
	for s := procedure.TravelDocument; s.PostOrder(); s++ {
		po.ages[s] = make([][]float64, classes)
		po.scale[s] = make([]float64, classes)
		po.sums[s] = make([]float64, classes)
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

// add puts n people of class c of post-order state s into the cohort of
// the given day (negative before the run; those past the limit already
// are released on day 0).
func (po *postOrder) add(s procedure.State, c int, day int, n float64) {
	if po.limit == 0 || n == 0 {
		return
	}
	v := po.vector(s, c)
	v[po.index(po.bin(max(day, -po.limit)))] += n / po.scale[s][c]
	po.sums[s][c] += n
}

func (po *postOrder) vector(s procedure.State, c int) []float64 {
	v := po.ages[s][c]
	if v == nil {
		v = make([]float64, po.bins())
		po.ages[s][c] = v
		po.scale[s][c] = 1
	}
	return v
}

// move notes n people moving from class c of post-order state from to
// class c2 of state to (either may be outside post-order detention).
func (po *postOrder) move(from procedure.State, c int, to procedure.State, c2 int, n float64) {
	if po.limit == 0 || n == 0 || po.releasing {
		return
	}
	fromPO := from < procedure.NumStates && from.PostOrder()
	toPO := to < procedure.NumStates && to.PostOrder()
	if !fromPO {
		return // entries into TravelDocument start a cohort at the flush
	}
	if po.served != nil {
		if toPO {
			w := po.vector(to, c2)
			k := n / po.servedX * po.servedSc / po.scale[to][c2]
			for i, y := range po.served {
				w[i] += y * po.g[i] * k
			}
			po.sums[to][c2] += n
		}
		return
	}
	v, sum := po.ages[from][c], po.sums[from][c]
	if v == nil || sum <= 0 {
		return
	}
	f := min(1, n/sum)
	moved := sum * f
	if toPO {
		w := po.vector(to, c2)
		k := po.scale[from][c] * f / po.scale[to][c2]
		for i, x := range v {
			w[i] += x * k
		}
		po.sums[to][c2] += moved
	}
	po.shrink(from, c, 1-f)
	po.sums[from][c] = max(0, sum-moved)
}

// shrink multiplies every cohort of class c of state s by keep, by its
// scale; a class emptied starts afresh, and a scale grown small is
// folded back into the vector before it can underflow.
func (po *postOrder) shrink(s procedure.State, c int, keep float64) {
	v := po.ages[s][c]
	if keep <= 0 {
		clear(v)
		po.scale[s][c] = 1
		return
	}
	sc := po.scale[s][c] * keep
	if sc < 1e-100 {
		for i := range v {
			v[i] *= sc
		}
		sc = 1
	}
	po.scale[s][c] = sc
}

// releaseDeadlines releases, at the first step of a day, the post-order
// cohorts that reach the limit that day, from each class of each
// post-order state along the state's Deadline transition.
func (e *engine) releaseDeadlines(k int, now float64) {
	po := &e.po
	if po.limit == 0 || k%e.m.StepsPerDay != 0 {
		return
	}
	po.day = k / e.m.StepsPerDay
	// The bin whose first day reaches the limit today (or reached it
	// earlier in the bin's span: it is empty then, released already).
	due := po.index(po.bin(po.day - po.limit))
	po.releasing = true
	for s := procedure.TravelDocument; s.PostOrder(); s++ {
		tid := procedure.DeadlineRelease(s)
		cells := e.st[s]
		for _, c := range e.active[s] {
			v := po.ages[s][c]
			if v == nil || v[due] <= 0 {
				continue
			}
			r := v[due] * po.scale[s][c]
			v[due] = 0
			po.sums[s][c] = math.Max(0, po.sums[s][c]-r)
			if n := cells[c].n; n > 0 {
				e.enter(tid, e.pathwayOf(c), e.slotOf(c), cells[c].take(math.Min(1, r/n)))
			}
		}
	}
	po.releasing = false
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
	for _, c := range e.active[s] {
		if v := po.ages[s][c]; v != nil {
			sc := po.scale[s][c]
			for i, y := range v {
				tot[i] += y * sc
			}
		}
	}
	left := n
	for b := po.bin(po.day - po.limit); b <= po.bin(po.day) && left > 0; b++ {
		i := po.index(b)
		if tot[i] <= 0 {
			continue
		}
		take := math.Min(tot[i], left)
		g[i] = take / tot[i]
		left -= take
	}
	for _, c := range e.active[s] {
		v, cell := po.ages[s][c], &e.st[s][c]
		if v == nil || cell.n == 0 {
			continue
		}
		sc := po.scale[s][c]
		x := 0.0
		for i, y := range v {
			x += y * sc * g[i]
		}
		if x <= 0 {
			continue
		}
		po.served, po.servedX, po.servedSc = v, x, sc
		branch(c, cell.take(math.Min(1, x/cell.n)))
		po.served = nil
		for i := range v {
			v[i] -= v[i] * g[i]
		}
		po.sums[s][c] = math.Max(0, po.sums[s][c]-x)
	}
}
