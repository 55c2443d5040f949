package report

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/result"
)

// tinyResult is a hand-built result with three months, two bindings and
// maps in every section the table prints.
func tinyResult() *result.Result {
	mo := func(name, binding string) result.Month {
		return result.Month{Month: name, Removals: 1000, Arrests: 1500, Detained: 900, Binding: binding,
			Utilisation: map[string]float64{"detention_beds": 1, "flights": 0.25}}
	}
	return &result.Result{
		Scenario: "tiny", Engine: "flow", Seed: 1, Runs: 1, Start: "2025-01", Months: 3,
		Totals: result.Totals{Removals: 3000, Arrests: 4500, CostUSD: 45e6, CostPerRemovalUSD: 15000,
			RemovalsByPathway:     map[string]float64{"border_expedited": 1000, "interior_court": 2000},
			RemovalsByDestination: map[string]float64{"mexico": 2500, "third_country": 500},
			CostByItem:            map[string]float64{"detention": 30e6, "flights": 15e6},
			AppropriationGapUSD:   5e6},
		Annual:            []result.Period{{Index: 1, From: "2025-01", To: "2025-03", Removals: 3000, Arrests: 4500, CostUSD: 45e6, AverageDetained: 900, Binding: "detention_beds"}},
		Monthly:           []result.Month{mo("2025-01", "detention_beds"), mo("2025-02", "detention_beds"), mo("2025-03", "flights")},
		TimeToRemovalDays: map[string]result.Distribution{"interior_court": {Count: 2000, Mean: 61.26}},
		Sources:           []result.Source{{Path: "months", Value: 3, Source: "test"}},
	}
}

func TestTableSections(t *testing.T) {
	var b bytes.Buffer
	if err := Table(&b, tinyResult()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"scenario tiny, flow engine",
		"2025-01..2025-03     3,000    4,500           900     45.0  detention_beds",
		"2025-01..2025-02  detention_beds  2 months",
		"2025-03           flights          1 month",
		"appropriation gap (cost above funds)    $5.0M",
		"interior_court     2,000  61.3    -    -    -",
		"Sources: 1 parameters set, 1 of them with a source",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	for i, line := range strings.Split(out, "\n") {
		if strings.TrimRight(line, " ") != line {
			t.Errorf("line %d has trailing blanks: %q", i+1, line)
		}
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := tinyResult()
	var b bytes.Buffer
	if err := JSON(&b, r); err != nil {
		t.Fatal(err)
	}
	var back result.Result
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.Totals.Removals != r.Totals.Removals || len(back.Monthly) != 3 || back.Monthly[2].Binding != "flights" {
		t.Errorf("round trip lost data: %+v", back)
	}
	if !strings.HasPrefix(b.String(), "{\n  \"scenario\": \"tiny\",\n") {
		t.Errorf("not indented by two spaces:\n%.80s", b.String())
	}
}

// TestWritersRefuseNonFinite checks that no writer prints a NaN.
func TestWritersRefuseNonFinite(t *testing.T) {
	for name, write := range map[string]func(*bytes.Buffer, *result.Result) error{
		"JSON":  func(b *bytes.Buffer, r *result.Result) error { return JSON(b, r) },
		"Table": func(b *bytes.Buffer, r *result.Result) error { return Table(b, r) },
	} {
		r := tinyResult()
		r.Totals.CostPerRemovalUSD = math.NaN()
		var b bytes.Buffer
		err := write(&b, r)
		if err == nil || !strings.Contains(err.Error(), "totals.cost_per_removal_usd is NaN") {
			t.Errorf("%s: err = %v, want one naming totals.cost_per_removal_usd", name, err)
		}
		if b.Len() != 0 {
			t.Errorf("%s wrote %d bytes before refusing", name, b.Len())
		}
	}
	if err := SourcesJSON(&bytes.Buffer{}, []result.Source{{Path: "x", Value: math.Inf(-1)}}); err == nil {
		t.Error("SourcesJSON accepted -Inf")
	}
}
