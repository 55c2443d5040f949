package model

import (
	"math"
	"slices"

	"github.com/removalsim/removalsim/procedure"
)

// Solver executes the primitives of a step in its own terms: flow moves
// expected fractions of stocks, the agent draws on cases (binomial and
// multinomial counts, per-case clocks, first-come-first-served queues).
// Step is the one sequence of phases both run — which transitions fire
// in which order, which capacity serves which queues, and how much — so
// a rule of the step is written once, here, and reaches both engines.
// A Solver's numbers are people: flow's are expected values, the agent's
// whole cases.
type Solver interface {
	// Begin starts step k (the day's injunctions).
	Begin(k int)
	// Count returns the people in state s.
	Count(s procedure.State) float64
	// CountGroup returns the people of country group g in counted
	// stock s (see Model.Groups: everyone keeps their group, counted
	// or not).
	CountGroup(s procedure.State, g int) float64
	// TakeGroup moves n people of country group g of t's counted From
	// along t and returns the sum of their days since they entered
	// proceedings (their time on the docket, as each engine keeps it).
	TakeGroup(t procedure.TransitionID, g int, n float64) float64
	// Units returns what a capacity of capacity units this step can
	// serve now: flow the capacity itself; the agent the whole units of
	// its credit c, the fraction carried to the next step.
	Units(c Credit, capacity float64) float64
	// Spend uses n units of credit c.
	Spend(c Credit, n float64)
	// Move moves n people of transition t's counted From along t.
	Move(t procedure.TransitionID, n float64)
	// Apportion splits n people over the shares p (summing to 1) into
	// out: flow their expected numbers, the agent one multinomial draw
	// (from t's stream). Step's rates, custodial shares and country
	// groups of removals without a book-in are apportioned so.
	Apportion(t procedure.TransitionID, n float64, p, out []float64)
	// Scratch returns the run's working memory for Step.
	Scratch() *Scratch
	// Release lets go the people of stage s whose delay ends now (a
	// memoryless delay of p per step; TravelDocument's is each country
	// group's): along m.Exit(s), or for the travel documents and the bed
	// queue along their class's transition (the country's acceptance,
	// procedure.BedWaitRelease).
	Release(s procedure.State, p float64)
	// Lift sends the blocked people no longer enjoined back to the
	// removal queue of their destination's mode, along air or land.
	Lift(air, land procedure.TransitionID)
	// Deadlines releases the people whose post-order detention reaches
	// the limit now (procedure.Deadline).
	Deadlines()
	// Serve serves the queues of c (c.Queues(), as one queue in the
	// agent) with up to units and returns the people served; each leaves
	// its state along m.Exit(state).
	Serve(c procedure.Capacity, units float64) float64
	// ServeGroup serves country group g's queue under its cap with up to
	// units (+Inf: uncapped), to the removal queue of the group's mode
	// along air or land; it returns the people served.
	ServeGroup(g int, units float64, air, land procedure.TransitionID) float64
	// Designate serves the third-country designation queue: na people
	// along assured (to slots with assurances), then nu along unassured
	// (the caller has bounded both by the queue; one is above 0).
	Designate(assured procedure.TransitionID, na float64, unassured procedure.TransitionID, nu float64)
	// Divert moves the enjoined people of the removal queue enjoined
	// leaves to Blocked, along enjoined, on a day with an injunction.
	Divert(enjoined procedure.TransitionID)
	// Remove removes up to units people from removal's queue along
	// removal and returns how many.
	Remove(removal procedure.TransitionID, units float64) float64
	// Arrivals returns how many of a source arrive in the step, of
	// expected number mean.
	Arrivals(src procedure.Source, mean float64) float64
	// Split takes n > 0 people from the From of b's transitions (none
	// for an entry from outside) and splits them over b's branches; the
	// arrested join the bed queue. b is valid during the call only (it
	// is a package variable or the Scratch's) and is not changed.
	Split(b *Branches, n float64)
	// FreeBeds starts admission (the agent queues the step's arrested)
	// and returns the beds free of beds in all.
	FreeBeds(beds float64) float64
	// Admit admits up to n people of rank r of the bed queue (see
	// procedure.BedRank) and returns how many.
	Admit(r int, n float64) float64
	// Admitted ends admission, n people admitted in all (the agent
	// starts the bed-wait clocks of the step's arrested still queued).
	Admitted(n float64)
	// End ends the step.
	End()
}

// Recorder is the part of the tally the step writes itself.
type Recorder interface {
	// Use records a capacity's use and availability.
	Use(c procedure.Capacity, used, available float64)
	// Arrests records the officers' use and the arrests by origin.
	Arrests(used, capacity, custodial, atLarge float64)
	// RemovalTo records n removals along pathway p to destination dest
	// (a country group), their days since they entered proceedings (the
	// arrest or apprehension that began them; the run's first day for
	// the starting stocks) summing to ttrSum.
	RemovalTo(p procedure.Pathway, dest int, n, ttrSum float64)
	// RemovalCases records n of those removals along pathway p as
	// having taken days whole days since they entered proceedings, for
	// the distribution of times to removal (a tally keeps it for an
	// engine of whole cases only: tally.KeepRemovalDays).
	RemovalCases(p procedure.Pathway, days int, n float64)
	// Admit records n admissions to detention.
	Admit(n float64)
}

// Scratch is a run's working memory for Step, kept by its Solver (a
// Model is shared by concurrent runs, and its groups' shares may be
// changed after Compile, so they are worked out per run).
type Scratch struct {
	// weights are the country groups' weights among the removals
	// without a book-in (UnbookedWeights), shares their shares within a
	// mode (UnbookedGroups) and out their numbers.
	weights, shares, out []float64
	// p2 and n2 are a two-way apportionment's shares and numbers.
	p2, n2 [2]float64
	// branches are the decision of the step's next Split (see
	// Scratch.branchesOf).
	branches Branches
}

// branchesOf sets the scratch's branches to d's (at most MaxBranches)
// and returns them: a decision worked out in the step reaches Split
// by pointer, not copied into every call, and without moving to the
// heap.
func (sc *Scratch) branchesOf(d ...Branch) *Branches {
	sc.branches.n = copy(sc.branches.b[:], d)
	return &sc.branches
}

// Credit names a capacity's carried service in the agent (see
// Solver.Units): one per capacity the step meters, and one per country
// group's cap from CreditCaps on.
type Credit int

// The credits.
const (
	CreditJudges Credit = iota
	CreditScreens
	CreditAssured
	CreditUnassured
	CreditSeats
	CreditLand
	CreditArrests
	CreditLocated
	CreditStaleLocated
	CreditCustodial
	CreditCollateral
	// CreditUnbookedLand and CreditUnbookedAir credit removals without a
	// detention book-in by land and by air.
	CreditUnbookedLand
	CreditUnbookedAir
	// CreditCaps + g is country group g's cap.
	CreditCaps
)

// Branches is a Decision held by value, so that the decisions worked
// out in each step (Border, InteriorBy) pass through the Solver
// interface (in the Scratch, see branchesOf) without being moved to the
// heap.
type Branches struct {
	b [MaxBranches]Branch
	n int
}

// BranchesOf copies d's branches (at most MaxBranches).
func BranchesOf(d ...Branch) (bs Branches) {
	bs.n = copy(bs.b[:], d)
	return bs
}

// Decision returns the branches as a Decision, valid while bs is.
func (bs *Branches) Decision() Decision { return bs.b[:bs.n] }

// NumCredits is the number of credits of m.
func (m *Model) NumCredits() int { return int(CreditCaps) + len(m.Groups) }

// Step runs step k on s, recording in t: (1) delay stages and timeouts
// release at the step's start; (2) queues are served in the order
// judges, asylum officers, country caps, third-country slots, removals
// without a detention book-in (seats and land slots first), seats, land
// slots; (3) border apprehensions, interior arrests and new entries
// arrive; (4) free beds admit from the bed queue.
func (m *Model) Step(s Solver, t Recorder, k int) {
	s.Begin(k)
	m.releaseDelays(s, k)
	m.serveJudges(s, t, k)
	m.serveScreenings(s, t, k)
	m.serveCountryCaps(s, t, k)
	m.serveThirdCountries(s, t, k)
	// The step's interior arrests are found from the stocks as they
	// stand now (departures and border arrivals change none of them), so
	// that removals without a book-in take their seats and slots first.
	a := m.InteriorArrests(k, s.Count(procedure.AtLarge), s.Count(procedure.FinalOrder), s.Count(procedure.FinalOrderStale))
	air, land := m.removeUnbooked(s, t, &a, m.SeatsPerStep[k], m.LandPerStep[k])
	enjoined := m.Rules.AnyEnjoined(k / m.StepsPerDay)
	m.serveDepartures(s, t, procedure.FlightRemoval, procedure.FlightEnjoined, CreditSeats, m.SeatsPerStep[k]-air, enjoined)
	m.serveDepartures(s, t, procedure.LandRemoval, procedure.LandEnjoined, CreditLand, m.LandPerStep[k]-land, enjoined)
	m.arrive(s, t, k, &a)
	m.admit(s, t, k)
	s.End()
}

// stages are the delay stages and the bed queue's timeout, in the order
// phase 1 releases them: stages that feed other stages run after them,
// so nobody passes two stages in one step.
var stages = [...]procedure.State{procedure.TravelDocument, procedure.Appeal, procedure.DetainedDocket, procedure.NoticeServed, procedure.Arrested}

// Leave returns the per-step probability of leaving delay stage s
// (TravelDocument's is each group's TravelDocProb).
func (m *Model) Leave(s procedure.State) float64 {
	P := &m.Probs
	switch s {
	case procedure.Appeal:
		return P.Appeal
	case procedure.DetainedDocket:
		return P.DetainedCase
	case procedure.NoticeServed:
		return P.Notice
	case procedure.Arrested:
		return P.BedWaitRelease
	}
	return 0
}

// docketReady is how a detained case leaves DetainedDocket.
var docketReady = Decision{{T: procedure.DocketReady, Share: 1}}

// Exit returns the decision by which people leave state s when a delay
// ends or a capacity serves them (nil for a state left otherwise).
func (m *Model) Exit(s procedure.State) Decision {
	d := &m.Decisions
	switch s {
	case procedure.DetainedDocket:
		return docketReady
	case procedure.CourtQueue:
		return d.Court
	case procedure.InProceedings:
		return d.Docket
	case procedure.Appeal:
		return d.Appeal
	case procedure.FearScreening:
		return d.FearScreen
	case procedure.ThirdCountryScreening:
		return d.ThirdScreen
	case procedure.NoticeServed:
		return d.Notice
	}
	return nil
}

// DocumentExit is how people leave TravelDocument for a country that
// accepts the share acceptance of travel documents: accepted to the
// country's queue, refused to a third country (flow splits by the
// shares; the agent draws, for each case of the country's group, at
// each attempt).
func DocumentExit(acceptance float64) [2]Branch {
	return [2]Branch{{T: procedure.DocumentAccepted, Share: acceptance}, {T: procedure.DocumentRefused, Share: 1 - acceptance}}
}

// releaseDelays is phase 1: rates and delay stages, from the stocks as
// they stand at the step's start, then blocks lifted and the post-order
// limit.
func (m *Model) releaseDelays(s Solver, k int) {
	P := &m.Probs
	rate(s, procedure.AtLargeDeparts, m.AtLargeDeparturePerStep[k])
	rate(s, procedure.FinalOrderDeparts, m.FinalOrderDeparturePerStep[k])
	if P.OrderAging > 0 {
		rate(s, procedure.StaleOrderDeparts, m.FinalOrderDeparturePerStep[k])
		rate(s, procedure.FinalOrderAges, P.OrderAging)
	}
	rate(s, procedure.ATDEnds, P.ATDEnd)
	for _, st := range stages {
		s.Release(st, m.Leave(st))
	}
	// Blocked cases go back when their injunction lifts (the post-order
	// limit releases the others, below).
	s.Lift(procedure.BlockLiftedToFlight, procedure.BlockLiftedToLand)
	s.Deadlines()
}

// serveJudges is phase 2a: judges decide detained cases first, then the
// non-detained docket, in proportion, with what capacity is left.
func (m *Model) serveJudges(s Solver, t Recorder, k int) {
	capacity := m.JudgePerStep[k]
	units := s.Units(CreditJudges, capacity)
	served := s.Serve(procedure.Judges, units)
	rest := max(0, min(s.Count(procedure.InProceedings), units-served))
	split(s, s.Scratch().branchesOf(m.Decisions.Docket...), rest)
	s.Spend(CreditJudges, served+rest)
	t.Use(procedure.Judges, served+rest, capacity)
}

// serveScreenings is phase 2b: asylum officers screen credible-fear and
// third-country cases from one shared capacity.
func (m *Model) serveScreenings(s Solver, t Recorder, k int) {
	capacity := m.ScreenPerStep[k]
	served := s.Serve(procedure.AsylumOfficers, s.Units(CreditScreens, capacity))
	s.Spend(CreditScreens, served)
	t.Use(procedure.AsylumOfficers, served, capacity)
}

// serveCountryCaps is phase 2c: each group accepts up to its cap.
func (m *Model) serveCountryCaps(s Solver, t Recorder, k int) {
	for g := range m.Groups {
		capacity := m.Groups[g].CapPerStep[k]
		if math.IsInf(capacity, 1) {
			s.ServeGroup(g, capacity, procedure.CapToFlight, procedure.CapToLand)
			continue
		}
		served := s.ServeGroup(g, s.Units(CreditCaps+Credit(g), capacity), procedure.CapToFlight, procedure.CapToLand)
		s.Spend(CreditCaps+Credit(g), served)
		t.Use(procedure.CountryCaps, served, capacity)
	}
}

// serveThirdCountries is phase 2d: slots with assurances are used first;
// a slot without assurances needs a notice when the rules require
// assurances.
func (m *Model) serveThirdCountries(s Solver, t Recorder, k int) {
	a, u := m.ThirdAssuredPerStep[k], m.ThirdUnassuredPerStep[k]
	q := s.Count(procedure.ThirdCountryDesignation)
	sa := min(q, s.Units(CreditAssured, a))
	su := min(q-sa, s.Units(CreditUnassured, u))
	t.Use(procedure.ThirdCountrySlots, sa+su, a+u)
	if sa+su > 0 {
		s.Designate(procedure.AssuredSlot, sa, m.Rules.Unassured(), su)
	}
	s.Spend(CreditAssured, sa)
	s.Spend(CreditUnassured, su)
}

// removeUnbooked is phase 2e0: the step's removals without a detention
// book-in (a.Unbooked, people on the final-order docket held in a hold
// room) take their seats and land slots before the departures from
// detention (they must leave within the hold-room limit; the detained
// wait in their queues), by the groups' weights between air and land
// (their people on the docket times their acceptance; UnbookedByMode),
// at most the step's capacity of each. Taking them first keeps flow and agent equal in expectation: what the noisy
// agent cannot serve of the detained waits in its queue, what it could
// not take of the unbooked would be lost. It returns the seats and land
// slots taken.
func (m *Model) removeUnbooked(s Solver, t Recorder, a *Arrests, seats, land float64) (air, byLand float64) {
	if a.Unbooked <= 0 {
		return 0, 0
	}
	sc := s.Scratch()
	if sc.weights == nil {
		g := len(m.Groups)
		sc.weights, sc.shares, sc.out = make([]float64, g), make([]float64, g), make([]float64, g)
	}
	m.docketWeights(s, sc.weights)
	wantAir, wantLand := m.UnbookedByMode(a.Unbooked, seats, land, sc.weights)
	air = m.unbooked(s, t, true, CreditUnbookedAir, wantAir)
	byLand = m.unbooked(s, t, false, CreditUnbookedLand, wantLand)
	return air, byLand
}

// docketWeights sets w to each group's weight for removals without a
// book-in: its people on the final-order docket whose country will take
// them back, so a country that refuses its nationals has none removed so.
func (m *Model) docketWeights(s Solver, w []float64) {
	for g := range m.Groups {
		w[g] = s.CountGroup(procedure.FinalOrder, g) * m.Groups[g].Acceptance
	}
}

// UnbookedPathway is the pathway of removals without a detention book-in.
const UnbookedPathway = procedure.InteriorFinalOrder

// TakenPathway returns the pathway Step records for the people it
// removes along t by Solver.TakeGroup (UnbookedPathway for
// UnbookedRemoval), and false for a transition Step does not take by
// group into Removed: an engine that keeps its own times to removal by
// pathway files TakeGroup's under it.
func TakenPathway(t procedure.TransitionID) (procedure.Pathway, bool) {
	if t == procedure.UnbookedRemoval {
		return UnbookedPathway, true
	}
	return procedure.NumPathways, false
}

// unbooked removes up to want people from the final-order docket with
// credit c along UnbookedRemoval, by air (seats) or by land (land
// slots), from the country groups of that mode by their weights
// (UnbookedGroups; at most the group's people on the docket), records
// them as interior final-order removals to their groups, their time to
// removal their time in proceedings, and the capacity they used; it
// returns how many it removed, the credit it spends. A draw can give a
// small group more than its people on the docket (the agent's
// multinomial); what the groups could not hold is offered once more to
// the mode's groups by their weights among those left, and what that
// second draw overshoots is not removed (nor spent).
func (m *Model) unbooked(s Solver, t Recorder, byAir bool, c Credit, want float64) float64 {
	n := max(0, min(s.Units(c, want), s.Count(procedure.FinalOrder)))
	if n <= 0 {
		s.Spend(c, 0)
		return 0
	}
	sc := s.Scratch()
	done := 0.0
	for pass := 0; pass < 2 && n > 0; pass++ {
		if pass > 0 {
			m.docketWeights(s, sc.weights) // after the first pass's removals
		}
		m.UnbookedGroups(byAir, sc.weights, sc.shares)
		if !slices.ContainsFunc(sc.shares, func(p float64) bool { return p > 0 }) {
			break
		}
		s.Apportion(procedure.UnbookedRemoval, n, sc.shares, sc.out)
		cut := 0.0
		for g, x := range sc.out {
			if x == 0 {
				continue // the other mode's groups: nothing to take or cut
			}
			took := max(0, min(x, s.CountGroup(procedure.FinalOrder, g)))
			if took > 0 {
				days := s.TakeGroup(procedure.UnbookedRemoval, g, took)
				t.RemovalTo(UnbookedPathway, g, took, days)
				t.RemovalCases(UnbookedPathway, int(days/took), took)
				done += took
			}
			cut += x - took
		}
		n = cut
	}
	s.Spend(c, done)
	capacity := procedure.Land
	if byAir {
		capacity = procedure.Flights
	}
	t.Use(capacity, done, done)
	return done
}

// serveDepartures is phase 2e/f: on a day with an injunction the
// enjoined cases are diverted to Blocked, then seats (or land slots)
// remove people.
func (m *Model) serveDepartures(s Solver, t Recorder, removal, divert procedure.TransitionID, c Credit, capacity float64, enjoined bool) {
	if enjoined {
		s.Divert(divert)
	}
	served := s.Remove(removal, s.Units(c, capacity))
	s.Spend(c, served)
	t.Use(procedure.Def(removal).Capacity, served, capacity)
}

// The decisions of the arrests of people with an order, and of new
// entries.
var (
	finalOrderLocated = BranchesOf(Branch{T: procedure.FinalOrderLocated, Share: 1, Pathway: procedure.InteriorFinalOrder})
	staleOrderLocated = BranchesOf(Branch{T: procedure.StaleOrderLocated, Share: 1, Pathway: procedure.InteriorFinalOrder})
	newEntry          = BranchesOf(Branch{T: procedure.NewEntry, Share: 1})
)

// arrive is phase 3: border apprehensions, interior arrests (a, as
// InteriorArrests found them: custodial transfers, the final-order
// docket, at-large targets, collateral), new entries.
func (m *Model) arrive(s Solver, t Recorder, k int, a *Arrests) {
	interior := m.Interior(k / m.StepsPerDay)
	br := m.Border(k)
	split(s, s.Scratch().branchesOf(br[:]...), s.Arrivals(procedure.Border, m.BorderPerStep[k]))
	// n is what the solver takes: a's numbers, or for the agent its
	// credits' whole people (credits, not draws: flow's min(effort,
	// located) would be biased low by the smaller of two draws).
	var n Arrests
	n.FinalOrder = take(s, CreditLocated, a.FinalOrder, procedure.FinalOrder)
	split(s, &finalOrderLocated, n.FinalOrder)
	n.StaleOrder = take(s, CreditStaleLocated, a.StaleOrder, procedure.FinalOrderStale)
	split(s, &staleOrderLocated, n.StaleOrder)
	n.Custodial = arrestAtLarge(s, interior, procedure.CustodialTransfer, CreditCustodial, a.Custodial)
	n.AtLarge = arrestAtLarge(s, interior, procedure.InteriorArrest, CreditArrests, a.AtLarge)
	n.Collateral = arrestAtLarge(s, interior, procedure.CollateralArrest, CreditCollateral, a.Collateral)
	custodial, atLarge := m.reported(s, &n)
	t.Arrests(a.Used, m.ArrestsPerStep[k], custodial, atLarge)
	t.Use(procedure.CustodialPool, n.Custodial, a.Pool)
	split(s, &newEntry, s.Arrivals(procedure.NewEntries, m.NewEntriesPerStep[k]))
}

// arrestAtLarge takes up to want people at large with credit c and splits
// them over the day's interior branches (interior, the day's Interior)
// of arrest transition tr; it returns how many.
func arrestAtLarge(s Solver, interior [4]Branch, tr procedure.TransitionID, c Credit, want float64) float64 {
	n := take(s, c, want, procedure.AtLarge)
	if n > 0 {
		in := InteriorBy(interior, tr)
		split(s, s.Scratch().branchesOf(in[:]...), n)
	}
	return n
}

// admit is phase 4: free beds take people from the bed queue, nearest
// removal first (procedure.NearestRemovalFirst): each rank in turn takes
// what beds are left.
func (m *Model) admit(s Solver, t Recorder, k int) {
	free, served := s.FreeBeds(m.Beds[k]), 0.0
	for r := range procedure.NumRanks {
		if left := free - served; left > 0 {
			served += s.Admit(r, left)
		}
	}
	if served > 0 {
		t.Admit(served)
	}
	s.Admitted(served)
}

// split has s split n people by b, if there are any.
func split(s Solver, b *Branches, n float64) {
	if n > 0 && b.n > 0 {
		s.Split(b, n)
	}
}

// take returns how many of want people s can take from state from with
// credit c now, and spends them.
func take(s Solver, c Credit, want float64, from procedure.State) float64 {
	n := max(0, min(s.Units(c, want), s.Count(from)))
	s.Spend(c, n)
	return n
}

// rate moves the share p of transition t's counted From along t: the
// expected number in flow, a binomial draw in the agent.
func rate(s Solver, t procedure.TransitionID, p float64) {
	from, _ := procedure.Ends(t)
	sc := s.Scratch()
	sc.p2 = [2]float64{p, 1 - p}
	s.Apportion(t, s.Count(from), sc.p2[:], sc.n2[:])
	s.Move(t, sc.n2[0])
}

// reported splits the step's interior arrests a into those taken from
// custody and those made at large, as the tally counts them: by the
// custodial pool when there is one (Reported), else by the custodial
// share (a binomial draw in the agent).
func (m *Model) reported(s Solver, a *Arrests) (custodial, atLarge float64) {
	if m.CustodialPoolPerStep != nil {
		return m.Reported(a)
	}
	sc := s.Scratch()
	sc.p2 = [2]float64{m.Shares.CustodialArrests, 1 - m.Shares.CustodialArrests}
	s.Apportion(procedure.CustodialTransfer, a.Total(), sc.p2[:], sc.n2[:])
	return sc.n2[0], sc.n2[1]
}
