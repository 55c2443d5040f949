// Command removalsim simulates the United States immigration removal
// system from aggregate public statistics and synthetic cases.
//
// Run "removalsim help" for the subcommands. Exit codes: 0 success,
// 1 runtime failure, 2 bad input or usage.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/manifest"
)

// Exit codes of the command.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError marks an error caused by the user's input (flags, arguments,
// scenario files): the command exits with code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// badInput wraps err as a usage error (exit 2); nil stays nil.
func badInput(err error) error {
	if err == nil {
		return nil
	}
	return usageError{err}
}

// subcommands holds the constructors of every subcommand; each file
// registers its own in an init function, so adding a command touches one
// file.
var subcommands []func() *cobra.Command

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "removalsim",
		Short: "Simulate the U.S. immigration removal system",
		Long: `removalsim simulates the United States immigration removal system:
arrests, detention, immigration courts, fear screenings, travel documents,
country acceptance and flights, with capacities that change over time.

It works on aggregate public statistics and synthetic cases only.

Start with:
  removalsim run                      # the embedded baseline-2025 scenario
  removalsim run scenarios/target-1m.yaml --format json
  removalsim validate my-scenario.yaml`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// --version prints the module version and the VCS revision
		// (with "(modified)" for a dirty tree) from the build info.
		Version: manifest.ReadBuild().String(),
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return badInput(err) })
	for _, mk := range subcommands {
		root.AddCommand(mk())
	}
	return root
}

// run executes the command line args and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "removalsim:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsageError(err) {
		return exitUsage
	}
	return exitFailure
}

// isCobraUsageError recognises cobra's own argument errors (unknown
// command, wrong number of arguments), which it returns as plain errors.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "accepts ", "requires at least", "requires at most", "unknown flag", "unknown shorthand flag", "invalid argument"} {
		if len(msg) >= len(prefix) && msg[:len(prefix)] == prefix {
			return true
		}
	}
	return false
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
