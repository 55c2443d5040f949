package scenario_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/removalsim/removalsim/scenario"
)

var update = flag.Bool("update", false, "rewrite the \"# want:\" lines of testdata/bad/*.yaml from the errors found")

const wantPrefix = "# want: "

// wantLines returns the expected errors written in src as "# want: " lines.
func wantLines(src []byte) []string {
	var out []string
	for line := range strings.SplitSeq(string(src), "\n") {
		if s, ok := strings.CutPrefix(line, wantPrefix); ok {
			out = append(out, s)
		}
	}
	return out
}

// withWants returns src with its "# want: " lines replaced by got, at the
// end of the file (so that they do not move the lines they talk about).
func withWants(src []byte, got []string) []byte {
	var keep []string
	for line := range strings.SplitSeq(string(src), "\n") {
		if !strings.HasPrefix(line, wantPrefix) {
			keep = append(keep, line)
		}
	}
	body := strings.TrimRight(strings.Join(keep, "\n"), "\n") + "\n"
	for _, g := range got {
		body += wantPrefix + g + "\n"
	}
	return []byte(body)
}

// relative formats the errors, leaving out the file name for errors in
// file itself.
func relative(list scenario.ErrorList, file string) []string {
	var out []string
	for _, e := range list {
		s := e.Error()
		if e.File == file {
			s = strings.TrimPrefix(s, file+":")
		}
		out = append(out, s)
	}
	return out
}

// TestBad loads every testdata/bad/*.yaml and compares the errors with
// the file's "# want: line:col: path: message" lines, in order. Run with
// -update to rewrite those lines after a deliberate change of messages.
func TestBad(t *testing.T) {
	fsys := os.DirFS("testdata")
	files, err := fs.Glob(fsys, "bad/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad fixtures: %v", err)
	}
	for _, name := range files {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".yaml"), func(t *testing.T) {
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				t.Fatal(err)
			}
			s, err := scenario.Load(fsys, name)
			if s != nil {
				t.Errorf("Load returned a scenario along with err = %v", err)
			}
			var list scenario.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Load: want an ErrorList, got %T %v", err, err)
			}
			for _, e := range list {
				if e.Code == scenario.Unknown || e.Line < 1 || e.Col < 1 || e.File == "" {
					t.Errorf("error without code or position: %#v", e)
				}
			}
			got := relative(list, name)
			if *update {
				if err := os.WriteFile(filepath.Join("testdata", name), withWants(src, got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := wantLines(src)
			if len(want) == 0 {
				t.Fatalf("%s has no %q lines; run go test -update", name, wantPrefix)
			}
			if !slices.Equal(got, want) {
				t.Errorf("errors of %s:\n got:\n\t%s\nwant:\n\t%s", name, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
			}
		})
	}
}

// TestGood loads every good fixture, including the ends of extends chains.
func TestGood(t *testing.T) {
	fsys := os.DirFS("testdata")
	files, _ := fs.Glob(fsys, "good/*.yaml")
	chain, _ := fs.Glob(fsys, "good/*/*.yaml")
	for _, name := range append(files, chain...) {
		s, err := scenario.Load(fsys, name)
		if err != nil {
			var list scenario.ErrorList
			if errors.As(err, &list) {
				t.Errorf("%s:\n%s", name, list)
			} else {
				t.Errorf("%s: %v", name, err)
			}
			continue
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: loaded, but Validate says %v", name, err)
		}
	}
}

func mustLoad(t *testing.T, fsys fs.FS, name string) *scenario.Scenario {
	t.Helper()
	s, err := scenario.Load(fsys, name)
	if err != nil {
		t.Fatalf("Load(%s): %v", name, err)
	}
	return s
}

func TestSmallValues(t *testing.T) {
	s := mustLoad(t, os.DirFS("testdata"), "good/small.yaml")
	if s.Name != "small" || s.Months != 24 || s.Seed != 42 || s.StepsPerDay != 1 {
		t.Errorf("header: got name %q months %d seed %d steps %d", s.Name, s.Months, s.Seed, s.StepsPerDay)
	}
	if got, want := s.Start, scenario.MonthOf(2025, 1); got != want {
		t.Errorf("start = %v, want %v", got, want)
	}
	p := s.Population.AtLarge
	if p.Value != 11e6 || p.Source != "DHS OHSS population estimate" || p.AsOf != "2022-01" ||
		!slices.Equal(p.Range, []float64{10e6, 12.5e6}) || !p.Set {
		t.Errorf("population.at_large = %+v", p)
	}
	if p := s.Population.ATD; p.Value != 180000 || !p.Set || p.Source != "" {
		t.Errorf("population.atd = %+v", p)
	}
	if p := s.Costs.AppropriationPerYear; !p.Set || p.Value != 0 {
		t.Errorf("costs.appropriation_per_year written as 0 = %+v, want Set", p)
	}
	if p := s.Capacities.DetentionBeds.AttritionPerYear; p.Set {
		t.Errorf("capacities.detention_beds.attrition_per_year absent = %+v, want unset", p)
	}
	if got := s.Inflows.BorderEncounters.At(scenario.MonthOf(2025, 8)); got != 10000 {
		t.Errorf("border_encounters in 2025-08 = %v, want 10000", got)
	}
	if o := s.Capacities.Officers; o.Initial.Value != 6000 || o.Productivity.Value != 1 || len(o.Target) != 2 {
		t.Errorf("officers (inline Capacity) = %+v", o)
	}
	in := s.Procedure.Injunctions
	if len(in) != 2 || in[0].From != scenario.DateOf(2025, 3, 15) || in[1].From != scenario.DateOf(2025, 4, 18) ||
		in[1].Until != 0 || in[1].Destination != "third_country" {
		t.Errorf("injunctions = %+v", in)
	}
	if !s.Procedure.AssurancesRequired || s.Countries[0].NeedsFlight || !s.Countries[1].NeedsFlight {
		t.Errorf("booleans wrong: %+v %+v", s.Procedure, s.Countries)
	}
	if tc := s.ThirdCountries; len(tc) != 1 || tc[0].Until != scenario.MonthOf(2026, 3) {
		t.Errorf("third_countries = %+v", tc)
	}
}

// TestExtends checks the merge rules on the chain small <- base <- variant.
func TestExtends(t *testing.T) {
	fsys := os.DirFS("testdata")
	s := mustLoad(t, fsys, "good/chain/variant.yaml")
	if s.Name != "more-beds-faster" || s.Extends != "" {
		t.Errorf("name %q extends %q: want the child's name and no extends", s.Name, s.Extends)
	}
	beds := s.Capacities.DetentionBeds
	if beds.MaxAddedPerMonth.Value != 10000 || beds.Initial.Value != 41500 || beds.LagMonths.Value != 3 {
		t.Errorf("detention_beds merged key by key: got %+v", beds)
	}
	if len(beds.Target) != 2 || beds.Target[1].Value.Value != 100000 {
		t.Errorf("detention_beds.target from the middle file: got %+v", beds.Target)
	}
	if b := s.Border; b.ExpeditedRemovalShare.Value != 0.6 || b.ReturnedShare.Value != 0.2 {
		t.Errorf("border merged: %+v", b)
	}
	// A bare number replaces the parent's mapping whole: its source and
	// range go too.
	if p := s.Costs.PerBedDay; p.Value != 160 || p.Source != "" || p.Range != nil {
		t.Errorf("costs.per_bed_day = %+v, want the child's bare 160 only", p)
	}
	if s.Seed != 42 || len(s.Countries) != 2 {
		t.Errorf("untouched keys lost: seed %d, %d countries", s.Seed, len(s.Countries))
	}

	// Lists are replaced, not merged.
	m := fstest.MapFS{
		"base.yaml":  {Data: mustRead(t, "testdata/good/small.yaml")},
		"child.yaml": {Data: []byte("extends: base.yaml\ncountries:\n  - {name: all, caseload_share: 1, border_share: 1, acceptance_rate: 1, needs_flight: true, travel_doc_days: 10}\n")},
	}
	s = mustLoad(t, m, "child.yaml")
	if len(s.Countries) != 1 || s.Countries[0].Name != "all" {
		t.Errorf("countries: want the child's list whole, got %+v", s.Countries)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseRejectsExtends(t *testing.T) {
	_, err := scenario.Parse("child.yaml", []byte("extends: base.yaml\n"))
	var list scenario.ErrorList
	if !errors.As(err, &list) || list[0].Code != scenario.Extends || list[0].Line != 1 || list[0].Col != 10 {
		t.Fatalf("Parse with extends: got %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := scenario.Load(fstest.MapFS{}, "nope.yaml")
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Load of a missing file: got %v, want fs.ErrNotExist", err)
	}
}

// TestOversize checks that input over 8 MiB is refused at 1:1 at once,
// by Parse and by Load (which must not read it whole).
func TestOversize(t *testing.T) {
	big := bytes.Repeat([]byte("# padding padding padding padding padding padding\n"), 1<<20) // 50 MiB
	_, err := scenario.Parse("big.yaml", big)
	want := fmt.Sprintf("big.yaml:1:1: file is %d bytes; the limit is 8388608 (8 MiB)", len(big))
	if err == nil || err.Error() != want {
		t.Errorf("Parse: got %v, want %s", err, want)
	}
	_, err = scenario.Load(fstest.MapFS{"big.yaml": {Data: big}}, "big.yaml")
	var list scenario.ErrorList
	if !errors.As(err, &list) || list[0].Code != scenario.TooLarge || err.Error() != want {
		t.Errorf("Load: got %v, want %s", err, want)
	}
	// Just at the limit is parsed (here: an empty document of comments).
	at := append(bytes.Repeat([]byte("#"), scenario.MaxFileSize-1), '\n')
	_, err = scenario.Parse("at.yaml", at)
	if !errors.As(err, &list) || list[0].Code != scenario.Empty {
		t.Errorf("a file of exactly 8 MiB: got %v, want an Empty error", err)
	}
	// Aliases that expand without bound are refused too.
	var b strings.Builder
	b.WriteString("a0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n")
	for i := 1; i < 9; i++ {
		fmt.Fprintf(&b, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1, i-1)
	}
	_, err = scenario.Parse("laughs.yaml", []byte(b.String()))
	if !errors.As(err, &list) || list[0].Code != scenario.TooLarge {
		t.Errorf("billion laughs: got %v, want TooLarge", err)
	}
}

func TestErrorList(t *testing.T) {
	l := scenario.ErrorList{
		{File: "b.yaml", Line: 1, Col: 1, Code: scenario.Syntax, Msg: "three"},
		{File: "a.yaml", Line: 9, Col: 2, Path: "x", Code: scenario.Missing, Msg: "two"},
		{File: "a.yaml", Line: 3, Col: 7, Path: "y.z", Code: scenario.OutOfRange, Msg: "one"},
	}
	l.Sort()
	if got, want := l.Error(), "a.yaml:3:7: y.z: one (and 2 more errors)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if got, want := l.String(), "a.yaml:3:7: y.z: one\na.yaml:9:2: x: two\nb.yaml:1:1: three\n"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := l[:2].Error(); got != "a.yaml:3:7: y.z: one (and 1 more error)" {
		t.Errorf("two errors: %q", got)
	}
	if scenario.ErrorList(nil).Err() != nil {
		t.Error("empty list: Err() != nil")
	}
	if got := (&scenario.Error{Path: "months", Msg: "required"}).Error(); got != "months: required" {
		t.Errorf("error without position: %q", got)
	}
	if got := scenario.BadSum.String(); got != "BadSum" {
		t.Errorf("BadSum.String() = %q", got)
	}
}

// TestValidateInCode checks Validate on a scenario built in code.
func TestValidateInCode(t *testing.T) {
	s := mustLoad(t, os.DirFS("testdata"), "good/small.yaml")
	s.StepsPerDay = 0 // the default
	if err := s.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	s.Capacities.DetentionBeds.Initial = scenario.P(-5)
	s.Border.ReturnedShare = scenario.Param{}
	err := s.Validate()
	var list scenario.ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("Validate: got %v", err)
	}
	got := relative(list, "")
	want := []string{
		"border.returned_share: required: want a number, or {value: ..., source: ...}",
		"capacities.detention_beds.initial: must be >= 0, got -5",
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestJSONSchema(t *testing.T) {
	b, err := scenario.JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		`"$schema": "https://json-schema.org/draft/2020-12/schema"`,
		`"additionalProperties": false`,
		`"detention_beds"`,
		`"pattern": "^[0-9]{4}-(0[1-9]|1[0-2])$"`,
	} {
		if !bytes.Contains(b, []byte(s)) {
			t.Errorf("schema lacks %s", s)
		}
	}
}

// TestPathological checks inputs that goccy/go-yaml's parser takes
// quadratic time on, or that are merely huge: each is refused quickly
// with a TooLarge error at the place the limit is passed.
func TestPathological(t *testing.T) {
	var wide, dense strings.Builder
	for i := range 2000 {
		fmt.Fprintf(&wide, "k%d: 1\n", i)
	}
	for dense.Len() < 8<<20-100 {
		dense.WriteString("- {from: 2025-01, value: 1}\n")
	}
	for _, c := range []struct {
		name, src string
		line, col int
	}{
		{"flow depth", strings.Repeat("[", 1000), 1, 65},
		{"flow depth in a value", "x: " + strings.Repeat("{a: ", 1000), 1, 3 + 4*64 + 1},
		{"block depth", strings.Repeat("- ", 1000) + "1", 1, 129},
		{"wide mapping", wide.String(), 1001, 1},
		{"dense tokens", dense.String(), 10001, 1},
	} {
		start := time.Now()
		_, err := scenario.Parse("p.yaml", []byte(c.src))
		t.Logf("%s: %v", c.name, time.Since(start))
		var list scenario.ErrorList
		if !errors.As(err, &list) || len(list) != 1 || list[0].Code != scenario.TooLarge {
			t.Errorf("%s: got %v, want one TooLarge error", c.name, err)
			continue
		}
		if list[0].Line != c.line || list[0].Col != c.col {
			t.Errorf("%s: at %d:%d, want %d:%d (%v)", c.name, list[0].Line, list[0].Col, c.line, c.col, err)
		}
	}
}
