package result

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// signed lists the JSON paths of the only numbers a result may hold
// below zero (list indices written "[]"): the appropriation gap and the
// cost account's differences are spending minus money available.
var signed = []string{"totals.appropriation_gap_usd", "costs.appropriations[].difference_usd"}

// unindexed writes a path's list indices as "[]".
func unindexed(path string) string {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		b.WriteByte(path[i])
		if path[i] == '[' {
			for i+1 < len(path) && path[i+1] != ']' {
				i++
			}
		}
	}
	return b.String()
}

// Verify checks what every result must satisfy whatever the scenario: all
// numbers finite, none negative (people, money, days and shares are not),
// and every stock's ledger balanced, start + inflow − outflow = end,
// exactly for integer counts and to within 1e-9 of the stock's turnover
// for the flow engine's fractions. It names the first violation by JSON
// path. Engines and tests use it; a violation is a bug, not bad input.
func (r *Result) Verify() error {
	if r == nil {
		return fmt.Errorf("result: nil")
	}
	if err := verifyNumbers(reflect.ValueOf(*r), ""); err != nil {
		return err
	}
	if len(r.Ledger) == 0 {
		return fmt.Errorf("result: empty ledger")
	}
	stocks := make([]string, 0, len(r.Ledger))
	for s := range r.Ledger {
		stocks = append(stocks, s)
	}
	slices.Sort(stocks)
	for _, s := range stocks {
		b := r.Ledger[s]
		turnover := math.Max(b.Start+b.Inflow, b.Outflow+b.End)
		if d := b.Start + b.Inflow - b.Outflow - b.End; math.Abs(d) > 1e-9*math.Max(1, turnover) {
			return fmt.Errorf("result: ledger.%s: start %v + inflow %v − outflow %v ≠ end %v (off by %v)", s, b.Start, b.Inflow, b.Outflow, b.End, d)
		}
	}
	return nil
}

// verifyNumbers walks v in JSON field order (map keys sorted) and returns
// an error for the first non-finite number, or negative one outside
// signed.
func verifyNumbers(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		x := v.Float()
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("result: %s is %v, want a finite number", path, x)
		}
		if x < 0 && !slices.Contains(signed, unindexed(path)) {
			return fmt.Errorf("result: %s is %v, want a number >= 0", path, x)
		}
	case reflect.Int, reflect.Int64, reflect.Int32:
		if v.Int() < 0 {
			return fmt.Errorf("result: %s is %d, want a number >= 0", path, v.Int())
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" {
				name = f.Name
			}
			if err := verifyNumbers(v.Field(i), joinPath(path, name)); err != nil {
				return err
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := verifyNumbers(v.Index(i), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	case reflect.Map:
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		for _, k := range keys {
			if err := verifyNumbers(v.MapIndex(k), joinPath(path, k.String())); err != nil {
				return err
			}
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return verifyNumbers(v.Elem(), path)
		}
	}
	return nil
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// RoundOff is the largest magnitude of a negative number that
// DropRoundOff takes for floating-point rounding: a millionth of a person
// or of a dollar.
const RoundOff = 1e-6

// DropRoundOff sets to zero every number of r in (−RoundOff, 0). The flow
// engine moves fractions of people, and a stock emptied by several
// subtractions can end a few ulps below zero (−1e-13 people); reported as
// such it would read as a negative stock. Larger negatives are left for
// Verify to report.
func (r *Result) DropRoundOff() {
	// Field by field, not by reflection: this runs at the end of every
	// flow run, and walking the result reflectively cost about a tenth of
	// a 10-year run. TestDropRoundOffEveryField fails when a number is
	// added to Result and not here.
	t := &r.Totals
	drop(&t.Removals, &t.Arrests, &t.BorderApprehensions, &t.Title42Expulsions, &t.CBPReturns,
		&t.VoluntaryDepartures, &t.Relief, &t.CourtCompletions, &t.CostUSD, &t.CostPerRemovalUSD,
		&t.AppropriationGapUSD)
	dropMap(t.RemovalsByPathway, t.RemovalsByDestination, t.CostByItem)
	for i := range r.Annual {
		a := &r.Annual[i]
		drop(&a.Removals, &a.Arrests, &a.CostUSD, &a.AverageDetained)
		dropMap(a.RemovalsByPathway)
	}
	for i := range r.Monthly {
		m := &r.Monthly[i]
		drop(&m.Removals, &m.Arrests, &m.Detained, &m.CourtBacklog, &m.FinalOrders, &m.CostUSD)
		dropMap(m.Utilisation, m.Capacity, m.Queue, m.RemovalsByPathway, m.Stocks, m.Flows, m.CostByItem)
	}
	for k, b := range r.Ledger {
		if drop(&b.Start, &b.Inflow, &b.Outflow, &b.End) {
			r.Ledger[k] = b
		}
	}
	d := &r.Detention
	drop(&d.Admissions, &d.Discharges, &d.MeanLengthOfStayDays, &d.AverageDailyPopulation)
	p := &r.DueProcess
	drop(&p.FearScreenings, &p.FearScreeningsPassed, &p.ThirdCountryScreenings, &p.ThirdCountryScreeningsPassed,
		&p.NoticesServed, &p.RemovalsWithAssurances, &p.RemovalsWithoutAssurancesAfterNotice,
		&p.RemovalsWithoutAssurancesOrNotice, &p.RemovalsWithoutHearing, &p.BlockedByInjunction, &p.FinesAccruedUSD)
	for k, x := range r.TimeToRemovalDays {
		if drop(&x.Count, &x.Mean, &x.P50, &x.P90, &x.Max) {
			r.TimeToRemovalDays[k] = x
		}
	}
	for _, bands := range []map[string][]Band{r.Bands, r.AnnualBands} {
		for _, bs := range bands {
			for i := range bs {
				drop(&bs[i].P05, &bs[i].P50, &bs[i].P95)
			}
		}
	}
	for i := range r.Bottlenecks {
		for j := range r.Bottlenecks[i].Capacities {
			c := &r.Bottlenecks[i].Capacities[j]
			drop(&c.Level, &c.Utilisation, &c.Marginal)
		}
	}
	drop(&r.Events)
	if c := r.Costs; c != nil {
		drop(&c.InflationPerYear, &c.TotalUSD, &c.NominalUSD, &c.RecurringUSD, &c.OneTimeUSD, &c.Removals, &c.PerRemovalUSD,
			&c.Fines.AssessedUSD, &c.Fines.CollectionRate, &c.Fines.ExpectedCollectionUSD)
		for i := range c.Lines {
			drop(&c.Lines[i].USD, &c.Lines[i].Share, &c.Lines[i].PerRemovalUSD)
		}
		for _, g := range [][]CostGroup{c.ByKind, c.ByAgency} {
			for i := range g {
				drop(&g[i].USD, &g[i].Share, &g[i].PerRemovalUSD)
			}
		}
		for i := range c.FiscalYears {
			y := &c.FiscalYears[i]
			drop(&y.ConstantUSD, &y.NominalUSD, &y.OneTimeUSD, &y.RecurringUSD, &y.Removals)
			dropMap(y.ByAgencyUSD)
		}
		for i := range c.Appropriations {
			a := &c.Appropriations[i]
			drop(&a.SpendingUSD, &a.AppropriatedUSD, &a.DifferenceUSD)
		}
	}
	for i := range r.Sources {
		drop(&r.Sources[i].Value)
	}
	for i := range r.Fired {
		drop(&r.Fired[i])
	}
}

// drop zeroes each of xs in (−RoundOff, 0) and reports whether it changed
// any.
func drop(xs ...*float64) bool {
	changed := false
	for _, x := range xs {
		if *x < 0 && *x > -RoundOff {
			*x, changed = 0, true
		}
	}
	return changed
}

// dropMap zeroes the values of ms in (−RoundOff, 0).
func dropMap(ms ...map[string]float64) {
	for _, m := range ms {
		for k, x := range m {
			if x < 0 && x > -RoundOff {
				m[k] = 0
			}
		}
	}
}
