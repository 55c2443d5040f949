package plan

import (
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

func modelCompile(s *scenario.Scenario) (*model.Model, error) { return model.Compile(s) }

func flowRun(m *model.Model) *result.Result { return flow.Run(m) }
