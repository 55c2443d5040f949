package result

// FloatFunc is told one number of a result: a pointer to it in the
// result walked (dst) and the same number of the result walked beside it
// (src).
type FloatFunc func(dst *float64, src float64)

// MapFunc is told one map of numbers (stocks by name, removals by
// pathway, ...) whole: a pointer to it in dst, so that it may allocate
// it, and the same map of src.
type MapFunc func(dst *map[string]float64, src map[string]float64)

// Numbers walks every float64 of dst with the same number of src, side
// by side, calling f for each number held in a field and m for each map
// of numbers (none when m is nil). It is the one list of a result's numbers: the agent engine
// sums and averages its replications with it and DropRoundOff clears
// round-off with it, so a number added to Result is added here once
// (TestNumbersVisitsEveryFloat fails until it is). Walk a result by
// itself with Numbers(r, r, ...).
//
// The parts one engine run reports (totals, 12-month periods, months,
// ledger, detention, due process, time to removal, events, transitions)
// grow in dst to src's shape first: lists to src's length, with the
// labels of each new period or month copied from src and its numbers
// zero, and maps of balances and distributions allocated and given
// src's keys. The parts computed from runs afterwards (bands,
// bottlenecks, sources, the cost account) are walked only where dst
// has them: a mean of replications computes them afresh.
//
// It is written field by field, not by reflection, because it runs at
// the end of every flow run and for every agent replication.
func Numbers(dst, src *Result, f FloatFunc, m MapFunc) {
	if m == nil {
		m = func(*map[string]float64, map[string]float64) {}
	}
	totals(&dst.Totals, &src.Totals, f, m)
	grow(&dst.Annual, src.Annual, func(p *Period) Period { return Period{Index: p.Index, From: p.From, To: p.To, Binding: p.Binding} })
	for i := range src.Annual {
		d, s := &dst.Annual[i], &src.Annual[i]
		f(&d.Removals, s.Removals)
		f(&d.Arrests, s.Arrests)
		f(&d.CostUSD, s.CostUSD)
		f(&d.AverageDetained, s.AverageDetained)
		m(&d.RemovalsByPathway, s.RemovalsByPathway)
	}
	grow(&dst.Monthly, src.Monthly, func(mo *Month) Month { return Month{Month: mo.Month, Binding: mo.Binding} })
	for i := range src.Monthly {
		d, s := &dst.Monthly[i], &src.Monthly[i]
		f(&d.Removals, s.Removals)
		f(&d.Arrests, s.Arrests)
		f(&d.Detained, s.Detained)
		f(&d.CourtBacklog, s.CourtBacklog)
		f(&d.FinalOrders, s.FinalOrders)
		f(&d.CostUSD, s.CostUSD)
		m(&d.Utilisation, s.Utilisation)
		m(&d.Capacity, s.Capacity)
		m(&d.Queue, s.Queue)
		m(&d.RemovalsByPathway, s.RemovalsByPathway)
		m(&d.Stocks, s.Stocks)
		m(&d.Flows, s.Flows)
		m(&d.CostByItem, s.CostByItem)
	}
	allocate(&dst.Ledger, src.Ledger)
	for k, s := range src.Ledger {
		d := dst.Ledger[k]
		f(&d.Start, s.Start)
		f(&d.Inflow, s.Inflow)
		f(&d.Outflow, s.Outflow)
		f(&d.End, s.End)
		dst.Ledger[k] = d
	}
	dd, sd := &dst.Detention, &src.Detention
	f(&dd.Admissions, sd.Admissions)
	f(&dd.Discharges, sd.Discharges)
	f(&dd.MeanLengthOfStayDays, sd.MeanLengthOfStayDays)
	f(&dd.AverageDailyPopulation, sd.AverageDailyPopulation)
	dueProcess(&dst.DueProcess, &src.DueProcess, f)
	allocate(&dst.TimeToRemovalDays, src.TimeToRemovalDays)
	for k, s := range src.TimeToRemovalDays {
		d := dst.TimeToRemovalDays[k]
		f(&d.Count, s.Count)
		f(&d.Mean, s.Mean)
		f(&d.P50, s.P50)
		f(&d.P90, s.P90)
		f(&d.Max, s.Max)
		dst.TimeToRemovalDays[k] = d
	}
	f(&dst.Events, src.Events)
	grow(&dst.Fired, src.Fired, func(*float64) float64 { return 0 })
	for i, s := range src.Fired {
		f(&dst.Fired[i], s)
	}
	derived(dst, src, f, m)
}

// grow lengthens *d to src's length, each new element made by blank
// from src's: its labels, with its numbers zero.
func grow[E any](d *[]E, src []E, blank func(*E) E) {
	for len(*d) < len(src) {
		*d = append(*d, blank(&src[len(*d)]))
	}
}

// allocate makes *d when src has entries and *d is nil.
func allocate[M ~map[string]V, V any](d *M, src M) {
	if len(src) > 0 && *d == nil {
		*d = make(M, len(src))
	}
}

func totals(d, s *Totals, f FloatFunc, m MapFunc) {
	f(&d.Removals, s.Removals)
	m(&d.RemovalsByPathway, s.RemovalsByPathway)
	m(&d.RemovalsByDestination, s.RemovalsByDestination)
	f(&d.Arrests, s.Arrests)
	f(&d.BorderApprehensions, s.BorderApprehensions)
	f(&d.Title42Expulsions, s.Title42Expulsions)
	f(&d.CBPReturns, s.CBPReturns)
	f(&d.VoluntaryDepartures, s.VoluntaryDepartures)
	f(&d.Relief, s.Relief)
	f(&d.CourtCompletions, s.CourtCompletions)
	f(&d.CostUSD, s.CostUSD)
	f(&d.CostPerRemovalUSD, s.CostPerRemovalUSD)
	m(&d.CostByItem, s.CostByItem)
	f(&d.AppropriationGapUSD, s.AppropriationGapUSD)
}

func dueProcess(d, s *DueProcess, f FloatFunc) {
	f(&d.FearScreenings, s.FearScreenings)
	f(&d.FearScreeningsPassed, s.FearScreeningsPassed)
	f(&d.ThirdCountryScreenings, s.ThirdCountryScreenings)
	f(&d.ThirdCountryScreeningsPassed, s.ThirdCountryScreeningsPassed)
	f(&d.NoticesServed, s.NoticesServed)
	f(&d.RemovalsWithAssurances, s.RemovalsWithAssurances)
	f(&d.RemovalsWithoutAssurancesAfterNotice, s.RemovalsWithoutAssurancesAfterNotice)
	f(&d.RemovalsWithoutAssurancesOrNotice, s.RemovalsWithoutAssurancesOrNotice)
	f(&d.RemovalsWithoutHearing, s.RemovalsWithoutHearing)
	f(&d.BlockedByInjunction, s.BlockedByInjunction)
	f(&d.FinesAccruedUSD, s.FinesAccruedUSD)
}

// derived walks the parts computed from runs where both results have
// them.
func derived(dst, src *Result, f FloatFunc, m MapFunc) {
	for _, bands := range [...][2]map[string][]Band{{dst.Bands, src.Bands}, {dst.AnnualBands, src.AnnualBands}} {
		for k, d := range bands[0] {
			s := bands[1][k]
			for i := range min(len(d), len(s)) {
				f(&d[i].P05, s[i].P05)
				f(&d[i].P50, s[i].P50)
				f(&d[i].P95, s[i].P95)
			}
		}
	}
	for i := range min(len(dst.Bottlenecks), len(src.Bottlenecks)) {
		d, s := dst.Bottlenecks[i].Capacities, src.Bottlenecks[i].Capacities
		for j := range min(len(d), len(s)) {
			f(&d[j].Level, s[j].Level)
			f(&d[j].Utilisation, s[j].Utilisation)
			f(&d[j].Marginal, s[j].Marginal)
		}
	}
	for i := range min(len(dst.Sources), len(src.Sources)) {
		f(&dst.Sources[i].Value, src.Sources[i].Value)
	}
	if dst.Costs != nil && src.Costs != nil {
		costs(dst.Costs, src.Costs, f, m)
	}
}

func costs(d, s *CostAccount, f FloatFunc, m MapFunc) {
	f(&d.InflationPerYear, s.InflationPerYear)
	f(&d.TotalUSD, s.TotalUSD)
	f(&d.NominalUSD, s.NominalUSD)
	f(&d.RecurringUSD, s.RecurringUSD)
	f(&d.OneTimeUSD, s.OneTimeUSD)
	f(&d.Removals, s.Removals)
	f(&d.PerRemovalUSD, s.PerRemovalUSD)
	f(&d.Fines.AssessedUSD, s.Fines.AssessedUSD)
	f(&d.Fines.CollectionRate, s.Fines.CollectionRate)
	f(&d.Fines.ExpectedCollectionUSD, s.Fines.ExpectedCollectionUSD)
	for i := range min(len(d.Lines), len(s.Lines)) {
		f(&d.Lines[i].USD, s.Lines[i].USD)
		f(&d.Lines[i].Share, s.Lines[i].Share)
		f(&d.Lines[i].PerRemovalUSD, s.Lines[i].PerRemovalUSD)
	}
	for _, g := range [...][2][]CostGroup{{d.ByKind, s.ByKind}, {d.ByAgency, s.ByAgency}} {
		for i := range min(len(g[0]), len(g[1])) {
			f(&g[0][i].USD, g[1][i].USD)
			f(&g[0][i].Share, g[1][i].Share)
			f(&g[0][i].PerRemovalUSD, g[1][i].PerRemovalUSD)
		}
	}
	for i := range min(len(d.FiscalYears), len(s.FiscalYears)) {
		dy, sy := &d.FiscalYears[i], &s.FiscalYears[i]
		f(&dy.ConstantUSD, sy.ConstantUSD)
		f(&dy.NominalUSD, sy.NominalUSD)
		f(&dy.OneTimeUSD, sy.OneTimeUSD)
		f(&dy.RecurringUSD, sy.RecurringUSD)
		f(&dy.Removals, sy.Removals)
		m(&dy.ByAgencyUSD, sy.ByAgencyUSD)
	}
	for i := range min(len(d.Appropriations), len(s.Appropriations)) {
		da, sa := &d.Appropriations[i], &s.Appropriations[i]
		f(&da.SpendingUSD, sa.SpendingUSD)
		f(&da.AppropriatedUSD, sa.AppropriatedUSD)
		f(&da.DifferenceUSD, sa.DifferenceUSD)
	}
}
