// Command removalsim simulates the United States immigration removal
// system from aggregate public statistics and synthetic cases.
//
// Run "removalsim help" for the subcommands. Exit codes: 0 success,
// 1 runtime failure (including output that could not be written), 2 bad
// input or usage, 130 interrupted (Ctrl-C; nothing is written).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/manifest"
)

// Exit codes of the command.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	// exitInterrupted is 128 + SIGINT, as shells report it.
	exitInterrupted = 130
)

// interruptGrace is how long a command may take to notice an interrupt
// (commands check between runs) before the process exits anyway.
const interruptGrace = 500 * time.Millisecond

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
	addScenarioFlags(root)
	return root
}

// run executes the command line args and returns the exit code.
//
// Ctrl-C (or SIGTERM) cancels the command's context; long commands check
// it between runs and return, and a command that has not returned within
// interruptGrace is ended. Output is written only once work is done, and
// files atomically, so an interrupt leaves nothing half-written. A
// failed write to stdout (a full disk, /dev/full) exits 1.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := make(chan struct{})
	defer close(done)
	go func() {
		select {
		case <-done:
		case <-ctx.Done():
			select {
			case <-done:
			case <-time.After(interruptGrace):
				fmt.Fprintln(stderr, "removalsim: interrupted; nothing written")
				os.Exit(exitInterrupted)
			}
		}
	}()

	out := &errWriter{w: stdout}
	root := newRoot(out, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "removalsim: interrupted; nothing written")
		return exitInterrupted
	case err == nil && out.err != nil:
		err = fmt.Errorf("writing the output: %w", out.err)
	case err == nil:
		return exitOK
	}
	fmt.Fprintln(stderr, "removalsim:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsageError(err) {
		return exitUsage
	}
	return exitFailure
}

// errWriter passes writes to w and remembers the first error, so that
// output lost to a full disk or a closed pipe is not reported as success
// by commands that print without checking each write.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = err
	}
	return n, err
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
	// A soft limit makes the garbage collector work harder rather than
	// let the heap double past what the agent engine's guard allows
	// (agentHeapBudget); nothing here needs more.
	debug.SetMemoryLimit(768 << 20)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
