package main

import (
	"encoding/json"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/calibrate"
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
			b, err := loadBehaviour(cmd, calibrated)
			if err != nil {
				return err
			}
			r, err := backtest.Run(b, calibrate.HeldOut)
			if err != nil {
				return err
			}
			if plotDir != "" {
				charts, err := r.Charts()
				if err != nil {
					return err
				}
				if err := os.MkdirAll(plotDir, 0o755); err != nil {
					return badInput(err)
				}
				for _, s := range backtest.Series {
					if err := os.WriteFile(filepath.Join(plotDir, "backtest-"+s+".png"), charts[s], 0o644); err != nil {
						return badInput(err)
					}
				}
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
	cmd.Flags().StringVar(&plotDir, "plot", "", "directory to write PNG charts of predicted vs actual per series")
	cmd.Flags().StringVar(&calibrated, "calibrated", defaultCalibrated, "file of calibrated behavioural parameters")
	return cmd
}
