package main

import (
	"encoding/json"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/evidence"
)

// TestSourcesQualityBaseline is issue 18's bar: "sources --quality
// scenarios/baseline-2025.yaml" prints counts by quality and the five
// weak or secondary parameters with the largest sensitivity, and the
// table agrees with the JSON form.
func TestSourcesQualityBaseline(t *testing.T) {
	out := mustRun(t, "sources", "--quality", "../../scenarios/baseline-2025.yaml")
	counts := map[string]int{}
	for _, q := range []string{"P", "S", "W", "none"} {
		m := regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(q) + ` +[a-z ]+? +(\d+)$`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no count line for %s in:\n%s", q, out)
		}
		counts[q], _ = strconv.Atoi(m[1])
	}
	rows := regexp.MustCompile(`(?m)^([1-9]) +(\S+) +([SW]|none) +`).FindAllStringSubmatch(out, -1)
	if len(rows) != 5 {
		t.Fatalf("%d ranked rows, want 5:\n%s", len(rows), out)
	}
	for _, want := range []string{"Quality: P primary", "S secondary", "W weak", "±20%"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	var got struct{ Scenarios []*evidence.Assessment }
	if err := json.Unmarshal([]byte(mustRun(t, "sources", "--quality", "--format", "json", "../../scenarios/baseline-2025.yaml")), &got); err != nil {
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
	for i, p := range a.Weakest(5) {
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
