package agent

import "github.com/removalsim/removalsim/result"

// addResult adds every number of src into dst, field by field, growing
// dst's slices and maps to src's shape; strings and integers are copied
// where dst still holds the zero value. TestAddResultCoversEveryField
// fails when a new number in result.Result is not summed here.
func addResult(dst, src *result.Result) {
	if dst.Scenario == "" {
		dst.Scenario, dst.Engine, dst.Seed, dst.Runs, dst.Start, dst.Months = src.Scenario, src.Engine, src.Seed, src.Runs, src.Start, src.Months
		dst.Uncertainty = src.Uncertainty
	}
	addTotals(&dst.Totals, &src.Totals)
	for len(dst.Annual) < len(src.Annual) {
		p := src.Annual[len(dst.Annual)]
		dst.Annual = append(dst.Annual, result.Period{Index: p.Index, From: p.From, To: p.To, Binding: p.Binding})
	}
	for i := range src.Annual {
		d, s := &dst.Annual[i], &src.Annual[i]
		d.Removals += s.Removals
		d.Arrests += s.Arrests
		d.CostUSD += s.CostUSD
		d.AverageDetained += s.AverageDetained
		d.RemovalsByPathway = addMap(d.RemovalsByPathway, s.RemovalsByPathway)
	}
	for len(dst.Monthly) < len(src.Monthly) {
		m := src.Monthly[len(dst.Monthly)]
		dst.Monthly = append(dst.Monthly, result.Month{Month: m.Month, Binding: m.Binding})
	}
	for i := range src.Monthly {
		d, s := &dst.Monthly[i], &src.Monthly[i]
		d.Removals += s.Removals
		d.Arrests += s.Arrests
		d.Detained += s.Detained
		d.CourtBacklog += s.CourtBacklog
		d.FinalOrders += s.FinalOrders
		d.CostUSD += s.CostUSD
		d.Utilisation = addMap(d.Utilisation, s.Utilisation)
		d.Capacity = addMap(d.Capacity, s.Capacity)
		d.Queue = addMap(d.Queue, s.Queue)
		d.RemovalsByPathway = addMap(d.RemovalsByPathway, s.RemovalsByPathway)
		d.Stocks = addMap(d.Stocks, s.Stocks)
		d.Flows = addMap(d.Flows, s.Flows)
		d.CostByItem = addMap(d.CostByItem, s.CostByItem)
	}
	if len(src.Ledger) > 0 && dst.Ledger == nil {
		dst.Ledger = result.Ledger{}
	}
	for k, s := range src.Ledger {
		d := dst.Ledger[k]
		d.Start += s.Start
		d.Inflow += s.Inflow
		d.Outflow += s.Outflow
		d.End += s.End
		dst.Ledger[k] = d
	}
	dd, sd := &dst.Detention, &src.Detention
	dd.Admissions += sd.Admissions
	dd.Discharges += sd.Discharges
	dd.MeanLengthOfStayDays += sd.MeanLengthOfStayDays
	dd.AverageDailyPopulation += sd.AverageDailyPopulation
	if dd.Days == 0 {
		dd.Days = sd.Days
	}
	addDueProcess(&dst.DueProcess, &src.DueProcess)
	if len(src.TimeToRemovalDays) > 0 && dst.TimeToRemovalDays == nil {
		dst.TimeToRemovalDays = map[string]result.Distribution{}
	}
	for k, s := range src.TimeToRemovalDays {
		d := dst.TimeToRemovalDays[k]
		d.Count += s.Count
		d.Mean += s.Mean
		d.P50 += s.P50
		d.P90 += s.P90
		d.Max += s.Max
		dst.TimeToRemovalDays[k] = d
	}
	dst.Events += src.Events
	for len(dst.Fired) < len(src.Fired) {
		dst.Fired = append(dst.Fired, 0)
	}
	for i, v := range src.Fired {
		dst.Fired[i] += v
	}
}

func addTotals(d, s *result.Totals) {
	d.Removals += s.Removals
	d.RemovalsByPathway = addMap(d.RemovalsByPathway, s.RemovalsByPathway)
	d.RemovalsByDestination = addMap(d.RemovalsByDestination, s.RemovalsByDestination)
	d.Arrests += s.Arrests
	d.BorderApprehensions += s.BorderApprehensions
	d.Title42Expulsions += s.Title42Expulsions
	d.CBPReturns += s.CBPReturns
	d.VoluntaryDepartures += s.VoluntaryDepartures
	d.Relief += s.Relief
	d.CourtCompletions += s.CourtCompletions
	d.CostUSD += s.CostUSD
	d.CostPerRemovalUSD += s.CostPerRemovalUSD
	d.CostByItem = addMap(d.CostByItem, s.CostByItem)
	d.AppropriationGapUSD += s.AppropriationGapUSD
}

func addDueProcess(d, s *result.DueProcess) {
	d.FearScreenings += s.FearScreenings
	d.FearScreeningsPassed += s.FearScreeningsPassed
	d.ThirdCountryScreenings += s.ThirdCountryScreenings
	d.ThirdCountryScreeningsPassed += s.ThirdCountryScreeningsPassed
	d.NoticesServed += s.NoticesServed
	d.RemovalsWithAssurances += s.RemovalsWithAssurances
	d.RemovalsWithoutAssurancesAfterNotice += s.RemovalsWithoutAssurancesAfterNotice
	d.RemovalsWithoutAssurancesOrNotice += s.RemovalsWithoutAssurancesOrNotice
	d.RemovalsWithoutHearing += s.RemovalsWithoutHearing
	d.BlockedByInjunction += s.BlockedByInjunction
	d.FinesAccruedUSD += s.FinesAccruedUSD
}

// addMap adds s into d, allocating d when s has entries.
func addMap(d, s map[string]float64) map[string]float64 {
	if d == nil && len(s) > 0 {
		d = make(map[string]float64, len(s))
	}
	for k, v := range s {
		d[k] += v
	}
	return d
}

// scaleResult divides every number addResult sums by n (division, not
// multiplication by 1/n, so a sum of n equal integers gives back the
// integer exactly).
func scaleResult(r *result.Result, n float64) {
	t := &r.Totals
	for _, p := range []*float64{&t.Removals, &t.Arrests, &t.BorderApprehensions, &t.Title42Expulsions, &t.CBPReturns,
		&t.VoluntaryDepartures, &t.Relief, &t.CourtCompletions, &t.CostUSD, &t.CostPerRemovalUSD, &t.AppropriationGapUSD} {
		*p /= n
	}
	scaleMap(t.RemovalsByPathway, n)
	scaleMap(t.RemovalsByDestination, n)
	scaleMap(t.CostByItem, n)
	for i := range r.Annual {
		p := &r.Annual[i]
		p.Removals /= n
		p.Arrests /= n
		p.CostUSD /= n
		p.AverageDetained /= n
		scaleMap(p.RemovalsByPathway, n)
	}
	for i := range r.Monthly {
		m := &r.Monthly[i]
		for _, p := range []*float64{&m.Removals, &m.Arrests, &m.Detained, &m.CourtBacklog, &m.FinalOrders, &m.CostUSD} {
			*p /= n
		}
		for _, mp := range []map[string]float64{m.Utilisation, m.Capacity, m.Queue, m.RemovalsByPathway, m.Stocks, m.Flows, m.CostByItem} {
			scaleMap(mp, n)
		}
	}
	for k, b := range r.Ledger {
		b.Start /= n
		b.Inflow /= n
		b.Outflow /= n
		b.End /= n
		r.Ledger[k] = b
	}
	d := &r.Detention
	d.Admissions /= n
	d.Discharges /= n
	d.MeanLengthOfStayDays /= n
	d.AverageDailyPopulation /= n
	dp := &r.DueProcess
	for _, p := range []*float64{&dp.FearScreenings, &dp.FearScreeningsPassed, &dp.ThirdCountryScreenings, &dp.ThirdCountryScreeningsPassed,
		&dp.NoticesServed, &dp.RemovalsWithAssurances, &dp.RemovalsWithoutAssurancesAfterNotice, &dp.RemovalsWithoutAssurancesOrNotice,
		&dp.RemovalsWithoutHearing, &dp.BlockedByInjunction, &dp.FinesAccruedUSD} {
		*p /= n
	}
	for k, v := range r.TimeToRemovalDays {
		v.Count /= n
		v.Mean /= n
		v.P50 /= n
		v.P90 /= n
		v.Max /= n
		r.TimeToRemovalDays[k] = v
	}
	r.Events /= n
	for i := range r.Fired {
		r.Fired[i] /= n
	}
}

func scaleMap(m map[string]float64, n float64) {
	for k, v := range m {
		m[k] = v / n
	}
}
