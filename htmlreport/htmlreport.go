// Package htmlreport writes removalsim's outputs as one self-contained
// HTML file: the charts of runs, comparisons, plans, backtests and
// sensitivity studies, the procedure diagram, the parameter table with
// sources and their quality, the manifests and a methods section.
//
// The file embeds everything it needs (ECharts and charts.js from package
// web/assets, the data as JSON), loads nothing from the network, reads on
// a phone (one column, tables that scroll sideways) and prints (charts
// kept whole on a page). Each chart's toolbox saves it as PNG or SVG.
package htmlreport

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"

	_ "embed"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/web/assets"
)

// Section is one output to draw: charts.js's section.
type Section struct {
	// ID is unique in the report; it prefixes the charts' element ids.
	ID string `json:"id"`
	// Kind is "run", "compare", "plan", "backtest", "sensitivity" or
	// "procedure".
	Kind string `json:"kind"`
	// Name titles the section (the input file, or the scenario).
	Name string `json:"name"`
	// Data is the command's JSON output.
	Data json.RawMessage `json:"data"`
}

// Kinds are the kinds of output Detect recognises, in the order of the
// report's sections.
var Kinds = []string{"run", "compare", "plan", "backtest", "sensitivity"}

// Detect returns the kind of a removalsim JSON output from the keys it
// carries, or an error saying what was expected.
func Detect(b []byte) (string, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		return "", fmt.Errorf("not removalsim JSON output: %w", err)
	}
	has := func(ks ...string) bool {
		for _, k := range ks {
			if _, ok := doc[k]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("monthly", "totals", "engine"):
		return "run", nil
	case has("rows", "a", "b", "replications"):
		return "compare", nil
	case has("schedule", "target_per_year", "decisions"):
		return "plan", nil
	case has("years", "mape"):
		return "backtest", nil
	case has("method", "metric", "result"):
		return "sensitivity", nil
	}
	return "", errors.New("not the JSON output of run, compare, plan, backtest or sensitivity (--format json)")
}

// Param is one parameter of the scenario with its sources resolved.
type Param struct {
	Path   string
	Value  float64
	AsOf   string
	Source string
	// References are the dataset rows and documents the source cites.
	References []cite.Reference
	// Quality is the best quality letter among the references (P before
	// S before W), or "" when the source cites nothing.
	Quality string
}

// Params resolves the citations of a run's sources.
func Params(srcs []result.Source) []Param {
	out := make([]Param, 0, len(srcs))
	for _, s := range srcs {
		refs, _ := cite.ResolveAll(s.Source)
		p := Param{Path: s.Path, Value: s.Value, AsOf: s.AsOf, Source: s.Source, References: refs}
		for _, q := range []string{"P", "S", "W"} {
			for _, r := range refs {
				if p.Quality == "" && r.Quality == q {
					p.Quality = q
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// Report is everything one HTML file shows.
type Report struct {
	// Title heads the page.
	Title string
	// Sections are drawn in order.
	Sections []Section
	// ParamsOf names the scenario whose parameters Params lists.
	ParamsOf string
	Params   []Param
	// Manifests are those of the outputs shown, in order.
	Manifests []*manifest.Manifest
	// Notes are sentences shown under the title (what could not be drawn
	// and why).
	Notes []string
}

//go:embed report.html.tmpl
var pageTemplate string

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"people": report.People,
	"value":  report.Number,
	"short": func(s string) string {
		if len(s) > 12 {
			return s[:12]
		}
		return s
	},
}).Parse(pageTemplate))

// Write writes the report as one HTML file.
func Write(w io.Writer, r *Report) error {
	if err := assets.Verify(); err != nil {
		return err
	}
	data, err := json.Marshal(struct {
		Sections []Section `json:"sections"`
	}{r.Sections})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	err = page.Execute(&buf, struct {
		*Report
		Build    manifest.Build
		ECharts  template.JS
		Charts   template.JS
		Data     template.JS
		EVersion string
	}{r, manifest.ReadBuild(), template.JS(assets.ECharts), template.JS(assets.ChartsJS), template.JS(data), assets.EChartsVersion})
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// Title names a section from the output's own fields: "Run of
// baseline-2025 (agent engine, 20 runs)", "Comparison: A and B", "Plan:
// 1,000,000 a year by 2028-01", "Backtest of FY2008–FY2024", "Sensitivity
// of removals (oat): baseline-2025". It falls back to fallback.
func Title(kind string, data []byte, fallback string) string {
	var d struct {
		Scenario string  `json:"scenario"`
		Engine   string  `json:"engine"`
		Runs     int     `json:"runs"`
		A        string  `json:"a"`
		B        string  `json:"b"`
		Target   float64 `json:"target_per_year"`
		By       string  `json:"by"`
		Method   string  `json:"method"`
		Metric   string  `json:"metric"`
		Years    []struct {
			FY int `json:"fy"`
		} `json:"years"`
	}
	if json.Unmarshal(data, &d) != nil {
		return fallback
	}
	switch kind {
	case "run":
		runs := ""
		if d.Runs > 1 {
			runs = fmt.Sprintf(", %d runs", d.Runs)
		}
		return fmt.Sprintf("Run of %s (%s engine%s)", d.Scenario, d.Engine, runs)
	case "compare":
		return fmt.Sprintf("Comparison: %s and %s (%s engine)", d.A, d.B, d.Engine)
	case "plan":
		s := fmt.Sprintf("Plan: %s removals a year by %s", report.People(d.Target), d.By)
		if d.Scenario != "" {
			s += " from " + d.Scenario
		}
		return s
	case "backtest":
		if n := len(d.Years); n > 0 {
			return fmt.Sprintf("Backtest of FY%d–FY%d", d.Years[0].FY, d.Years[n-1].FY)
		}
	case "sensitivity":
		return fmt.Sprintf("Sensitivity of %s (%s): %s", d.Metric, d.Method, d.Scenario)
	}
	return fallback
}
