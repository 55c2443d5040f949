package scenarios_test

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// shipped returns the paths of every shipped scenario file.
func shipped(t *testing.T) []string {
	t.Helper()
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	variants, err := fs.Glob(scenarios.FS, "policy-variants/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	studies, err := fs.Glob(scenarios.FS, "studies/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return append(append(names, variants...), studies...)
}

// TestEverySourceTraceable is issue 4's bar "every shipped scenario's
// parameters are traceable to a dataset row or a cited document": every
// parameter every shipped scenario sets (after its extends chain) must
// cite at least one row of data/figures.csv ("data: series PERIOD") or one
// document of data/documents.csv ("doc: id"), and every citation must
// resolve. A value may still be a judgement, but then its source says so
// and names the figures it rests on.
func TestEverySourceTraceable(t *testing.T) {
	for _, name := range shipped(t) {
		s, err := scenario.Load(scenarios.FS, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range scenario.Params(s) {
			if !r.Param.Set {
				continue
			}
			refs, errs := cite.ResolveAll(r.Param.Source)
			for _, err := range errs {
				t.Errorf("%s: %s: %v", name, r.Path, err)
			}
			if len(refs) == 0 && len(errs) == 0 {
				t.Errorf("%s: %s = %g cites no dataset row or document: %q", name, r.Path, r.Param.Value, r.Param.Source)
			}
			for i, c := range r.Param.Changes {
				refs, errs := cite.ResolveAll(c.Source)
				for _, err := range errs {
					t.Errorf("%s: %s.changes[%d]: %v", name, r.Path, i, err)
				}
				if len(refs) == 0 && len(errs) == 0 {
					t.Errorf("%s: %s.changes[%d] (from %s) cites no dataset row or document: %q", name, r.Path, i, c.From, c.Source)
				}
			}
		}
		for _, in := range s.Procedure.Injunctions {
			refs, errs := cite.ResolveAll(in.Source)
			for _, err := range errs {
				t.Errorf("%s: injunction %q: %v", name, in.Name, err)
			}
			if len(refs) == 0 && len(errs) == 0 {
				t.Errorf("%s: injunction %q cites no dataset row or document: %q", name, in.Name, in.Source)
			}
		}
	}
}

// TestEveryDocumentCited keeps documents.csv a register of what the
// scenarios rest on: a document nothing cites is either a citation lost
// in an edit or dead weight.
func TestEveryDocumentCited(t *testing.T) {
	docs, err := data.Documents()
	if err != nil {
		t.Fatal(err)
	}
	cited := map[string]bool{}
	for _, name := range shipped(t) {
		s, err := scenario.Load(scenarios.FS, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var texts []string
		for _, r := range scenario.Params(s) {
			texts = append(texts, r.Param.Source)
			for _, c := range r.Param.Changes {
				texts = append(texts, c.Source)
			}
		}
		for _, in := range s.Procedure.Injunctions {
			texts = append(texts, in.Source)
		}
		// The history factors of calibrated.yaml (fitted quantities that
		// are not scenario parameters) are comment lines, which
		// calibrate.Read reads back; their priors cite documents too.
		raw, err := fs.ReadFile(scenarios.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(raw), "\n") {
			if strings.HasPrefix(line, "# factor ") {
				texts = append(texts, line)
			}
		}
		for _, r := range cite.Parse(strings.Join(texts, "\n")) {
			if r.Kind == cite.Doc {
				cited[r.Name] = true
			}
		}
	}
	for _, d := range docs {
		if !cited[d.ID] {
			t.Errorf("documents.csv: %s is cited by no shipped scenario", d.ID)
		}
	}
}
