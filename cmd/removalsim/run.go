package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/bottleneck"
	"github.com/removalsim/removalsim/budget"
	"github.com/removalsim/removalsim/chart"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/progress"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tidy"
	"github.com/removalsim/removalsim/uncertainty"
)

func init() { subcommands = append(subcommands, newRunCmd) }

// defaultScenario is the embedded scenario run when no file is given.
const defaultScenario = "baseline-2025"

// engineOptions are the settings of a stochastic engine; the flow engine
// ignores them.
type engineOptions struct {
	// Runs is the number of replications (>= 1).
	Runs int
	// Seed replaces the scenario's seed when SeedSet.
	Seed    uint64
	SeedSet bool
	// Workers is the number of goroutines; 0 means one per CPU.
	Workers int
	// Context stops the runs when cancelled (Ctrl-C).
	Context context.Context
	// Progress, when set, is called after each replication with the
	// replications done and their total.
	Progress func(done, total int)
	// Uncertainty is what the bands span (--uncertainty), and Scenario
	// the scenario m was compiled from, whose ranged parameters a
	// stochastic engine draws per replication.
	Uncertainty uncertainty.Kind
	Scenario    *scenario.Scenario
}

// engineFunc runs a compiled model.
type engineFunc func(*model.Model, engineOptions) (*result.Result, error)

// engines maps the names accepted by --engine to their runners. Engines
// other than flow register themselves from their own file in an init
// function, so this file does not import them.
// runPriced runs m on the engine and adds the run's cost account: what run
// and report both print.
func runPriced(run engineFunc, m *model.Model, opts engineOptions) (*result.Result, error) {
	r, err := run(m, opts)
	if err != nil {
		return nil, err
	}
	r.Costs, err = budget.Account(&m.CostUnits, r)
	return r, err
}

var engines = map[string]engineFunc{
	"flow": func(m *model.Model, _ engineOptions) (*result.Result, error) { return flow.Run(m), nil },
}

// formats maps the names accepted by --format to the report writers,
// which take the result and its manifest.
var formats = map[string]func(io.Writer, *result.Result, *manifest.Manifest) error{
	"table": report.TableRun,
	"json":  report.JSONRun,
	"csv": func(w io.Writer, r *result.Result, m *manifest.Manifest) error {
		return writeTidy(w, "csv", tidy.Result(r), provenance{run: m})
	},
	"parquet": func(w io.Writer, r *result.Result, m *manifest.Manifest) error {
		return writeTidy(w, "parquet", tidy.Result(r), provenance{run: m})
	},
}

// maxMonths is the longest horizon --months accepts, as in scenario files.
const maxMonths = scenario.MaxMonths

func newRunCmd() *cobra.Command {
	var (
		months  int
		format  string
		engine  string
		opts    engineOptions
		seedArg uint64
		// kind is --uncertainty.
		kind string
		// manifestFile names a manifest (or a run's JSON) to run again.
		manifestFile string
		// plotDir receives the charts of the run (--plot).
		plotDir string
		// withBottlenecks adds the bottleneck attribution (a flow run per
		// month and capacity, so not by default).
		withBottlenecks bool
	)
	cmd := &cobra.Command{
		Use:   "run [FILE]",
		Short: "Run a scenario and print its result",
		Long: `Run simulates a scenario and prints the result.

Without FILE it runs the embedded baseline-2025 scenario (the capacities,
inflows and rules of early 2025). A FILE may extend another scenario file;
extends is resolved relative to FILE. A scenario with errors is not run:
every error is printed, one per line, as file:line:column, and the command
exits with status 2.

Formats:
  table  a summary for reading: annual totals, removals by pathway and
         destination, costs, the binding constraint month by month,
         detention, due-process indicators, time to removal (default)
  json   the whole result (every monthly series, the ledger of every stock,
         the parameters used with their sources)
  csv    the tidy table of docs/tidy.md: one row per scenario, engine,
         band (mean or p05/p50/p95), metric, unit and period (month,
         12-month period, whole run), with the binding capacity and bands
  parquet  the same table as a Parquet file (zstd), the manifest in its
         metadata

Engines:
  flow   the deterministic stock-flow engine: fast, means only; it ignores
         --runs, --seed and --workers
  agent  the stochastic engine of synthetic cases, when built in: --runs
         replications averaged, from --seed (default: the scenario's seed),
         on --workers goroutines (default: one per CPU); the result does not
         depend on --workers. --uncertainty says what its bands span: noise
         (the random events only), params (each replication draws every
         parameter that has a range, by Latin hypercube over the ranges,
         with the random events held fixed) or both (the default)`,
		Example: `  removalsim run
  removalsim run --months 12 --format json > baseline.json
  removalsim run scenarios/target-1m.yaml --format csv
  removalsim run my-variant.yaml --engine agent --runs 20 --seed 7
  removalsim run --bottlenecks --format json   # with marginal values`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			write, ok := formats[format]
			if !ok {
				return badInput(fmt.Errorf("unknown format %q; want one of %s", format, strings.Join(sortedNames(formats), ", ")))
			}
			runEngine, ok := engines[engine]
			if !ok {
				return badInput(fmt.Errorf("unknown engine %q; want one of %s", engine, strings.Join(sortedNames(engines), ", ")))
			}
			if cmd.Flags().Changed("months") && (months < 1 || months > maxMonths) {
				return badInput(fmt.Errorf("--months must be between 1 and %d, got %d", maxMonths, months))
			}
			if err := checkPlotDir(plotDir); err != nil {
				return err
			}
			if err := runsFlag(opts.Runs, 1, 0, 1); err != nil {
				return err
			}
			if opts.Workers, err = workersFlag(opts.Workers); err != nil {
				return err
			}
			opts.Seed, opts.SeedSet = seedArg, cmd.Flags().Changed("seed")
			opts.Context = cmd.Context()
			if opts.Uncertainty, err = uncertainty.ParseKind(kind); err != nil {
				return badInput(fmt.Errorf("--uncertainty: %w", err))
			}
			input := inputName(fileArg(args))
			var want *manifest.Manifest
			if manifestFile != "" {
				if want, err = readManifestFlags(cmd, args, manifestFile); err != nil {
					return err
				}
				input, engine, withBottlenecks = want.Input, want.Engine, want.Bottlenecks
				months, opts.Runs, opts.Seed, opts.SeedSet = want.Months, want.Runs, want.Seed, true
				if want.Uncertainty != "" {
					if opts.Uncertainty, err = uncertainty.ParseKind(want.Uncertainty); err != nil {
						return badInput(fmt.Errorf("%s: uncertainty: %w", manifestFile, err))
					}
				}
				if runEngine, ok = engines[engine]; !ok {
					return badInput(fmt.Errorf("%s: engine %q is not built in; want one of %s", manifestFile, engine, strings.Join(sortedNames(engines), ", ")))
				}
			} else if !cmd.Flags().Changed("months") {
				months = 0
			}
			sets, err := overridesOf(cmd)
			if err != nil {
				return err
			}
			if want != nil {
				sets = want.Set
			}
			s, mf, err := loadRun(cmd, input, months, sets)
			if err != nil {
				return err
			}
			if want != nil {
				if err := checkReproducible(cmd.ErrOrStderr(), manifestFile, want, mf); err != nil {
					return err
				}
			}
			m, err := model.Compile(s)
			if err != nil {
				return badInput(err)
			}
			if engine != "flow" {
				if err := runsFlag(opts.Runs, 1, m.Months, 1); err != nil {
					return err
				}
			}
			if withBottlenecks {
				if err := bottlenecksFit(m); err != nil {
					return err
				}
			}
			opts.Scenario = s
			update, finish := progress.Count(cmd.ErrOrStderr(), "replications", opts.Runs)
			if engine != "flow" {
				opts.Progress = update
			}
			r, err := runPriced(runEngine, m, opts)
			finish()
			if err != nil {
				return err
			}
			mf.Engine, mf.Seed, mf.Runs, mf.Bottlenecks = r.Engine, r.Seed, r.Runs, withBottlenecks
			mf.Uncertainty = r.Uncertainty
			if withBottlenecks {
				// Marginal values are finite differences on the flow
				// engine, whichever engine ran: they are means either way.
				err := progress.Spin(cmd.ErrOrStderr(), "marginal values", func() (err error) {
					r.Bottlenecks, err = bottleneck.Analyse(m, bottleneck.Options{Workers: opts.Workers})
					return err
				})
				if err != nil {
					return err
				}
			}
			if err := writePlots(plotDir, "", func() ([]*chart.Figure, error) { return chart.Result(r) }); err != nil {
				return err
			}
			if err := write(cmd.OutOrStdout(), r, mf); err != nil {
				return err
			}
			if withBottlenecks && format == "table" {
				return writeBottlenecks(cmd.OutOrStdout(), r.Scenario, r.Bottlenecks)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.IntVar(&months, "months", 0, "override the scenario's horizon, 1 to 600 months")
	f.StringVar(&format, "format", "table", "output format: table, json, csv or parquet")
	f.StringVar(&engine, "engine", "flow", "engine: "+strings.Join(sortedNames(engines), " or ")+" (flow ignores --runs, --seed, --workers)")
	f.IntVar(&opts.Runs, "runs", 1, "replications of a stochastic engine, 1 to 500 and runs × months at most 24000 (ignored by flow)")
	f.Uint64Var(&seedArg, "seed", 0, "root random seed of a stochastic engine; default the scenario's seed (ignored by flow)")
	f.IntVar(&opts.Workers, "workers", 0, "goroutines of a stochastic engine, 0 for one per CPU, at most 256 (ignored by flow)")
	f.StringVar(&kind, "uncertainty", string(uncertainty.Both), "what a stochastic engine's bands span: noise (its random events), params (the ranged parameters drawn per replication by Latin hypercube, noise fixed) or both (ignored by flow)")
	f.StringVar(&manifestFile, "manifest", "", "run again what a manifest (or a run's JSON output) describes; byte-identical with the same version")
	plotFlag(cmd, &plotDir)
	f.BoolVar(&withBottlenecks, "bottlenecks", false, "add each capacity's utilisation and marginal value per month (slower: a flow run per month and capacity)")
	return cmd
}

// sortedNames returns the keys of m, sorted.
func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// fileArg returns the optional scenario file argument, or "" for the
// embedded baseline.
func fileArg(args []string) string {
	if len(args) == 1 {
		return args[0]
	}
	return ""
}

// compileForRun loads the scenario file (the embedded baseline when file
// is empty) as loadForRun does, replaces its horizon by months when months
// is positive, and compiles it. Every error it returns is a usage error.
func compileForRun(cmd *cobra.Command, file string, months int) (*model.Model, error) {
	s, err := loadForRun(cmd, file)
	if err != nil {
		return nil, err
	}
	if months > 0 {
		s.Months = months
	}
	m, err := model.Compile(s)
	if err != nil {
		return nil, badInput(err)
	}
	return m, nil
}

// loadForRun loads the scenario file, or the embedded baseline when file
// is empty, or standard input when it is "-", with cmd's --set overrides.
// A scenario with errors has them all printed to stderr, one per line,
// and yields a usage error that counts them.
func loadForRun(cmd *cobra.Command, file string) (*scenario.Scenario, error) {
	sets, err := overridesOf(cmd)
	if err != nil {
		return nil, err
	}
	return loadForRunWith(cmd, file, sets)
}
