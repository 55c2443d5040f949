package regime

import (
	"fmt"
	"math"

	"github.com/removalsim/removalsim/scenario"
)

// Grid is the search space of Fit: behavioural parameters read once per
// run, each with the values tried. They are the ones the fitting targets
// move most: how long a detained court case takes, who is detained, how
// much arrest effort goes to the final-order docket, how much of that
// docket can be found in a year, and how soon contracted beds were in
// use. The values span each parameter's range in fy2025.yaml around the
// points earlier fits chose; under priority detention (cases nearest
// removal first) the final-order share reaches 0.8.
var Grid = []struct {
	Path string
	// From names the dated change of Path whose value is searched (the
	// month it starts); empty for the parameter's value.
	From   string
	Values []float64
}{
	{"court.detained_case_days", "", []float64{60, 120, 180, 240}},
	{"detention.detain_share", "", []float64{0.9, 0.95}},
	{"arrests.final_order_share", "", []float64{0.45, 0.6, 0.8}},
	{"arrests.located_share_per_year", "", []float64{0.15, 0.25}},
	{"capacities.detention_beds.lag_months", "", []float64{0, 1}},
	// Removals without a detention book-in per counted arrest, from the
	// January 2025 directives on: the room the published removals need
	// beyond what book-ins less the detention growth allow.
	{"arrests.unbooked_removal_share", "2025-02", []float64{0, 0.1, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5}},
}

// FitResult is the grid point that best reproduces the fitting targets.
type FitResult struct {
	// Values are the chosen values, by Grid path.
	Values map[string]float64 `json:"values"`
	// Loss is the sum of squared relative errors over the targets.
	Loss float64 `json:"loss"`
	// Targets are the fitting targets with the model's errors at the
	// chosen point.
	Targets []Window `json:"targets"`
}

// Fit searches Grid for the values that minimise the squared relative
// errors of s against its fitting targets: the figures its "fitted:"
// parameters cite, all dated on or before Cutoff (Test reports any that
// is not). Figures held out never enter the loss. Ties keep the first
// point in grid order.
func Fit(s *scenario.Scenario) (*FitResult, error) {
	n := 1
	for _, g := range Grid {
		n *= len(g.Values)
	}
	best := &FitResult{Loss: math.Inf(1)}
	for i := range n {
		v := scenario.Clone(s)
		point := map[string]float64{}
		k := i
		for _, g := range Grid {
			x := g.Values[k%len(g.Values)]
			k /= len(g.Values)
			p := scenario.Lookup(v, g.Path)
			if p == nil {
				return nil, fmt.Errorf("regime: no parameter %s", g.Path)
			}
			key := g.Path
			if g.From == "" {
				p.Value = x
			} else {
				c := change(p, g.From)
				if c == nil {
					return nil, fmt.Errorf("regime: %s has no change from %s", g.Path, g.From)
				}
				c.Value = x
				key += "@" + g.From
			}
			point[key] = x
		}
		r, err := Test(v)
		if err != nil {
			return nil, err
		}
		if len(r.FittedAfterCutoff) > 0 {
			return nil, fmt.Errorf("regime: fitted parameters cite figures after %s: %v", Cutoff, r.FittedAfterCutoff)
		}
		loss := 0.0
		var targets []Window
		for _, w := range r.Windows {
			if w.Role == Target {
				loss += w.Error * w.Error
				targets = append(targets, w)
			}
		}
		if len(targets) == 0 {
			return nil, fmt.Errorf("regime: scenario %s has no fitting targets", s.Name)
		}
		if loss < best.Loss {
			best = &FitResult{Values: point, Loss: loss, Targets: targets}
		}
	}
	return best, nil
}

// change returns p's dated change starting in month from, or nil.
func change(p *scenario.Param, from string) *scenario.Change {
	for i := range p.Changes {
		if p.Changes[i].From.String() == from {
			return &p.Changes[i]
		}
	}
	return nil
}
