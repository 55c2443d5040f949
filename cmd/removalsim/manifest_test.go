package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/manifest"
)

func TestVersion(t *testing.T) {
	out := mustRun(t, "--version")
	if !regexp.MustCompile(`^removalsim \S+ (revision [0-9a-f]+( \(modified\))?|\(revision unknown\)) go1\.\d+`).MatchString(out) {
		t.Errorf("--version printed %q", out)
	}
	if out != manifest.ReadBuild().String()+"\n" {
		t.Errorf("--version printed %q, the build says %q", out, manifest.ReadBuild().String())
	}
}

// TestRunManifestReproduces runs scenarios, saves the JSON, and runs the
// manifest it carries: the output must be the same bytes, under either
// engine, from a file or the embedded baseline, in every format.
func TestRunManifestReproduces(t *testing.T) {
	dir := t.TempDir()
	variant := filepath.Join(dir, "variant.yaml")
	base, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "baseline-2025.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(variant, []byte("extends: base.yaml\nname: variant\nseed: 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "--months", "4"},
		{"run", variant, "--months", "3", "--engine", "agent", "--runs", "2", "--seed", "5"},
		{"run", variant, "--engine", "agent", "--months", "2"},
	} {
		first := mustRun(t, append(args, "--format", "json")...)
		var doc struct {
			Seed     uint64             `json:"seed"`
			Manifest *manifest.Manifest `json:"manifest"`
		}
		if err := json.Unmarshal([]byte(first), &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Manifest == nil || doc.Manifest.Seed != doc.Seed || len(doc.Manifest.ScenarioSHA256) != 64 {
			t.Fatalf("%v: manifest %+v", args, doc.Manifest)
		}
		saved := filepath.Join(dir, "out.json")
		if err := os.WriteFile(saved, []byte(first), 0o644); err != nil {
			t.Fatal(err)
		}
		if again := mustRun(t, "run", "--manifest", saved, "--format", "json"); again != first {
			t.Errorf("%v: run --manifest printed different JSON", args)
		}
		for _, format := range []string{"table", "csv"} {
			if a, b := mustRun(t, append(args, "--format", format)...), mustRun(t, "run", "--manifest", saved, "--format", format); a != b {
				t.Errorf("%v: run --manifest printed a different %s", args, format)
			}
		}
	}
}

func TestRunManifestErrors(t *testing.T) {
	dir := t.TempDir()
	out := mustRun(t, "run", "--months", "2", "--format", "json")
	tampered := filepath.Join(dir, "tampered.json")
	i := strings.Index(out, `"scenario_sha256": "`) + len(`"scenario_sha256": "`)
	flipped := map[byte]byte{'0': '1'}[out[i]]
	if flipped == 0 {
		flipped = '0'
	}
	os.WriteFile(tampered, []byte(out[:i]+string(flipped)+out[i+1:]), 0o644)
	good := filepath.Join(dir, "good.json")
	os.WriteFile(good, []byte(out), 0o644)
	notJSON := filepath.Join(dir, "x.json")
	os.WriteFile(notJSON, []byte("months: 3\n"), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"run", "--manifest", tampered}, "has changed since"},
		{[]string{"run", "--manifest", notJSON}, "not a JSON manifest"},
		{[]string{"run", "--manifest", filepath.Join(dir, "none.json")}, "no such file"},
		{[]string{"run", "--manifest", good, "--seed", "3"}, "--manifest fixes --seed"},
		{[]string{"run", "--manifest", good, "scenarios/x.yaml"}, "drop the argument"},
	} {
		code, _, errOut := removalsim(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
}

// TestStudyManifests: compare and sensitivity say where their output came
// from, as run does: each side's manifest hashes the scenario that ran
// (the same hash as run's for the same file and horizon) with the
// engine, seed and replications used.
func TestStudyManifests(t *testing.T) {
	base, variant := "../../scenarios/baseline-2025.yaml", "../../scenarios/policy-variants/screening-7day.yaml"
	runHash := func(file string) string {
		var doc struct{ Manifest *manifest.Manifest }
		if err := json.Unmarshal([]byte(mustRun(t, "run", file, "--months", "2", "--format", "json")), &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Manifest.ScenarioSHA256
	}
	var cmp struct {
		Seed      uint64
		Manifests []*manifest.Manifest
	}
	if err := json.Unmarshal([]byte(mustRun(t, "compare", base, variant, "--months", "2", "--engine", "agent", "--runs", "2", "--seed", "3", "--format", "json")), &cmp); err != nil {
		t.Fatal(err)
	}
	if len(cmp.Manifests) != 2 {
		t.Fatalf("compare: %d manifests, want 2", len(cmp.Manifests))
	}
	for i, file := range []string{base, variant} {
		m := cmp.Manifests[i]
		if m.Command != "compare" || m.Input != file || m.Engine != "agent" || m.Seed != 3 || cmp.Seed != 3 || m.Runs != 2 || m.Months != 2 {
			t.Errorf("compare manifest %d: %+v", i, m)
		}
		if want := runHash(file); m.ScenarioSHA256 != want {
			t.Errorf("compare manifest %d hashes %s, run hashes the same scenario %s", i, m.ScenarioSHA256, want)
		}
	}
	var sens struct{ Manifest *manifest.Manifest }
	if err := json.Unmarshal([]byte(mustRun(t, "sensitivity", "--method", "oat", "--set", "months=2", "--format", "json")), &sens); err != nil {
		t.Fatal(err)
	}
	if m := sens.Manifest; m == nil || m.Command != "sensitivity" || m.Input != "builtin:baseline-2025" || len(m.ScenarioSHA256) != 64 {
		t.Errorf("sensitivity manifest %+v", m)
	}
}
