package main

import (
	"encoding/json"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/calibrate"
	"github.com/removalsim/removalsim/chart"
	"github.com/removalsim/removalsim/tidy"
)

func init() { subcommands = append(subcommands, newBacktestCmd) }

func newBacktestCmd() *cobra.Command {
	var format, plotDir, calibrated, regimeName string
	var coverage int
	cmd := &cobra.Command{
		Use:   "backtest",
		Short: "Compare the history scenarios of FY2008-FY2024 with the dataset",
		Long: `backtest runs every fiscal year's history scenario with the flow engine
and compares predicted with actual ICE removals, ICE administrative arrests,
detention average daily population and immigration-court backlog (EOIR
pending at the year's end): a per-year table and the mean absolute
percentage error of each series, over all years and over the years held out
of the calibration (marked *). Then the coverage check: over the held-out
years and the 2025 windows of ICE removals, how often the published figure
falls inside the 90% band of predictions over --coverage parameter draws.

With --regime 2025 it runs instead the out-of-time test of the 2025
enforcement regime: scenarios/fy2025.yaml from 1 October 2024, whose
behaviour is fitted only to figures dated on or before 2025-05-03, against
every published window of its months (removals 2025-01-20..2025-08-27 and
FY2025 to 2025-09-06, the detained population on each published date,
removals and arrests a day), each with its quality, its role (input,
fitting target, held out) and the error, and the issue's bars.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cmd.Flags().Changed("regime") {
				return runRegimeBacktest(cmd.OutOrStdout(), regimeName, format)
			}
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := checkPlotDir(plotDir); err != nil {
				return err
			}
			if err := intFlag("coverage", coverage, 0, maxCoverageDraws); err != nil {
				return err
			}
			b, err := loadBehaviour(cmd, calibrated)
			if err != nil {
				return err
			}
			r, err := backtest.Run(b, calibrate.HeldOut)
			if err != nil {
				return err
			}
			if coverage > 0 {
				if r.Coverage, err = backtest.CheckCoverage(b, calibrate.HeldOut, coverage, 1, calibrate.Sigma); err != nil {
					return err
				}
			}
			if err := writePlots(plotDir, "backtest-", func() ([]*chart.Figure, error) { return backtestCharts(r) }); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if isTidy(format) {
				return writeTidy(w, format, tidy.Backtest(r), provenance{})
			}
			if format == "json" {
				enc := json.NewEncoder(w)
				enc.SetIndent("", "  ")
				return enc.Encode(r)
			}
			return r.WriteTable(w)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, json, csv or parquet")
	plotFlag(cmd, &plotDir)
	cmd.Flags().StringVar(&calibrated, "calibrated", defaultCalibrated, "file of calibrated behavioural parameters (default: the shipped one, in the binary)")
	cmd.Flags().IntVar(&coverage, "coverage", 40, "parameter draws for the coverage check of the 90% bands (0: skip it)")
	cmd.Flags().StringVar(&regimeName, "regime", "", "run the out-of-time test of a regime instead (2025: scenarios/fy2025.yaml against every published window after 2025-05-03)")
	return cmd
}
