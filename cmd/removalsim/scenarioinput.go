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

// scenarioCommands are the commands that read a scenario and so take
// --set and "-" for standard input.
var scenarioCommands = []string{
	"bottlenecks", "compare", "crosscheck", "plan", "procedure", "report", "run",
	"sensitivity", "sources", "sweep", "validate",
}

// stdinName is the file name "-" stands for, in errors and results.
const stdinName = "<stdin>"

// addScenarioFlags gives every scenario command of root the --set flag,
// unless it defines its own (sweep).
func addScenarioFlags(root *cobra.Command) {
	for _, c := range root.Commands() {
		for _, name := range scenarioCommands {
			if c.Name() == name && c.Flags().Lookup("set") == nil {
				c.Flags().StringArray("set", nil, "set a scenario value before it is validated, as PATH=VALUE (repeatable), e.g. --set capacities.detention_beds.initial=100000")
			}
		}
	}
}

// overridesOf returns the --set flags of cmd, in order, each checked.
func overridesOf(cmd *cobra.Command) ([]string, error) {
	sets, err := cmd.Flags().GetStringArray("set")
	if err != nil {
		return nil, nil // a command without --set
	}
	if _, err := parseOverrides(sets); err != nil {
		return nil, err
	}
	return sets, nil
}

// parseOverrides parses PATH=VALUE overrides.
func parseOverrides(sets []string) ([]scenario.Override, error) {
	out := make([]scenario.Override, 0, len(sets))
	for _, a := range sets {
		o, err := scenario.ParseOverride(a)
		if err != nil {
			return nil, badInput(err)
		}
		out = append(out, o)
	}
	return out, nil
}

// scenarioTree reads the scenario named on the command line: the
// embedded baseline when file is "", a shipped scenario for
// "builtin:NAME", standard input for "-", else the file.
//
// The file system is rooted at the file's volume (the root directory on
// Unix) rather than at its own directory, so that extends may point
// anywhere, also above the file ("../baseline-2025.yaml") or to an
// absolute path; "builtin:NAME" in extends names the embedded scenarios.
// A scenario on standard input extends files relative to the working
// directory.
func scenarioTree(cmd *cobra.Command, file string) (*scenario.Tree, error) {
	opts := scenario.LoadOptions{Builtin: scenarios.FS}
	if file == "" {
		file = builtinPrefix + defaultScenario
	}
	if strings.HasPrefix(file, scenario.BuiltinPrefix) {
		return scenario.LoadTree(nil, file, nil, opts)
	}
	var src []byte
	path := file
	if file == "-" {
		b, err := io.ReadAll(io.LimitReader(cmd.InOrStdin(), scenario.MaxFileSize+1))
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		src, path = b, stdinName
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	root := filepath.VolumeName(abs) + string(filepath.Separator)
	opts.RootedAtSlash = root == "/"
	return scenario.LoadTree(os.DirFS(root), filepath.ToSlash(strings.TrimPrefix(abs, root)), src, opts)
}

func displayName(file string) string {
	switch file {
	case "-":
		return stdinName
	case "":
		return defaultScenario
	}
	return file
}

// decodeScenario decodes t with the overrides, turning file names in
// errors back into paths as the user would write them: relative to the
// working directory when the argument was relative.
func decodeScenario(t *scenario.Tree, file string, overrides []scenario.Override) (*scenario.Scenario, error) {
	s, err := t.Decode(overrides...)
	var list scenario.ErrorList
	if errors.As(err, &list) {
		cwd, _ := os.Getwd()
		root := string(filepath.Separator)
		if abs, err := filepath.Abs(file); err == nil {
			root = filepath.VolumeName(abs) + root
		}
		for _, e := range list {
			if e.Line == 0 || strings.HasPrefix(e.File, scenario.BuiltinPrefix) {
				continue // an override's origin, or an embedded file
			}
			e.File = displayPath(filepath.Join(root, filepath.FromSlash(e.File)), cwd, filepath.IsAbs(file))
		}
		return nil, list
	}
	return s, err
}

// loadScenario reads and decodes the scenario named on the command line
// with cmd's --set overrides, as scenarioTree and decodeScenario do. It
// prints nothing.
func loadScenario(cmd *cobra.Command, file string) (*scenario.Scenario, error) {
	sets, err := overridesOf(cmd)
	if err != nil {
		return nil, err
	}
	return loadScenarioWith(cmd, file, sets)
}

// loadScenarioWith is loadScenario with the overrides sets.
func loadScenarioWith(cmd *cobra.Command, file string, sets []string) (*scenario.Scenario, error) {
	ovs, err := parseOverrides(sets)
	if err != nil {
		return nil, err
	}
	t, err := scenarioTree(cmd, file)
	if err != nil {
		return nil, err
	}
	return decodeScenario(t, file, ovs)
}

// loadForRunWith is loadForRun with the overrides sets.
func loadForRunWith(cmd *cobra.Command, file string, sets []string) (*scenario.Scenario, error) {
	s, err := loadScenarioWith(cmd, file, sets)
	if err != nil {
		return nil, reportLoadError(cmd.ErrOrStderr(), displayName(file), err)
	}
	return s, nil
}

// reportLoadError prints a scenario's errors to stderr, one per line, and
// returns a usage error that counts them; other errors become usage
// errors naming the file.
func reportLoadError(stderr io.Writer, name string, err error) error {
	return reportErrors(stderr, name, "in the scenario, not run", err)
}

// reportErrors is reportLoadError for any file read with the scenario
// package's errors; where says where they are ("in the sweep file").
func reportErrors(stderr io.Writer, name, where string, err error) error {
	var list scenario.ErrorList
	if errors.As(err, &list) {
		list.Print(stderr)
		n := "1 error"
		if len(list) > 1 {
			n = fmt.Sprintf("%d errors", len(list))
		}
		return badInput(fmt.Errorf("%s: %s %s", name, n, where))
	}
	var ue usageError
	if errors.As(err, &ue) {
		return err
	}
	return badInput(fmt.Errorf("%s: %w", name, unwrapPath(err)))
}
