package flow

import (
	"math"

	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/tally"
)

// step advances the model by one step k.
func (e *engine) step(k int) {
	m := e.m
	now := float64(k) / float64(m.StepsPerDay)
	day := k / m.StepsPerDay
	e.releaseDelays(now, day)
	e.serveJudges(k, now)
	e.serveScreenings(k, now)
	e.serveCountryCaps(k)
	e.serveThirdCountries(k)
	e.serveDepartures(procedure.FlightRemoval, procedure.FlightEnjoined, m.SeatsPerStep[k], now, day)
	e.serveDepartures(procedure.LandRemoval, procedure.LandEnjoined, m.LandPerStep[k], now, day)
	e.arrive(k, now, day)
	e.admit(k, now)
	e.flushTravelDoc()
	e.t.EndStep()
}

// scalarMove moves the fraction f of a scalar stock along transition id
// and records it.
func (e *engine) scalarMove(stock *float64, id procedure.TransitionID, f float64) float64 {
	x := *stock * f
	if x == 0 {
		return 0
	}
	*stock -= x
	e.t.Fire(id, x)
	return x
}

// releaseDelays is phase 1: delay stages and reneging, from the stocks as
// they stand at the step's start. Stages that feed other delay stages run
// after them, so nobody passes two stages in one step.
func (e *engine) releaseDelays(now float64, day int) {
	m, P := e.m, &e.m.Probs
	e.scalarMove(&e.atLarge, procedure.AtLargeDeparts, P.AtLargeDeparture)
	e.scalarMove(&e.finalOrder, procedure.FinalOrderDeparts, P.FinalOrderDeparture)
	e.inProc += e.scalarMove(&e.atd, procedure.ATDEnds, P.ATDEnd)

	// Travel documents: accepted to the country's queue, refused to a
	// third country.
	td := e.st[procedure.TravelDocument]
	var toCountry, toThird float64
	for _, c := range e.active[procedure.TravelDocument] {
		if td[c].n == 0 {
			continue
		}
		g := &m.Groups[e.slotOf(c)-1]
		x := td[c].take(g.TravelDocProb)
		acc := x.scale(g.Acceptance)
		e.put(procedure.CountryQueue, c, acc)
		e.put(procedure.ThirdCountryDesignation, e.cls(e.pathwayOf(c), slotNone), x.scale(1-g.Acceptance))
		toCountry += acc.n
		toThird += x.n - acc.n
	}
	e.t.Fire(procedure.DocumentAccepted, toCountry)
	e.t.Fire(procedure.DocumentRefused, toThird)

	// Appeals decided.
	ap := e.st[procedure.Appeal]
	var upheld, sustained lot
	for _, c := range e.active[procedure.Appeal] {
		if ap[c].n == 0 {
			continue
		}
		x := ap[c].take(P.Appeal)
		up := x.scale(m.Shares.AppealUpheld)
		e.addTravelDoc(e.pathwayOf(c), up)
		upheld.add(up)
		sustained.add(x.scale(1 - m.Shares.AppealUpheld))
	}
	e.t.Fire(procedure.AppealUpheld, upheld.n)
	e.discharge(procedure.AppealSustained, sustained, now)

	e.moveAll(procedure.DocketReady, P.DetainedCase)

	// Notice windows close: claims go to screening, the rest to a flight.
	ns := e.st[procedure.NoticeServed]
	var claims, noClaim float64
	for _, c := range e.active[procedure.NoticeServed] {
		if ns[c].n == 0 {
			continue
		}
		x := ns[c].take(P.Notice)
		cl := x.scale(m.Rules.NoticeClaimShare)
		p := e.pathwayOf(c)
		e.put(procedure.ThirdCountryScreening, e.cls(p, slotNone), cl)
		e.put(procedure.AwaitingFlight, e.cls(p, e.thirdNotice()), x.scale(1-m.Rules.NoticeClaimShare))
		claims += cl.n
		noClaim += x.n - cl.n
	}
	e.t.Fire(procedure.NoticeClaim, claims)
	e.t.Fire(procedure.NoticeNoClaim, noClaim)

	// No bed within the wait: people with orders go back to the docket of
	// final orders, the others are released on ATD.
	ar := e.st[procedure.Arrested]
	var toFO, toATD float64
	for _, c := range e.active[procedure.Arrested] {
		if ar[c].n == 0 {
			continue
		}
		x := ar[c].take(P.BedWaitRelease)
		if e.pathwayOf(c) == procedure.InteriorFinalOrder {
			toFO += x.n
		} else {
			toATD += x.n
		}
	}
	e.finalOrder += toFO
	e.atd += toATD
	e.t.Fire(procedure.BedWaitToFinalOrder, toFO)
	e.t.Fire(procedure.BedWaitToATD, toATD)

	// No third-country slot, or no place under the country's cap, within
	// the post-order limit: released.
	var rel lot
	for _, id := range [...]procedure.TransitionID{procedure.CapReleased, procedure.DesignationReleased} {
		st := procedure.Def(id).From
		rel = lot{}
		for _, c := range e.active[st] {
			rel.add(e.st[st][c].take(P.BlockedRelease))
		}
		e.finalOrder += rel.n
		e.discharge(id, rel, now)
	}

	// Blocked cases go back when their injunction lifts; otherwise some
	// are released.
	bl := e.st[procedure.Blocked]
	rel = lot{}
	var backAir, backLand float64
	for _, c := range e.active[procedure.Blocked] {
		if bl[c].n == 0 {
			continue
		}
		p, slot := e.pathwayOf(c), e.slotOf(c)
		if !m.Rules.Enjoined(p, e.destClass(slot), day) {
			if e.byAir(slot) {
				backAir += bl[c].n
				e.put(procedure.AwaitingFlight, c, bl[c].take(1))
			} else {
				backLand += bl[c].n
				e.put(procedure.AwaitingLand, c, bl[c].take(1))
			}
			continue
		}
		rel.add(bl[c].take(P.BlockedRelease))
	}
	e.t.Fire(procedure.BlockLiftedToFlight, backAir)
	e.t.Fire(procedure.BlockLiftedToLand, backLand)
	e.finalOrder += rel.n
	e.discharge(procedure.BlockedReleased, rel, now)
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

func (e *engine) destClass(slot int) procedure.DestinationClass {
	if slot > e.g {
		return procedure.ThirdCountry
	}
	return procedure.Citizenship
}

// byAir reports whether removals in a destination slot need a flight.
func (e *engine) byAir(slot int) bool {
	return slot > e.g || slot == slotNone || e.m.Groups[slot-1].NeedsFlight
}

// serveJudges is phase 2a: judges decide detained cases first, then the
// non-detained docket with what capacity is left.
func (e *engine) serveJudges(k int, now float64) {
	m, sh := e.m, &e.m.Shares
	capacity := m.JudgePerStep[k]
	cq := e.st[procedure.CourtQueue]
	q := e.total(procedure.CourtQueue)
	served := math.Min(q, capacity)
	if served > 0 {
		f := served / q
		o := sh.Detained
		var toTD, toAppeal float64
		var relief, vd, term lot
		for _, c := range e.active[procedure.CourtQueue] {
			if cq[c].n == 0 {
				continue
			}
			x := cq[c].take(f)
			p := e.pathwayOf(c)
			ord := x.scale(o.Order * (1 - sh.AppealShare))
			e.addTravelDoc(p, ord)
			toTD += ord.n
			apl := x.scale(o.Order * sh.AppealShare)
			e.put(procedure.Appeal, e.cls(p, slotNone), apl)
			toAppeal += apl.n
			relief.add(x.scale(o.Relief))
			vd.add(x.scale(o.VoluntaryDeparture))
			term.add(x.scale(o.Terminated))
		}
		e.t.Fire(procedure.CourtOrder, toTD)
		e.t.Fire(procedure.CourtOrderAppealed, toAppeal)
		e.discharge(procedure.CourtRelief, relief, now)
		e.discharge(procedure.CourtVoluntaryDeparture, vd, now)
		e.atLarge += term.n
		e.discharge(procedure.CourtTerminated, term, now)
	}
	rest := math.Min(e.inProc, capacity-served)
	if rest > 0 {
		o := sh.NonDetained
		e.inProc -= rest
		e.finalOrder += rest * o.Order
		e.atLarge += rest * o.Terminated
		e.t.Fire(procedure.DocketOrder, rest*o.Order)
		e.t.Fire(procedure.DocketRelief, rest*o.Relief)
		e.t.Fire(procedure.DocketVoluntaryDeparture, rest*o.VoluntaryDeparture)
		e.t.Fire(procedure.DocketTerminated, rest*o.Terminated)
	} else {
		rest = 0
	}
	e.t.Use(procedure.Judges, served+rest, capacity)
	e.t.Count(tally.CourtCompletions, served+rest)
}

// serveScreenings is phase 2b: asylum officers screen credible-fear and
// third-country cases from one shared capacity.
func (e *engine) serveScreenings(k int, now float64) {
	m, r := e.m, &e.m.Rules
	capacity := m.ScreenPerStep[k]
	fs, ts := e.st[procedure.FearScreening], e.st[procedure.ThirdCountryScreening]
	q := e.total(procedure.FearScreening) + e.total(procedure.ThirdCountryScreening)
	served := math.Min(q, capacity)
	e.t.Use(procedure.AsylumOfficers, served, capacity)
	if served <= 0 {
		return
	}
	f := served / q
	var fearN, fearFail, thirdN, toCourt, toDesig, thirdFail float64
	var passed lot
	for _, c := range e.active[procedure.FearScreening] {
		if fs[c].n == 0 {
			continue
		}
		x := fs[c].take(f)
		fearN += x.n
		passed.add(x.scale(r.ScreeningPassRate))
		fail := x.scale(1 - r.ScreeningPassRate)
		e.addTravelDoc(e.pathwayOf(c), fail)
		fearFail += fail.n
	}
	e.t.Fire(procedure.FearNegative, fearFail)
	toATD := passed.scale(m.Shares.ATDOfBorderReleases)
	e.atd += toATD.n
	e.discharge(procedure.FearPositiveToATD, toATD, now)
	toProc := passed.scale(1 - m.Shares.ATDOfBorderReleases)
	e.inProc += toProc.n
	e.discharge(procedure.FearPositiveToCourt, toProc, now)
	e.t.Count(tally.FearScreenings, fearN)
	e.t.Count(tally.FearScreeningsPassed, passed.n)

	for _, c := range e.active[procedure.ThirdCountryScreening] {
		if ts[c].n == 0 {
			continue
		}
		x := ts[c].take(f)
		p := e.pathwayOf(c)
		thirdN += x.n
		court := x.scale(r.ScreeningPassRate * r.PassToCourtShare)
		e.put(procedure.DetainedDocket, e.cls(p, slotNone), court)
		toCourt += court.n
		desig := x.scale(r.ScreeningPassRate * (1 - r.PassToCourtShare))
		e.put(procedure.ThirdCountryDesignation, e.cls(p, slotNone), desig)
		toDesig += desig.n
		fail := x.scale(1 - r.ScreeningPassRate)
		e.put(procedure.AwaitingFlight, e.cls(p, e.thirdNotice()), fail)
		thirdFail += fail.n
	}
	e.t.Fire(procedure.ThirdScreenToCourt, toCourt)
	e.t.Fire(procedure.ThirdScreenToDesignation, toDesig)
	e.t.Fire(procedure.ThirdScreenNegative, thirdFail)
	e.t.Count(tally.ThirdCountryScreenings, thirdN)
	e.t.Count(tally.ThirdCountryScreeningsPassed, toCourt+toDesig)
}

// serveCountryCaps is phase 2c: each group accepts up to its cap.
func (e *engine) serveCountryCaps(k int) {
	cq := e.st[procedure.CountryQueue]
	var air, land float64
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
		to := procedure.AwaitingLand
		if g.NeedsFlight {
			to = procedure.AwaitingFlight
		}
		for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
			c := e.cls(p, 1+gi)
			e.put(to, c, cq[c].take(served/q))
		}
		if g.NeedsFlight {
			air += served
		} else {
			land += served
		}
	}
	e.t.Fire(procedure.CapToFlight, air)
	e.t.Fire(procedure.CapToLand, land)
}

// serveThirdCountries is phase 2d: slots with assurances are used first;
// a slot without assurances needs a notice when the rules require
// assurances.
func (e *engine) serveThirdCountries(k int) {
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
	var notices, unassured float64
	for _, c := range e.active[procedure.ThirdCountryDesignation] {
		if tcd[c].n == 0 {
			continue
		}
		x := tcd[c].take(f)
		p := e.pathwayOf(c)
		e.put(procedure.AwaitingFlight, e.cls(p, e.thirdAssured()), x.scale(fa))
		rest := x.scale(1 - fa)
		if m.Rules.AssurancesRequired {
			e.put(procedure.NoticeServed, e.cls(p, slotNone), rest)
			notices += rest.n
		} else {
			e.put(procedure.AwaitingFlight, e.cls(p, e.thirdNoNote()), rest)
			unassured += rest.n
		}
	}
	e.t.Fire(procedure.AssuredSlot, sa)
	e.t.Fire(procedure.UnassuredNoNotice, unassured)
	e.t.Fire(procedure.UnassuredNotice, notices)
	e.t.Count(tally.NoticesServed, notices)
}

// serveDepartures is phase 2e/f: enjoined cases are diverted to Blocked,
// then seats (or land slots) remove people.
func (e *engine) serveDepartures(removal, enjoined procedure.TransitionID, capacity, now float64, day int) {
	m := e.m
	from, c := procedure.Def(removal).From, procedure.Def(removal).Capacity
	st := e.st[from]
	if m.Rules.AnyEnjoined(day) {
		var blocked lot
		for _, cl := range e.active[from] {
			if st[cl].n == 0 {
				continue
			}
			if m.Rules.Enjoined(e.pathwayOf(cl), e.destClass(e.slotOf(cl)), day) {
				x := st[cl].take(1)
				e.put(procedure.Blocked, cl, x)
				blocked.add(x)
			}
		}
		if blocked.n > 0 {
			e.t.Fire(enjoined, blocked.n)
			e.t.Count(tally.BlockedByInjunction, blocked.n)
		}
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
		e.t.RemovalTo(p, e.destIndex(slot), x.n, x.n*now-x.arr)
		switch slot {
		case e.thirdAssured():
			e.t.Count(tally.RemovalsWithAssurances, x.n)
		case e.thirdNotice():
			e.t.Count(tally.RemovalsAfterNotice, x.n)
		case e.thirdNoNote():
			e.t.Count(tally.RemovalsWithoutNotice, x.n)
		}
		if p == procedure.BorderExpedited || p == procedure.InteriorExpedited || p == procedure.SpecialAuthority {
			e.t.Count(tally.RemovalsWithoutHearing, x.n)
		}
		out.add(x)
	}
	e.discharge(removal, out, now)
	if c == procedure.Flights && m.SeatsPerFlight > 0 {
		e.t.Count(tally.FlightsFlown, served/m.SeatsPerFlight)
	}
}

// destIndex is the tally's destination index of a slot.
func (e *engine) destIndex(slot int) int {
	if slot > e.g || slot == slotNone {
		return e.g
	}
	return slot - 1
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
	var toDocket, toFear, toTD, toSA float64
	for _, c := range e.active[procedure.Arrested] {
		if ar[c].n == 0 {
			continue
		}
		x := ar[c].take(f)
		x.adm = x.n * now
		p, slot := e.pathwayOf(c), e.slotOf(c)
		switch {
		case p == procedure.InteriorCourt:
			e.put(procedure.DetainedDocket, e.cls(p, slotNone), x)
			toDocket += x.n
		case slot == slotClaims:
			e.put(procedure.FearScreening, e.cls(p, slotNone), x)
			toFear += x.n
		case p == procedure.SpecialAuthority:
			e.addTravelDoc(p, x)
			toSA += x.n
		default:
			e.addTravelDoc(p, x)
			toTD += x.n
		}
	}
	e.t.Fire(procedure.AdmitToDocket, toDocket)
	e.t.Fire(procedure.AdmitToFearScreening, toFear)
	e.t.Fire(procedure.AdmitWithOrder, toTD)
	e.t.Fire(procedure.AdmitSpecialAuthority, toSA)
	e.t.Admit(served)
}

// arrive is phase 2h: border apprehensions, interior arrests, new entries.
func (e *engine) arrive(k int, now float64, day int) {
	m, sh, r := e.m, &e.m.Shares, &e.m.Rules
	// Border.
	b := m.BorderPerStep[k]
	if b > 0 {
		t42 := b * m.Title42Share[k]
		rest := b - t42
		route := m.BorderRoute[k]
		er := rest * route.Expedited
		rel := rest * route.Released
		e.t.Fire(procedure.BorderExpelled, t42)
		e.t.Fire(procedure.BorderReturned, rest*route.Returned)
		e.t.Fire(procedure.BorderToATD, rel*sh.ATDOfBorderReleases)
		e.atd += rel * sh.ATDOfBorderReleases
		e.t.Fire(procedure.BorderToProceedings, rel*(1-sh.ATDOfBorderReleases))
		e.inProc += rel * (1 - sh.ATDOfBorderReleases)
		e.t.Fire(procedure.BorderArrested, er)
		e.enqueueArrest(procedure.BorderExpedited, er, r.FearClaimRate, now)
	}
	// Interior arrests: the final-order docket first, up to what can be
	// located, then the at-large population.
	capacity := m.ArrestsPerStep[k]
	fo := math.Min(capacity*sh.FinalOrderEffort, e.finalOrder*m.Probs.LocateRate)
	e.finalOrder -= fo
	e.t.Fire(procedure.FinalOrderLocated, fo)
	e.enqueueArrest(procedure.InteriorFinalOrder, fo, 0, now)
	rest := math.Min(capacity-fo, e.atLarge)
	e.atLarge -= rest
	sa := 0.0
	if !r.PathwayEnjoined(procedure.SpecialAuthority, day) {
		sa = rest * r.SpecialAuthorityShare
	}
	heard := (rest - sa) * r.HearingEntitledShare
	exped := rest - sa - heard
	detain := heard * sh.DetainOfInterior
	e.atd += heard - detain
	e.t.Fire(procedure.ArrestToATD, heard-detain)
	e.t.Fire(procedure.InteriorArrest, sa+detain+exped)
	e.enqueueArrest(procedure.SpecialAuthority, sa, 0, now)
	e.enqueueArrest(procedure.InteriorCourt, detain, 0, now)
	e.enqueueArrest(procedure.InteriorExpedited, exped, r.FearClaimRate, now)
	e.t.Use(procedure.Officers, fo+rest, capacity)
	e.t.Count(tally.CustodialArrests, (fo+rest)*sh.CustodialArrests)
	e.t.Count(tally.AtLargeArrests, (fo+rest)*(1-sh.CustodialArrests))
	// New entries.
	if n := m.NewEntriesPerStep[k]; n > 0 {
		e.atLarge += n
		e.t.Fire(procedure.NewEntry, n)
	}
}

// enqueueArrest puts n arrested people of pathway p in the bed queue, the
// share claims of them marked as claiming fear.
func (e *engine) enqueueArrest(p procedure.Pathway, n, claims, now float64) {
	if n <= 0 {
		return
	}
	e.put(procedure.Arrested, e.cls(p, slotClaims), lot{n: n * claims, arr: n * claims * now})
	e.put(procedure.Arrested, e.cls(p, slotNone), lot{n: n * (1 - claims), arr: n * (1 - claims) * now})
}
