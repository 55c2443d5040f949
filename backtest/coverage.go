package backtest

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/numfmt"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
	"github.com/removalsim/removalsim/sensitivity"
	"github.com/removalsim/removalsim/uncertainty"
)

// Coverage is the check of the 90% bands against figures the model was
// not fitted to: for each held-out fiscal year and each 2025 window of
// ICE removals, the band of predictions over parameter draws (Latin
// hypercube over each ranged parameter's range: the calibration's
// posterior intervals in the history scenarios, the cited ranges in
// baseline-2025), and whether the published figure falls inside.
type Coverage struct {
	// Runs is the number of parameter draws.
	Runs  int            `json:"runs"`
	Items []CoverageItem `json:"items"`
	// Removals is the share of removals figures inside their band; All
	// the share of every figure.
	Removals float64 `json:"removals_rate"`
	All      float64 `json:"all_rate"`
	// PredictiveRemovals and PredictiveAll are the same shares for the
	// predictive bands, which add to each draw the model's structural
	// error as the fit assumes it (Sigma, a log-normal error per series):
	// what a forecast's band should include.
	PredictiveRemovals float64 `json:"predictive_removals_rate"`
	PredictiveAll      float64 `json:"predictive_all_rate"`
}

// CoverageItem is one published figure against its band.
type CoverageItem struct {
	// What names the figure: "FY2012 removals" or
	// "baseline-2025 removals 2025-01-26/2025-05-03".
	What   string  `json:"what"`
	Series string  `json:"series"`
	Actual float64 `json:"actual"`
	P05    float64 `json:"p05"`
	P50    float64 `json:"p50"`
	P95    float64 `json:"p95"`
	Inside bool    `json:"inside"`
	// Predictive05 and Predictive95 bound the predictive band (see
	// Coverage), PredictiveInside says whether it holds the figure.
	Predictive05     float64 `json:"predictive_p05"`
	Predictive95     float64 `json:"predictive_p95"`
	PredictiveInside bool    `json:"predictive_inside"`
}

// windows2025 are the ICE removals figures of 2025 that baseline-2025,
// which starts in January 2025, covers whole; none of them was an input
// or a fitting target of baseline-2025 (its arrests were: officer
// productivity is set to ICE's first-100-days arrests).
var windows2025 = []string{"2025-01-26/2025-05-03", "2025-01-20/2025-08-27"}

// CheckCoverage computes the coverage of the 90% bands with runs draws
// from seed: held-out years with behaviour b, and baseline-2025 over the
// 2025 windows. The engine is the flow engine: the agent engine's own
// noise is below 1% of removals (run --uncertainty noise), far inside
// these bands. sigma is the structural error per series (the standard
// deviation of ln(predicted/actual)) that the predictive bands add.
func CheckCoverage(b history.Behaviour, heldOut []int, runs int, seed uint64, sigma map[string]float64) (*Coverage, error) {
	if runs < 2 {
		return nil, fmt.Errorf("backtest: coverage needs at least 2 draws, got %d", runs)
	}
	c := &Coverage{Runs: runs}
	// The structural errors' standard normal draws: a Latin hypercube
	// column of its own, through the normal quantile.
	eps := make([]float64, runs)
	for r, u := range uncertainty.LatinHypercube(runs, 1, seed+1) {
		eps[r] = distuv.UnitNormal.Quantile(u[0])
	}
	item := func(what, series string, actual float64, preds []float64) CoverageItem {
		return newItem(what, series, actual, preds, eps, sigma[series])
	}
	// Held-out years: the behaviour's ranged settings drawn.
	var ranged []int
	for i, st := range b {
		if len(st.Param.Range) == 2 && st.Param.Range[0] < st.Param.Range[1] {
			ranged = append(ranged, i)
		}
	}
	u := uncertainty.LatinHypercube(runs, len(ranged), seed)
	byDraw := make([][]Year, runs)
	err := each(runs, func(r int) error {
		d := slices.Clone(b)
		for j, i := range ranged {
			p := d[i].Param
			p.Value = p.Range[0] + u[r][j]*(p.Range[1]-p.Range[0])
			d[i].Param = p
		}
		for _, fy := range heldOut {
			y, err := Predict(fy, d)
			if err != nil {
				return err
			}
			byDraw[r] = append(byDraw[r], y)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for k, y := range byDraw[0] {
		for _, s := range Series {
			if p := y.Values[s]; p.Scored() {
				preds := make([]float64, runs)
				for r := range runs {
					preds[r] = byDraw[r][k].Values[s].Predicted
				}
				c.Items = append(c.Items, item(fmt.Sprintf("FY%d %s", y.FY, s), s, p.Actual, preds))
			}
		}
	}
	// 2025: baseline-2025's cited ranges drawn.
	base, err := scenario.Load(scenarios.FS, "baseline-2025.yaml")
	if err != nil {
		return nil, err
	}
	fs := sensitivity.Factors(base)
	u = uncertainty.LatinHypercube(runs, len(fs), seed)
	// The run needs to reach the last window's end only.
	last := base.Start
	for _, w := range windows2025 {
		_, to := period(w)
		last = max(last, scenario.MonthOf(to.Year(), to.Month()))
	}
	base.Months = min(base.Months, int(last-base.Start)+1)
	win := make([][]float64, len(windows2025))
	for i := range win {
		win[i] = make([]float64, runs)
	}
	err = each(runs, func(r int) error {
		s := scenario.Clone(base)
		for j, f := range fs {
			scenario.Lookup(s, f.Name).Value = f.Low + u[r][j]*(f.High-f.Low)
		}
		m, err := model.Compile(s)
		if err != nil {
			return err
		}
		res := flow.Run(m)
		for i, w := range windows2025 {
			from, to := period(w)
			win[i][r] = Within(res.Monthly, func(m result.Month) float64 { return m.Removals }, from, to)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, w := range windows2025 {
		f, ok := data.Lookup("ice_removals", w)
		if !ok {
			return nil, fmt.Errorf("backtest: no ice_removals %s in the dataset", w)
		}
		c.Items = append(c.Items, item("baseline-2025 removals "+w, "removals", f.Value, win[i]))
	}
	c.All, c.Removals = rates(c.Items, func(it CoverageItem) bool { return it.Inside })
	c.PredictiveAll, c.PredictiveRemovals = rates(c.Items, func(it CoverageItem) bool { return it.PredictiveInside })
	return c, nil
}

// rates are the shares of all items, and of removals items, that inside
// says are inside their band.
func rates(items []CoverageItem, inside func(CoverageItem) bool) (all, removals float64) {
	var in, inR, nR int
	for _, it := range items {
		if inside(it) {
			in++
		}
		if it.Series == "removals" {
			nR++
			if inside(it) {
				inR++
			}
		}
	}
	return float64(in) / float64(len(items)), float64(inR) / float64(nR)
}

// newItem is one figure against the band of preds and the predictive
// band of preds × exp(sigma × eps).
// PredictYears runs Predict for every year of years with b, the years
// spread over GOMAXPROCS goroutines; the results come back in the order
// of years, and the first error in that order, so the outcome does not
// depend on scheduling.
func PredictYears(years []int, b history.Behaviour) ([]Year, error) {
	out := make([]Year, len(years))
	err := each(len(years), func(i int) (err error) {
		out[i], err = Predict(years[i], b)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// each runs f(0) ... f(n-1) on GOMAXPROCS goroutines and returns the
// first error in index order; f writes its results by index, so they do
// not depend on scheduling.
func each(n int, f func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func newItem(what, series string, actual float64, preds, eps []float64, sigma float64) CoverageItem {
	v := slices.Clone(preds)
	slices.Sort(v)
	it := CoverageItem{What: what, Series: series, Actual: actual,
		P05: agent.Quantile(v, 0.05), P50: agent.Quantile(v, 0.5), P95: agent.Quantile(v, 0.95)}
	it.Inside = actual >= it.P05 && actual <= it.P95
	for i, p := range preds {
		v[i] = p * math.Exp(sigma*eps[i])
	}
	slices.Sort(v)
	it.Predictive05, it.Predictive95 = agent.Quantile(v, 0.05), agent.Quantile(v, 0.95)
	it.PredictiveInside = actual >= it.Predictive05 && actual <= it.Predictive95
	return it
}

// period parses a "YYYY-MM-DD/YYYY-MM-DD" interval.
func period(p string) (from, to time.Time) {
	a, b, _ := strings.Cut(p, "/")
	from, _ = time.Parse("2006-01-02", a)
	to, _ = time.Parse("2006-01-02", b)
	return from, to
}

// Within sums value over the months of a run between the dates from and
// to (inclusive), counting a month partly inside by the fraction of its
// days inside.
func Within(months []result.Month, value func(result.Month) float64, from, to time.Time) float64 {
	sum := 0.0
	for _, m := range months {
		start, err := time.Parse("2006-01", m.Month)
		if err != nil {
			continue
		}
		end := start.AddDate(0, 1, 0) // exclusive
		lo, hi := start, end
		if from.After(lo) {
			lo = from
		}
		if to.AddDate(0, 0, 1).Before(hi) {
			hi = to.AddDate(0, 0, 1)
		}
		if hi.After(lo) {
			sum += value(m) * hi.Sub(lo).Hours() / end.Sub(start).Hours()
		}
	}
	return sum
}

// WriteCoverage writes the coverage check as text.
func (c *Coverage) WriteCoverage(b *strings.Builder) {
	fmt.Fprintf(b, "\nCoverage of the 90%% bands (%d parameter draws, flow engine; figures not used to fit).\n", c.Runs)
	fmt.Fprintf(b, "Parameters: the draws alone; predictive: each draw with the fit's structural error added.\n")
	mark := func(in bool) string {
		if in {
			return "in "
		}
		return "OUT"
	}
	fmt.Fprintf(b, "  %-50s %11s  %-29s %-29s\n", "figure", "published", "parameters", "predictive")
	n := numfmt.Count
	for _, it := range c.Items {
		fmt.Fprintf(b, "  %-50s %11s  %s %11s .. %-11s %s %11s .. %-11s\n", it.What, n(it.Actual),
			mark(it.Inside), n(it.P05), n(it.P95), mark(it.PredictiveInside), n(it.Predictive05), n(it.Predictive95))
	}
	fmt.Fprintf(b, "inside the band (goal about 90%%): parameters: removals %s, all series %s; predictive: removals %s, all series %s\n",
		pct(c.Removals), pct(c.All), pct(c.PredictiveRemovals), pct(c.PredictiveAll))
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return strconv.FormatFloat(100*x, 'f', 0, 64) + "%"
}
