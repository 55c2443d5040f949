package agent

import (
	"math"

	"github.com/removalsim/removalsim/procedure"
)

// step advances one step k, in flow's phase order (see flow/step.go).
func (e *engine) step(k int) {
	m := e.m
	day := k / e.spd
	e.prevMask, e.mask = e.mask, m.Rules.Enjoinment(day)
	e.releaseDelays(k)
	e.serveJudges(k)
	e.serveScreenings(k)
	e.serveCountryCaps(k)
	e.serveThirdCountries(k)
	e.serveDepartures(k, procedure.FlightRemoval, procedure.FlightEnjoined, &e.flight, &e.divertAir, m.SeatsPerStep[k], &e.seats)
	e.serveDepartures(k, procedure.LandRemoval, procedure.LandEnjoined, &e.land, &e.divertLand, m.LandPerStep[k], &e.landSlots)
	e.arrive(k, day)
	e.admit(k)
	e.endStep()
}

// releaseDelays is phase 1: the stages release the cases due now, in
// flow's order.
func (e *engine) releaseDelays(k int) {
	m, P := e.m, &e.m.Probs
	e.countMove(procedure.AtLargeDeparts, e.ds[sAtLargeDeparts].binomial(e.n[procedure.AtLarge], m.AtLargeDeparturePerStep[k]), k)
	e.countMove(procedure.FinalOrderDeparts, e.ds[sFinalOrderDeparts].binomial(e.n[procedure.FinalOrder], m.FinalOrderDeparturePerStep[k]), k)
	if P.OrderAging > 0 {
		e.countMove(procedure.StaleOrderDeparts, e.ds[sStaleOrderDeparts].binomial(e.n[procedure.FinalOrderStale], m.FinalOrderDeparturePerStep[k]), k)
		e.countMove(procedure.FinalOrderAges, e.ds[sOrderAging].binomial(e.n[procedure.FinalOrder], P.OrderAging), k)
	}
	e.countMove(procedure.ATDEnds, e.ds[sATDEnds].binomial(e.n[procedure.ATD], P.ATDEnd), k)

	// Travel documents: accepted to the country's queue, refused to a
	// third country. Both release in this same phase: shift −1.
	e.releaseDue(calTravelDoc, k, 0, func(id uint32) procedure.TransitionID {
		if e.cases[id].flags&accepts != 0 {
			return procedure.DocumentAccepted
		}
		return procedure.DocumentRefused
	})
	e.releaseDue(calAppeal, k, 0, func(uint32) procedure.TransitionID { return e.ds[sAppeal].choose(m.Decisions.Appeal) })
	e.releaseDue(calDocket, k, procedure.DocketReady, nil)
	// Notice windows close: claims go to screening, the rest to a flight.
	e.releaseDue(calNotice, k, 0, func(uint32) procedure.TransitionID { return e.ds[sNotice].choose(m.Decisions.Notice) })
	// No bed within the wait: people with orders go back to the docket of
	// final orders, the others are released on ATD.
	e.releaseDue(calBedWait, k, 0, func(id uint32) procedure.TransitionID {
		return procedure.BedWaitRelease(e.cases[id].pathway)
	})
	// Blocked cases go back when their injunction lifts. A case's block
	// can only lift on a step whose injunctions are fewer than the last
	// step's.
	if e.prevMask&^e.mask != 0 {
		e.liftBlocks(k)
	}
	// Nobody is held after an order beyond the post-order limit.
	e.releaseDeadlines(k)
}

// releaseDeadlines releases the cases whose post-order clock reaches the
// limit at step k, from whichever post-order state they are in, along
// its Deadline transition. An entry whose case has left post-order
// detention, or started a new clock since (a new order after a court
// referral, or a new case in a freed record), is skipped.
func (e *engine) releaseDeadlines(k int) {
	for _, r := range e.cal[calDeadline].take(k) {
		e.releaseDeadline(r, k)
	}
	due := e.deadlines.due(k)
	var sum uint32 // as touch: the records' cache misses overlap
	for _, t := range due {
		sum += e.cases[t.r.id].ver
	}
	e.touched += sum
	for _, t := range due {
		e.releaseDeadline(t.r, k)
	}
}

// releaseDeadline releases the case of a post-order clock that rings at
// step k if it is still held after the order that started the clock.
func (e *engine) releaseDeadline(r ref, k int) {
	c := &e.cases[r.id]
	if c.state.PostOrder() && uint32(c.order) == r.ver {
		e.enter(r.id, procedure.DeadlineRelease(c.state), k)
	}
}

// releaseDue moves every case whose clock on calendar cal rings at step k
// along tid, or along what to returns for it when to is not nil.
func (e *engine) releaseDue(cal, k int, tid procedure.TransitionID, to func(id uint32) procedure.TransitionID) {
	due := e.cal[cal].take(k)
	e.touch(due)
	for _, r := range due {
		if !e.valid(r) {
			continue
		}
		if to != nil {
			tid = to(r.id)
		}
		e.enter(r.id, tid, k)
	}
}

// liftBlocks sends blocked cases no longer enjoined back to their removal
// queue and compacts the blocked list.
func (e *engine) liftBlocks(k int) {
	keep := e.blocked[:0]
	for _, r := range e.blocked {
		if !e.valid(r) {
			continue
		}
		if e.enjoined(&e.cases[r.id]) {
			keep = append(keep, r)
			continue
		}
		e.toRemoval(r.id, procedure.BlockLiftedToFlight, procedure.BlockLiftedToLand, k)
	}
	e.blocked = keep
}

// serveJudges is phase 2a: judges decide detained cases first, then the
// non-detained docket with what capacity is left, one draw per decision.
func (e *engine) serveJudges(k int) {
	m := e.m
	capacity := m.JudgePerStep[k]
	units := e.judges.add(capacity)
	served := e.serve(&e.court, units, func(id uint32) {
		e.enter(id, e.ds[sCourt].choose(m.Decisions.Court), k)
	})
	rest := min(units-served, e.n[procedure.InProceedings])
	e.countDecide(&e.ds[sDocket], m.Decisions.Docket, rest, k)
	e.judges.use(served + rest)
	e.t.Use(procedure.Judges, float64(served+rest), capacity)
}

// serveScreenings is phase 2b: asylum officers screen credible-fear and
// third-country cases, first come first served, from one capacity.
func (e *engine) serveScreenings(k int) {
	m := e.m
	capacity := m.ScreenPerStep[k]
	served := e.serve(&e.screen, e.screens.add(capacity), func(id uint32) {
		if e.cases[id].state == procedure.FearScreening {
			e.enter(id, e.ds[sFearScreen].choose(m.Decisions.FearScreen), k)
		} else {
			e.enter(id, e.ds[sThirdScreen].choose(m.Decisions.ThirdScreen), k)
		}
	})
	e.screens.use(served)
	e.t.Use(procedure.AsylumOfficers, float64(served), capacity)
}

// serveCountryCaps is phase 2c: each group accepts up to its cap.
func (e *engine) serveCountryCaps(k int) {
	for gi := range e.m.Groups {
		capacity := e.m.Groups[gi].CapPerStep[k]
		capped := !math.IsInf(capacity, 1)
		units := int64(math.MaxInt64)
		if capped {
			units = e.caps[gi].add(capacity)
		}
		served := e.serve(&e.country[gi], units, func(id uint32) {
			e.toRemoval(id, procedure.CapToFlight, procedure.CapToLand, k)
		})
		if capped {
			e.caps[gi].use(served)
			e.t.Use(procedure.CountryCaps, float64(served), capacity)
		}
	}
}

// serveThirdCountries is phase 2d: slots with assurances are used first;
// a slot without assurances needs a notice when the rules require
// assurances.
func (e *engine) serveThirdCountries(k int) {
	m := e.m
	a, u := m.ThirdAssuredPerStep[k], m.ThirdUnassuredPerStep[k]
	q := e.n[procedure.ThirdCountryDesignation]
	na := min(q, e.assured.add(a))
	nu := min(q-na, e.unassured.add(u))
	e.t.Use(procedure.ThirdCountrySlots, float64(na+nu), a+u)
	i, unassured := int64(0), m.Rules.Unassured()
	e.serve(&e.tcd, na+nu, func(id uint32) {
		if i++; i <= na {
			e.enter(id, procedure.AssuredSlot, k)
		} else {
			e.enter(id, unassured, k)
		}
	})
	e.assured.use(na)
	e.unassured.use(nu)
}

// serveDepartures is phase 2e/f: enjoined cases are diverted to Blocked,
// then seats (or land slots) remove people.
func (e *engine) serveDepartures(k int, removal, enjoined procedure.TransitionID, q *fifo, divert *[]ref, capacity float64, cr *credit) {
	c := procedure.Def(removal).Capacity
	if gained := e.mask &^ e.prevMask; gained != 0 {
		// New injunctions today: queued cases they reach are diverted.
		keep := q.pending()[:0]
		for _, r := range q.pending() {
			if !e.valid(r) {
				continue
			}
			if e.enjoined(&e.cases[r.id]) {
				*divert = append(*divert, r)
				continue
			}
			keep = append(keep, r)
		}
		q.reset(keep)
	}
	for _, r := range *divert {
		if !e.valid(r) {
			continue
		}
		e.enter(r.id, enjoined, k)
	}
	*divert = (*divert)[:0]
	served := e.serve(q, cr.add(capacity), func(id uint32) { e.remove(id, removal, k) })
	e.left[c] = float64(*cr) - float64(served)
	cr.use(served)
	e.t.Use(c, float64(served), capacity)
}

// serve takes up to units cases from q, first come first served, and
// hands each to do; it returns how many it took. Every capacity but beds
// serves its queue this way.
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
	ttr := int64(k) - int64(c.arrest)
	e.remN[p][c.slot]++
	e.remTTR[p][c.slot] += ttr
	days := int(ttr / int64(e.spd))
	e.t.RemovalCase(p, days)
	h := e.ttrHist[p]
	for len(h) <= days {
		h = append(h, 0)
	}
	h[days]++
	e.ttrHist[p] = h
	e.ttrSteps[p] += ttr
	e.ttrN[p]++
	e.leave(id, removal, k)
}

// arrive is phase 3: border apprehensions, interior arrests, new entries.
func (e *engine) arrive(k, day int) {
	m, d := e.m, &e.ds[sBorder]
	// Border: a Poisson number of apprehensions, split over their routes
	// by one multinomial draw; only those handed to ICE are materialised.
	if nb := d.poisson(m.BorderPerStep[k]); nb > 0 {
		br := m.Border(k)
		e.countDecide(d, br[:], nb, k)
	}

	// Interior arrests, as model.InteriorArrests finds them from the
	// counts: each kind's expected number is credited in whole people
	// (credits, not draws, as flow's min(effort, located) would be
	// biased low by the smaller of two draws).
	a := m.InteriorArrests(k, float64(e.n[procedure.AtLarge]), float64(e.n[procedure.FinalOrder]), float64(e.n[procedure.FinalOrderStale]))
	fo := min(e.located.add(a.FinalOrder), e.n[procedure.FinalOrder])
	e.located.use(fo)
	e.arrest(procedure.InteriorFinalOrder, procedure.FinalOrderLocated, fo, k)
	stale := min(e.staleLocated.add(a.StaleOrder), e.n[procedure.FinalOrderStale])
	e.staleLocated.use(stale)
	e.arrest(procedure.InteriorFinalOrder, procedure.StaleOrderLocated, stale, k)
	var n [3]int64
	for i, x := range [3]struct {
		t  procedure.TransitionID
		cr *credit
		v  float64
	}{{procedure.CustodialTransfer, &e.custodial, a.Custodial}, {procedure.InteriorArrest, &e.arrests, a.AtLarge}, {procedure.CollateralArrest, &e.collateral, a.Collateral}} {
		n[i] = min(x.cr.add(x.v), e.n[procedure.AtLarge])
		x.cr.use(n[i])
		if n[i] > 0 {
			// The arrested are split over pathways by one multinomial
			// draw (the bed queue is shuffled at admission, so the
			// order they are materialised in does not matter).
			in := m.InteriorBy(day, x.t)
			e.countDecide(&e.ds[sArrest], in[:], n[i], k)
		}
	}
	e.removeUnbooked(&a, k)
	total := fo + stale + n[0] + n[1] + n[2]
	custodial := n[0]
	if m.CustodialPoolPerStep == nil {
		custodial = e.ds[sCustodial].binomial(total, m.Shares.CustodialArrests)
	}
	e.t.Arrests(a.Used, m.ArrestsPerStep[k], float64(custodial), float64(total-custodial))
	e.t.Use(procedure.CustodialPool, float64(n[0]), a.Pool)

	if n := e.ds[sNewEntries].poisson(m.NewEntriesPerStep[k]); n > 0 {
		e.countMove(procedure.NewEntry, n, k)
	}
}

// arrest materialises n arrested people of pathway p who took transition
// tid from a counted state (or from outside, apprehended at the border)
// and adds them to the step's arrivals. Each is a priority case with
// probability Shares.PriorityCases and claims fear with probability
// ClaimShare(p), independently. The n people differ only in these marks,
// and the step's arrivals are shuffled before they queue, so drawing how
// many carry each pair of marks (a binomial for priority, then one for
// fear among the priority cases and one among the others) and marking
// that many has the law of two draws per person, with three draws in
// all.
func (e *engine) arrest(p procedure.Pathway, tid procedure.TransitionID, n int64, k int) {
	if n <= 0 {
		return
	}
	pri := e.ds[sPriority].binomial(n, e.m.Shares.PriorityCases)
	var fearPri, fearStd int64
	if claims := e.m.Rules.ClaimShare(p); claims > 0 {
		fearPri = e.ds[sFearClaim].binomial(pri, claims)
		fearStd = e.ds[sFearClaim].binomial(n-pri, claims)
	}
	if from, _ := procedure.Ends(tid); from != procedure.Outside {
		e.n[from] -= n
	}
	e.fire(tid, n)
	for i := range n {
		id := e.newCase(p, procedure.Arrested, k)
		c := &e.cases[id]
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

// admit is phase 4: free beds take people from the bed queues, nearest
// removal first (procedure.NearestRemovalFirst).
func (e *engine) admit(k int) {
	added := e.queueArrivals()
	q := e.n[procedure.Arrested]
	free := int64(math.Floor(e.m.Beds[k]+1e-9)) - e.detained()
	var served int64
	qi := 0
	for served < min(q, free) && qi < len(e.bed) {
		r, ok := e.bed[qi].pop()
		if !ok {
			qi++
			continue
		}
		if !e.valid(r) {
			continue
		}
		served++
		c := &e.cases[r.id]
		c.admit = int32(k)
		e.enter(r.id, procedure.Admission(c.pathway, c.flags&claimsFear != 0), k)
	}
	e.admitted += served
	// The step's arrivals still queued start their bed-wait clocks: they
	// are the queues' last entries, and no case left them since (the
	// bed queues lose cases only to admission, from the front, and to
	// their clocks, which these have yet to start).
	for qi := range e.bed {
		e.startWaits(&e.bed[qi], added[qi], k)
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
