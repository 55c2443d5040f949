package main

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/numfmt"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
	"github.com/removalsim/removalsim/study"
)

func init() { subcommands = append(subcommands, newStudyCmd) }

// studyNames lists the presets of scenarios/studies/.
func studyNames() []string {
	files, _ := fs.Glob(scenarios.FS, "studies/*.yaml")
	var names []string
	for _, f := range files {
		names = append(names, strings.TrimSuffix(path.Base(f), ".yaml"))
	}
	return names
}

func newStudyCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "study NAME",
		Short: "A published cost study beside removalsim at the same rate",
		Long: `Study runs the preset scenarios/studies/NAME.yaml (target-1m's capacities,
and the study's published figures, each cited, in its study block) and
prints the study's figures beside removalsim's at the study's rate of
removals and in the study's dollars: cost per year, per removal, one-time,
beds, officers, judges, duration; then a reconciliation whose items sum
to the difference, split where the study publishes unit costs into
dynamics (arrests and detention days per removal) and cost.

removalsim's side is its last 12 months at full rate, scaled per removal to
the study's rate.

Studies: ` + strings.Join(studyNames(), ", "),
		Example: `  removalsim study aic-2024
  removalsim study cap-2010 --format json`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(studyNames(), args[0]) {
				return badInput(fmt.Errorf("unknown study %q; want one of %s", args[0], strings.Join(studyNames(), ", ")))
			}
			if format != "table" && format != "json" {
				return badInput(fmt.Errorf("unknown format %q; want table or json", format))
			}
			c, err := runStudy(args[0])
			if err != nil {
				return err
			}
			if format == "json" {
				e := json.NewEncoder(cmd.OutOrStdout())
				e.SetIndent("", "  ")
				return e.Encode(c)
			}
			return writeComparison(cmd.OutOrStdout(), c)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "table or json")
	return cmd
}

// runStudy loads, runs and compares the preset name.
func runStudy(name string) (*study.Comparison, error) {
	s, err := scenario.Load(scenarios.FS, "studies/"+name+".yaml")
	if err != nil {
		return nil, err
	}
	m, err := model.Compile(s)
	if err != nil {
		return nil, err
	}
	return study.Compare(s, &m.CostUnits, flow.Run(m))
}

// writeComparison prints a study comparison for reading.
func writeComparison(w io.Writer, c *study.Comparison) error {
	fmt.Fprintf(w, "%s\n(%s, at %s removals a year)\n\n", c.Title, c.Dollars, numfmt.Count(c.RatePerYear))
	b := func(v float64) string { return fmt.Sprintf("$%.1fB", v/1e9) }
	// num prints v with d decimals and thousands separators between
	// prefix and suffix, or "-" where the figure is not given (0).
	num := func(v float64, prefix string, d int, suffix string) string {
		if v == 0 {
			return "-"
		}
		return prefix + numfmt.Decimal(v, d) + suffix
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\tpublished\tremovalsim\t")
	row := func(label string, p, r string) { fmt.Fprintf(tw, "%s\t%s\t%s\t\n", label, p, r) }
	row("cost per year", b(c.Published.CostPerYearUSD), b(c.Removalsim.CostPerYearUSD))
	row("cost per removal", num(c.Published.CostPerRemovalUSD, "$", 0, ""), num(c.Removalsim.CostPerRemovalUSD, "$", 0, ""))
	for _, cat := range study.Categories {
		row("  "+cat.Name, b(c.Published.ByCategoryUSD[cat.Name]), b(c.Removalsim.ByCategoryUSD[cat.Name]))
	}
	row("one-time operation", num(c.Published.OneTimeOperationUSD/1e9, "$", 1, "B"), num(c.Removalsim.OneTimeOperationUSD/1e9, "$", 1, "B"))
	row("one-time capital", num(c.Published.OneTimeCapitalUSD/1e9, "$", 1, "B"), num(c.Removalsim.OneTimeCapitalUSD/1e9, "$", 1, "B"))
	row("beds", num(c.Published.Beds, "", 0, ""), num(c.Removalsim.Beds, "", 0, ""))
	row("officers", num(c.Published.Officers, "", 0, ""), num(c.Removalsim.Officers, "", 0, ""))
	row("judges", num(c.Published.Judges, "", 0, ""), num(c.Removalsim.Judges, "", 0, ""))
	row("duration (years)", num(c.Published.DurationYears, "", 1, ""), num(c.Removalsim.DurationYears, "", 1, ""))
	row("arrests per removal", num(c.Published.ArrestsPerRemoval, "", 2, ""), num(c.Removalsim.ArrestsPerRemoval, "", 2, ""))
	row("detention days per removal", num(c.Published.DetentionDaysPerRemoval, "", 0, ""), num(c.Removalsim.DetentionDaysPerRemoval, "", 0, ""))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nReconciliation: published − removalsim = %s a year\n", b(c.DifferenceUSD))
	for _, it := range c.Reconciliation {
		fmt.Fprintf(w, "  %-10s %-17s %9s  %s\n", it.Category, it.Kind, b(it.USD), it.Reason)
	}
	fmt.Fprintln(w)
	for _, n := range c.Notes {
		fmt.Fprintf(w, "%s\n", n)
	}
	return nil
}
