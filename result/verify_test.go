package result

import (
	"math"
	"strings"
	"testing"
)

func sample() *Result {
	return &Result{
		Engine: "flow", Runs: 1, Months: 1,
		Totals:  Totals{Removals: 10, CostUSD: 5, AppropriationGapUSD: -3, CostByItem: map[string]float64{"beds": 5}},
		Monthly: []Month{{Stocks: map[string]float64{"at_large": 90}}},
		Ledger:  Ledger{"at_large": {Start: 100, Inflow: 5, Outflow: 15, End: 90}},
	}
}

func TestVerify(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *Result)
		want   string // "" for valid
	}{
		{"valid, with a negative appropriation gap", func(*Result) {}, ""},
		{"NaN cost", func(r *Result) { r.Totals.CostUSD = math.NaN() }, "totals.cost_usd is NaN"},
		{"infinite stock", func(r *Result) { r.Monthly[0].Stocks["at_large"] = math.Inf(1) }, "monthly[0].stocks.at_large is +Inf"},
		{"negative cost item", func(r *Result) { r.Totals.CostByItem["beds"] = -1 }, "totals.cost_by_item.beds is -1, want a number >= 0"},
		{"unbalanced ledger", func(r *Result) { r.Ledger["at_large"] = Balance{Start: 100, Inflow: 5, Outflow: 15, End: 91} }, "ledger.at_large"},
		{"rounding within the ledger's tolerance", func(r *Result) { r.Ledger["at_large"] = Balance{Start: 100, Inflow: 5, Outflow: 15, End: 90 + 1e-10} }, ""},
		{"empty ledger", func(r *Result) { r.Ledger = nil }, "empty ledger"},
		{"negative runs", func(r *Result) { r.Runs = -1 }, "runs is -1"},
	}
	for _, tt := range tests {
		r := sample()
		tt.change(r)
		err := r.Verify()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}

func TestDropRoundOff(t *testing.T) {
	r := sample()
	r.Monthly[0].Stocks["court_queue"] = -1e-13
	r.Ledger["court_queue"] = Balance{Start: 1, Outflow: 1 + 1e-13, End: -1e-13}
	r.Totals.Relief = -2 // a real negative: left for Verify
	r.DropRoundOff()
	if got := r.Monthly[0].Stocks["court_queue"]; got != 0 {
		t.Errorf("stock -1e-13 became %v, want 0", got)
	}
	if got := r.Ledger["court_queue"].End; got != 0 {
		t.Errorf("ledger end -1e-13 became %v, want 0", got)
	}
	if r.Totals.Relief != -2 || r.Totals.AppropriationGapUSD != -3 {
		t.Errorf("real negatives changed: relief %v, gap %v", r.Totals.Relief, r.Totals.AppropriationGapUSD)
	}
	if err := r.Verify(); err == nil || !strings.Contains(err.Error(), "totals.relief is -2") {
		t.Errorf("Verify after DropRoundOff: %v", err)
	}
}
