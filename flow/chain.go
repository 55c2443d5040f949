package flow

import "github.com/removalsim/removalsim/procedure"

// The third-country chain pools its country groups. People whose country
// refused them (DocumentRefused) wait for a third country's place, a
// notice or a screening, a flight, or the end of an injunction: states
// whose services are blind to the group and whose classes carry
// post-order cohorts, the engine's costliest bookkeeping (see
// postOrder). Keeping a class per group there tripled those classes and
// their cohort walks, so in those states a class is (pathway, kind) —
// group 0's index stands for all — and e.chain[p] holds the people of
// pathway p in them by group. Who leaves the chain for a state where
// the group matters again (released to the final-order docket at the
// post-order limit, referred to court after a screening) or is removed
// is split over the groups by that composition (leaveChain; the
// deadline's releases and the removals, which nothing joins the chain
// between, once per pathway for all their classes: releaseDeadlines,
// removedFromChain): the chain's services treat every group alike, so
// in expectation each group leaves in proportion to its share, and each
// group's people are conserved exactly. Release at the post-order limit is split the same
// way, by the chain's group mix now, not that of the cohort reaching the
// limit (who entered the chain months before, when the mix may have
// differed): a shift in the groups refused over time moves to the
// released at the chain's pace, not the cohort's. (The agent keeps each
// case's group throughout.)

// pooled reports whether class c of a post-order state is one of the
// chain's (any kind but removal to the group's own country).
func (e *engine) pooled(c int) bool { return e.classKind[c] != kindHome }

// chainMove does what a move of x, people of class c, along in does to
// the chain (in.pool != 0): joining it adds them to its composition;
// leaving it from a pooled class puts them in their groups' cells by its
// composition and reports true (the move is done); the caller puts the
// others in in's cell for c.
func (e *engine) chainMove(in *into, c int, x lot) bool {
	switch {
	case in.pool > 0:
		e.joinChain(c, x.n)
	case e.pooled(c):
		e.leaveChain(in, c, x)
		return true
	}
	return false
}

// joinChain notes n people of class c's group joining the chain along
// in (in.pool > 0).
func (e *engine) joinChain(c int, n float64) {
	e.chain[e.classPathway[c]][e.classGroup[c]] += n
}

// chainTake takes n people of pathway p from the chain's composition
// and returns each group's share of them (in e.chainShare).
func (e *engine) chainTake(p procedure.Pathway, n float64) []float64 {
	v, sh := e.chain[p], e.chainShare[:len(e.chain[p])]
	t := 0.0
	for _, x := range v {
		t += x
	}
	if t <= 0 {
		clear(sh)
		sh[0] = 1
		return sh
	}
	// Each group keeps 1 − n/t of its people, none when n is t or more
	// (a comparison: Go's max of floats costs a dozen instructions).
	inv, keep := 1/t, 1-n/t
	if keep < 0 {
		keep = 0
	}
	for g, x := range v {
		sh[g] = x * inv
		v[g] = x * keep
	}
	return sh
}

// leaveChain puts x, people of pooled class c leaving the chain along in
// (in.pool < 0), into their groups' cells where in leads, by the chain's
// composition. The caller records the move and moves the cohorts.
func (e *engine) leaveChain(in *into, c int, x lot) {
	p, kind := e.classPathway[c], int(e.classKind[c])
	for g, s := range e.chainTake(p, x.n) {
		if s == 0 {
			continue
		}
		cg := e.cls(p, g, kind)
		cl := in.cell[cg]
		if !cl.seen {
			e.see(in, cg)
		}
		cl.add(x.scale(s))
	}
}

// removedFromChain takes the chain's people Remove has removed
// (e.removed) from its composition, once per pathway rather than once
// per class: nothing joins the chain while Remove takes them, so every
// class of a pathway leaves it by the same mix (see chainTake), and one
// take of their sum does what one take each did, up to rounding. Their
// groups' sinks get them by that mix.
func (e *engine) removedFromChain() {
	for p, n := range e.removed {
		if n == 0 {
			continue
		}
		for g, sh := range e.chainTake(procedure.Pathway(p), n) {
			e.sink[g].n += n * sh
		}
		e.removed[p] = 0
	}
}
