package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/scenario"
)

func init() { subcommands = append(subcommands, newSchemaCmd) }

func newSchemaCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the scenario format as a JSON Schema",
		Long: `Schema prints the JSON Schema (draft 2020-12) of scenario files, generated
from the same Go types the simulator reads. Editors use it to complete keys,
show what each one holds and flag unknown keys and wrong types as you type.

Every key carries its description (the doc comments of the Go types).
With --format markdown it prints the reference page of the format instead
(docs/reference.md), with the meaning of the sources' quality letters.

The schema checks the shape of a file. "removalsim validate" checks the
rest too: shares summing to 1, schedules and dates in order, known
pathway names, ranges containing their values.`,
		Example: `  # Save the schema next to your scenarios:
  removalsim schema > scenario.schema.json

  # Then point the editor at it, e.g. with the YAML language server
  # (VS Code's YAML extension, Neovim, Helix), on a scenario's first line:
  #   # yaml-language-server: $schema=./scenario.schema.json

  # Or list the top-level keys:
  removalsim schema | jq '."$defs".Scenario.properties | keys'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "json" && format != "markdown" {
				return badInput(fmt.Errorf("unknown format %q; want json or markdown", format))
			}
			b, err := scenario.JSONSchema()
			if err != nil {
				return err
			}
			if format == "markdown" {
				return writeSchemaMarkdown(cmd.OutOrStdout(), b)
			}
			b = append(b, '\n')
			_, err = cmd.OutOrStdout().Write(b)
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "json (the JSON Schema) or markdown (the reference page, docs/reference.md)")
	return cmd
}
