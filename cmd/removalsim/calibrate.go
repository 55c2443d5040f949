package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/calibrate"
)

func init() { subcommands = append(subcommands, newCalibrateCmd) }

func newCalibrateCmd() *cobra.Command {
	var out string
	var iterations int
	var loo, quiet bool
	cmd := &cobra.Command{
		Use:   "calibrate",
		Short: "Fit one set of behavioural parameters to FY2008-FY2024",
		Long: `calibrate fits the behavioural parameters of the history scenarios
(shares and rates, the same for every year) to the dataset's ICE removals,
arrests, detention ADP and court backlog of the training years, holding out
FY2012, FY2016, FY2020 and FY2024. The fit is the posterior mode under
priors from each parameter's cited range, with a Laplace posterior; it
reports each estimate against its prior, the effective number of
parameters, the residuals per series and (unless --loo=false) the
leave-one-year-out error of removals, and writes the fitted values with
their 95% ranges and provenance to a partial scenario file. It is
deterministic and takes a few minutes.

The file goes to standard output unless --out names one (checked before
the fit starts, written whole or not at all); progress and the fit's
summary go to standard error. Interrupted (Ctrl-C), it stops between two
engine runs and writes nothing. To refresh the shipped calibration, which
"history" and "backtest" use from inside the binary:

  removalsim calibrate --out scenarios/calibrated.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := intFlag("iterations", iterations, 0, maxIterations); err != nil {
				return err
			}
			if out != "-" {
				if err := checkOutput(out); err != nil {
					return badInput(fmt.Errorf("--out: %w", err))
				}
			}
			summary := cmd.ErrOrStderr()
			ctx := cmd.Context()
			set := calibrate.Settings{MaxIterations: iterations, Context: ctx}
			if !quiet {
				set.Progress = func(line string) { fmt.Fprintln(summary, "calibrate:", line) }
			}
			r, err := calibrate.Calibrate(set, loo)
			if err != nil {
				if ctx != nil && ctx.Err() != nil {
					return fmt.Errorf("%w (nothing written)", err)
				}
				return err
			}
			src, err := calibrate.File(r)
			if err != nil {
				return err
			}
			// The summary is for the reader, the file is data: stderr and
			// stdout, so that "--out - > file" holds the file alone.
			writeCalibration(summary, r)
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
	cmd.Flags().IntVar(&iterations, "iterations", 0, "maximum Levenberg-Marquardt iterations (0: 40)")
	cmd.Flags().BoolVar(&loo, "loo", true, "refit without each training year and report its removals error")
	cmd.Flags().BoolVar(&quiet, "quiet", false, "no progress on standard error")
	return cmd
}

// writeCalibration prints the estimates against their priors, the
// effective number of parameters, the residuals per series and the
// leave-one-year-out error.
func writeCalibration(w io.Writer, r *calibrate.Result) {
	f := r.Fit
	fmt.Fprintf(w, "%-50s %10s  %-21s  %-21s %5s\n", "parameter", "estimate", "95% posterior", "prior 95%", "data")
	var notes []string
	for _, e := range f.Estimates {
		mark := ""
		if e.AtBound != "" {
			mark = " !"
			notes = append(notes, e.Name+": "+calibrate.BoundNote(e))
		}
		fmt.Fprintf(w, "%-50s %10.4g  [%8.4g, %8.4g]  [%8.4g, %8.4g] %4.0f%%%s\n", e.Name, e.Value, e.Low, e.High, e.Prior.Low, e.Prior.High, 100*e.DataShare, mark)
	}
	fmt.Fprintf(w, "(data: the share of a parameter's posterior precision that comes from the data rather than its prior)\n")
	if len(notes) == 0 {
		fmt.Fprintf(w, "no parameter at a bound\n")
	}
	for _, n := range notes {
		fmt.Fprintf(w, "! %s\n", n)
	}
	fmt.Fprintf(w, "\neffective parameters %.1f of %d free, %d training residuals (ratio %.2f); dispersion %.2f; %d iterations, %d engine runs\n",
		f.EffectiveParams, len(f.Estimates), f.N, f.EffectiveParams/float64(f.N), f.Dispersion, f.Iterations, f.Evaluations)
	fmt.Fprintf(w, "sum of squared standardised errors %.3f, prior penalty %.3f\n\n", f.Chi2, f.Penalty)
	fmt.Fprintf(w, "%-14s %4s %9s %8s  %s\n", "series", "n", "RMS std.", "MAPE %", "training residuals (FY: % error)")
	for _, s := range calibrate.FittedSeries() {
		var n int
		var ss, ape float64
		var parts []string
		for _, x := range r.Residuals {
			if x.Series != s {
				continue
			}
			n++
			ss += x.Standardised * x.Standardised
			ape += x.APE()
			parts = append(parts, fmt.Sprintf("%d: %+.0f", x.FY, 100*(x.Predicted/x.Actual-1)))
		}
		if n == 0 {
			continue
		}
		fmt.Fprintf(w, "%-14s %4d %9.2f %8.1f  %s\n", s, n, math.Sqrt(ss/float64(n)), ape/float64(n), strings.Join(parts, ", "))
	}
	if len(r.LeaveOneOut) > 0 {
		var parts []string
		for _, l := range r.LeaveOneOut {
			parts = append(parts, fmt.Sprintf("%d: %+.0f", l.FY, 100*(l.Predicted/l.Actual-1)))
		}
		fmt.Fprintf(w, "\nleave-one-year-out removals MAPE %.1f%% (%% error when refitted without the year: %s)\n", r.LeaveOneOutMAPE(), strings.Join(parts, ", "))
	}
}
