package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func mustFigures(t *testing.T) []Figure {
	t.Helper()
	fs, err := Figures()
	if err != nil {
		t.Fatalf("Figures: %v", err)
	}
	if len(fs) == 0 {
		t.Fatal("Figures returned no rows")
	}
	return fs
}

func TestHeaderExact(t *testing.T) {
	r := csv.NewReader(bytes.NewReader(figuresCSV))
	head, err := r.Read()
	if err != nil {
		t.Fatalf("reading header: %v", err)
	}
	want := "series,period,value,unit,estimate,quality,basis,publisher,publication,published,locator,url,read_at,other_values,note"
	if got := strings.Join(head, ","); got != want {
		t.Fatalf("header = %q, want %q", got, want)
	}
	if !bytes.HasPrefix(figuresCSV, []byte(want+"\n")) {
		t.Fatalf("figures.csv does not start with the exact header line")
	}
}

func TestNoDuplicateKeys(t *testing.T) {
	seen := map[string]int{}
	for i, f := range mustFigures(t) {
		k := f.Series + "|" + f.Period
		if j, ok := seen[k]; ok {
			t.Errorf("duplicate (series, period) %q at rows %d and %d", k, j+2, i+2)
		}
		seen[k] = i
	}
}

func TestFieldsValid(t *testing.T) {
	units := map[string]bool{}
	for _, u := range Units {
		units[u] = true
	}
	for i, f := range mustFigures(t) {
		line := i + 2
		if !units[f.Unit] {
			t.Errorf("line %d: unknown unit %q", line, f.Unit)
		}
		if f.Quality != "P" && f.Quality != "S" && f.Quality != "W" {
			t.Errorf("line %d: quality %q", line, f.Quality)
		}
		if strings.TrimSpace(f.Publisher) == "" || strings.TrimSpace(f.Publication) == "" {
			t.Errorf("line %d: %s %s names no publication", line, f.Series, f.Period)
		}
		if !strings.HasPrefix(f.ReadAt, "http://") && !strings.HasPrefix(f.ReadAt, "https://") {
			t.Errorf("line %d: %s %s: read_at %q is not a web address", line, f.Series, f.Period, f.ReadAt)
		}
		if f.URL != "" && !strings.HasPrefix(f.URL, "http://") && !strings.HasPrefix(f.URL, "https://") {
			t.Errorf("line %d: url %q is not http(s)", line, f.URL)
		}
		if math.IsNaN(f.Value) || math.IsInf(f.Value, 0) || f.Value < 0 {
			t.Errorf("line %d: value %v not finite and non-negative", line, f.Value)
		}
		if f.Unit == "share" && (f.Value < 0 || f.Value > 1) {
			t.Errorf("line %d: share %v outside [0,1]", line, f.Value)
		}
		if err := ValidPeriod(f.Period); err != nil {
			t.Errorf("line %d: %v", line, err)
		}
		if PeriodStart(f.Period) == "" {
			t.Errorf("line %d: no start for period %q", line, f.Period)
		}
		if !isSnake(f.Series) {
			t.Errorf("line %d: series %q is not snake_case", line, f.Series)
		}
		lower := strings.ToLower(f.Note)
		if !f.Estimate && (strings.HasPrefix(lower, "approx") || strings.HasPrefix(lower, "derived")) {
			t.Errorf("line %d: %s %s is approx/derived but estimate=false", line, f.Series, f.Period)
		}
	}
}

func isSnake(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return !strings.Contains(s, "__") && !strings.HasSuffix(s, "_")
}

func TestICERemovalsComplete(t *testing.T) {
	for fy := 2008; fy <= 2024; fy++ {
		p := fmt.Sprintf("FY%d", fy)
		f, ok := Lookup("ice_removals", p)
		if !ok {
			t.Errorf("ice_removals %s missing", p)
			continue
		}
		if f.Value < 50000 || f.Value > 500000 {
			t.Errorf("ice_removals %s = %v, implausible", p, f.Value)
		}
	}
	if f, ok := Lookup("ice_removals", "FY2012"); !ok || math.Abs(f.Value-409849) > 1 {
		t.Errorf("ice_removals FY2012 = %v (found %v), want about 409,849", f.Value, ok)
	}
	if f, ok := Lookup("ice_removals", "FY2024"); !ok || f.Value != 271484 {
		t.Errorf("ice_removals FY2024 = %v (found %v), want 271,484", f.Value, ok)
	}
}

func TestRequiredSeriesPresent(t *testing.T) {
	for _, name := range []string{
		"ice_removals", "ice_admin_arrests", "ice_detention_adp",
		"detention_funded_beds", "ice_detention_alos", "detention_cost_per_bed_day",
		"usbp_swb_apprehensions", "usbp_swb_title42_expulsions", "usbp_swb_title8_apprehensions",
		"credible_fear_screenings", "credible_fear_positive_share",
		"eoir_pending", "eoir_completions", "eoir_receipts", "immigration_judges",
		"removal_flights_per_month", "final_order_nondetained_docket",
		"unauthorized_population_pew", "ice_deportation_officers",
		"ice_removals_interior", "ice_removals_border",
		"atd_enrollees", "atd_cost_per_day", "ice_cost_per_removal",
	} {
		if len(Series(name)) == 0 {
			t.Errorf("series %q has no figures", name)
		}
	}
}

func TestEOIRAndTRACNotMixed(t *testing.T) {
	for _, f := range mustFigures(t) {
		trac := strings.Contains(f.Publisher, "TRAC")
		if strings.HasPrefix(f.Series, "eoir_") && !strings.HasSuffix(f.Series, "_trac") && trac {
			t.Errorf("%s %s cites TRAC but is in an EOIR-basis series", f.Series, f.Period)
		}
	}
}

func TestSeriesSorted(t *testing.T) {
	fs := Series("ice_removals")
	for i := 1; i < len(fs); i++ {
		if PeriodStart(fs[i-1].Period) > PeriodStart(fs[i].Period) {
			t.Errorf("Series not sorted: %s before %s", fs[i-1].Period, fs[i].Period)
		}
	}
	if fs[0].Period != "FY2008" {
		t.Errorf("first ice_removals period = %s, want FY2008", fs[0].Period)
	}
	if Series("no_such_series") != nil {
		t.Error("Series of unknown name should be nil")
	}
}

func TestLookupMissing(t *testing.T) {
	if _, ok := Lookup("ice_removals", "FY1900"); ok {
		t.Error("Lookup found a figure for FY1900")
	}
}

func TestFiguresReturnsCopy(t *testing.T) {
	a := mustFigures(t)
	a[0].Value = -1
	b := mustFigures(t)
	if b[0].Value == -1 {
		t.Error("Figures returned shared backing storage")
	}
}

func TestValidPeriod(t *testing.T) {
	good := []string{"FY2012", "FY2025Q1", "CY2023", "2025-06", "2025-06-23", "2024-02-29", "2020-10/2021-03", "2025-01-20/2025-04-29"}
	bad := []string{"", "2012", "FY12", "FY2025Q5", "2025-13", "2025-02-30", "2023-02-29", "2021-03/2020-10", "2020-10/2021-03-31", "FY2012/FY2013", "Jun 2025"}
	for _, p := range good {
		if err := ValidPeriod(p); err != nil {
			t.Errorf("ValidPeriod(%q) = %v, want nil", p, err)
		}
	}
	for _, p := range bad {
		if ValidPeriod(p) == nil {
			t.Errorf("ValidPeriod(%q) = nil, want error", p)
		}
	}
	starts := map[string]string{
		"FY2012": "2011-10-01", "FY2025Q1": "2024-10-01", "FY2025Q2": "2025-01-01",
		"FY2025Q4": "2025-07-01", "CY2023": "2023-01-01", "2025-06": "2025-06-01",
		"2025-06-23": "2025-06-23", "2020-10/2021-03": "2020-10-01",
	}
	for p, want := range starts {
		if got := PeriodStart(p); got != want {
			t.Errorf("PeriodStart(%q) = %q, want %q", p, got, want)
		}
	}
}

func TestParseErrorsNameLineAndColumn(t *testing.T) {
	head := strings.Join(Header, ",") + "\n"
	// prov is a valid provenance tail: quality, basis, publisher,
	// publication, published, locator, url, read_at, other_values, note.
	const prov = "P,primary,ICE,Annual Report,2024-12-19,p. 1,,https://x,,"
	cases := []struct {
		body, col     string
		line, fieldNo int
	}{
		{"aa,FY2012,1,persons,false," + prov + "\nbb,FY2013,x,persons,false," + prov + "\n", "value", 3, 3},
		{"aa,FY2012,1,people,false," + prov + "\n", "unit", 2, 4},
		{"aa,FY2012,1,persons,maybe," + prov + "\n", "estimate", 2, 5},
		{"aa,2012,1,persons,false," + prov + "\n", "period", 2, 2},
		{"A b,FY2012,1,persons,false," + prov + "\n", "series", 2, 1},
		{"aa,FY2012,NaN,persons,false," + prov + "\n", "value", 2, 3},
		{"aa,FY2012,1,persons,false,Q,primary,ICE,R,,,,https://x,,\n", "quality", 2, 6},
		{"aa,FY2012,1,persons,false,P,read,ICE,R,,,,https://x,,\n", "basis", 2, 7},
		{"aa,FY2012,1,persons,false,P,quoted,ICE,R,,,,https://x,,n\n", "basis", 2, 7},
		{"aa,FY2012,1,persons,false,S,primary,ICE,R,,,,https://x,,\n", "basis", 2, 7},
		{"aa,FY2012,1,persons,false,P,primary,,R,,,,https://x,,\n", "publisher", 2, 8},
		{"aa,FY2012,1,persons,false,P,primary,ICE,,,,,https://x,,\n", "publication", 2, 9},
		{"aa,FY2012,1,persons,false,P,primary,ICE,R,Dec 2024,,,https://x,,\n", "published", 2, 10},
		{"aa,FY2012,1,persons,false,P,primary,ICE,R,,,ice.gov,https://x,,\n", "url", 2, 12},
		{"aa,FY2012,1,persons,false,P,primary,ICE,R,,,,,,\n", "read_at", 2, 13},
		{"aa,FY2012,1,persons,false,S,quoted,ICE,R,,,https://x,https://x,,n\n", "read_at", 2, 13},
		{"aa,FY2012,1,persons,false,S,quoted,ICE,R,,,,https://y,,\n", "note", 2, 15},
		{"aa,FY2012,1,persons,false,S,secondary,ICE,R,,,,https://y,disagrees,\n", "other_values", 2, 14},
	}
	for _, c := range cases {
		_, err := parse([]byte(head + c.body))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("parse(%q) error = %v, want *ParseError", c.body, err)
			continue
		}
		if pe.Line != c.line || pe.Column != c.col || pe.Col != c.fieldNo {
			t.Errorf("parse(%q) error at %d:%d column %s, want %d:%d column %s", c.body, pe.Line, pe.Col, pe.Column, c.line, c.fieldNo, c.col)
		}
		if want := fmt.Sprintf("figures.csv:%d:%d: column %s: ", c.line, c.fieldNo, c.col); !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error text %q does not start with %q", err, want)
		}
	}
	if _, err := parse([]byte(head + "aa,FY2012,1,persons,false," + prov + "\n")); err != nil {
		t.Errorf("good row refused: %v", err)
	}
	if _, err := parse([]byte("series,period\n")); err == nil {
		t.Error("short header accepted")
	}
	if _, err := parse([]byte(head + "aa,FY2012,1\n")); err == nil {
		t.Error("short record accepted")
	}
}

func ExampleLookup() {
	f, ok := Lookup("ice_removals", "FY2024")
	fmt.Println(ok, f.Value, f.Unit, f.Quality)
	// Output: true 271484 persons S
}

func TestICERemovalsAnnualQuality(t *testing.T) {
	for _, f := range Series("ice_removals") {
		if !strings.HasPrefix(f.Period, "FY") || len(f.Period) != 6 {
			continue
		}
		if f.Quality == "W" {
			t.Errorf("ice_removals %s rests on a weak source", f.Period)
		}
		if f.Estimate {
			t.Errorf("ice_removals %s is an estimate; the annual series should be exact published figures", f.Period)
		}
	}
}

func TestCredibleFearConsistent(t *testing.T) {
	for fy := 2008; fy <= 2017; fy++ {
		p := fmt.Sprintf("FY%d", fy)
		tot, ok1 := Lookup("credible_fear_screenings", p)
		pos, ok2 := Lookup("credible_fear_positive", p)
		if !ok1 || !ok2 {
			t.Errorf("credible fear %s missing", p)
			continue
		}
		if pos.Value > tot.Value {
			t.Errorf("credible fear %s: %v found exceeds %v decisions", p, pos.Value, tot.Value)
		}
	}
}
