package calibrate

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/scenario"
)

// HeldOut are the fiscal years left out of the fit: one year in four,
// FY2012, FY2016, FY2020 and FY2024, so that each era of the dataset is
// tested once: the FY2012 peak of border-driven removals, the low-border
// years of FY2015-FY2018, the first COVID-19 and Title 42 year, and the
// FY2024 border surge. The two named bars (FY2012, FY2024) are
// therefore out-of-sample.
var HeldOut = []int{2012, 2016, 2020, 2024}

// TrainYears are the years FirstFY-LastFY not held out.
func TrainYears() []int {
	var out []int
	for fy := history.FirstFY; fy <= history.LastFY; fy++ {
		if !slices.Contains(HeldOut, fy) {
			out = append(out, fy)
		}
	}
	return out
}

// Weights of each compared series in the objective (on log errors).
// Removals count most; the others constrain the pipeline's parts.
var Weights = map[string]float64{
	"removals":      1,
	"arrests":       0.3,
	"detention_adp": 0.3,
	"court_backlog": 0.3,
}

// Free is one fitted quantity and the behavioural settings it determines.
type Free struct {
	Bounded
	// Why says what the quantity is, for the calibrated file.
	Why string
	// settings returns the settings for value x given every fitted value
	// by name (some settings depend on two values).
	settings func(x float64, all map[string]float64) []history.Setting
}

func single(path string) func(float64, map[string]float64) []history.Setting {
	return func(x float64, _ map[string]float64) []history.Setting {
		return []history.Setting{{Path: path, Param: scenario.P(x)}}
	}
}

// travelDocBase are the travel-document delays of the country groups of
// history after Mexico (days), which the fitted scale multiplies; Mexico's
// is fitted on its own, since its citizens are removed by land within days.
var travelDocBase = []float64{10, 30, 90}

// Parameters are the fitted quantities and their bounds and starts: the
// border periods' shares (borderParameters), then the rest.
var Parameters = append(borderParameters(), []Free{
	{Bounded{"arrests.per_officer_month", 0.3, 8, 2}, "ICE administrative arrests per deportation officer per month", single("arrests.per_officer_month")},
	{Bounded{history.RegimePrefix + "priorities_2014", 0.1, 3, 1}, "factor on arrests per officer from the 20 November 2014 priorities to Executive Order 13768 (history.Regimes)", single(history.RegimePrefix + "priorities_2014")},
	{Bounded{history.RegimePrefix + "eo13768", 0.1, 3, 1}, "factor on arrests per officer under Executive Order 13768, February 2017 to March 2020 (history.Regimes)", single(history.RegimePrefix + "eo13768")},
	{Bounded{history.RegimePrefix + "covid_2020", 0.1, 3, 1}, "factor on arrests per officer from ICE's COVID-19 statement of 18 March 2020 to January 2021 (history.Regimes)", single(history.RegimePrefix + "covid_2020")},
	{Bounded{history.RegimePrefix + "priorities_2021", 0.1, 3, 1}, "factor on arrests per officer under the 2021 priorities (history.Regimes)", single(history.RegimePrefix + "priorities_2021")},
	{Bounded{"arrests.final_order_share", 0.01, 0.95, 0.3}, "share of arrest effort on the final-order docket", single("arrests.final_order_share")},
	{Bounded{"arrests.located_share_per_year", 0.005, 0.6, 0.08}, "share of the final-order docket ICE can locate in a year", single("arrests.located_share_per_year")},
	{Bounded{"detention.detain_share", 0.05, 0.99, 0.8}, "share of interior arrests without an order booked into detention", single("detention.detain_share")},
	{Bounded{"court.detained_case_days", 5, 150, 40}, "days before a detained case can be decided", single("court.detained_case_days")},
	{Bounded{"procedure.border_fear_claim_rate", 0.01, 0.95, 0.2}, "share of expedited-removal cases claiming fear", single("procedure.border_fear_claim_rate")},
	{Bounded{"countries[0].travel_doc_days", 0.5, 20, 3}, "days to a travel document for Mexican citizens (removed by land, most at the border)", single("countries[0].travel_doc_days")},
	{Bounded{"countries.travel_doc_scale", 0.1, 2.5, 1}, "multiplier of the travel-document delays of the other three country groups (10, 30, 90 days)", func(x float64, _ map[string]float64) []history.Setting {
		out := make([]history.Setting, len(travelDocBase))
		for i, d := range travelDocBase {
			out[i] = history.Setting{Path: "countries[" + strconv.Itoa(i+1) + "].travel_doc_days", Param: scenario.P(d * x)}
		}
		return out
	}},
}...)

// borderParameters are the two shares of each CBP processing period of
// history.BorderRegimes.
func borderParameters() []Free {
	var out []Free
	for _, rg := range history.BorderRegimes {
		e := history.BorderPrefix + rg.Name + history.ExpeditedSuffix
		q := history.BorderPrefix + rg.Name + history.ReleasedSuffix
		out = append(out,
			Free{Bounded{e, 0.01, 0.99, 0.5}, "share of Title 8 southwest apprehensions CBP handed to ICE for removal during the " + rg.Name + " period (history.BorderRegimes)", single(e)},
			Free{Bounded{q, 0.01, 0.99, 0.3}, "share of the other Title 8 southwest apprehensions CBP released with a notice to appear during the " + rg.Name + " period (history.BorderRegimes)", single(q)})
	}
	return out
}

// behaviour turns fitted values (in the order of params) into settings.
func behaviour(params []Free, x []float64) history.Behaviour {
	all := map[string]float64{}
	for i, p := range params {
		all[p.Name] = x[i]
	}
	var b history.Behaviour
	for i, p := range params {
		b = append(b, p.settings(x[i], all)...)
	}
	return b
}

// Targets are the values to fit by fiscal year and series; nil means the
// dataset's figures.
type Targets map[int]map[string]float64

// HistoryProblem is the least-squares problem of params over years: one
// residual per year and compared series with a target (by default the
// dataset's figure), weight × ln(predicted / target).
func HistoryProblem(params []Free, years []int, targets Targets) Problem {
	bs := make([]Bounded, len(params))
	for i, p := range params {
		bs[i] = p.Bounded
	}
	return Problem{Params: bs, Residuals: func(x []float64) ([]float64, error) {
		b := behaviour(params, x)
		ys, err := predictYears(years, b)
		if err != nil {
			return nil, err
		}
		var r []float64
		for i, fy := range years {
			y := ys[i]
			for _, s := range backtest.Series {
				p := y.Values[s]
				if targets != nil {
					p.Actual, p.HasActual = targets[fy][s], targets[fy][s] > 0
				}
				if !p.HasActual {
					continue
				}
				r = append(r, Weights[s]*math.Log(math.Max(p.Predicted, 1)/p.Actual))
			}
		}
		return r, nil
	}}
}

// predictYears runs backtest.Predict for every year of years with b, the
// years spread over GOMAXPROCS goroutines; the results come back in the
// order of years, and the first error in that order, so the outcome does
// not depend on scheduling.
func predictYears(years []int, b history.Behaviour) ([]backtest.Year, error) {
	out := make([]backtest.Year, len(years))
	errs := make([]error, len(years))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(years)) {
		wg.Go(func() {
			for i := range next {
				out[i], errs[i] = backtest.Predict(years[i], b)
			}
		})
	}
	for i := range years {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Result is a calibration of the history scenarios.
type Result struct {
	Fit *Fit
	// Behaviour holds the fitted settings with their sources and ranges.
	Behaviour history.Behaviour
	Train     []int
	HeldOut   []int
}

// Calibrate fits Parameters to the training years.
func Calibrate(set Settings) (*Result, error) {
	train := TrainYears()
	fit, err := Solve(HistoryProblem(Parameters, train, nil), set)
	if err != nil {
		return nil, err
	}
	return &Result{Fit: fit, Behaviour: Provenance(Parameters, fit, train), Train: train, HeldOut: slices.Clone(HeldOut)}, nil
}

// Provenance returns the behaviour of a fit with each setting's source
// citing the calibration and its range from the fit's uncertainty (for
// settings derived from two fitted values, the range of the value they
// are named after, or none).
func Provenance(params []Free, fit *Fit, train []int) history.Behaviour {
	x := fit.Values()
	lo, hi := make([]float64, len(x)), make([]float64, len(x))
	for i, e := range fit.Estimates {
		lo[i], hi[i] = e.Low, e.High
	}
	all := map[string]float64{}
	for i, p := range params {
		all[p.Name] = x[i]
	}
	var b history.Behaviour
	for i, p := range params {
		sLo, sHi := p.settings(lo[i], all), p.settings(hi[i], all)
		for j, st := range p.settings(x[i], all) {
			st.Param.Source = fmt.Sprintf("calibrated: removalsim calibrate, fitted %s (%s) to ICE removals, arrests, detention ADP and court backlog of train FY%s (held out FY%s), one value for all years (data: %s); range is the 95%% Gauss-Newton interval",
				p.Name, p.Why, years(train), years(HeldOut), strings.Join(backtest.DatasetSeries(), ", "))
			if !fit.Estimates[i].Identified {
				st.Param.Source += " (not identified by the data: range is the search bounds)"
			}
			a, c := sLo[j].Param.Value, sHi[j].Param.Value
			st.Param.Range = []float64{math.Min(a, c), math.Max(a, c)}
			if st.Param.Value < st.Param.Range[0] || st.Param.Value > st.Param.Range[1] {
				st.Param.Range = nil
			}
			b = append(b, st)
		}
	}
	return b
}

func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ",")
}
