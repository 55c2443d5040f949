package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
)

func init() { subcommands = append(subcommands, newSourcesCmd) }

func newSourcesCmd() *cobra.Command {
	var format string
	var references bool
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
{path, value, references: [{kind, name, period, title, url, quality}]}.`,
		Example: `  removalsim sources
  removalsim sources scenarios/target-1m.yaml --format json
  removalsim sources --references`,
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
			file := fileArg(args)
			m, err := compileForRun(cmd, file, 0)
			if err != nil {
				return err
			}
			return write(cmd, sourcesOf(m))
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.Flags().BoolVar(&references, "references", false, "list the dataset rows and documents each source cites, with their addresses")
	return cmd
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
