package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/evidence"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
	"github.com/removalsim/removalsim/sensitivity"
)

func init() { subcommands = append(subcommands, newSourcesCmd) }

func newSourcesCmd() *cobra.Command {
	var format, metric, calibrated string
	var references, quality bool
	var top int
	cmd := &cobra.Command{
		Use:   "sources [FILE]",
		Short: "List every parameter a scenario sets, with its value, date and source",
		Long: `Sources lists every parameter the scenario sets (without FILE, the embedded
baseline-2025), after following its extends chain: the parameter's path in
the scenario, its value, the date it took effect (as of) and its source.
These are the numbers "removalsim run" uses; the JSON result of a run
carries the same list in its "sources" field.

Formats: table (default) or json (an array of {path, value, source, as_of}).

With --references it lists instead what each source cites, resolved: the
dataset rows (data/figures.csv) and documents (data/documents.csv) with
their quality and the address where each was read; in JSON, an array of
{path, value, references: [{kind, name, period, publisher, publication,
published, locator, url, read_at, quality, basis}]}. "url" is the
original's own address (absent when not known) and "read_at" where the copy
that was read lives: the original, an archive or mirror of it, or a page
quoting it.

With --quality it summarises how well the numbers are grounded: how many
parameters rest on primary (P), secondary (S) and weak (W) sources, each
parameter classed by the best source it cites, and the --top weak or
secondary parameters that move --metric most when varied alone on the flow
engine (over the parameter's range, or ±20% of its value where it has
none). Without FILE it covers every shipped scenario and then the backtest
(the dataset rows it is scored against, and the inputs of its history
scenarios, ranked by swing relative to their year's value).

Quality: P primary (read in the publication of the body that produced the
number, or of a research group analysing agency records itself); S
secondary (read where another publication quotes it, or only reported by
the press); W weak (aggregators, boards, partisan pages, untraceable). See
data/README.md.`,
		Example: `  removalsim sources
  removalsim sources scenarios/target-1m.yaml --format json
  removalsim sources --references
  removalsim sources --quality scenarios/baseline-2025.yaml
  removalsim sources --quality`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			write, ok := map[string]func(*cobra.Command, []result.Source) error{
				"table": func(c *cobra.Command, s []result.Source) error { return report.Sources(c.OutOrStdout(), s) },
				"json":  func(c *cobra.Command, s []result.Source) error { return report.SourcesJSON(c.OutOrStdout(), s) },
			}[format]
			if references {
				write, ok = map[string]func(*cobra.Command, []result.Source) error{
					"table": func(c *cobra.Command, s []result.Source) error {
						return report.References(c.OutOrStdout(), referencesOf(s))
					},
					"json": func(c *cobra.Command, s []result.Source) error {
						return report.ReferencesJSON(c.OutOrStdout(), referencesOf(s))
					},
				}[format]
			}
			if !ok {
				return badInput(fmt.Errorf("unknown format %q; want one of %s", format, "json, table"))
			}
			if quality {
				if references {
					return badInput(fmt.Errorf("--quality and --references are separate reports; give one"))
				}
				return writeQuality(cmd, args, format, metric, calibrated, top)
			}
			file := fileArg(args)
			m, err := compileForRun(cmd, file, 0)
			if err != nil {
				return err
			}
			return write(cmd, sourcesOf(m))
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.Flags().BoolVar(&references, "references", false, "list the dataset rows and documents each source cites: the publication, its address, and where the copy was read")
	cmd.Flags().BoolVar(&quality, "quality", false, "count parameters by source quality and rank the weak or secondary ones by sensitivity")
	cmd.Flags().IntVar(&top, "top", 5, "with --quality: how many weak or secondary parameters to list")
	cmd.Flags().StringVar(&metric, "metric", "removals", "with --quality: outcome the sensitivity is measured on: "+strings.Join(sensitivity.MetricNames(), ", "))
	cmd.Flags().StringVar(&calibrated, "calibrated", defaultCalibrated, "with --quality and no FILE: calibrated behaviour the backtest runs with")
	return cmd
}

// writeQuality writes the --quality report: for FILE, that scenario; with
// no FILE, every shipped scenario and then the backtest.
func writeQuality(cmd *cobra.Command, args []string, format, metric, calibrated string, top int) error {
	if _, ok := sensitivity.Metrics[metric]; !ok {
		return badInput(fmt.Errorf("unknown metric %q; want one of %s", metric, strings.Join(sensitivity.MetricNames(), ", ")))
	}
	if top < 0 {
		return badInput(fmt.Errorf("--top must not be negative"))
	}
	w := cmd.OutOrStdout()
	o := sensitivity.Options{}
	var files []string
	if len(args) == 1 {
		files = args
	} else {
		names, err := shippedScenarios()
		if err != nil {
			return err
		}
		files = names
	}
	var all []*evidence.Assessment
	for i, f := range files {
		load := func() (*scenario.Scenario, error) { return loadScenario(cmd, f) }
		if len(args) == 0 {
			load = func() (*scenario.Scenario, error) { return scenario.Load(scenarios.FS, f) }
		}
		if _, err := load(); err != nil && len(args) == 1 {
			_, err = loadForRun(cmd, f)
			return err
		}
		a, err := evidence.Assess(load, metric, o)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		all = append(all, a)
		if format == "table" {
			if i > 0 {
				fmt.Fprintln(w)
			}
			if err := report.Quality(w, a, top); err != nil {
				return err
			}
		}
	}
	var ba *evidence.BacktestAssessment
	if len(args) == 0 {
		b, err := loadBehaviour(cmd, calibrated)
		if err != nil {
			return err
		}
		if ba, err = evidence.Backtest(b, nil, metric, o); err != nil {
			return err
		}
		if format == "table" {
			fmt.Fprintln(w)
			if err := report.BacktestQuality(w, ba, top); err != nil {
				return err
			}
		}
	}
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(struct {
			Scenarios []*evidence.Assessment       `json:"scenarios"`
			Backtest  *evidence.BacktestAssessment `json:"backtest,omitempty"`
		}{all, ba})
	}
	fmt.Fprintln(w)
	return report.QualityLegend(w)
}

// shippedScenarios lists the embedded scenario files, policy variants
// last.
func shippedScenarios() ([]string, error) {
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil {
		return nil, err
	}
	variants, err := fs.Glob(scenarios.FS, "policy-variants/*.yaml")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range append(names, variants...) {
		if n != "calibrated.yaml" {
			out = append(out, n)
		}
	}
	return out, nil
}

// referencesOf resolves the citations of every source.
func referencesOf(srcs []result.Source) []report.ParamReferences {
	out := make([]report.ParamReferences, 0, len(srcs))
	for _, s := range srcs {
		refs, errs := cite.ResolveAll(s.Source)
		r := report.ParamReferences{Path: s.Path, Value: s.Value, References: refs}
		for _, err := range errs {
			r.Unresolved = append(r.Unresolved, err.Error())
		}
		out = append(out, r)
	}
	return out
}

// sourcesOf converts the model's parameter list into the result's form,
// the one "run --format json" prints.
func sourcesOf(m *model.Model) []result.Source {
	out := make([]result.Source, 0, len(m.Sources))
	for _, s := range m.Sources {
		out = append(out, result.Source{Path: s.Path, Value: s.Value, Source: s.Source, AsOf: s.AsOf})
	}
	return out
}
