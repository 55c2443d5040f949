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
// come. The arrays of buckets already processed are reused for new
// buckets, so a run reaches a steady state without allocating.
type calendar struct {
	ring    [][]ref
	mask    int
	far     []timed
	horizon int
	// last is the bucket take returned last; spare holds processed
	// bucket arrays for reuse.
	last  []ref
	spare [][]ref
}

type timed struct {
	at int32
	r  ref
}

// deadlineQueue holds clocks in the order they ring. The post-order
// clocks all run the same limit from the step they start, and they start
// in step order (the initially detained all at step 0, from the same
// admission), so each new clock rings no earlier than the last queued
// and push appends it. A queue then serves where a calendar would keep
// each clock in its overflow list and scan it once per turn of the ring
// (about six times for a 180-day limit).
type deadlineQueue struct {
	buf  []timed
	head int
}

// push queues a clock that rings at t.at, after those that ring no later
// (in push order at the same step). A clock earlier than the last queued
// (none is, see deadlineQueue) is moved back to its place.
func (q *deadlineQueue) push(t timed) {
	q.buf = append(q.buf, t)
	i := len(q.buf) - 1
	for ; i > q.head && q.buf[i-1].at > t.at; i-- {
		q.buf[i] = q.buf[i-1]
	}
	q.buf[i] = t
}

// due returns the clocks that ring by step now and drops them from the
// queue. The slice is valid until the next call of due.
func (q *deadlineQueue) due(now int) []timed {
	if q.head >= 1024 && q.head*2 >= len(q.buf) {
		n := copy(q.buf, q.buf[q.head:])
		q.buf, q.head = q.buf[:n], 0
	}
	i := q.head
	for i < len(q.buf) && int(q.buf[i].at) <= now {
		i++
	}
	out := q.buf[q.head:i]
	q.head = i
	return out
}

// ringSteps is the most steps a calendar's ring holds. Delays are often
// months long and geometric, so a long ring would hold many near-empty
// buckets, each keeping an array; beyond the ring, times wait densely in
// the overflow list, which each turn scans once (a time a steps ahead is
// scanned about a/ringSteps times).
const ringSteps = 32

// newCalendar returns a calendar for steps 0..horizon−1.
func newCalendar(horizon int) calendar {
	n := 1
	for n < horizon && n < ringSteps {
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
		c.put(at, r)
	default:
		c.far = append(c.far, timed{int32(at), r})
	}
}

// put appends r to the bucket of step at, reusing a spare array for an
// empty bucket.
func (c *calendar) put(at int, r ref) {
	b := &c.ring[at&c.mask]
	if *b == nil && len(c.spare) > 0 {
		*b = c.spare[len(c.spare)-1]
		c.spare = c.spare[:len(c.spare)-1]
	}
	*b = append(*b, r)
}

// take returns the refs due at step now and empties the bucket. The slice
// is valid until the next take: the caller processes it first.
func (c *calendar) take(now int) []ref {
	if cap(c.last) > 0 {
		c.spare = append(c.spare, c.last[:0])
	}
	if now&c.mask == 0 && len(c.far) > 0 {
		c.migrate(now)
	}
	b := c.ring[now&c.mask]
	c.ring[now&c.mask] = nil
	c.last = b
	return b
}

// migrate moves the overflow times of the turn starting at now into the
// ring.
func (c *calendar) migrate(now int) {
	keep := c.far[:0]
	for _, t := range c.far {
		if int(t.at)-now < len(c.ring) {
			c.put(int(t.at), t.r)
		} else {
			keep = append(keep, t)
		}
	}
	c.far = keep
}

// bytes returns the memory held by the calendar's arrays.
func (c *calendar) bytes() int {
	n := cap(c.far)*12 + cap(c.last)*8
	for _, b := range c.ring {
		n += cap(b) * 8
	}
	for _, b := range c.spare {
		n += cap(b) * 8
	}
	return n
}
