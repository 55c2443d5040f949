package agent

import (
	"fmt"

	"github.com/removalsim/removalsim/procedure"
)

// Recorder collects the transitions of a run for tests: pass its Record
// method as Options.Trace. It keeps every event, so use it on small
// models.
type Recorder struct {
	Events []TraceEvent
}

// Record appends ev.
func (r *Recorder) Record(ev TraceEvent) { r.Events = append(r.Events, ev) }

// Sojourn is one stay of a case in a state, in steps; Leave is −1 when
// the case was still there at the end of the run.
type Sojourn struct {
	Run          int
	Case         uint64
	Enter, Leave int
}

// Sojourns returns every stay of a case in state s, in the order the
// stays began.
func (r *Recorder) Sojourns(s procedure.State) []Sojourn {
	type key struct {
		run int
		c   uint64
	}
	open := map[key]int{}
	var out []Sojourn
	for _, ev := range r.Events {
		if ev.Case == 0 {
			continue
		}
		k := key{ev.Run, ev.Case}
		if ev.To == s {
			open[k] = len(out)
			out = append(out, Sojourn{Run: ev.Run, Case: ev.Case, Enter: ev.Step, Leave: -1})
		}
		if ev.From == s {
			if i, ok := open[k]; ok {
				out[i].Leave = ev.Step
				delete(open, k)
			}
		}
	}
	return out
}

// CheckEdges returns an error naming the first recorded transition that
// is neither an edge of procedure.Transitions(rules) nor an entry of
// procedure.Entries(rules): the engine's moves must be the procedure's.
func (r *Recorder) CheckEdges(rules *procedure.Rules) error {
	var edge [procedure.NumStates + 1][procedure.NumStates]bool
	for _, t := range procedure.Transitions(rules) {
		edge[t.From][t.To] = true
	}
	for _, en := range procedure.Entries(rules) {
		edge[procedure.NumStates][en.To] = true
	}
	for _, ev := range r.Events {
		if !edge[ev.From][ev.To] {
			from := "outside"
			if ev.From < procedure.NumStates {
				from = ev.From.String()
			}
			return fmt.Errorf("run %d step %d case %d: %s → %s is not an edge of the procedure", ev.Run, ev.Step, ev.Case, from, ev.To)
		}
	}
	return nil
}
