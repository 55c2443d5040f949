package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/evidence"
)

// qualityCounts reads the count lines of a --quality table.
func qualityCounts(t *testing.T, out string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for _, q := range []string{"P", "S", "W", "none"} {
		m := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(q) + ` +[a-z ]+? +(\d+)$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no count line for %s in:\n%s", q, out)
		}
		counts[q], _ = strconv.Atoi(m[1])
	}
	return counts
}

// rankedRows reads the ranked rows of a --quality table: rank, path,
// quality.
var rankedRows = regexp.MustCompile(`(?m)^([1-9]) +(\S+) +([SW]|none) +`)

// TestSourcesQualityBaseline is issue 18's bar: "sources --quality
// scenarios/baseline-2025.yaml" prints counts by quality and the five
// weak or secondary parameters with the largest sensitivity.
func TestSourcesQualityBaseline(t *testing.T) {
	out := mustRun(t, "sources", "--quality", "../../scenarios/baseline-2025.yaml")
	counts := qualityCounts(t, out)
	if counts["P"]+counts["S"]+counts["W"]+counts["none"] < 100 {
		t.Errorf("counts %v: baseline-2025 sets more than 100 parameters", counts)
	}
	if rows := rankedRows.FindAllStringSubmatch(out, -1); len(rows) != 5 {
		t.Fatalf("%d ranked rows, want 5:\n%s", len(rows), out)
	}
	for _, want := range []string{"baseline-2025:", "Quality: P primary", "S secondary", "W weak", "±20%"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
}

// TestSourcesQualityTableMatchesJSON checks that the table and the JSON
// form agree, on a 12-month variant of the baseline to keep it cheap.
func TestSourcesQualityTableMatchesJSON(t *testing.T) {
	const file = "testdata/baseline-12m.yaml"
	out := mustRun(t, "sources", "--quality", "--top", "3", file)
	counts := qualityCounts(t, out)
	rows := rankedRows.FindAllStringSubmatch(out, -1)
	var got struct{ Scenarios []*evidence.Assessment }
	if err := json.Unmarshal([]byte(mustRun(t, "sources", "--quality", "--format", "json", file)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Scenarios) != 1 {
		t.Fatalf("%d scenarios in JSON", len(got.Scenarios))
	}
	a := got.Scenarios[0]
	for q, n := range counts {
		if a.Counts[q] != n {
			t.Errorf("table counts %s %d, JSON %d", q, n, a.Counts[q])
		}
	}
	weak := a.Weakest(3)
	if len(rows) != len(weak) || len(rows) != 3 {
		t.Fatalf("table ranks %d, JSON %d, want 3", len(rows), len(weak))
	}
	for i, p := range weak {
		if rows[i][2] != p.Path || rows[i][3] != p.Quality {
			t.Errorf("row %d: table %s (%s), JSON %s (%s)", i+1, rows[i][2], rows[i][3], p.Path, p.Quality)
		}
	}
}

// TestSourcesQualityBadInput checks the flag errors.
func TestSourcesQualityBadInput(t *testing.T) {
	for _, args := range [][]string{
		{"sources", "--quality", "--metric", "nope", "../../scenarios/baseline-2025.yaml"},
		{"sources", "--quality", "--references"},
		{"sources", "--quality", "--top", "-1", "../../scenarios/baseline-2025.yaml"},
		{"sources", "--quality", "no-such-file.yaml"},
	} {
		if code, _, _ := removalsim(t, args...); code == exitOK {
			t.Errorf("removalsim %s succeeded", strings.Join(args, " "))
		}
	}
}
