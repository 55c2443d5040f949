package calibrate

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/scenario"
)

// SourcePrefix starts the source of every calibrated parameter.
const SourcePrefix = "calibrated:"

// File returns the calibrated behaviour as scenario YAML, for other
// scenarios to extend and for history to read back. It holds only
// behavioural parameters (and, because a list is replaced whole when a
// file extends another, complete country groups) and extends
// baseline-2025.yaml, so that it also runs on its own: the capacities of
// early 2025 with the behaviour fitted to FY2008-FY2024.
func File(r *Result) ([]byte, error) {
	countries, err := history.Countries()
	if err != nil {
		return nil, err
	}
	s := &scenario.Scenario{
		Name:    "calibrated",
		Extends: "baseline-2025.yaml",
		Description: fmt.Sprintf("Behavioural parameters fitted by removalsim calibrate to ICE removals, arrests, detention ADP and the court backlog "+
			"of FY%s (held out FY%s), one set for all years. Run alone it is baseline-2025 with this behaviour; history scenarios copy the values in.", years(r.Train), years(r.HeldOut)),
		Countries: countries,
	}
	var factors []history.Setting
	for _, st := range r.Behaviour {
		if history.IsFactor(st.Path) {
			factors = append(factors, st)
			continue
		}
		p := scenario.Lookup(s, st.Path)
		if p == nil {
			return nil, fmt.Errorf("calibrate: %q is not a scenario parameter", st.Path)
		}
		*p = st.Param
		p.Set = true
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# calibrated: behavioural parameters fitted to the public dataset by\n")
	fmt.Fprintf(&b, "# `removalsim calibrate` (regenerate with it; do not edit by hand).\n")
	fmt.Fprintf(&b, "# Train years: FY%s. Held out: FY%s.\n", years(r.Train), years(r.HeldOut))
	fmt.Fprintf(&b, "# Fit: posterior mode; sum of squared standardised log errors %.4f over %d figures, prior penalty %.4f;\n", r.Fit.Chi2, r.Fit.N, r.Fit.Penalty)
	fmt.Fprintf(&b, "# effective parameters %.1f of %d; dispersion %.2f; %d engine runs.", r.Fit.EffectiveParams, len(r.Fit.Estimates), r.Fit.Dispersion, r.Fit.Evaluations)
	if m := r.LeaveOneOutMAPE(); !math.IsNaN(m) {
		fmt.Fprintf(&b, " Leave-one-year-out removals MAPE %.1f%%.", m)
	}
	fmt.Fprintf(&b, "\n# Ranges are 95%% Laplace posterior intervals. Extends baseline-2025; scenarios may extend it.\n")
	fmt.Fprintf(&b, "# History factors (not scenario parameters: history.Build turns them into each year's\n")
	fmt.Fprintf(&b, "# border shares and arrest productivity; calibrate.Read reads these lines back):\n")
	for _, st := range factors {
		fmt.Fprintf(&b, "%s%s: %s\n", factorLine, st.Path, history.FlowParam(st.Param))
	}
	b.Write(history.MarshalPartial(s))
	return b.Bytes(), nil
}

// factorLine starts the comment line of a history factor in the file.
const factorLine = "# factor "

// Read returns the calibrated settings of a file written by File: every
// parameter whose source starts with SourcePrefix, and the history factors
// of its factor comment lines.
func Read(src []byte) (history.Behaviour, error) {
	var s scenario.Scenario
	if err := yaml.UnmarshalWithOptions(src, &s, yaml.Strict()); err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	var b history.Behaviour
	for i, line := range strings.Split(string(src), "\n") {
		rest, ok := strings.CutPrefix(line, factorLine)
		if !ok {
			continue
		}
		path, val, ok := strings.Cut(rest, ": ")
		var p scenario.Param
		if !ok || !history.IsFactor(path) {
			return nil, fmt.Errorf("calibrate: line %d: want %q<path>: {value: ...}", i+1, factorLine+history.FactorPrefix)
		}
		if err := yaml.Unmarshal([]byte(val), &p); err != nil {
			return nil, fmt.Errorf("calibrate: line %d: %w", i+1, err)
		}
		p.Set = true
		b = append(b, history.Setting{Path: path, Param: p})
	}
	for _, r := range scenario.Params(&s) {
		if strings.HasPrefix(r.Param.Source, SourcePrefix) {
			p := *r.Param
			p.Set = true
			b = append(b, history.Setting{Path: r.Path, Param: p})
		}
	}
	if len(b) == 0 {
		return nil, fmt.Errorf("calibrate: no parameter with a %q source in the file", SourcePrefix)
	}
	return b, nil
}
