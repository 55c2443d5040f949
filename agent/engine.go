package agent

import (
	"math"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/tally"
)

// kase is one materialised person: 24 bytes. Steps are int32 (a horizon
// of 50 years at 96 steps a day is 1.75 million steps).
type kase struct {
	// entry is the step the person entered proceedings (their arrest or
	// apprehension, or, for people taken from a counted stock, their
	// group's mean entry there), from which time to removal counts;
	// admit the step of admission to detention.
	entry, admit int32
	// order is the step at which the case's post-order detention began
	// (its post-order clock: see procedure.Deadline).
	order int32
	// ver changes at every move and when the record is freed, so refs
	// taken before are recognised as stale.
	ver     uint32
	state   procedure.State
	pathway procedure.Pathway
	// slot is the destination slot, as in flow: 0 none, 1..g country
	// group, g+1 third country with assurances, g+2 after notice, g+3
	// without notice.
	slot  uint8
	flags uint8
	// group is the person's country group, which they keep wherever
	// they go (counted stocks keep it by their counts per group).
	group uint8
}

const (
	claimsFear uint8 = 1 << iota
	priority
	// accepts: the case's country will accept its travel document.
	accepts
)

// freed is the state of a record on the free list.
const freed = procedure.NumStates

// The delay stages and reneging clocks, each with a calendar, in the
// order phase 1 releases them.
const (
	calTravelDoc = iota
	calAppeal
	calDocket
	calNotice
	calBedWait
	numCalendars
)

// credit is a capacity's carried service: whole units are served, the
// fraction carries to the next step.
type credit float64

// add adds a step's capacity and returns the whole units available.
func (c *credit) add(capacity float64) int64 {
	*c += credit(capacity)
	return int64(*c)
}

// use consumes n units; an idle station keeps only the fraction, so it
// cannot hoard service for later.
func (c *credit) use(n int64) {
	*c -= credit(n)
	if *c >= 1 {
		*c -= credit(math.Floor(float64(*c)))
	}
}

// engine is one replication.
type engine struct {
	m *model.Model
	t *tally.Tally
	// ds are the random streams, one per kind of draw (see stream).
	ds []draws
	// seed and rep key the streams; streamStep is 1 + the step each
	// country-group stream was last restarted for (see stepStream).
	seed, rep  uint64
	streamStep [procedure.NumTransitions]int
	g          int
	spd        int

	cases []kase
	free  []uint32
	// n is the number of people in each state, materialised or counted.
	n [procedure.NumStates]int64
	// ng is, for each counted stock, its people by country group (n is
	// their sum), and since the sum of their steps of entry into
	// proceedings (see takeGroups).
	ng, since [procedure.NumStates][]int64
	// gx and gt are takeGroups' answer: the people taken of each group
	// and their mean step of entry into proceedings.
	gx       []int64
	gt       []float64
	live     int
	peakLive int

	cal [numCalendars]calendar
	// deadlines holds the post-order clocks (see setDeadline).
	deadlines deadlineQueue
	delay     [numCalendars]delay
	// td are the travel-document delays per group.
	td []delay

	// bed are the bed queues, served in index order: by the rank of the
	// admission a case will take (procedure.NearestRemovalFirst), priority
	// cases before the others within a rank (see bedQueue).
	bed                              [2 * procedure.NumRanks]fifo
	court, screen, tcd, flight, land fifo
	// arrivals holds the step's arrested people until admission, when
	// they join the bed queues in random order: people arrested on the
	// same day have no order among them, and queuing them in the order
	// the code visits pathways would favour the first pathways whenever
	// beds run out part way through a day (reneging then takes more of
	// the later ones).
	arrivals []ref
	// added is how many of the step's arrivals joined each bed queue.
	added   [2 * procedure.NumRanks]int
	country []fifo
	blocked []ref
	// divertAir and divertLand hold cases that reached a removal queue
	// this step while their removal is enjoined; they move to Blocked
	// when the queue is served, as in flow.
	divertAir, divertLand []ref
	into                  [procedure.NumTransitions]into
	// mask has bit 2p+d set when pathway p to destination class d is
	// enjoined today; prevMask is the last step's.
	mask, prevMask procedure.Enjoinment

	// credits are the capacities' carried service, by model.Credit.
	credits []credit
	// k is the step being run.
	k int

	// Per-step sums handed to the tally at the step's end: the people
	// who took each transition; fired has bit tid set when fires[tid] is
	// due.
	fires [procedure.NumTransitions]int64
	fired procedure.TransitionSet
	// misfires counts moves along a transition whose From is not the
	// case's state (a bug: tests require none).
	misfires         int64
	dischN, dischLOS int64
	remN, remTTR     [procedure.NumPathways][]int64

	// Per-run outputs beyond the tally.
	events   int64
	ttrSteps [procedure.NumPathways]int64

	// caseloadCum and borderCum are the running sums of the groups'
	// caseload and border shares, caseloadShares and borderShares the
	// shares (see drawGroups).
	caseloadCum, borderCum       []float64
	caseloadShares, borderShares []float64

	// touched keeps touch's reads from being optimised away.
	touched uint32

	// scratch is model.Step's working memory (see Scratch), drawn
	// Apportion's numbers.
	scratch model.Scratch
	drawn   []int64

	trace      func(TraceEvent)
	serial     []uint64
	nextSerial uint64
}

func newEngine(m *model.Model, seed, rep uint64, trace func(TraceEvent)) *engine {
	g := len(m.Groups)
	e := &engine{m: m, t: tally.New(m), ds: newStreams(seed, rep), seed: seed, rep: rep, g: g, spd: m.StepsPerDay, trace: trace}
	e.t.KeepRemovalDays() // its removals are whole cases with their days
	for i := range e.cal {
		e.cal[i] = newCalendar(m.Steps)
	}
	// The stages' delays, as model.Step releases them (the travel
	// documents' are per group, below).
	for _, s := range [...]procedure.State{procedure.Appeal, procedure.DetainedDocket, procedure.NoticeServed, procedure.Arrested} {
		e.delay[calendarOf[s]] = newDelay(m.Leave(s))
	}
	e.newInto()
	e.country = make([]fifo, g)
	e.credits = make([]credit, m.NumCredits())
	caseload, border := make([]float64, g), make([]float64, g)
	for i, gr := range m.Groups {
		e.td = append(e.td, newDelay(gr.TravelDocProb))
		caseload[i], border[i] = gr.CaseloadShare, gr.BorderShare
	}
	e.caseloadCum, e.borderCum = cumulative(caseload...), cumulative(border...)
	e.caseloadShares, e.borderShares = caseload, border
	e.gx, e.gt = make([]int64, g), make([]float64, g)
	for s := range procedure.NumStates {
		if counted(s) {
			e.ng[s], e.since[s] = make([]int64, g), make([]int64, g)
		}
	}
	for p := range e.remN {
		e.remN[p] = make([]int64, m.NumSlots())
		e.remTTR[p] = make([]int64, m.NumSlots())
	}

	in := &m.Initial
	count := func(x float64) int64 { return int64(math.Round(x)) }
	// The counted stocks at the start, each its rounded count apportioned
	// by the groups' caseload shares (model.GroupShares), entered
	// proceedings on step 0 as far as time to removal is concerned, as
	// in flow (an understatement of the time in proceedings of those
	// removed in a run's first years).
	for _, x := range [...]struct {
		s procedure.State
		n float64
	}{{procedure.AtLarge, in.AtLarge}, {procedure.InProceedings, in.InProceedings}, {procedure.ATD, in.ATD},
		{procedure.FinalOrder, in.FinalOrders}, {procedure.FinalOrderStale, in.StaleFinalOrders}} {
		e.n[x.s] = count(x.n)
		largestRemainder(e.n[x.s], caseload, e.ng[x.s])
	}
	// The initially detained were arrested and admitted DetainedDaysHeld
	// days before the start, as in flow (each carries the mean), each
	// of a country group drawn by the caseload shares. They stand in
	// their stage before step 0 starts, so flow releases its share of
	// them at step 0: their delay is G − 1.
	held := -int(math.Round(in.DetainedDaysHeld * float64(e.spd)))
	for range count(in.DetainedWithOrder) {
		id := e.newCase(procedure.InteriorFinalOrder, procedure.TravelDocument, held, e.ds[sStartGroups].pick(e.caseloadCum))
		e.toTravelDoc(id, procedure.AdmitWithOrder, 0, -1)
	}
	for range count(in.DetainedDocket) {
		id := e.newCase(procedure.InteriorCourt, procedure.DetainedDocket, held, e.ds[sStartGroups].pick(e.caseloadCum))
		e.schedule(calDocket, id, 0, -1)
	}
	var s tally.Stocks
	for st := range s {
		s[st] = float64(e.n[st])
	}
	e.t.Begin(s)
	return e
}

// newCase materialises a person of pathway p and country group g in
// state s, arrested and admitted at step k (negative for the initially
// detained). The caller records the move or entry that brought them.
func (e *engine) newCase(p procedure.Pathway, s procedure.State, k, g int) uint32 {
	var id uint32
	if n := len(e.free); n > 0 {
		id = e.free[n-1]
		e.free = e.free[:n-1]
		e.cases[id] = kase{ver: e.cases[id].ver + 1}
	} else {
		id = uint32(len(e.cases))
		e.cases = append(e.cases, kase{})
	}
	c := &e.cases[id]
	c.entry, c.admit, c.state, c.pathway, c.group = int32(k), int32(k), s, p, uint8(g)
	e.n[s]++
	e.live++
	e.peakLive = max(e.peakLive, e.live)
	if e.trace != nil {
		for len(e.serial) <= int(id) {
			e.serial = append(e.serial, 0)
		}
		e.nextSerial++
		e.serial[id] = e.nextSerial
	}
	return id
}

// release frees a case's record.
func (e *engine) release(id uint32) {
	c := &e.cases[id]
	c.state = freed
	c.ver++
	e.free = append(e.free, id)
	e.live--
}

func (e *engine) ref(id uint32) ref { return ref{id, e.cases[id].ver} }

// valid reports whether r still names its case where it was put.
func (e *engine) valid(r ref) bool { return e.cases[r.id].ver == r.ver }

// move moves a case along transition tid and records it. A case not in
// tid's From state is a misfire: counted for the tests, which require
// none.
func (e *engine) move(id uint32, tid procedure.TransitionID, k int) {
	c := &e.cases[id]
	from := c.state
	want, to := procedure.Ends(tid)
	if from != want {
		e.misfires++
	}
	e.fire(tid, 1)
	e.n[from]--
	e.n[to]++
	c.state = to
	c.ver++
	if e.trace != nil {
		e.emit(k, id, tid)
	}
}

// fire adds x to the step's count of transition tid.
func (e *engine) fire(tid procedure.TransitionID, x int64) {
	e.fires[tid] += x
	e.fired.Add(tid)
}

// leave moves a case to a counted or terminal state and frees it; a
// detained case is discharged. A counted stock counts the case in its
// group, with its step of arrest as its entry into proceedings.
func (e *engine) leave(id uint32, tid procedure.TransitionID, k int) {
	c := &e.cases[id]
	if c.state.Detained() {
		e.dischN++
		e.dischLOS += int64(k) - int64(c.admit)
	}
	g := c.group
	switch _, to := procedure.Ends(tid); {
	case keepsEntry(to):
		e.since[to][g] += int64(c.entry)
		e.ng[to][g]++
	case counted(to):
		e.ng[to][g]++
	}
	e.move(id, tid, k)
	e.release(id)
}

// counted reports whether s is a counted stock (at large, ATD, the
// non-detained docket, the final-order docket's recent and stale
// orders), whose people are counts by group rather than cases.
func counted(s procedure.State) bool {
	return !s.Terminal() && !s.Detained() && s != procedure.Arrested
}

// keepsEntry reports whether counted stock s keeps its people's entry into
// proceedings: all but the at-large population, who have not entered.
func keepsEntry(s procedure.State) bool { return counted(s) && s != procedure.AtLarge }

// pickGroups is the largest number of people whose country groups are
// drawn one person at a time, by one uniform over the groups' running
// counts or shares, rather than by a binomial per group (below largeMean
// a binomial costs a logarithm per success and one more per group). With
// baseline-2025's seven groups, taking x people from a counted stock
// cost, in CPU seconds for 3 million takes, binomials/picks: x=1
// 0.34/0.12, 4 0.51/0.25, 8 0.58/0.47, 12 0.64/0.63, 16 0.69/0.81,
// 32 0.88/1.49 (BenchmarkTakeGroups).
const pickGroups = 10

// takeGroups takes x people from counted stock s (x at most its count),
// drawing from stream d, and sets gx to how many of each country group
// they are and gt to their mean step of entry into proceedings. Up to pickGroups people are
// drawn one by one without replacement from the stock's counts (the
// multivariate hypergeometric law); more by a chain of binomials, each
// group's share of those not yet drawn, clamped to what the groups left
// can hold (the hypergeometric's mean, with a slightly larger variance).
// Either way a stock's composition, not the mix of fresh arrivals, says
// who is taken. The agent keeps, per group of a counted stock, the sum
// of its people's steps of entry: those taken carry the group's mean (an
// age aggregate: flow's mean-field in whole people), so time to removal
// counts the time in proceedings in the mean; the at-large population
// has not entered proceedings, and people taken from it enter now (gt is
// step k).
func (e *engine) takeGroups(d *draws, s procedure.State, x int64, k int) int64 {
	ng := e.ng[s]
	x = min(x, e.n[s])
	gx := e.gx
	if x <= pickGroups {
		clear(gx)
		pool := e.n[s]
		for range x {
			r, g := int64(d.u()*float64(pool)), 0
			for g < len(ng)-1 && r >= ng[g]-gx[g] {
				r -= ng[g] - gx[g]
				g++
			}
			gx[g]++
			pool--
		}
	} else {
		left, pool := x, e.n[s]
		for g := range ng {
			var y int64
			switch {
			case g == len(ng)-1:
				y = left
			case left > 0 && ng[g] > 0:
				y = d.binomial(left, float64(ng[g])/float64(pool))
				y = max(left-(pool-ng[g]), min(y, ng[g]))
			}
			pool -= ng[g]
			left -= y
			gx[g] = y
		}
	}
	e.taken(s, x, k)
	return x
}

// taken takes the x people of gx from counted stock s's groups and sets
// gt to each group's mean step of entry into proceedings (step k for
// the at-large population, who enter now).
func (e *engine) taken(s procedure.State, x int64, k int) {
	ng, since := e.ng[s], e.since[s]
	for g, y := range e.gx {
		e.gt[g] = float64(k)
		if y > 0 && keepsEntry(s) {
			e.gt[g] = float64(since[g]) / float64(ng[g])
			since[g] -= int64(math.Round(e.gt[g] * float64(y)))
		}
		if ng[g] -= y; ng[g] == 0 {
			since[g] = 0
		}
	}
	e.n[s] -= x
}

// drawGroups sets gx to the country groups of x people entering from
// outside, drawn from stream d by the shares p whose running sums are
// cum (one pick each up to pickGroups people, else one multinomial
// draw), and gt to step k.
func (e *engine) drawGroups(d *draws, cum, p []float64, x int64, k int) {
	if x <= pickGroups {
		clear(e.gx)
		for range x {
			e.gx[d.pick(cum)]++
		}
	} else {
		d.multinomial(x, p, e.gx)
	}
	for g := range e.gt {
		e.gt[g] = float64(k)
	}
}

// groupsOf draws the country groups of x people taking transition tid,
// from its counted From or, for an entry, by its source's shares, and
// returns x (at most the From's count).
func (e *engine) groupsOf(tid procedure.TransitionID, x int64, k int) int64 {
	d, ds := procedure.Def(tid), e.stepStream(sGroupOf+stream(tid), k)
	switch {
	case d.From != procedure.Outside:
		return e.takeGroups(ds, d.From, x, k)
	case d.Source == procedure.Border:
		e.drawGroups(ds, e.borderCum, e.borderShares, x, k)
	default:
		e.drawGroups(ds, e.caseloadCum, e.caseloadShares, x, k)
	}
	return x
}

// enterGroups adds the people of gx, with their entry into proceedings
// gt, to counted stock s's groups (a terminal s keeps none: the tally
// counts who reaches it; the caller counts them all in n).
func (e *engine) enterGroups(s procedure.State) {
	switch {
	case keepsEntry(s):
		for g, y := range e.gx {
			e.ng[s][g] += y
			e.since[s][g] += int64(math.Round(e.gt[g] * float64(y)))
		}
	case counted(s):
		for g, y := range e.gx {
			e.ng[s][g] += y
		}
	}
}

// countMove moves x counted people along transition tid (an entry from
// outside when its From is procedure.Outside), each group's with their
// entry into proceedings (see takeGroups).
func (e *engine) countMove(tid procedure.TransitionID, x int64, k int) {
	if x == 0 {
		return
	}
	e.moved(tid, e.groupsOf(tid, x, k), k)
}

// moved fires tid for the x people of gx, taken from its From, and adds
// them to its To.
func (e *engine) moved(tid procedure.TransitionID, x int64, k int) {
	from, to := procedure.Ends(tid)
	e.fire(tid, x)
	e.n[to] += x
	e.enterGroups(to)
	if e.trace != nil {
		e.trace(TraceEvent{Step: k, N: int(x), From: from, To: to, Transition: tid, Pathway: procedure.NumPathways})
	}
}

// schedule draws the case's time in a stage and schedules its release;
// shift is −1 when the case entered before the stage's release in the
// same step's phase 1.
func (e *engine) schedule(cal int, id uint32, k, shift int) {
	g := e.ds[sClock+stream(cal)].geometric(e.delay[cal])
	if g == never {
		return
	}
	e.cal[cal].add(k, k+g+shift, e.ref(id))
}

// scheduleRef is schedule, from step k's end, for a case known by a
// valid ref.
func (e *engine) scheduleRef(cal int, r ref, k int) {
	g := e.ds[sClock+stream(cal)].geometric(e.delay[cal])
	if g == never {
		return
	}
	e.cal[cal].add(k, k+g, r)
}

// toTravelDoc moves a case along tid into TravelDocument (tid is unused
// for a case already there: the initially detained), its destination its
// country group's, and draws whether the country will accept its travel
// document this time.
func (e *engine) toTravelDoc(id uint32, tid procedure.TransitionID, k, shift int) {
	c := &e.cases[id]
	gi := int(c.group)
	c.slot = uint8(1 + gi)
	c.flags &^= accepts
	if e.ds[sGroup+stream(tid)].u() < e.m.Groups[gi].Acceptance {
		c.flags |= accepts
	}
	if c.state != procedure.TravelDocument {
		e.move(id, tid, k)
		e.setDeadline(id, k, k)
	} else {
		// Initially detained with an order: held since admission.
		e.setDeadline(id, int(c.admit), k)
	}
	g := e.ds[sClock+calTravelDoc].geometric(e.td[gi])
	if g != never {
		e.cal[calTravelDoc].add(k, k+g+shift, e.ref(id))
	}
}

// setDeadline starts the post-order clock of a case whose post-order
// detention began at step start (TravelDocument is the only way into
// post-order detention): it is released at start + the limit if still
// held after its order then (procedure.Deadline). The queue entry
// carries the clock's start in place of a version, since the case moves
// between post-order states meanwhile; Deadlines checks it. Step
// k is now.
func (e *engine) setDeadline(id uint32, start, k int) {
	c := &e.cases[id]
	c.order = int32(start)
	if e.m.PostOrderLimitDays <= 0 {
		return
	}
	t := timed{at: int32(max(k, start+e.m.PostOrderLimitDays*e.spd)), r: ref{id, uint32(c.order)}}
	if int(t.at) < e.m.Steps { // else it never rings
		e.deadlines.push(t)
	}
}

// destName is the report name of a destination slot.
func (e *engine) destName(slot uint8) string {
	if e.m.Third(int(slot)) {
		return procedure.ThirdCountry.String()
	}
	return e.m.Groups[slot-1].Name
}

func (e *engine) enjoined(c *kase) bool {
	return e.mask.Has(c.pathway, e.m.Destination(int(c.slot)))
}

// toRemoval sends a case to the removal queue of its destination's mode,
// along byAir or byLand.
func (e *engine) toRemoval(id uint32, byAir, byLand procedure.TransitionID, k int) {
	if e.m.ByAir(int(e.cases[id].slot)) {
		e.enter(id, byAir, k)
	} else {
		e.enter(id, byLand, k)
	}
}

// enter moves case id along transition tid and does what the transition
// and its To state ask of an arriving case: record the destination the
// transition marks (procedure.Mark), join the state's queue, start its
// clock, or, for a counted or terminal state, free the record. Every
// move of a case goes through here, so a state's behaviour is written
// once.
func (e *engine) enter(id uint32, tid procedure.TransitionID, k int) {
	d := &e.into[tid]
	c := &e.cases[id]
	if d.travelDoc {
		e.toTravelDoc(id, tid, k, 0)
		return
	}
	if d.slot != model.KeepSlot {
		c.slot = uint8(d.slot)
	}
	if !d.detained {
		e.leave(id, tid, k)
		return
	}
	e.move(id, tid, k)
	r := e.ref(id)
	switch d.to {
	case procedure.DetainedDocket, procedure.Appeal, procedure.NoticeServed:
		e.schedule(calendarOf[d.to], id, k, 0)
	case procedure.CourtQueue:
		e.court.push(r)
	case procedure.FearScreening, procedure.ThirdCountryScreening:
		e.screen.push(r)
	case procedure.CountryQueue:
		e.country[c.slot-1].push(r)
	case procedure.ThirdCountryDesignation:
		e.tcd.push(r)
	case procedure.Blocked:
		e.blocked = append(e.blocked, r)
	case procedure.AwaitingFlight, procedure.AwaitingLand:
		// A case whose removal is enjoined today waits to be diverted to
		// Blocked when its queue is served, as in flow.
		q, divert := e.departure(d.to)
		if e.mask != 0 && e.enjoined(c) {
			*divert = append(*divert, r)
		} else {
			q.push(r)
		}
	}
}

// into is what enter does for a transition, worked out once per run
// from procedure's network (see newInto), as in flow: enter runs for
// every move of a case.
type into struct {
	to procedure.State
	// detained: To is a detention state, where the case keeps its
	// record; else it is counted or gone, and the record is freed.
	detained bool
	// travelDoc: an order, to the case's own country group.
	travelDoc bool
	// slot is the destination slot the transition marks, or
	// model.KeepSlot.
	slot int
}

// newInto works out enter's table from procedure's network.
func (e *engine) newInto() {
	for tid := range e.into {
		d := procedure.Def(procedure.TransitionID(tid))
		e.into[tid] = into{to: d.To, detained: d.To.Detained(), travelDoc: d.Mark == procedure.CountryGroup, slot: e.m.MarkSlot(d.Mark)}
	}
}

func (e *engine) detained() int64 {
	t := int64(0)
	for s := procedure.DetainedDocket; s <= procedure.Blocked; s++ {
		t += e.n[s]
	}
	return t
}

// endStep hands the step's sums to the tally.
func (e *engine) endStep() {
	t := e.t
	for tid, ok := e.fired.Pop(); ok; tid, ok = e.fired.Pop() {
		v := e.fires[tid]
		t.Fire(tid, float64(v))
		e.events += v
		e.fires[tid] = 0
	}
	spd := float64(e.spd)
	if e.dischN != 0 {
		t.Discharge(float64(e.dischN), float64(e.dischLOS)/spd)
		e.dischN, e.dischLOS = 0, 0
	}
	for p := range e.remN {
		for slot, v := range e.remN[p] {
			if v == 0 {
				continue
			}
			t.RemovalFrom(procedure.Pathway(p), slot, float64(v), float64(e.remTTR[p][slot])/spd)
			e.remN[p][slot], e.remTTR[p][slot] = 0, 0
		}
	}
	t.EndStep()
}

// emit reports a case's move along tid to the trace.
func (e *engine) emit(k int, id uint32, tid procedure.TransitionID) {
	c := &e.cases[id]
	dest := ""
	if c.slot != 0 {
		dest = e.destName(c.slot)
	}
	d := procedure.Def(tid)
	e.trace(TraceEvent{Step: k, Case: e.serial[id], N: 1, From: d.From, To: d.To, Transition: tid, Pathway: c.pathway, Destination: dest})
}

// touch reads the records of refs before they are processed. The reads
// are independent of each other, so the processor overlaps their cache
// misses, where processing the cases one by one would wait for each in
// turn: records are scattered over the slab, which at national scale
// outgrows the core's cache.
func (e *engine) touch(refs []ref) {
	var sum uint32
	for _, r := range refs {
		sum += e.cases[r.id].ver
	}
	e.touched += sum
}

// next pops the first entry of q that still refers to a waiting case,
// dropping stale ones (cases that reneged or moved since they queued).
func (e *engine) next(q *fifo) (ref, bool) {
	for {
		r, ok := q.pop()
		if !ok || e.valid(r) {
			return r, ok
		}
	}
}

// countDecide splits n counted people over the branches of dec by one
// multinomial draw from d: each branch's count moves along its
// transition, except that arrests (transitions into Arrested) are
// materialised one by one as cases of the branch's pathway. The caller
// has taken the people from a source that is not counted by transition
// (the border, the officers' capacity).
func (e *engine) countDecide(d *draws, dec model.Decision, n int64, k int) {
	if n == 0 {
		return
	}
	var p [model.MaxBranches]float64
	var out [model.MaxBranches]int64
	for i, b := range dec {
		p[i] = b.Share
	}
	d.multinomial(n, p[:len(dec)], out[:len(dec)])
	for i, b := range dec {
		if _, to := procedure.Ends(b.T); to == procedure.Arrested {
			e.arrest(b.Pathway, b.T, out[i], k)
			continue
		}
		e.countMove(b.T, out[i], k)
	}
}
