package main

import (
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/numfmt"
	"github.com/removalsim/removalsim/progress"
	"github.com/removalsim/removalsim/tidy"
)

func init() { subcommands = append(subcommands, newCrossCheckCmd) }

func newCrossCheckCmd() *cobra.Command {
	var (
		runs, workers int
		seed          uint64
		scale         float64
		format        string
	)
	cmd := &cobra.Command{
		Use:   "crosscheck [FILE]",
		Short: "Check that the flow and agent engines agree on a scenario",
		Long: `Crosscheck runs a scenario (the embedded baseline-2025 without FILE) with
the deterministic flow engine and with --runs replications of the agent
engine, and prints, for each 12-month period, annual removals, arrests
and the average detained population: flow's value, the agent's mean, the
difference in percent and the agent's 95% band across replications.

The engines agree on a value when they differ by at most 3% or flow lies
inside the agent's band. The command exits with status 1 when any value
disagrees.

--scale multiplies every stock, inflow and capacity (not rates or
shares) before both runs; at small scales the agent's integer people and
queues differ more from flow's fluid ones.`,
		Example: `  removalsim crosscheck
  removalsim crosscheck scenarios/target-1m.yaml --runs 20 --scale 0.1`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkFormat(format, "table"); err != nil {
				return err
			}
			if err := runsFlag(runs, 2, 0, 1); err != nil {
				return err
			}
			if err := floatFlag("scale", scale, 0, maxScale, true); err != nil {
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
			if err := runsFlag(runs, 2, m.Months, 1); err != nil {
				return err
			}
			if scale != 1 {
				m = m.Scaled(scale)
			}
			if cmd.Flags().Changed("seed") {
				m.Seed = seed
			}
			if err := agentFits(m); err != nil {
				return err
			}
			ctx, stop := watchHeap(cmd.Context())
			defer stop()
			update, finish := progress.Count(cmd.ErrOrStderr(), "replications", runs)
			reps, err := agent.Replicate(m, agent.Options{Runs: runs, Workers: workers, Seed: m.Seed, Context: ctx, Progress: update})
			finish()
			if err != nil {
				return agentError(ctx, err)
			}
			rows := agent.Compare(flow.Run(m), reps)
			if isTidy(format) {
				err = writeTidy(cmd.OutOrStdout(), format, tidy.CrossCheck(m.Name, rows), provenance{})
			} else {
				err = writeCrossCheck(cmd.OutOrStdout(), rows)
			}
			if err != nil {
				return err
			}
			bad := 0
			for _, r := range rows {
				if !r.OK {
					bad++
				}
			}
			if bad > 0 {
				return fmt.Errorf("the engines disagree on %d of %d values", bad, len(rows))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&runs, "runs", 10, "replications of the agent engine (at least 2)")
	f.Float64Var(&scale, "scale", 1, "multiply stocks, inflows and capacities by this factor, above 0 and at most 1")
	f.Uint64Var(&seed, "seed", 0, "root random seed of the agent engine; default the scenario's seed")
	f.IntVar(&workers, "workers", 0, "goroutines of the agent engine, 0 for one per CPU")
	f.StringVar(&format, "format", "table", "output format: table, csv or parquet")
	return cmd
}

// writeCrossCheck prints the comparison as a table.
func writeCrossCheck(w io.Writer, rows []agent.Comparison) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "period\tmetric\tflow\tagent\tdiff %\tband 2.5%\tband 97.5%\t\t")
	for _, r := range rows {
		verdict := "ok"
		if !r.OK {
			verdict = "DISAGREE"
		}
		fmt.Fprintf(tw, "%s..%s\t%s\t%s\t%s\t%+.2f\t%s\t%s\t%s\t\n",
			r.From, r.To, r.Metric, numfmt.Count(r.Flow), numfmt.Count(r.Agent), r.DiffPct, numfmt.Count(r.Lo), numfmt.Count(r.Hi), verdict)
	}
	return tw.Flush()
}
