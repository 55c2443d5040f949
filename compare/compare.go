// Package compare sets two scenarios' headline outcomes side by side: the
// difference B − A of every outcome, and, when each side has several
// replications run with common random numbers (replication i of A and of
// B use the same seed), a paired Student-t 95% confidence interval for
// each difference.
//
// Pairing is what makes small differences visible: the variation that
// both scenarios share (the same synthetic cases drawn from the same
// streams) cancels in the per-replication differences. A scenario
// compared with itself therefore shows zero difference with intervals of
// zero width, whatever the engine.
package compare

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/removalsim/removalsim/result"
)

// Outcome names one headline number of a result.
type Outcome struct {
	Name string
	// Unit is "persons", "USD", "days" or "share".
	Unit string
	Get  func(r *result.Result) float64
}

// Row is one outcome's comparison.
type Row struct {
	Outcome string  `json:"outcome"`
	Unit    string  `json:"unit"`
	A       float64 `json:"a"`
	B       float64 `json:"b"`
	// Diff is mean(B − A) over replications.
	Diff float64 `json:"diff"`
	// Relative is Diff / A; zero when A is zero.
	Relative float64 `json:"relative"`
	// Low and High bound the paired 95% confidence interval of Diff;
	// equal to Diff when there is one replication (the flow engine is
	// deterministic).
	Low  float64 `json:"ci_low"`
	High float64 `json:"ci_high"`
	// Correlation is Pearson's correlation of A and B across the
	// replications: how much of their noise the common random numbers
	// share (near 1 when the two scenarios draw the same cases). Zero
	// with fewer than two replications or when either side is constant.
	Correlation float64 `json:"correlation"`
}

// Comparison is the result of Pairs.
type Comparison struct {
	A, B string `json:"-"`
	// Replications is the number of pairs.
	Replications int `json:"replications"`
	// Confidence is the interval level (0.95).
	Confidence float64 `json:"confidence"`
	Rows       []Row   `json:"rows"`
}

// Outcomes returns the headline outcomes of a, b: totals, removals by
// pathway, costs, detention, due-process indicators and time to removal.
// Pathways are those present in either result, sorted.
func Outcomes(results ...*result.Result) []Outcome {
	out := []Outcome{
		{"removals", "persons", func(r *result.Result) float64 { return r.Totals.Removals }},
	}
	paths := map[string]bool{}
	for _, r := range results {
		for p := range r.Totals.RemovalsByPathway {
			paths[p] = true
		}
	}
	for _, p := range sortedKeys(paths) {
		out = append(out, Outcome{"removals." + p, "persons", func(r *result.Result) float64 { return r.Totals.RemovalsByPathway[p] }})
	}
	out = append(out,
		Outcome{"arrests", "persons", func(r *result.Result) float64 { return r.Totals.Arrests }},
		Outcome{"court_completions", "cases", func(r *result.Result) float64 { return r.Totals.CourtCompletions }},
		Outcome{"voluntary_departures", "persons", func(r *result.Result) float64 { return r.Totals.VoluntaryDepartures }},
		Outcome{"relief", "persons", func(r *result.Result) float64 { return r.Totals.Relief }},
		Outcome{"cost", "USD", func(r *result.Result) float64 { return r.Totals.CostUSD }},
		Outcome{"cost_per_removal", "USD", func(r *result.Result) float64 { return r.Totals.CostPerRemovalUSD }},
		Outcome{"average_detained", "persons", func(r *result.Result) float64 { return r.Detention.AverageDailyPopulation }},
		Outcome{"mean_length_of_stay", "days", func(r *result.Result) float64 { return r.Detention.MeanLengthOfStayDays }},
		Outcome{"fear_screenings", "screenings", func(r *result.Result) float64 { return r.DueProcess.FearScreenings }},
		Outcome{"fear_screenings_passed", "screenings", func(r *result.Result) float64 { return r.DueProcess.FearScreeningsPassed }},
		Outcome{"third_country_screenings", "screenings", func(r *result.Result) float64 { return r.DueProcess.ThirdCountryScreenings }},
		Outcome{"notices_served", "notices", func(r *result.Result) float64 { return r.DueProcess.NoticesServed }},
		Outcome{"removals_with_assurances", "persons", func(r *result.Result) float64 { return r.DueProcess.RemovalsWithAssurances }},
		Outcome{"removals_without_assurances_after_notice", "persons", func(r *result.Result) float64 {
			return r.DueProcess.RemovalsWithoutAssurancesAfterNotice
		}},
		Outcome{"removals_without_assurances_or_notice", "persons", func(r *result.Result) float64 {
			return r.DueProcess.RemovalsWithoutAssurancesOrNotice
		}},
		Outcome{"removals_without_hearing", "persons", func(r *result.Result) float64 { return r.DueProcess.RemovalsWithoutHearing }},
		Outcome{"blocked_by_injunction", "persons", func(r *result.Result) float64 { return r.DueProcess.BlockedByInjunction }},
		Outcome{"mean_days_to_removal", "days", meanDaysToRemoval},
	)
	// The flow engine tracks means only; a median of zeros would read as
	// a finding.
	if len(results) > 0 && results[0].Engine == "agent" {
		out = append(out, Outcome{"median_days_to_removal", "days", medianDaysToRemoval})
	}
	return out
}

// meanDaysToRemoval is the removal-weighted mean over pathways.
func meanDaysToRemoval(r *result.Result) float64 {
	var n, s float64
	for _, p := range sortedKeys(r.TimeToRemovalDays) {
		d := r.TimeToRemovalDays[p]
		n += d.Count
		s += d.Count * d.Mean
	}
	if n == 0 {
		return 0
	}
	return s / n
}

// medianDaysToRemoval approximates the median over all removals by the
// count-weighted median of the pathways' medians (agent engine only).
func medianDaysToRemoval(r *result.Result) float64 {
	type pm struct{ p50, n float64 }
	var xs []pm
	total := 0.0
	for _, p := range sortedKeys(r.TimeToRemovalDays) {
		d := r.TimeToRemovalDays[p]
		if d.Count > 0 {
			xs = append(xs, pm{d.P50, d.Count})
			total += d.Count
		}
	}
	sort.SliceStable(xs, func(i, j int) bool { return xs[i].p50 < xs[j].p50 })
	acc := 0.0
	for _, x := range xs {
		acc += x.n
		if acc >= total/2 {
			return x.p50
		}
	}
	return 0
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Pairs compares replications a[i] and b[i], which must have been run
// with the same seeds. With one pair the interval is the difference
// itself.
func Pairs(a, b []*result.Result) (*Comparison, error) {
	if len(a) == 0 || len(a) != len(b) {
		return nil, fmt.Errorf("compare: need the same number (≥ 1) of replications of each scenario, got %d and %d", len(a), len(b))
	}
	for i := range a {
		if a[i] == nil || b[i] == nil {
			return nil, errors.New("compare: nil result")
		}
	}
	n := len(a)
	c := &Comparison{A: a[0].Scenario, B: b[0].Scenario, Replications: n, Confidence: 0.95}
	t := 0.0
	if n > 1 {
		t = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	}
	for _, o := range Outcomes(append(append([]*result.Result(nil), a...), b...)...) {
		var ma, mb, md float64
		d, xa, xb := make([]float64, n), make([]float64, n), make([]float64, n)
		for i := range n {
			xa[i], xb[i] = o.Get(a[i]), o.Get(b[i])
			ma += xa[i]
			mb += xb[i]
			d[i] = xb[i] - xa[i]
			md += d[i]
		}
		ma, mb, md = ma/float64(n), mb/float64(n), md/float64(n)
		half := 0.0
		if n > 1 {
			ss := 0.0
			for _, x := range d {
				ss += (x - md) * (x - md)
			}
			half = t * math.Sqrt(ss/float64(n-1)/float64(n))
		}
		row := Row{Outcome: o.Name, Unit: o.Unit, A: ma, B: mb, Diff: md, Low: md - half, High: md + half, Correlation: correlation(xa, xb)}
		if ma != 0 {
			row.Relative = md / ma
		}
		c.Rows = append(c.Rows, row)
	}
	return c, nil
}

// correlation returns Pearson's correlation of x and y; zero when either
// is constant or there are fewer than two values.
func correlation(x, y []float64) float64 {
	if len(x) < 2 {
		return 0
	}
	return nanToZero(stat.Correlation(x, y, nil))
}

func nanToZero(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}
