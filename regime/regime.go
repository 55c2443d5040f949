// Package regime tests the model out of time against the 2025 enforcement
// regime (issue 11): it runs scenarios/fy2025.yaml with the flow engine
// from 1 October 2024 and sets its predictions beside every figure the
// dataset holds for the run's months (ICE removals over published windows,
// removals and arrests a day, the detained population on each published
// date), each marked as an input, a fitting target or held out, with the
// error stated whatever it is.
//
// The rule it checks is the issue's: behaviour is fitted only to figures
// dated on or before Cutoff. A parameter is fitted when its source starts
// with "fitted:"; Fitted lists them with the periods they cite, and
// Report.FittedAfterCutoff names any that cites a later figure (a test
// keeps it empty). Inputs ("input:") may cite any date: they are what
// happened (border apprehensions, flights, judges, arrests a day), and the
// figures they cite are marked as inputs, not predictions.
package regime

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// Cutoff is the last day of data behaviour may be fitted to: the end of
// the first 98 days of the 2025 administration, for which TRAC published
// removals (ice_removals 2025-01-26/2025-05-03).
const Cutoff = "2025-05-03"

// ScenarioFile is the shipped scenario of the 2025 regime.
const ScenarioFile = "fy2025.yaml"

// Roles of a published figure in the test.
const (
	// Input: the figure is cited by an input parameter (what happened).
	Input = "input"
	// Target: the figure is cited by a fitted parameter.
	Target = "fitting target"
	// HeldOut: dated after Cutoff and used by no parameter.
	HeldOut = "held out"
	// Unused: dated on or before Cutoff but used by no parameter; the
	// model was not fitted to it, though it could have been.
	Unused = "before cutoff, not fitted"
)

// Measures: how the model's output is read for a figure.
const (
	// Removals over the figure's interval (a month's removals spread
	// evenly over its days).
	Removals = "removals"
	// RemovalsPerDay is Removals divided by the days of the interval.
	RemovalsPerDay = "removals_per_day"
	// ArrestsPerDay is the model's ICE arrests over the interval a day.
	ArrestsPerDay = "arrests_per_day"
	// Detained is the detained population on the figure's date,
	// interpolated linearly between month ends.
	Detained = "detained"
)

// measured maps the dataset series the test reads to the model output
// each is compared with.
var measured = []struct{ series, measure string }{
	{"ice_removals", Removals},
	{"ice_removals_per_day", RemovalsPerDay},
	{"ice_arrests_per_day", ArrestsPerDay},
	{"ice_bookins_per_day", ArrestsPerDay},
	{"ice_detained_count", Detained},
}

// Window is one published figure and the model's value for it.
type Window struct {
	Series string `json:"series"`
	Period string `json:"period"`
	// Measure is the model output compared (see the Measure constants).
	Measure string `json:"measure"`
	// Published is the figure; Quality, Basis and Estimate its provenance
	// as data/figures.csv grades it.
	Published float64 `json:"published"`
	Quality   string  `json:"quality"`
	Basis     string  `json:"basis"`
	Estimate  bool    `json:"estimate"`
	// Role is Input, Target, HeldOut or Unused.
	Role string `json:"role"`
	// Model is the model's value and Error its relative difference,
	// Model/Published − 1.
	Model float64 `json:"model"`
	Error float64 `json:"error"`
}

// Bar is one of the accuracy bars, with what was measured.
type Bar struct {
	Name string `json:"name"`
	// Tolerance is the largest relative error allowed.
	Tolerance float64 `json:"tolerance"`
	// Windows are the published figures the bar reads; a month with no
	// published figure is listed in Missing.
	Windows []Window `json:"windows"`
	Missing []string `json:"missing,omitempty"`
	Met     bool     `json:"met"`
}

// FittedParam is one fitted parameter value and the figures it cites.
type FittedParam struct {
	Path string `json:"path"`
	// From is the month a dated change starts; empty for the value.
	From  string  `json:"from,omitempty"`
	Value float64 `json:"value"`
	// Cites are the cited figures ("series PERIOD"), LatestEnd the last day
	// any of them covers.
	Cites     []string `json:"cites"`
	LatestEnd string   `json:"latest_end"`
}

// LaterCitation is a parameter that is not fitted but cites a figure
// dated after Cutoff, or a document published after it: an input (expected) or a judgement inherited from
// baseline-2025 (later knowledge entering the test; listed so a reader
// can weigh it).
type LaterCitation struct {
	Path  string   `json:"path"`
	Kind  string   `json:"kind"`
	Cites []string `json:"cites"`
}

// Month is the model's month: removals, ICE arrests and the detained
// population at the month's end.
type Month struct {
	Month    string  `json:"month"`
	Removals float64 `json:"removals"`
	Arrests  float64 `json:"arrests"`
	Detained float64 `json:"detained"`
	Binding  string  `json:"binding"`
}

// Report is the out-of-time test of the 2025 regime.
type Report struct {
	Scenario string `json:"scenario"`
	Start    string `json:"start"`
	Months   int    `json:"months"`
	Engine   string `json:"engine"`
	Cutoff   string `json:"cutoff"`
	// Windows are every published figure of the measured series within
	// the run, in series then period order.
	Windows []Window `json:"windows"`
	// Bars are the accuracy bars.
	Bars []Bar `json:"bars"`
	// Fitted lists the fitted parameter values; FittedAfterCutoff those
	// citing a figure that ends after Cutoff or citing no dated figure
	// (must be empty).
	Fitted            []FittedParam `json:"fitted"`
	FittedAfterCutoff []string      `json:"fitted_after_cutoff"`
	// LaterCitations are the other parameters citing figures after Cutoff.
	LaterCitations []LaterCitation `json:"later_citations"`
	Monthly        []Month         `json:"monthly"`
	// Definitions set the model's count under each definition publishers
	// use beside the figure published under it.
	Definitions []Definition `json:"definitions"`
}

// Run loads the shipped fy2025 scenario and tests it.
func Run() (*Report, error) {
	s, err := scenario.Load(scenarios.FS, ScenarioFile)
	if err != nil {
		return nil, err
	}
	return Test(s)
}

// Test runs s with the flow engine and compares it with the dataset.
func Test(s *scenario.Scenario) (*Report, error) {
	m, err := model.Compile(s)
	if err != nil {
		return nil, err
	}
	res := flow.Run(m)
	rep := &Report{Scenario: s.Name, Start: s.Start.String(), Months: s.Months, Engine: "flow", Cutoff: Cutoff,
		FittedAfterCutoff: []string{}, LaterCitations: []LaterCitation{}}
	roles := rep.audit(s)
	for _, mo := range res.Monthly {
		rep.Monthly = append(rep.Monthly, Month{Month: mo.Month, Removals: mo.Removals, Arrests: mo.Arrests, Detained: mo.Detained, Binding: mo.Binding})
	}
	first, last := s.Start.FirstDay().String(), s.Start.Add(s.Months-1).FirstDay()
	runEnd := last.Time().AddDate(0, 1, -1).Format(time.DateOnly)
	initial := s.Population.Detained.Value
	for _, ms := range measured {
		for _, f := range data.Series(ms.series) {
			from, to, err := span(f.Period)
			if err != nil || from < first || to > runEnd {
				continue
			}
			v, err := read(res.Monthly, initial, ms.measure, from, to)
			if err != nil {
				return nil, fmt.Errorf("regime: %s %s: %w", f.Series, f.Period, err)
			}
			role := roles[f.Series+" "+f.Period]
			switch {
			case role != "":
			case to > Cutoff:
				role = HeldOut
			default:
				role = Unused
			}
			rep.Windows = append(rep.Windows, Window{Series: f.Series, Period: f.Period, Measure: ms.measure,
				Published: f.Value, Quality: f.Quality, Basis: f.Basis, Estimate: f.Estimate,
				Role: role, Model: v, Error: v/f.Value - 1})
		}
	}
	rep.bars()
	if rep.Definitions, err = definitions(s, res.Monthly); err != nil {
		return nil, err
	}
	return rep, nil
}

// bars reads the accuracy bars from the windows.
func (r *Report) bars() {
	window := func(series, period string) (Window, bool) {
		for _, w := range r.Windows {
			if w.Series == series && w.Period == period {
				return w, true
			}
		}
		return Window{}, false
	}
	for _, b := range []struct{ name, period string }{
		{"ICE removals 2025-01-20..2025-08-27 within 10% of the published figure", "2025-01-20/2025-08-27"},
		{"ICE removals FY2025 to 2025-09-06 within 10% of the published figure", "2024-10-01/2025-09-06"},
	} {
		bar := Bar{Name: b.name, Tolerance: 0.10}
		if w, ok := window("ice_removals", b.period); ok {
			bar.Windows = []Window{w}
			bar.Met = math.Abs(w.Error) <= bar.Tolerance
		} else {
			bar.Missing = []string{b.period}
		}
		r.Bars = append(r.Bars, bar)
	}
	// The detained population nearest each month's end, June-December
	// 2025: the published count of that month with the latest date.
	bar := Bar{Name: "ICE detained population at the end of each month June-December 2025 within 15% (the month's last published count)", Tolerance: 0.15, Met: true}
	for mo := 6; mo <= 12; mo++ {
		prefix := fmt.Sprintf("2025-%02d-", mo)
		var best *Window
		for i, w := range r.Windows {
			if w.Series == "ice_detained_count" && strings.HasPrefix(w.Period, prefix) && (best == nil || w.Period > best.Period) {
				best = &r.Windows[i]
			}
		}
		if best == nil {
			bar.Missing = append(bar.Missing, prefix[:7])
			continue
		}
		bar.Windows = append(bar.Windows, *best)
		if math.Abs(best.Error) > bar.Tolerance {
			bar.Met = false
		}
	}
	// A bar with no published month to score is not met.
	bar.Met = bar.Met && len(bar.Windows) > 0
	r.Bars = append(r.Bars, bar)
}

// kind is what a source says its value is: "fitted", "input" or "other".
func kind(source string) string {
	switch {
	case strings.HasPrefix(source, "fitted:"):
		return "fitted"
	case strings.HasPrefix(source, "input"):
		return "input"
	}
	return "other"
}

// audit classifies the scenario's parameters by their sources: it fills
// Fitted, FittedAfterCutoff and LaterCitations, and returns the role of
// each cited figure ("series PERIOD" → Target or Input).
func (r *Report) audit(s *scenario.Scenario) map[string]string {
	roles := map[string]string{}
	type text struct{ path, from, source string }
	var texts []text
	values := map[string]float64{}
	for _, p := range scenario.Params(s) {
		if !p.Param.Set {
			continue
		}
		texts = append(texts, text{p.Path, "", p.Param.Source})
		values[p.Path] = p.Param.Value
		for _, c := range p.Param.Changes {
			texts = append(texts, text{p.Path, c.From.String(), c.Source})
			values[p.Path+"@"+c.From.String()] = c.Value
		}
	}
	for _, t := range texts {
		k := kind(t.source)
		var cites, later []string
		latest := ""
		undated := false
		for _, ref := range cite.Parse(t.source) {
			if ref.Kind != cite.Data {
				if k == "fitted" {
					undated = true // a fitted value rests on figures, not documents
				}
				// A document published after the cutoff brings later
				// knowledge too; an undated one cannot be placed.
				if d, ok := data.LookupDocument(ref.Name); ok && d.Published != "" && d.Published[0] >= '0' && d.Published[0] <= '9' && d.Published > Cutoff {
					later = append(later, "doc "+ref.Name+" ("+d.Published+")")
				}
				continue
			}
			periods := []string{ref.Period}
			if a, b, ok := strings.Cut(ref.Period, ".."); ok {
				periods = []string{a, b}
			}
			for _, p := range periods {
				key := ref.Name + " " + p
				if p == "" {
					undated = true
					if rows := data.Series(ref.Name); len(rows) > 0 {
						p = rows[len(rows)-1].Period
						key = ref.Name + " " + p
					}
				}
				cites = append(cites, key)
				_, end, err := span(p)
				if err != nil {
					undated = true
					continue
				}
				latest = max(latest, end)
				if end > Cutoff {
					later = append(later, key)
				}
				switch {
				case k == "fitted":
					roles[key] = Target
				case k == "input" && roles[key] == "":
					roles[key] = Input
				}
			}
		}
		switch k {
		case "fitted":
			key := t.path
			if t.from != "" {
				key += "@" + t.from
			}
			r.Fitted = append(r.Fitted, FittedParam{Path: t.path, From: t.from, Value: values[key], Cites: cites, LatestEnd: latest})
			if len(later) > 0 || undated || len(cites) == 0 {
				r.FittedAfterCutoff = append(r.FittedAfterCutoff, fmt.Sprintf("%s %s: cites %s", t.path, t.from, strings.Join(cites, ", ")))
			}
		default:
			if len(later) > 0 {
				r.LaterCitations = append(r.LaterCitations, LaterCitation{Path: t.path, Kind: k, Cites: later})
			}
		}
	}
	return roles
}

// PeriodEnd returns the last day a dataset period covers, as YYYY-MM-DD:
// the day a figure is dated by, for the cutoff rule.
func PeriodEnd(p string) (string, error) {
	_, end, err := span(p)
	return end, err
}

// Days returns how many calendar days a dataset period covers, both
// ends included: what annualises a figure counted over the period.
func Days(p string) (int, error) {
	from, to, err := span(p)
	if err != nil {
		return 0, err
	}
	d, err := daysIn(from, to)
	return int(d), err
}

// daysIn is the number of days from from to to (YYYY-MM-DD), both
// included.
func daysIn(from, to string) (float64, error) {
	a, b, err := parseDays(from, to)
	if err != nil {
		return 0, err
	}
	return b.Sub(a).Hours()/24 + 1, nil
}

// parseDays parses from and to (YYYY-MM-DD).
func parseDays(from, to string) (a, b time.Time, err error) {
	if a, err = time.Parse(time.DateOnly, from); err != nil {
		return a, b, err
	}
	b, err = time.Parse(time.DateOnly, to)
	return a, b, err
}

// span returns the first and last day a period covers, as YYYY-MM-DD.
func span(p string) (from, to string, err error) {
	if err := data.ValidPeriod(p); err != nil {
		return "", "", err
	}
	if a, b, ok := strings.Cut(p, "/"); ok {
		from, _, err = span(a)
		if err != nil {
			return "", "", err
		}
		_, to, err = span(b)
		return from, to, err
	}
	from = data.PeriodStart(p)
	start, err := time.Parse(time.DateOnly, from)
	if err != nil {
		return "", "", fmt.Errorf("period %q: %w", p, err)
	}
	var end time.Time
	switch {
	case len(p) == 10: // a date
		end = start
	case len(p) == 7 && p[4] == '-': // a month
		end = start.AddDate(0, 1, -1)
	case strings.HasPrefix(p, "CY"):
		end = start.AddDate(1, 0, -1)
	case strings.HasPrefix(p, "FY") && len(p) == 8: // a fiscal quarter
		end = start.AddDate(0, 3, -1)
	default: // a fiscal year
		end = start.AddDate(1, 0, -1)
	}
	return from, end.Format(time.DateOnly), nil
}

// read returns the model's measure over [from, to] (YYYY-MM-DD, both
// inclusive); initial is the detained population at the run's start.
func read(months []result.Month, initial float64, measure, from, to string) (float64, error) {
	days, err := daysIn(from, to)
	if err != nil {
		return 0, err
	}
	flow := func(value func(result.Month) float64) float64 {
		v, _ := sumFlow(months, value, from, to)
		return v
	}
	switch measure {
	case Removals:
		return flow(func(m result.Month) float64 { return m.Removals }), nil
	case RemovalsPerDay:
		return flow(func(m result.Month) float64 { return m.Removals }) / days, nil
	case ArrestsPerDay:
		return flow(func(m result.Month) float64 { return m.Arrests }) / days, nil
	case Detained:
		// The stock at the end of day b: between the previous month's end
		// and this month's, in proportion to the days gone.
		b, _ := time.Parse(time.DateOnly, to) // parsed by daysIn above
		prev := initial
		for _, m := range months {
			start, err := time.Parse("2006-01", m.Month)
			if err != nil {
				continue
			}
			end := start.AddDate(0, 1, 0)
			if b.Before(end) && !b.Before(start) {
				f := b.AddDate(0, 0, 1).Sub(start).Hours() / end.Sub(start).Hours()
				return prev + f*(m.Detained-prev), nil
			}
			prev = m.Detained
		}
		return 0, fmt.Errorf("%s is outside the run", to)
	}
	return 0, fmt.Errorf("unknown measure %q", measure)
}

// sumFlow sums a monthly flow over [from, to] (YYYY-MM-DD, inclusive)
// as backtest.Within does, after parsing the dates.
func sumFlow(months []result.Month, value func(result.Month) float64, from, to string) (float64, error) {
	a, b, err := parseDays(from, to)
	if err != nil {
		return 0, err
	}
	return backtest.Within(months, value, a, b), nil
}
