package backtest

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
)

// sameQuantity lists, for each scored dataset series, the series that
// measure the same thing or a part of it (a count of detained people is a
// sample of the detention population and book-ins its inflow; DHS
// removals are ICE's plus a few percent; ICE's border and interior
// removals, its removals by country (Mexico, the Northern Triangle) and
// of families split ICE's removals; the by-arrest splits of detention and
// book-ins, the end-of-year count, and the criminal, other and at-large
// arrests are parts of what is scored): using any of them for the year
// scored would hand the model its answer or a part of it.
var sameQuantity = map[string][]string{
	"ice_removals": {"ice_removals", "dhs_removals", "ice_removals_border", "ice_removals_interior", "ice_removals_per_day",
		"ice_removals_mexico", "ice_removals_northern_triangle", "ice_removals_famu", "ice_removals_frc_detention",
		"dhs_removals_mexico_share", "dhs_removals_northern_triangle", "dhs_removals_plus_returns"},
	"ice_admin_arrests": {"ice_admin_arrests", "ice_admin_arrests_criminal", "ice_admin_arrests_other_violators", "ice_atlarge_arrests"},
	"ice_detention_adp": {"ice_detention_adp", "ice_detention_adp_eofy", "ice_detention_adp_cbp_arrests", "ice_detention_adp_ice_arrests",
		"ice_detained_count", "ice_detention_bookins", "ice_detention_bookins_cbp_arrests", "ice_detention_bookins_ice_arrests"},
	"eoir_pending": {"eoir_pending", "eoir_pending_trac"},
}

// citedPeriod finds a dataset series followed by a period in a source
// text: "ice_removals FY2012", "ice_detained_count 2023-03-26",
// "eoir_completions 2020-10/2021-03".
var citedPeriod = regexp.MustCompile(`\b([a-z][a-z0-9_]*[a-z0-9]) (FY[0-9]{4}(?:Q[1-4])?|CY[0-9]{4}|[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?(?:/[0-9]{4}-[0-9]{2}(?:-[0-9]{2})?)?)\b`)

// OwnYearCitations returns the dataset series that the sources of s cite
// for a period overlapping fiscal year fy, sorted: what the year's
// scenario took from the year itself. A figure enters a history scenario
// only through a parameter, and every such parameter cites its rows
// (package history), so these are the year's inputs.
func OwnYearCitations(s *scenario.Scenario, fy int) []string {
	var out []string
	for _, r := range scenario.Params(s) {
		for _, m := range citedPeriod.FindAllStringSubmatch(r.Param.Source, -1) {
			name, period := m[1], m[2]
			if slices.Contains(out, name) || !overlapsFY(period, fy) || data.Series(name) == nil {
				continue
			}
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

// overlapsFY reports whether a dataset period overlaps fiscal year fy
// (October of fy-1 to September of fy).
func overlapsFY(period string, fy int) bool {
	if data.ValidPeriod(period) != nil {
		return false
	}
	first := scenario.MonthOf(fy-1, 10)
	last := first.Add(11)
	from, to, ok := strings.Cut(period, "/")
	if !ok {
		to = from
	}
	a, _ := periodSpan(from)
	_, b := periodSpan(to)
	return a <= last && b >= first
}

// periodSpan is the first and last month of a period that is not an
// interval; a month or a date is its own month.
func periodSpan(p string) (scenario.Month, scenario.Month) {
	switch {
	case strings.HasPrefix(p, "FY"):
		y, _ := strconv.Atoi(p[2:6])
		first := scenario.MonthOf(y-1, 10)
		if len(p) == 8 {
			q := int(p[7] - '0')
			return first.Add(3 * (q - 1)), first.Add(3*q - 1)
		}
		return first, first.Add(11)
	case strings.HasPrefix(p, "CY"):
		y, _ := strconv.Atoi(p[2:6])
		return scenario.MonthOf(y, 1), scenario.MonthOf(y, 12)
	}
	m, _ := scenario.ParseMonth(p[:7])
	return m, m
}

// inputOf reports whether the dataset series scored for a compared
// quantity, or one measuring the same thing, is among cited.
func inputOf(scored string, cited []string) bool {
	for _, s := range sameQuantity[scored] {
		if slices.Contains(cited, s) {
			return true
		}
	}
	return false
}
