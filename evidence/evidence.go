// Package evidence measures how well a scenario's numbers are grounded:
// the quality of the sources each parameter cites (P primary, S
// secondary, W weak; see data.QualityMeaning), joined with how much each
// parameter moves an outcome of the flow engine, so a reader sees which
// weak source matters.
//
// A parameter's quality is the best quality among the dataset rows and
// documents its source cites: one primary figure the value rests on is
// enough to call it P, even when news reports are cited beside it. A
// parameter that cites nothing that resolves is "none".
//
// Sensitivity is one at a time (sensitivity.OAT): each parameter at the
// ends of its range: [low, high] with the others at their values, or,
// for a parameter without a range, at ±Perturbation of its value (a value
// in (0, 1] is taken for a share or rate and not pushed past 1; a count is
// rounded outwards to whole units where the model needs them). The swing |f(high) − f(low)| ranks the
// parameters.
package evidence

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/sensitivity"
)

// Perturbation is the relative change applied to a parameter that has no
// range: its value × (1 ± Perturbation).
const Perturbation = 0.2

// Qualities lists the quality classes in report order; "none" is a
// parameter whose source cites nothing that resolves.
var Qualities = []string{"P", "S", "W", "none"}

// rank orders qualities from best to worst.
var rank = map[string]int{"P": 0, "S": 1, "W": 2, "none": 3}

// Param is one set parameter of a scenario with the quality of its
// sources and its one-at-a-time swing.
type Param struct {
	Path  string  `json:"path"`
	Value float64 `json:"value"`
	// Quality is the best quality among the resolved citations.
	Quality string `json:"quality"`
	// References are the resolved citations; Unresolved the errors of
	// those that do not resolve.
	References []cite.Reference `json:"references,omitempty"`
	Unresolved []string         `json:"unresolved,omitempty"`
	// Perturbed is "range" (the scenario's range), "relative" (value ×
	// (1 ± Perturbation)) or "" when the parameter was not varied; Skipped
	// then says why.
	Perturbed string  `json:"perturbed,omitempty"`
	Skipped   string  `json:"skipped,omitempty"`
	Low       float64 `json:"low"`
	High      float64 `json:"high"`
	AtLow     float64 `json:"at_low"`
	AtHigh    float64 `json:"at_high"`
	// Swing is |AtHigh − AtLow|, in the metric's units.
	Swing float64 `json:"swing"`
}

// Assessment is a scenario's parameters by source quality and
// sensitivity.
type Assessment struct {
	Scenario string `json:"scenario"`
	Metric   string `json:"metric"`
	// Base is the metric with every parameter at its value.
	Base float64 `json:"base"`
	// Counts holds the number of parameters of each quality.
	Counts map[string]int `json:"counts"`
	// Params are sorted by decreasing swing (ties and unvaried parameters
	// by path).
	Params []Param `json:"params"`
}

// Quality returns the best quality among refs, or "none" for no refs.
func Quality(refs []cite.Reference) string {
	q := "none"
	for _, r := range refs {
		if _, ok := rank[r.Quality]; ok && rank[r.Quality] < rank[q] {
			q = r.Quality
		}
	}
	return q
}

// Assess loads the scenario with load (which must return a fresh copy on
// each call), classifies each set parameter by the quality of its
// sources, and measures its swing on metric with the flow engine.
func Assess(load func() (*scenario.Scenario, error), metric string, o sensitivity.Options) (*Assessment, error) {
	s, err := load()
	if err != nil {
		return nil, err
	}
	a := &Assessment{Scenario: s.Name, Metric: metric, Counts: map[string]int{}}
	for _, q := range Qualities {
		a.Counts[q] = 0
	}
	var fs []sensitivity.Factor
	byPath := map[string]int{}
	for _, r := range scenario.Params(s) {
		if !r.Param.Set {
			continue
		}
		refs, errs := cite.ResolveAll(r.Param.Source)
		p := Param{Path: r.Path, Value: r.Param.Value, Quality: Quality(refs), References: refs}
		for _, e := range errs {
			p.Unresolved = append(p.Unresolved, e.Error())
		}
		a.Counts[p.Quality]++
		f, how, err := factor(s, r)
		if err != nil {
			p.Skipped = err.Error()
		} else {
			p.Perturbed, p.Low, p.High = how, f.Low, f.High
			fs = append(fs, f)
		}
		byPath[r.Path] = len(a.Params)
		a.Params = append(a.Params, p)
	}
	if len(fs) == 0 {
		return nil, errors.New("evidence: no parameter could be varied")
	}
	newf, err := sensitivity.ScenarioFunc(load, fs, metric)
	if err != nil {
		return nil, err
	}
	res, err := sensitivity.OAT(fs, newf, o)
	if err != nil {
		return nil, err
	}
	a.Base = res.Base
	for _, row := range res.Rows {
		p := &a.Params[byPath[row.Name]]
		p.AtLow, p.AtHigh, p.Swing = row.AtLow, row.AtHigh, row.Swing
	}
	sort.SliceStable(a.Params, func(i, j int) bool {
		if a.Params[i].Swing != a.Params[j].Swing {
			return a.Params[i].Swing > a.Params[j].Swing
		}
		return a.Params[i].Path < a.Params[j].Path
	})
	return a, nil
}

// Weakest returns the n parameters of quality S, W or none with the
// largest swing, in decreasing order of swing.
func (a *Assessment) Weakest(n int) []Param {
	var out []Param
	for _, p := range a.Params {
		if p.Quality != "P" && p.Perturbed != "" && len(out) < n {
			out = append(out, p)
		}
	}
	return out
}

// factor returns the sensitivity factor of r: its range, or its value ×
// (1 ± Perturbation) adjusted until the scenario compiles at both ends.
func factor(s *scenario.Scenario, r scenario.ParamRef) (sensitivity.Factor, string, error) {
	v := r.Param.Value
	f := sensitivity.Factor{Name: r.Path, Base: v}
	if len(r.Param.Range) == 2 {
		f.Low, f.High = r.Param.Range[0], r.Param.Range[1]
		if err := compilesAt(s, r.Param, f.Low, f.High); err != nil {
			return f, "", fmt.Errorf("range does not compile: %w", err)
		}
		return f, "range", nil
	}
	if v == 0 {
		return f, "", errors.New("value 0: no relative perturbation")
	}
	f.Low, f.High = min(v*(1-Perturbation), v*(1+Perturbation)), max(v*(1-Perturbation), v*(1+Perturbation))
	if v > 0 && v <= 1 && f.High > 1 {
		// A value in (0, 1] is taken for a share or rate, which cannot
		// pass 1 (the model does not refuse every such value itself).
		f.High = 1
	}
	err := compilesAt(s, r.Param, f.Low, f.High)
	if err != nil {
		// A count of months, flights or officers may need whole units.
		f.Low, f.High = math.Floor(f.Low), math.Ceil(f.High)
		err = compilesAt(s, r.Param, f.Low, f.High)
	}
	if err != nil {
		return f, "", fmt.Errorf("±%.0f%% does not compile: %w", 100*Perturbation, err)
	}
	if !(f.Low < f.High) {
		return f, "", fmt.Errorf("±%.0f%% leaves no interval", 100*Perturbation)
	}
	return f, "relative", nil
}

// compilesAt checks that the scenario compiles with p at each value, and
// restores p.
func compilesAt(s *scenario.Scenario, p *scenario.Param, vs ...float64) error {
	keep := p.Value
	defer func() { p.Value = keep }()
	for _, v := range vs {
		p.Value = v
		if _, err := model.Compile(s); err != nil {
			return err
		}
	}
	return nil
}
