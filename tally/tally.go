// Package tally accumulates what an engine does, step by step, into a
// result.Result: the ledger of every stock, monthly series, costs,
// utilisation and the binding capacity, detention statistics and the
// due-process indicators. Both engines feed it the same calls, so their
// outputs are computed by one piece of code and differ only in the
// numbers the engines hand in.
package tally

import (
	"math"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// Source names where people entering the pipeline come from.
type Source = procedure.Source

// Stocks are the people in each state.
type Stocks [procedure.NumStates]float64

// Detained returns the number holding a bed: the twelve detained
// states' stocks summed in state order, written out (admission and
// every step's end ask; a loop costs twice the instructions).
func (s *Stocks) Detained() float64 {
	d := (*[numDetained]float64)(s[procedure.DetainedDocket : procedure.Blocked+1])
	return d[0] + d[1] + d[2] + d[3] + d[4] + d[5] + d[6] + d[7] + d[8] + d[9] + d[10] + d[11]
}

// numDetained is the number of detained states, DetainedDocket through
// Blocked; the line after it fails to compile unless they are the
// twelve Detained sums.
const numDetained = int(procedure.Blocked-procedure.DetainedDocket) + 1

var _ = [1]struct{}{}[numDetained-12]

// Counter is a due-process or cost counter fed by Count.
type Counter uint8

// The counters.
const (
	FearScreenings Counter = iota
	FearScreeningsPassed
	ThirdCountryScreenings
	ThirdCountryScreeningsPassed
	NoticesServed
	RemovalsWithAssurances
	RemovalsAfterNotice
	RemovalsWithoutNotice
	RemovalsWithoutHearing
	BlockedByInjunction
	CustodialArrests
	AtLargeArrests
	FlightsFlown
	CourtCompletions
	NumCounters
)

// countedBy lists, per transition, the counters that people taking it
// add to: screenings, notices, injunctions and court completions follow
// from the network, so the engines need not count them.
var countedBy = [procedure.NumTransitions][]Counter{
	procedure.FearNegative:             {FearScreenings},
	procedure.FearPositiveToATD:        {FearScreenings, FearScreeningsPassed},
	procedure.FearPositiveToCourt:      {FearScreenings, FearScreeningsPassed},
	procedure.FearPositiveDetained:     {FearScreenings, FearScreeningsPassed},
	procedure.ThirdScreenNegative:      {ThirdCountryScreenings},
	procedure.ThirdScreenToCourt:       {ThirdCountryScreenings, ThirdCountryScreeningsPassed},
	procedure.ThirdScreenToDesignation: {ThirdCountryScreenings, ThirdCountryScreeningsPassed},
	procedure.UnassuredNotice:          {NoticesServed},
	procedure.FlightEnjoined:           {BlockedByInjunction},
	procedure.LandEnjoined:             {BlockedByInjunction},
	procedure.CourtOrder:               {CourtCompletions},
	procedure.CourtOrderAppealed:       {CourtCompletions},
	procedure.CourtRelief:              {CourtCompletions},
	procedure.CourtVoluntaryDeparture:  {CourtCompletions},
	procedure.CourtTerminated:          {CourtCompletions},
	procedure.DocketOrder:              {CourtCompletions},
	procedure.DocketRelief:             {CourtCompletions},
	procedure.DocketVoluntaryDeparture: {CourtCompletions},
	procedure.DocketTerminated:         {CourtCompletions},
}

type monthAcc struct {
	// moves are the people moved between two states, by the pair's
	// index in moveEnds: the network moves between a tenth of the pairs
	// of states, and a month's accumulator is copied once a month and
	// kept for the run.
	moves      [procedure.NumTransitions]float64
	entries    [procedure.NumSources]float64
	removalsBy [procedure.NumPathways]float64
	// thirdRemovals are removals to a third country.
	thirdRemovals float64
	used, avail   [procedure.NumCapacities]float64
	// served counts people served by each capacity (admissions for beds).
	served      [procedure.NumCapacities]float64
	counters    [NumCounters]float64
	detainedSum float64
	atdSum      float64
	foSum       float64
	bedsSum     float64
	steps       int
	end         Stocks
}

// Tally accumulates one run. Feed it with Begin, then for each step any
// number of Fire, RemovalFrom (or RemovalTo), Admit, Discharge, Use and
// Count calls followed by EndStep; then call Result.
type Tally struct {
	m *model.Model
	// slotDest and slotCounter are RemovalFrom's destination index and
	// due-process counter of each destination slot (see New).
	slotDest    []int
	slotCounter []Counter
	start       Stocks
	// stock is the running stocks, indexed by every value of a
	// procedure.State so that Fire's indices need no bounds checks;
	// Outside is the slot entries are taken from (never read).
	stock [1 << 8]float64
	in    [procedure.NumStates]float64
	out   [procedure.NumStates]float64

	step  int
	month int
	cur   monthAcc
	accs  []monthAcc

	// removalsByDest counts removals by destination index: country
	// groups in model order, then third countries.
	removalsByDest []float64

	ttrCount, ttrSum [procedure.NumPathways]float64
	ttrHist          [procedure.NumPathways][]float64
	// keepDays says whether ttrHist is kept (KeepRemovalDays).
	keepDays bool

	fired [procedure.NumTransitions]float64
	// monthFired sums each transition's Fire calls since the last fold
	// (sized, like firings, for every TransitionID: no bounds check).
	monthFired [1 << 8]float64

	admissions, discharges, losSum float64
	detainedStepSum                float64

	// rec says what Result builds (see Record).
	rec Recording
}

// New returns a Tally for a run of m.
func New(m *model.Model) *Tally {
	t := &Tally{m: m, removalsByDest: make([]float64, len(m.Groups)+1),
		// One accumulator a month: grow the slice once.
		accs: make([]monthAcc, 0, m.Months)}
	// RemovalFrom runs for every class removed in every step: its
	// destination index and due-process counter are looked up, not
	// worked out each time.
	t.slotDest, t.slotCounter = make([]int, m.NumSlots()), make([]Counter, m.NumSlots())
	for slot := range t.slotDest {
		t.slotDest[slot], t.slotCounter[slot] = slot-1, noCounter
		if m.Third(slot) {
			t.slotDest[slot] = t.ThirdCountryDest()
		}
		switch m.SlotMark(slot) {
		case procedure.ThirdAssured:
			t.slotCounter[slot] = RemovalsWithAssurances
		case procedure.ThirdAfterNotice:
			t.slotCounter[slot] = RemovalsAfterNotice
		case procedure.ThirdWithoutNotice:
			t.slotCounter[slot] = RemovalsWithoutNotice
		}
	}
	return t
}

// noCounter marks a slot whose removals count in no due-process counter.
const noCounter Counter = NumCounters

// Begin records the stocks at the start.
func (t *Tally) Begin(s Stocks) {
	t.start = s
	copy(t.stock[:], s[:])
}

// Fire records n people taking transition id of procedure's network:
// a move between two states or, for an entry, people entering from
// outside the pipeline. Engines record every move this way, so Fired
// tells which transitions a run took.
//
// Fire keeps the running stocks (admission and the step's averages read
// them) and the month's sum of each transition; the ledger's inflows
// and outflows, the month's moves and entries, the counters the network
// implies (countedBy) and Fired follow from those sums when the month
// closes (see fold): Fire runs for every transition taken in a step,
// those run once a month per transition.
func (t *Tally) Fire(id procedure.TransitionID, n float64) {
	f := &firings[id]
	t.monthFired[id] += n
	t.stock[f.from] -= n
	t.stock[f.to] += n
}

// fold adds the month's sums of the transitions fired (monthFired) to
// the run's and the month's accumulators, and clears them. It runs when
// a month closes and before the result is built (a run's last month may
// be cut short).
func (t *Tally) fold() {
	for id := range procedure.NumTransitions {
		n := t.monthFired[id]
		if n == 0 {
			continue
		}
		t.monthFired[id] = 0
		f := &firings[id]
		t.fired[id] += n
		for _, c := range f.counters[:f.ncounters] {
			t.cur.counters[c] += n
		}
		t.in[f.to] += n
		if f.pair == entry {
			t.cur.entries[f.source] += n
			continue
		}
		t.out[f.from] += n
		t.cur.moves[f.pair] += n
	}
}

// firing is what Fire and fold do for a transition, worked out once
// from the network and countedBy: Fire runs for every transition taken
// in a step (flow: once per move of a loop over classes or groups, the
// agent: per move).
type firing struct {
	from, to procedure.State
	// pair is the move's index in a month's moves (moveIndex), entry
	// for an entry from outside. (Seven bytes: the compiler addresses
	// the fields of a table of 8-byte entries less directly, and Fire
	// is that hot.)
	pair      uint8
	source    Source
	ncounters uint8
	counters  [maxCounters]Counter
}

// entry is firing.pair of an entry (the network's moves are fewer).
const entry = math.MaxUint8

// maxCounters is the most counters a transition adds to (a fixed
// array, so a firing needs no allocation; fold adds to them).
const maxCounters = 2

var firings = func() (fs [1 << 8]firing) {
	// An id beyond the network moves nothing between states: its from
	// and to are the Outside slot, which no stock reads (a zero entry
	// would take from and give back to state 0, changing it by rounding).
	for id := range fs {
		fs[id].from, fs[id].to = procedure.Outside, procedure.Outside
	}
	for id := range procedure.NumTransitions {
		d := procedure.Def(procedure.TransitionID(id))
		f := &fs[id]
		f.from, f.to, f.source, f.pair = d.From, d.To, d.Source, entry
		if !d.Entry() {
			f.pair = uint8(moveIndex[d.From][d.To])
		}
		// TestFiringsHoldCounters checks that none is cut off.
		f.ncounters = uint8(copy(f.counters[:], countedBy[id]))
	}
	return fs
}()

// moveEnds are the (from, to) states of the network's moves (its
// transitions but the entries), each pair once, in (from, to) order;
// moveIndex is a pair's index in them, -1 for a pair no transition
// moves between.
var moveEnds, moveIndex = movePairs()

func movePairs() (ends [][2]procedure.State, index [procedure.NumStates][procedure.NumStates]int) {
	var moves [procedure.NumStates][procedure.NumStates]bool
	for id := range procedure.NumTransitions {
		if d := procedure.Def(id); !d.Entry() {
			moves[d.From][d.To] = true
		}
	}
	for from := range index {
		for to := range index[from] {
			index[from][to] = -1
			if moves[from][to] {
				index[from][to] = len(ends)
				ends = append(ends, [2]procedure.State{procedure.State(from), procedure.State(to)})
			}
		}
	}
	return ends, index
}

// ThirdCountryDest returns the destination index RemovalTo takes for a
// third-country removal; country groups are 0..len(m.Groups)-1.
func (t *Tally) ThirdCountryDest() int { return len(t.m.Groups) }

// RemovalTo records n removals along pathway p to destination dest (a
// country group's index in the model, or ThirdCountryDest), with ttrSum
// the sum of their days from arrest to removal: Removed without a
// due-process counter.
func (t *Tally) RemovalTo(p procedure.Pathway, dest int, n, ttrSum float64) {
	r := Removals{p: p, third: dest == len(t.m.Groups), counter: noCounter, dest: dest}
	t.Removed(&r, n, ttrSum)
}

// RemovalFrom records n removals along pathway p from destination slot
// slot (model's slot layout), with ttrSum the sum of their days from
// arrest to removal: RemovalTo and the due-process counters the pathway
// and the slot imply (removals without a hearing; to third countries
// with assurances, after notice, without notice).
func (t *Tally) RemovalFrom(p procedure.Pathway, slot int, n, ttrSum float64) {
	r := t.RemovalsFrom(p, slot)
	t.Removed(&r, n, ttrSum)
}

// Removals is what RemovalFrom records for the removals along one
// pathway from one slot, worked out once (RemovalsFrom): the flow
// engine removes from the same classes every step.
type Removals struct {
	p                procedure.Pathway
	third, noHearing bool
	counter          Counter
	dest             int
}

// RemovalsFrom returns the removals along pathway p from slot slot, for
// Removed.
func (t *Tally) RemovalsFrom(p procedure.Pathway, slot int) Removals {
	dest := t.slotDest[slot]
	return Removals{p: p, third: dest == len(t.m.Groups), noHearing: p.WithoutHearing(), counter: t.slotCounter[slot], dest: dest}
}

// Removed records n removals of r, with ttrSum the sum of their days
// from arrest to removal: RemovalFrom of r's pathway and slot.
func (t *Tally) Removed(r *Removals, n, ttrSum float64) {
	t.cur.removalsBy[r.p] += n
	if r.third {
		t.cur.thirdRemovals += n
	}
	t.removalsByDest[r.dest] += n
	t.ttrCount[r.p] += n
	t.ttrSum[r.p] += ttrSum
	if r.counter != noCounter {
		t.cur.counters[r.counter] += n
	}
	if r.noHearing {
		t.cur.counters[RemovalsWithoutHearing] += n
	}
}

// RemovalCase records one removal's time from arrest to removal in whole
// days, for quantiles; call it besides Removal.
func (t *Tally) RemovalCase(p procedure.Pathway, days int) { t.RemovalCases(p, days, 1) }

// RemovalCases records n removals (whole people) with one time from
// arrest to removal in whole days, as n calls of RemovalCase; it records
// nothing unless KeepRemovalDays was called.
func (t *Tally) RemovalCases(p procedure.Pathway, days int, n float64) {
	if !t.keepDays {
		return
	}
	h := t.ttrHist[p]
	if days >= len(h) {
		grown := make([]float64, days+days/2+32)
		copy(grown, h)
		h = grown
		t.ttrHist[p] = h
	}
	h[days] += n
}

// KeepRemovalDays makes the tally keep the histogram of the days from
// arrest to removal (RemovalCase, RemovalCases), from which the result's
// time-to-removal distributions take their quantiles. An engine of whole
// cases (the agent) calls it; flow's removals are fractions of cohorts,
// and its distributions have a mean only.
func (t *Tally) KeepRemovalDays() { t.keepDays = true }

// RemovalDays returns pathway p's histogram of RemovalCase's days (the
// tally's own: read only), with zeros past the longest.
func (t *Tally) RemovalDays(p procedure.Pathway) []float64 { return t.ttrHist[p] }

// Admit records n admissions to detention.
func (t *Tally) Admit(n float64) {
	t.admissions += n
	t.cur.served[procedure.Beds] += n
}

// Discharge records n discharges from detention whose stays sum to
// losSum days.
func (t *Tally) Discharge(n, losSum float64) {
	t.discharges += n
	t.losSum += losSum
}

// Use records a capacity's use and availability in the current step (in
// its own per-step unit), and for seats the flights they fill.
func (t *Tally) Use(c procedure.Capacity, used, available float64) {
	t.cur.used[c] += used
	t.cur.served[c] += used
	t.cur.avail[c] += available
	// Seats are used by the flight-load: the flights flown follow from
	// them, so neither engine counts flights itself.
	if c == procedure.Flights && used > 0 && t.m.SeatsPerFlight > 0 {
		t.cur.counters[FlightsFlown] += used / t.m.SeatsPerFlight
	}
}

// Arrests records a step's interior arrests: the officers' use of their
// capacity (model.Arrests.Used), and how many were taken from custody
// (jails) and how many at large.
func (t *Tally) Arrests(used, capacity, custodial, atLarge float64) {
	t.Use(procedure.Officers, used, capacity)
	t.Count(CustodialArrests, custodial)
	t.Count(AtLargeArrests, atLarge)
}

// Count adds n to a counter.
func (t *Tally) Count(c Counter, n float64) { t.cur.counters[c] += n }

// EndStep closes a step: it samples the stocks for averages and closes
// the month when the step was its last.
func (t *Tally) EndStep() {
	d := t.running().Detained()
	t.cur.detainedSum += d
	t.cur.atdSum += t.stock[procedure.ATD]
	t.cur.foSum += t.stock[procedure.FinalOrder] + t.stock[procedure.FinalOrderStale]
	t.cur.bedsSum += t.m.Beds[t.step]
	t.cur.used[procedure.Beds] += d
	t.cur.avail[procedure.Beds] += t.m.Beds[t.step]
	t.cur.steps++
	t.detainedStepSum += d
	t.step++
	if t.step == t.m.MonthStartStep[t.month+1] {
		t.closeMonth()
	}
}

// Detained returns the running number holding a bed.
func (t *Tally) Detained() float64 { return t.running().Detained() }

// running returns the running stocks of the states.
func (t *Tally) running() *Stocks { return (*Stocks)(t.stock[:procedure.NumStates]) }

// Stock returns the tally's running count of a state; engines may use it
// to check their own bookkeeping.
func (t *Tally) Stock(s procedure.State) float64 { return t.running()[s] }

func (t *Tally) closeMonth() {
	t.fold()
	t.cur.end = *t.running()
	// Fractional moves leave residues of order 1e-12 where a stock has
	// emptied; report those as zero. The ledger keeps the exact sums.
	for i, v := range t.cur.end {
		if math.Abs(v) < 1e-6 {
			t.cur.end[i] = 0
		}
	}
	t.accs = append(t.accs, t.cur)
	t.cur = monthAcc{}
	t.month++
}

// days per step.
func (t *Tally) dps() float64 { return 1 / float64(t.m.StepsPerDay) }

// monthCost returns a month's cost by item, priced by package cost from
// the month's quantities.
func (t *Tally) monthCost(mi int, a *monthAcc) cost.Prices {
	dps := t.dps()
	q := cost.Usage{
		Days: float64(a.steps) * dps,

		BedDays:                 a.detainedSum * dps,
		ATDDays:                 a.atdSum * dps,
		AtLargeArrests:          a.counters[AtLargeArrests],
		CustodialArrests:        a.counters[CustodialArrests],
		Admissions:              a.served[procedure.Beds],
		FearScreenings:          a.counters[FearScreenings],
		ThirdCountryScreenings:  a.counters[ThirdCountryScreenings],
		CourtCompletions:        a.counters[CourtCompletions],
		Appeals:                 a.move(procedure.CourtQueue, procedure.Appeal),
		FlightsFlown:            a.counters[FlightsFlown],
		FlightRemovals:          a.move(procedure.AwaitingFlight, procedure.Removed),
		LandRemovals:            a.move(procedure.AwaitingLand, procedure.Removed),
		BorderExpeditedRemovals: a.removalsBy[procedure.BorderExpedited],
		ThirdCountryRemovals:    a.thirdRemovals,
	}
	for _, l := range t.m.Levels {
		q.Levels[l.Capacity], q.Added[l.Capacity] = l.Productive[mi], l.Added[mi]
		if l.Pending != nil {
			q.Pending[l.Capacity] = l.Pending[mi]
		}
	}
	return cost.Price(&t.m.CostUnits, &q)
}

// itemsByName are the cost items in name order. A month's cost is the
// sum of its items in this order: float addition is not associative, and
// the sum must not depend on anything else (it was once summed in map
// order and differed in the last digits from run to run).
var itemsByName = func() (ids [cost.NumItems]int) {
	for i := range ids {
		ids[i] = i
	}
	slices.SortFunc(ids[:], func(a, b int) int { return strings.Compare(cost.Items[a].Name, cost.Items[b].Name) })
	return ids
}()

// sumByName returns the sum of a month's items in name order.
func sumByName(items *cost.Prices) float64 {
	t := 0.0
	for _, i := range itemsByName {
		t += items[i]
	}
	return t
}

// binding names the capacity that limits throughput this month. A
// capacity is saturated when at least 99% of it was used; a queue
// capacity must also have people waiting at the month's end. Arrests are
// made to the officers' capacity, so officers are nearly always
// saturated; they bind unless a saturated queue capacity carries the main
// stream, i.e. serves at least a quarter as many people as arrests, so
// that a saturated side-stream (a few hundred third-country places) does
// not hide what limits the total. With no main-stream queue saturated
// and officers not saturated, the saturated queue capacity serving most
// binds, else "none". The marginal value of each capacity (removalsim
// bottlenecks) answers the finer question of what an extra unit buys.
func (t *Tally) binding(a *monthAcc, queues *[procedure.NumCapacities]float64, _ float64) string {
	saturated := func(c procedure.Capacity) bool { return a.avail[c] > 0 && a.used[c] >= 0.99*a.avail[c] }
	best, most := procedure.Capacity(0), -1.0
	for c := procedure.Beds; c < procedure.NumCapacities; c++ {
		if saturated(c) && queues[c] >= 1 && a.served[c] > most {
			best, most = c, a.served[c]
		}
	}
	switch {
	case most >= 0.25*a.served[procedure.Officers] && most > 0:
		return best.String()
	case saturated(procedure.Officers):
		return procedure.Officers.String()
	case most >= 0:
		return best.String()
	}
	return "none"
}
