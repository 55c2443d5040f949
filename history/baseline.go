package history

import (
	"fmt"
	"slices"
	"sync"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// BaselineFile is the shipped scenario whose values history holds for
// every year where the dataset has no yearly figure: behaviour that is not
// fitted, country groups, unit costs. Reading them from the file, rather
// than restating them, keeps one statement of each value and its source.
const BaselineFile = "baseline-2025.yaml"

var (
	baselineOnce sync.Once
	baselineS    *scenario.Scenario
	baselineErr  error
)

// baseline returns the parsed BaselineFile, parsed once and shared:
// callers copy what they take and never write through it.
func baseline() (*scenario.Scenario, error) {
	baselineOnce.Do(func() {
		baselineS, baselineErr = scenario.Load(scenarios.FS, BaselineFile)
	})
	if baselineErr != nil {
		return nil, fmt.Errorf("history: %w", baselineErr)
	}
	return baselineS, nil
}

// held is the baseline's parameter at path, with a note that history
// holds it for every year.
func held(b *scenario.Scenario, path string) (scenario.Param, error) {
	p := scenario.Lookup(b, path)
	if p == nil || !p.Set {
		return scenario.Param{}, fmt.Errorf("history: %s sets no %s", BaselineFile, path)
	}
	q := *p
	q.Source += " [baseline-2025's value, held for every year]"
	return q, nil
}

// Countries returns the country groups of baseline-2025 with its FY2024
// mix; history scenarios replace the shares with each year's mix (see
// builder.countries), the calibrated file keeps these.
func Countries() ([]scenario.CountryGroup, error) {
	b, err := baseline()
	if err != nil {
		return nil, err
	}
	return slices.Clone(b.Countries), nil
}
