package tally

import (
	"math"
	"slices"

	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
)

// Result builds the run's result. engine is "flow" or "agent".
//
// Every number is reported without round-off (result.WithoutRoundOff):
// the maps' numbers as they are put in, the fields' at the end
// (result.DropRoundOffFields). Sums over months (periods, totals) add
// the months' own numbers, round-off included, so they do not depend on
// what is reported.
func (t *Tally) Result(engine string) *result.Result {
	m, full := t.m, !t.rec.Lean
	// The sums of a month cut short: the ledger and Fired count them.
	t.fold()
	r := &result.Result{
		Scenario: m.Name, Engine: engine, Seed: m.Seed, Runs: 1,
		Start: m.Start.String(), Months: len(t.accs),
	}
	if len(t.accs) > 0 {
		r.Monthly = make([]result.Month, 0, len(t.accs))
	}
	tot := &r.Totals
	// The run's cost of each item; a month leaves out its zero items,
	// and the totals the items no month priced.
	var costs cost.Prices
	var costed [cost.NumItems]bool
	var pathways [procedure.NumPathways]float64
	var dp [NumCounters]float64
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
			row.CostUSD = sumByName(&items)
			if full {
				row.CostByItem = costMap(&items)
				for i, v := range items {
					if v != 0 {
						costs[i] += v
						costed[i] = true
					}
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
			for p, v := range a.removalsBy {
				pathways[p] += v
			}
		} else if t.rec.Breakdown {
			row.RemovalsByPathway = pathwayMap(&a.removalsBy)
			row.Flows = make(map[string]float64, len(admissionMoves))
			for _, mv := range admissionMoves {
				if v := a.moves[mv]; v != 0 {
					row.Flows[moveKeys[mv]] = result.WithoutRoundOff(v)
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
	if full {
		tot.RemovalsByPathway = pathwayMap(&pathways)
		tot.RemovalsByDestination = make(map[string]float64, len(m.Groups)+1)
		for i, g := range m.Groups {
			tot.RemovalsByDestination[g.Name] = result.WithoutRoundOff(t.removalsByDest[i])
		}
		tot.RemovalsByDestination[procedure.ThirdCountry.String()] = result.WithoutRoundOff(t.removalsByDest[len(m.Groups)])
		tot.CostByItem = map[string]float64{}
		for i, v := range costs {
			if costed[i] {
				tot.CostByItem[cost.Items[i].Name] = result.WithoutRoundOff(v)
			}
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

	if full {
		r.Ledger = make(result.Ledger, procedure.NumStates)
		for s := range procedure.NumStates {
			r.Ledger[s.String()] = result.Balance{Start: t.start[s], Inflow: t.in[s], Outflow: t.out[s], End: t.stock[s]}
		}
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

	if full {
		r.Fired = append([]float64(nil), t.fired[:]...)
		r.TimeToRemovalDays = make(map[string]result.Distribution, procedure.NumPathways)
		for p := range procedure.NumPathways {
			d := result.Distribution{Count: t.ttrCount[p]}
			if d.Count > 0 {
				d.Mean = t.ttrSum[p] / d.Count
			}
			if h := t.ttrHist[p]; h != nil {
				d.P50, d.P90, d.Max = histQuantile(h, 0.5), histQuantile(h, 0.9), histMax(h)
			}
			r.TimeToRemovalDays[p.String()] = d
		}
		if len(m.Sources) > 0 {
			r.Sources = make([]result.Source, len(m.Sources))
			for i, s := range m.Sources {
				r.Sources[i] = result.Source{Path: s.Path, Value: s.Value, Source: s.Source, AsOf: s.AsOf}
			}
		}
	}
	r.DropRoundOffFields() // a flow stock emptied by fractions can end at −1e-13
	return r
}

// monthMaps fills a month's maps: utilisation, capacity levels, queues,
// removals by pathway, stocks and flows (a Lean recording leaves them
// out).
func (t *Tally) monthMaps(row *result.Month, mi int, a *monthAcc, queues *[procedure.NumCapacities]float64) {
	row.Utilisation = make(map[string]float64, procedure.NumCapacities)
	row.Capacity = make(map[string]float64, len(t.m.Levels))
	row.Queue = make(map[string]float64, procedure.NumCapacities)
	row.RemovalsByPathway = pathwayMap(&a.removalsBy)
	row.Stocks = make(map[string]float64, len(stockStates))
	for c := range procedure.NumCapacities {
		name := c.String()
		row.Queue[name] = result.WithoutRoundOff(queues[c])
		u := 0.0
		if a.avail[c] > 0 && !math.IsInf(a.avail[c], 1) {
			u = math.Min(1, a.used[c]/a.avail[c])
		}
		row.Utilisation[name] = result.WithoutRoundOff(u)
	}
	for _, l := range t.m.Levels {
		row.Capacity[l.Name] = result.WithoutRoundOff(l.Productive[mi])
	}
	for _, s := range stockStates {
		row.Stocks[s.String()] = a.end[s] // closeMonth zeroed round-off
	}
	// Only the moves that happened, sized once.
	n := 2
	for _, v := range a.moves[:len(moveEnds)] {
		if v != 0 {
			n++
		}
	}
	row.Flows = make(map[string]float64, n)
	for i, v := range a.moves[:len(moveEnds)] {
		if v != 0 {
			row.Flows[moveKeys[i]] = result.WithoutRoundOff(v)
		}
	}
	row.Flows["border_apprehensions"] = result.WithoutRoundOff(a.entries[procedure.Border])
	row.Flows["new_entries"] = result.WithoutRoundOff(a.entries[procedure.NewEntries])
}

// stockStates are the states a month reports the stock of: all but the
// terminal ones.
var stockStates = func() (out []procedure.State) {
	for s := range procedure.NumStates {
		if !s.Terminal() {
			out = append(out, s)
		}
	}
	return out
}()

// pathwayMap returns removals by pathway as a map, every pathway named.
func pathwayMap(by *[procedure.NumPathways]float64) map[string]float64 {
	m := make(map[string]float64, procedure.NumPathways)
	for p, v := range by {
		m[procedure.Pathway(p).String()] = result.WithoutRoundOff(v)
	}
	return m
}

// costMap returns a month's cost items by name, those it priced only.
func costMap(items *cost.Prices) map[string]float64 {
	n := 0
	for _, v := range items {
		if v != 0 {
			n++
		}
	}
	m := make(map[string]float64, n)
	for i, v := range items {
		if v != 0 {
			m[cost.Items[i].Name] = result.WithoutRoundOff(v)
		}
	}
	return m
}

// AdmissionFlows are the flow keys ("from->to") of the moves that admit
// to detention: the network's transitions that detention beds serve from
// the bed queue, each move once, in transition order. A month's
// admissions are the sum of its Flows under these keys. admissionMoves
// are the same moves' indices in a month's moves.
var AdmissionFlows, admissionMoves = admissions()

func admissions() (keys []string, moves []int) {
	for t := range procedure.NumTransitions {
		d := procedure.Def(t)
		if d.From != procedure.Arrested || d.Capacity != procedure.Beds {
			continue
		}
		if i := moveIndex[d.From][d.To]; !slices.Contains(moves, i) {
			keys = append(keys, moveKeys[i])
			moves = append(moves, i)
		}
	}
	return keys, moves
}

// moveKeys name each move of moveEnds "from->to" once, not per month.
var moveKeys = func() (k []string) {
	for _, e := range moveEnds {
		k = append(k, e[0].String()+"->"+e[1].String())
	}
	return k
}()

// move returns the month's people moved from one state to another.
func (a *monthAcc) move(from, to procedure.State) float64 {
	if i := moveIndex[from][to]; i >= 0 {
		return a.moves[i]
	}
	return 0
}

func (a *monthAcc) removals() float64 { return a.movesInto(procedure.Removed) }

func (a *monthAcc) arrests() float64 {
	return a.move(procedure.AtLarge, procedure.Arrested) + a.move(procedure.FinalOrder, procedure.Arrested) +
		a.move(procedure.FinalOrderStale, procedure.Arrested) + a.move(procedure.AtLarge, procedure.ATD)
}

// movesInto sums the moves into s in the order of the states they come
// from.
func (a *monthAcc) movesInto(s procedure.State) float64 {
	t := 0.0
	for i, e := range moveEnds {
		if e[1] == s {
			t += a.moves[i]
		}
	}
	return t
}

// annual sums the months in 12-month periods from the start; a last
// partial period is included when it has at least one month.
func (t *Tally) annual(months []result.Month) []result.Period {
	var out []result.Period
	if len(months) > 0 {
		out = make([]result.Period, 0, (len(months)+11)/12)
	}
	for i := 0; i < len(months); i += 12 {
		j := min(i+12, len(months))
		p := result.Period{Index: len(out) + 1, From: months[i].Month, To: months[j-1].Month}
		var pathways [procedure.NumPathways]float64
		det := 0.0
		for mi := i; mi < j; mi++ {
			mo := &months[mi]
			p.Removals += mo.Removals
			p.Arrests += mo.Arrests
			p.CostUSD += mo.CostUSD
			for pw, v := range t.accs[mi].removalsBy {
				pathways[pw] += v
			}
			det += t.accs[mi].detainedSum
		}
		if !t.rec.Lean || t.rec.Breakdown {
			p.RemovalsByPathway = pathwayMap(&pathways)
		}
		steps := t.m.MonthStartStep[j] - t.m.MonthStartStep[i]
		p.AverageDetained = det / float64(steps)
		p.Binding = mostVoted(months[i:j])
		out = append(out, p)
	}
	return out
}

// mostVoted returns the binding named in most months, ties broken by the
// earliest month.
func mostVoted(months []result.Month) string {
	best, n := "none", 0
	for _, mo := range months {
		v := 0
		for _, o := range months {
			if o.Binding == mo.Binding {
				v++
			}
		}
		if v > n {
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
