package calibrate

import (
	"math"
	"testing"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/history"
)

// TestSolveRecoversExponential fits y = a·exp(-b·t) to exact data from
// known a and b: the fit must find them, and their ranges must be
// identified and contain them.
func TestSolveRecoversExponential(t *testing.T) {
	const a, b = 3.2, 0.45
	ts := []float64{0, 0.5, 1, 2, 3, 4, 6, 8}
	noise := []float64{0.01, -0.02, 0.015, 0, -0.01, 0.02, -0.015, 0.005}
	p := Problem{
		Params: []Bounded{{"a", 0.1, 10, Prior{1, 0.2, 8, "wide"}}, {"b", 0.01, 2, Prior{1, 0.05, 1.9, "wide"}}},
		Residuals: func(x []float64) ([]float64, error) {
			r := make([]float64, len(ts))
			for i, t := range ts {
				// Standardised by the noise's scale, about 0.02.
				r[i] = (x[0]*math.Exp(-x[1]*t) - (a*math.Exp(-b*t) + noise[i])) / 0.02
			}
			return r, nil
		},
	}
	fit, err := Solve(p, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{a, b} {
		e := fit.Estimates[i]
		if math.Abs(e.Value-want) > 0.05*want {
			t.Errorf("%s = %g, want %g within 5%%", e.Name, e.Value, want)
		}
		if e.Low > want || e.High < want || e.Low >= e.High || e.DataShare < 0.99 {
			t.Errorf("%s range [%g, %g] (data share %g) should contain %g and come from the data", e.Name, e.Low, e.High, e.DataShare, want)
		}
	}
}

func TestSolveRejectsBadPrior(t *testing.T) {
	for _, pr := range []Prior{{2, 0.1, 0.9, ""}, {0.5, 0.6, 0.9, ""}, {0.5, 0.1, 1, ""}, {0.5, 0, 0.9, ""}} {
		p := Problem{Params: []Bounded{{"x", 0, 1, pr}}, Residuals: func(x []float64) ([]float64, error) { return x, nil }}
		if _, err := Solve(p, Settings{}); err == nil {
			t.Errorf("prior %+v accepted", pr)
		}
	}
	if _, err := Solve(Problem{}, Settings{}); err == nil {
		t.Fatal("a problem without parameters was accepted")
	}
}

// TestHistoryProblemRecoversKnownBehaviour simulates two fiscal years with
// known behaviour, then fits two behavioural parameters to the simulated
// removals and arrests from a wrong start: the fit must recover them.
func TestHistoryProblemRecoversKnownBehaviour(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the flow engine a few hundred times")
	}
	cds := history.BorderPrefix + "consequence_delivery" + history.ExpeditedSuffix
	var params []Free
	for _, p := range Parameters {
		if p.Name == "arrests.per_officer_month" || p.Name == cds {
			// A prior spanning almost the whole bounds, so that it does
			// not pull the estimate off the truth of an exact problem.
			span := p.Hi - p.Lo
			p.Prior = Prior{p.Prior.Center, p.Lo + 1e-3*span, p.Hi - 1e-3*span, "flat"}
			params = append(params, p)
		}
	}
	truth := []float64{0.62, 2.6} // in the order of Parameters: the period's expedited share, then arrests
	if len(params) != 2 || params[0].Name != cds {
		t.Fatalf("unexpected parameters %v", params)
	}
	years := []int{2013, 2015}
	known := behaviour(params, truth)
	targets := Targets{}
	for _, fy := range years {
		y, err := backtest.Predict(fy, known)
		if err != nil {
			t.Fatal(err)
		}
		targets[fy] = map[string]float64{}
		for _, s := range []string{"removals", "arrests"} {
			targets[fy][s] = y.Values[s].Predicted
		}
	}
	fit, err := Solve(HistoryProblem(params, years, targets), Settings{MaxIterations: 30})
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range truth {
		if got := fit.Estimates[i].Value; math.Abs(got-want) > 0.02*want {
			t.Errorf("%s = %g, want %g within 2%%", params[i].Name, got, want)
		}
	}
	if fit.Chi2 > 1e-3 {
		t.Errorf("chi2 %g at the optimum of an exact problem", fit.Chi2)
	}
}

func TestTrainAndHeldOutPartitionTheYears(t *testing.T) {
	train := TrainYears()
	if len(train)+len(HeldOut) != history.LastFY-history.FirstFY+1 {
		t.Fatalf("train %v and held out %v do not cover FY%d-FY%d", train, HeldOut, history.FirstFY, history.LastFY)
	}
	for _, y := range train {
		for _, h := range HeldOut {
			if y == h {
				t.Fatalf("FY%d is both trained on and held out", y)
			}
		}
	}
}
