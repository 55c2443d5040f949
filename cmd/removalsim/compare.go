package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/chart"
	"github.com/removalsim/removalsim/compare"
	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/progress"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tidy"
)

func init() { subcommands = append(subcommands, newCompareCmd) }

func newCompareCmd() *cobra.Command {
	var (
		engine, format string
		plotDir        string
		runs, workers  int
		seed           uint64
		months         int
	)
	cmd := &cobra.Command{
		Use:   "compare A.yaml B.yaml",
		Short: "Differences in every headline outcome between two scenarios",
		Long: `Compare runs two scenarios (typically a base and an extends: variant) and
prints, for every headline outcome (removals, by pathway, arrests, cost,
cost per removal, detained population, due-process indicators, time to
removal), A, B and the difference B − A.

With --engine agent each scenario is run --runs times with common random
numbers: replication i of A and of B draw from the same seed, so the
noise they share cancels in the difference. The interval is the paired
Student-t 95% confidence interval of the mean difference; the correlation
column is Pearson's correlation of A and B across the replications (near 1
when the common random numbers line up the two scenarios' draws). The flow
engine is deterministic: one run each, and the interval is the difference
itself. A scenario compared with itself shows zero difference with
zero-width intervals under either engine.`,
		Example: `  removalsim compare scenarios/baseline-2025.yaml scenarios/policy-variants/doubled-judges.yaml
  removalsim compare base.yaml variant.yaml --engine agent --runs 20 --seed 7 --format json`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := checkPlotDir(plotDir); err != nil {
				return err
			}
			if engine != "flow" && engine != "agent" {
				return badInput(fmt.Errorf("unknown engine %q; want flow or agent", engine))
			}
			if err := runsFlag(runs, 1, 0, 1); err != nil {
				return err
			}
			workers, err := workersFlag(workers)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("months") && (months < 1 || months > maxMonths) {
				return badInput(fmt.Errorf("--months must be between 1 and %d, got %d", maxMonths, months))
			}
			var (
				ms        [2]*model.Model
				scenarios [2]*scenario.Scenario
			)
			for i, file := range args {
				s, err := loadForRun(cmd, file)
				if err != nil {
					return err
				}
				if cmd.Flags().Changed("months") {
					s.Months = months
				}
				scenarios[i] = s
				if ms[i], err = model.Compile(s); err != nil {
					return badInput(err)
				}
			}
			ctx := cmd.Context()
			if engine == "agent" {
				if err := runsFlag(runs, 1, max(ms[0].Months, ms[1].Months), 2); err != nil {
					return err
				}
				for _, m := range ms {
					if err := agentFits(m); err != nil {
						return err
					}
				}
				var stop func()
				ctx, stop = watchHeap(ctx)
				defer stop()
			}
			update, finish := progress.Count(cmd.ErrOrStderr(), "replications", 2*runs)
			out, err := compare.Run(ms[0], ms[1], args[0], args[1], compare.Options{
				Engine: engine, Runs: runs, Seed: seed, SeedSet: cmd.Flags().Changed("seed"), Workers: workers, Context: ctx,
				Progress: update})
			finish()
			if err != nil {
				return agentError(ctx, err)
			}
			if err := writePlots(plotDir, "", func() ([]*chart.Figure, error) { return chart.Comparison(out.Comparison) }); err != nil {
				return err
			}
			var manifests [2]*manifest.Manifest
			for i, file := range args {
				seed, n := scenarios[i].Seed, 1
				if engine == "agent" {
					seed, n = out.Seed, runs
				}
				if manifests[i], err = studyManifest(cmd, "compare", file, scenarios[i], engine, seed, n); err != nil {
					return err
				}
			}
			if isTidy(format) {
				return writeTidy(cmd.OutOrStdout(), format, tidy.Comparison(args[0], args[1], engine, out.Period, out.Comparison), provenance{compared: manifests[:]})
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), struct {
					*compare.Output
					Manifests [2]*manifest.Manifest `json:"manifests"`
				}{out, manifests})
			}
			return writeCompareTable(cmd.OutOrStdout(), engine, out.Comparison)
		},
	}
	f := cmd.Flags()
	f.StringVar(&engine, "engine", "flow", "flow or agent")
	plotFlag(cmd, &plotDir)
	f.IntVar(&runs, "runs", 10, "replications per scenario with the agent engine")
	f.Uint64Var(&seed, "seed", 0, "root seed of both scenarios' replications (default: A's seed)")
	f.IntVar(&workers, "workers", 0, "goroutines of the agent engine, 0 for one per CPU")
	f.IntVar(&months, "months", 0, "override both scenarios' horizon, 1 to 600 months")
	f.StringVar(&format, "format", "table", "output format: table, json, csv or parquet")
	return cmd
}

func writeCompareTable(w io.Writer, engine string, c *compare.Comparison) error {
	fmt.Fprintf(w, "A: %s\nB: %s\n", c.A, c.B)
	switch {
	case c.Replications > 1:
		fmt.Fprintf(w, "engine %s, %d paired replications (common random numbers), %.0f%% intervals\n", engine, c.Replications, 100*c.Confidence)
	case engine == "flow":
		fmt.Fprintf(w, "engine %s (deterministic)\n", engine)
	default:
		// One draw of a stochastic engine: its difference is as random as
		// the draw, and no interval can be estimated from it.
		fmt.Fprintf(w, "engine %s, a single replication: one random draw each, no interval (use --runs 2 or more)\n", engine)
	}
	header := []string{"outcome", "A", "B", "B − A", "%"}
	if c.Replications > 1 || engine != "flow" {
		header = append(header, "95% interval", "correlation")
	}
	var rows [][]string
	for _, r := range c.Rows {
		f := unitFormat(r.Unit)
		pct := "—"
		if r.A != 0 {
			pct = fmt.Sprintf("%+.1f%%", 100*r.Relative)
		}
		row := []string{r.Outcome, f(r.A), f(r.B), f(r.Diff), pct}
		switch {
		case c.Replications > 1:
			row = append(row, fmt.Sprintf("[%s, %s]", f(r.Low), f(r.High)), fmt.Sprintf("%.3f", r.Correlation))
		case engine != "flow":
			row = append(row, "n/a", "")
		}
		rows = append(rows, row)
	}
	fmt.Fprintln(w)
	return report.Columns(w, header, rows)
}

// unitFormat picks how a table shows a value in unit: whole people with
// separators, money in $M or $B, other numbers with four significant
// digits.
func unitFormat(unit string) func(float64) string {
	switch unit {
	case "persons", "screenings", "notices", "cases":
		return report.People
	case "USD":
		return report.Money
	}
	return report.Significant
}
