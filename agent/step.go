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
	e.phase1 = true
	defer func() { e.phase1 = false }()
	e.countMove(procedure.AtLargeDeparts, e.ds[sAtLargeDeparts].binomial(e.n[procedure.AtLarge], m.AtLargeDeparturePerStep[k]), k)
	e.countMove(procedure.FinalOrderDeparts, e.ds[sFinalOrderDeparts].binomial(e.n[procedure.FinalOrder], m.FinalOrderDeparturePerStep[k]), k)
	e.countMove(procedure.ATDEnds, e.ds[sATDEnds].binomial(e.n[procedure.ATD], P.ATDEnd), k)

	// Travel documents: accepted to the country's queue, refused to a
	// third country. Both release in this same phase: shift −1.
	e.releaseDue(calTravelDoc, k, 0, func(id uint32) procedure.TransitionID {
		if e.ds[sAcceptance].bernoulli(m.Groups[e.cases[id].slot-1].Acceptance) {
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
	// No place under the country's cap, or no third-country slot, within
	// the post-order limit: released.
	e.releaseDue(calCapRelease, k, procedure.CapReleased, nil)
	e.releaseDue(calDesignationRelease, k, procedure.DesignationReleased, nil)

	// Blocked cases go back when their injunction lifts; the others are
	// released when their clock runs out. A case's block can only lift
	// on a step whose injunctions are fewer than the last step's.
	if e.prevMask&^e.mask != 0 {
		e.liftBlocks(k)
	}
	e.releaseDue(calBlockedRelease, k, procedure.BlockedReleased, nil)
}

// releaseDue moves every case whose clock on calendar cal rings at step k
// along tid, or along what to returns for it when to is not nil.
func (e *engine) releaseDue(cal, k int, tid procedure.TransitionID, to func(id uint32) procedure.TransitionID) {
	for _, r := range e.cal[cal].take(k) {
		if !e.valid(r) {
			continue
		}
		if to != nil {
			tid = to(r.id)
		}
		e.enter(r.id, tid, k)
	}
}

// exposeNow handles a case entering a stage with a release clock in
// phase 1 before that stage's release: like flow, it is exposed once in
// this same step (released now with the stage's probability), then, if it
// is still waiting after its queue is served, from the next step on.
func (e *engine) exposeNow(cal int, id uint32, k int) {
	if e.ds[sClock+stream(cal)].bernoulli(e.p[cal]) {
		e.cal[cal].add(k, k, e.ref(id))
		return
	}
	e.fresh[cal] = append(e.fresh[cal], e.ref(id))
}

// startClocks draws the release times of the cases that entered a queue
// this step and are still in it after its service: a geometric number of
// steps ≥ 1 from now. Drawing it only now, rather than at entry, gives the
// same law (nobody can be released between entry and service) and spares
// a calendar entry for every case served at once.
func (e *engine) startClocks(cal int, k int) {
	for _, r := range e.fresh[cal] {
		if e.valid(r) {
			e.schedule(cal, r.id, k, 0)
		}
	}
	e.fresh[cal] = e.fresh[cal][:0]
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
	e.startClocks(calCapRelease, k)
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
	e.startClocks(calDesignationRelease, k)
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
	cr.use(served)
	e.t.Use(c, float64(served), capacity)
}

// serve takes up to units cases from q, first come first served, and
// hands each to do; it returns how many it took. Every capacity but beds
// serves its queue this way.
func (e *engine) serve(q *fifo, units int64, do func(id uint32)) int64 {
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
	m, sh, d := e.m, &e.m.Shares, &e.ds[sBorder]
	// Border: a Poisson number of apprehensions, split over their routes
	// by one multinomial draw; only those handed to ICE are materialised.
	if nb := d.poisson(m.BorderPerStep[k]); nb > 0 {
		br := m.Border(k)
		e.countDecide(d, br[:], nb, k)
	}

	// Interior arrests: the final-order docket first, up to what can be
	// located, then the at-large population.
	capacity := m.ArrestsPerStep[k]
	units := e.arrests.add(capacity)
	// The effort on final orders and the people who can be located are
	// rates, as in flow's min(capacity × effort, docket × located share):
	// credits, not draws, since the mean of the smaller of two draws is
	// below the smaller mean.
	foWant := e.foEffort.add(capacity * sh.FinalOrderEffort)
	located := e.located.add(float64(e.n[procedure.FinalOrder]) * m.Probs.LocateRate)
	fo := min(foWant, located, units)
	e.foEffort.use(fo)
	e.located.use(fo)
	for range fo {
		e.arrest(procedure.InteriorFinalOrder, procedure.FinalOrderLocated, k)
	}
	rest := min(units-fo, e.n[procedure.AtLarge])
	// The arrested are split over pathways by one multinomial draw (the
	// bed queue is shuffled at admission, so the order they are
	// materialised in does not matter).
	in := m.Interior(day)
	e.countDecide(&e.ds[sArrest], in[:], rest, k)
	e.arrests.use(fo + rest)
	custodial := e.ds[sCustodial].binomial(fo+rest, sh.CustodialArrests)
	e.t.Arrests(float64(fo+rest), capacity, float64(custodial), float64(fo+rest-custodial))

	if n := e.ds[sNewEntries].poisson(m.NewEntriesPerStep[k]); n > 0 {
		e.countMove(procedure.NewEntry, n, k)
	}
}

// arrest materialises an arrested person of pathway p who took
// transition tid from a counted state (or from outside, apprehended at
// the border), claiming fear with probability claims, and puts them in
// the bed queue.
func (e *engine) arrest(p procedure.Pathway, tid procedure.TransitionID, k int) {
	if from, _ := procedure.Ends(tid); from != procedure.Outside {
		e.n[from]--
	}
	e.fire(tid, 1)
	id := e.newCase(p, procedure.Arrested, k)
	c := &e.cases[id]
	if claims := e.m.Rules.ClaimShare(p); claims > 0 && e.ds[sFearClaim].bernoulli(claims) {
		c.flags |= claimsFear
	}
	if e.ds[sPriority].bernoulli(e.m.Shares.PriorityCases) {
		c.flags |= priority
	}
	e.arrivals = append(e.arrivals, e.ref(id))
	if e.trace != nil {
		e.emit(k, id, tid)
	}
	e.fresh[calBedWait] = append(e.fresh[calBedWait], e.ref(id))
}

// queueArrivals puts the step's arrested people in the bed queues, in a
// random order (Fisher–Yates on the replication's stream).
func (e *engine) queueArrivals() {
	a := e.arrivals
	for i := len(a) - 1; i > 0; i-- {
		j := int(e.ds[sShuffle].pcg.Uint64() % uint64(i+1))
		a[i], a[j] = a[j], a[i]
	}
	for _, r := range a {
		if e.cases[r.id].flags&priority != 0 {
			e.bedPri.push(r)
		} else {
			e.bedStd.push(r)
		}
	}
	e.arrivals = a[:0]
}

// admit is phase 4: free beds take people from the bed queue, priority
// cases first.
func (e *engine) admit(k int) {
	e.queueArrivals()
	q := e.n[procedure.Arrested]
	if q == 0 {
		e.startClocks(calBedWait, k)
		return
	}
	free := int64(math.Floor(e.m.Beds[k]+1e-9)) - e.detained()
	var served int64
	for served < min(q, free) {
		r, ok := e.bedPri.pop()
		if !ok {
			if r, ok = e.bedStd.pop(); !ok {
				break
			}
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
	e.startClocks(calBedWait, k)
}
