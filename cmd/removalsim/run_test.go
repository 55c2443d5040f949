package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// removalsim runs the command line and returns its exit code, stdout and
// stderr.
func removalsim(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// mustRun runs the command line and fails the test unless it exits 0.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errOut := removalsim(t, args...)
	if code != exitOK {
		t.Fatalf("removalsim %s: exit %d, stderr:\n%s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// golden compares got with testdata/name, or rewrites the file under
// -update. Numbers must agree within a relative 1e-9 (see sameNumbers);
// everything else must match exactly.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/removalsim -update to create it)", err)
	}
	gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
	for i := range max(len(gl), len(wl)) {
		if g, w := at(gl, i), at(wl, i); !sameNumbers(g, w) {
			t.Fatalf("%s differs from the output at line %d:\n got: %q\nwant: %q\n(if the change is intended, run go test ./cmd/removalsim -update and review the diff)", path, i+1, g, w)
		}
	}
}

// number matches a decimal number as JSON and strconv 'g' print it.
var number = regexp.MustCompile(`-?\d+(\.\d+)?([eE][-+]?\d+)?`)

// sameNumbers reports whether two lines are equal once their numbers are
// compared within a relative 1e-9. The pins are of the model's results,
// not of the last bits of float arithmetic, which reordering a sum in an
// engine changes; byte-identical output for one build is checked by
// TestRunReproducible.
func sameNumbers(a, b string) bool {
	if a == b {
		return true
	}
	if number.ReplaceAllString(a, "#") != number.ReplaceAllString(b, "#") {
		return false
	}
	na, nb := number.FindAllString(a, -1), number.FindAllString(b, -1)
	for i := range na {
		x, errX := strconv.ParseFloat(na[i], 64)
		y, errY := strconv.ParseFloat(nb[i], 64)
		if errX != nil || errY != nil || math.Abs(x-y) > 1e-9*math.Max(1, math.Max(math.Abs(x), math.Abs(y))) {
			return false
		}
	}
	return true
}

func TestSameNumbers(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{`"removals": 853819.9996425647,`, `"removals": 853819.9996425648,`, true},
		{`"removals": 853819.9996425647,`, `"removals": 853819.99,`, false},
		{`2025-01,flows.a->b,1.5e+06`, `2025-01,flows.a->b,1500000.0000001`, true},
		{`"binding": "officers",`, `"binding": "flights",`, false},
		{`total  853,820`, `total  853,821`, false},
	} {
		if got := sameNumbers(tc.a, tc.b); got != tc.want {
			t.Errorf("sameNumbers(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of file>"
}

// TestRunGolden pins the output of the embedded baseline with the flow
// engine in every format. The CSV golden holds the first and the last
// month only; the JSON golden holds everything, and TestCSVMatchesJSON
// ties the two together.
func TestRunGolden(t *testing.T) {
	golden(t, "run-baseline.txt", mustRun(t, "run"))
	golden(t, "run-baseline.json", mustRun(t, "run", "--format", "json"))
	csv := mustRun(t, "run", "--format", "csv")
	lines := strings.SplitAfter(csv, "\n")
	// The period is the sixth column; months are "YYYY-MM".
	period := func(l string) string { return strings.Split(l, ",")[5] }
	first, last := period(lines[1]), "2028-12"
	var kept strings.Builder
	kept.WriteString(lines[0])
	for _, l := range lines[1:] {
		if l == "" {
			continue
		}
		if p := period(l); p == first || p == last {
			kept.WriteString(l)
		}
	}
	golden(t, "run-baseline-first-last-month.csv", kept.String())
}

// TestRunReproducible checks that the same scenario prints the same bytes
// every time: map order or any other hidden state must not leak into the
// numbers.
func TestRunReproducible(t *testing.T) {
	first := mustRun(t, "run", "--months", "12", "--format", "json")
	for range 3 {
		if mustRun(t, "run", "--months", "12", "--format", "json") != first {
			t.Fatal("two runs of the same scenario printed different JSON")
		}
	}
}

// TestCSVMatchesJSON checks that every monthly CSV row is the value of
// its metric in the JSON output, that every number of every month is in
// the CSV, and that the binding indicator names the JSON's binding.
func TestCSVMatchesJSON(t *testing.T) {
	var doc struct {
		Monthly []map[string]any `json:"monthly"`
	}
	if err := json.Unmarshal([]byte(mustRun(t, "run", "--months", "6", "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{}
	for _, mo := range doc.Monthly {
		month := mo["month"].(string)
		for k, v := range mo {
			switch v := v.(type) {
			case float64:
				want[month+","+k] = v
			case map[string]any:
				for kk, vv := range v {
					want[month+","+k+"."+kk] = vv.(float64)
				}
			case string:
				if k == "binding" && v != "none" {
					want[month+",binding."+v] = 1
				}
			}
		}
	}
	csv := strings.Split(strings.TrimSuffix(mustRun(t, "run", "--months", "6", "--format", "csv"), "\n"), "\n")
	if csv[0] != "scenario,engine,band,metric,unit,period,value" {
		t.Fatalf("header %q", csv[0])
	}
	seen := map[string]bool{}
	for _, line := range csv[1:] {
		f := strings.Split(line, ",")
		if len(f) != 7 {
			t.Fatalf("row %q has %d fields", line, len(f))
		}
		if f[0] != "baseline-2025" || f[1] != "flow" || f[2] != "mean" {
			t.Errorf("row %q: want scenario baseline-2025, engine flow, band mean", line)
		}
		if len(f[5]) != len("2025-01") {
			continue // a 12-month period or the whole run
		}
		key := f[5] + "," + f[3]
		v, err := strconv.ParseFloat(f[6], 64)
		if err != nil {
			t.Fatalf("row %q: %v", line, err)
		}
		w, ok := want[key]
		if !ok {
			t.Errorf("CSV row %q is not a number of the JSON months", line)
		} else if v != w {
			t.Errorf("CSV %s = %v, JSON has %v", key, v, w)
		}
		if seen[key] {
			t.Errorf("CSV row %q repeated", key)
		}
		seen[key] = true
	}
	if len(seen) != len(want) {
		t.Errorf("CSV has %d metric-months, JSON %d", len(seen), len(want))
	}
}

// TestRunJSONContract checks that the JSON carries every field of the
// output contract that tools read.
func TestRunJSONContract(t *testing.T) {
	var doc map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, "run", "--months", "14", "--format", "json")), &doc); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"scenario", "engine", "seed", "start", "months",
		"totals.removals", "totals.removals_by_pathway", "totals.arrests", "totals.cost_usd", "totals.cost_per_removal_usd",
		"annual[].removals", "annual[].arrests", "annual[].cost_usd",
		"monthly[].month", "monthly[].removals", "monthly[].arrests", "monthly[].detained", "monthly[].court_backlog",
		"monthly[].final_orders", "monthly[].binding", "monthly[].utilisation",
		"ledger.*.start", "ledger.*.inflow", "ledger.*.outflow", "ledger.*.end",
		"detention.admissions", "detention.mean_length_of_stay_days", "detention.average_daily_population",
		"sources[].path", "sources[].value", "sources[].source",
	} {
		if err := hasPath(doc, path); err != nil {
			t.Errorf("%s: %v", path, err)
		}
	}
	if ok, _ := regexp.MatchString(`^\d{4}-\d{2}$`, fmt.Sprint(doc["start"])); !ok {
		t.Errorf("start = %v, want YYYY-MM", doc["start"])
	}
	if doc["months"] != 14.0 || len(doc["monthly"].([]any)) != 14 || len(doc["annual"].([]any)) != 2 {
		t.Errorf("months = %v with %d monthly rows and %d annual periods, want 14, 14, 2",
			doc["months"], len(doc["monthly"].([]any)), len(doc["annual"].([]any)))
	}
	if doc["engine"] != "flow" {
		t.Errorf("engine = %v", doc["engine"])
	}
}

// hasPath checks that path exists in v: "a.b" descends into objects,
// "a[]" into every element of a non-empty array, "*" into every member of
// a non-empty object.
func hasPath(v any, path string) error {
	if path == "" {
		if v == nil {
			return fmt.Errorf("null")
		}
		return nil
	}
	head, rest, _ := strings.Cut(path, ".")
	obj, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("not an object at %q", head)
	}
	if head == "*" {
		if len(obj) == 0 {
			return fmt.Errorf("empty object")
		}
		for k, child := range obj {
			if err := hasPath(child, rest); err != nil {
				return fmt.Errorf("%s: %w", k, err)
			}
		}
		return nil
	}
	name, isArray := strings.CutSuffix(head, "[]")
	child, ok := obj[name]
	if !ok {
		return fmt.Errorf("missing %q", name)
	}
	if !isArray {
		return hasPath(child, rest)
	}
	arr, ok := child.([]any)
	if !ok || len(arr) == 0 {
		return fmt.Errorf("%q is not a non-empty array", name)
	}
	for i, el := range arr {
		if err := hasPath(el, rest); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
	}
	return nil
}

func TestRunExitCodes(t *testing.T) {
	bad := filepath.Join("testdata", "bad.yaml")
	for _, tc := range []struct {
		name string
		args []string
		code int
		// stderr holds every line of want, each as a regular expression.
		stderr []string
	}{
		{"good", []string{"run", "--months", "2"}, exitOK, nil},
		{"bad file", []string{"run", bad}, exitUsage, []string{
			`(?m)^testdata/bad\.yaml:5:9: months: must be between 1 and 600, got 0$`,
			`(?m)^testdata/bad\.yaml:8:14: capacities\.detention_beds\.initial: must be >= 0, got -5$`,
			`(?m)^removalsim: testdata/bad\.yaml: 2 errors in the scenario, not run$`}},
		{"missing file", []string{"run", "testdata/no-such.yaml"}, exitUsage, []string{`testdata/no-such\.yaml: no such file or directory`}},
		{"unknown format", []string{"run", "--format", "xml"}, exitUsage, []string{`unknown format "xml"; want one of csv, json, parquet, table`}},
		{"unknown engine", []string{"run", "--engine", "montecarlo"}, exitUsage, []string{`unknown engine "montecarlo"; want one of .*flow`}},
		{"months zero", []string{"run", "--months", "0"}, exitUsage, []string{`--months must be between 1 and 600, got 0`}},
		{"months too many", []string{"run", "--months", "601"}, exitUsage, []string{`--months must be between 1 and 600, got 601`}},
		{"months not a number", []string{"run", "--months", "x"}, exitUsage, nil},
		{"runs zero", []string{"run", "--runs", "0"}, exitUsage, []string{`--runs must be between 1 and 500, got 0`}},
		{"two files", []string{"run", bad, bad}, exitUsage, nil},
		{"sources unknown format", []string{"sources", "--format", "csv"}, exitUsage, []string{`unknown format "csv"`}},
		{"sources bad file", []string{"sources", bad}, exitUsage, []string{`testdata/bad\.yaml:8:14: `}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := removalsim(t, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errOut)
			}
			for _, re := range tc.stderr {
				if !regexp.MustCompile(re).MatchString(errOut) {
					t.Errorf("stderr lacks %s:\n%s", re, errOut)
				}
			}
		})
	}
}

// TestRunUnknownEngineListsAll checks the list of engines is sorted and
// complete whatever else is registered.
func TestRunUnknownEngineListsAll(t *testing.T) {
	_, _, errOut := removalsim(t, "run", "--engine", "?")
	names := sortedNames(engines)
	if !slices.IsSorted(names) || !strings.Contains(errOut, "want one of "+strings.Join(names, ", ")+"\n") {
		t.Errorf("stderr %q does not list %v", errOut, names)
	}
}

// TestRunExtendsAndMonths runs a file that extends another in its parent
// directory, as a user's variant would, and overrides its horizon.
func TestRunExtendsAndMonths(t *testing.T) {
	dir := t.TempDir()
	base, err := os.ReadFile(filepath.Join("..", "..", "scenarios", "baseline-2025.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "base.yaml"), base, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "variants"), 0o755); err != nil {
		t.Fatal(err)
	}
	child := filepath.Join(dir, "variants", "child.yaml")
	if err := os.WriteFile(child, []byte("extends: ../base.yaml\nname: child\nmonths: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args   []string
		months int
	}{
		{[]string{"run", child, "--format", "json"}, 3},
		{[]string{"run", child, "--format", "json", "--months", "5"}, 5},
	} {
		var r result.Result
		if err := json.Unmarshal([]byte(mustRun(t, tc.args...)), &r); err != nil {
			t.Fatal(err)
		}
		if r.Scenario != "child" || r.Months != tc.months || len(r.Monthly) != tc.months {
			t.Errorf("%v: scenario %q, %d months, %d rows; want child, %d", tc.args, r.Scenario, r.Months, len(r.Monthly), tc.months)
		}
	}
}

// TestLedgerEveryScenario runs every scenario file shipped under
// scenarios/ and checks that nobody is created or lost: for every stock,
// start + inflow − outflow = end.
func TestLedgerEveryScenario(t *testing.T) {
	root := filepath.Join("..", "..", "scenarios")
	var files []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".yaml") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no scenario files found under " + root)
	}
	for _, file := range files {
		t.Run(strings.TrimPrefix(filepath.ToSlash(file), "../../"), func(t *testing.T) {
			var r result.Result
			if err := json.Unmarshal([]byte(mustRun(t, "run", file, "--format", "json")), &r); err != nil {
				t.Fatal(err)
			}
			if len(r.Ledger) == 0 {
				t.Fatal("empty ledger")
			}
			for _, stock := range sortedNames(r.Ledger) {
				b := r.Ledger[stock]
				scale := math.Max(1, math.Max(math.Max(math.Abs(b.Start), math.Abs(b.End)), math.Max(b.Inflow, b.Outflow)))
				if diff := b.Start + b.Inflow - b.Outflow - b.End; math.Abs(diff) > 1e-6*scale {
					t.Errorf("%s: start %v + inflow %v - outflow %v - end %v = %v", stock, b.Start, b.Inflow, b.Outflow, b.End, diff)
				}
			}
		})
	}
}

// TestSources checks that "sources" lists the parameters the run's JSON
// carries, in both formats.
func TestSources(t *testing.T) {
	var r result.Result
	if err := json.Unmarshal([]byte(mustRun(t, "run", "--months", "1", "--format", "json")), &r); err != nil {
		t.Fatal(err)
	}
	var listed []result.Source
	if err := json.Unmarshal([]byte(mustRun(t, "sources", "--format", "json")), &listed); err != nil {
		t.Fatal(err)
	}
	if len(listed) == 0 || !slices.Equal(listed, r.Sources) {
		t.Errorf("sources --format json lists %d parameters, the run %d, or they differ", len(listed), len(r.Sources))
	}
	table := strings.Split(strings.TrimSuffix(mustRun(t, "sources"), "\n"), "\n")
	if !strings.HasPrefix(table[0], "parameter ") || len(table) != len(listed)+1 {
		t.Fatalf("table has %d lines for %d parameters; header %q", len(table), len(listed), table[0])
	}
	for i, s := range listed {
		if !strings.HasPrefix(table[i+1], s.Path+" ") || !strings.HasSuffix(table[i+1], s.Source) {
			t.Errorf("line %d = %q, want %s ... %s", i+2, table[i+1], s.Path, s.Source)
		}
	}
}

// BenchmarkRun measures "removalsim run" on the embedded baseline, from
// loading the scenario to the printed report, per format.
func BenchmarkRun(b *testing.B) {
	for _, format := range []string{"table", "json", "csv"} {
		b.Run(format, func(b *testing.B) {
			for b.Loop() {
				if code := run([]string{"run", "--format", format}, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}

// TestRunBottlenecks: --bottlenecks adds one attribution per month to
// the JSON, and in the baseline, where officers bind, an extra officer
// buys removals while an extra bed buys none.
func TestRunBottlenecks(t *testing.T) {
	var out, errOut bytes.Buffer
	if code := run([]string{"run", "--months", "12", "--bottlenecks", "--format", "json"}, &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	var r result.Result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Bottlenecks) != 12 {
		t.Fatalf("%d bottleneck months, want 12", len(r.Bottlenecks))
	}
	mid := r.Bottlenecks[3]
	marginal := map[string]float64{}
	for _, c := range mid.Capacities {
		marginal[c.Capacity] = c.Marginal
	}
	if mid.Binding != "officers" || marginal["officers"] <= 0 || marginal["detention_beds"] != 0 {
		t.Errorf("%s: binding %q, marginal values %v; want officers binding, officers > 0, beds 0", mid.Month, mid.Binding, marginal)
	}
	out.Reset()
	if code := run([]string{"run", "--months", "12", "--format", "json"}, &out, &errOut); code != exitOK || bytes.Contains(out.Bytes(), []byte(`"bottlenecks"`)) {
		t.Errorf("without --bottlenecks the JSON should not carry them (exit %d)", code)
	}
}

// TestSourcesReferences checks that --references resolves every
// parameter of the baseline to at least one dataset row or document with
// an address, in both formats.
func TestSourcesReferences(t *testing.T) {
	var rows []report.ParamReferences
	if err := json.Unmarshal([]byte(mustRun(t, "sources", "--references", "--format", "json")), &rows); err != nil {
		t.Fatal(err)
	}
	var listed []result.Source
	if err := json.Unmarshal([]byte(mustRun(t, "sources", "--format", "json")), &listed); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(listed) {
		t.Fatalf("--references lists %d parameters, sources %d", len(rows), len(listed))
	}
	lines := 0
	for i, r := range rows {
		if r.Path != listed[i].Path {
			t.Errorf("row %d is %s, want %s", i, r.Path, listed[i].Path)
		}
		if len(r.References) == 0 || len(r.Unresolved) > 0 {
			t.Errorf("%s: %d references, unresolved %v", r.Path, len(r.References), r.Unresolved)
		}
		for _, ref := range r.References {
			if !strings.HasPrefix(ref.ReadAt, "http") {
				t.Errorf("%s: %s has no address", r.Path, ref.Ref)
			}
		}
		lines += len(r.References)
	}
	out := mustRun(t, "sources", "--references")
	table := strings.Split(out[:strings.Index(out, "\n\n")], "\n")
	if len(table) != lines+1 {
		t.Errorf("table has %d lines for %d references", len(table), lines)
	}
}

// TestBacktestAnyDirectory checks that backtest reads the calibration from
// the binary: its JSON is byte-identical whether run in the repository or
// in an empty directory, and equal to reading the repository's file.
func TestBacktestAnyDirectory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the backtest three times")
	}
	repo, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(repo)
	// Two coverage draws exercise that path too, at a fraction of the
	// default's cost.
	inRepo := mustRun(t, "backtest", "--format", "json", "--coverage", "2")
	explicit := mustRun(t, "backtest", "--format", "json", "--coverage", "2", "--calibrated", "scenarios/calibrated.yaml")
	t.Chdir(t.TempDir())
	elsewhere := mustRun(t, "backtest", "--format", "json", "--coverage", "2")
	if inRepo == "" || inRepo != elsewhere {
		t.Errorf("backtest differs between the repository (%d bytes) and an empty directory (%d bytes)", len(inRepo), len(elsewhere))
	}
	if inRepo != explicit {
		t.Errorf("the embedded calibration differs from scenarios/calibrated.yaml: rebuild after calibrating")
	}
}
