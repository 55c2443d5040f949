package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/procedure"
)

func init() { subcommands = append(subcommands, newProcedureCmd) }

func newProcedureCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "procedure [FILE]",
		Short: "Draw the legal procedure of a scenario as a state machine",
		Long: `Procedure prints the procedure's transitions (procedure.Network), the
one definition both engines execute, with the guards filled in from the
scenario (the hearing entitlement, fear-claim and screening pass rates,
the screening window, whether diplomatic assurances are required, the
special authority) and what drives each transition: an inflow, a rate, a
delay, a capacity serving a queue in a stated order, a timeout, a dated
rule. Without FILE it draws the embedded baseline-2025 scenario.

Formats:
  text     one line per transition:
           from → to: guard [rule of DESIGN.md] {driver} (default)
  dot      Graphviz: terminal states double-circled, states that hold a
           detention bed in a cluster; render with dot -Tsvg
  mermaid  a Mermaid stateDiagram-v2, for Markdown pages

Entries from outside the pipeline (border apprehensions, new entries) are
drawn as the sources "border" and "new_entries".`,
		Example: `  removalsim procedure
  removalsim procedure --format dot | dot -Tsvg > procedure.svg
  removalsim procedure scenarios/policy-variants/no-assurances-rule.yaml --format mermaid`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !validFormat(format) {
				return badInput(fmt.Errorf("unknown format %q; want one of %s", format, strings.Join(procedure.Formats(), ", ")))
			}
			file := fileArg(args)
			m, err := compileForRun(cmd, file, 0)
			if err != nil {
				return err
			}
			return procedure.Render(cmd.OutOrStdout(), &m.Rules, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: "+strings.Join(procedure.Formats(), ", "))
	return cmd
}

func validFormat(f string) bool {
	for _, v := range procedure.Formats() {
		if v == f {
			return true
		}
	}
	return false
}
