package scenarios_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// dataRef matches a citation of a dataset row in a source: "data:" then
// one or more series names, each optionally followed by a period.
var dataRef = regexp.MustCompile(`data: ([^)"]+)`)

var seriesName = regexp.MustCompile(`^[a-z][a-z0-9_]*[a-z0-9]$`)

// periodToken matches what follows a series name in a citation: a fiscal
// or calendar year, a month or date, or a range of them.
var periodToken = regexp.MustCompile(`^(FY|CY|[0-9])`)

// TestEverySourceTraceable checks that every parameter of every shipped
// scenario has a source, and that every dataset series a source cites
// ("data: series period") exists in data/figures.csv: the citations
// cannot drift from the dataset.
func TestEverySourceTraceable(t *testing.T) {
	figures, err := data.Figures()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, f := range figures {
		known[f.Series] = true
	}
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	variants, _ := fs.Glob(scenarios.FS, "policy-variants/*.yaml")
	cited := 0
	for _, name := range append(names, variants...) {
		s, err := scenario.Load(scenarios.FS, name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, r := range scenario.Params(s) {
			if !r.Param.Set {
				continue
			}
			src := r.Param.Source
			if strings.TrimSpace(src) == "" {
				t.Errorf("%s: %s has no source", name, r.Path)
				continue
			}
			for _, m := range dataRef.FindAllStringSubmatch(src, -1) {
				for _, ref := range strings.Split(m[1], ",") {
					fields := strings.Fields(ref)
					// "the data: range is ..." is prose, not a citation.
					if len(fields) == 0 || !seriesName.MatchString(fields[0]) ||
						len(fields) > 1 && !periodToken.MatchString(fields[1]) {
						continue
					}
					cited++
					if !known[fields[0]] {
						t.Errorf("%s: %s cites data series %q, which data/figures.csv does not have", name, r.Path, fields[0])
					}
				}
			}
		}
	}
	if cited < 20 {
		t.Errorf("only %d dataset citations found; the pattern no longer matches the sources", cited)
	}
}
