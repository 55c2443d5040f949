package flow

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// clock is the step being run.
type clock struct {
	k   int
	now float64
}

// step advances the model by one step k: model.Step runs the phases of
// a step, and the engine's methods below are their primitives on fluid
// stocks (a model.Solver). A queue is served in proportion across its
// classes; a decision splits a stock by its branches' shares.
func (e *engine) step(k int) { e.m.Step(e, e.t, k) }

// Begin starts step k: its time, and the day's injunctions and
// post-order cohort (see newDay).
func (e *engine) Begin(k int) {
	e.k, e.now = k, float64(k)/float64(e.m.StepsPerDay)
	if day := k / e.m.StepsPerDay; day > e.enjThrough {
		e.enj, e.enjThrough = e.m.Rules.EnjoinmentThrough(day)
	}
	e.newDay(k / e.m.StepsPerDay)
}

// Count returns the people in state s.
func (e *engine) Count(s procedure.State) float64 {
	if e.counted(s) {
		return e.count(s)
	}
	return e.total(s)
}

// CountGroup returns the people of group g in counted stock s.
func (e *engine) CountGroup(s procedure.State, g int) float64 { return e.st[s][g].n }

// Units returns the capacity: a fluid serves fractions of people.
func (e *engine) Units(_ model.Credit, capacity float64) float64 { return capacity }

// Spend does nothing: flow carries no credit.
func (e *engine) Spend(model.Credit, float64) {}

// Move moves n of t's counted From along t: the same fraction of each
// group, with their times of entry into proceedings.
func (e *engine) Move(t procedure.TransitionID, n float64) {
	from, _ := procedure.Ends(t)
	if q := e.count(from); n > 0 && q > 0 {
		e.enterGroups(&e.into[t], e.takeCounted(from, n/q), 1)
	}
}

// TakeGroup moves n of group g of t's counted From along t and returns
// the sum of their days since they entered proceedings.
func (e *engine) TakeGroup(t procedure.TransitionID, g int, n float64) float64 {
	from, _ := procedure.Ends(t)
	c := &e.st[from][g]
	if n <= 0 || c.n <= 0 {
		return 0
	}
	x := c.take(n / c.n)
	e.entered(from, &x)
	e.move(&e.into[t], e.cls(0, g, kindNone), x)
	return x.n*e.now - x.arr
}

// takeCounted takes the fraction f of each group of counted stock s
// into e.lots and returns them. A person's time to removal counts from
// their entry into proceedings, which the lots' arrest times carry
// (flow's counted stocks keep, per group, the sum of their people's
// times of entry, and a move takes the same fraction of it as of the
// people: the docket is left at rates and by capacities blind to time
// on it, so those who leave have the mean time of those who stay); the
// at-large population has not entered proceedings: its people enter
// when they leave it (see entered).
func (e *engine) takeCounted(s procedure.State, f float64) []lot {
	lots := e.lots
	cells := e.st[s][:len(lots)]
	for g := range lots {
		lots[g] = cells[g].take(f)
	}
	if s == procedure.AtLarge {
		for g := range lots {
			e.entered(s, &lots[g])
		}
	}
	return lots
}

// entered sets the arrest times of people who left counted stock s now,
// when s is the at-large population: they enter proceedings now.
func (e *engine) entered(s procedure.State, l *lot) {
	if s == procedure.AtLarge {
		l.arr, l.adm = l.n*e.now, 0
	}
}

// Apportion splits n by the shares p: their expected numbers.
func (e *engine) Apportion(_ procedure.TransitionID, n float64, p, out []float64) {
	for i, pi := range p {
		out[i] = n * pi
	}
}

// Scratch returns model.Step's working memory.
func (e *engine) Scratch() *model.Scratch { return &e.scratch }

// Release moves the fraction p of every class of stage s on.
func (e *engine) Release(s procedure.State, p float64) {
	switch s {
	case procedure.TravelDocument:
		// Each group's documents, split by its country's acceptance,
		// each transition recorded once (movers).
		td := e.st[s]
		accepted, refused := e.mover(procedure.DocumentAccepted), e.mover(procedure.DocumentRefused)
		for _, c := range e.active[s] {
			if n := td[c].n; n != 0 {
				x, doc := td[c].take(e.classDoc[c].prob), &e.classDoc[c]
				e.po.leave(c, n, td[c].n)
				accepted.move(c, x.scale(doc.exit[0].Share))
				refused.move(c, x.scale(doc.exit[1].Share))
			}
		}
		accepted.done()
		refused.done()
	case procedure.Arrested:
		ar := e.st[s]
		for _, c := range e.active[s] {
			if ar[c].n != 0 {
				e.move(&e.into[procedure.BedWaitRelease(e.pathwayOf(c))], c, ar[c].take(p))
			}
		}
	default:
		e.exitAll(s, p)
	}
}

// Lift moves the blocked classes no longer enjoined back (of those
// liftable: none on a step no injunction ended).
func (e *engine) Lift(air, land procedure.TransitionID) {
	bl := e.st[procedure.Blocked]
	toFlight, toLand := e.mover(air), e.mover(land)
	for _, c := range e.liftable() {
		switch {
		case bl[c].n == 0 || e.enj&e.classEnj[c] != 0:
		case e.classByAir[c]:
			toFlight.moveWhole(c, &bl[c])
		default:
			toLand.moveWhole(c, &bl[c])
		}
	}
	toFlight.done()
	toLand.done()
}

// Deadlines releases the post-order cohorts due (see deadline.go).
func (e *engine) Deadlines() { e.releaseDeadlines() }

// Serve takes the same fraction of every class of c's queues (a queue
// with nobody in it has nothing to split).
func (e *engine) Serve(c procedure.Capacity, units float64) float64 {
	var each [maxQueues]float64
	queues, q := c.Queues(), 0.0
	for i, s := range queues {
		each[i] = e.total(s)
		q += each[i]
	}
	served := min(q, units)
	if served > 0 {
		for i, s := range queues {
			if each[i] != 0 {
				e.exitAll(s, served/q)
			}
		}
	}
	return served
}

// maxQueues is the most queues a capacity serves (procedure's asylum
// officers serve two).
const maxQueues = 2

// ServeGroup takes the same fraction of the group's classes.
func (e *engine) ServeGroup(gi int, units float64, air, land procedure.TransitionID) float64 {
	cq := e.st[procedure.CountryQueue]
	q := 0.0
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		q += cq[e.cls(p, gi, kindHome)].n
	}
	served := min(q, units)
	if served <= 0 {
		return served
	}
	mv, f := e.mover(land), served/q
	if e.m.Groups[gi].NeedsFlight {
		mv = e.mover(air)
	}
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		c := e.cls(p, gi, kindHome)
		if f >= 1 {
			mv.moveWhole(c, &cq[c])
		} else {
			mv.move(c, cq[c].take(f))
		}
	}
	mv.done()
	return served
}

// Designate serves the designated oldest first (see oldestFirst),
// splitting each class between the two kinds of slot (movers: each
// transition is recorded once).
func (e *engine) Designate(ta procedure.TransitionID, sa float64, tu procedure.TransitionID, su float64) {
	fa := sa / (sa + su)
	assured, unassured := e.mover(ta), e.mover(tu)
	e.oldestFirst(procedure.ThirdCountryDesignation, sa+su, func(c int, x lot) {
		assured.move(c, x.scale(fa))
		unassured.move(c, x.scale(1-fa))
	})
	assured.done()
	unassured.done()
}

// Divert moves every enjoined class of the queue to Blocked.
func (e *engine) Divert(enjoined procedure.TransitionID) {
	from, _ := procedure.Ends(enjoined)
	st, mv := e.st[from], e.mover(enjoined)
	for _, cl := range e.enjoined(from) {
		if st[cl].n != 0 {
			mv.moveWhole(cl, &st[cl])
		}
	}
	mv.done()
}

// Remove takes the same fraction of every class of the queue, recording
// each class's removals with their times to removal.
func (e *engine) Remove(removal procedure.TransitionID, units float64) float64 {
	from, _ := procedure.Ends(removal)
	st := e.st[from]
	q := e.total(from)
	served := min(q, units)
	if served <= 0 {
		return served
	}
	f, n, adm := served/q, 0.0, 0.0
	for _, cl := range e.active[from] {
		if st[cl].n == 0 {
			continue
		}
		x := st[cl].take(f)
		e.t.Removed(&e.classRemovals[cl], x.n, x.n*e.now-x.arr)
		if e.pooled(cl) {
			e.removed[e.pathwayOf(cl)] += x.n
		} else {
			e.sink[e.classGroup[cl]].n += x.n
		}
		n, adm = n+x.n, adm+x.adm
	}
	e.removedFromChain()
	// Leaving detention: a discharge, with the stays' length.
	if n != 0 {
		e.t.Fire(removal, n)
		e.t.Discharge(n, n*e.now-adm)
	}
	return served
}

// Arrivals returns the expected number.
func (e *engine) Arrivals(_ procedure.Source, mean float64) float64 { return mean }

// Split takes n from the counted source of dec (the same fraction of
// each group, see takeCounted) or from outside (by the source's group
// shares, model.GroupShares) and splits it by the branches' shares: the
// arrested join the bed queue in their group, the share who claim fear
// marked as such; the others enter their group's cell of their counted
// or terminal state.
func (e *engine) Split(bs *model.Branches, n float64) {
	dec := bs.Decision()
	from, _ := procedure.Ends(dec[0].T)
	lots := e.lots
	if from != procedure.Outside {
		q := e.count(from)
		if q <= 0 {
			return
		}
		lots = e.takeCounted(from, n/q)
	} else {
		for g, share := range e.entryShares[procedure.Def(dec[0].T).Source] {
			x := n * share
			lots[g] = lot{n: x, arr: x * e.now}
		}
	}
	for i := range dec {
		b := &dec[i]
		if b.Share <= 0 {
			continue
		}
		if _, to := procedure.Ends(b.T); to != procedure.Arrested {
			e.enterGroups(&e.into[b.T], lots, b.Share)
			continue
		}
		claims := e.m.Rules.ClaimShare(b.Pathway)
		x, c := 0.0, e.cls(b.Pathway, 0, kindNone)
		for g := range lots {
			y := lots[g].scale(b.Share)
			y.adm = 0
			x += y.n
			// The group's classes are numKinds apart (see cls).
			e.put(procedure.Arrested, c+g*numKinds+kindClaims, y.scale(claims))
			e.put(procedure.Arrested, c+g*numKinds, y.scale(1-claims))
		}
		e.recordMove(&e.into[b.T], lot{n: x})
	}
}

// FreeBeds returns the beds not held: the tally keeps the detained
// count as the moves are recorded (summing the twelve detained states'
// classes here would cost more than the rest of the step's
// bookkeeping).
func (e *engine) FreeBeds(beds float64) float64 {
	return max(0, beds-e.t.Detained())
}

// Admit takes the same fraction of every class of rank r.
func (e *engine) Admit(r int, n float64) float64 {
	ar, q, cls := e.st[procedure.Arrested], 0.0, e.rankClasses(r)
	for _, c := range cls {
		q += ar[c].n
	}
	served := min(q, n)
	if served <= 0 {
		return 0
	}
	f := served / q
	for _, c := range cls {
		if ar[c].n != 0 {
			x, in := ar[c].take(f), e.classAdmit[c]
			x.adm = x.n * e.now
			if !in.placed(c, x) {
				e.place(in, c, x)
			}
			e.recordMove(in, x)
		}
	}
	return served
}

// rankClasses returns the bed queue's active classes of rank r in the
// order of active[Arrested] (so admission sums them as a filtered walk
// of it did), worked out again only when the queue has a new class:
// each step's admission asks for every rank, and the queue has a class
// per pathway, group and kind.
func (e *engine) rankClasses(r int) []int {
	if act := e.active[procedure.Arrested]; e.ranked != len(act) {
		for i := range e.byRank {
			e.byRank[i] = e.byRank[i][:0]
		}
		for _, c := range act {
			k := e.classRank[c]
			e.byRank[k] = append(e.byRank[k], c)
		}
		e.ranked = len(act)
	}
	return e.byRank[r]
}

// Admitted does nothing: flow's bed queue has no clocks to start.
func (e *engine) Admitted(float64) {}

// End records the step's discharges and closes the step in the tally.
func (e *engine) End() {
	e.record(e.now)
	e.t.EndStep()
}
