package main

import (
	"context"
	"errors"
	"fmt"
	"runtime/metrics"
	"time"

	"github.com/removalsim/removalsim/model"
)

// The agent engine holds a record for every person arrested, detained or
// in expedited removal (about 70 bytes with its queue entries), so its
// memory follows the scenario's scale, which validation bounds only
// physically (a billion people). Two guards keep it within 1 GiB:
// agentFits refuses, before running, a scenario that could create more
// cases in one month than fit; watchHeap stops a run between months when
// cases accumulated over many months outgrow the budget.
const (
	// maxAgentCasesPerMonth is the most cases a scenario may create in a
	// month (with those detained at the start) to run on the agent engine.
	maxAgentCasesPerMonth = 4_000_000
	// agentHeapBudget is the heap at which a running agent engine is
	// stopped; the engine checks between months, and a month adds at most
	// maxAgentCasesPerMonth cases, so the peak stays under 1 GiB.
	agentHeapBudget = 512 << 20
)

// agentFits reports, as a usage error, a model that could create more
// cases in a month than the agent engine holds: the people detained at
// the start, plus the month's arrests (officers' capacity, at most
// everyone who could be at large) and border expedited removals.
func agentFits(m *model.Model) error {
	initial := m.Initial.DetainedWithOrder + m.Initial.DetainedDocket
	pool := m.Initial.AtLarge + m.Initial.FinalOrders + m.Initial.InProceedings + m.Initial.ATD
	for k := range m.Steps {
		pool += m.NewEntriesPerStep[k] + m.BorderPerStep[k]
	}
	worst, worstArrests, worstBorder := 0.0, 0.0, 0.0
	for mi := range m.Months {
		arrests, border := 0.0, 0.0
		for k := m.MonthStartStep[mi]; k < m.MonthStartStep[mi+1]; k++ {
			arrests += m.ArrestsPerStep[k]
			border += m.BorderPerStep[k] * (1 - m.Title42Share[k]) * m.BorderRoute[k].Expedited
		}
		arrests = min(arrests, pool)
		if arrests+border > worst {
			worst, worstArrests, worstBorder = arrests+border, arrests, border
		}
	}
	if total := initial + worst; total > maxAgentCasesPerMonth {
		return badInput(fmt.Errorf("--engine agent: %s could create about %.3g cases in a month (%.3g detained at the start, up to %.3g arrests and %.3g border expedited removals a month); "+
			"the agent engine holds at most %d within 1 GiB: use --engine flow, or scale the scenario down (crosscheck --scale)",
			m.Name, total, initial, worstArrests, worstBorder, maxAgentCasesPerMonth))
	}
	return nil
}

// errAgentMemory is the cause of a run stopped by watchHeap.
var errAgentMemory = fmt.Errorf("the agent engine's cases outgrew %d MiB (people accumulate in custody or queues faster than they leave); use --engine flow, fewer months, or scale the scenario down (crosscheck --scale)", agentHeapBudget>>20)

// watchHeap returns a context derived from parent that is cancelled, with
// cause errAgentMemory, when the heap grows past agentHeapBudget, and a
// stop function to call when the run is over. The agent engine checks
// its context between months.
func watchHeap(parent context.Context) (context.Context, func()) {
	ctx, cancel := context.WithCancelCause(parent)
	done := make(chan struct{})
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-ctx.Done():
				return
			case <-tick.C:
				metrics.Read(sample)
				if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > agentHeapBudget {
					cancel(errAgentMemory)
					return
				}
			}
		}
	}()
	return ctx, func() { close(done); cancel(nil) }
}

// agentError turns the error of a run under watchHeap's context into the
// memory error when that is why it stopped.
func agentError(ctx context.Context, err error) error {
	if err != nil && errors.Is(context.Cause(ctx), errAgentMemory) {
		return errAgentMemory
	}
	return err
}
