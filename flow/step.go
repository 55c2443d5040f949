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

// Begin starts step k: its time, and the day's injunctions.
func (e *engine) Begin(k int) {
	e.k, e.now = k, float64(k)/float64(e.m.StepsPerDay)
	if day := k / e.m.StepsPerDay; day > e.enjThrough {
		e.enj, e.enjThrough = e.m.Rules.EnjoinmentThrough(day)
	}
}

// Count returns the people in state s.
func (e *engine) Count(s procedure.State) float64 {
	if e.counted(s) {
		return *e.count(s)
	}
	return e.total(s)
}

// Units returns the capacity: a fluid serves fractions of people.
func (e *engine) Units(_ model.Credit, capacity float64) float64 { return capacity }

// Spend does nothing: flow carries no credit.
func (e *engine) Spend(model.Credit, float64) {}

// Move moves n of t's counted From along t.
func (e *engine) Move(t procedure.TransitionID, n float64) {
	from, _ := procedure.Ends(t)
	*e.count(from) -= n
	e.enter(t, 0, slotNone, lot{n: n})
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
		// Each group's documents, split by its country's acceptance
		// (movers: decide costs the step 1.5%).
		td := e.st[s]
		accepted, refused := e.mover(procedure.DocumentAccepted), e.mover(procedure.DocumentRefused)
		for _, c := range e.active[s] {
			if td[c].n != 0 {
				g := &e.m.Groups[e.slotOf(c)-1]
				x, dec := td[c].take(g.TravelDocProb), model.DocumentExit(g.Acceptance)
				accepted.move(c, x.scale(dec[0].Share))
				refused.move(c, x.scale(dec[1].Share))
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
		e.decideAll(s, e.m.Exit(s), p)
	}
}

// Lift moves the blocked classes no longer enjoined back.
func (e *engine) Lift(air, land procedure.TransitionID) {
	bl := e.st[procedure.Blocked]
	toFlight, toLand := e.mover(air), e.mover(land)
	for _, c := range e.active[procedure.Blocked] {
		switch {
		case bl[c].n == 0 || e.enj&e.classEnj[c] != 0:
		case e.classByAir[c]:
			toFlight.move(c, bl[c].take(1))
		default:
			toLand.move(c, bl[c].take(1))
		}
	}
	toFlight.done()
	toLand.done()
}

// Deadlines releases the post-order cohorts due (see deadline.go).
func (e *engine) Deadlines() { e.releaseDeadlines(e.k, e.now) }

// EndPhase hands the phase's moves to the tally.
func (e *engine) EndPhase() { e.record(e.now) }

// Serve takes the same fraction of every class of c's queues.
func (e *engine) Serve(c procedure.Capacity, units float64) float64 {
	q := 0.0
	for _, s := range c.Queues() {
		q += e.total(s)
	}
	served := min(q, units)
	if served > 0 {
		for _, s := range c.Queues() {
			e.decideAll(s, e.m.Exit(s), served/q)
		}
	}
	return served
}

// ServeGroup takes the same fraction of the group's classes.
func (e *engine) ServeGroup(gi int, units float64, air, land procedure.TransitionID) float64 {
	cq := e.st[procedure.CountryQueue]
	q := 0.0
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		q += cq[e.cls(p, 1+gi)].n
	}
	served := min(q, units)
	if served <= 0 {
		return served
	}
	mv := e.mover(land)
	if e.m.Groups[gi].NeedsFlight {
		mv = e.mover(air)
	}
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		c := e.cls(p, 1+gi)
		mv.move(c, cq[c].take(served/q))
	}
	mv.done()
	return served
}

// Designate serves the designated oldest first (see oldestFirst),
// splitting each class between the two kinds of slot. The designated
// have no destination yet: their class is their pathway's slotNone.
func (e *engine) Designate(ta procedure.TransitionID, sa float64, tu procedure.TransitionID, su float64) {
	fa := sa / (sa + su)
	assured, unassured := &e.into[ta], &e.into[tu]
	e.oldestFirst(procedure.ThirdCountryDesignation, sa+su, func(c int, x lot) {
		c0 := e.cls(e.pathwayOf(c), slotNone)
		e.move(assured, c0, x.scale(fa))
		e.move(unassured, c0, x.scale(1-fa))
	})
}

// Divert moves every enjoined class of the queue to Blocked.
func (e *engine) Divert(enjoined procedure.TransitionID) {
	from, _ := procedure.Ends(enjoined)
	st, mv := e.st[from], e.mover(enjoined)
	for _, cl := range e.enjoined(from) {
		if st[cl].n != 0 {
			mv.move(cl, st[cl].take(1))
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
	f, in := served/q, &e.into[removal]
	var out lot
	for _, cl := range e.active[from] {
		if st[cl].n == 0 {
			continue
		}
		x := st[cl].take(f)
		if in.po {
			e.po.moveCohorts(in, cl, x.n)
		}
		e.t.RemovalFrom(e.pathwayOf(cl), e.slotOf(cl), x.n, x.n*e.now-x.arr)
		out.add(x)
	}
	// Leaving detention: a discharge, with the stays' length.
	if out.n != 0 {
		e.t.Fire(removal, out.n)
		e.t.Discharge(out.n, out.n*e.now-out.adm)
	}
	return served
}

// Arrivals returns the expected number.
func (e *engine) Arrivals(_ procedure.Source, mean float64) float64 { return mean }

// Split takes n from the counted source of dec and splits it by the
// branches' shares: the arrested join the bed queue, the share who claim
// fear marked as such; the others enter their counted or terminal state.
func (e *engine) Split(bs model.Branches, n float64) {
	dec := bs.Decision()
	if from, _ := procedure.Ends(dec[0].T); from != procedure.Outside {
		*e.count(from) -= n
	}
	for _, b := range dec {
		x := n * b.Share
		if _, to := procedure.Ends(b.T); to != procedure.Arrested {
			e.enter(b.T, 0, slotNone, lot{n: x})
			continue
		}
		if x <= 0 {
			continue
		}
		e.accN[b.T] += x
		e.accSet.Add(b.T)
		claims := e.m.Rules.ClaimShare(b.Pathway)
		e.put(procedure.Arrested, e.cls(b.Pathway, slotClaims), lot{n: x * claims, arr: x * claims * e.now})
		e.put(procedure.Arrested, e.cls(b.Pathway, slotNone), lot{n: x * (1 - claims), arr: x * (1 - claims) * e.now})
	}
}

// FreeBeds returns the beds not held: the tally keeps the detained
// count as the moves happen (summing the twelve detained states' classes
// here would cost more than the rest of the step's bookkeeping).
func (e *engine) FreeBeds(beds float64) float64 { return max(0, beds-e.t.Detained()) }

// Admit takes the same fraction of every class of rank r.
func (e *engine) Admit(r int, n float64) float64 {
	ar, q := e.st[procedure.Arrested], 0.0
	for _, c := range e.active[procedure.Arrested] {
		if int(e.classRank[c]) == r {
			q += ar[c].n
		}
	}
	served := min(q, n)
	if served <= 0 {
		return 0
	}
	for _, c := range e.active[procedure.Arrested] {
		if ar[c].n != 0 && int(e.classRank[c]) == r {
			x := ar[c].take(served / q)
			x.adm = x.n * e.now
			e.move(e.classAdmit[c], c, x)
		}
	}
	return served
}

// Admitted does nothing: flow's bed queue has no clocks to start.
func (e *engine) Admitted(float64) {}

// End splits the step's orders over the country groups and closes the
// step in the tally.
func (e *engine) End() {
	e.flushTravelDoc()
	e.t.EndStep()
}
