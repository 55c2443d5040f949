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
	var format, plotDir, calibrated string
	cmd := &cobra.Command{
		Use:   "backtest",
		Short: "Compare the history scenarios of FY2008-FY2024 with the dataset",
		Long: `backtest runs every fiscal year's history scenario with the flow engine
and compares predicted with actual ICE removals, ICE administrative arrests,
detention average daily population and immigration-court backlog (EOIR
pending at the year's end): a per-year table and the mean absolute
percentage error of each series, over all years and over the years held out
of the calibration (marked *).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := checkPlotDir(plotDir); err != nil {
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
			if err := writePlots(plotDir, "backtest-", func() ([]*chart.Figure, error) { return backtestCharts(r) }); err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if isTidy(format) {
				return writeTidy(w, format, tidy.Backtest(r), nil)
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
	return cmd
}
