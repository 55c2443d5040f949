package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/result"
)

// TestSetRunsWithoutAFile is issue 15's bar: --set changes the embedded
// baseline without a file, and the result differs from the baseline's.
func TestSetRunsWithoutAFile(t *testing.T) {
	base := mustRun(t, "run", "--months", "12", "--format", "json")
	set := mustRun(t, "run", "--months", "12", "--format", "json", "--set", "capacities.detention_beds.initial=100000")
	if base == set {
		t.Fatal("--set capacities.detention_beds.initial=100000 gave the baseline's result")
	}
	var r result.Result
	if err := json.Unmarshal([]byte(set), &r); err != nil {
		t.Fatal(err)
	}
	if got := r.Monthly[0].Capacity["detention_beds"]; got != 100000 {
		t.Errorf("detention beds in the first month = %g, want 100000", got)
	}
}

// TestSetErrors checks that a bad --set exits 2 naming the path and the
// value, for a bad path, a bad value and a malformed argument.
func TestSetErrors(t *testing.T) {
	for _, tt := range []struct {
		set  string
		want []string
	}{
		{"capacities.detention_beds.initial=-5", []string{"--set capacities.detention_beds.initial=-5", "must be >= 0"}},
		{"capacities.detention_beds.initial=many", []string{"--set capacities.detention_beds.initial=many", `want a number, got string "many"`}},
		{"capacities.detention_bedz.initial=5", []string{"--set capacities.detention_bedz.initial=5", `did you mean "detention_beds"`}},
		{"countries[40].acceptance_rate=1", []string{"countries[40]", "countries has"}},
		{"capacities..x=1", []string{`path "capacities..x"`}},
		{"no-equals-sign", []string{"want PATH=VALUE"}},
	} {
		t.Run(tt.set, func(t *testing.T) {
			code, _, stderr := removalsim(t, "run", "--months", "1", "--set", tt.set)
			if code != exitUsage {
				t.Errorf("exit %d, want %d", code, exitUsage)
			}
			for _, w := range tt.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
		})
	}
}

// TestScenarioFromStdin reads a scenario from standard input ("-"); it
// extends a file relative to the working directory, and its errors name
// <stdin>.
func TestScenarioFromStdin(t *testing.T) {
	runIn := func(stdin string, args ...string) (int, string, string) {
		var out, errOut bytes.Buffer
		root := newRoot(&out, &errOut)
		root.SetIn(strings.NewReader(stdin))
		root.SetArgs(args)
		if err := root.Execute(); err != nil {
			errOut.WriteString(err.Error())
			return exitUsage, out.String(), errOut.String()
		}
		return exitOK, out.String(), errOut.String()
	}
	code, out, stderr := runIn("extends: ../../scenarios/baseline-2025.yaml\nmonths: 2\n", "run", "-", "--format", "csv")
	if code != exitOK {
		t.Fatalf("run -: %s", stderr)
	}
	if !strings.Contains(out, "2025-02") || strings.Contains(out, "2025-03") {
		t.Errorf("want two months from standard input's scenario, got:\n%.300s", out)
	}
	code, _, stderr = runIn("extends: ../../scenarios/baseline-2025.yaml\nmonths: 2\nbogus: 1\n", "validate", "-")
	if code == exitOK || !strings.Contains(stderr, "<stdin>:3:1: unknown key \"bogus\"") {
		t.Errorf("validate -: exit %d, stderr:\n%s", code, stderr)
	}
	code, out, stderr = runIn("extends: ../../scenarios/baseline-2025.yaml\nmonths: 2\n", "report", "-", "-o", "-")
	if code != exitOK || !strings.Contains(out, "<html") || !strings.Contains(out, `"costs"`) {
		t.Errorf("report -: exit %d (want the run with its cost account, as run prints it), stderr:\n%s", code, stderr)
	}
}

// TestScenarioCommandsTakeSet checks that every command reading a
// scenario FILE has --set, and that the list names only commands.
func TestScenarioCommandsTakeSet(t *testing.T) {
	root := newRoot(new(bytes.Buffer), new(bytes.Buffer))
	listed := map[string]bool{}
	for _, n := range scenarioCommands {
		listed[n] = true
	}
	for _, c := range root.Commands() {
		takesFile := strings.Contains(c.Use, "FILE") || strings.Contains(c.Use, ".yaml")
		if takesFile != listed[c.Name()] {
			t.Errorf("%s: reads a scenario %v, listed in scenarioCommands %v", c.Name(), takesFile, listed[c.Name()])
		}
		if listed[c.Name()] && c.Flags().Lookup("set") == nil {
			t.Errorf("%s has no --set", c.Name())
		}
		delete(listed, c.Name())
	}
	for n := range listed {
		t.Errorf("scenarioCommands names %s, which is no command", n)
	}
}

// TestSetInManifest checks that a run's manifest records its --set
// overrides and that run --manifest applies them again, byte for byte.
func TestSetInManifest(t *testing.T) {
	first := mustRun(t, "run", "--months", "3", "--format", "json", "--set", "capacities.detention_beds.initial=100000")
	var r struct {
		Manifest json.RawMessage `json:"manifest"`
	}
	if err := json.Unmarshal([]byte(first), &r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(r.Manifest), `"capacities.detention_beds.initial=100000"`) {
		t.Fatalf("manifest lacks the override: %s", r.Manifest)
	}
	file := filepath.Join(t.TempDir(), "m.json")
	if err := os.WriteFile(file, r.Manifest, 0o644); err != nil {
		t.Fatal(err)
	}
	if again := mustRun(t, "run", "--manifest", file, "--format", "json"); again != first {
		t.Error("run --manifest did not reproduce the run with --set")
	}
	if code, _, _ := removalsim(t, "run", "--manifest", file, "--set", "months=2"); code != exitUsage {
		t.Errorf("--manifest with --set: exit %d, want %d", code, exitUsage)
	}
}
