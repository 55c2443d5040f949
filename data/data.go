// Package data embeds removalsim's public dataset: aggregate, published
// statistics about the US immigration removal system (ICE removals, arrests
// and detention, Border Patrol apprehensions, credible-fear screening,
// immigration courts, workforce and costs).
//
// Every figure is an aggregate count, rate, stock, or cost taken from a named
// public source; the dataset holds nothing about individual people. Each row
// carries a quality tag (P primary, S secondary, W weak) and an estimate flag
// for approximate, derived, or unconfirmed values. See README.md in this
// directory for the meaning of each series and its caveats.
package data

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed figures.csv
var figuresCSV []byte

// Header is the exact header row of figures.csv: the figure's own
// columns, then the provenance columns shared with documents.csv.
var Header = append([]string{"series", "period", "value", "unit", "estimate"}, provenanceHeader...)

// Units lists every unit a figure may carry.
var Units = []string{
	"persons", "persons_per_day", "days", "usd", "usd_per_day", "beds",
	"flights_per_month", "judges", "officers", "cases", "share", "agreements",
}

// Figure is one published aggregate figure: the value of a series for a
// period, with its unit and its provenance (publication, the copy read,
// quality).
type Figure struct {
	// Series is the snake_case series name, for example "ice_removals".
	Series string
	// Period is the period the value refers to: "FY2012" (fiscal year,
	// October to September), "FY2025Q1" (fiscal quarter), "CY2023"
	// (calendar year), "2025-06" (month), "2025-06-23" (date), or an
	// interval of months or dates such as "2025-01-20/2025-04-29".
	Period string
	// Value is the figure in Unit.
	Value float64
	// Unit is one of Units.
	Unit string
	// Estimate is true when the value is approximate, derived by
	// arithmetic, or not confirmed in a source.
	Estimate bool
	// Provenance names the publication and where it was read.
	Provenance
}

// table is an embedded CSV file, parsed on first use.
type table[T any] struct {
	once sync.Once
	rows []T
	err  error
}

// get parses src with parse the first time it is called and returns a
// fresh copy of the rows, which the caller may modify.
func (t *table[T]) get(src []byte, parse func([]byte) ([]T, error)) ([]T, error) {
	rows, err := t.shared(src, parse)
	if err != nil {
		return nil, err
	}
	return slices.Clone(rows), nil
}

// shared is get without the copy, for readers that never write: Lookup
// and Series are called thousands of times a calibration.
func (t *table[T]) shared(src []byte, parse func([]byte) ([]T, error)) ([]T, error) {
	t.once.Do(func() { t.rows, t.err = parse(src) })
	return t.rows, t.err
}

var figures table[Figure]

// Figures parses the embedded figures.csv and returns its rows in file
// order. Parse errors name the line and column at fault. The returned slice
// is a fresh copy that the caller may modify.
func Figures() ([]Figure, error) {
	return figures.get(figuresCSV, parse)
}

// ParseError reports a malformed field in one of the dataset's files.
type ParseError struct {
	// File is the file's name: "figures.csv" or "documents.csv".
	File string
	// Line is the 1-based line number in the file.
	Line int
	// Col is the 1-based field number (0 when unknown).
	Col int
	// Column is the header name of the offending field.
	Column string
	// Err is the underlying problem.
	Err error
}

// Error implements the error interface as "file:line:col: column name:
// problem".
func (e *ParseError) Error() string {
	return fmt.Sprintf("%s:%d:%d: column %s: %v", e.File, e.Line, e.Col, e.Column, e.Err)
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

func parse(b []byte) ([]Figure, error) {
	var out []Figure
	err := readCSV("figures.csv", b, Header, func(rec []string) (string, error) {
		f, col, err := parseRecord(rec)
		out = append(out, f)
		return col, err
	})
	return out, err
}

// readCSV reads a CSV file of the dataset named file whose first line must
// be header, and hands each following record to row; an error row returns
// comes back as a ParseError naming the line and the column row blames.
// Both of the dataset's files are read through it, so they report bad
// input the same way.
func readCSV(file string, b []byte, header []string, row func(rec []string) (col string, err error)) error {
	r := csv.NewReader(bytes.NewReader(b))
	r.FieldsPerRecord = len(header)
	head, err := r.Read()
	if err != nil {
		return fmt.Errorf("%s header: %w", file, err)
	}
	for i, h := range header {
		if head[i] != h {
			return &ParseError{File: file, Line: 1, Col: i + 1, Column: header[i], Err: fmt.Errorf("header %q, want %q", head[i], h)}
		}
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				col := "?"
				if pe.Column >= 1 && pe.Column <= len(header) {
					col = header[pe.Column-1]
				}
				return &ParseError{File: file, Line: pe.Line, Col: pe.Column, Column: col, Err: pe.Err}
			}
			return fmt.Errorf("%s: %w", file, err)
		}
		// FieldPos panics after a failed read, so it is asked only now.
		line, _ := r.FieldPos(0)
		if col, err := row(rec); err != nil {
			n := slices.Index(header, col) + 1
			if n > 0 {
				line, _ = r.FieldPos(n - 1)
			}
			return &ParseError{File: file, Line: line, Col: n, Column: col, Err: err}
		}
	}
}

func parseRecord(rec []string) (Figure, string, error) {
	f := Figure{Series: rec[0], Period: rec[1], Unit: rec[3]}
	if !isSnakeName(f.Series) {
		return f, "series", fmt.Errorf("series %q is not a snake_case name", f.Series)
	}
	if err := ValidPeriod(f.Period); err != nil {
		return f, "period", err
	}
	v, err := strconv.ParseFloat(rec[2], 64)
	if err != nil {
		return f, "value", fmt.Errorf("value %q is not a number", rec[2])
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return f, "value", fmt.Errorf("value %q is not finite", rec[2])
	}
	f.Value = v
	if !knownUnit(f.Unit) {
		return f, "unit", fmt.Errorf("unknown unit %q (want one of %s)", f.Unit, strings.Join(Units, ", "))
	}
	switch rec[4] {
	case "true":
		f.Estimate = true
	case "false":
	default:
		return f, "estimate", fmt.Errorf("estimate %q is not true or false", rec[4])
	}
	p, col, err := parseProvenance(rec[5:])
	f.Provenance = p
	return f, col, err
}

func knownUnit(u string) bool {
	for _, k := range Units {
		if u == k {
			return true
		}
	}
	return false
}

// ValidPeriod returns nil if p is a well-formed period: "FY2012",
// "FY2025Q1", "CY2023", "2025-06", "2025-06-23", or an interval of two
// months or two dates joined by "/" with the start not after the end.
func ValidPeriod(p string) error {
	if start, end, ok := strings.Cut(p, "/"); ok {
		if !isMonth(start) && !isDate(start) {
			return fmt.Errorf("period %q: bad interval start", p)
		}
		if len(start) != len(end) || (!isMonth(end) && !isDate(end)) {
			return fmt.Errorf("period %q: bad interval end", p)
		}
		if start > end {
			return fmt.Errorf("period %q: interval start after end", p)
		}
		return nil
	}
	if isFY(p) || isCY(p) || isMonth(p) || isDate(p) {
		return nil
	}
	return fmt.Errorf("period %q is not FYyyyy, FYyyyyQn, CYyyyy, yyyy-mm, yyyy-mm-dd or an interval", p)
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	y, err := strconv.Atoi(s)
	return err == nil && y >= 1900 && y <= 2100
}

func isFY(s string) bool {
	rest, ok := strings.CutPrefix(s, "FY")
	if !ok {
		return false
	}
	if len(rest) == 6 && rest[4] == 'Q' && rest[5] >= '1' && rest[5] <= '4' {
		rest = rest[:4]
	}
	return isYear(rest)
}

func isCY(s string) bool {
	rest, ok := strings.CutPrefix(s, "CY")
	return ok && isYear(rest)
}

func isMonth(s string) bool {
	if len(s) != 7 || s[4] != '-' || !isYear(s[:4]) {
		return false
	}
	m, err := strconv.Atoi(s[5:])
	return err == nil && m >= 1 && m <= 12
}

func isDate(s string) bool {
	if len(s) != 10 || s[7] != '-' || !isMonth(s[:7]) {
		return false
	}
	d, err := strconv.Atoi(s[8:])
	if err != nil || d < 1 {
		return false
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	return d <= daysIn(y, m)
}

func daysIn(y, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// Lookup returns the figure for series in period, and whether one exists.
// It returns false if the embedded data cannot be parsed.
func Lookup(series, period string) (Figure, bool) {
	fs, err := figures.shared(figuresCSV, parse)
	if err != nil {
		return Figure{}, false
	}
	for _, f := range fs {
		if f.Series == series && f.Period == period {
			return f, true
		}
	}
	return Figure{}, false
}

// Series returns every figure of the named series sorted by period (see
// PeriodStart), or nil if there is none or the data cannot be parsed.
func Series(name string) []Figure {
	fs, err := figures.shared(figuresCSV, parse)
	if err != nil {
		return nil
	}
	var out []Figure
	for _, f := range fs {
		if f.Series == name {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := PeriodStart(out[i].Period), PeriodStart(out[j].Period)
		if a != b {
			return a < b
		}
		return out[i].Period < out[j].Period
	})
	return out
}

// PeriodStart returns the first calendar day a period covers, as
// "yyyy-mm-dd", so that periods of different forms sort together. Fiscal
// year FYyyyy starts on 1 October of year yyyy-1. It returns "" for a
// malformed period.
func PeriodStart(p string) string {
	if ValidPeriod(p) != nil {
		return ""
	}
	if start, _, ok := strings.Cut(p, "/"); ok {
		p = start
	}
	switch {
	case isMonth(p):
		return p + "-01"
	case isDate(p):
		return p
	case isCY(p):
		return p[2:] + "-01-01"
	}
	y, _ := strconv.Atoi(p[2:6])
	if len(p) == 8 {
		q := int(p[7] - '0')
		mo := 10 + 3*(q-1)
		if mo > 12 {
			return fmt.Sprintf("%04d-%02d-01", y, mo-12)
		}
		return fmt.Sprintf("%04d-%02d-01", y-1, mo)
	}
	return fmt.Sprintf("%04d-10-01", y-1)
}
