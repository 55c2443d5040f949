// Package backtest runs the history scenario of every fiscal year with the
// flow engine and compares what it predicts with what the dataset
// records: ICE removals, ICE administrative arrests, the detention average
// daily population and the immigration-court backlog.
//
// Each year's run starts in October of FY-2 and the first 12 months are a
// warm-up (see history.Window); only the fiscal year itself is compared.
package backtest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tally"
)

// Series names the compared quantities, in report order.
var Series = []string{"removals", "arrests", "detention_adp", "court_backlog"}

// FitOnly are quantities that calibrate fits in the training years but
// the backtest does not score. The border share of ICE removals is ICE's
// removals of people CBP apprehended (ICE's "border removals") over all
// its removals, read as 1 - ice_removals_interior / ice_removals: a
// breakdown of the scored removals (scored-adjacent), which tells the fit
// how removals divide between the border pathway and interior arrests
// (without it the FY2017-FY2019 fit removed too few border cases and made
// up the total with interior arrests ICE did not make). Detention
// book-ins (ice_detention_bookins) are the people admitted to detention
// in the year, which with the average daily population sets how fast
// beds turn over. No year's scenario takes either as an input
// (sameQuantity), and held-out years' figures are reported, never
// fitted.
var FitOnly = []string{"border_share", "detention_bookins"}

// actualSeries maps each compared quantity to its dataset series.
var actualSeries = map[string]string{
	"removals":      "ice_removals",
	"arrests":       "ice_admin_arrests",
	"detention_adp": "ice_detention_adp",
	"court_backlog": "eoir_pending",
}

// DatasetSeries returns the dataset series the compared quantities are
// read from, in the order of Series: what calibrate fits and backtest
// scores.
func DatasetSeries() []string {
	out := make([]string, len(Series))
	for i, s := range Series {
		out[i] = actualSeries[s]
	}
	return out
}

// Pair is one quantity of one year. Actual is absent (HasActual false)
// when the dataset has no figure for the year.
type Pair struct {
	Actual    float64 `json:"actual,omitempty"`
	Predicted float64 `json:"predicted"`
	HasActual bool    `json:"-"`
	// Input is true when the year's scenario took the dataset figure, or
	// one measuring the same quantity, as an input (OwnYearCitations):
	// the pair is then not scored.
	Input bool `json:"-"`
}

// Scored reports whether the pair counts in errors and fits: it has a
// dataset figure and that figure was not an input of its own year.
func (p Pair) Scored() bool { return p.HasActual && !p.Input }

// Year is the comparison of one fiscal year.
type Year struct {
	FY int `json:"fy"`
	// HeldOut is true when the year was not used to fit the behaviour.
	HeldOut bool `json:"held_out"`
	// Values holds the Pair of each of Series.
	Values map[string]Pair `json:"-"`
	// Notes are the history notes of the year (estimates, events).
	Notes []history.Note `json:"-"`
	// Inputs are the dataset series the year's scenario took from the
	// fiscal year itself (OwnYearCitations); the rest of its inputs come
	// from earlier years or from the calibration.
	Inputs []string `json:"-"`
}

// Predict runs fiscal year fy with behaviour b and returns predicted and
// actual values. Removals, arrests and detention are sums or means over
// the fiscal year's 12 months; the court backlog is at its end.
func Predict(fy int, b history.Behaviour) (Year, error) {
	s, notes, err := history.Build(fy, b)
	if err != nil {
		return Year{}, err
	}
	m, err := model.Compile(s)
	if err != nil {
		return Year{}, fmt.Errorf("backtest: FY%d: %w", fy, err)
	}
	// Calibration predicts every training year thousands of times: price
	// nothing and build no maps but the two the fitting-only targets
	// read, each month's removals by pathway and admissions to detention
	// (tally's Breakdown).
	r := flow.RunRecording(m, tally.Recording{Lean: true, Breakdown: true, Unpriced: true})
	if len(r.Annual) < 2 || len(r.Monthly) != history.WarmupMonths+12 {
		return Year{}, fmt.Errorf("backtest: FY%d: run has %d months, want %d", fy, len(r.Monthly), history.WarmupMonths+12)
	}
	a := r.Annual[len(r.Annual)-1]
	pred := map[string]float64{
		"removals": a.Removals,
		// ICE's count includes its processing of people CBP released
		// (history.ProcessedReleases), which the model's arrest pathway
		// does not carry.
		"arrests":       a.Arrests + history.ProcessedReleases(s, fy, b),
		"detention_adp": a.AverageDetained,
		"court_backlog": r.Monthly[len(r.Monthly)-1].CourtBacklog,
	}
	y := Year{FY: fy, Values: map[string]Pair{}, Notes: notes, Inputs: inputsOf(fy, b, s)}
	y.Values["border_share"] = borderShare(fy, a)
	y.Values["detention_bookins"] = bookins(fy, r.Monthly[history.WarmupMonths:])
	for _, name := range Series {
		p := Pair{Predicted: pred[name], Input: inputOf(actualSeries[name], y.Inputs)}
		if f, ok := data.Lookup(actualSeries[name], "FY"+strconv.Itoa(fy)); ok {
			p.Actual, p.HasActual = f.Value, true
		}
		y.Values[name] = p
	}
	return y, nil
}

// borderShare is the border pathway's share of the fiscal year's removals
// in run period a, against 1 - ice_removals_interior / ice_removals where
// the dataset has both (FY2013 on). ICE counts as "border" the removals
// of people CBP apprehended; the model's border pathway is the cases CBP
// hands to ICE, so the two measure the same split.
func borderShare(fy int, a result.Period) Pair {
	p := Pair{}
	if a.Removals > 0 {
		p.Predicted = a.RemovalsByPathway[procedure.BorderExpedited.String()] / a.Removals
	}
	fys := "FY" + strconv.Itoa(fy)
	in, ok1 := data.Lookup("ice_removals_interior", fys)
	tot, ok2 := data.Lookup("ice_removals", fys)
	if ok1 && ok2 && tot.Value > in.Value {
		p.Actual, p.HasActual = 1-in.Value/tot.Value, true
	}
	return p
}

// bookins are the fiscal year's admissions to detention (the flows of
// the network's transitions that take a bed from the bed queue, as
// tally.AdmissionFlows names them) against ICE's initial book-ins of the year
// where the dataset has them.
func bookins(fy int, months []result.Month) Pair {
	p := Pair{}
	for _, m := range months {
		for _, k := range tally.AdmissionFlows {
			p.Predicted += m.Flows[k]
		}
	}
	if f, ok := data.Lookup("ice_detention_bookins", "FY"+strconv.Itoa(fy)); ok {
		p.Actual, p.HasActual = f.Value, true
	}
	return p
}

// inputCache holds OwnYearCitations by fiscal year and the sources of the
// behaviour: the dataset part of a year's scenario is the same in every
// run, and calibration runs each year thousands of times with behaviours
// that differ in values only (a fitted value carries no source).
var inputCache sync.Map // string → []string

func inputsOf(fy int, b history.Behaviour, s *scenario.Scenario) []string {
	var key strings.Builder
	key.WriteString(strconv.Itoa(fy))
	for _, st := range b {
		key.WriteString("\x00" + st.Path + "\x00" + st.Param.Source)
	}
	if v, ok := inputCache.Load(key.String()); ok {
		return v.([]string)
	}
	in := OwnYearCitations(s, fy)
	inputCache.Store(key.String(), in)
	return in
}

// APE is the absolute percentage error of a pair, in percent; NaN when
// there is no actual.
func (p Pair) APE() float64 {
	if !p.HasActual || p.Actual == 0 {
		return math.NaN()
	}
	return 100 * math.Abs(p.Predicted-p.Actual) / p.Actual
}
