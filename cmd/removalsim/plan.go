package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/chart"
	"github.com/removalsim/removalsim/plan"
	"github.com/removalsim/removalsim/progress"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tidy"
)

func init() { subcommands = append(subcommands, newPlanCmd) }

// planOutput is the JSON form of a plan.
type planOutput = plan.Output

func newPlanCmd() *cobra.Command {
	var (
		target, budget, thirdMax float64
		byArg, objective, format string
		writeTo, plotDir         string
		runs                     int
	)
	cmd := &cobra.Command{
		Use:   "plan FILE --target N --by YYYY-MM",
		Short: "Find the capacity decisions that reach a removal rate by a date",
		Long: `Plan finds the schedule of capacity decisions (officers hired, detention beds
contracted, charter flights, land removal slots, judges, asylum officers)
that reaches, and then sustains for a year, a target annual removal rate by
a date: at least total cost (--objective cost), or as early as possible
within --budget (--objective time). Each capacity's ramp is a lever: the
plan chooses its pace between the scenario's max_added_per_month and the
physical limit of the capacity's lever (with the lever's lag, and its
surge cost for each unit added beyond the scenario's pace); a capacity
without a lever keeps the scenario's pace.

Rate: ` + plan.RateDefinition + `.

The plan is found on the flow engine (Nelder–Mead over capacity levels,
then hiring delayed as long as the target holds) and verified with
--runs replications of the agent engine (0 skips it); both rates are
printed. When even every capacity at its maximum ramp cannot reach the
target, the plan is not feasible: the output is that maximum plan, its
rate (the highest achievable) and the constraints that bind, each with the
rate it alone permits and what would have to change (for a ramp, the pace
it would need as a multiple of its physical limit). In every plan,
binding also names each lever the plan moves (from what level to what, by
when, at what pace against its limit, at what cost) and the
appropriations when the plan's spending passes them; the schedule says
what binds each month.

--write FILE writes the plan as a scenario that extends the input; running
it reproduces the plan's flow rates.`,
		Example: `  removalsim plan scenarios/baseline-2025.yaml --target 1000000 --by 2028-01
  removalsim plan scenarios/baseline-2025.yaml --target 250000 --by 2027-01 --format json --write plan.yaml
  removalsim plan scenarios/baseline-2025.yaml --target 300000 --by 2028-01 --objective time --budget 30e9`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			began := time.Now()
			if err := checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := checkPlotDir(plotDir); err != nil {
				return err
			}
			if err := floatFlag("target", target, 0, maxPeoplePerYear, true); err != nil {
				return err
			}
			if err := floatFlag("budget", budget, 0, maxUSD, false); err != nil {
				return err
			}
			if err := floatFlag("third-country-slots", thirdMax, 0, maxPeoplePerYear, false); err != nil {
				return err
			}
			if err := runsFlag(runs, 0, 0, 1); err != nil {
				return err
			}
			if byArg == "" {
				return badInput(fmt.Errorf("--by YYYY-MM is required"))
			}
			by, err := scenario.ParseMonth(byArg)
			if err != nil {
				return badInput(fmt.Errorf("--by: %w", err))
			}
			o := plan.Options{Target: target, By: by, BudgetUSD: budget, ThirdCountryMax: thirdMax}
			switch objective {
			case "cost":
			case "time":
				o.Objective = plan.MinTime
			default:
				return badInput(fmt.Errorf("unknown objective %q; want cost or time", objective))
			}
			if writeTo != "" {
				if err := checkOutput(writeTo); err != nil {
					return badInput(fmt.Errorf("--write: %w", err))
				}
			}
			s, err := loadForRun(cmd, args[0])
			if err != nil {
				return err
			}
			if by <= s.Start {
				return badInput(fmt.Errorf("--by %s must be after the scenario's start %s", by, s.Start))
			}
			if err := runsFlag(runs, 0, max(s.Months, int(by-s.Start)+1), 1); err != nil {
				return err
			}
			ctx, stop := watchHeap(cmd.Context())
			defer stop()
			bars := progress.New(cmd.ErrOrStderr())
			search := bars.Spinner("searching capacity plans")
			var check *progress.Bar
			if runs > 0 {
				check = bars.Bar("agent check", runs)
			}
			out, p, err := plan.Solve(s, o, plan.Verify{Runs: runs, Context: ctx,
				Progress: func(done, total int) { search.Done(); check.Set(done, total) }})
			bars.Wait()
			if err != nil {
				if errors.Is(context.Cause(ctx), errAgentMemory) {
					return errAgentMemory
				}
				return badInput(err)
			}
			if writeTo != "" {
				if err := writePlanFile(writeTo, args[0], s.Name, p); err != nil {
					return err
				}
			}
			out.Seconds = time.Since(began).Seconds()
			if err := writePlots(plotDir, "", func() ([]*chart.Figure, error) { return chart.Plan(s.Name, out) }); err != nil {
				return err
			}
			if isTidy(format) {
				return writeTidy(cmd.OutOrStdout(), format, tidy.Plan(s.Name, p, out.Achieved), provenance{})
			}
			if format == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			return writePlanTable(cmd.OutOrStdout(), s.Name, out)
		},
	}
	f := cmd.Flags()
	f.Float64Var(&target, "target", 0, "annual removal rate to reach (removals a year)")
	f.StringVar(&byArg, "by", "", "month by which to reach it, YYYY-MM")
	f.StringVar(&objective, "objective", "cost", "cost (least total cost by the date) or time (earliest within --budget)")
	f.Float64Var(&budget, "budget", 0, "most total cost over the horizon, USD (0: none); a target over it is infeasible with \"budget\" in binding")
	f.Float64Var(&thirdMax, "third-country-slots", 0, "assured third-country slots a month the plan may add by new agreements")
	f.IntVar(&runs, "runs", 2, "agent-engine replications to verify the plan (0: flow only)")
	plotFlag(cmd, &plotDir)
	f.StringVar(&writeTo, "write", "", "write the plan as a scenario extending FILE")
	f.StringVar(&format, "format", "table", "output format: table, json, csv or parquet")
	return cmd
}

// writePlanFile writes the plan as a scenario extending the input file,
// by a path relative to the written file.
func writePlanFile(dst, input, name string, p *plan.Plan) error {
	absIn, err := filepath.Abs(input)
	if err != nil {
		return err
	}
	absOut, err := filepath.Abs(dst)
	if err != nil {
		return err
	}
	rel, err := filepath.Rel(filepath.Dir(absOut), absIn)
	if err != nil {
		return badInput(fmt.Errorf("--write: %w", err))
	}
	var buf bytes.Buffer
	if err := p.WriteScenario(&buf, name+"-plan", filepath.ToSlash(rel)); err != nil {
		return err
	}
	return writeFileAtomic(dst, buf.Bytes(), 0o644)
}

func writePlanTable(w io.Writer, name string, o *planOutput) error {
	verdict := "FEASIBLE"
	if !o.Feasible {
		verdict = "NOT FEASIBLE"
		if len(o.Binding) > 0 && o.Binding[0].Constraint == "budget" {
			verdict = fmt.Sprintf("NOT FEASIBLE within the budget of $%s", sig(o.BudgetUSD))
		}
	}
	fmt.Fprintf(w, "%s: %s removals a year by %s — %s\n", name, report.People(o.TargetPerYear), o.By, verdict)
	fmt.Fprintf(w, "rate: %s\n\n", plan.RateDefinition)
	fmt.Fprintf(w, "achieved (lowest monthly rate %s..%s): flow %s", o.By, o.Horizon, report.People(o.Achieved["flow"]))
	if a, ok := o.Achieved["agent"]; ok {
		fmt.Fprintf(w, ", agent %s (%d runs)", report.People(a), o.AgentRuns)
	}
	reached := "never"
	if o.ReachedOn != nil {
		reached = *o.ReachedOn
	}
	fmt.Fprintf(w, "\nreached on: %s\ntotal cost to %s: $%.1f billion\n\n", reached, o.Horizon, o.CostUSD/1e9)
	// The planned level is where a ramp heads; a ramp started late can
	// stop short of it at the horizon (and attrition keeps a level below
	// it), so the level the schedule reaches is shown beside it.
	var last plan.Month
	if len(o.Schedule) > 0 {
		last = o.Schedule[len(o.Schedule)-1]
	}
	var decisions [][]string
	for _, d := range o.Decisions {
		from := d.From
		if from == "" {
			from = "no additions"
		}
		reached := "—"
		if x, ok := last.Levels[d.Capacity]; ok {
			reached = report.People(x)
		}
		decisions = append(decisions, []string{d.Capacity, report.People(d.Initial), report.People(d.Level), reached, from})
	}
	// The month the schedule ends, or the horizon without a schedule
	// (as the dashboard's table heads it).
	at := "at horizon"
	switch {
	case last.Month != "":
		at = "at " + last.Month
	case o.Horizon != "":
		at = "at " + o.Horizon
	}
	if err := report.Columns(w, []string{"capacity", "today", "planned level", at, "hiring from"}, decisions, 4); err != nil {
		return err
	}
	if o.ThirdCountry > 0 {
		fmt.Fprintf(w, "third-country slots added: %s a month\n", report.People(o.ThirdCountry))
	}
	if len(o.Binding) > 0 {
		fmt.Fprintf(w, "\nbinding constraints (tightest first):\n")
		for _, b := range o.Binding {
			fmt.Fprintf(w, "  %s: %s\n", b.Constraint, b.Note)
		}
	}
	fmt.Fprintln(w)
	header := append(append([]string{"month", "rate/yr"}, plan.Capacities...), "binds")
	var schedule [][]string
	for i, m := range o.Schedule {
		if i%3 != 0 && i != len(o.Schedule)-1 {
			continue
		}
		row := []string{m.Month, report.People(m.RatePerYear)}
		for _, c := range plan.Capacities {
			row = append(row, report.People(m.Levels[c]))
		}
		schedule = append(schedule, append(row, m.Binding))
	}
	if err := report.Columns(w, header, schedule, len(header)-1); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%d flow runs, %.1f s\n", o.Evaluations, o.Seconds)
	return nil
}
