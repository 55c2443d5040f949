package flow

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// exitAll takes the fraction f of every class of state st and splits it
// over the branches of st's exit (model.Exit), compiled once per run
// (see exits). Two branches may take one transition: split records each
// branch's share on its own.
func (e *engine) exitAll(st procedure.State, f float64) { e.split(st, f, &e.exits[st]) }

// decision is a decision compiled for split: its branches taken (those
// of a share of zero are left out, so that the inner loop does not test
// them for every class), and among them those to a state that keeps the
// class and those to a counted or terminal state (into.byGroup).
type decision struct {
	all, byClass, byGroup []branch
	// moved: one branch keeps the class and is not routed, the
	// commonest case (see split); pair: two do, to two states (a
	// judge's decision on the detained docket).
	moved, pair bool
}

// compile sets d to dec's branches.
func (e *engine) compile(d *decision, dec model.Decision) {
	d.all, d.byClass, d.byGroup = nil, nil, nil
	for _, b := range dec {
		if b.Share == 0 {
			continue
		}
		br := branch{in: &e.into[b.T], share: b.Share}
		d.all = append(d.all, br)
		if br.in.byGroup {
			d.byGroup = append(d.byGroup, br)
		} else {
			d.byClass = append(d.byClass, br)
		}
	}
	d.moved = len(d.byClass) == 1 && !d.byClass[0].in.routed
	d.pair = len(d.byClass) == 2 && !d.byClass[0].in.routed && !d.byClass[1].in.routed && d.byClass[0].in.to != d.byClass[1].in.to
}

// branch is a transition taken by a share of the people split (see
// split).
type branch struct {
	in    *into
	share float64
}

// split takes the fraction f of every class of state from and moves it
// along the branches of d, each its share. It is the engine's inner
// loop, so it does per class only what depends on the class: the take,
// and the moves along branches to a state that keeps the class
// (compiled, see into: arithmetic on the destination's cell with no
// lookups; with one or two such branches, as each class is taken, else
// from a list of what was taken, branch by branch). The people taken
// are summed by group, and a branch to a counted or terminal state,
// whose cells are by group, adds its share of each group's sum; each
// branch's record is its share of the total.
func (e *engine) split(from procedure.State, f float64, d *decision) {
	sums := e.sums
	// Not clear(sums): a call to memclr for a few lots costs more
	// than the stores.
	for g := range sums {
		sums[g].n, sums[g].arr, sums[g].adm = 0, 0, 0
	}
	cells, group := e.st[from], e.classGroup
	if d.moved {
		// One branch keeps the class, the commonest case: each class
		// is moved as it is taken.
		in, share := d.byClass[0].in, d.byClass[0].share
		for _, c := range e.active[from] {
			if cells[c].n == 0 {
				continue
			}
			x := cells[c].take(f)
			sums[group[c]].add(x)
			to := in.cell[c]
			if !to.seen {
				e.see(in, c)
			}
			to.add(x.scale(share))
		}
	} else if d.pair {
		// Two such branches: each class is moved along both as it is
		// taken (their cells are in two states, so each receives its
		// adds in the order enterAll gives them).
		b0, b1 := &d.byClass[0], &d.byClass[1]
		for _, c := range e.active[from] {
			if cells[c].n == 0 {
				continue
			}
			x := cells[c].take(f)
			sums[group[c]].add(x)
			to := b0.in.cell[c]
			if !to.seen {
				e.see(b0.in, c)
			}
			to.add(x.scale(b0.share))
			to = b1.in.cell[c]
			if !to.seen {
				e.see(b1.in, c)
			}
			to.add(x.scale(b1.share))
		}
	} else {
		taken := e.taken[:0]
		for _, c := range e.active[from] {
			if cells[c].n == 0 {
				continue
			}
			x := cells[c].take(f)
			sums[group[c]].add(x)
			taken = append(taken, classLot{c, x})
		}
		e.taken = taken
		for _, b := range d.byClass {
			e.enterAll(b.in, taken, b.share)
		}
	}
	var all lot
	for _, x := range sums {
		all.add(x)
	}
	if all.n == 0 {
		return
	}
	for _, b := range d.byGroup {
		dst := b.in.cells[:len(sums)]
		for g, x := range sums {
			dst[g].add(x.scale(b.share))
		}
	}
	for _, b := range d.all {
		e.recordMove(b.in, all.scale(b.share))
	}
}

// classLot is people taken from class c.
type classLot struct {
	c int
	x lot
}

// enterAll moves the share of each of taken along in, not recorded: a
// loop per transition, so that its table stays at hand.
func (e *engine) enterAll(in *into, taken []classLot, share float64) {
	if in.routed {
		for _, t := range taken {
			e.place(in, t.c, t.x.scale(share))
		}
		return
	}
	cell := in.cell
	for _, t := range taken {
		d := cell[t.c]
		if !d.seen {
			e.see(in, t.c)
		}
		d.add(t.x.scale(share))
	}
}

// enterGroups moves the share of xs, people by group (xs[g] of group
// g: taken from a counted stock or entering from outside), along in,
// and records them. Nobody it moves leaves detention, so the record is
// the number only (see recordMove). Every transition from a counted
// stock or from outside leads to a counted or terminal state, whose
// cells are by group (in.byGroup), or to Arrested, which Split enters
// itself (TestEnterGroupsByGroup).
func (e *engine) enterGroups(in *into, xs []lot, share float64) {
	n := 0.0
	cells := in.cells[:len(xs)]
	for g := range xs {
		y := xs[g].scale(share)
		cells[g].add(y)
		n += y.n
	}
	if n != 0 {
		e.t.Fire(in.tid, n)
	}
}

// recordMove records x, people who entered transition in, in the
// tally (which keeps the running stocks admission reads); leaving
// detention is also a discharge, whose number and admission times are
// summed for the step's end (see record).
func (e *engine) recordMove(in *into, x lot) {
	// Only the number, and for a discharge the admission times, are
	// recorded: arrest times matter at removal, which Remove records
	// itself.
	e.t.Fire(in.tid, x.n)
	if in.discharge {
		e.dn += x.n
		e.dadm += x.adm
	}
}

// placed adds x, people of class c, to in's cell for c and reports true
// when that is all a move along in does (the cell is listed, the
// transition is not routed); else the caller calls place. The two are
// the body of a move (move, mover.move, Admit): placed is inlined into
// their loops, place is not.
func (in *into) placed(c int, x lot) bool {
	if cl := in.cell[c]; cl.seen && !in.routed {
		cl.add(x)
		return true
	}
	return false
}

// place puts x, people of class c, where transition in leads, in
// general: the post-order cohorts moved, the third-country chain joined
// or left, a cell listed the first time (see placed). (Entries into
// post-order detention are noted when their class is next left or the
// day's cohort bin changes: see postOrder.leave and newDay.)
func (e *engine) place(in *into, c int, x lot) {
	cl := in.cell[c]
	have := cl.n
	// Of the classes leaving post-order detention only the chain's
	// pooled ones leave the chain; one of its group's own country
	// (the deadline's releases from the travel documents and country
	// queues, some 40 a bin's day) is a plain move. Joining the chain
	// (some 20 a day) adds to its composition here.
	if !cl.seen || in.pool < 0 && e.pooled(c) {
		e.placeFirst(in, c, x)
	} else {
		if in.pool > 0 {
			e.joinChain(c, x.n)
		}
		cl.add(x)
	}
	// The cohorts move last (see postOrder; some 90 a day in
	// baseline-2025).
	if in.po {
		m, po := &in.co[c], &e.po
		switch dst, src := m.to, m.from; {
		case po.served != nil:
			po.joinServed(dst, have, x.n)
		case src.w == nil || x.n <= 0:
			// No cohorts to carry (a class with people always has
			// them), or nobody to carry them: a move of nobody, as a
			// share 0 or an underflow can give, mixes in nothing (and
			// mixing would divide by the sum of a class's weights,
			// which may be 0 once it is emptied).
		case negligible(have, x.n):
			// Into an empty class, or one whose people are negligible
			// beside the newcomers. (A class without cohorts is empty:
			// people enter post-order detention at TravelDocument only,
			// never along such a move, see
			// TestTravelDocumentLeftOnlyByLeave.)
			dst.copyOf(src, po.whole)
		default:
			dst.mix(have, src, x.n)
		}
	}
}

// placeFirst is place's move to a cell not listed yet or along the
// third-country chain.
//
//go:noinline
func (e *engine) placeFirst(in *into, c int, x lot) {
	if in.pool == 0 || !e.chainMove(in, c, x) {
		cl := in.cell[c]
		if !cl.seen {
			e.see(in, c)
		}
		cl.add(x)
	}
}

// see lists the cell in leads class c to as active. It runs
// once per class and state in a run: kept out of line, so that the
// inner loops stay small.
//
//go:noinline
func (e *engine) see(in *into, c int) {
	in.cell[c].seen = true
	e.active[in.to] = append(e.active[in.to], int(in.dst[c]))
}

// into is what a move does for a transition, worked out once per run
// from its definition (see newInto): people of class c go to cell[c],
// the cell dst[c] of their destination's cells. A held state's class
// keeps the case's slot or takes the slot the transition marks; an order
// goes to the step's travel documents of its pathway (split over the
// country groups at the step's end); a counted stock is the single cell
// of its state, and a terminal state is a sink nobody reads.
type into struct {
	cell []*cell
	dst  []int32
	// byGroup: the transition is not routed and leads to a counted or
	// terminal state, whose cells are its groups' (cells[g] group g's).
	byGroup bool
	cells   []cell
	tid     procedure.TransitionID
	// to is the state entered.
	to procedure.State
	// discharge: the transition leaves detention.
	discharge bool
	// po: the transition leads from a post-order state to another
	// (not by the limit), so the cohorts moved join the destination's
	// (see postOrder): co[c] are the cohorts of class c and of its
	// destination. (A move out of post-order detention leaves the
	// cohorts' shares as they are.)
	po bool
	co []cohortMove
	// pool is 1 when the transition joins the third-country chain from
	// a class with a group, -1 when it leaves the chain for a state
	// where the group matters (see chain.go), else 0.
	pool int8
	// routed is po || pool != 0: a move along the transition
	// does more than add to a cell (see placed).
	routed bool
}

// newInto works out the moves' tables from procedure's network.
func (e *engine) newInto() {
	ncls := len(e.classPathway)
	for tid := range e.into {
		from, to := procedure.Ends(procedure.TransitionID(tid))
		mark := procedure.Def(procedure.TransitionID(tid)).Mark
		in := into{tid: procedure.TransitionID(tid), to: to, dst: make([]int32, ncls),
			discharge: from < procedure.NumStates && from.Detained() && !to.Detained(),
			po:        from < procedure.NumStates && from.PostOrder() && to.PostOrder() && procedure.Def(procedure.TransitionID(tid)).Driver != procedure.Deadline}
		in.po = in.po && e.po.limit > 0
		kind := kindOf(mark)
		// The third-country chain is joined from the states where a
		// class has its group's own country (TravelDocument), and left
		// for a state before the order or the docket (see chain.go).
		switch {
		case to.PostOrder() && kind >= 0 && kind != kindHome && !(from < procedure.NumStates && from.PostOrder() && from != procedure.TravelDocument && from != procedure.CountryQueue):
			in.pool = 1
		case from < procedure.NumStates && from.PostOrder() && !to.PostOrder() && !to.Terminal():
			in.pool = -1
		}
		for c := range in.dst {
			p, g := e.classPathway[c], int(e.classGroup[c])
			k := kind
			if k < 0 {
				k = int(e.classKind[c])
			}
			switch {
			case to.PostOrder() && k != kindHome:
				in.dst[c] = int32(e.cls(p, 0, k))
			case to.Detained() && kind < 0:
				in.dst[c] = int32(c)
			case to.Detained():
				in.dst[c] = int32(e.cls(p, g, kind))
			default:
				// A counted stock's or a terminal state's cell of the
				// group.
				in.dst[c] = int32(g)
			}
		}
		var cells []cell
		switch {
		case to.Detained(), e.counted(to):
			cells = e.st[to]
		default:
			// A terminal state; or Arrested, which Split enters itself
			// (the arrested are split by who claims fear).
			cells = e.sink
		}
		in.cell = make([]*cell, ncls)
		for c, d := range in.dst {
			in.cell[c] = &cells[d]
		}
		if in.po {
			in.co = make([]cohortMove, ncls)
			for c, d := range in.dst {
				in.co[c] = cohortMove{from: &e.po.of[from][c], to: &e.po.of[to][d]}
			}
		}
		in.routed = in.po || in.pool != 0
		in.cells, in.byGroup = cells, !in.routed && !to.Detained()
		e.into[tid] = in
	}
}

// move puts x, people of class c, where transition in leads — a class
// of a detention state with the destination the transition marks
// (procedure.Mark), their group's cell of a counted stock, or their
// group's sink for a terminal state — and records it (see recordMove).
func (e *engine) move(in *into, c int, x lot) {
	if x.n == 0 {
		return
	}
	if !in.placed(c, x) {
		e.place(in, c, x)
	}
	e.recordMove(in, x)
}

// count returns the people of counted stock s (AtLarge, ATD,
// InProceedings, FinalOrder, FinalOrderStale): its groups' cells.
func (e *engine) count(s procedure.State) float64 {
	t := 0.0
	for _, c := range e.groupCells[s] {
		t += c.n
	}
	return t
}

// counted reports whether s is a counted stock.
func (e *engine) counted(s procedure.State) bool { return countedStates[s] }

// countedStates are the counted stocks, indexed by every value of a
// State (no bounds check: Count is asked many times a step).
var countedStates = func() (c [1 << 8]bool) {
	for s := range procedure.NumStates {
		c[s] = !s.Terminal() && !s.Detained() && s != procedure.Arrested
	}
	return c
}()

// record records the step's discharges (see recordMove) as one, with
// the stays' length, at its end (now).
func (e *engine) record(now float64) {
	if e.dn != 0 {
		e.t.Discharge(e.dn, e.dn*now-e.dadm)
	}
	e.dn, e.dadm = 0, 0
}

// mover moves people along one transition in a loop, summing what
// enters it; done records the sums (see recordMove).
type mover struct {
	e      *engine
	in     *into
	n, adm float64
}

// mover starts moving people along transition tid.
func (e *engine) mover(tid procedure.TransitionID) mover {
	in := &e.into[tid]
	return mover{e: e, in: in}
}

// move moves x of class c (see placed and place).
func (mv *mover) move(c int, x lot) {
	if x.n == 0 {
		return
	}
	if !mv.in.placed(c, x) {
		mv.e.place(mv.in, c, x)
	}
	mv.count(x)
}

// count adds x, people moved along mv's transition, to its sums.
func (mv *mover) count(x lot) {
	mv.n += x.n
	mv.adm += x.adm
}

// done records what was moved (nobody adds nothing to the record).
func (mv *mover) done() { mv.e.recordMove(mv.in, lot{n: mv.n, adm: mv.adm}) }
