package agent

import "github.com/removalsim/removalsim/result"

// Combine returns the mean of single-replication results, in index
// order, with bands across them, as Run does for its own replications:
// for callers that run each replication on a different model (package
// uncertainty draws parameters per replication). Run pools the
// replications' time-to-removal histograms; results do not carry them, so
// here the time-to-removal quantiles are the means of the replications'
// quantiles.
func Combine(rs []*result.Result) *result.Result {
	reps := make([]*replication, len(rs))
	for i, r := range rs {
		reps[i] = &replication{res: r}
	}
	return combineResults(reps)
}
