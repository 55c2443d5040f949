package report

import (
	"fmt"
	"strconv"

	"github.com/removalsim/removalsim/result"
)

// account writes the cost account (result.CostAccount) for an
// appropriations analyst: totals in constant and nominal dollars,
// one-time against recurring, the cost per removal by kind and by agency
// with shares, each fiscal year, the appropriations compared with
// spending in words, and the fine for failing to depart as assessed and
// as collected.
func (p *printer) account(a *result.CostAccount) {
	p.section(fmt.Sprintf("Cost (constant FY%d dollars unless nominal; inflation %.1f%% a year)", a.PriceYear, 100*a.InflationPerYear))
	p.table(nil, [][]string{
		{"total", money(a.TotalUSD), ""},
		{"  recurring", money(a.RecurringUSD), share(a.RecurringUSD, a.TotalUSD)},
		{"  one-time (hiring, bed activation and construction)", money(a.OneTimeUSD), share(a.OneTimeUSD, a.TotalUSD)},
		{"total in nominal dollars", money(a.NominalUSD), ""},
		{"per removal", money(a.PerRemovalUSD), ""},
	})
	group := func(title string, gs []result.CostGroup) {
		rows := [][]string{}
		for _, g := range gs {
			rows = append(rows, []string{g.Name, money(g.USD), share(g.USD, a.TotalUSD), money(g.PerRemovalUSD)})
		}
		p.table([]string{title, "cost", "share", "per removal"}, rows)
	}
	p.printf("\n")
	group("by kind", a.ByKind)
	p.printf("\n")
	group("by agency", a.ByAgency)
	p.printf("\n")
	rows := [][]string{}
	for _, l := range a.Lines {
		kind := l.Kind
		if l.OneTime {
			kind += ", one-time"
		}
		rows = append(rows, []string{l.Item, l.Agency, kind, money(l.USD), share(l.USD, a.TotalUSD), money(l.PerRemovalUSD)})
	}
	p.table([]string{"item", "agency", "kind", "cost", "share", "per removal"}, rows, 1, 2)

	p.section("Cost by fiscal year")
	rows = nil
	for _, y := range a.FiscalYears {
		fy := "FY" + strconv.Itoa(y.FiscalYear)
		if y.Months < 12 {
			fy += fmt.Sprintf(" (%d months)", y.Months)
		}
		rows = append(rows, []string{fy, money(y.ConstantUSD), money(y.NominalUSD), money(y.OneTimeUSD), count(y.Removals)})
	}
	p.table([]string{"fiscal year", "constant", "nominal", "one-time", "removals"}, rows)

	if len(a.Appropriations) > 0 {
		p.section("Spending against appropriations (nominal; multi-year funds spread evenly over their years)")
		rows = nil
		for _, ap := range a.Appropriations {
			rows = append(rows, []string{"FY" + strconv.Itoa(ap.FiscalYear), ap.Agency, money(ap.SpendingUSD), money(ap.AppropriatedUSD), money(ap.DifferenceUSD), ap.Verdict})
		}
		p.table([]string{"fiscal year", "agency", "spending", "appropriated", "difference", "what it means"}, rows, 1, 5)
	}
	f := &a.Fines
	p.section("Fine for failing to depart")
	collected := "not estimated"
	if f.CollectionRate > 0 {
		collected = money(f.ExpectedCollectionUSD)
	}
	p.table(nil, [][]string{
		{"assessed", money(f.AssessedUSD)},
		{"expected collection", collected},
	})
	p.printf("  %s\n", f.Note)
}
