package flow

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"

	"github.com/removalsim/removalsim/procedure"
)

// postOrder executes the Deadline driver (procedure.Deadline): nobody is
// held after a final order longer than the post-order detention limit.
// A fluid does not follow people, so flow keeps, beside each class of
// each post-order state, how its people divide by the day their
// post-order detention began (their cohorts). Every move out of a
// post-order class takes the same fraction of each of its cohorts, as
// the move takes the same fraction of the class, and a move into another
// post-order class carries those cohorts along; people who enter
// post-order detention (TravelDocument, from a state before the order)
// start the cohort of the day they enter, in whichever phase of its
// steps, as the agent starts a case's clock on the step it enters
// (noted when their class is next left, see leave, or the day's bin
// changes, see newDay). What is left of a cohort when it reaches the
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
// A class's cohorts are kept as shares of its cell (see cohorts), not
// as numbers of people: a move out of a class, which takes the same
// fraction of every cohort, leaves the shares as they are, so it costs
// nothing here, whether it empties the class or not, and leads into a
// post-order class or out of post-order detention (removal, release).
// What costs is a move into a post-order class that holds people: its
// shares become the mix of its own and the newcomers' (one pass over a
// vector, mix); into an empty class the newcomers' shares are copied
// (or handed over, when the class they leave is emptied along that one
// move: moveWhole). place does this for every move between post-order
// classes.
// The shares are exact for every class at all times: the people in a
// cohort are the cell's people times its share, so nothing drifts
// between the cohorts and the cells they describe.
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
	// cohort weights: its moves carry the cohorts g selects (the bins
	// listed in sel), whose weights add up to servedW.
	served  []float64
	servedW float64
	g       []float64
	sel     []int
	// whole is set while moveWhole moves a class on: its cohorts are
	// handed over, not copied, into an empty class.
	whole bool
	// chainOut is releaseDeadlines' people leaving the chain, by
	// pathway.
	chainOut [procedure.NumPathways]lot
	// known is, by class of TravelDocument, the people its cohorts
	// account for (see leave).
	known []float64
}

// cohorts divides the people of one class of one post-order state by
// bin: bin i holds the share w[i]/sum of the class's cell. The weights
// are not normalised, so that a join adds one vector scaled by one
// number; sum is their total (kept within (1e-100, 1e100) by
// normalising, see fold). w is nil until the class has held people;
// while the cell is empty it is nil or stale (moveWhole swaps vectors,
// handing the emptied class the destination's old one) and means
// nothing.
type cohorts struct {
	w   []float64
	sum float64
}

func newPostOrder(limitDays, classes int) postOrder {
	po := postOrder{limit: max(0, limitDays), binDays: max(1, limitDays/30), dueBin: math.MinInt}
	for s := procedure.TravelDocument; s.PostOrder(); s++ {
		po.of[s] = make([]cohorts, classes)
	}
	po.known = make([]float64, classes)
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
// In a run it changes at the start of the day (newDay).
func (po *postOrder) setDay(day int) {
	po.day = day
	po.cur = po.index(po.bin(max(day, -po.limit)))
}

// cohortMove is what a move along a transition between post-order
// states does to the cohorts of one class (see into.co): from's are
// the class's, to's its destination's.
type cohortMove struct{ from, to *cohorts }

// negligible reports whether have people are too few beside n joining
// them to count: their shares would vanish in the sum's rounding (and
// n/have could overflow), so the class takes the newcomers' shares.
func negligible(have, n float64) bool { return have <= n*0x1p-60 }

// start notes n people entering post-order detention now in class c
// of TravelDocument, which holds have people (see add); it does
// nothing without a limit.
func (po *postOrder) start(c int, have, n float64) {
	if po.limit > 0 {
		po.add(&po.of[procedure.TravelDocument][c], have, n)
		po.known[c] = have + n
	}
}

// leave notes that class c of TravelDocument, which held n people, holds
// left after a move out, before the moves out take its cohorts along.
// The people who entered it since the last move out (n less those the
// cohorts knew of) start the current cohort first. Entries are noted
// so, when their class is next left or the current cohort changes
// (newDay), rather than one by one: some 50 orders a day join
// the travel documents' classes, and each took a pass through place and
// add; all entries between two such points go to one cohort, and adding
// them up first gives the same shares. Every move out of TravelDocument
// (Release's, the deadline's) calls leave;
// TestTravelDocumentLeftOnlyByLeave checks there is no other.
func (po *postOrder) leave(c int, n, left float64) {
	if in := n - po.known[c]; in > 0 && po.limit > 0 {
		po.add(&po.of[procedure.TravelDocument][c], po.known[c], in)
	}
	po.known[c] = left
}

// add notes n people joining class h, which holds have people, in the
// current cohort: they entered post-order detention (see leave).
func (po *postOrder) add(h *cohorts, have, n float64) {
	if n <= 0 {
		return
	}
	if h.w == nil || negligible(have, n) {
		po.only(h, po.cur)
		return
	}
	k := n / have * h.sum
	h.w[po.cur] += k
	if h.sum += k; h.sum >= 1e100 {
		h.fold()
	}
}

// only gives h's people all to the cohort at index i.
//
//go:noinline
func (po *postOrder) only(h *cohorts, i int) {
	if h.w == nil {
		h.w = make([]float64, po.bins())
	} else {
		clear(h.w)
	}
	h.w[i], h.sum = 1, 1
}

// A move from one post-order class to another (place, some 90 a day
// in baseline-2025) joins n people from the class whose cohorts are
// src to class dst, which holds have people: dst's shares become the
// mix of its own and src's, src's own when dst is empty (copyOf) or
// mixed in (mix); the people oldestFirst serves carry the cohorts it
// selects (joinServed). place chooses among the three itself: as a
// function of its own, the choice cost 1.1% of BenchmarkFlow10y's
// instructions in calls.

// copyOf gives dst, an empty class (or one whose people are negligible
// beside those joining it), src's shares: src's vector itself when src
// is left empty and read no more (whole, see moveWhole), else a copy.
func (dst *cohorts) copyOf(src *cohorts, whole bool) {
	switch {
	case whole:
		dst.w, src.w = src.w, dst.w
	case dst.w == nil:
		dst.w = slices.Clone(src.w)
	default:
		copy(dst.w, src.w)
	}
	dst.sum = src.sum
}

// mix mixes src's shares, of n people, into dst's, of have people.
func (dst *cohorts) mix(have float64, src *cohorts, n float64) {
	// w[i] += v[i] × k, two at a time (gonum's SSE2 loop).
	k := n / have * dst.sum
	floats.AddScaled(dst.w, k/src.sum, src.w)
	if dst.sum += k; dst.sum >= 1e100 {
		dst.fold()
	}
}

// moveWhole is mv.move for all the people of class c, whose cell is
// cl: it empties the cell, so nothing reads the class's cohorts before
// it holds people again (it takes them itself, so that no caller can
// hand over the cohorts of a class it leaves people in). Into an empty
// post-order class the cohorts are handed over rather than copied (see
// copyOf): some 19 of the 48 copies a step in baseline-2025 (the
// country queues of groups below their cap, served whole).
func (mv *mover) moveWhole(c int, cl *cell) {
	po := &mv.e.po
	po.whole = true
	mv.move(c, cl.take(1))
	po.whole = false
}

// joinServed joins the people oldestFirst serves: they carry the
// cohorts g selects of the class served (po.served).
func (po *postOrder) joinServed(dst *cohorts, have, n float64) {
	if n <= 0 {
		return
	}
	v, sel, g := po.served, po.sel, po.g
	if dst.w == nil || negligible(have, n) {
		if dst.w == nil {
			dst.w = make([]float64, po.bins())
		} else {
			clear(dst.w)
		}
		for _, i := range sel {
			dst.w[i] = v[i] * g[i]
		}
		dst.sum = po.servedW
		return
	}
	k := n / have * dst.sum
	kw := k / po.servedW
	for _, i := range sel {
		dst.w[i] += v[i] * g[i] * kw
	}
	if dst.sum += k; dst.sum >= 1e100 {
		dst.fold()
	}
}

// fold normalises h's weights when their sum has grown (or shrunk) far
// enough to risk overflow or underflow: every join multiplies it by
// (have + n)/have, and releases take from it.
func (h *cohorts) fold() {
	if h.sum <= 0 {
		return
	}
	r := 1 / h.sum
	for i := range h.w {
		h.w[i] *= r
	}
	h.sum = 1
}

// newDay makes day the current day at the start of its first step
// (Begin), so that everyone who enters post-order detention on day d
// starts day d's cohort, whichever phase of the day's steps they enter
// in, as the agent starts a case's clock on the step it enters. The
// travel documents' entries not yet noted (see leave) came before:
// they go to the current cohort before it changes, once in binDays
// days.
func (e *engine) newDay(day int) {
	po := &e.po
	if po.limit == 0 || day == po.day {
		return
	}
	if po.index(po.bin(max(day, -po.limit))) != po.cur {
		td := e.st[procedure.TravelDocument]
		for _, c := range e.active[procedure.TravelDocument] {
			if n := td[c].n; n != po.known[c] {
				po.leave(c, n, n)
			}
		}
	}
	po.setDay(day)
}

// releaseDeadlines releases the post-order cohorts that reach the limit
// today, from each class of each post-order state along the state's
// Deadline transition. model.Step calls it after phase 1 of every step;
// the day's first releases (the others find the bin due released).
func (e *engine) releaseDeadlines() {
	po := &e.po
	if po.limit == 0 {
		return
	}
	// The bin whose first day reaches the limit today, or reached it
	// earlier in the bin's span (or earlier today): then it was
	// released already and has stayed empty (nobody joins a bin after
	// its days: joins carry its zeros, entries go to the current bin),
	// so there is nothing to do.
	b := po.bin(po.day - po.limit)
	if b == po.dueBin {
		return
	}
	po.dueBin = b
	due := po.index(b)
	// The chain's people released leave it once per pathway, after all
	// its states' releases: every state's go to the same cells (the
	// final-order docket's, by the chain's group mix), and the mix is
	// the same for each in exact arithmetic (see chainTake), so one
	// split of their sum does what one split per class did, up to
	// rounding (TestDeadlineReleasesMeet checks the transitions meet).
	out := &po.chainOut
	for s := procedure.TravelDocument; s.PostOrder(); s++ {
		// A state's releases go along one transition: a mover records
		// them once, with the same sums as one enter each.
		mv := e.mover(procedure.DeadlineRelease(s))
		cells, hs := e.st[s], po.of[s]
		for _, c := range e.active[s] {
			n := cells[c].n
			if n == 0 {
				continue
			}
			if h := &hs[c]; h.w != nil && h.w[due] > 0 {
				if s == procedure.TravelDocument && n != po.known[c] {
					// Today's entries so far join today's cohort
					// first (see leave).
					po.leave(c, n, n)
				}
				x := cells[c].take(h.takeBin(due))
				if s == procedure.TravelDocument {
					po.known[c] = cells[c].n
				}
				if e.pooled(c) && x.n != 0 {
					out[e.classPathway[c]].add(x)
					mv.count(x)
				} else {
					mv.move(c, x)
				}
			}
		}
		mv.done()
	}
	in := &e.into[procedure.DeadlineRelease(procedure.TravelDocument)]
	for p, x := range out {
		if x.n != 0 {
			e.leaveChain(in, e.cls(procedure.Pathway(p), 0, kindThird), x)
			out[p] = lot{}
		}
	}
}

// takeBin takes the cohort at index i from h's weights and returns the
// share of the class it held: the bin's weight over all the weights
// (the others' sum worked out by less), so that a class that held this
// bin only gives 1, to the last digit.
func (h *cohorts) takeBin(i int) float64 {
	r := h.w[i]
	h.w[i] = 0
	return r / (r + h.less(r))
}

// cancels reports whether left, a sum less what was taken from it,
// kept too few of sum's digits to be kept (see less).
func cancels(sum, left float64) bool { return left <= sum*(1.0/1024) }

// less notes that weights adding up to x were taken from h's. When
// most of the weight went, the sum left is added up afresh rather than
// subtracted, whose rounding could leave a share that was all of a
// class a little short of it or, with nothing left, a sum of rounding
// dust. It returns the sum left in the weights' scale before the
// fold (when the sum left is tiny, fold rescales them).
func (h *cohorts) less(x float64) float64 {
	left := h.sum - x
	if cancels(h.sum, left) {
		left = 0
		for _, wi := range h.w {
			left += wi
		}
	}
	if h.sum = left; h.sum < 1e-100 {
		h.fold()
	}
	return left
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
	// is reached, from the bin due (oldest) to the current one; sel
	// lists the bins served, usually one or two. A bin's people in the
	// state are added up only when it is reached (class by class, the
	// sums that adding the whole vectors up gave).
	if po.g == nil {
		po.g = make([]float64, po.bins())
	}
	g, sel := po.g, po.sel
	for _, i := range sel {
		g[i] = 0
	}
	sel = sel[:0]
	hs, cells := po.of[s], e.st[s]
	left := n
	i := po.index(po.bin(po.day - po.limit))
	for range po.bin(po.day) - po.bin(po.day-po.limit) + 1 {
		if left <= 0 {
			break
		}
		tot := 0.0
		for _, c := range e.active[s] {
			if n := cells[c].n; n != 0 && hs[c].w != nil {
				tot += n / hs[c].sum * hs[c].w[i]
			}
		}
		if tot > 0 {
			take := math.Min(tot, left)
			g[i] = take / tot
			left -= take
			sel = append(sel, i)
		}
		if i++; i == len(g) {
			i = 0
		}
	}
	// In the order of the vector, as the loops below always took them.
	slices.Sort(sel)
	po.sel = sel
	for _, c := range e.active[s] {
		h, cell := &hs[c], &cells[c]
		w := h.w
		if cell.n == 0 || w == nil {
			continue
		}
		x, left := h.toServe(g, sel)
		if x <= 0 {
			continue
		}
		// The share served is x over x and what is left, 1 to the
		// last digit when nothing is.
		po.served, po.servedW = w, x
		branch(c, cell.take(x/(x+left)))
		po.served = nil
		h.served(g, sel, left)
	}
}

// toServe returns the weight x of h's cohorts that the shares g of the
// bins in sel serve, and the weight left (worked out as less does).
func (h *cohorts) toServe(g []float64, sel []int) (x, left float64) {
	w := h.w
	for _, i := range sel {
		x += w[i] * g[i]
	}
	left = h.sum - x
	if cancels(h.sum, left) {
		left = 0
		for i, wi := range w {
			left += wi - wi*g[i]
		}
	}
	return x, left
}

// served takes the shares g of the bins in sel from h's weights, which
// leaves left (from toServe).
func (h *cohorts) served(g []float64, sel []int, left float64) {
	for _, i := range sel {
		h.w[i] -= h.w[i] * g[i]
	}
	if h.sum = left; h.sum < 1e-100 {
		h.fold()
	}
}
