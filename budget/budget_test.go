package budget

import (
	"math"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/result"
)

// run returns a result of n months from start, each costing the given
// items.
func run(start string, n int, items map[string]float64) *result.Result {
	r := &result.Result{Start: start}
	for range n {
		r.Monthly = append(r.Monthly, result.Month{Removals: 100, CostByItem: items})
		r.Totals.Removals += 100
	}
	return r
}

func TestAccountSums(t *testing.T) {
	u := &cost.Units{PriceYear: 2025, InflationPerYear: 0.1}
	// 2024-10 is the first month of FY2025: 12 months are FY2025, the
	// next 6 FY2026.
	r := run("2024-10", 18, map[string]float64{"officer_pay": 100, "bed_capital": 50, "judges": 10})
	a, err := Account(u, r)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		got, want float64
	}{
		{"total", a.TotalUSD, 18 * 160},
		{"one-time", a.OneTimeUSD, 18 * 50},
		{"recurring", a.RecurringUSD, 18 * 110},
		{"per removal", a.PerRemovalUSD, 160.0 / 100},
		{"FY2025 nominal = constant", a.FiscalYears[0].NominalUSD, 12 * 160},
		{"FY2026 nominal", a.FiscalYears[1].NominalUSD, 6 * 160 * 1.1},
		{"nominal", a.NominalUSD, 12*160 + 6*160*1.1},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-9*tt.want {
			t.Errorf("%s: %g, want %g", tt.name, tt.got, tt.want)
		}
	}
	if len(a.FiscalYears) != 2 || a.FiscalYears[1].Months != 6 {
		t.Errorf("fiscal years %+v", a.FiscalYears)
	}
	if a.Lines[0].Item != "officer_pay" || a.ByAgency[0].Name != "ice_ero" {
		t.Errorf("lines %+v, agencies %+v", a.Lines, a.ByAgency)
	}
}

// TestAppropriations: annual and multi-year funds by fiscal year, ICE
// programs pooled, partial years prorated, and the verdict in words.
func TestAppropriations(t *testing.T) {
	u := &cost.Units{PriceYear: 2025, Appropriations: []cost.Appropriation{
		{Name: "annual", Agency: "ice", FromFY: 2025, UntilFY: 2030, PerYear: 1200},
		{Name: "multi-year", Agency: "ice_ero", FromFY: 2025, UntilFY: 2028, Total: 4800},
		{Name: "courts", Agency: "eoir", FromFY: 2026, UntilFY: 2026, PerYear: 1},
	}}
	r := run("2024-10", 15, map[string]float64{"officer_pay": 100, "hsi_arrests": 100, "judges": 10})
	a, err := Account(u, r)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		fy              int
		agency          string
		spending, funds float64
		verdict         string
	}{
		{2025, "ice", 12 * 200, 1200 + 1200, "use 100%"},
		{2025, "eoir", 12 * 10, 0, "no appropriation"},
		{2026, "ice", 3 * 200, (1200 + 1200) * 3 / 12.0, "left for what the model does not count"},
		{2026, "eoir", 3 * 10, 1 * 3 / 12.0, "spending exceeds the funds"},
	}
	if len(a.Appropriations) != len(want) {
		t.Fatalf("%d rows: %+v", len(a.Appropriations), a.Appropriations)
	}
	for i, w := range want {
		g := a.Appropriations[i]
		if g.FiscalYear != w.fy || g.Agency != w.agency || math.Abs(g.SpendingUSD-w.spending) > 1e-9 || math.Abs(g.AppropriatedUSD-w.funds) > 1e-9 ||
			math.Abs(g.DifferenceUSD-(w.spending-w.funds)) > 1e-9 || !strings.Contains(g.Verdict, w.verdict) {
			t.Errorf("row %d: %+v, want %+v", i, g, w)
		}
	}
}

func TestFines(t *testing.T) {
	for _, tt := range []struct {
		rate, assessed, want float64
		note                 string
	}{
		{0, 1e9, 0, "no collection is estimated"},
		{0.02, 1e9, 2e7, "expected collection at 2.0%"},
		{0.02, 0, 0, "no fine assessed"},
	} {
		u := &cost.Units{FineCollectionRate: tt.rate}
		r := run("2025-01", 1, nil)
		r.DueProcess.FinesAccruedUSD = tt.assessed
		a, err := Account(u, r)
		if err != nil {
			t.Fatal(err)
		}
		if f := a.Fines; f.AssessedUSD != tt.assessed || f.ExpectedCollectionUSD != tt.want || !strings.Contains(f.Note, tt.note) {
			t.Errorf("rate %g, assessed %g: %+v", tt.rate, tt.assessed, f)
		}
	}
}

func TestAccountBadStart(t *testing.T) {
	if _, err := Account(&cost.Units{}, &result.Result{Start: "soon"}); err == nil {
		t.Error("no error for a result without a start month")
	}
}
