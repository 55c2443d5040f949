package history

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
)

// point is one fiscal year's figure of a series, as read from the dataset.
type point struct {
	v float64
	// cite names the dataset row(s): "ice_removals FY2012".
	cite string
	est  bool
}

// yearly returns the series' figures by fiscal year: FYyyyy rows as they
// are, CYyyyy rows as FYyyyy (they overlap by three quarters), and rows
// for a month or a date averaged within the fiscal year they fall in when
// the year has no FY row. Intervals and quarters are left out: they are
// partial years. The dataset never changes, so each series is read once;
// callers must not modify the map.
func yearly(series string) map[int]point {
	if v, ok := yearlyCache.Load(series); ok {
		return v.(map[int]point)
	}
	out := readYearly(series)
	yearlyCache.Store(series, out)
	return out
}

// yearlyCache holds yearly's maps by series: calibration builds every
// year thousands of times.
var yearlyCache sync.Map

func readYearly(series string) map[int]point {
	out := map[int]point{}
	dated := map[int][]data.Figure{}
	for _, f := range data.Series(series) {
		switch {
		case strings.Contains(f.Period, "/") || strings.Contains(f.Period, "Q"):
			continue
		case strings.HasPrefix(f.Period, "FY") || strings.HasPrefix(f.Period, "CY"):
			y, err := strconv.Atoi(f.Period[2:])
			if err != nil {
				continue
			}
			if _, dup := out[y]; dup && strings.HasPrefix(f.Period, "CY") {
				continue
			}
			out[y] = point{f.Value, series + " " + f.Period, f.Estimate}
		default:
			m, err := scenario.ParseMonth(f.Period[:7])
			if err != nil {
				continue
			}
			dated[m.FiscalYear()] = append(dated[m.FiscalYear()], f)
		}
	}
	for fy, fs := range dated {
		if _, ok := out[fy]; ok {
			continue
		}
		sum, periods, est := 0.0, make([]string, len(fs)), false
		for i, f := range fs {
			sum += f.Value
			periods[i] = f.Period
			est = est || f.Estimate
		}
		cite := series + " " + strings.Join(periods, ", ")
		if len(fs) > 1 {
			cite = "mean of " + cite
		}
		out[fy] = point{sum / float64(len(fs)), cite, est || len(fs) > 1}
	}
	return out
}

// figure is a value for one fiscal year with how it was obtained.
type figure struct {
	v float64
	// source is the Param source text: a dataset citation, or how the
	// estimate was made from dataset rows.
	source string
	// estimate is true when no row gives the year directly, or the row
	// itself is an estimate.
	estimate bool
}

// param returns the figure as a scenario Param of fiscal year fy.
func (f figure) param(fy int) scenario.Param {
	return scenario.Param{Value: f.v, Source: f.source, AsOf: "FY" + strconv.Itoa(fy), Set: true}
}

// scaled returns f's value times k with an explanation appended.
func (f figure) scaled(k float64, how string) figure {
	return figure{f.v * k, f.source + "; " + how, f.estimate}
}

// fyValue returns the series' value in fiscal year fy: the year's own
// figure, else linear interpolation between the nearest years on either
// side, else the nearest year's figure held flat. It fails only when the
// series has no usable figure at all.
func fyValue(series string, fy int) (figure, error) {
	pts := yearly(series)
	if len(pts) == 0 {
		return figure{}, fmt.Errorf("history: the dataset has no yearly figure of %s", series)
	}
	return interpolate(pts, fy), nil
}

// knownValue is the series' value for fiscal year fy as known by the end
// of that year, for the scenario of the later fiscal year compared: fy's
// own figure, else the latest earlier one held (never interpolated towards
// a later year, which a forecaster would not have had). Only when the
// dataset has nothing up to fy is the first later figure held, which the
// source says, and never one of the compared year, whose figures the
// backtest scores.
func knownValue(series string, fy, compared int) (figure, error) {
	// upTo leaves nothing when the only figure is the compared year's.
	pts := upTo(yearly(series), fy, compared)
	if len(pts) == 0 {
		return figure{}, fmt.Errorf("history: the dataset has no yearly figure of %s other than FY%d's, which the backtest scores", series, compared)
	}
	return interpolate(pts, fy), nil
}

// upTo returns the points of pts no later than fiscal year fy; when there
// is none, every point but those of the compared year.
func upTo(pts map[int]point, fy, compared int) map[int]point {
	early, other := map[int]point{}, map[int]point{}
	for y, p := range pts {
		if y <= fy {
			early[y] = p
		}
		if y != compared {
			other[y] = p
		}
	}
	if len(early) > 0 {
		return early
	}
	return other
}

// interpolate is fyValue on points already read: the year's own point,
// else linear interpolation between the nearest years on either side,
// else the nearest year held flat. pts must not be empty.
func interpolate(pts map[int]point, fy int) figure {
	if p, ok := pts[fy]; ok {
		src := "data: " + p.cite
		if p.est {
			src += " (estimate in the dataset)"
		}
		return figure{p.v, src, p.est}
	}
	years := make([]int, 0, len(pts))
	for y := range pts {
		years = append(years, y)
	}
	sort.Ints(years)
	i := sort.SearchInts(years, fy)
	switch {
	case i == 0:
		p := pts[years[0]]
		return figure{p.v, fmt.Sprintf("estimate: held at data: %s (no earlier figure in the dataset)", p.cite), true}
	case i == len(years):
		p := pts[years[i-1]]
		return figure{p.v, fmt.Sprintf("estimate: held at data: %s (no later figure in the dataset)", p.cite), true}
	}
	a, b := years[i-1], years[i]
	pa, pb := pts[a], pts[b]
	w := float64(fy-a) / float64(b-a)
	v := pa.v + w*(pb.v-pa.v)
	return figure{v, fmt.Sprintf("estimate: interpolated between data: %s (%s) and %s (%s)", pa.cite, num(pa.v), pb.cite, num(pb.v)), true}
}

// num formats a value for a source text.
func num(x float64) string {
	if x == float64(int64(x)) {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
