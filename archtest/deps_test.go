// Package archtest holds the project's import policy as a test, in the
// spirit of go/build's deps_test.go: a statement of which packages may
// depend on which, checked on every run.
package archtest

import (
	"go/build"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/removalsim/removalsim/"

// io is what only the command and the bench tools may import: files,
// network, processes, databases and flags belong at the edge.
var io = []string{"os", "os/exec", "os/signal", "net", "net/http", "database/sql", "flag", "io/ioutil", "syscall"}

// edge lists the packages allowed to do I/O: the command, the bench
// tools, the maintainers' scripts (which regenerate documentation), the
// dashboard's HTTP server and run store, and the progress bars (which
// ask whether stderr is a terminal).
func edge(pkg string) bool {
	return pkg == "cmd/removalsim" || pkg == "server" || pkg == "store" || pkg == "progress" ||
		strings.HasPrefix(pkg, "bench/") || strings.HasPrefix(pkg, "scripts/")
}

// rules: a package (key) must not import any of the listed packages of
// this module, directly.
var rules = map[string][]string{
	// Engines never see YAML: package model compiles scenarios for them.
	"flow":  {"scenario", "agent", "report", "data"},
	"agent": {"scenario", "flow", "report", "data"},
	// Results are plain data; reports read them and know no engine.
	"result":    {"scenario", "model", "flow", "agent", "tally", "procedure"},
	"report":    {"flow", "agent", "model", "scenario"},
	"tally":     {"flow", "agent", "scenario"},
	"procedure": {"scenario", "model", "flow", "agent", "tally", "result"},
	"scenario":  {"model", "flow", "agent", "tally", "result"},
	"model":     {"flow", "agent", "tally", "result"},
}

func TestImportPolicy(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	var pkgs []string
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "out" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			rel, _ := filepath.Rel(root, filepath.Dir(p))
			if !slices.Contains(pkgs, rel) {
				pkgs = append(pkgs, rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 10 {
		t.Fatalf("found only %d packages under %s", len(pkgs), root)
	}
	for _, pkg := range pkgs {
		bp, err := build.ImportDir(filepath.Join(root, pkg), 0)
		if err != nil {
			t.Errorf("%s: %v", pkg, err)
			continue
		}
		for _, imp := range bp.Imports {
			if !edge(pkg) && slices.Contains(io, imp) {
				t.Errorf("%s imports %s: only the edge packages (see edge) may do I/O", pkg, imp)
			}
			if own, ok := strings.CutPrefix(imp, module); ok && slices.Contains(rules[pkg], own) {
				t.Errorf("%s imports %s, against the policy", pkg, own)
			}
		}
	}
}
