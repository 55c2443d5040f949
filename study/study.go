// Package study sets a published cost study beside removalsim. A study
// preset (scenarios/studies/) is a scenario whose study block holds the
// study's published figures, each cited; Compare reads that block and a
// run of the preset and returns both sides in the study's dollars at the
// study's rate of removals, with a reconciliation whose items sum to the
// difference.
//
// removalsim's side is its last 12 months (the run at full rate), priced
// by the full cost model (package cost), converted to the study's dollars
// and scaled per removal to the study's rate. Each published category is
// set against the removalsim kinds that pay for the same work; where the
// study publishes a unit price and a quantity per removal (an arrest's
// cost and arrests per removal, a detention day's cost and days per
// removal), the category's difference is split into dynamics (the
// quantity removalsim's queues, lags, leakage and country acceptance need,
// priced at the study's unit cost) and cost (unit costs and what is
// counted). The package does no I/O.
package study

import (
	"fmt"
	"math"

	"github.com/removalsim/removalsim/budget"
	"github.com/removalsim/removalsim/cost"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// Category is a published studies' cost category, with the removalsim
// kinds (package cost) that pay for the same work.
type Category struct {
	Name  string
	Kinds []string
}

// Categories are the studies' categories in report order; every cost kind
// belongs to exactly one, so the categories sum to removalsim's total.
var Categories = []Category{
	{"arrests", []string{"personnel", "arrests", "border"}},
	{"detention", []string{"detention", "atd"}},
	{"legal", []string{"legal", "screenings"}},
	{"transport", []string{"transport", "third_country_payments"}},
	{"other", nil},
}

// Figures are one side's headline figures.
type Figures struct {
	CostPerYearUSD    float64            `json:"cost_per_year_usd"`
	CostPerRemovalUSD float64            `json:"cost_per_removal_usd"`
	ByCategoryUSD     map[string]float64 `json:"by_category_usd"`
	// OneTimeOperationUSD is the cost of removing the study's whole
	// population (People) in one operation: the study's figure, and
	// removalsim's cost per removal times the people.
	OneTimeOperationUSD float64 `json:"one_time_operation_usd"`
	// OneTimeCapitalUSD is the one-time part of the cost of building up
	// to the rate (hiring, bed activation and construction): removalsim's
	// whole run; studies do not publish it separately.
	OneTimeCapitalUSD float64 `json:"one_time_capital_usd"`
	Beds              float64 `json:"beds"`
	Officers          float64 `json:"officers"`
	Judges            float64 `json:"judges"`
	DurationYears     float64 `json:"duration_years"`
	// ArrestsPerRemoval and DetentionDaysPerRemoval are the quantities
	// behind the arrest and detention costs (zero when not published).
	ArrestsPerRemoval       float64 `json:"arrests_per_removal"`
	DetentionDaysPerRemoval float64 `json:"detention_days_per_removal"`
}

// Item is one line of the reconciliation.
type Item struct {
	Category string `json:"category"`
	// Kind is "dynamics" (quantities per removal), "cost" (unit costs and
	// scope) or "cost and dynamics" (the study publishes no unit cost to
	// separate them).
	Kind   string  `json:"kind"`
	USD    float64 `json:"usd"`
	Reason string  `json:"reason"`
}

// Comparison is a study beside removalsim.
type Comparison struct {
	Study       string  `json:"study"`
	Title       string  `json:"title"`
	Dollars     string  `json:"dollars"`
	RatePerYear float64 `json:"rate_per_year"`
	Published   Figures `json:"published"`
	Removalsim  Figures `json:"removalsim"`
	// DifferenceUSD is published − removalsim, per year.
	DifferenceUSD float64 `json:"difference_per_year_usd"`
	// Reconciliation items sum to DifferenceUSD.
	Reconciliation []Item `json:"reconciliation"`
	// Window is removalsim's 12 months; RemovalsimRatePerYear its
	// removals in them, before scaling to the study's rate.
	Window                string   `json:"removalsim_window"`
	RemovalsimRatePerYear float64  `json:"removalsim_rate_per_year"`
	Notes                 []string `json:"notes"`
}

// Compare sets the study block of s beside r, a run of s priced with u.
func Compare(s *scenario.Scenario, u *cost.Units, r *result.Result) (*Comparison, error) {
	st := &s.Study
	rate := st.RemovalsPerYear.Value
	if rate <= 0 || st.PriceYear == 0 {
		return nil, fmt.Errorf("study %s: the scenario has no study block with removals_per_year and price_year", s.Name)
	}
	if len(r.Monthly) < 12 {
		return nil, fmt.Errorf("study %s: the run is shorter than 12 months", s.Name)
	}
	last := &result.Result{Start: r.Monthly[len(r.Monthly)-12].Month, Monthly: r.Monthly[len(r.Monthly)-12:]}
	var arrests float64
	for _, mo := range last.Monthly {
		last.Totals.Removals += mo.Removals
		arrests += mo.Arrests
	}
	n := last.Totals.Removals
	if n <= 0 {
		return nil, fmt.Errorf("study %s: no removals in the last 12 months", s.Name)
	}
	acc, err := budget.Account(u, last)
	if err != nil {
		return nil, err
	}
	full, err := budget.Account(u, r)
	if err != nil {
		return nil, err
	}
	// removalsim's constant dollars in the study's dollars, and per
	// removal at the study's rate.
	defl := math.Pow(1+u.InflationPerYear, float64(st.PriceYear-u.PriceYear))
	scale := defl * rate / n
	kinds := map[string]float64{}
	for _, g := range acc.ByKind {
		kinds[g.Name] = g.USD
	}
	bedDays := 0.0
	if u.PerBedDay > 0 {
		for _, l := range acc.Lines {
			if l.Item == "bed_days" {
				bedDays = l.USD / u.PerBedDay
			}
		}
	}
	c := &Comparison{Study: s.Name, Title: st.Title, Dollars: fmt.Sprintf("%d dollars", st.PriceYear), RatePerYear: rate,
		Window: last.Start + " to " + last.Monthly[11].Month, RemovalsimRatePerYear: n}
	published := map[string]float64{
		"arrests": st.ArrestsUSD.Value, "detention": st.DetentionUSD.Value, "legal": st.LegalUSD.Value,
		"transport": st.TransportUSD.Value, "other": st.OtherUSD.Value,
	}
	c.Published = Figures{ByCategoryUSD: map[string]float64{}, OneTimeOperationUSD: st.OneTimeUSD.Value, Beds: st.Beds.Value,
		Officers: st.Officers.Value, Judges: st.Judges.Value, DurationYears: st.DurationYears.Value,
		ArrestsPerRemoval: st.ArrestsPerRemoval.Value, DetentionDaysPerRemoval: st.DetentionDaysPerRemoval.Value}
	c.Removalsim = Figures{ByCategoryUSD: map[string]float64{}, OneTimeCapitalUSD: full.OneTimeUSD * defl,
		ArrestsPerRemoval: arrests / n, DetentionDaysPerRemoval: bedDays / n}
	for _, cat := range Categories {
		c.Published.ByCategoryUSD[cat.Name] = published[cat.Name]
		c.Published.CostPerYearUSD += published[cat.Name]
		sim := 0.0
		for _, k := range cat.Kinds {
			sim += kinds[k] * scale
		}
		c.Removalsim.ByCategoryUSD[cat.Name] = sim
		c.Removalsim.CostPerYearUSD += sim
	}
	c.Published.CostPerRemovalUSD = c.Published.CostPerYearUSD / rate
	c.Removalsim.CostPerRemovalUSD = c.Removalsim.CostPerYearUSD / rate
	if st.OneTimeUSD.Value > 0 && st.People.Value > 0 {
		c.Removalsim.OneTimeOperationUSD = c.Removalsim.CostPerRemovalUSD * st.People.Value
	}
	end := r.Monthly[len(r.Monthly)-1].Capacity
	c.Removalsim.Beds, c.Removalsim.Officers, c.Removalsim.Judges = end[procedure.Beds.String()], end[procedure.Officers.String()], end[procedure.Judges.String()]
	switch {
	case st.People.Value > 0 && st.DurationYears.Value > 0:
		// The study's people at removalsim's rate, with the study's
		// share leaving on their own (people − rate × years).
		removed := math.Min(st.People.Value, rate*st.DurationYears.Value)
		c.Removalsim.DurationYears = removed / n
	case st.DurationYears.Value > 0:
		c.Removalsim.DurationYears = rate * st.DurationYears.Value / n
	}
	c.DifferenceUSD = c.Published.CostPerYearUSD - c.Removalsim.CostPerYearUSD
	c.Reconciliation = reconcile(st, c, rate)
	c.Notes = []string{
		fmt.Sprintf("removalsim: %s, its last 12 months (%s) at %.0f removals a year, scaled per removal to %.0f a year and converted from FY%d to %d dollars at %.1f%% a year",
			s.Name, c.Window, n, rate, u.PriceYear, st.PriceYear, 100*u.InflationPerYear),
		"one-time operation: the study's cost of removing its whole population at once, against removalsim's cost per removal times that population; one-time capital: removalsim's hiring, bed activation and construction over its whole run to reach the rate; beds, officers and judges are removalsim's levels in its last month",
	}
	return c, nil
}

// reconcile splits published − removalsim by category so the items sum to
// the difference.
func reconcile(st *scenario.Study, c *Comparison, rate float64) []Item {
	why := map[string]string{
		"legal":     "removalsim charges judges, ICE trial attorneys, interpreters, appeals, federal litigation and asylum officers for the court and screening workload its pathways create (most removals are expedited or of final orders, without a hearing)",
		"transport": "removalsim charges charter hours for full flights, land removals, domestic transfers, escorts and payments to third countries, as country acceptance routes them",
		"other":     "counted by the study, not by removalsim: continuing border and interior enforcement, or a figure the study does not itemise",
	}
	split := map[string]struct{ price, studyQ, simQ float64 }{
		"arrests":   {st.CostPerArrest.Value, st.ArrestsPerRemoval.Value, c.Removalsim.ArrestsPerRemoval},
		"detention": {st.CostPerDetentionDay.Value, st.DetentionDaysPerRemoval.Value, c.Removalsim.DetentionDaysPerRemoval},
	}
	var items []Item
	for _, cat := range Categories {
		d := c.Published.ByCategoryUSD[cat.Name] - c.Removalsim.ByCategoryUSD[cat.Name]
		sp, ok := split[cat.Name]
		switch {
		case ok && sp.price > 0 && sp.studyQ > 0:
			dyn := sp.price * (sp.studyQ - sp.simQ) * rate
			dynWhy := fmt.Sprintf("%.2f arrests per removal in the study against %.2f in removalsim, where arrests leak to voluntary departure, relief, termination and release for want of a bed; priced at the study's $%.0f an arrest", sp.studyQ, sp.simQ, sp.price)
			costWhy := fmt.Sprintf("the study's $%.0f an arrest against removalsim's officers by headcount (pay, trainees, support staff, overhead), HSI, non-personnel arrest costs and CBP processing, on removalsim's own arrests", sp.price)
			if cat.Name == "detention" {
				dynWhy = fmt.Sprintf("%.0f detention days per removal in the study against %.0f in removalsim, where people wait for judges, travel documents, seats and country caps; priced at the study's $%.2f a day", sp.studyQ, sp.simQ, sp.price)
				costWhy = fmt.Sprintf("the study's $%.2f a day against removalsim's bed rate, beds standing empty, new-bed capital and activation and ATD, on removalsim's own bed-days", sp.price)
			}
			items = append(items, Item{cat.Name, "dynamics", dyn, dynWhy}, Item{cat.Name, "cost", d - dyn, costWhy})
		case cat.Name == "arrests" || cat.Name == "detention":
			q := fmt.Sprintf("removalsim needs %.2f arrests per removal", c.Removalsim.ArrestsPerRemoval)
			if cat.Name == "detention" {
				q = fmt.Sprintf("removalsim holds %.0f bed-days per removal", c.Removalsim.DetentionDaysPerRemoval)
			}
			items = append(items, Item{cat.Name, "cost and dynamics", d, q + "; the study publishes no unit cost to split price from quantity"})
		default:
			items = append(items, Item{cat.Name, "cost", d, why[cat.Name]})
		}
	}
	return items
}
