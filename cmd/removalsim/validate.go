package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
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
				if !validateFile(cmd.OutOrStdout(), cmd.ErrOrStderr(), file) {
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

// validateFile loads one scenario and prints "FILE: ok" to stdout, or its
// errors to stderr; it reports whether the file is valid.
func validateFile(stdout, stderr io.Writer, file string) bool {
	_, err := loadScenarioFile(file)
	if err == nil {
		fmt.Fprintf(stdout, "%s: ok\n", file)
		return true
	}
	var list scenario.ErrorList
	if errors.As(err, &list) {
		list.Print(stderr)
	} else {
		fmt.Fprintf(stderr, "%s: %v\n", file, unwrapPath(err))
	}
	return false
}

// loadScenarioFile loads the scenario file named on the command line, or
// a shipped scenario named "builtin:NAME".
//
// The file system is rooted at the file's volume (the root directory on
// Unix) rather than at its own directory, so that extends may point
// anywhere, also above the file ("../baseline-2025.yaml") or to an
// absolute path; "builtin:NAME" names the embedded scenarios. File names
// in the errors are turned back into paths as the user would write them:
// relative to the working directory when the argument was relative.
func loadScenarioFile(file string) (*scenario.Scenario, error) {
	opts := scenario.LoadOptions{Builtin: scenarios.FS, RootedAtSlash: true}
	if strings.HasPrefix(file, scenario.BuiltinPrefix) {
		return scenario.LoadWith(nil, file, opts)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	root := filepath.VolumeName(abs) + string(filepath.Separator)
	name := filepath.ToSlash(strings.TrimPrefix(abs, root))
	opts.RootedAtSlash = root == "/"
	s, err := scenario.LoadWith(os.DirFS(root), name, opts)
	var list scenario.ErrorList
	if errors.As(err, &list) {
		cwd, _ := os.Getwd()
		for _, e := range list {
			if !strings.HasPrefix(e.File, scenario.BuiltinPrefix) {
				e.File = displayPath(filepath.Join(root, filepath.FromSlash(e.File)), cwd, filepath.IsAbs(file))
			}
		}
		return nil, list
	}
	return s, err
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
