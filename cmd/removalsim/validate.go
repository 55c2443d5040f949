package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/scenario"
)

func init() { subcommands = append(subcommands, newValidateCmd) }

func newValidateCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "validate FILE...",
		Short: "Check scenario files and report every problem in them",
		Long: `Validate reads each scenario file, follows its extends chain, and checks it
the way "removalsim run" would, reporting every problem at once, one per line:

  scenarios/x.yaml:12:17: capacities.detention_beds.initial: must be >= 0, got -5

that is file:line:column, the path of the value, and what is wrong. Errors
in a file that the scenario extends point into that file. A good file
prints "FILE: ok".

What is checked: the YAML itself; keys (unknown keys are errors, with the
allowed ones listed); types (a number where a number belongs, months as
YYYY-MM, dates as YYYY-MM-DD); required keys; counts, capacities, costs and
days >= 0; shares between 0 and 1; the shares that must sum to 1 (border
processing, court outcomes, countries' caseload_share and border_share);
schedules in increasing month order; injunctions naming exactly one known
pathway or destination class; dates in order; parameter ranges [low, high]
containing their value. "removalsim schema" prints the format as a JSON
Schema.

Exit status: 0 when every file is valid, 2 when any is not.`,
		Example: `  # Check one file, or all of them:
  removalsim validate my-scenario.yaml
  removalsim validate scenarios/*.yaml scenarios/policy-variants/*.yaml

  # A variant only states what it changes; extends is relative to it:
  #   extends: ../baseline-2025.yaml
  #   name: more-beds
  #   capacities: {detention_beds: {target: [{from: 2025-10, value: 100000}]}}
  removalsim validate scenarios/policy-variants/more-beds.yaml

  # Use in a script or CI step:
  removalsim validate my-scenario.yaml && removalsim run my-scenario.yaml`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			bad := 0
			for _, file := range args {
				if !validateFile(cmd, file) {
					bad++
				}
			}
			if bad > 0 {
				return badInput(fmt.Errorf("%d of %d scenario files have errors", bad, len(args)))
			}
			return nil
		},
	}
}

// validateFile loads one scenario (standard input for "-") with cmd's
// --set overrides and prints "FILE: ok" to stdout, or its errors to
// stderr; it reports whether the file is valid.
func validateFile(cmd *cobra.Command, file string) bool {
	_, err := loadScenario(cmd, file)
	if err == nil {
		fmt.Fprintf(cmd.OutOrStdout(), "%s: ok\n", displayName(file))
		return true
	}
	var list scenario.ErrorList
	if errors.As(err, &list) {
		list.Print(cmd.ErrOrStderr())
	} else {
		fmt.Fprintf(cmd.ErrOrStderr(), "%s: %v\n", displayName(file), unwrapPath(err))
	}
	return false
}

// displayPath shows path relative to cwd unless the user gave absolute
// paths or the relative form would climb out of cwd more than it helps.
func displayPath(path, cwd string, absolute bool) string {
	if absolute || cwd == "" {
		return path
	}
	rel, err := filepath.Rel(cwd, path)
	if err != nil {
		return path
	}
	return rel
}

// unwrapPath drops the operation and the path of a *fs.PathError, which
// the caller prints itself.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
