package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/chart"
	"github.com/removalsim/removalsim/progress"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/sensitivity"
	"github.com/removalsim/removalsim/tidy"
)

func init() { subcommands = append(subcommands, newSensitivityCmd) }

func newSensitivityCmd() *cobra.Command {
	var (
		method, metric, format string
		plotDir                string
		samples, workers       int
		seed                   uint64
	)
	cmd := &cobra.Command{
		Use:   "sensitivity [FILE]",
		Short: "Measure how much each ranged parameter moves an outcome",
		Long: `Sensitivity varies every parameter that carries a range: [low, high] in the
scenario (without FILE, the embedded baseline-2025) and measures how much
each moves one outcome of the flow engine.

Methods:
  oat     one at a time: each parameter at its low and high value, the
          others at their values; a tornado sorted by swing (2k+1 runs)
  morris  elementary effects over --samples trajectories (default 10):
          mu* (overall influence), mu (signed) and sigma (non-linearity or
          interaction), in outcome units per full range; r(k+1) runs
  sobol   first-order (S1) and total (ST) variance shares with bootstrap
          95% intervals; Saltelli sampling with base size --samples
          (default 256), Jansen estimators; N(k+2) runs

Metrics: ` + strings.Join(sensitivity.MetricNames(), ", ") + `.

Runs are spread over --workers goroutines; the result does not depend on
their number. A progress counter is shown on stderr when it is a terminal.`,
		Example: `  removalsim sensitivity --method oat --metric removals
  removalsim sensitivity scenarios/baseline-2025.yaml --method sobol --metric cost_per_removal --samples 512 --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := checkPlotDir(plotDir); err != nil {
				return err
			}
			if _, ok := sensitivity.Metrics[metric]; !ok {
				return badInput(fmt.Errorf("unknown metric %q; want one of %s", metric, strings.Join(sensitivity.MetricNames(), ", ")))
			}
			switch method {
			case "morris":
				if err := intFlag("samples", samples, 0, maxMorrisTrajectories); err != nil {
					return err
				}
			case "sobol":
				if err := intFlag("samples", samples, 0, maxSobolSamples); err != nil {
					return err
				}
			}
			workers, err := workersFlag(workers)
			if err != nil {
				return err
			}
			file := fileArg(args)
			// The file (or standard input) is read once; each worker
			// decodes its own copy.
			tree, err := scenarioTree(cmd, file)
			if err != nil {
				return badInput(err)
			}
			sets, err := overridesOf(cmd)
			if err != nil {
				return err
			}
			ovs, err := parseOverrides(sets)
			if err != nil {
				return err
			}
			load := func() (*scenario.Scenario, error) { return decodeScenario(tree, file, ovs) }
			s, err := load()
			if err != nil {
				return reportLoadError(cmd.ErrOrStderr(), displayName(file), err)
			}
			fs := sensitivity.Factors(s)
			if len(fs) == 0 {
				return badInput(fmt.Errorf("the scenario has no parameter with a range: [low, high]"))
			}
			newf, err := sensitivity.ScenarioFunc(load, fs, metric)
			if err != nil {
				return badInput(err)
			}
			newf = sensitivity.Cancellable(cmd.Context(), newf)
			update, finish := progress.Count(cmd.ErrOrStderr(), "runs", 0)
			o := sensitivity.Options{Workers: workers, Seed: seed, Progress: update}
			if !slices.Contains(sensitivity.Methods, method) {
				return badInput(fmt.Errorf("unknown method %q; want oat, morris or sobol", method))
			}
			out, err := sensitivity.Study(method, fs, samples, newf, o)
			finish()
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if err := writePlots(plotDir, "", func() ([]*chart.Figure, error) { return chart.Sensitivity(s.Name, metric, out) }); err != nil {
				return err
			}
			mf, err := studyManifest(cmd, "sensitivity", file, s, "flow", seed, 1)
			if err != nil {
				return err
			}
			if isTidy(format) {
				rows, err := tidy.Sensitivity(s.Name, metric, tidy.Unit(metric), span(s.Start, s.Months), out)
				if err != nil {
					return err
				}
				return writeTidy(w, format, rows, provenance{run: mf})
			}
			if format == "json" {
				return writeJSON(w, sensitivity.Output{Scenario: s.Name, Method: method, Metric: metric, Result: out, Manifest: mf})
			}
			return writeSensitivityTable(w, s.Name, metric, out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&method, "method", "oat", "oat, morris or sobol")
	f.StringVar(&metric, "metric", "removals", "outcome measured: "+strings.Join(sensitivity.MetricNames(), ", "))
	f.IntVar(&samples, "samples", 0, "morris trajectories (default 10, at most 1000) or sobol base sample size (default 256, at most 4096)")
	f.IntVar(&workers, "workers", 0, "parallel runs, 0 for one per CPU")
	f.Uint64Var(&seed, "seed", 1, "seed of the morris and sobol sampling")
	plotFlag(cmd, &plotDir)
	f.StringVar(&format, "format", "table", "output format: table, json, csv or parquet")
	return cmd
}

func writeSensitivityTable(w io.Writer, name, metric string, out any) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	switch r := out.(type) {
	case *sensitivity.OATResult:
		fmt.Fprintf(w, "%s: one-at-a-time swings of %s (base %s)\n\n", name, metric, sig(r.Base))
		fmt.Fprintln(tw, "parameter\tlow\thigh\tat low\tat high\tswing\t")
		for _, x := range r.Rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t\n", x.Name, sig(x.Low), sig(x.High), sig(x.AtLow), sig(x.AtHigh), sig(x.Swing))
		}
	case *sensitivity.MorrisResult:
		fmt.Fprintf(w, "%s: Morris elementary effects on %s (%d trajectories, %d levels; per full range)\n\n", name, metric, r.Trajectories, r.Levels)
		fmt.Fprintln(tw, "parameter\tmu*\tmu\tsigma\t")
		for _, x := range r.Rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", x.Name, sig(x.MuStar), sig(x.Mu), sig(x.Sigma))
		}
	case *sensitivity.SobolResult:
		fmt.Fprintf(w, "%s: Sobol indices of %s (N=%d, %d runs, bootstrap %.0f%% intervals)\n\n", name, metric, r.N, r.Evaluations, 100*r.Confidence)
		fmt.Fprintln(tw, "parameter\tS1\t[low, high]\tST\t[low, high]\t")
		for _, x := range r.Rows {
			fmt.Fprintf(tw, "%s\t%.3f\t[%.3f, %.3f]\t%.3f\t[%.3f, %.3f]\t\n", x.Name, x.S1, x.S1Low, x.S1High, x.ST, x.STLow, x.STHigh)
		}
	}
	return tw.Flush()
}

// sig formats x for a table: whole numbers with thousands separators
// from 1,000 on, about four significant digits below.
func sig(x float64) string { return report.Significant(x) }
