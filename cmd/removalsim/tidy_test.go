package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/tidy"
)

// docTables reads docs/tidy.md and returns each markdown table by the
// heading above it: its rows, cells trimmed of blanks and backquotes,
// without the header and separator rows.
func docTables(t *testing.T) map[string][][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "tidy.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tables := map[string][][]string{}
	heading, inTable := "", 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if h, ok := strings.CutPrefix(line, "## "); ok {
			heading, inTable = h, 0
			continue
		}
		if !strings.HasPrefix(line, "|") {
			inTable = 0
			continue
		}
		inTable++
		if inTable <= 2 { // header and |---|
			continue
		}
		var cells []string
		for _, c := range strings.Split(strings.Trim(line, "|"), "|") {
			cells = append(cells, strings.Trim(strings.TrimSpace(c), "`"))
		}
		tables[heading] = append(tables[heading], cells)
	}
	return tables
}

// documented returns the columns, the bands of each command and the
// units that docs/tidy.md lists.
func documented(t *testing.T) (columns []string, bands map[string][]string, units []string) {
	tables := docTables(t)
	for _, row := range tables["Columns"] {
		columns = append(columns, row[0])
	}
	bands = map[string][]string{}
	for _, row := range tables["Bands"] {
		for _, b := range strings.Split(row[1], ",") {
			bands[row[0]] = append(bands[row[0]], strings.Trim(strings.TrimSpace(b), "`"))
		}
	}
	for _, row := range tables["Units"] {
		units = append(units, row[0])
	}
	if len(columns) == 0 || len(bands) == 0 || len(units) == 0 {
		t.Fatalf("docs/tidy.md lacks a table: %d columns, %d commands' bands, %d units", len(columns), len(bands), len(units))
	}
	return columns, bands, units
}

// TestTidyDocumentedLists checks the package's lists against the page.
func TestTidyDocumentedLists(t *testing.T) {
	columns, _, units := documented(t)
	if !slices.Equal(columns, tidy.Header) {
		t.Errorf("docs/tidy.md documents columns %v, tidy.Header is %v", columns, tidy.Header)
	}
	a, b := slices.Sorted(slices.Values(units)), slices.Sorted(slices.Values(tidy.Units))
	if !slices.Equal(a, b) {
		t.Errorf("docs/tidy.md documents units %v, tidy.Units is %v", a, b)
	}
}

var periodPattern = regexp.MustCompile(`^(\d{4}-\d{2}(/\d{4}-\d{2})?|FY\d{4}(/FY\d{4})?)$`)

// TestTidyCSVEveryCommand runs every results command with --format csv,
// reads the output with a strict reader (seven fields on every line,
// no lazy quotes, the header exactly the documented columns) and checks
// each row: a documented band for the command, a documented unit, a
// well-formed period, a finite number, no row repeated.
func TestTidyCSVEveryCommand(t *testing.T) {
	columns, bands, units := documented(t)
	base := filepath.Join("..", "..", "scenarios", "baseline-2025.yaml")
	variant := filepath.Join("..", "..", "scenarios", "policy-variants", "doubled-judges.yaml")
	for _, tc := range []struct {
		command string
		args    []string
	}{
		{"run", []string{"run", "--months", "14"}},
		{"run", []string{"run", "--months", "13", "--engine", "agent", "--runs", "3", "--bottlenecks"}},
		{"compare", []string{"compare", base, variant, "--months", "6"}},
		{"compare", []string{"compare", base, variant, "--months", "3", "--engine", "agent", "--runs", "3"}},
		{"plan", []string{"plan", base, "--target", "250000", "--by", "2025-10", "--runs", "1"}},
		{"backtest", []string{"backtest"}},
		{"sensitivity", []string{"sensitivity", "--method", "oat"}},
		{"sensitivity", []string{"sensitivity", "--method", "morris", "--samples", "2", "--metric", "cost"}},
		{"sensitivity", []string{"sensitivity", "--method", "sobol", "--samples", "2", "--set", "months=12"}},
		{"bottlenecks", []string{"bottlenecks"}},
		{"crosscheck", []string{"crosscheck", "--runs", "2", "--scale", "0.05"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			if testing.Short() && (tc.command == "backtest" || tc.command == "sensitivity" && tc.args[2] == "sobol") {
				t.Skip("long in -short")
			}
			out := mustRun(t, append(tc.args, "--format", "csv")...)
			r := csv.NewReader(strings.NewReader(out))
			r.FieldsPerRecord = len(columns)
			r.ReuseRecord = true
			header, err := r.Read()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(header, columns) {
				t.Fatalf("header %v, documented %v", header, columns)
			}
			seen := map[string]bool{}
			n := 0
			for {
				rec, err := r.Read()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				n++
				band, unit, period := rec[2], rec[4], rec[5]
				if !slices.Contains(bands[tc.command], band) {
					t.Fatalf("row %v: band %q is not documented for %s", rec, band, tc.command)
				}
				if !slices.Contains(units, unit) {
					t.Fatalf("row %v: unit %q is not documented", rec, unit)
				}
				if !periodPattern.MatchString(period) {
					t.Fatalf("row %v: period %q", rec, period)
				}
				if rec[0] == "" || rec[3] == "" || (rec[1] != "flow" && rec[1] != "agent") {
					t.Fatalf("row %v: empty scenario or metric, or unknown engine", rec)
				}
				v, err := strconv.ParseFloat(rec[6], 64)
				if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("row %v: value %q is not a finite number", rec, rec[6])
				}
				key := strings.Join(rec[:6], ",")
				if seen[key] {
					t.Fatalf("row %v repeated", rec)
				}
				seen[key] = true
			}
			if n < 10 {
				t.Errorf("only %d rows", n)
			}
		})
	}
}

// TestTidyParquetMatchesCSV reads run's Parquet output back and checks it
// holds the CSV's rows, and the manifest in its metadata.
func TestTidyParquetMatchesCSV(t *testing.T) {
	args := []string{"run", "--months", "3", "--engine", "agent", "--runs", "2"}
	pq := mustRun(t, append(args, "--format", "parquet")...)
	rows, err := tidy.ReadParquet(strings.NewReader(pq), int64(len(pq)))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := tidy.WriteCSV(&b, rows); err != nil {
		t.Fatal(err)
	}
	if b.String() != mustRun(t, append(args, "--format", "csv")...) {
		t.Error("the Parquet rows differ from the CSV")
	}
	if !strings.Contains(pq, "removalsim.manifest") || !strings.Contains(pq, `"scenario_sha256":"`) {
		t.Error("the Parquet file lacks the manifest")
	}
}
