package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/calibrate"
	"github.com/removalsim/removalsim/progress"
)

func init() { subcommands = append(subcommands, newCalibrateCmd) }

func newCalibrateCmd() *cobra.Command {
	var out string
	var evals int
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Fit one set of behavioural parameters to FY2008-FY2024",
		Long: `calibrate fits the behavioural parameters of the history scenarios
(shares and rates, the same for every year) to the dataset's ICE removals,
arrests, detention ADP and court backlog of the training years, holding out
FY2012, FY2016, FY2020 and FY2024, and writes them with their 95% ranges and
provenance to a partial scenario file. It is deterministic and takes a few
minutes.

The file goes to standard output unless --out names one (checked before
the fit starts, written whole or not at all); the fit's summary goes to
standard error. To refresh the shipped calibration, which "history" and
"backtest" use from inside the binary:

  removalsim calibrate --out scenarios/calibrated.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := intFlag("evaluations", evals, 0, maxEvaluations); err != nil {
				return err
			}
			if out != "-" {
				if err := checkOutput(out); err != nil {
					return badInput(fmt.Errorf("--out: %w", err))
				}
			}
			var r *calibrate.Result
			err := progress.Spin(cmd.ErrOrStderr(), "fitting FY2008-FY2024", func() (err error) {
				r, err = calibrate.Calibrate(calibrate.Settings{MaxEvaluations: evals})
				return err
			})
			if err != nil {
				return err
			}
			src, err := calibrate.File(r)
			if err != nil {
				return err
			}
			// The summary is for the reader, the file is data: stderr and
			// stdout, so that "--out - > file" holds the file alone.
			summary := cmd.ErrOrStderr()
			for _, e := range r.Fit.Estimates {
				fmt.Fprintf(summary, "%-36s %10.4f  [%.4f, %.4f]\n", e.Name, e.Value, e.Low, e.High)
			}
			fmt.Fprintf(summary, "SSR %.4f over %d figures, %d runs\n", r.Fit.SSR, r.Fit.N, r.Fit.Evaluations)
			if out == "-" {
				_, err = cmd.OutOrStdout().Write(src)
				return err
			}
			if err := writeFileAtomic(out, src, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(summary, "wrote %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "-", `file to write; "-" for standard output`)
	cmd.Flags().IntVar(&evals, "evaluations", 0, "maximum engine runs per Nelder-Mead pass (0: 80 per parameter)")
	return cmd
}
