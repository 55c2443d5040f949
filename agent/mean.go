package agent

import (
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
)

// Combine returns the mean of single-replication results, in index
// order, with bands across them, as Run does for its own replications:
// for callers that run each replication on a different model (package
// uncertainty draws parameters per replication). Run pools the
// replications' time-to-removal histograms, which results do not carry:
// here a pathway's mean time to removal is the count-weighted mean of the
// replications', its quantiles the means of theirs and its maximum the
// largest.
func Combine(rs []*result.Result) *result.Result {
	if len(rs) == 0 {
		return nil
	}
	c := newCombiner(&model.Model{StepsPerDay: 1}, rs[0].Seed)
	for _, r := range rs {
		c.add(&replication{res: r, events: int64(r.Events)})
	}
	out := c.result()
	out.Events = 0
	for _, r := range rs {
		out.Events += r.Events
	}
	out.Events /= float64(len(rs))
	for p := range out.TimeToRemovalDays {
		var d result.Distribution
		weight := 0.0
		for _, r := range rs {
			x := r.TimeToRemovalDays[p]
			d.Count += x.Count
			d.Mean += x.Mean * x.Count
			weight += x.Count
			d.P50 += x.P50
			d.P90 += x.P90
			d.Max = max(d.Max, x.Max)
		}
		n := float64(len(rs))
		d.Count, d.P50, d.P90 = d.Count/n, d.P50/n, d.P90/n
		if weight > 0 {
			d.Mean /= weight
		}
		out.TimeToRemovalDays[p] = d
	}
	return out
}
