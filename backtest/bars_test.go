package backtest_test

import (
	"math"
	"os"
	"testing"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/calibrate"
)

// The issue's bars (issue 4): held-out MAPE on ICE removals at most 10%,
// FY2012 within 10% of 409,849 and FY2024 within 10% of 271,484, with one
// set of behavioural parameters. The committed calibration (second pass:
// yearly country mix, dated border processing from DHS returns, enforcement
// periods for arrests) does not reach them: held-out MAPE 17.1%, FY2012
// -23.9%, FY2024 -20.2% (the first pass had 19%, -39%, -12%: FY2024 got
// worse, see the report of issue 4). This test pins what it reaches, so
// that a regression fails CI, and logs the distance to the bars.
const (
	issueHeldOutMAPE = 10.0
	issueYearError   = 10.0
)

// Regression bounds: the committed calibration's values, rounded up.
const (
	maxHeldOutRemovalsMAPE = 18.0
	maxFY2012Error         = 25.0
	maxFY2024Error         = 22.0
)

func TestCommittedCalibrationBars(t *testing.T) {
	src, err := os.ReadFile("../scenarios/calibrated.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := calibrate.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	r, err := backtest.Run(b, calibrate.HeldOut)
	if err != nil {
		t.Fatal(err)
	}
	held := r.MAPE["removals"].HeldOut
	y12, _ := r.Year(2012)
	y24, _ := r.Year(2024)
	e12, e24 := y12.Values["removals"].APE(), y24.Values["removals"].APE()
	t.Logf("held-out removals MAPE %.1f%% (issue bar %.0f%%); FY2012 %.0f vs 409,849 (%.1f%%); FY2024 %.0f vs 271,484 (%.1f%%) (issue bar %.0f%%)",
		held, issueHeldOutMAPE, y12.Values["removals"].Predicted, e12, y24.Values["removals"].Predicted, e24, issueYearError)
	if math.IsNaN(held) || held > maxHeldOutRemovalsMAPE {
		t.Errorf("held-out MAPE on removals %.1f%% regressed past %.0f%%", held, maxHeldOutRemovalsMAPE)
	}
	if e12 > maxFY2012Error {
		t.Errorf("FY2012 removals off by %.1f%%, regressed past %.0f%%", e12, maxFY2012Error)
	}
	if e24 > maxFY2024Error {
		t.Errorf("FY2024 removals off by %.1f%%, regressed past %.0f%%", e24, maxFY2024Error)
	}
}
