package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidateGood(t *testing.T) {
	var out, errOut bytes.Buffer
	good := filepath.Join("..", "..", "scenario", "testdata", "good", "small.yaml")
	chain := filepath.Join("..", "..", "scenario", "testdata", "good", "chain", "variant.yaml")
	if code := run([]string{"validate", good, chain}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut.String())
	}
	if want := good + ": ok\n" + chain + ": ok\n"; out.String() != want {
		t.Errorf("stdout = %q, want %q", out.String(), want)
	}
}

func TestValidateBad(t *testing.T) {
	var out, errOut bytes.Buffer
	good := filepath.Join("..", "..", "scenario", "testdata", "good", "small.yaml")
	bad := filepath.Join("..", "..", "scenario", "testdata", "bad", "negative-capacity.yaml")
	code := run([]string{"validate", bad, good}, &out, &errOut)
	if code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
	want := bad + ":4:14: capacities.detention_beds.initial: must be >= 0, got -5\n" +
		bad + ":5:26: capacities.detention_beds.max_added_per_month: must be >= 0, got -1\n" +
		"removalsim: 1 of 2 scenario files have errors\n"
	if errOut.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", errOut.String(), want)
	}
	if out.String() != good+": ok\n" {
		t.Errorf("stdout = %q", out.String())
	}
}

// TestValidateAbsoluteAndParentError checks an absolute argument and an
// error located in the file a scenario extends.
func TestValidateAbsoluteAndParentError(t *testing.T) {
	dir := t.TempDir()
	small, err := os.ReadFile(filepath.Join("..", "..", "scenario", "testdata", "good", "small.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	base := bytes.Replace(small, []byte("months: 24"), []byte("months: 0"), 1)
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "variants"), 0o755); err != nil {
		t.Fatal(err)
	}
	child := filepath.Join(dir, "variants", "child.yaml")
	if err := os.WriteFile(child, []byte("extends: ../base.yaml\nname: child\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"validate", child}, &out, &errOut); code != exitUsage {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitUsage, errOut.String())
	}
	want := filepath.Join(dir, "base.yaml") + ":6:9: months: must be between 1 and 600, got 0\n"
	if !strings.HasPrefix(errOut.String(), want) {
		t.Errorf("stderr:\n%s\nwant first line:\n%s", errOut.String(), want)
	}
}

func TestValidateMissingFileAndNoArgs(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"validate", "no-such.yaml"}, &out, &errOut); code != exitUsage {
		t.Errorf("missing file: exit %d, want %d", code, exitUsage)
	}
	if !strings.HasPrefix(errOut.String(), "no-such.yaml: ") {
		t.Errorf("missing file: stderr %q", errOut.String())
	}
	errOut.Reset()
	if code := run([]string{"validate"}, &out, &errOut); code != exitUsage {
		t.Errorf("no arguments: exit %d, want %d (%s)", code, exitUsage, errOut.String())
	}
}

func TestSchemaCommand(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"schema"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var v map[string]any
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	if v["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", v["$schema"])
	}
}
