package flow

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// decide splits x, taken from class c, over the branches of a decision:
// each branch's share enters its transition's To state.
func (e *engine) decide(dec model.Decision, c int, x lot) {
	for _, b := range dec {
		if b.Share != 0 {
			e.move(&e.into[b.T], c, x.scale(b.Share))
		}
	}
}

// decideAll takes the fraction f of every class of state st and splits it
// over the branches of dec (see decide).
func (e *engine) decideAll(st procedure.State, dec model.Decision, f float64) {
	bs := e.branches[:0]
	var tids procedure.TransitionSet
	for _, b := range dec {
		// A branch nobody takes is left out, so the inner loop does not
		// test it for every class.
		if b.Share == 0 {
			continue
		}
		in := &e.into[b.T]
		if tids.Has(in.tid) {
			// Two branches take one transition: split's running sums
			// would overwrite each other, so move class by class.
			cells := e.st[st]
			for _, c := range e.active[st] {
				if cells[c].n != 0 {
					e.decide(dec, c, cells[c].take(f))
				}
			}
			return
		}
		tids.Add(in.tid)
		bs = append(bs, branch{in: in, share: b.Share})
	}
	e.split(st, f, bs)
}

// branch is a transition taken by a share of the people split (see
// split), with the running sums of what entered it.
type branch struct {
	in      *into
	share   float64
	n, adm  float64
	entered bool
}

// split takes the fraction f of every class of state from and moves it
// along the branches bs, each its share. It is the engine's inner loop:
// the transitions are compiled (see into), so a move is arithmetic on
// the destination's cell with no lookups, and what enters each
// transition is summed in its branch and added to the step's record
// once. The sums are the same, in the same order, as adding each move
// to the record (no two branches of a decision share a transition).
func (e *engine) split(from procedure.State, f float64, bs []branch) {
	if len(bs) == 1 {
		e.split1(from, f, bs[0].in, bs[0].share)
		return
	}
	for i := range bs {
		tid := bs[i].in.tid
		bs[i].n, bs[i].adm = e.accN[tid], e.accAdm[tid]
	}
	cells := e.st[from]
	for _, c := range e.active[from] {
		if cells[c].n == 0 {
			continue
		}
		x := cells[c].take(f)
		for i := range bs {
			b := &bs[i]
			y := x.scale(b.share)
			if y.n == 0 {
				continue
			}
			if !b.in.placed(c, y) {
				e.place(b.in, c, y)
			}
			b.n += y.n
			b.adm += y.adm
			b.entered = true
		}
	}
	for i := range bs {
		if b := &bs[i]; b.entered {
			e.accN[b.in.tid], e.accAdm[b.in.tid] = b.n, b.adm
			e.accSet.Add(b.in.tid)
		}
	}
}

// split1 is split with one branch, the commonest case (a delay stage
// or a timeout), its running sums kept in registers.
func (e *engine) split1(from procedure.State, f float64, in *into, share float64) {
	n, adm, entered := e.accN[in.tid], e.accAdm[in.tid], false
	cells := e.st[from]
	for _, c := range e.active[from] {
		if cells[c].n == 0 {
			continue
		}
		y := cells[c].take(f).scale(share)
		if y.n == 0 {
			continue
		}
		if !in.placed(c, y) {
			e.place(in, c, y)
		}
		n += y.n
		adm += y.adm
		entered = true
	}
	if entered {
		e.accN[in.tid], e.accAdm[in.tid] = n, adm
		e.accSet.Add(in.tid)
	}
}

// placed adds x, people of class c, to in's cell for c and reports true
// when that is all a move along in does (the cell is listed, the
// transition is not routed); else the caller calls place. The two are
// the body of every move (split, split1, move, mover.move): placed is
// inlined into their loops, place is not.
func (in *into) placed(c int, x lot) bool {
	if cl := in.cell[c]; cl.seen && !in.routed {
		cl.add(x)
		return true
	}
	return false
}

// place puts x, people of class c, where transition in leads, in
// general: the post-order cohorts moved or started, the third-country
// chain joined or left, a cell listed the first time (see placed).
func (e *engine) place(in *into, c int, x lot) {
	cl := in.cell[c]
	have := cl.n
	if in.pool != 0 || !cl.seen {
		e.placeFirst(in, c, x)
	} else {
		cl.add(x)
	}
	// Last, so that little is kept across the calls (some 140 a day
	// in baseline-2025).
	if in.po {
		e.po.join(&in.poTo[in.dst[c]], have, &in.poFrom[c], x.n)
	} else if in.poStart {
		e.po.add(&in.poTo[in.dst[c]], have, x.n)
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

// see lists class d of state st, whose cell is cl, as active. It runs
// once per class and state in a run: kept out of line, so that the
// inner loops stay small.
//
//go:noinline
func (e *engine) see(in *into, c int) {
	in.cell[c].seen = true
	e.active[in.to] = append(e.active[in.to], int(in.dst[c]))
}

// into is what enter does for a transition, worked out once per run
// from its definition (see newInto): people of class c go to cell[c],
// the cell dst[c] of their destination's cells. A held state's class
// keeps the case's slot or takes the slot the transition marks; an order
// goes to the step's travel documents of its pathway (split over the
// country groups at the step's end); a counted stock is the single cell
// of its state, and a terminal state is a sink nobody reads.
type into struct {
	cell []*cell
	dst  []int32
	tid  procedure.TransitionID
	// from and to are the states left and entered.
	from, to procedure.State
	// discharge: the transition leaves detention.
	discharge bool
	// po: the transition leads from a post-order state to another
	// (not by the limit), so the cohorts moved join the destination's
	// (see postOrder): poFrom and poTo are the cohorts of from's and
	// to's classes. (A move out of post-order detention leaves the
	// cohorts' shares as they are.)
	po           bool
	poFrom, poTo []cohorts
	// poStart: the transition enters post-order detention, so the
	// people entering start the day's cohort of their class (in poTo).
	poStart bool
	// pool is 1 when the transition joins the third-country chain from
	// a class with a group, -1 when it leaves the chain for a state
	// where the group matters (see chain.go), else 0.
	pool int8
	// routed is po || poStart || pool != 0: a move along the transition
	// does more than add to a cell (see placed).
	routed bool
}

// newInto works out enter's table from procedure's network.
func (e *engine) newInto() {
	ncls := len(e.classPathway)
	for tid := range e.into {
		from, to := procedure.Ends(procedure.TransitionID(tid))
		mark := procedure.Def(procedure.TransitionID(tid)).Mark
		in := into{tid: procedure.TransitionID(tid), from: from, to: to, dst: make([]int32, ncls),
			discharge: from < procedure.NumStates && from.Detained() && !to.Detained(),
			po:        from < procedure.NumStates && from.PostOrder() && to.PostOrder() && procedure.Def(procedure.TransitionID(tid)).Driver != procedure.Deadline}
		in.po = in.po && e.po.limit > 0
		// An order starts the post-order clock (see postOrder).
		in.poStart = to.PostOrder() && !(from < procedure.NumStates && from.PostOrder()) && e.po.limit > 0
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
			in.poFrom = e.po.of[from]
		}
		if in.po || in.poStart {
			in.poTo = e.po.of[to]
		}
		in.routed = in.po || in.poStart || in.pool != 0
		e.into[tid] = in
		if in.discharge {
			e.discharges.Add(in.tid)
		}
	}
}

// move puts x, people of class c, where transition in leads — a class
// of a detention state with the destination the transition marks
// (procedure.Mark), their group's cell of a counted stock, or their
// group's sink for a terminal state — and adds it to the step's record
// of in (see record).
func (e *engine) move(in *into, c int, x lot) {
	if x.n == 0 {
		return
	}
	if !in.placed(c, x) {
		e.place(in, c, x)
	}
	// Only the number and the admission times are recorded: arrest times
	// matter at removal, which Remove records itself.
	e.accN[in.tid] += x.n
	e.accAdm[in.tid] += x.adm
	e.accSet.Add(in.tid)
}

// release moves the fraction f of every class of transition tid's From
// along tid.
func (e *engine) release(tid procedure.TransitionID, f float64) {
	from, _ := procedure.Ends(tid)
	// A share of 1 scales exactly: x.scale(1) is x.
	e.split1(from, f, &e.into[tid], 1)
}

// count returns the people of counted stock s (AtLarge, ATD,
// InProceedings, FinalOrder, FinalOrderStale): its groups' cells.
func (e *engine) count(s procedure.State) float64 {
	t := 0.0
	for _, c := range e.st[s][:e.g] {
		t += c.n
	}
	return t
}

// counted reports whether s is a counted stock.
func (e *engine) counted(s procedure.State) bool {
	return !s.Terminal() && !s.Detained() && s != procedure.Arrested
}

// record hands the moves entered since the last record to the tally,
// each transition's once; leaving detention is a discharge. Admission
// reads the tally's detained count, so every phase before it records.
func (e *engine) record(now float64) {
	set := e.accSet
	e.accSet = procedure.TransitionSet{}
	// One pass in ID order: leaving detention is also a discharge, with
	// the stays' length, and a discharge of nobody is not recorded at
	// all. (Discharge's sums and Fire's are apart, so the order between
	// them is free.)
	for tid, ok := set.Pop(); ok; tid, ok = set.Pop() {
		n, adm := e.accN[tid], e.accAdm[tid]
		e.accN[tid], e.accAdm[tid] = 0, 0
		if e.discharges.Has(tid) {
			if n == 0 {
				continue
			}
			e.t.Discharge(n, n*now-adm)
		}
		e.t.Fire(tid, n)
	}
}

// mover moves people along one transition in a loop, summing what
// enters it as split does; done adds the sums to the step's record.
// Nothing else may enter the transition between mover and done.
type mover struct {
	e       *engine
	in      *into
	n, adm  float64
	entered bool
}

// mover starts moving people along transition tid.
func (e *engine) mover(tid procedure.TransitionID) mover {
	in := &e.into[tid]
	return mover{e: e, in: in, n: e.accN[tid], adm: e.accAdm[tid]}
}

// move moves x of class c (see enter).
func (mv *mover) move(c int, x lot) {
	if x.n == 0 {
		return
	}
	if !mv.in.placed(c, x) {
		mv.e.place(mv.in, c, x)
	}
	mv.n += x.n
	mv.adm += x.adm
	mv.entered = true
}

// done adds what was moved to the step's record.
func (mv *mover) done() {
	if mv.entered {
		mv.e.accN[mv.in.tid], mv.e.accAdm[mv.in.tid] = mv.n, mv.adm
		mv.e.accSet.Add(mv.in.tid)
	}
}
