package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/chart"
)

// plotFlag adds --plot DIR to cmd.
func plotFlag(cmd *cobra.Command, dir *string) {
	cmd.Flags().StringVar(dir, "plot", "", "directory to write the charts to, each as PNG and SVG (created if missing)")
}

// checkPlotDir creates dir when it is set and checks that files can be
// written in it, before the work.
func checkPlotDir(dir string) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return badInput(fmt.Errorf("--plot: %w", err))
	}
	if err := checkOutput(filepath.Join(dir, "chart.png")); err != nil {
		return badInput(fmt.Errorf("--plot: %w", err))
	}
	return nil
}

// writePlots writes every figure that draw returns as NAME.png and
// NAME.svg in dir, with prefix before each name; when dir is empty it
// draws and writes nothing.
func writePlots(dir, prefix string, draw func() ([]*chart.Figure, error)) error {
	if dir == "" {
		return nil
	}
	figs, err := draw()
	if err != nil {
		return err
	}
	for _, f := range figs {
		for _, format := range chart.Formats {
			b, err := f.Encode(format)
			if err != nil {
				return fmt.Errorf("chart %s: %w", f.Name, err)
			}
			if err := writeFileAtomic(filepath.Join(dir, prefix+f.Name+"."+format), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

// backtestCharts draws each series predicted against actual by fiscal
// year, the held-out years ringed.
func backtestCharts(r *backtest.Report) ([]*chart.Figure, error) {
	var figs []*chart.Figure
	for _, s := range backtest.Series {
		labels := make([]string, len(r.Years))
		pred, act := make([]float64, len(r.Years)), make([]float64, len(r.Years))
		held := make([]bool, len(r.Years))
		for i, y := range r.Years {
			v := y.Values[s]
			labels[i], pred[i], act[i], held[i] = fmt.Sprintf("%d", y.FY%100), v.Predicted, math.NaN(), y.HeldOut
			if v.HasActual {
				act[i] = v.Actual
			}
		}
		m := r.MAPE[s]
		f, err := chart.PredictedActual(s, fmt.Sprintf("%s by fiscal year: predicted and actual (MAPE all %.1f%%, held out %.1f%%)", s, m.All, m.HeldOut),
			s, labels, pred, act, held)
		if err != nil {
			return nil, err
		}
		figs = append(figs, f)
	}
	return figs, nil
}
