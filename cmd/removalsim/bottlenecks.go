package main

import (
	"encoding/json"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/bottleneck"
	"github.com/removalsim/removalsim/progress"
	"github.com/removalsim/removalsim/tidy"
)

func init() { subcommands = append(subcommands, newBottlenecksCmd) }

func newBottlenecksCmd() *cobra.Command {
	var (
		format  string
		workers int
		step    float64
	)
	cmd := &cobra.Command{
		Use:   "bottlenecks [FILE]",
		Short: "Utilisation, binding capacity and marginal value of each capacity, month by month",
		Long: `Bottlenecks prints, for every month of the scenario (without FILE, the
embedded baseline-2025), each capacity's utilisation, the binding capacity,
and each capacity's marginal value: the extra removals over the following
12 months per extra unit of the capacity from that month on (officer, bed,
flight a month, judge, ...), measured by raising the capacity --step (1%)
on the flow engine and running again.

It costs one flow run per month and capacity, so it is a command of its
own rather than part of "run", which stays fast.`,
		Example: `  removalsim bottlenecks
  removalsim bottlenecks scenarios/target-1m.yaml --format json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := floatFlag("step", step, 0, 1, true); err != nil {
				return err
			}
			workers, err := workersFlag(workers)
			if err != nil {
				return err
			}
			file := fileArg(args)
			m, err := compileForRun(cmd, file, 0)
			if err != nil {
				return err
			}
			if err := bottlenecksFit(m); err != nil {
				return err
			}
			var months []bottleneck.Month
			err = progress.Spin(cmd.ErrOrStderr(), "marginal values", func() (err error) {
				months, err = bottleneck.Analyse(m, bottleneck.Options{Step: step, Workers: workers})
				return err
			})
			if err != nil {
				return err
			}
			if isTidy(format) {
				return writeTidy(cmd.OutOrStdout(), format, tidy.Bottlenecks(m.Name, months), provenance{})
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(struct {
					Scenario string             `json:"scenario"`
					Step     float64            `json:"step"`
					Window   int                `json:"window_months"`
					Months   []bottleneck.Month `json:"months"`
				}{m.Name, step, 12, months})
			}
			return writeBottlenecks(cmd.OutOrStdout(), m.Name, months)
		},
	}
	f := cmd.Flags()
	f.StringVar(&format, "format", "table", "output format: table, json, csv or parquet")
	f.Float64Var(&step, "step", 0.01, "relative increase of a capacity for the marginal value")
	f.IntVar(&workers, "workers", 0, "parallel runs, 0 for one per CPU")
	return cmd
}

func writeBottlenecks(w io.Writer, name string, months []bottleneck.Month) error {
	fmt.Fprintf(w, "%s: marginal removals over the next 12 months per unit added (utilisation %%)\n\n", name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "month\tbinding\tbest\t")
	for _, c := range bottleneck.Capacities {
		fmt.Fprintf(tw, "%s\t", c.Name)
	}
	fmt.Fprintln(tw)
	for _, mo := range months {
		fmt.Fprintf(tw, "%s\t%s\t%s\t", mo.Month, mo.Binding, mo.Best)
		for _, c := range mo.Capacities {
			fmt.Fprintf(tw, "%s (%.0f%%)\t", sig(c.Marginal), 100*c.Utilisation)
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}
