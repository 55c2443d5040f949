package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/budget"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

func init() { subcommands = append(subcommands, newStudyCmd) }

// published is a study's published figures (in the study's dollars),
// cited to the document registered in data/documents.csv. A zero figure
// was not published.
type published struct {
	Name, Title, Doc string
	PriceYear        int
	RatePerYear      float64
	// Categories are yearly costs at RatePerYear: arrests, detention,
	// legal, transport, and other (what the study counts that is not a
	// removal cost, or does not itemise).
	Categories                    map[string]float64
	OneTimeUSD, OneTimePeople     float64
	Beds, Officers, Judges, Years float64
	Notes                         string
}

// studyCategories are the published studies' cost categories, and the
// removalsim kinds each holds.
var studyCategories = []struct {
	Name  string
	Kinds []string
}{
	{"arrests", []string{"personnel", "arrests", "border"}},
	{"detention", []string{"detention", "atd"}},
	{"legal", []string{"legal", "screenings"}},
	{"transport", []string{"transport", "third_country_payments"}},
	{"other", nil},
}

// studies are the presets of scenarios/studies/.
var studies = []published{
	{Name: "aic-2024", Title: "American Immigration Council (2024), Mass Deportation: Devastating Costs to America, Its Budget and Economy", Doc: "aic_2024_mass_deportation",
		PriceYear: 2024, RatePerYear: 1e6,
		Categories: map[string]float64{"arrests": 7e9, "detention": 66e9, "legal": 12.6e9, "transport": 2.1e9, "other": 88e9 - 87.7e9},
		OneTimeUSD: 315e9, OneTimePeople: 13.3e6, Beds: 24 * 41500, Officers: 31000, Years: 10.6,
		Notes: "AIC's $88B is the 10.6-year average including the ramp-up; categories as published (they sum to $87.7B, 'other' is the rounding to $88B); beds are '24 times' ICE's 41,500; officers are its 31,000 new ICE employees"},
	{Name: "pwbm-2025", Title: "Penn Wharton Budget Model (2025), Mass Deportation of Unauthorized Immigrants: Fiscal and Economic Effects", Doc: "pwbm_2025_mass_deportation",
		PriceYear: 2025, RatePerYear: 1e6,
		Categories: map[string]float64{"other": 70236 * 1e6},
		Notes:      "PWBM publishes one per-deportee cost, $70,236, the average of earlier studies; it is compared here at 1,000,000 removals a year and is not itemised, so it is one 'other' item"},
	{Name: "aaf-2015", Title: "American Action Forum (2015), The Budgetary and Economic Costs of Addressing Unauthorized Immigration", Doc: "aaf_2015_budgetary_costs",
		PriceYear: 2015, RatePerYear: 11.2e6 / 20,
		Categories: map[string]float64{"arrests": 43.5e9 / 20, "detention": 35.7e9 / 20, "legal": 13.4e9 / 20, "transport": 11.3e9 / 20, "other": 315.7e9 / 20},
		Years:      20,
		Notes:      "AAF's lower estimate ($103.9B of deportation cost; the upper puts apprehension at $243.3B) over 20 years, plus $315.7B of continuing CBP and ICE enforcement, shown as 'other'"},
	{Name: "cap-2010", Title: "Center for American Progress (2010), The Costs of Mass Deportation", Doc: "cap_2010_costs_of_mass_deportation",
		PriceYear: 2008, RatePerYear: 8.64e6 / 5,
		Categories: map[string]float64{"arrests": 158e9 / 5, "detention": 29e9 / 5, "legal": 7e9 / 5, "transport": 6e9 / 5, "other": 85e9 / 5},
		Years:      5,
		Notes:      "CAP's $200B over five years ($23,482 a removal, 2008 dollars) plus $85B of continuing enforcement, shown as 'other'"},
}

// studyOutput is what `removalsim study NAME --format json` prints.
type studyOutput struct {
	Study         string      `json:"study"`
	Title         string      `json:"title"`
	Document      string      `json:"document"`
	Dollars       string      `json:"dollars"`
	RatePerYear   float64     `json:"rate_per_year"`
	Published     studyFigure `json:"published"`
	Removalsim    studyFigure `json:"removalsim"`
	DifferenceUSD float64     `json:"difference_per_year_usd"`
	// Reconciliation items sum to DifferenceUSD (published − removalsim).
	Reconciliation []reconItem `json:"reconciliation"`
	Window         string      `json:"removalsim_window"`
	Notes          string      `json:"notes"`
}

type studyFigure struct {
	CostPerYearUSD    float64            `json:"cost_per_year_usd"`
	CostPerRemovalUSD float64            `json:"cost_per_removal_usd"`
	ByCategoryUSD     map[string]float64 `json:"by_category_usd"`
	OneTimeUSD        float64            `json:"one_time_usd"`
	Beds              float64            `json:"beds"`
	Officers          float64            `json:"officers"`
	Judges            float64            `json:"judges"`
	DurationYears     float64            `json:"duration_years"`
}

type reconItem struct {
	Item   string  `json:"item"`
	Kind   string  `json:"kind"` // "cost" or "dynamics"
	USD    float64 `json:"usd"`
	Reason string  `json:"reason"`
}

func newStudyCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "study NAME",
		Short: "A published cost study beside removalsim under the same assumptions",
		Long: `Study runs scenarios/studies/NAME.yaml (target-1m's capacities under the
study's price basis) and prints the study's published figures beside
removalsim's for the same rate of removals: cost per year, per removal,
one-time, beds, officers, judges, duration; then an itemised
reconciliation whose items sum to the difference. removalsim's figures are
its last 12 months (at full rate) in the study's dollars, scaled to the
study's rate per removal.

Studies: ` + strings.Join(studyNames(), ", "),
		Example: `  removalsim study aic-2024
  removalsim study cap-2010 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			i := slices.IndexFunc(studies, func(p published) bool { return p.Name == args[0] })
			if i < 0 {
				return badInput(fmt.Errorf("unknown study %q; want one of %s", args[0], strings.Join(studyNames(), ", ")))
			}
			if format != "table" && format != "json" {
				return badInput(fmt.Errorf("unknown format %q; want table or json", format))
			}
			s, err := scenario.Load(scenarios.FS, "studies/"+args[0]+".yaml")
			if err != nil {
				return err
			}
			out, err := study(&studies[i], s)
			if err != nil {
				return err
			}
			if format == "json" {
				e := json.NewEncoder(cmd.OutOrStdout())
				e.SetIndent("", "  ")
				return e.Encode(out)
			}
			return writeStudy(cmd.OutOrStdout(), out)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

func studyNames() []string {
	var n []string
	for _, s := range studies {
		n = append(n, s.Name)
	}
	return n
}

// study runs the preset and reconciles it with the published figures.
func study(p *published, s *scenario.Scenario) (*studyOutput, error) {
	m, err := model.Compile(s)
	if err != nil {
		return nil, err
	}
	r := flow.Run(m)
	// The steady state: the last 12 months.
	if len(r.Monthly) < 12 {
		return nil, fmt.Errorf("study %s: the run is shorter than a year", p.Name)
	}
	last := &result.Result{Start: r.Monthly[len(r.Monthly)-12].Month, Monthly: r.Monthly[len(r.Monthly)-12:]}
	for _, mo := range last.Monthly {
		last.Totals.Removals += mo.Removals
	}
	acc, err := budget.Account(&m.CostUnits, last)
	if err != nil {
		return nil, err
	}
	full, err := budget.Account(&m.CostUnits, r)
	if err != nil {
		return nil, err
	}
	// removalsim's FY2025 dollars in the study's dollars.
	defl := math.Pow(1+m.CostUnits.InflationPerYear, float64(p.PriceYear-m.CostUnits.PriceYear))
	scale := defl * p.RatePerYear / last.Totals.Removals
	kinds := map[string]float64{}
	for _, g := range acc.ByKind {
		kinds[g.Name] = g.USD
	}
	out := &studyOutput{Study: p.Name, Title: p.Title, Document: p.Doc, Dollars: fmt.Sprintf("%d dollars", p.PriceYear),
		RatePerYear: p.RatePerYear, Window: last.Start + " to " + last.Monthly[11].Month, Notes: p.Notes}
	out.Published = studyFigure{ByCategoryUSD: map[string]float64{}, OneTimeUSD: p.OneTimeUSD, Beds: p.Beds, Officers: p.Officers, DurationYears: p.Years}
	out.Removalsim = studyFigure{ByCategoryUSD: map[string]float64{}, OneTimeUSD: full.OneTimeUSD * defl}
	for _, c := range studyCategories {
		v := p.Categories[c.Name]
		out.Published.ByCategoryUSD[c.Name] = v
		out.Published.CostPerYearUSD += v
		sim := 0.0
		for _, k := range c.Kinds {
			sim += kinds[k] * scale
		}
		out.Removalsim.ByCategoryUSD[c.Name] = sim
		out.Removalsim.CostPerYearUSD += sim
	}
	out.Published.CostPerRemovalUSD = out.Published.CostPerYearUSD / p.RatePerYear
	out.Removalsim.CostPerRemovalUSD = out.Removalsim.CostPerYearUSD / p.RatePerYear
	end := r.Monthly[len(r.Monthly)-1].Capacity
	out.Removalsim.Beds, out.Removalsim.Officers, out.Removalsim.Judges = end["detention_beds"], end["officers"], end["judges"]
	rate := last.Totals.Removals
	if p.OneTimePeople > 0 {
		out.Removalsim.DurationYears = p.OneTimePeople * 0.8 / rate
	} else if p.Years > 0 {
		out.Removalsim.DurationYears = p.RatePerYear * p.Years / rate
	}
	out.DifferenceUSD = out.Published.CostPerYearUSD - out.Removalsim.CostPerYearUSD
	out.Reconciliation = reconcile(p, out, last, m.CostUnits.PerBedDay)
	return out, nil
}

// reconcile splits published − removalsim into one item per category,
// so the items sum to the difference. Each removal-cost category is a
// "dynamics" item (how many arrests and bed-days removalsim's queues,
// lags, leakage and country acceptance need per removal) or a "cost" item
// (unit costs and what is counted); "other" is what the study counts that
// removalsim does not.
func reconcile(p *published, out *studyOutput, last *result.Result, perBedDay float64) []reconItem {
	var arrests, bedDays float64
	for _, mo := range last.Monthly {
		arrests += mo.Arrests
		if perBedDay > 0 {
			bedDays += mo.CostByItem["bed_days"] / perBedDay
		}
	}
	n := last.Totals.Removals
	reasons := map[string]string{
		"arrests":   fmt.Sprintf("removalsim needs %.2f arrests per removal (arrests leak to voluntary departure, relief and release for want of a bed) and charges officers by headcount (pay, trainees, support, overhead) plus the non-personnel cost of each arrest", arrests/n),
		"detention": fmt.Sprintf("removalsim holds %.0f bed-days per removal (queues for judges, travel documents, seats and country caps), plus the standing cost of empty contracted beds, new-bed capital and ATD", bedDays/n),
		"legal":     "removalsim charges judges, ICE trial attorneys, interpreters, appeals, federal litigation and asylum officers for the court and screening workload its pathways create (most removals are expedited or of final orders, without a hearing)",
		"transport": "removalsim charges charter hours for full flights, land removals, domestic transfers, escorts and payments to third countries, as country acceptance routes them",
		"other":     "counted by the study, not by removalsim: continuing border and interior enforcement, or a figure the study does not itemise",
	}
	var items []reconItem
	for _, c := range studyCategories {
		kind := "cost"
		if c.Name == "arrests" || c.Name == "detention" {
			kind = "dynamics"
		}
		items = append(items, reconItem{Item: c.Name, Kind: kind,
			USD: out.Published.ByCategoryUSD[c.Name] - out.Removalsim.ByCategoryUSD[c.Name], Reason: reasons[c.Name]})
	}
	return items
}

// writeStudy prints the comparison for reading.
func writeStudy(w io.Writer, o *studyOutput) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(w, "%s\n(%s; removalsim at %.0f removals a year, its %s)\n\n", o.Title, o.Dollars, o.RatePerYear, o.Window)
	b := func(v float64) string { return fmt.Sprintf("$%.1fB", v/1e9) }
	num := func(v float64) string {
		if v == 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f", v)
	}
	fmt.Fprintln(tw, "\tpublished\tremovalsim\t")
	fmt.Fprintf(tw, "cost per year\t%s\t%s\t\n", b(o.Published.CostPerYearUSD), b(o.Removalsim.CostPerYearUSD))
	fmt.Fprintf(tw, "cost per removal\t$%.0f\t$%.0f\t\n", o.Published.CostPerRemovalUSD, o.Removalsim.CostPerRemovalUSD)
	fmt.Fprintf(tw, "one-time\t%s\t%s\t\n", b(o.Published.OneTimeUSD), b(o.Removalsim.OneTimeUSD))
	fmt.Fprintf(tw, "beds\t%s\t%s\t\n", num(o.Published.Beds), num(o.Removalsim.Beds))
	fmt.Fprintf(tw, "officers\t%s\t%s\t\n", num(o.Published.Officers), num(o.Removalsim.Officers))
	fmt.Fprintf(tw, "judges\t%s\t%s\t\n", num(o.Published.Judges), num(o.Removalsim.Judges))
	fmt.Fprintf(tw, "duration (years)\t%.1f\t%.1f\t\n", o.Published.DurationYears, o.Removalsim.DurationYears)
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nReconciliation (published − removalsim = %s a year)\n", b(o.DifferenceUSD))
	for _, it := range o.Reconciliation {
		fmt.Fprintf(w, "  %-10s %-9s %9s  %s\n", it.Item, it.Kind, b(it.USD), it.Reason)
	}
	fmt.Fprintf(w, "\n%s\n", o.Notes)
	return nil
}
