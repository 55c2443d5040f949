package calibrate

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/scenario"
)

// HeldOut are the fiscal years left out of the fit (history.HeldOut,
// where the history scenarios read it so that no training year takes a
// held-out year's scored figure).
var HeldOut = history.HeldOut

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

// Sigma is the standard deviation assumed for each compared series' log
// error ln(predicted/actual): the model's structural error, which the
// year-to-year noise of a published count is far below. Removals, the
// headline, are asked to within about 10%; arrests, detention and the
// backlog, which the model drives more coarsely, within about a third
// (the relative weights 1 : 0.3 of the earlier least-squares fit). The
// fit's dispersion (Fit.Dispersion) says whether the errors are larger.
// The fitting-only targets (backtest.FitOnly) are asked to within about a
// fifth: ICE's border/interior split is by arresting agency, the model's
// by pathway, and book-ins count admissions, not people.
var Sigma = map[string]float64{
	"removals":      0.10,
	"arrests":       0.33,
	"detention_adp": 0.33,
	"court_backlog": 0.33,
	"border_share":  0.20,
	// Book-ins count initial admissions; the model's admissions by
	// pathway approximate them (transfers between facilities excluded
	// on both sides).
	"detention_bookins": 0.20,
}

// FittedSeries are the quantities compared in the training years: the
// backtest's scored series and its fitting-only ones.
func FittedSeries() []string {
	return append(slices.Clone(backtest.Series), backtest.FitOnly...)
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

// Priors of the fitted quantities that are not baseline-2025 parameters
// with a cited range: weakly informative, and said so.
var (
	factorPrior = Prior{1, 0.4, 2.5, "judgement: an enforcement period changes arrests per officer by at most about 2.5 times either way (weakly informative; the periods' policies are cited in history.Regimes)"}
	expPrior    = Prior{0.5, 0.15, 0.85, "weakly informative: CBP's yearly split of Title 8 apprehensions between referral to ICE, release and return is not in the public dataset (data/README.md)"}
	relPrior    = Prior{0.3, 0.08, 0.7, "weakly informative: CBP's yearly releases with a notice to appear are not in the public dataset (data/README.md)"}
)

// Parameters are the fitted quantities, their bounds and priors: the
// border periods' shares (borderParameters), then the rest. The priors of
// scenario parameters are centred on baseline-2025's values, with the
// ranges their sources cite (or give as a range).
var Parameters = append(borderParameters(), []Free{
	{Bounded{"arrests.per_officer_month", 0.3, 8, Prior{2.5, 1, 6, "weakly informative: 1 to 6 arrests per officer-month, from about baseline-2025's rate under the 2021 priorities to four times it in the jail-transfer era of the reference period (it cites no figure of a fitted or held-out year, so that the prior does not carry one)"}},
		"ICE administrative arrests per deportation officer per month in the reference enforcement period (before Secure Communities)", single("arrests.per_officer_month")},
	{Bounded{history.RegimePrefix + "secure_communities", 0.1, 3, factorPrior}, "factor on arrests per officer under Secure Communities, November 2008 to December 2012 (history.Regimes)", single(history.RegimePrefix + "secure_communities")},
	{Bounded{history.RegimePrefix + "detainers_2012", 0.1, 3, factorPrior}, "factor on arrests per officer from ICE's detainer guidance of 21 December 2012 to the 20 November 2014 priorities (history.Regimes)", single(history.RegimePrefix + "detainers_2012")},
	{Bounded{history.RegimePrefix + "priorities_2014", 0.1, 3, factorPrior}, "factor on arrests per officer from the 20 November 2014 priorities to Executive Order 13768 (history.Regimes)", single(history.RegimePrefix + "priorities_2014")},
	{Bounded{history.RegimePrefix + "eo13768", 0.1, 3, factorPrior}, "factor on arrests per officer under Executive Order 13768, February 2017 to March 2020 (history.Regimes)", single(history.RegimePrefix + "eo13768")},
	{Bounded{history.RegimePrefix + "covid_2020", 0.1, 3, factorPrior}, "factor on arrests per officer from ICE's COVID-19 statement of 18 March 2020 to January 2021 (history.Regimes)", single(history.RegimePrefix + "covid_2020")},
	{Bounded{history.RegimePrefix + "priorities_2021", 0.1, 3, factorPrior}, "factor on arrests per officer under the interim priorities of February to November 2021 (history.Regimes)", single(history.RegimePrefix + "priorities_2021")},
	{Bounded{history.RegimePrefix + "guidelines_2021", 0.1, 3, factorPrior}, "factor on arrests per officer under the Mayorkas guidelines, December 2021 to May 2022 and again from July 2023 (history.Regimes)", single(history.RegimePrefix + "guidelines_2021")},
	{Bounded{history.RegimePrefix + "guidelines_vacated", 0.1, 3, factorPrior}, "factor on arrests per officer while the Mayorkas guidelines were vacated, June 2022 to June 2023 (history.Regimes)", single(history.RegimePrefix + "guidelines_vacated")},
	{Bounded{history.ProcessingShare, 0.002, 0.8, Prior{0.1, 0.02, 0.4, "weakly informative: ICE's FY2022 annual report counts 96,354 of its 142,750 administrative arrests as 'other immigration violators', mostly people CBP had arrested first (doc: ice_annual_report_fy2022_arrests), against about a million CBP releases a year in FY2021-FY2023; the prior does not use the count, a training-year figure, beyond its order of magnitude"}},
		"share of CBP's releases of southwest Title 8 apprehensions that ICE counted among its administrative arrests (processing into proceedings or ATD) in history.ProcessingPeriods, from February 2021 (history.ProcessingShare); it adds to the arrests compared, not to the arrest pathway", single(history.ProcessingShare)},
	{Bounded{"arrests.final_order_share", 0.01, 0.95, Prior{0.3, 0.1, 0.65, "baseline-2025's 0.3; range from its sources: 29% of FY2024 arrests at large, about two in three fugitive-operations arrests with an order 2003-2008 (doc: news_ap_2007_12_fugitive_arrests_fy2007)"}},
		"share of arrest effort on the final-order docket", single("arrests.final_order_share")},
	{Bounded{"arrests.located_share_per_year", 0.005, 0.6, Prior{0.08, 0.03, 0.2, "baseline-2025's 0.08; range from its sources: fugitive operations located 4.8-5.5% of the fugitive backlog a year in FY2007-FY2010 (doc: news_ap_2007_12_fugitive_arrests_fy2007)"}},
		"share of the final-order docket ICE can locate in a year", single("arrests.located_share_per_year")},
	{Bounded{"detention.detain_share", 0.05, 0.99, Prior{0.8, 0.5, 0.95, "baseline-2025's 0.8; its sources give about 82% of 2024 arrests and 90% of early-2025 arrests booked into detention (doc: news_nyt_2025_02_ice_data)"}},
		"share of interior arrests without an order booked into detention", single("detention.detain_share")},
	{Bounded{"procedure.hearing_entitled_share", 0.2, 0.99, Prior{0.7, 0.45, 0.9, "weakly informative: baseline-2025's 0.85 reflects the January 2025 designation of expedited removal anywhere in the country (doc: fr_90_8139_expedited_removal_2025), which FY2008-FY2024 did not have (the July 2019 designation was enjoined, then rescinded; doc: fr_84_35409_expedited_removal_2019); before 2025 interior arrests removed without a hearing were reinstatements of prior orders, administrative removals and stipulated orders, whose share of interior arrests the public dataset does not give"}},
		"share of interior arrests entitled to a hearing before an immigration judge (the rest: reinstatement of a prior order, administrative or stipulated removal)", single("procedure.hearing_entitled_share")},
	{Bounded{"court.detained_case_days", 5, 150, Prior{60, 30, 120, "baseline-2025's 60; range from its sources: 39 days awaiting court on average in 2018, 114 days at the Imperial court (doc: news_nbc_2018_detention_39_days, doc: trac_atwork_2018_05_imperial_detained_114)"}},
		"days before a detained case can be decided", single("court.detained_case_days")},
	{Bounded{history.FearClaimsCBPShare, 0.2, 0.995, Prior{0.85, 0.55, 0.97, "CBP reported 92,959 southwest fear claims in FY2018 (doc: cbp_2018_12_10_fear_claims) against USCIS's 99,035 credible-fear cases (data: credible_fear_claims FY2018), 0.94; 0.55-0.97 allows for other years' interior and non-southwest cases (weakly informative below 0.94)"}},
		"share of USCIS's credible-fear caseload from CBP's southwest cases handed to ICE, which with the prior year's caseload sets each year's fear-claim rate (history.FearClaimsCBPShare)", single(history.FearClaimsCBPShare)},
	{Bounded{"countries[0].travel_doc_days", 0.5, 20, Prior{3, 1, 14, "baseline-2025's 3 days; its sources put removal of Mexicans with final orders within one to two weeks (doc: ice_2019_08_20_guatemala_streamlined)"}},
		"days to a travel document for Mexican citizens (removed by land, most at the border)", single("countries[0].travel_doc_days")},
	{Bounded{"countries.travel_doc_scale", 0.1, 2.5, Prior{1, 0.5, 2, "judgement: baseline-2025's delays (10, 30, 90 days, each bounded by its sources) within a factor of 2"}},
		"multiplier of the travel-document delays of the other three country groups (10, 30, 90 days)", func(x float64, _ map[string]float64) []history.Setting {
			out := make([]history.Setting, len(travelDocBase))
			for i, d := range travelDocBase {
				out[i] = history.Setting{Path: "countries[" + strconv.Itoa(i+1) + "].travel_doc_days", Param: scenario.P(d * x)}
			}
			return out
		}},
}...)

// keptPrior is the prior of a border period's share of positive fear
// screenings kept in detention, as history.Kept gives it.
func keptPrior(period string) Prior {
	const cite = "Human Rights First's FOIA records of ICE parole decisions for arriving asylum seekers who passed a credible-fear interview: 80.6% paroled nationally in early 2011, more than 92% in the Detroit, El Paso, Los Angeles, Newark and Philadelphia field offices in 2011-2013, 47.7% in 2017 and 60% in 2018 (doc: hrf_ice_parole_foia_2017_2018), under the parole directive effective 4 January 2010 (doc: ice_factsheet_parole_directive_2010); people who crossed between ports were not arriving aliens and could seek bond, whose grants the dataset lacks"
	g := history.Kept(period)
	return Prior{g.Centre, g.Lo, g.Hi, cite + "; " + g.Why}
}

// borderParameters are the two shares of each CBP processing period of
// history.BorderRegimes.
func borderParameters() []Free {
	var out []Free
	for _, rg := range history.BorderRegimes {
		e := history.BorderPrefix + rg.Name + history.ExpeditedSuffix
		q := history.BorderPrefix + rg.Name + history.ReleasedSuffix
		k := history.BorderPrefix + rg.Name + history.KeptSuffix
		out = append(out,
			Free{Bounded{k, 0.01, 0.99, keptPrior(rg.Name)}, "share of the southwest cases found to have a credible fear during the " + rg.Name + " period kept in detention for their hearing (parole or bond denied; history.BorderRegimes)", single(k)},
			Free{Bounded{e, 0.01, 0.99, expPrior}, "share of Title 8 southwest apprehensions CBP handed to ICE for removal during the " + rg.Name + " period (history.BorderRegimes)", single(e)},
			Free{Bounded{q, 0.01, 0.99, relPrior}, "share of the other Title 8 southwest apprehensions CBP released with a notice to appear during the " + rg.Name + " period (history.BorderRegimes)", single(q)})
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
// dataset's figure), ln(predicted / target) / Sigma.
func HistoryProblem(params []Free, years []int, targets Targets) Problem {
	bs := make([]Bounded, len(params))
	for i, p := range params {
		bs[i] = p.Bounded
	}
	return Problem{Params: bs, Residuals: func(x []float64) ([]float64, error) {
		b := behaviour(params, x)
		ys, err := backtest.PredictYears(years, b)
		if err != nil {
			return nil, err
		}
		var r []float64
		for i, fy := range years {
			y := ys[i]
			for _, s := range FittedSeries() {
				p := y.Values[s]
				if targets != nil {
					p.Actual, p.HasActual = targets[fy][s], targets[fy][s] > 0
				}
				if !p.Scored() {
					continue
				}
				r = append(r, logError(p.Predicted, p.Actual)/Sigma[s])
			}
		}
		return r, nil
	}}
}

// logError is ln(predicted/actual), with the prediction floored at a
// thousandth of the actual so that a count or share predicted at zero
// gives a large finite error.
func logError(predicted, actual float64) float64 {
	return math.Log(math.Max(predicted, 1e-3*actual) / actual)
}

// Result is a calibration of the history scenarios.
type Result struct {
	Fit *Fit
	// Behaviour holds the fitted settings with their sources and ranges.
	Behaviour history.Behaviour
	Train     []int
	HeldOut   []int
	// Residuals are the training figures at the optimum, by year and
	// series.
	Residuals []Residual
	// LeaveOneOut holds, for each training year, its removals predicted by
	// a refit without it (nil when not computed).
	LeaveOneOut []Residual
}

// Residual is one compared figure: predicted against the dataset, with
// the standardised error ln(predicted/actual)/Sigma.
type Residual struct {
	FY                int
	Series            string
	Predicted, Actual float64
	Standardised      float64
}

// APE is the residual's absolute percentage error.
func (r Residual) APE() float64 { return 100 * math.Abs(r.Predicted-r.Actual) / r.Actual }

// LeaveOneOutMAPE is the mean absolute percentage error of the
// leave-one-year-out removals, NaN when none was computed.
func (r *Result) LeaveOneOutMAPE() float64 {
	if len(r.LeaveOneOut) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, l := range r.LeaveOneOut {
		s += l.APE()
	}
	return s / float64(len(r.LeaveOneOut))
}

// Calibrate fits Parameters to the training years; with leaveOneOut it
// also refits once without each training year, from the full fit, and
// predicts that year's removals.
func Calibrate(set Settings, leaveOneOut bool) (*Result, error) {
	train := TrainYears()
	progress := set.Progress
	if progress != nil {
		set.Progress = func(line string) { progress("fit: " + line) }
	}
	fit, err := Solve(HistoryProblem(Parameters, train, nil), set)
	if err != nil {
		return nil, err
	}
	res := &Result{Fit: fit, Behaviour: Provenance(Parameters, fit, train), Train: train, HeldOut: slices.Clone(HeldOut)}
	if res.Residuals, err = residuals(train, behaviour(Parameters, fit.Values()), FittedSeries()); err != nil {
		return nil, err
	}
	if !leaveOneOut {
		return res, nil
	}
	for i, fy := range train {
		rest := slices.Delete(slices.Clone(train), i, i+1)
		loo := set
		loo.Start = fit.Values()
		loo.MaxIterations = 8
		if progress != nil {
			loo.Progress = func(line string) { progress(fmt.Sprintf("without FY%d (%d of %d): %s", fy, i+1, len(train), line)) }
		}
		f, err := Solve(HistoryProblem(Parameters, rest, nil), loo)
		if err != nil {
			return nil, err
		}
		r, err := residuals([]int{fy}, behaviour(Parameters, f.Values()), []string{"removals"})
		if err != nil {
			return nil, err
		}
		res.LeaveOneOut = append(res.LeaveOneOut, r...)
	}
	return res, nil
}

// residuals are the scored figures of years under b, for the series.
func residuals(years []int, b history.Behaviour, series []string) ([]Residual, error) {
	ys, err := backtest.PredictYears(years, b)
	if err != nil {
		return nil, err
	}
	var out []Residual
	for i, y := range ys {
		for _, s := range series {
			p := y.Values[s]
			if !p.Scored() {
				continue
			}
			out = append(out, Residual{FY: years[i], Series: s, Predicted: p.Predicted, Actual: p.Actual,
				Standardised: logError(p.Predicted, p.Actual) / Sigma[s]})
		}
	}
	return out, nil
}

// Provenance returns the behaviour of a fit with each setting's source
// citing the calibration, the prior and the posterior, and its range the
// 95% posterior interval (for settings derived from two fitted values,
// the range of the value they are named after, or none).
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
		e := fit.Estimates[i]
		sLo, sHi := p.settings(lo[i], all), p.settings(hi[i], all)
		for j, st := range p.settings(x[i], all) {
			st.Param.Source = fmt.Sprintf("calibrated: removalsim calibrate, posterior mode of %s (%s) given ICE removals, arrests, detention ADP and court backlog of train FY%s (held out FY%s), one value for all years (data: %s); prior %.4g, 95%% %.4g-%.4g (%s); range is the 95%% Laplace posterior interval; the data carry %.0f%% of its precision",
				p.Name, p.Why, years(train), years(HeldOut), strings.Join(backtest.DatasetSeries(), ", "),
				e.Prior.Center, e.Prior.Low, e.Prior.High, e.Prior.Source, 100*e.DataShare)
			if note := BoundNote(e); note != "" {
				st.Param.Source += "; " + note
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

// BoundNote explains an estimate that lies at one of its bounds, or is
// empty.
func BoundNote(e Estimate) string {
	if e.AtBound == "" {
		return ""
	}
	return fmt.Sprintf("AT ITS %s BOUND: the training years pull it past its prior's 95%% range %.4g-%.4g; the value is where the bound stops it, not an estimate, and the model's structure for this quantity is suspect",
		strings.ToUpper(e.AtBound), e.Prior.Low, e.Prior.High)
}

func years(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ",")
}
