package agent

import (
	"slices"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
)

// BandMetrics are the monthly series given bands across replications.
var BandMetrics = []string{"removals", "arrests", "detained", "court_backlog", "final_orders"}

// annualBandMetrics are the 12-month series given bands.
var annualBandMetrics = []string{"removals", "arrests", "average_detained"}

// combiner folds replications, one at a time and in index order, into
// their mean result: sums of every number, the pooled time-to-removal
// histograms, and for the bands only the few per-replication values
// they need (a handful of floats per month), so memory does not grow
// with the size of a replication's result times the number of runs.
type combiner struct {
	m    *model.Model
	seed uint64
	n    int
	// lean: the replications record lean results (Options.Record); the
	// pooled time-to-removal distributions are left out too.
	lean bool
	sum  *result.Result
	// first is the first replication's result: values every replication
	// shares (sources, capacity levels) are copied from it, not averaged,
	// so they keep their exact bits.
	first  *result.Result
	events int64

	ttrHist  [procedure.NumPathways][]int64
	ttrSteps [procedure.NumPathways]int64
	ttrN     [procedure.NumPathways]int64

	// band[metric][month] and annual[metric][period] hold each
	// replication's value, for quantiles.
	band, annual [][][]float64
	// monthBinding and periodBinding count each binding capacity's
	// replications, for the mode.
	monthBinding, periodBinding []modeCount
}

func newCombiner(m *model.Model, seed uint64) *combiner {
	return &combiner{m: m, seed: seed, sum: &result.Result{},
		band: make([][][]float64, len(BandMetrics)), annual: make([][][]float64, len(annualBandMetrics))}
}

// add folds in the next replication.
func (c *combiner) add(rep *replication) {
	r := rep.res
	if c.n == 0 {
		c.first = r
		for i := range c.band {
			c.band[i] = make([][]float64, len(r.Monthly))
		}
		for i := range c.annual {
			c.annual[i] = make([][]float64, len(r.Annual))
		}
		c.monthBinding = make([]modeCount, len(r.Monthly))
		c.periodBinding = make([]modeCount, len(r.Annual))
	}
	c.n++
	addResult(c.sum, r)
	c.events += rep.events
	for p := range c.ttrHist {
		if len(rep.ttrHist[p]) > len(c.ttrHist[p]) {
			c.ttrHist[p] = append(c.ttrHist[p], make([]int64, len(rep.ttrHist[p])-len(c.ttrHist[p]))...)
		}
		for d, v := range rep.ttrHist[p] {
			c.ttrHist[p][d] += v
		}
		c.ttrSteps[p] += rep.ttrSteps[p]
		c.ttrN[p] += rep.ttrN[p]
	}
	for i := range r.Monthly {
		mo := &r.Monthly[i]
		for j, metric := range BandMetrics {
			c.band[j][i] = append(c.band[j][i], monthValue(mo, metric))
		}
		c.monthBinding[i].add(mo.Binding)
	}
	for i := range r.Annual {
		p := &r.Annual[i]
		for j, metric := range annualBandMetrics {
			c.annual[j][i] = append(c.annual[j][i], periodValue(p, metric))
		}
		c.periodBinding[i].add(p.Binding)
	}
}

// result returns the mean of the replications added.
func (c *combiner) result() *result.Result {
	out, n := c.sum, float64(c.n)
	scaleResult(out, n)
	out.Engine, out.Seed, out.Runs = "agent", c.seed, c.n
	out.Sources = c.first.Sources
	for i := range out.Monthly {
		out.Monthly[i].Capacity = c.first.Monthly[i].Capacity
		out.Monthly[i].Binding = c.monthBinding[i].mode()
	}
	for i := range out.Annual {
		out.Annual[i].Binding = c.periodBinding[i].mode()
	}
	out.Events = float64(c.events) / n

	spd := float64(c.m.StepsPerDay)
	if !c.lean {
		out.TimeToRemovalDays = map[string]result.Distribution{}
	}
	for p := procedure.Pathway(0); !c.lean && p < procedure.NumPathways; p++ {
		d := result.Distribution{Count: float64(c.ttrN[p]) / n}
		if count := c.ttrN[p]; count > 0 {
			hist := c.ttrHist[p]
			d.Mean = float64(c.ttrSteps[p]) / float64(count) / spd
			d.P50, d.P90 = histQuantile(hist, count, 0.5), histQuantile(hist, count, 0.9)
			d.Max = float64(len(hist) - 1)
		}
		out.TimeToRemovalDays[p.String()] = d
	}

	out.Bands = map[string][]result.Band{}
	for j, metric := range BandMetrics {
		out.Bands[metric] = bands(c.band[j], func(i int) string { return c.first.Monthly[i].Month })
	}
	out.AnnualBands = map[string][]result.Band{}
	for j, metric := range annualBandMetrics {
		out.AnnualBands[metric] = bands(c.annual[j], func(i int) string { return c.first.Annual[i].From })
	}
	return out
}

// bands returns, for each row (month or period), the 5th, 50th and 95th
// percentiles of its replications' values, labelled by label.
func bands(rows [][]float64, label func(i int) string) []result.Band {
	out := make([]result.Band, len(rows))
	for i, vals := range rows {
		slices.Sort(vals)
		out[i] = result.Band{Month: label(i), P05: Quantile(vals, 0.05), P50: Quantile(vals, 0.5), P95: Quantile(vals, 0.95)}
	}
	return out
}

func monthValue(mo *result.Month, metric string) float64 {
	switch metric {
	case "removals":
		return mo.Removals
	case "arrests":
		return mo.Arrests
	case "detained":
		return mo.Detained
	case "court_backlog":
		return mo.CourtBacklog
	default:
		return mo.FinalOrders
	}
}

// Quantile returns the q-quantile of sorted values by linear
// interpolation between order statistics (Hyndman and Fan's type 7, the
// default of R and NumPy); 0 for no values.
func Quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	h := q * float64(len(sorted)-1)
	i := int(h)
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-float64(i))*(sorted[i+1]-sorted[i])
}

// histQuantile returns the smallest day whose cumulative count reaches
// q of total, as tally does for one run.
func histQuantile(h []int64, total int64, q float64) float64 {
	target, acc := q*float64(total), int64(0)
	for d, v := range h {
		acc += v
		if float64(acc) >= target {
			return float64(d)
		}
	}
	return float64(len(h) - 1)
}

// modeCount counts values to find the most frequent, ties going to the
// one seen first.
type modeCount struct {
	values []string
	counts []int
}

func (m *modeCount) add(v string) {
	if i := slices.Index(m.values, v); i >= 0 {
		m.counts[i]++
		return
	}
	m.values = append(m.values, v)
	m.counts = append(m.counts, 1)
}

func (m *modeCount) mode() string {
	best, most := "", 0
	for i, c := range m.counts {
		if c > most {
			best, most = m.values[i], c
		}
	}
	return best
}
