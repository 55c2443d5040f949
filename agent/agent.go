package agent

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/tally"
)

// Options are the settings of a run. The zero value runs one replication
// from the model's seed on one goroutine per CPU.
type Options struct {
	// Runs is the number of replications; 0 means 1.
	Runs int
	// Seed is the root seed; 0 means the model's seed. Replication r
	// draws from streams keyed by (Seed, r, kind of draw); see doc.go.
	Seed uint64
	// Workers is the number of goroutines; 0 means GOMAXPROCS. The
	// result does not depend on it.
	Workers int
	// Trace, when set, receives every transition (for tests; it slows
	// the engine). Replications then run one at a time, in order.
	Trace func(TraceEvent)
	// Context, when set, cancels the runs: each replication checks it
	// at every month boundary and Run returns its error.
	Context context.Context
	// Progress, when set, is called after each replication with the
	// number finished and Runs (from one goroutine at a time).
	Progress func(done, total int)
	// Record says what each replication's result records (see
	// tally.Recording); a Lean one also leaves out the pooled
	// time-to-removal distributions.
	Record tally.Recording
}

// TraceEvent is one transition reported to Options.Trace.
type TraceEvent struct {
	// Run is the replication's index.
	Run int
	// Step is the step at which the transition happened.
	Step int
	// Case is the person's serial number within the run (from 1), or 0
	// for N people held as a count (at large, in proceedings, ATD, final
	// orders, and the terminal states).
	Case uint64
	// N is the number of people moved: 1 for a case.
	N int
	// From is the state left, or procedure.NumStates for an entry from
	// outside (border apprehension, new entry).
	From, To procedure.State
	// Transition is the transition of procedure's network taken.
	Transition procedure.TransitionID
	// Pathway is the case's pathway, or procedure.NumPathways for counts.
	Pathway procedure.Pathway
	// Destination is the case's country group or "third_country" once
	// known, else empty.
	Destination string
}

// Run simulates m Runs times and returns the means over the
// replications, with bands across them and pooled time to removal. The
// replications are folded into the mean as they finish, in index order,
// so memory holds a few replications' results, not all of them.
func Run(m *model.Model, o Options) (*result.Result, error) {
	var c *combiner
	_, err := each(m, o, func(seed uint64, rep *replication) {
		if c == nil {
			c = newCombiner(m, seed)
			c.lean = o.Record.Lean
		}
		c.add(rep)
	})
	if err != nil {
		return nil, err
	}
	return c.result(), nil
}

// Replicate simulates m Runs times and returns each replication's result
// (Runs 1, Events set), in index order, for callers that need per-run
// values (cross-checks of annual totals, for instance).
func Replicate(m *model.Model, o Options) ([]*result.Result, error) {
	var out []*result.Result
	_, err := each(m, o, func(seed uint64, r *replication) {
		r.res.Seed = seed
		r.res.Events = float64(r.events)
		out = append(out, r.res)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// replication is one run's result with what combining needs beyond it.
type replication struct {
	index    int
	res      *result.Result
	events   int64
	ttrHist  [procedure.NumPathways][]int64
	ttrSteps [procedure.NumPathways]int64
	ttrN     [procedure.NumPathways]int64
	peakLive int
	bytes    int
}

// Check reports what makes a model unfit to run.
func check(m *model.Model, o Options) error {
	switch {
	case m == nil:
		return errors.New("agent: no model")
	case o.Runs < 0:
		return fmt.Errorf("agent: runs must be at least 1, got %d", o.Runs)
	case o.Workers < 0:
		return fmt.Errorf("agent: workers must be 0 (one per CPU) or more, got %d", o.Workers)
	case m.Steps <= 0 || m.StepsPerDay <= 0 || len(m.MonthStartStep) != m.Months+1:
		return fmt.Errorf("agent: model %q has no horizon", m.Name)
	case m.Steps >= 1<<31-1:
		return fmt.Errorf("agent: model %q has %d steps, more than a case's step counter holds", m.Name, m.Steps)
	case len(m.Groups) == 0 || len(m.Groups) > 250:
		return fmt.Errorf("agent: model %q has %d country groups, want 1 to 250", m.Name, len(m.Groups))
	}
	for _, xs := range [][]float64{m.BorderPerStep, m.Title42Share, m.NewEntriesPerStep, m.ArrestsPerStep, m.Beds,
		m.SeatsPerStep, m.LandPerStep, m.JudgePerStep, m.ScreenPerStep, m.ThirdAssuredPerStep, m.ThirdUnassuredPerStep} {
		if len(xs) != m.Steps {
			return fmt.Errorf("agent: model %q has a per-step series of length %d, want %d", m.Name, len(xs), m.Steps)
		}
	}
	for _, g := range m.Groups {
		if len(g.CapPerStep) != m.Steps {
			return fmt.Errorf("agent: model %q: group %q has %d caps, want %d", m.Name, g.Name, len(g.CapPerStep), m.Steps)
		}
	}
	return nil
}

// each simulates m's replications on o.Workers goroutines and calls fn
// with each, on the caller's goroutine, in index order. At most two per
// worker are in flight or waiting for their turn, so memory is bounded
// whatever the number of runs. It returns the root seed.
func each(m *model.Model, o Options, fn func(seed uint64, r *replication)) (uint64, error) {
	if err := check(m, o); err != nil {
		return 0, err
	}
	runs, seed, workers := max(o.Runs, 1), o.Seed, o.Workers
	if seed == 0 {
		seed = m.Seed
	}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if o.Trace != nil {
		workers = 1
	}
	workers = min(workers, runs)
	var ctxDone <-chan struct{}
	if o.Context != nil {
		ctxDone = o.Context.Done()
	}
	jobs, done := make(chan int), make(chan *replication)
	tokens := make(chan struct{}, 2*workers)
	go func() {
		defer close(jobs)
		for r := range runs {
			select {
			case tokens <- struct{}{}:
			case <-ctxDone:
				return
			}
			select {
			case jobs <- r:
			case <-ctxDone:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range jobs {
				done <- runOne(o, m, seed, r)
			}
		}()
	}
	go func() {
		wg.Wait()
		close(done)
	}()
	pending := map[int]*replication{}
	next := 0
	for rep := range done {
		if rep == nil { // cancelled before its end
			continue
		}
		pending[rep.index] = rep
		for p, ok := pending[next]; ok; p, ok = pending[next] {
			delete(pending, next)
			fn(seed, p)
			next++
			<-tokens
			if o.Progress != nil {
				o.Progress(next, runs)
			}
		}
	}
	if o.Context != nil && o.Context.Err() != nil {
		return 0, fmt.Errorf("agent: %w", o.Context.Err())
	}
	return seed, nil
}

// runOne simulates replication r; it returns nil when ctx (if any) is
// cancelled before the end.
func runOne(o Options, m *model.Model, seed uint64, r int) *replication {
	var tr func(TraceEvent)
	if o.Trace != nil {
		tr = func(ev TraceEvent) { ev.Run = r; o.Trace(ev) }
	}
	ctx := o.Context
	e := newEngine(m, seed, uint64(r), tr)
	e.t.Record(o.Record)
	mi := 0
	for k := 0; k < m.Steps; k++ {
		if ctx != nil && mi < m.Months && k == m.MonthStartStep[mi] {
			if ctx.Err() != nil {
				return nil
			}
			mi++
		}
		e.step(k)
	}
	rep := &replication{index: r, res: e.t.Result("agent"), events: e.events, ttrSteps: e.ttrSteps, peakLive: e.peakLive, bytes: e.bytes()}
	rep.ttrHist, rep.ttrN = removalDays(e.t)
	rep.res.Seed = seed
	return rep
}

// bytes returns the memory held by the run's cases, queues and calendars.
func (e *engine) bytes() int {
	n := cap(e.cases)*int(unsafe.Sizeof(kase{})) + cap(e.free)*4 + cap(e.blocked)*8 + cap(e.divertAir)*8 + cap(e.divertLand)*8
	n += cap(e.deadlines.buf) * int(unsafe.Sizeof(timed{}))
	for _, q := range []*fifo{&e.court, &e.screen, &e.tcd, &e.flight, &e.land} {
		n += cap(q.buf) * 8
	}
	for i := range e.bed {
		n += cap(e.bed[i].buf) * 8
	}
	for i := range e.country {
		n += cap(e.country[i].buf) * 8
	}
	for i := range e.cal {
		n += e.cal[i].bytes()
	}
	return n
}

// removalDays returns the run's time-to-removal histograms, which the
// tally keeps (RemovalCase), as counts up to the longest time, and the
// removals they count, for combine to pool.
func removalDays(t *tally.Tally) (h [procedure.NumPathways][]int64, count [procedure.NumPathways]int64) {
	for p := range h {
		days := t.RemovalDays(procedure.Pathway(p))
		n := len(days)
		for n > 0 && days[n-1] == 0 {
			n--
		}
		for _, v := range days[:n] {
			h[p] = append(h[p], int64(v))
			count[p] += int64(v)
		}
	}
	return h, count
}
