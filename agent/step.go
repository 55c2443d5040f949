package agent

import (
	"math"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// step advances one step k: model.Step runs the phases of a step, as
// for flow, and the engine's methods below are their primitives on cases
// (a model.Solver). A queue is served first come first served, in whole
// units of a credit; a counted stock is left by binomial draws and split
// by multinomial ones; a stage is left when a case's clock, drawn as it
// entered, rings.
func (e *engine) step(k int) { e.m.Step(e, e.t, k) }

// Begin starts step k with the day's injunctions.
func (e *engine) Begin(k int) {
	e.k = k
	e.prevMask, e.mask = e.mask, e.m.Rules.Enjoinment(k/e.spd)
}

// Count returns the people in state s.
func (e *engine) Count(s procedure.State) float64 { return float64(e.n[s]) }

// Units adds the step's capacity to credit c and returns its whole units.
func (e *engine) Units(c model.Credit, capacity float64) float64 {
	return float64(e.credits[c].add(capacity))
}

// Spend uses n units of credit c.
func (e *engine) Spend(c model.Credit, n float64) { e.credits[c].use(int64(n)) }

// Move moves n of t's counted From along t, their groups drawn from
// its counts (see takeGroups).
func (e *engine) Move(t procedure.TransitionID, n float64) { e.countMove(t, int64(n), e.k) }

// CountGroup returns the people of group g in counted stock s.
func (e *engine) CountGroup(s procedure.State, g int) float64 { return float64(e.ng[s][g]) }

// TakeGroup moves n people of group g of t's counted From along t and
// returns the sum of their days since they entered proceedings: the
// group's mean (see takeGroups). model.Step records a removal's days
// (those removed without a book-in) in the time-to-removal histogram;
// the engine keeps them, in whole steps as remove's, under the pathway
// model.TakenPathway names.
func (e *engine) TakeGroup(t procedure.TransitionID, g int, n float64) float64 {
	from, _ := procedure.Ends(t)
	x := min(int64(n), e.ng[from][g])
	if x <= 0 {
		return 0
	}
	clear(e.gx)
	e.gx[g] = x
	e.taken(from, x, e.k)
	since := e.gt[g]
	e.moved(t, x, e.k)
	steps := int64(math.Round((float64(e.k) - since) * float64(x)))
	if p, ok := model.TakenPathway(t); ok {
		e.ttrSteps[p] += steps
	}
	return float64(steps) / float64(e.spd)
}

// drawStream is the stream of each transition's Apportion.
var drawStream = [procedure.NumTransitions]stream{
	procedure.AtLargeDeparts: sAtLargeDeparts, procedure.FinalOrderDeparts: sFinalOrderDeparts,
	procedure.StaleOrderDeparts: sStaleOrderDeparts, procedure.FinalOrderAges: sOrderAging, procedure.ATDEnds: sATDEnds,
	procedure.CustodialTransfer: sCustodial, procedure.UnbookedRemoval: sUnbooked,
}

// Apportion splits n by one multinomial draw from t's stream.
func (e *engine) Apportion(t procedure.TransitionID, n float64, p, out []float64) {
	if len(e.drawn) < len(p) {
		e.drawn = make([]int64, len(p))
	}
	e.ds[drawStream[t]].multinomial(int64(n), p, e.drawn[:len(p)])
	for i := range p {
		out[i] = float64(e.drawn[i])
	}
}

// Scratch returns model.Step's working memory.
func (e *engine) Scratch() *model.Scratch { return &e.scratch }

// calendarOf and decisionStream are, per state, the calendar of its
// delay and the stream of its decision's draws (for a counted stock, of
// the multinomial splitting those taken from it).
var (
	calendarOf = [procedure.NumStates]int{procedure.TravelDocument: calTravelDoc, procedure.Appeal: calAppeal,
		procedure.DetainedDocket: calDocket, procedure.NoticeServed: calNotice, procedure.Arrested: calBedWait}
	decisionStream = [procedure.NumStates]stream{procedure.CourtQueue: sCourt, procedure.Appeal: sAppeal,
		procedure.FearScreening: sFearScreen, procedure.ThirdCountryScreening: sThirdScreen, procedure.NoticeServed: sNotice,
		procedure.InProceedings: sDocket, procedure.AtLarge: sArrest, procedure.FinalOrder: sArrest, procedure.FinalOrderStale: sArrest}
)

// Release moves the cases of stage s whose clocks ring now, each by its
// class's transition or a draw of the stage's decision.
func (e *engine) Release(s procedure.State, _ float64) {
	dec, d := e.m.Exit(s), &e.ds[decisionStream[s]]
	e.releaseDue(calendarOf[s], func(c *kase) procedure.TransitionID {
		switch {
		case s == procedure.Arrested:
			return procedure.BedWaitRelease(c.pathway)
		case s == procedure.TravelDocument && c.flags&accepts != 0:
			return procedure.DocumentAccepted
		case s == procedure.TravelDocument:
			return procedure.DocumentRefused
		case len(dec) == 1:
			return dec[0].T
		}
		return d.choose(dec)
	})
}

// Lift sends blocked cases no longer enjoined back to their removal
// queue and compacts the blocked list. A case's block can only lift on a
// step whose injunctions are fewer than the last step's.
func (e *engine) Lift(air, land procedure.TransitionID) {
	if e.prevMask&^e.mask == 0 {
		return
	}
	e.blocked = e.sift(e.blocked, true, func(r ref) { e.toRemoval(r.id, air, land, e.k) })
}

// sift keeps, in place, the cases of rs enjoined now (or, with enjoined
// false, those not enjoined), hands the others to out in order, drops
// stale refs and returns the kept.
func (e *engine) sift(rs []ref, enjoined bool, out func(r ref)) []ref {
	keep := rs[:0]
	for _, r := range rs {
		switch {
		case !e.valid(r):
		case e.enjoined(&e.cases[r.id]) == enjoined:
			keep = append(keep, r)
		default:
			out(r)
		}
	}
	return keep
}

// Deadlines releases the cases whose post-order clock reaches the limit
// now, from whichever post-order state they are in, along its Deadline
// transition. An entry whose case has left post-order detention, or
// started a new clock since (a new order after a court referral, or a
// new case in a freed record), is skipped.
func (e *engine) Deadlines() {
	due := e.deadlines.due(e.k)
	var sum uint32 // as touch: the records' cache misses overlap
	for _, t := range due {
		sum += e.cases[t.r.id].ver
	}
	e.touched += sum
	for _, t := range due {
		e.releaseDeadline(t.r)
	}
}

// releaseDeadline releases the case of a post-order clock that rings
// now if it is still held after the order that started the clock.
func (e *engine) releaseDeadline(r ref) {
	c := &e.cases[r.id]
	if c.state.PostOrder() && uint32(c.order) == r.ver {
		e.enter(r.id, procedure.DeadlineRelease(c.state), e.k)
	}
}

// releaseDue moves every case whose clock on calendar cal rings now
// along the transition to returns for it.
func (e *engine) releaseDue(cal int, to func(c *kase) procedure.TransitionID) {
	due := e.cal[cal].take(e.k)
	e.touch(due)
	for _, r := range due {
		if e.valid(r) {
			e.enter(r.id, to(&e.cases[r.id]), e.k)
		}
	}
}

// Serve serves c's queue first come first served, one draw of its
// state's decision per case.
func (e *engine) Serve(c procedure.Capacity, units float64) float64 {
	q := &e.court
	if c == procedure.AsylumOfficers {
		q = &e.screen
	}
	return float64(e.serve(q, int64(units), func(id uint32) {
		st := e.cases[id].state
		e.enter(id, e.ds[decisionStream[st]].choose(e.m.Exit(st)), e.k)
	}))
}

// ServeGroup serves group gi's queue to its mode's removal queue.
func (e *engine) ServeGroup(gi int, units float64, air, land procedure.TransitionID) float64 {
	n := int64(math.MaxInt64)
	if !math.IsInf(units, 1) {
		n = int64(units)
	}
	return float64(e.serve(&e.country[gi], n, func(id uint32) {
		e.toRemoval(id, air, land, e.k)
	}))
}

// Designate serves the first na cases of the queue along assured, the
// next nu along unassured.
func (e *engine) Designate(assured procedure.TransitionID, na float64, unassured procedure.TransitionID, nu float64) {
	i := int64(0)
	e.serve(&e.tcd, int64(na)+int64(nu), func(id uint32) {
		if i++; float64(i) <= na {
			e.enter(id, assured, e.k)
		} else {
			e.enter(id, unassured, e.k)
		}
	})
}

// departure returns the removal queue of state s and its cases to
// divert.
func (e *engine) departure(s procedure.State) (*fifo, *[]ref) {
	if s == procedure.AwaitingFlight {
		return &e.flight, &e.divertAir
	}
	return &e.land, &e.divertLand
}

// Divert moves the queue's enjoined cases to Blocked: those that reached
// it this step while enjoined, and on a day with new injunctions the
// queued cases they reach.
func (e *engine) Divert(enjoined procedure.TransitionID) {
	from, _ := procedure.Ends(enjoined)
	q, divert := e.departure(from)
	if e.mask&^e.prevMask != 0 {
		q.reset(e.sift(q.pending(), false, func(r ref) { *divert = append(*divert, r) }))
	}
	for _, r := range *divert {
		if e.valid(r) {
			e.enter(r.id, enjoined, e.k)
		}
	}
	*divert = (*divert)[:0]
}

// Remove removes the first units cases of the queue.
func (e *engine) Remove(removal procedure.TransitionID, units float64) float64 {
	from, _ := procedure.Ends(removal)
	q, _ := e.departure(from)
	return float64(e.serve(q, int64(units), func(id uint32) { e.remove(id, removal, e.k) }))
}

// serve takes up to units cases from q, first come first served, and
// hands each to do; it returns how many it took.
func (e *engine) serve(q *fifo, units int64, do func(id uint32)) int64 {
	if p := q.pending(); int64(len(p)) > units {
		e.touch(p[:units])
	} else {
		e.touch(p)
	}
	var served int64
	for served < units {
		r, ok := e.next(q)
		if !ok {
			break
		}
		served++
		do(r.id)
	}
	return served
}

// remove removes a case from the United States along removal.
func (e *engine) remove(id uint32, removal procedure.TransitionID, k int) {
	c := &e.cases[id]
	p := c.pathway
	ttr := int64(k) - int64(c.entry)
	e.remN[p][c.slot]++
	e.remTTR[p][c.slot] += ttr
	e.t.RemovalCase(p, int(ttr/int64(e.spd)))
	e.ttrSteps[p] += ttr
	e.leave(id, removal, k)
}

// Arrivals draws a Poisson count.
func (e *engine) Arrivals(src procedure.Source, mean float64) float64 {
	return float64(e.ds[sourceStream(src)].poisson(mean))
}

func sourceStream(src procedure.Source) stream {
	if src == procedure.Border {
		return sBorder
	}
	return sNewEntries
}

// Split splits n counted people by one multinomial draw (see
// countDecide), from the stream of their source: the border's or new
// entries', the non-detained docket's decisions, or interior arrests'.
func (e *engine) Split(bs *model.Branches, n float64) {
	dec := bs.Decision()
	s := sourceStream(procedure.Def(dec[0].T).Source)
	if from, _ := procedure.Ends(dec[0].T); from != procedure.Outside {
		s = decisionStream[from]
	}
	e.countDecide(&e.ds[s], dec, int64(n), e.k)
}

// arrest materialises n arrested people of pathway p who took transition
// tid from a counted state (or from outside, apprehended at the border)
// and adds them to the step's arrivals: their groups drawn from the
// state's counts (or the border's shares), each with the group's mean
// entry into proceedings as its arrest (see takeGroups). Each is a
// priority case with probability Shares.PriorityCases and claims fear
// with probability ClaimShare(p), independently. The people of a group
// differ only in these marks, and the step's arrivals are shuffled
// before they queue, so drawing how many of the group carry each pair of
// marks (a binomial for priority, then one for fear among the priority
// cases and one among the others) and marking that many has the law of
// two draws per person, with three draws per group.
func (e *engine) arrest(p procedure.Pathway, tid procedure.TransitionID, n int64, k int) {
	if n <= 0 {
		return
	}
	n = e.groupsOf(tid, n, k)
	e.fire(tid, n)
	for g, ng := range e.gx {
		if ng > 0 {
			e.arrestGroup(p, tid, g, ng, int(math.Round(e.gt[g])), k)
		}
	}
}

// arrestGroup materialises n people of group g arrested along tid at
// step k, in proceedings since step since (see arrest).
func (e *engine) arrestGroup(p procedure.Pathway, tid procedure.TransitionID, g int, n int64, since, k int) {
	pri := e.ds[sPriority].binomial(n, e.m.Shares.PriorityCases)
	var fearPri, fearStd int64
	if claims := e.m.Rules.ClaimShare(p); claims > 0 {
		fearPri = e.ds[sFearClaim].binomial(pri, claims)
		fearStd = e.ds[sFearClaim].binomial(n-pri, claims)
	}
	for i := range n {
		id := e.newCase(p, procedure.Arrested, k, g)
		c := &e.cases[id]
		c.entry = int32(since)
		switch {
		case i < fearPri:
			c.flags = priority | claimsFear
		case i < pri:
			c.flags = priority
		case i-pri < fearStd:
			c.flags = claimsFear
		}
		e.arrivals = append(e.arrivals, e.ref(id))
		if e.trace != nil {
			e.emit(k, id, tid)
		}
	}
}

// queueArrivals puts the step's arrested people in the bed queues, in a
// random order, and returns how many went to each queue (they are the
// queues' last entries).
func (e *engine) queueArrivals() (added [2 * procedure.NumRanks]int) {
	a := e.arrivals
	e.ds[sShuffle].shuffle(a)
	for _, r := range a {
		qi := e.bedQueue(&e.cases[r.id])
		e.bed[qi].push(r)
		added[qi]++
	}
	e.arrivals = a[:0]
	return added
}

// bedQueue returns the index of the bed queue a case waits in: its rank
// (procedure.BedRank), priority cases first within it.
func (e *engine) bedQueue(c *kase) int {
	i := 2 * procedure.BedRank(c.pathway, c.flags&claimsFear != 0)
	if c.flags&priority == 0 {
		i++
	}
	return i
}

// FreeBeds queues the step's arrested and returns the whole beds free.
func (e *engine) FreeBeds(beds float64) float64 {
	e.added = e.queueArrivals()
	return float64(int64(math.Floor(beds+1e-9)) - e.detained())
}

// Admit admits up to n cases from the queues of rank r in order,
// priority cases first.
func (e *engine) Admit(r int, n float64) float64 {
	var served int64
	for qi := 2 * r; float64(served) < n && qi < 2*r+2; {
		rf, ok := e.bed[qi].pop()
		switch {
		case !ok:
			qi++
		case e.valid(rf):
			served++
			c := &e.cases[rf.id]
			c.admit = int32(e.k)
			e.enter(rf.id, procedure.Admission(c.pathway, c.flags&claimsFear != 0), e.k)
		}
	}
	return float64(served)
}

// Admitted starts the bed-wait clocks of the step's arrivals still
// queued: they are the queues' last entries, and no case left them since
// (the bed queues lose cases only to admission, from the front, and to
// their clocks, which these have yet to start).
func (e *engine) Admitted(n float64) {
	for qi := range e.bed {
		e.startWaits(&e.bed[qi], e.added[qi], e.k)
	}
}

// startWaits starts the bed-wait clocks of the last n cases queued in q,
// or of those of them still there.
func (e *engine) startWaits(q *fifo, n, k int) {
	p := q.pending()
	for _, r := range p[max(0, len(p)-n):] {
		e.scheduleRef(calBedWait, r, k)
	}
}

// End hands the step's sums to the tally.
func (e *engine) End() { e.endStep() }
