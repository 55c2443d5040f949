package agent

// ref names a case as it stood when it was queued or scheduled: the case's
// slab index and its version then. A case's version changes with every
// move, so a ref whose version no longer matches is stale (the case left
// by another way) and is skipped: lazy deletion, no search.
type ref struct{ id, ver uint32 }

// fifo is a first-in-first-out queue of refs. Popped refs are dropped from
// the front; the buffer is compacted when the dead front outgrows the
// live part, so pushes and pops are O(1) amortised.
type fifo struct {
	buf  []ref
	head int
}

func (q *fifo) push(r ref) { q.buf = append(q.buf, r) }

// pop returns the oldest ref, or false when the queue is empty.
func (q *fifo) pop() (ref, bool) {
	if q.head == len(q.buf) {
		return ref{}, false
	}
	r := q.buf[q.head]
	q.head++
	if q.head == len(q.buf) {
		q.buf, q.head = q.buf[:0], 0
	} else if q.head >= 1024 && q.head*2 >= len(q.buf) {
		n := copy(q.buf, q.buf[q.head:])
		q.buf, q.head = q.buf[:n], 0
	}
	return r, true
}

// pending returns the refs in the queue, oldest first, live or stale.
func (q *fifo) pending() []ref { return q.buf[q.head:] }

// reset replaces the queue's content with refs (which may alias it).
func (q *fifo) reset(refs []ref) {
	n := copy(q.buf, refs)
	q.buf, q.head = q.buf[:n], 0
}

// calendar schedules refs at future steps. It is a ring of step buckets,
// each a slice: adding and taking a step's bucket are O(1), which suits a
// clock that advances one step at a time (no heap needed). Times at least
// a ring's length ahead wait in an overflow list, moved into the ring
// once per turn; times past the horizon are dropped, since they never
// come. Emptied buckets keep their arrays, so a run reaches a steady
// state without allocating.
type calendar struct {
	ring    [][]ref
	mask    int
	far     []timed
	horizon int
}

type timed struct {
	at int
	r  ref
}

// newCalendar returns a calendar for steps 0..horizon−1 whose ring holds
// up to 4096 steps.
func newCalendar(horizon int) calendar {
	n := 1
	for n < horizon && n < 4096 {
		n *= 2
	}
	return calendar{ring: make([][]ref, n), mask: n - 1, horizon: horizon}
}

// add schedules r at step at, seen from step now (at ≥ now, and at > now
// once now's bucket has been taken).
func (c *calendar) add(now, at int, r ref) {
	switch {
	case at >= c.horizon:
	case at-now < len(c.ring):
		b := &c.ring[at&c.mask]
		*b = append(*b, r)
	default:
		c.far = append(c.far, timed{at, r})
	}
}

// take returns the refs due at step now and empties the bucket; the slice
// is valid until the next add to that bucket, which cannot happen before
// the caller has processed it (adds during processing are for later
// steps or other calendars).
func (c *calendar) take(now int) []ref {
	if now&c.mask == 0 && len(c.far) > 0 {
		c.migrate(now)
	}
	b := c.ring[now&c.mask]
	c.ring[now&c.mask] = b[:0]
	return b
}

// migrate moves the overflow times of the turn starting at now into the
// ring.
func (c *calendar) migrate(now int) {
	keep := c.far[:0]
	for _, t := range c.far {
		if t.at-now < len(c.ring) {
			b := &c.ring[t.at&c.mask]
			*b = append(*b, t.r)
		} else {
			keep = append(keep, t)
		}
	}
	c.far = keep
}

// bytes returns the memory held by the calendar's arrays.
func (c *calendar) bytes() int {
	n := cap(c.far)*16 + len(c.ring)*24
	for _, b := range c.ring {
		n += cap(b) * 8
	}
	return n
}
