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
	if day > e.enjThrough {
		e.enj, e.enjThrough = m.Rules.EnjoinmentThrough(day)
	}
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
	if P.OrderAging > 0 {
		e.releaseCounted(procedure.StaleOrderDeparts, m.FinalOrderDeparturePerStep[k])
		e.releaseCounted(procedure.FinalOrderAges, P.OrderAging)
	}
	e.releaseCounted(procedure.ATDEnds, P.ATDEnd)

	// Travel documents: accepted to the country's queue, refused to a
	// third country.
	td := e.st[procedure.TravelDocument]
	accepted, refused := e.mover(procedure.DocumentAccepted), e.mover(procedure.DocumentRefused)
	for _, c := range e.active[procedure.TravelDocument] {
		if td[c].n != 0 {
			g := &m.Groups[e.slotOf(c)-1]
			x := td[c].take(g.TravelDocProb)
			accepted.move(c, x.scale(g.Acceptance))
			refused.move(c, x.scale(1-g.Acceptance))
		}
	}
	accepted.done()
	refused.done()
	e.decideAll(procedure.Appeal, m.Decisions.Appeal, P.Appeal)
	e.release(procedure.DocketReady, P.DetainedCase)
	// Notice windows close: claims go to screening, the rest to a flight.
	e.decideAll(procedure.NoticeServed, m.Decisions.Notice, P.Notice)
	// No bed within the wait: people with orders go back to the docket of
	// final orders, the others are released on ATD.
	ar := e.st[procedure.Arrested]
	for _, c := range e.active[procedure.Arrested] {
		if ar[c].n != 0 {
			e.move(&e.into[procedure.BedWaitRelease(e.pathwayOf(c))], c, ar[c].take(P.BedWaitRelease))
		}
	}
	// Blocked cases go back when their injunction lifts (the post-order
	// limit releases the others, below).
	bl := e.st[procedure.Blocked]
	toFlight, toLand := e.mover(procedure.BlockLiftedToFlight), e.mover(procedure.BlockLiftedToLand)
	for _, c := range e.active[procedure.Blocked] {
		if bl[c].n == 0 {
			continue
		}
		switch {
		case e.enj&e.classEnj[c] != 0:
		case e.classByAir[c]:
			toFlight.move(c, bl[c].take(1))
		default:
			toLand.move(c, bl[c].take(1))
		}
	}
	toFlight.done()
	toLand.done()
	e.record(now)
	// Nobody is held after an order beyond the post-order limit.
	e.releaseDeadlines(k, now)
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
	served := min(q, capacity)
	if served > 0 {
		e.decideAll(procedure.CourtQueue, m.Decisions.Court, served/q)
	}
	rest := min(*e.inProc, capacity-served)
	if rest > 0 {
		*e.inProc -= rest
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
	served := min(q, capacity)
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
	toFlight, toLand := e.mover(procedure.CapToFlight), e.mover(procedure.CapToLand)
	for gi := range e.m.Groups {
		g := &e.m.Groups[gi]
		q := 0.0
		for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
			q += cq[e.cls(p, 1+gi)].n
		}
		capacity := g.CapPerStep[k]
		served := min(q, capacity)
		if !math.IsInf(capacity, 1) {
			e.t.Use(procedure.CountryCaps, served, capacity)
		}
		if served <= 0 {
			continue
		}
		mv := &toLand
		if g.NeedsFlight {
			mv = &toFlight
		}
		for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
			c := e.cls(p, 1+gi)
			mv.move(c, cq[c].take(served/q))
		}
	}
	toFlight.done()
	toLand.done()
	e.record(now)
}

// serveThirdCountries is phase 2d: slots with assurances are used first;
// a slot without assurances needs a notice when the rules require
// assurances.
func (e *engine) serveThirdCountries(k int, now float64) {
	m := e.m
	a, u := m.ThirdAssuredPerStep[k], m.ThirdUnassuredPerStep[k]
	q := e.total(procedure.ThirdCountryDesignation)
	sa := min(q, a)
	su := min(q-sa, u)
	e.t.Use(procedure.ThirdCountrySlots, sa+su, a+u)
	if sa+su <= 0 {
		return
	}
	// Served oldest first (see oldestFirst). The designated have no
	// destination yet: their class is their pathway's slotNone.
	fa := sa / (sa + su)
	assured, unassured := &e.into[procedure.AssuredSlot], &e.into[m.Rules.Unassured()]
	e.oldestFirst(procedure.ThirdCountryDesignation, sa+su, func(c int, x lot) {
		c0 := e.cls(e.pathwayOf(c), slotNone)
		e.move(assured, c0, x.scale(fa))
		e.move(unassured, c0, x.scale(1-fa))
	})
	e.record(now)
}

// serveDepartures is phase 2e/f: enjoined cases are diverted to Blocked,
// then seats (or land slots) remove people.
func (e *engine) serveDepartures(removal, enjoined procedure.TransitionID, capacity, now float64) {
	from, c := procedure.Def(removal).From, procedure.Def(removal).Capacity
	st := e.st[from]
	if e.enj != 0 {
		mv := e.mover(enjoined)
		for _, cl := range e.enjoined(from) {
			if st[cl].n != 0 {
				mv.move(cl, st[cl].take(1))
			}
		}
		mv.done()
		e.record(now)
	}
	q := e.total(from)
	served := min(q, capacity)
	e.left[c] = capacity - served
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
		e.po.move(from, cl, procedure.Removed, 0, x.n)
		e.t.RemovalFrom(p, slot, x.n, x.n*now-x.arr)
		out.add(x)
	}
	e.discharge(removal, out, now)
}

// admit is phase 2i: free beds take people from the bed queue, nearest
// removal first (procedure.NearestRemovalFirst): each rank in turn takes
// what beds are left, in proportion across its classes.
func (e *engine) admit(k int, now float64) {
	ar := e.st[procedure.Arrested]
	var q [procedure.NumRanks]float64
	total := 0.0
	for _, c := range e.active[procedure.Arrested] {
		q[e.bedRank(c)] += ar[c].n
		total += ar[c].n
	}
	if total <= 0 {
		return
	}
	// The tally keeps the detained count as the moves happen; summing the
	// twelve detained states' classes here would cost more than the rest
	// of the step's bookkeeping.
	free := max(0, e.m.Beds[k]-e.t.Detained())
	var f [procedure.NumRanks]float64
	served := 0.0
	for r := range q {
		s := min(q[r], free-served)
		if s > 0 {
			f[r] = s / q[r]
			served += s
		}
	}
	if served <= 0 {
		return
	}
	for _, c := range e.active[procedure.Arrested] {
		if ar[c].n == 0 || f[e.bedRank(c)] == 0 {
			continue
		}
		x := ar[c].take(f[e.bedRank(c)])
		x.adm = x.n * now
		e.move(e.classAdmit[c], c, x)
	}
	e.record(now)
	e.t.Admit(served)
}

// bedRank is the rank in the bed queue of class c of Arrested.
func (e *engine) bedRank(c int) int { return int(e.classRank[c]) }

// arrive is phase 2h: border apprehensions, interior arrests, new entries.
func (e *engine) arrive(k int, now float64, day int) {
	m := e.m
	if b := m.BorderPerStep[k]; b > 0 {
		br := m.Border(k)
		e.arriveBy(br[:], b, now)
	}
	// Interior arrests, as model.InteriorArrests finds them: custodial
	// transfers, the final-order docket, at-large targets, collateral.
	stale := e.count(procedure.FinalOrderStale)
	a := m.InteriorArrests(k, *e.atLarge, *e.finalOrder, *stale)
	*e.finalOrder -= a.FinalOrder
	*stale -= a.StaleOrder
	e.arriveBy(model.Decision{{T: procedure.FinalOrderLocated, Share: 1, Pathway: procedure.InteriorFinalOrder}}, a.FinalOrder, now)
	e.arriveBy(model.Decision{{T: procedure.StaleOrderLocated, Share: 1, Pathway: procedure.InteriorFinalOrder}}, a.StaleOrder, now)
	for _, x := range [...]struct {
		t procedure.TransitionID
		n float64
	}{{procedure.CustodialTransfer, a.Custodial}, {procedure.InteriorArrest, a.AtLarge}, {procedure.CollateralArrest, a.Collateral}} {
		if x.n > 0 {
			*e.atLarge -= x.n
			in := m.InteriorBy(day, x.t)
			e.arriveBy(in[:], x.n, now)
		}
	}
	e.removeUnbooked(&a)
	custodial, atLarge := m.Reported(&a)
	e.t.Arrests(a.Used, m.ArrestsPerStep[k], custodial, atLarge)
	e.t.Use(procedure.CustodialPool, a.Custodial, a.Pool)
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
		e.accN[b.T] += x
		e.accSet |= 1 << b.T
		claims := e.m.Rules.ClaimShare(b.Pathway)
		e.put(procedure.Arrested, e.cls(b.Pathway, slotClaims), lot{n: x * claims, arr: x * claims * now})
		e.put(procedure.Arrested, e.cls(b.Pathway, slotNone), lot{n: x * (1 - claims), arr: x * (1 - claims) * now})
	}
}
