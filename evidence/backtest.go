package evidence

import (
	"fmt"
	"sort"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/sensitivity"
)

// Target is one dataset row the backtest scores the model against.
type Target struct {
	Series  string `json:"series"`
	Period  string `json:"period"`
	Quality string `json:"quality"`
	// Publication is "publisher, publication" of the row.
	Publication string `json:"publication"`
}

// YearParam is a parameter of one fiscal year's history scenario.
type YearParam struct {
	FY int `json:"fy"`
	Param
	// RelSwing is Swing over that year's base value of the metric.
	RelSwing float64 `json:"rel_swing"`
}

// BacktestAssessment is the source quality of the backtest: the rows it
// is scored against, and the inputs of every year's history scenario with
// their one-at-a-time swing on that year's metric.
type BacktestAssessment struct {
	Metric string `json:"metric"`
	// TargetCounts counts the target rows by quality ("missing" for a
	// year with no row).
	TargetCounts map[string]int `json:"target_counts"`
	// Targets lists the target rows that are not primary.
	Targets []Target `json:"targets_not_primary"`
	// Counts counts the (parameter, year) pairs by quality.
	Counts map[string]int `json:"counts"`
	// Params holds every (parameter, year) pair, sorted by decreasing
	// relative swing.
	Params []YearParam `json:"params"`
}

// Backtest assesses the backtest years fys (nil: every year
// history.FirstFY-history.LastFY, as "removalsim backtest" runs them)
// with behaviour b.
func Backtest(b history.Behaviour, fys []int, metric string, o sensitivity.Options) (*BacktestAssessment, error) {
	if fys == nil {
		for fy := history.FirstFY; fy <= history.LastFY; fy++ {
			fys = append(fys, fy)
		}
	}
	ba := &BacktestAssessment{Metric: metric, TargetCounts: map[string]int{}, Counts: map[string]int{}}
	for _, q := range Qualities {
		ba.Counts[q] = 0
	}
	for _, series := range backtest.DatasetSeries() {
		for _, fy := range fys {
			f, ok := data.Lookup(series, fmt.Sprintf("FY%d", fy))
			if !ok {
				ba.TargetCounts["missing"]++
				continue
			}
			ba.TargetCounts[f.Quality]++
			if f.Quality != "P" {
				ba.Targets = append(ba.Targets, Target{Series: series, Period: f.Period, Quality: f.Quality, Publication: f.Publisher + ", " + f.Publication})
			}
		}
	}
	for _, fy := range fys {
		load := func() (*scenario.Scenario, error) {
			s, _, err := history.Build(fy, b)
			return s, err
		}
		a, err := Assess(load, metric, o)
		if err != nil {
			return nil, fmt.Errorf("FY%d: %w", fy, err)
		}
		for q, n := range a.Counts {
			ba.Counts[q] += n
		}
		for _, p := range a.Params {
			yp := YearParam{FY: fy, Param: p}
			if a.Base != 0 {
				yp.RelSwing = p.Swing / a.Base
			}
			ba.Params = append(ba.Params, yp)
		}
	}
	sort.SliceStable(ba.Params, func(i, j int) bool {
		if ba.Params[i].RelSwing != ba.Params[j].RelSwing {
			return ba.Params[i].RelSwing > ba.Params[j].RelSwing
		}
		if ba.Params[i].Path != ba.Params[j].Path {
			return ba.Params[i].Path < ba.Params[j].Path
		}
		return ba.Params[i].FY < ba.Params[j].FY
	})
	return ba, nil
}

// Weakest returns the n parameters not resting on a primary source whose
// swing, relative to their year's base, is largest; each parameter path
// appears once, at its year of largest swing.
func (ba *BacktestAssessment) Weakest(n int) []YearParam {
	var out []YearParam
	seen := map[string]bool{}
	for _, p := range ba.Params {
		if p.Quality == "P" || p.Perturbed == "" || seen[p.Path] || len(out) >= n {
			continue
		}
		seen[p.Path] = true
		out = append(out, p)
	}
	return out
}
