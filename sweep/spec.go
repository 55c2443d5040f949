package sweep

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/scenario"
)

// Spec is a sweep file: which scenario, which parameters, which design.
//
//	name: beds-and-officers
//	scenario: ../scenarios/baseline-2025.yaml
//	design: lhs
//	samples: 64
//	parameters:
//	  - path: capacities.detention_beds.initial
//	    range: [41500, 120000]
//	  - path: capacities.officers.initial
//	    range: [5000, 9000]
//	metrics: [removals, cost_usd]
type Spec struct {
	// Name names the study in outputs.
	Name string `yaml:"name"`
	// Scenario is the scenario file, relative to the sweep file; empty
	// for the embedded baseline-2025.
	Scenario string `yaml:"scenario"`
	// Engine is flow (default) or agent.
	Engine string `yaml:"engine"`
	// Design is grid, lhs, sobol, montecarlo or sensitivity.
	Design string `yaml:"design"`
	// Samples is the number of design points of lhs, sobol and
	// montecarlo, and the base sample N of sensitivity (N(k+2) points).
	Samples int `yaml:"samples"`
	// Replications is the number of runs of each point, each with its
	// own seed (agent engine only; default 1).
	Replications int `yaml:"replications"`
	// Seed is the root seed of the design and of every run (default 1).
	Seed uint64 `yaml:"seed"`
	// Months, when set, replaces the scenario's horizon.
	Months int `yaml:"months"`
	// Set holds PATH=VALUE overrides applied to every run, as --set.
	Set []string `yaml:"set"`
	// Parameters are the varied parameters, in column order.
	Parameters []Parameter `yaml:"parameters"`
	// Metrics are the outcomes recorded (default all; see Metrics).
	Metrics []string `yaml:"metrics"`
	// Batch is the number of runs per checkpoint (default 16): a shard
	// that stops resumes at its first unfinished batch.
	Batch int `yaml:"batch"`

	// Source is the sweep file as read, and File its name; Hash is the
	// SHA-256 of Source.
	Source []byte `yaml:"-"`
	File   string `yaml:"-"`
	Hash   string `yaml:"-"`

	fixed []scenario.Override
}

// Parameter is one varied scenario value.
type Parameter struct {
	// Path is the scenario path, as in --set.
	Path string `yaml:"path"`
	// Values are the grid's levels, as YAML scalars written to the
	// scenario ("41500", "true").
	Values []string `yaml:"values"`
	// Range is [low, high] for sampled designs.
	Range []float64 `yaml:"range"`
	// Integer rounds sampled values to whole numbers (for counts).
	Integer bool `yaml:"integer"`

	// at is "file:line:col" of Path in the sweep file, so that a path
	// the scenario does not have is reported where it was written.
	at string
}

// The designs.
const (
	Grid        = "grid"
	LHS         = "lhs"
	SobolSeq    = "sobol"
	MonteCarlo  = "montecarlo"
	Sensitivity = "sensitivity"
)

var designs = []string{Grid, LHS, SobolSeq, MonteCarlo, Sensitivity}

// Limits that keep a typo from asking for a study no cluster could run.
const (
	maxPoints     = 10_000_000
	maxParameters = maxSobolDims
	maxBatch      = 100_000
)

// Parse reads a sweep file strictly: unknown keys, wrong types and values
// out of range are errors with file:line:col, all reported at once, as
// for scenarios.
func Parse(filename string, src []byte) (*Spec, error) {
	var s Spec
	doc := scenario.DecodeDocument(filename, src, "sweep", &s)
	s.Source, s.File = src, filename
	sum := sha256.Sum256(src)
	s.Hash = hex.EncodeToString(sum[:])
	if doc.Parsed() {
		s.check(doc)
	}
	if err := doc.Err(); err != nil {
		return nil, err
	}
	return &s, nil
}

func (s *Spec) check(doc *scenario.Document) {
	if s.Engine == "" {
		s.Engine = "flow"
	}
	if s.Replications == 0 && !doc.Present("replications") {
		s.Replications = 1
	}
	if !doc.Present("seed") {
		s.Seed = 1
	}
	if s.Batch == 0 && !doc.Present("batch") {
		s.Batch = 16
	}
	bad := func(path string, code scenario.Code, format string, args ...any) {
		if !doc.Failed(path) {
			doc.Errorf(path, code, format, args...)
		}
	}
	if s.Name == "" {
		bad("name", scenario.Missing, "a sweep needs a name")
	}
	if !slices.Contains([]string{"flow", "agent"}, s.Engine) {
		bad("engine", scenario.UnknownName, "unknown engine %q; want flow or agent", s.Engine)
	}
	if !slices.Contains(designs, s.Design) {
		bad("design", scenario.UnknownName, "unknown design %q; want one of %s", s.Design, strings.Join(designs, ", "))
	}
	if s.Replications < 1 || s.Replications > maxPoints {
		bad("replications", scenario.OutOfRange, "want 1 to %d replications, got %d", maxPoints, s.Replications)
	} else if s.Replications > 1 && s.Engine == "flow" {
		bad("replications", scenario.Conflict, "the flow engine is deterministic: %d replications would repeat one run; use engine: agent", s.Replications)
	}
	if s.Batch < 1 || s.Batch > maxBatch {
		bad("batch", scenario.OutOfRange, "want 1 to %d runs per batch, got %d", maxBatch, s.Batch)
	}
	if doc.Present("months") && (s.Months < 1 || s.Months > 600) {
		bad("months", scenario.OutOfRange, "want 1 to 600 months, got %d", s.Months)
	}
	sampled := s.Design != Grid
	switch {
	case s.Design == Grid && doc.Present("samples"):
		bad("samples", scenario.Conflict, "a grid's points are its values; samples is for lhs, sobol, montecarlo and sensitivity")
	case sampled && slices.Contains(designs, s.Design) && (s.Samples < 1 || s.Samples > maxPoints):
		bad("samples", scenario.OutOfRange, "want 1 to %d samples, got %d", maxPoints, s.Samples)
	}
	if len(s.Parameters) == 0 {
		bad("parameters", scenario.Missing, "a sweep varies at least one parameter: parameters: [{path: ..., values: [...]}]")
	}
	if len(s.Parameters) > maxParameters {
		bad("parameters", scenario.TooLarge, "at most %d parameters, got %d", maxParameters, len(s.Parameters))
	}
	seen := map[string]int{}
	for i, p := range s.Parameters {
		at := fmt.Sprintf("parameters[%d]", i)
		if j, dup := seen[p.Path]; dup {
			bad(at+".path", scenario.DuplicateName, "%s is varied twice (also parameters[%d])", p.Path, j)
		}
		seen[p.Path] = i
		s.Parameters[i].at = doc.Position(at + ".path")
		if _, err := scenario.NewOverride(p.Path, "0"); err != nil {
			bad(at+".path", scenario.Syntax, "%s", afterOrigin(err))
		}
		switch {
		case !sampled && len(p.Values) == 0:
			bad(at, scenario.Missing, "a grid parameter needs values: [a, b, ...]")
		case !sampled && p.Range != nil:
			bad(at+".range", scenario.Conflict, "a grid takes values, not a range")
		case sampled && p.Values != nil:
			bad(at+".values", scenario.Conflict, "design %s samples a range: [low, high], not values", s.Design)
		case sampled && len(p.Range) != 2:
			bad(at+".range", scenario.BadRange, "want range: [low, high]")
		case sampled && !(p.Range[0] < p.Range[1]):
			bad(at+".range", scenario.BadRange, "want low < high, got [%g, %g]", p.Range[0], p.Range[1])
		}
		for j, v := range p.Values {
			if _, err := scenario.NewOverride("v", v); err != nil {
				bad(fmt.Sprintf("%s.values[%d]", at, j), scenario.WrongType, "%s", afterOrigin(err))
			}
		}
	}
	if n := s.gridSize(); s.Design == Grid && n > maxPoints {
		bad("parameters", scenario.TooLarge, "the grid has over %d points", maxPoints)
	}
	for i, m := range s.Metrics {
		if _, ok := metricByName(m); !ok {
			bad(fmt.Sprintf("metrics[%d]", i), scenario.UnknownName, "unknown metric %q; want one of %s", m, strings.Join(MetricNames(), ", "))
		}
	}
	if len(s.Metrics) == 0 {
		s.Metrics = MetricNames()
	}
	for i, a := range s.Set {
		o, err := scenario.ParseOverride(a)
		if err != nil {
			bad(fmt.Sprintf("set[%d]", i), scenario.Syntax, "%s", afterOrigin(err))
			continue
		}
		s.fixed = append(s.fixed, o.WithOrigin(fmt.Sprintf("%s: set[%d] %s", doc.Position(fmt.Sprintf("set[%d]", i)), i, a)))
	}
	if s.Months > 0 {
		o, _ := scenario.NewOverride("months", strconv.Itoa(s.Months))
		s.fixed = append(s.fixed, o.WithOrigin(s.File+": months"))
	}
	// A varied path that is also fixed would silently take the point's
	// value (points apply after the fixed values): say which one is meant.
	for i, p := range s.Parameters {
		for _, f := range s.fixed {
			if f.Path == p.Path {
				bad(fmt.Sprintf("parameters[%d].path", i), scenario.Conflict, "%s is both varied and fixed (%s); drop one", p.Path, f.Origin)
			}
		}
	}
}

// gridSize is the number of grid points, saturated above maxPoints.
func (s *Spec) gridSize() int {
	n := 1
	for _, p := range s.Parameters {
		n *= max(len(p.Values), 1)
		if n > maxPoints {
			return maxPoints + 1
		}
	}
	return n
}

// formatValue writes a sampled value as the override's YAML.
func formatValue(x float64, integer bool) string {
	if integer {
		x = math.Round(x)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// afterOrigin drops the "--set PATH=VALUE: " an override's error begins
// with: in a sweep file the error's position says where it is.
func afterOrigin(err error) string {
	msg := err.Error()
	if _, rest, ok := strings.Cut(msg, ": "); ok {
		return rest
	}
	return msg
}
