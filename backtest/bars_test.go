package backtest_test

import (
	"math"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/calibrate"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/scenario"
)

// scoredAndSame are the dataset series the backtest scores, with those
// measuring the same quantity, written out here rather than read from the
// package so that the test checks the package's list too.
var scoredAndSame = []string{
	"ice_removals", "dhs_removals", "ice_removals_border", "ice_removals_interior", "ice_removals_per_day",
	"ice_removals_mexico", "ice_removals_northern_triangle", "ice_removals_famu", "ice_removals_frc_detention",
	"dhs_removals_mexico_share", "dhs_removals_northern_triangle", "dhs_removals_plus_returns",
	"ice_admin_arrests", "ice_admin_arrests_criminal", "ice_admin_arrests_other_violators", "ice_atlarge_arrests",
	"ice_detention_adp", "ice_detention_adp_eofy", "ice_detention_adp_cbp_arrests", "ice_detention_adp_ice_arrests",
	"ice_detained_count", "ice_detention_bookins", "ice_detention_bookins_cbp_arrests", "ice_detention_bookins_ice_arrests",
	"eoir_pending", "eoir_pending_trac",
}

// TestNoScoredSeriesIsAnInput is issue 12's first bar: reading every
// history scenario with the committed calibration, no parameter source
// cites a scored series (or one measuring the same quantity) for a period
// inside the fiscal year compared, and the backtest therefore scores every
// series that has a figure in every year.
func TestNoScoredSeriesIsAnInput(t *testing.T) {
	b := committed(t)
	for fy := history.FirstFY; fy <= history.LastFY; fy++ {
		s, _, err := history.Build(fy, b)
		if err != nil {
			t.Fatal(err)
		}
		y := strconv.Itoa(fy)
		// The fiscal year, the calendar years it overlaps, and its months
		// (the first day of any date; intervals start with a month).
		own := regexp.MustCompile(`\b(` + regexp.QuoteMeta(scoredAndSame[0]) + alt(scoredAndSame[1:]) + `) (FY` + y + `(Q[1-4])?|CY` + y + `|CY` + strconv.Itoa(fy-1) +
			`|` + strconv.Itoa(fy-1) + `-1[0-2]|` + y + `-0[1-9])\b`)
		for _, r := range scenario.Params(s) {
			if m := own.FindString(r.Param.Source); m != "" {
				t.Errorf("FY%d: %s cites %q, a scored series of the year itself: %s", fy, r.Path, m, r.Param.Source)
			}
		}
	}
	r := committedReport(t)
	for _, y := range r.Years {
		for _, s := range backtest.Series {
			p := y.Values[s]
			if p.Input || p.HasActual != p.Scored() {
				t.Errorf("FY%d %s: input %v, has actual %v, scored %v: every published figure should be scored", y.FY, s, p.Input, p.HasActual, p.Scored())
			}
		}
		if slices.ContainsFunc(y.Inputs, func(s string) bool { return slices.Contains(scoredAndSame, s) }) {
			t.Errorf("FY%d: inputs %v include a scored series", y.FY, y.Inputs)
		}
	}
}

// TestNoHeldOutFigureTrains: no training year's scenario cites a held-out
// year's scored series (or one measuring the same quantity or a part of
// it), for a period inside that held-out year; else the held-out figure
// would reach the fit through a training year's warm-up or mix.
func TestNoHeldOutFigureTrains(t *testing.T) {
	b := committed(t)
	var years []string
	for _, h := range calibrate.HeldOut {
		y := strconv.Itoa(h)
		years = append(years, `FY`+y+`(Q[1-4])?`, `CY`+y, `CY`+strconv.Itoa(h-1), strconv.Itoa(h-1)+`-1[0-2]`, y+`-0[1-9]`)
	}
	held := regexp.MustCompile(`\b(` + regexp.QuoteMeta(scoredAndSame[0]) + alt(scoredAndSame[1:]) + `) (` + strings.Join(years, "|") + `)\b`)
	for fy := history.FirstFY; fy <= history.LastFY; fy++ {
		if slices.Contains(calibrate.HeldOut, fy) {
			continue
		}
		s, _, err := history.Build(fy, b)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range scenario.Params(s) {
			if m := held.FindString(r.Param.Source); m != "" {
				t.Errorf("FY%d (trained on): %s cites %q, a held-out year's scored series: %s", fy, r.Path, m, r.Param.Source)
			}
		}
	}
}

func alt(names []string) string {
	out := ""
	for _, n := range names {
		out += "|" + regexp.QuoteMeta(n)
	}
	return out
}

// The committed calibration's backtest, run once for the tests that read
// it (a backtest runs 17 fiscal years).
var (
	reportOnce sync.Once
	report     *backtest.Report
	reportErr  error
)

func committedReport(t *testing.T) *backtest.Report {
	t.Helper()
	b := committed(t)
	reportOnce.Do(func() { report, reportErr = backtest.Run(b, calibrate.HeldOut) })
	if reportErr != nil {
		t.Fatal(reportErr)
	}
	return report
}

func committed(t *testing.T) history.Behaviour {
	t.Helper()
	src, err := os.ReadFile("../scenarios/calibrated.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := calibrate.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// The committed calibration's backtest, pinned: issue 12's bars are a
// held-out removals MAPE of at most 12% (10% the aim) and FY2012 and
// FY2024 within 10%. The fit with inputs knowable beforehand and priors
// (see README, "Backtest") meets the 12% floor and the 10% aim (4.4%),
// FY2012 (8.75%) and FY2024 (3.1%); the test pins what it gives, so
// that a change of the fit or of the history scenarios shows up here and
// in the README together, and logs the issue's bars beside.
const (
	issueHeldOutMAPE = 12.0
	issueYearError   = 10.0
	// Committed values, in percent, to ±0.05.
	committedHeldOutMAPE = 4.4
	committedFY2012      = 8.75
	committedFY2024      = 3.1
)

func TestCommittedCalibrationBars(t *testing.T) {
	r := committedReport(t)
	held := r.MAPE["removals"].HeldOut
	y12, _ := r.Year(2012)
	y24, _ := r.Year(2024)
	e12, e24 := y12.Values["removals"].APE(), y24.Values["removals"].APE()
	t.Logf("held-out removals MAPE %.1f%% (issue bar %.0f%%: met %v); FY2012 %.0f vs 409,849 (%.1f%%); FY2024 %.0f vs 271,484 (%.1f%%) (issue bar %.0f%%: met %v, %v)",
		held, issueHeldOutMAPE, held <= issueHeldOutMAPE, y12.Values["removals"].Predicted, e12, y24.Values["removals"].Predicted, e24, issueYearError, e12 <= issueYearError, e24 <= issueYearError)
	for _, c := range []struct {
		what      string
		got, want float64
	}{{"held-out removals MAPE", held, committedHeldOutMAPE}, {"FY2012 removals error", e12, committedFY2012}, {"FY2024 removals error", e24, committedFY2024}} {
		if math.IsNaN(c.got) || math.Abs(c.got-c.want) > 0.05 {
			t.Errorf("%s %.2f%%, committed %.1f%%: the fit changed; update the README's backtest and these constants", c.what, c.got, c.want)
		}
	}
}
