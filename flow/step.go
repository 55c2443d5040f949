package flow

import (
	"math"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// step advances the model by one step k.
func (e *engine) step(k int) {
	m := e.m
	now := float64(k) / float64(m.StepsPerDay)
	day := k / m.StepsPerDay
	e.enj = m.Rules.Enjoinment(day)
	e.releaseDelays(k, now)
	e.serveJudges(k, now)
	e.serveScreenings(k, now)
	e.serveCountryCaps(k, now)
	e.serveThirdCountries(k, now)
	e.serveDepartures(procedure.FlightRemoval, procedure.FlightEnjoined, m.SeatsPerStep[k], now)
	e.serveDepartures(procedure.LandRemoval, procedure.LandEnjoined, m.LandPerStep[k], now)
	e.arrive(k, now, day)
	e.admit(k, now)
	e.flushTravelDoc()
	e.t.EndStep()
}

// releaseDelays is phase 1: delay stages and reneging, from the stocks as
// they stand at the step's start. Stages that feed other delay stages run
// after them, so nobody passes two stages in one step.
func (e *engine) releaseDelays(k int, now float64) {
	m, P := e.m, &e.m.Probs
	e.releaseCounted(procedure.AtLargeDeparts, m.AtLargeDeparturePerStep[k])
	e.releaseCounted(procedure.FinalOrderDeparts, m.FinalOrderDeparturePerStep[k])
	e.releaseCounted(procedure.ATDEnds, P.ATDEnd)

	// Travel documents: accepted to the country's queue, refused to a
	// third country.
	td := e.st[procedure.TravelDocument]
	for _, c := range e.active[procedure.TravelDocument] {
		if td[c].n != 0 {
			g, p, slot := &m.Groups[e.slotOf(c)-1], e.pathwayOf(c), e.slotOf(c)
			x := td[c].take(g.TravelDocProb)
			e.enter(procedure.DocumentAccepted, p, slot, x.scale(g.Acceptance))
			e.enter(procedure.DocumentRefused, p, slot, x.scale(1-g.Acceptance))
		}
	}
	e.decideAll(procedure.Appeal, m.Decisions.Appeal, P.Appeal)
	e.release(procedure.DocketReady, P.DetainedCase)
	// Notice windows close: claims go to screening, the rest to a flight.
	e.decideAll(procedure.NoticeServed, m.Decisions.Notice, P.Notice)
	// No bed within the wait: people with orders go back to the docket of
	// final orders, the others are released on ATD.
	ar := e.st[procedure.Arrested]
	for _, c := range e.active[procedure.Arrested] {
		if ar[c].n != 0 {
			e.enter(procedure.BedWaitRelease(e.pathwayOf(c)), e.pathwayOf(c), e.slotOf(c), ar[c].take(P.BedWaitRelease))
		}
	}
	// No place under the country's cap, or no third-country slot, within
	// the post-order limit: released.
	e.release(procedure.CapReleased, P.BlockedRelease)
	e.release(procedure.DesignationReleased, P.BlockedRelease)
	// Blocked cases go back when their injunction lifts; otherwise some
	// are released.
	bl := e.st[procedure.Blocked]
	for _, c := range e.active[procedure.Blocked] {
		if bl[c].n == 0 {
			continue
		}
		p, slot := e.pathwayOf(c), e.slotOf(c)
		switch {
		case e.enj.Has(p, m.Destination(slot)):
			e.enter(procedure.BlockedReleased, p, slot, bl[c].take(P.BlockedRelease))
		case e.m.ByAir(slot):
			e.enter(procedure.BlockLiftedToFlight, p, slot, bl[c].take(1))
		default:
			e.enter(procedure.BlockLiftedToLand, p, slot, bl[c].take(1))
		}
	}
	e.record(now)
}

// discharge records people leaving detention by transition id to a state
// outside detention (the caller has updated any scalar stock).
func (e *engine) discharge(id procedure.TransitionID, l lot, now float64) {
	if l.n == 0 {
		return
	}
	e.t.Fire(id, l.n)
	e.t.Discharge(l.n, l.n*now-l.adm)
}

// serveJudges is phase 2a: judges decide detained cases first, then the
// non-detained docket with what capacity is left.
func (e *engine) serveJudges(k int, now float64) {
	m := e.m
	capacity := m.JudgePerStep[k]
	q := e.total(procedure.CourtQueue)
	served := math.Min(q, capacity)
	if served > 0 {
		e.decideAll(procedure.CourtQueue, m.Decisions.Court, served/q)
	}
	rest := math.Min(e.inProc, capacity-served)
	if rest > 0 {
		e.inProc -= rest
		e.decide(m.Decisions.Docket, 0, lot{n: rest})
	} else {
		rest = 0
	}
	e.record(now)
	e.t.Use(procedure.Judges, served+rest, capacity)
}

// serveScreenings is phase 2b: asylum officers screen credible-fear and
// third-country cases from one shared capacity.
func (e *engine) serveScreenings(k int, now float64) {
	m := e.m
	capacity := m.ScreenPerStep[k]
	q := e.total(procedure.FearScreening) + e.total(procedure.ThirdCountryScreening)
	served := math.Min(q, capacity)
	e.t.Use(procedure.AsylumOfficers, served, capacity)
	if served <= 0 {
		return
	}
	e.decideAll(procedure.FearScreening, m.Decisions.FearScreen, served/q)
	e.decideAll(procedure.ThirdCountryScreening, m.Decisions.ThirdScreen, served/q)
	e.record(now)
}

// serveCountryCaps is phase 2c: each group accepts up to its cap.
func (e *engine) serveCountryCaps(k int, now float64) {
	cq := e.st[procedure.CountryQueue]
	for gi := range e.m.Groups {
		g := &e.m.Groups[gi]
		q := 0.0
		for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
			q += cq[e.cls(p, 1+gi)].n
		}
		capacity := g.CapPerStep[k]
		served := math.Min(q, capacity)
		if !math.IsInf(capacity, 1) {
			e.t.Use(procedure.CountryCaps, served, capacity)
		}
		if served <= 0 {
			continue
		}
		tid := procedure.CapToLand
		if g.NeedsFlight {
			tid = procedure.CapToFlight
		}
		for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
			e.enter(tid, p, 1+gi, cq[e.cls(p, 1+gi)].take(served/q))
		}
	}
	e.record(now)
}

// serveThirdCountries is phase 2d: slots with assurances are used first;
// a slot without assurances needs a notice when the rules require
// assurances.
func (e *engine) serveThirdCountries(k int, now float64) {
	m := e.m
	a, u := m.ThirdAssuredPerStep[k], m.ThirdUnassuredPerStep[k]
	tcd := e.st[procedure.ThirdCountryDesignation]
	q := e.total(procedure.ThirdCountryDesignation)
	sa := math.Min(q, a)
	su := math.Min(q-sa, u)
	e.t.Use(procedure.ThirdCountrySlots, sa+su, a+u)
	if sa+su <= 0 {
		return
	}
	f, fa := (sa+su)/q, sa/(sa+su)
	unassured := m.Rules.Unassured()
	for _, c := range e.active[procedure.ThirdCountryDesignation] {
		if tcd[c].n != 0 {
			x, p := tcd[c].take(f), e.pathwayOf(c)
			e.enter(procedure.AssuredSlot, p, slotNone, x.scale(fa))
			e.enter(unassured, p, slotNone, x.scale(1-fa))
		}
	}
	e.record(now)
}

// serveDepartures is phase 2e/f: enjoined cases are diverted to Blocked,
// then seats (or land slots) remove people.
func (e *engine) serveDepartures(removal, enjoined procedure.TransitionID, capacity, now float64) {
	m := e.m
	from, c := procedure.Def(removal).From, procedure.Def(removal).Capacity
	st := e.st[from]
	if e.enj != 0 {
		for _, cl := range e.active[from] {
			p, slot := e.pathwayOf(cl), e.slotOf(cl)
			if st[cl].n != 0 && e.enj.Has(p, m.Destination(slot)) {
				e.enter(enjoined, p, slot, st[cl].take(1))
			}
		}
		e.record(now)
	}
	q := e.total(from)
	served := math.Min(q, capacity)
	e.t.Use(c, served, capacity)
	if served <= 0 {
		return
	}
	f := served / q
	var out lot
	for _, cl := range e.active[from] {
		if st[cl].n == 0 {
			continue
		}
		x := st[cl].take(f)
		p, slot := e.pathwayOf(cl), e.slotOf(cl)
		e.t.RemovalFrom(p, slot, x.n, x.n*now-x.arr)
		out.add(x)
	}
	e.discharge(removal, out, now)
}

// admit is phase 2i: free beds take people from the bed queue.
func (e *engine) admit(k int, now float64) {
	ar := e.st[procedure.Arrested]
	q := e.total(procedure.Arrested)
	if q <= 0 {
		return
	}
	// The tally keeps the detained count as the moves happen; summing the
	// twelve detained states' classes here would cost more than the rest
	// of the step's bookkeeping.
	served := math.Min(q, math.Max(0, e.m.Beds[k]-e.t.Detained()))
	if served <= 0 {
		return
	}
	f := served / q
	for _, c := range e.active[procedure.Arrested] {
		if ar[c].n == 0 {
			continue
		}
		x := ar[c].take(f)
		x.adm = x.n * now
		p, slot := e.pathwayOf(c), e.slotOf(c)
		e.enter(procedure.Admission(p, slot == slotClaims), p, slot, x)
	}
	e.record(now)
	e.t.Admit(served)
}

// arrive is phase 2h: border apprehensions, interior arrests, new entries.
func (e *engine) arrive(k int, now float64, day int) {
	m, sh := e.m, &e.m.Shares
	if b := m.BorderPerStep[k]; b > 0 {
		br := m.Border(k)
		e.arriveBy(br[:], b, now)
	}
	// Interior arrests: the final-order docket first, up to what can be
	// located, then the at-large population.
	capacity := m.ArrestsPerStep[k]
	fo := math.Min(capacity*sh.FinalOrderEffort, e.finalOrder*m.Probs.LocateRate)
	e.finalOrder -= fo
	e.arriveBy(model.Decision{{T: procedure.FinalOrderLocated, Share: 1, Pathway: procedure.InteriorFinalOrder}}, fo, now)
	rest := math.Min(capacity-fo, e.atLarge)
	e.atLarge -= rest
	in := m.Interior(day)
	e.arriveBy(in[:], rest, now)
	e.t.Arrests(fo+rest, capacity, (fo+rest)*sh.CustodialArrests, (fo+rest)*(1-sh.CustodialArrests))
	if n := m.NewEntriesPerStep[k]; n > 0 {
		e.arriveBy(model.Decision{{T: procedure.NewEntry, Share: 1}}, n, now)
	}
	e.record(now)
}

// arriveBy splits n people (taken from their source by the caller) over
// the branches of dec: the arrested join the bed queue, the share who
// claim fear marked as such; the others enter their counted or terminal
// state.
func (e *engine) arriveBy(dec model.Decision, n, now float64) {
	for _, b := range dec {
		x := n * b.Share
		if _, to := procedure.Ends(b.T); to != procedure.Arrested {
			e.enter(b.T, 0, slotNone, lot{n: x})
			continue
		}
		if x <= 0 {
			continue
		}
		e.acc[b.T].n += x
		e.accSet |= 1 << b.T
		claims := e.m.Rules.ClaimShare(b.Pathway)
		e.put(procedure.Arrested, e.cls(b.Pathway, slotClaims), lot{n: x * claims, arr: x * claims * now})
		e.put(procedure.Arrested, e.cls(b.Pathway, slotNone), lot{n: x * (1 - claims), arr: x * (1 - claims) * now})
	}
}
