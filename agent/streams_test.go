package agent

import (
	"testing"

	"github.com/removalsim/removalsim/procedure"
)

// TestGroupStreamsBeforeLaterStreams: the agent keys a country-group
// stream per transition into TravelDocument (sGroup + transition) and
// puts the streams added later after sGroup + procedure.SetTransitions,
// so a transition into TravelDocument numbered at or past
// SetTransitions would share a later stream's draws.
func TestGroupStreamsBeforeLaterStreams(t *testing.T) {
	for tid := range procedure.NumTransitions {
		if _, to := procedure.Ends(tid); to == procedure.TravelDocument && tid >= procedure.SetTransitions {
			t.Errorf("transition %v enters TravelDocument but is numbered past SetTransitions: its group stream would be stream %d, which is taken", tid, sGroup+stream(tid))
		}
	}
	if sStaleOrderDeparts != sGroup+stream(procedure.SetTransitions) {
		t.Errorf("the streams after the group streams start at %d, want sGroup + SetTransitions = %d", sStaleOrderDeparts, sGroup+stream(procedure.SetTransitions))
	}
}
