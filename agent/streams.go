package agent

import "github.com/removalsim/removalsim/procedure"

// stream names one kind of random draw. Each kind has its own PCG stream,
// keyed by (seed, replication, kind), so that two scenarios differing in
// one rule consume the same draws everywhere else: common random numbers.
// With one stream for everything, a rule that adds a draw on one path
// shifts every later draw of the run, and the two scenarios' replications
// share little noise.
type stream uint16

const (
	// Inflows: border apprehensions (count and routing) and new entries.
	sBorder stream = iota
	sNewEntries
	// Interior arrests: pathway (special authority, hearing, detention)
	// and custodial share.
	sArrest
	sCustodial
	// Marks drawn at arrest.
	sFearClaim
	sPriority
	// The order of a day's arrests in the bed queue.
	sShuffle
	// Outcomes at each decision.
	sCourt
	sDocket
	sAppeal
	sFearScreen
	sThirdScreen
	sNotice
	// Counted stocks left at a rate.
	sAtLargeDeparts
	sFinalOrderDeparts
	sATDEnds
	// sClock + calendar: the delays and reneging clocks of each calendar.
	sClock
	// sGroup + transition: whether the country of an order's case
	// accepts the travel document, per transition into TravelDocument.
	// The one stream before it is unused: it was the clock stream of a
	// post-order deadline calendar, which drew nothing; it stays so that
	// the later streams keep their keys.
	sGroup = sClock + numCalendars + 1
	// The aging final-order docket (arrests.order_staleness_years), last
	// so that the other streams keep their keys.
	// (Only transitions into TravelDocument have a group stream, all
	// before SetTransitions.)
	sStaleOrderDeparts = sGroup + stream(procedure.SetTransitions)
	sOrderAging        = sStaleOrderDeparts + 1
	// sUnbooked: the country groups of removals without a detention
	// book-in (arrests.unbooked_removal_share), last for the same reason.
	sUnbooked = sOrderAging + 1
	// sStartGroups: the country groups of the starting stocks.
	sStartGroups = sUnbooked + 1
	// sGroupOf + transition: the country groups of people taking the
	// transition, from a counted stock or entering from outside (see
	// groupsOf). One stream per transition, so that a rule that changes
	// how many take one transition leaves the draws of the others as
	// they were (common random numbers pair across scenarios).
	sGroupOf = sStartGroups + 1
	// numStreams is the number of streams.
	numStreams = sGroupOf + stream(procedure.NumTransitions)
)

// streamKey is the PCG sequence of stream s of replication rep:
// splitmix64 of (rep, s), so distinct pairs give unrelated sequences.
func streamKey(rep uint64, s stream) uint64 { return splitmix(rep<<16 | uint64(s)) }

// splitmix is splitmix64's output function of z.
func splitmix(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// stepStream is stream s restarted for step k: its draws depend on
// (seed, replication, stream, step) only. The country groups' streams
// are drawn so because how many people a transition moves differs
// between two scenarios that differ in one rule; on one sequence the
// draws of every later step would shift, on one per step the scenarios
// see the same draws again from the next step on.
func (e *engine) stepStream(s stream, k int) *draws {
	d := &e.ds[s]
	if e.streamStep[s-sGroupOf] != k+1 {
		d.pcg.Seed(e.seed, splitmix(streamKey(e.rep, s)+uint64(k)))
		e.streamStep[s-sGroupOf] = k + 1
	}
	return d
}

// newStreams returns the streams of replication rep.
func newStreams(seed, rep uint64) []draws {
	ds := make([]draws, numStreams)
	for s := range ds {
		ds[s] = newDraws(seed, streamKey(rep, stream(s)))
	}
	return ds
}
