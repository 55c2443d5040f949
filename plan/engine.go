package plan

import (
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tally"
)

func modelCompile(s *scenario.Scenario) (*model.Model, error) { return model.Compile(s) }

// flowRun runs m for the infeasibility analysis, which reads the
// monthly removals only.
func flowRun(m *model.Model) *result.Result {
	return flow.RunRecording(m, tally.Recording{Lean: true, Unpriced: true})
}
