package tally

import (
	"maps"
	"math"
	"slices"

	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
)

// Result builds the run's result. engine is "flow" or "agent".
func (t *Tally) Result(engine string) *result.Result {
	m, full := t.m, !t.rec.Lean
	r := &result.Result{
		Scenario: m.Name, Engine: engine, Seed: m.Seed, Runs: 1,
		Start: m.Start.String(), Months: len(t.accs),
	}
	tot := &r.Totals
	if full {
		r.Ledger = result.Ledger{}
		r.TimeToRemovalDays = map[string]result.Distribution{}
		r.Fired = append([]float64(nil), t.fired[:]...)
		tot.RemovalsByPathway = map[string]float64{}
		tot.RemovalsByDestination = map[string]float64{}
		tot.CostByItem = map[string]float64{}
		for _, p := range procedure.PathwayNames() {
			tot.RemovalsByPathway[p] = 0
		}
		for i, g := range m.Groups {
			tot.RemovalsByDestination[g.Name] = t.removalsByDest[i]
		}
		tot.RemovalsByDestination[procedure.ThirdCountry.String()] = t.removalsByDest[len(m.Groups)]
	}

	var dp [NumCounters]float64
	var costOrder keyOrder
	for mi := range t.accs {
		a := &t.accs[mi]
		mo := m.Start.Add(mi)
		days := float64(a.steps) / float64(m.StepsPerDay)
		row := result.Month{
			Month:        mo.String(),
			Removals:     a.removals(),
			Arrests:      a.arrests(),
			Detained:     a.end.Detained(),
			CourtBacklog: a.end[procedure.InProceedings] + a.end[procedure.ATD],
			FinalOrders:  a.end[procedure.FinalOrder] + a.end[procedure.FinalOrderStale],
		}
		if !t.rec.Unpriced {
			items := t.monthCost(mi, a)
			row.CostUSD = costOrder.sum(items)
			if full {
				// Items the scenario does not price are left out of the month.
				maps.DeleteFunc(items, func(_ string, v float64) bool { return v == 0 })
				row.CostByItem = items
				for k, v := range items {
					tot.CostByItem[k] += v
				}
			}
		}
		var queues [procedure.NumCapacities]float64
		for c := procedure.Capacity(0); c < procedure.NumCapacities; c++ {
			for _, s := range c.Queues() {
				queues[c] += a.end[s]
			}
		}
		row.Binding = t.binding(a, &queues, days)
		if full {
			t.monthMaps(&row, mi, a, &queues)
			for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
				tot.RemovalsByPathway[p.String()] += a.removalsBy[p]
			}
		} else if t.rec.Breakdown {
			row.RemovalsByPathway = a.pathwayMap()
			row.Flows = make(map[string]float64, len(admissionMoves))
			for _, mv := range admissionMoves {
				if v := a.moves[mv[0]][mv[1]]; v != 0 {
					row.Flows[flowKeys[mv[0]][mv[1]]] = v
				}
			}
		}
		r.Monthly = append(r.Monthly, row)

		tot.Removals += row.Removals
		tot.Arrests += row.Arrests
		tot.CostUSD += row.CostUSD
		tot.BorderApprehensions += a.entries[procedure.Border]
		tot.CourtCompletions += a.counters[CourtCompletions]
		for c := range dp {
			dp[c] += a.counters[c]
		}
		if !t.rec.Unpriced {
			r.DueProcess.FinesAccruedUSD += a.foSum / float64(m.StepsPerDay) * m.CostUnits.FinePerDay
		}
	}
	tot.Title42Expulsions = t.in[procedure.Expelled]
	tot.CBPReturns = t.in[procedure.ReturnedByCBP]
	tot.VoluntaryDepartures = t.in[procedure.Departed]
	tot.Relief = t.in[procedure.Relief]
	if tot.Removals > 0 {
		tot.CostPerRemovalUSD = tot.CostUSD / tot.Removals
	}
	if m.AppropriationPerYear > 0 && !t.rec.Unpriced {
		tot.AppropriationGapUSD = tot.CostUSD - m.AppropriationPerYear*float64(len(t.accs))/12
	}
	r.Annual = t.annual(r.Monthly)

	for s := procedure.State(0); full && s < procedure.NumStates; s++ {
		r.Ledger[s.String()] = result.Balance{Start: t.start[s], Inflow: t.in[s], Outflow: t.out[s], End: t.stock[s]}
	}
	days := float64(t.step) / float64(m.StepsPerDay)
	r.Detention = result.Detention{
		Admissions: t.admissions, Discharges: t.discharges,
		AverageDailyPopulation: t.detainedStepSum / math.Max(1, float64(t.step)),
		Days:                   int(days),
	}
	if t.discharges > 0 {
		r.Detention.MeanLengthOfStayDays = t.losSum / t.discharges
	}
	r.DueProcess.FearScreenings = dp[FearScreenings]
	r.DueProcess.FearScreeningsPassed = dp[FearScreeningsPassed]
	r.DueProcess.ThirdCountryScreenings = dp[ThirdCountryScreenings]
	r.DueProcess.ThirdCountryScreeningsPassed = dp[ThirdCountryScreeningsPassed]
	r.DueProcess.NoticesServed = dp[NoticesServed]
	r.DueProcess.RemovalsWithAssurances = dp[RemovalsWithAssurances]
	r.DueProcess.RemovalsWithoutAssurancesAfterNotice = dp[RemovalsAfterNotice]
	r.DueProcess.RemovalsWithoutAssurancesOrNotice = dp[RemovalsWithoutNotice]
	r.DueProcess.RemovalsWithoutHearing = dp[RemovalsWithoutHearing]
	r.DueProcess.BlockedByInjunction = dp[BlockedByInjunction]

	for p := procedure.Pathway(0); full && p < procedure.NumPathways; p++ {
		d := result.Distribution{Count: t.ttrCount[p]}
		if d.Count > 0 {
			d.Mean = t.ttrSum[p] / d.Count
		}
		if h := t.ttrHist[p]; h != nil {
			d.P50, d.P90, d.Max = histQuantile(h, 0.5), histQuantile(h, 0.9), histMax(h)
		}
		r.TimeToRemovalDays[p.String()] = d
	}
	for _, s := range m.Sources {
		if !full {
			break
		}
		r.Sources = append(r.Sources, result.Source{Path: s.Path, Value: s.Value, Source: s.Source, AsOf: s.AsOf})
	}
	r.DropRoundOff() // a flow stock emptied by fractions can end at −1e-13
	return r
}

// monthMaps fills a month's maps: utilisation, capacity levels, queues,
// removals by pathway, stocks and flows (a Lean recording leaves them
// out).
func (t *Tally) monthMaps(row *result.Month, mi int, a *monthAcc, queues *[procedure.NumCapacities]float64) {
	row.Utilisation = make(map[string]float64, procedure.NumCapacities)
	row.Capacity = make(map[string]float64, len(t.m.Levels))
	row.Queue = make(map[string]float64, procedure.NumCapacities)
	row.RemovalsByPathway = a.pathwayMap()
	row.Stocks = make(map[string]float64, procedure.NumStates)
	row.Flows = make(map[string]float64, 64)
	for c := procedure.Capacity(0); c < procedure.NumCapacities; c++ {
		row.Queue[c.String()] = queues[c]
		u := 0.0
		if a.avail[c] > 0 && !math.IsInf(a.avail[c], 1) {
			u = math.Min(1, a.used[c]/a.avail[c])
		}
		row.Utilisation[c.String()] = u
	}
	for _, l := range t.m.Levels {
		row.Capacity[l.Name] = l.Productive[mi]
	}
	for s := procedure.State(0); s < procedure.NumStates; s++ {
		if !s.Terminal() {
			row.Stocks[s.String()] = a.end[s]
		}
		for to := procedure.State(0); to < procedure.NumStates; to++ {
			if v := a.moves[s][to]; v != 0 {
				row.Flows[flowKeys[s][to]] = v
			}
		}
	}
	row.Flows["border_apprehensions"] = a.entries[procedure.Border]
	row.Flows["new_entries"] = a.entries[procedure.NewEntries]
}

// pathwayMap returns the month's removals by pathway, every pathway named.
func (a *monthAcc) pathwayMap() map[string]float64 {
	m := make(map[string]float64, procedure.NumPathways)
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		m[p.String()] = a.removalsBy[p]
	}
	return m
}

// AdmissionFlows are the flow keys ("from->to") of the moves that admit
// to detention: the network's transitions that detention beds serve from
// the bed queue, each move once, in transition order. A month's
// admissions are the sum of its Flows under these keys. admissionMoves
// are the same moves as (from, to).
var AdmissionFlows, admissionMoves = admissions()

func admissions() (keys []string, moves [][2]procedure.State) {
	for t := range procedure.NumTransitions {
		d := procedure.Def(t)
		if d.From != procedure.Arrested || d.Capacity != procedure.Beds {
			continue
		}
		if k := flowKeys[d.From][d.To]; !slices.Contains(keys, k) {
			keys = append(keys, k)
			moves = append(moves, [2]procedure.State{d.From, d.To})
		}
	}
	return keys, moves
}

// flowKeys names each transition "from->to" once, not per month.
var flowKeys = func() (k [procedure.NumStates][procedure.NumStates]string) {
	for s := range k {
		for to := range k[s] {
			k[s][to] = procedure.State(s).String() + "->" + procedure.State(to).String()
		}
	}
	return k
}()

func (a *monthAcc) removals() float64 { return a.movesInto(procedure.Removed) }

func (a *monthAcc) arrests() float64 {
	return a.moves[procedure.AtLarge][procedure.Arrested] + a.moves[procedure.FinalOrder][procedure.Arrested] +
		a.moves[procedure.FinalOrderStale][procedure.Arrested] + a.moves[procedure.AtLarge][procedure.ATD]
}

func (a *monthAcc) movesInto(s procedure.State) float64 {
	t := 0.0
	for from := range a.moves {
		t += a.moves[from][s]
	}
	return t
}

// annual sums the months in 12-month periods from the start; a last
// partial period is included when it has at least one month.
func (t *Tally) annual(months []result.Month) []result.Period {
	var out []result.Period
	for i := 0; i < len(months); i += 12 {
		j := min(i+12, len(months))
		p := result.Period{Index: len(out) + 1, From: months[i].Month, To: months[j-1].Month}
		if !t.rec.Lean || t.rec.Breakdown {
			p.RemovalsByPathway = map[string]float64{}
		}
		votes := map[string]int{}
		det := 0.0
		for mi := i; mi < j; mi++ {
			mo := &months[mi]
			p.Removals += mo.Removals
			p.Arrests += mo.Arrests
			p.CostUSD += mo.CostUSD
			for k, v := range mo.RemovalsByPathway {
				p.RemovalsByPathway[k] += v
			}
			votes[mo.Binding]++
			det += t.accs[mi].detainedSum
		}
		steps := t.m.MonthStartStep[j] - t.m.MonthStartStep[i]
		p.AverageDetained = det / float64(steps)
		p.Binding = mostVoted(votes, months[i:j])
		out = append(out, p)
	}
	return out
}

// mostVoted returns the binding named most often, ties broken by the
// earliest month, so the choice never depends on map order.
func mostVoted(votes map[string]int, months []result.Month) string {
	best, n := "none", 0
	for _, mo := range months {
		if v := votes[mo.Binding]; v > n {
			best, n = mo.Binding, v
		}
	}
	return best
}

func histQuantile(h []float64, q float64) float64 {
	total := 0.0
	for _, v := range h {
		total += v
	}
	if total == 0 {
		return 0
	}
	target, acc := q*total, 0.0
	for d, v := range h {
		acc += v
		if acc >= target {
			return float64(d)
		}
	}
	return float64(len(h) - 1)
}

func histMax(h []float64) float64 {
	for d := len(h) - 1; d >= 0; d-- {
		if h[d] > 0 {
			return float64(d)
		}
	}
	return 0
}
