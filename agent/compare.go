package agent

import (
	"math"
	"slices"

	"github.com/removalsim/removalsim/result"
)

// Comparison is one annual metric of the flow engine against the agent's
// replications.
type Comparison struct {
	// Period counts 12-month periods from 1; From and To are its months.
	Period   int
	From, To string
	// Metric is "removals", "arrests" or "average_detained".
	Metric string
	// Flow is the flow engine's value, Agent the replications' mean.
	Flow, Agent float64
	// DiffPct is 100 × (Agent − Flow) / Flow.
	DiffPct float64
	// Lo and Hi bound the replications' central 95% (2.5% and 97.5%
	// quantiles).
	Lo, Hi float64
	// OK is true when the engines agree: within Tolerance of each other,
	// or flow inside the agent's band.
	OK bool
}

// Tolerance is the relative difference below which the engines' annual
// means agree whatever the band.
const Tolerance = 0.03

// CompareMetrics are the annual metrics Compare checks.
var CompareMetrics = []string{"removals", "arrests", "average_detained"}

// Compare checks flow's annual removals, arrests and average detained
// population against the agent's replications, period by period.
func Compare(flow *result.Result, reps []*result.Result) []Comparison {
	var out []Comparison
	vals := make([]float64, len(reps))
	for i, p := range flow.Annual {
		for _, metric := range CompareMetrics {
			c := Comparison{Period: p.Index, From: p.From, To: p.To, Metric: metric, Flow: periodValue(&p, metric)}
			for j, r := range reps {
				vals[j] = periodValue(&r.Annual[i], metric)
				c.Agent += vals[j]
			}
			c.Agent /= float64(len(reps))
			slices.Sort(vals)
			c.Lo, c.Hi = Quantile(vals, 0.025), Quantile(vals, 0.975)
			diff := c.Agent - c.Flow
			if c.Flow != 0 {
				c.DiffPct = 100 * diff / c.Flow
			}
			c.OK = math.Abs(diff) <= Tolerance*math.Abs(c.Flow) || c.Lo <= c.Flow && c.Flow <= c.Hi
			out = append(out, c)
		}
	}
	return out
}

func periodValue(p *result.Period, metric string) float64 {
	switch metric {
	case "removals":
		return p.Removals
	case "arrests":
		return p.Arrests
	default:
		return p.AverageDetained
	}
}
