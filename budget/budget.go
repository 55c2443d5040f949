// Package budget keeps a run's cost account: it groups the cost items
// package cost priced each month by agency, kind and fiscal year, in
// constant and nominal dollars, separates one-time from recurring costs,
// compares spending with the appropriations of each fiscal year, and
// reports the fine for failing to depart as assessed and as expected to
// be collected. It reads a result and the compiled unit costs; it does
// no I/O.
package budget

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// Account returns r's cost account under the unit costs u (those r was
// priced with: model.Model.CostUnits).
func Account(u *cost.Units, r *result.Result) (*result.CostAccount, error) {
	start, err := scenario.ParseMonth(r.Start)
	if err != nil {
		return nil, fmt.Errorf("budget: result start %q: %w", r.Start, err)
	}
	a := &result.CostAccount{PriceYear: u.PriceYear, InflationPerYear: u.InflationPerYear, Removals: r.Totals.Removals}
	items := map[string]float64{}
	fyIdx := map[int]int{}
	for mi, mo := range r.Monthly {
		fy := start.Add(mi).FiscalYear()
		k, ok := fyIdx[fy]
		if !ok {
			k = len(a.FiscalYears)
			fyIdx[fy] = k
			a.FiscalYears = append(a.FiscalYears, result.FiscalYearCost{FiscalYear: fy, ByAgencyUSD: map[string]float64{}})
		}
		y := &a.FiscalYears[k]
		y.Months++
		y.Removals += mo.Removals
		infl := Inflator(u, fy)
		// In Items' order, so that sums do not depend on map order.
		for _, it := range cost.Items {
			v := mo.CostByItem[it.Name]
			if v == 0 {
				continue
			}
			items[it.Name] += v
			y.ConstantUSD += v
			y.NominalUSD += v * infl
			y.ByAgencyUSD[it.Agency] += v * infl
			if it.OneTime {
				y.OneTimeUSD += v
			} else {
				y.RecurringUSD += v
			}
		}
	}
	for _, y := range a.FiscalYears {
		a.NominalUSD += y.NominalUSD
	}
	kinds, agencies := map[string]float64{}, map[string]float64{}
	for _, it := range cost.Items {
		v := items[it.Name]
		if v == 0 {
			continue
		}
		a.TotalUSD += v
		if it.OneTime {
			a.OneTimeUSD += v
		} else {
			a.RecurringUSD += v
		}
		kinds[it.Kind] += v
		agencies[it.Agency] += v
		a.Lines = append(a.Lines, result.CostLine{Item: it.Name, Agency: it.Agency, Kind: it.Kind, OneTime: it.OneTime, USD: v, Covers: it.Covers})
	}
	per := func(v float64) float64 { return ratio(v, a.Removals) }
	a.PerRemovalUSD = per(a.TotalUSD)
	for i := range a.Lines {
		l := &a.Lines[i]
		l.Share, l.PerRemovalUSD = ratio(l.USD, a.TotalUSD), per(l.USD)
	}
	// Largest first, by whole dollars and then by name: two lines that
	// cost the same (appeals and federal litigation can) keep one order
	// whatever the last digits of the engine's arithmetic.
	slices.SortFunc(a.Lines, func(x, y result.CostLine) int {
		return cmp.Or(cmp.Compare(math.Round(y.USD), math.Round(x.USD)), cmp.Compare(x.Item, y.Item))
	})
	group := func(names []string, sums map[string]float64) []result.CostGroup {
		var out []result.CostGroup
		for _, n := range names {
			if v := sums[n]; v != 0 {
				out = append(out, result.CostGroup{Name: n, USD: v, Share: ratio(v, a.TotalUSD), PerRemovalUSD: per(v)})
			}
		}
		return out
	}
	a.ByKind = group(cost.Kinds, kinds)
	a.ByAgency = group(cost.Agencies, agencies)
	a.Appropriations = appropriations(u, a.FiscalYears)
	a.Fines = fines(u, r.DueProcess.FinesAccruedUSD)
	return a, nil
}

// Inflator is the factor from constant dollars of u.PriceYear to nominal
// dollars of fiscal year fy.
func Inflator(u *cost.Units, fy int) float64 {
	return math.Pow(1+u.InflationPerYear, float64(fy-u.PriceYear))
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// department returns the funded agency an appropriation to agency counts
// toward: every ICE program ("ice", "ice_ero", ...) is ICE's, since ICE
// can spend its funds across programs; other agencies are their own.
func department(agency string) string {
	if agency == "ice" || strings.HasPrefix(agency, "ice_") {
		return "ice"
	}
	return agency
}

// appropriations compares each fiscal year's nominal spending with the
// funds available to each funded agency that year. Multi-year funds are
// spread evenly over their years of availability; a fiscal year the run
// covers only in part gets that part of the year's funds.
func appropriations(u *cost.Units, fys []result.FiscalYearCost) []result.AppropriationRow {
	var agencies []string
	for _, ap := range u.Appropriations {
		if d := department(ap.Agency); !slices.Contains(agencies, d) {
			agencies = append(agencies, d)
		}
	}
	var out []result.AppropriationRow
	for _, y := range fys {
		part := float64(y.Months) / 12
		for _, ag := range agencies {
			row := result.AppropriationRow{FiscalYear: y.FiscalYear, Months: y.Months, Agency: ag}
			for _, c := range cost.Agencies {
				if department(c) == ag {
					row.SpendingUSD += y.ByAgencyUSD[c]
				}
			}
			for _, ap := range u.Appropriations {
				if department(ap.Agency) != ag || y.FiscalYear < ap.FromFY || y.FiscalYear > ap.UntilFY {
					continue
				}
				amt := ap.PerYear
				if ap.Total > 0 {
					amt += ap.Total / float64(ap.UntilFY-ap.FromFY+1)
				}
				row.AppropriatedUSD += amt * part
				row.Funds = append(row.Funds, ap.Name)
			}
			row.DifferenceUSD = row.SpendingUSD - row.AppropriatedUSD
			row.Verdict = verdict(row)
			out = append(out, row)
		}
	}
	return out
}

// verdict says what the difference means.
func verdict(r result.AppropriationRow) string {
	d := r.DifferenceUSD
	switch {
	case r.AppropriatedUSD == 0:
		return fmt.Sprintf("no appropriation in the scenario: all %s is unfunded", Money(r.SpendingUSD))
	case d > 0:
		return fmt.Sprintf("spending exceeds the funds by %s (%.0f%%): it needs a further appropriation or cuts elsewhere in the agency", Money(d), 100*d/r.AppropriatedUSD)
	default:
		return fmt.Sprintf("the counted operations use %.0f%% of the funds; %s is left for what the model does not count (other programs, facilities, IT) or unspent", 100*r.SpendingUSD/r.AppropriatedUSD, Money(-d))
	}
}

// fines reports the daily fine as assessed, and as expected collection
// only when the scenario gives a (cited) collection rate.
func fines(u *cost.Units, assessed float64) result.Fines {
	f := result.Fines{AssessedUSD: assessed, CollectionRate: u.FineCollectionRate}
	switch {
	case assessed == 0:
		f.Note = "no fine assessed"
	case u.FineCollectionRate > 0:
		f.ExpectedCollectionUSD = assessed * u.FineCollectionRate
		f.Note = fmt.Sprintf("assessed on every person-day of the final-order docket; expected collection at %.1f%%, not counted against costs", 100*u.FineCollectionRate)
	default:
		f.Note = "assessed on every person-day of the final-order docket; no collection is estimated, since the scenario gives no collection rate (none is published), and none is counted against costs"
	}
	return f
}

// Money writes dollars in billions for the verdicts' sentences.
func Money(v float64) string {
	return fmt.Sprintf("$%.2f billion", v/1e9)
}
