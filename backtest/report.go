package backtest

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/numfmt"
)

// Report is the backtest of every fiscal year FirstFY-LastFY.
type Report struct {
	Years []Year
	// MAPE is, per series, the mean absolute percentage error over the
	// years with a dataset figure: All of them and the HeldOut ones.
	// NaN when no year has a figure.
	MAPE         map[string]MAPE
	TrainYears   []int
	HeldOutYears []int
	// Coverage is the check of the 90% bands (CheckCoverage), nil when
	// not run.
	Coverage *Coverage
}

// MAPE is a mean absolute percentage error, in percent, with the number of
// years it averages.
type MAPE struct {
	All, HeldOut   float64
	NAll, NHeldOut int
}

// Run backtests every fiscal year with behaviour b; heldOut are the years
// the behaviour was not fitted to.
func Run(b history.Behaviour, heldOut []int) (*Report, error) {
	r := &Report{MAPE: map[string]MAPE{}}
	for fy := history.FirstFY; fy <= history.LastFY; fy++ {
		y, err := Predict(fy, b)
		if err != nil {
			return nil, err
		}
		y.HeldOut = slices.Contains(heldOut, fy)
		if y.HeldOut {
			r.HeldOutYears = append(r.HeldOutYears, fy)
		} else {
			r.TrainYears = append(r.TrainYears, fy)
		}
		r.Years = append(r.Years, y)
	}
	for _, s := range Series {
		var all, held []float64
		for _, y := range r.Years {
			if p := y.Values[s]; p.Scored() {
				e := p.APE()
				all = append(all, e)
				if y.HeldOut {
					held = append(held, e)
				}
			}
		}
		r.MAPE[s] = MAPE{All: mean(all), HeldOut: mean(held), NAll: len(all), NHeldOut: len(held)}
	}
	return r, nil
}

func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// Year returns the comparison of fiscal year fy, and whether the report
// has it.
func (r *Report) Year(fy int) (Year, bool) {
	for _, y := range r.Years {
		if y.FY == fy {
			return y, true
		}
	}
	return Year{}, false
}

type jsonPair struct {
	Actual    *float64 `json:"actual"`
	Predicted float64  `json:"predicted"`
	// Input is true when the actual (or a figure measuring the same
	// quantity) was an input of the year's scenario; Scored is true when
	// the pair counts in the errors.
	Input  bool `json:"input"`
	Scored bool `json:"scored"`
}

type jsonMAPE struct {
	All     *float64 `json:"all"`
	HeldOut *float64 `json:"held_out"`
}

func finite(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// MarshalJSON writes the report as
//
//	{"years":[{"fy":2012,"held_out":true,"removals":{"actual":409849,"predicted":...},...}],
//	 "mape":{"removals":{"all":...,"held_out":...},...},
//	 "train_years":[...],"held_out_years":[...]}
//
// with null for a missing actual or an undefined MAPE.
func (r *Report) MarshalJSON() ([]byte, error) {
	years := make([]map[string]any, len(r.Years))
	for i, y := range r.Years {
		m := map[string]any{"fy": y.FY, "held_out": y.HeldOut, "inputs": nonNil(y.Inputs)}
		for _, s := range Series {
			p := y.Values[s]
			jp := jsonPair{Predicted: p.Predicted, Input: p.Input, Scored: p.Scored()}
			if p.HasActual {
				a := p.Actual
				jp.Actual = &a
			}
			m[s] = jp
		}
		// Fitting-only quantities: targets in training years, reported
		// in held-out years, never scored.
		for _, s := range FitOnly {
			p := y.Values[s]
			jp := jsonPair{Predicted: p.Predicted}
			if p.HasActual {
				a := p.Actual
				jp.Actual = &a
			}
			m[s] = jp
		}
		years[i] = m
	}
	mape := map[string]jsonMAPE{}
	for _, s := range Series {
		mape[s] = jsonMAPE{finite(r.MAPE[s].All), finite(r.MAPE[s].HeldOut)}
	}
	return json.Marshal(struct {
		Years    []map[string]any    `json:"years"`
		MAPE     map[string]jsonMAPE `json:"mape"`
		Train    []int               `json:"train_years"`
		HeldOut  []int               `json:"held_out_years"`
		Coverage *Coverage           `json:"coverage,omitempty"`
	}{years, mape, nonNil(r.TrainYears), nonNil(r.HeldOutYears), r.Coverage})
}

// nonNil writes an empty list as [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

// WriteTable writes the per-year comparison and the MAPE as text.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s", "FY")
	for _, s := range Series {
		fmt.Fprintf(&b, " %28s", s+" pred/actual")
	}
	b.WriteString("\n")
	for _, y := range r.Years {
		tag := ""
		if y.HeldOut {
			tag = "*"
		}
		fmt.Fprintf(&b, "%-8s", fmt.Sprintf("%d%s", y.FY, tag))
		for _, s := range Series {
			p := y.Values[s]
			act := "-"
			if p.HasActual {
				act = numfmt.Count(p.Actual)
			}
			if p.Input {
				act += " (input)"
			}
			fmt.Fprintf(&b, " %28s", numfmt.Count(p.Predicted)+"/"+act)
		}
		b.WriteString("\n")
	}
	b.WriteString("* held out of the fit\n\nMAPE %          all    held out\n")
	for _, s := range Series {
		m := r.MAPE[s]
		fmt.Fprintf(&b, "%-14s %6.1f (%2d) %6.1f (%d)\n", s, m.All, m.NAll, m.HeldOut, m.NHeldOut)
	}
	b.WriteString("\nInputs: each year's scenario takes southwest encounters (Border Patrol apprehensions, port inadmissibles,\n" +
		"families and unaccompanied children) and the Title 42 share, funded beds, judges and officers of the year\n" +
		"itself, the credible-fear caseload and everything else from earlier years or the calibration; no scored\n" +
		"figure is an input of its year (a pair marked (input) would be, and is not scored). Train years were\n" +
		"fitting targets, with ICE's border share of removals and detention book-ins (fitting only, not scored).\n")
	if r.Coverage != nil {
		r.Coverage.WriteCoverage(&b)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
