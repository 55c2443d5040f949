package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/scenario"
)

// builtinPrefix marks an embedded scenario in a manifest's input.
const builtinPrefix = scenario.BuiltinPrefix

// inputName is how a manifest names the scenario argument: the file as
// given, or "builtin:baseline-2025" without one.
func inputName(file string) string {
	if file == "" {
		return builtinPrefix + defaultScenario
	}
	return file
}

// loadInput loads a scenario named as inputName names it (a file, or
// "builtin:NAME" for an embedded scenario) with the overrides sets as
// loadForRun does, and replaces its horizon by months when months is
// positive: the resolved scenario a manifest hashes.
func loadInput(cmd *cobra.Command, input string, months int, sets []string) (*scenario.Scenario, error) {
	s, err := loadForRunWith(cmd, input, sets)
	if err != nil {
		return nil, err
	}
	if months > 0 {
		s.Months = months
	}
	return s, nil
}

// loadRun loads input as loadInput does and makes the manifest of a run
// of it, with the overrides recorded: what run and report both start from.
func loadRun(cmd *cobra.Command, input string, months int, sets []string) (*scenario.Scenario, *manifest.Manifest, error) {
	s, err := loadInput(cmd, input, months, sets)
	if err != nil {
		return nil, nil, err
	}
	mf, err := manifest.New("run", input, s)
	if err != nil {
		return nil, nil, err
	}
	mf.Set = sets
	return s, mf, nil
}

// studyManifest is the manifest of one scenario of a study's output
// (compare's two sides, sensitivity's scenario): loadRun's, with the
// command, engine, seed and replications the study used.
func studyManifest(cmd *cobra.Command, command, file string, s *scenario.Scenario, engine string, seed uint64, runs int) (*manifest.Manifest, error) {
	mf, err := manifest.New(command, inputName(file), s)
	if err != nil {
		return nil, err
	}
	if mf.Set, err = overridesOf(cmd); err != nil {
		return nil, err
	}
	mf.Engine, mf.Seed, mf.Runs = engine, seed, runs
	return mf, nil
}

// readManifestFlags reads the manifest of run --manifest FILE and refuses
// the arguments and flags that it fixes itself.
func readManifestFlags(cmd *cobra.Command, args []string, file string) (*manifest.Manifest, error) {
	if len(args) > 0 {
		return nil, badInput(fmt.Errorf("--manifest names the scenario itself; drop the argument %s", args[0]))
	}
	for _, name := range []string{"engine", "runs", "seed", "months", "bottlenecks", "set"} {
		if cmd.Flags().Changed(name) {
			return nil, badInput(fmt.Errorf("--manifest fixes --%s; drop it", name))
		}
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, badInput(fmt.Errorf("--manifest: %w", err))
	}
	defer f.Close()
	m, err := manifest.Read(f)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", file, err))
	}
	if m.Runs < 1 || m.Months < 1 || m.Months > maxMonths {
		return nil, badInput(fmt.Errorf("%s: runs %d and months %d must be at least 1 (months at most %d)", file, m.Runs, m.Months, maxMonths))
	}
	return m, nil
}

// checkReproducible compares the manifest being made (got) with the one
// to reproduce (want): a scenario that changed since is an error, and a
// different version or dataset a warning, since the output may then
// differ.
func checkReproducible(stderr io.Writer, file string, want, got *manifest.Manifest) error {
	if got.ScenarioSHA256 != want.ScenarioSHA256 {
		return badInput(fmt.Errorf("%s: scenario %s has changed since: its sha256 is %s, the manifest says %s",
			file, want.Input, got.ScenarioSHA256, want.ScenarioSHA256))
	}
	if got.Version != want.Version || got.Revision != want.Revision || got.Modified != want.Modified {
		fmt.Fprintf(stderr, "removalsim: warning: %s was made by removalsim %s %s, this is %s %s; the output may differ\n",
			file, want.Version, want.Revision, got.Version, got.Revision)
	}
	if got.Data.SHA256 != want.Data.SHA256 {
		fmt.Fprintf(stderr, "removalsim: warning: %s was made with other data (sha256 %s, now %s); the output may differ\n",
			file, want.Data.SHA256, got.Data.SHA256)
	}
	return nil
}
