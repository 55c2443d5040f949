// Package agent is the stochastic engine. It executes the procedure's
// network (procedure.Network) on synthetic cases, with the capacities,
// delays and decisions that package model compiles from a scenario, by
// the step flow runs too: model.Step's phases, in its order, over the
// engine's primitives (a model.Solver, see step.go).
// It has no routing of its own: a decision is one draw per case among the
// branches of a model.Decision (or, for counted people, one multinomial
// draw per step), admission and releases take the transition that
// procedure's functions name, and every move of a case goes through one
// function, enter, which does what the transition and its To state ask
// (record the destination the transition marks, join a queue, start a
// clock, free the record) and records the move by TransitionID. Where
// flow moves a fraction of a stock, the agent makes draws, so the means
// of the two engines agree ("one model, two engines") while the agent
// also gives distributions: time to removal per pathway, and bands across
// replications.
//
// # Cases and counts
//
// Whole-population stocks (at large, the non-detained court docket, ATD
// and the final-order docket: about 16 million people at national scale)
// are held as counts, and their departures are binomial draws. A case is
// materialised, as a 16-byte record in a slab with a free list, when an
// event first reaches a person who then waits somewhere in detention:
// an arrest or a border apprehension for expedited removal. It is freed
// when the person leaves detention. Decisions on the non-detained docket,
// border routes and the pathways of interior arrests are counts: one
// multinomial draw per step splits them (the bed queue is shuffled at
// admission, so the order in which arrests are materialised is
// immaterial). For the same reason the priority and fear marks of the
// people one decision arrests in a step are counts too: binomials give
// how many carry each mark, and that many are marked.
//
// # Time
//
// Time advances in steps of 1/StepsPerDay day. A delay stage with
// per-step leaving probability p holds a case for a geometric number of
// steps G ≥ 1, drawn when the case enters; the release is scheduled in a
// calendar of step buckets (ring buffer, O(1) insert and take). Flow
// releases a stage's share at the start of every step from the stock as
// it stands then; a case that enters a stage earlier in that same phase
// (from TravelDocument into CountryQueue or ThirdCountryDesignation) is
// exposed once more, so its draw is G − 1 steps. Reneging (release after
// bed_wait_days without a bed, after blocked_release_days without a
// slot, a cap place, or a lifted injunction) is scheduled the same way,
// and checked when it fires: each case carries a version that changes at
// every move, and a scheduled or queued reference whose version is stale
// is skipped (lazy deletion). A queue's release clock starts only for
// the cases still waiting after the queue's service in their step of
// entry: by memorylessness the law is the same, and most cases, served at
// once, never need a calendar entry.
//
// The calendar's ring spans 32 steps; later times wait in a dense
// overflow list moved into the ring once per turn, so memory follows the
// number of pending events, not the length of the delays. Counts with a
// mean of 30 or more (Poisson arrivals, binomial departures from the
// large stocks) are drawn from the normal approximation, rounded.
//
// # Capacities and queues
//
// Capacities per step are real numbers; a station serves floor(credit)
// cases per step and carries the fractional remainder (an idle station
// keeps less than one unit). Queues are first in, first out, except the
// bed queue, which admits nearest removal first (procedure's
// NearestRemovalFirst: by the rank of the admission a case will take,
// then priority cases, model.Shares.PriorityCases drawn at arrest, then
// first come). Flow serves each queue in proportion across its classes
// (the bed queue rank by rank); with FIFO the agent has the same
// throughput, hence the same means.
//
// # Replications
//
// Each kind of draw of replication r (arrivals, arrests, the outcome of
// each decision, each calendar's delays, the acceptance of a travel
// document per incoming transition, the country groups of people taken
// from a counted stock or entering) has its own stream,
// rand.NewPCG(seed, key(r, kind)) (see stream): two scenarios that differ in one rule then draw the same
// numbers everywhere else, so their replications are paired by common
// random numbers. Replications run on any number of goroutines and are
// combined in index order, so the result is byte-identical whatever the
// number of workers or GOMAXPROCS.
package agent
