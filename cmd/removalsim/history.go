package main

import (
	"fmt"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/calibrate"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

func init() { subcommands = append(subcommands, newHistoryCmd) }

// defaultCalibrated is the --calibrated of history and backtest: the
// shipped calibration, embedded in the binary (scenarios/calibrated.yaml),
// so that they give the same answer from any directory.
const defaultCalibrated = scenario.BuiltinPrefix + "calibrated"

// loadBehaviour reads the calibrated behaviour at path, a file or
// "builtin:calibrated" for the embedded one. Any problem is an error.
func loadBehaviour(_ *cobra.Command, path string) (history.Behaviour, error) {
	var (
		src []byte
		err error
	)
	if name, ok := strings.CutPrefix(path, scenario.BuiltinPrefix); ok {
		src, err = fs.ReadFile(scenarios.FS, strings.TrimSuffix(name, ".yaml")+".yaml")
	} else {
		src, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, badInput(fmt.Errorf("--calibrated: %w", err))
	}
	b, err := calibrate.Read(src)
	if err != nil {
		return nil, badInput(fmt.Errorf("%s: %w", path, err))
	}
	return b, nil
}

// parseFY reads "FY2016" or "2016".
func parseFY(s string) (int, error) {
	fy, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(s), "FY"))
	if err != nil || fy < history.FirstFY || fy > history.LastFY {
		return 0, fmt.Errorf("want a fiscal year FY%d to FY%d, got %q", history.FirstFY, history.LastFY, s)
	}
	return fy, nil
}

func newHistoryCmd() *cobra.Command {
	var format, calibrated string
	cmd := &cobra.Command{
		Use:   "history FY2016",
		Short: "Print the scenario of a past fiscal year, built from the public dataset",
		Long: `history builds the scenario of a fiscal year from data/figures.csv:
officers, detention beds (average daily population where known), judges and
their completions, border apprehensions by month (flat within a year when
only the annual figure exists), the Title 42 share, the court backlog and
final-order docket at the start, and the undocumented population, with the
behavioural parameters of the calibrated file. Every number cites its
dataset row, the estimate made from rows, or the calibration.

The run starts in October two years before the fiscal year's end and lasts
24 months: the first 12 are a warm-up, only the fiscal year is compared.
Notes on estimates and events are printed as comments.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			fy, err := parseFY(args[0])
			if err != nil {
				return badInput(err)
			}
			if format != "yaml" {
				return badInput(fmt.Errorf("--format: want yaml, got %q", format))
			}
			b, err := loadBehaviour(cmd, calibrated)
			if err != nil {
				return err
			}
			s, notes, err := history.Build(fy, b)
			if err != nil {
				return err
			}
			out := history.Marshal(s)
			if _, err := scenario.Parse(s.Name+".yaml", out); err != nil {
				return fmt.Errorf("history: the scenario written does not read back: %w", err)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "# FY%d rebuilt by `removalsim history FY%d` from data/figures.csv.\n", fy, fy)
			for _, n := range notes {
				fmt.Fprintf(w, "# note (%s): %s\n", n.Topic, n.Text)
			}
			_, err = w.Write(out)
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "yaml", "output format: yaml")
	cmd.Flags().StringVar(&calibrated, "calibrated", defaultCalibrated, "file of calibrated behavioural parameters (default: the shipped one, in the binary)")
	return cmd
}
