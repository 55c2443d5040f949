package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/progress"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
	"github.com/removalsim/removalsim/sweep"
)

func init() { subcommands = append(subcommands, newSweepCmd) }

func newSweepCmd() *cobra.Command {
	var (
		out     string
		shard   string
		shards  int
		workers int
		vary    []string
		sets    []string
		months  int
	)
	cmd := &cobra.Command{
		Use:   "sweep SWEEP.yaml | sweep [FILE] --vary PATH=A,B,C ...",
		Short: "Run a study over many scenario variants, on one machine or many, into one table",
		Long: `Sweep runs a study: many variants of one scenario, each a design point of
values of its parameters (the paths of --set), and writes one tidy table,
results.csv and results.parquet in --out, with the columns

  point, <one column per parameter, named by its path>, replication,
  metric, unit, period, value

(period is the whole run, then each 12-month period, as spans
"YYYY-MM/YYYY-MM"; units as in every tidy table, docs/tidy.md; metrics: ` + strings.Join(sweep.MetricNames(), ", ") + `).

A sweep file describes the study:

  name: beds-and-officers
  scenario: ../scenarios/baseline-2025.yaml  # relative to this file;
                             # builtin:NAME for an embedded one; default baseline-2025
  design: lhs                # grid, lhs, sobol, montecarlo or sensitivity
  samples: 64                # points (lhs, sobol, montecarlo); base N of sensitivity
  engine: flow               # or agent, with replications: R seeds per point
  months: 24                 # optional horizon
  set: [procedure.screening_window_hours=72]   # fixed overrides
  parameters:
    - {path: capacities.detention_beds.initial, range: [41500, 120000], integer: true}
    - {path: capacities.officers.initial, range: [5000, 9000], integer: true}
  metrics: [removals, cost_usd]             # default all
  batch: 16                  # runs per checkpoint

A grid gives each parameter values: [a, b, c] and runs every combination.
lhs is a Latin hypercube, sobol the Sobol' low-discrepancy sequence,
montecarlo independent uniform draws, all over the ranges; sensitivity is
the Saltelli design of "removalsim sensitivity --method sobol", N(k+2)
points, and merge adds indices.csv (first-order and total Sobol indices
of each metric over the whole run, with bootstrap intervals). Errors in
the file are reported as file:line:col, all at once (exit 2).

The short form varies parameters of a scenario FILE (default the embedded
baseline; - for standard input) over a grid without a sweep file:

  removalsim sweep --vary capacities.detention_beds.initial=41500,60000,100000 --vary capacities.officers.initial=6000,8000

Many machines: runs are cut into batches of the sweep's batch size, and
--shard I/N runs the I-th of N contiguous ranges of batches (I from 0);
with --shard /N or --shards N, I is read from JOB_COMPLETION_INDEX, as in
a Kubernetes Indexed Job ("removalsim sweep k8s"). Every batch is written to
--out as its own file when it is done (temporary file, then rename), so a
shard that crashes resumes where it stopped: batches already written are
not run again. Each shard writes a manifest (sweep hash, shard, batches,
points, version). "removalsim sweep merge DIR" then writes the tables;
the result is byte for byte that of one process, whatever N. A run's
random seed depends on the sweep's seed, the point and the replication
only.

Without --shard or --shards, sweep runs every batch and merges.`,
		Example: `  removalsim sweep study.yaml --out study-out
  removalsim sweep --vary capacities.detention_beds.initial=41500,100000 --months 24
  removalsim sweep study.yaml --out /shared/study --shard 2/8
  removalsim sweep merge /shared/study
  removalsim sweep k8s study.yaml --shards 50 --image ghcr.io/me/removalsim:v1`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			workers, err := workersFlag(workers)
			if err != nil {
				return err
			}
			i, n, sharded, err := shardArgs(cmd, shard, shards)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("months") && (len(vary) == 0 || months < 1 || months > maxMonths) {
				return badInput(fmt.Errorf("--months (1 to %d) belongs to the short form, with --vary; in a sweep file, write months: N", maxMonths))
			}
			if months > 0 {
				sets = append(sets, "months="+strconv.Itoa(months))
			}
			spec, tree, err := loadSweep(cmd, args, vary, sets)
			if err != nil {
				return err
			}
			if out == "" {
				out = spec.Name + ".sweep"
			}
			plan := sweep.NewPlan(spec)
			store := dirStore(out)
			stderr := cmd.ErrOrStderr()
			bars := progress.New(stderr)
			bar := bars.Bar(fmt.Sprintf("%s shard %d/%d runs", spec.Name, i, n), plan.Runs())
			o := sweep.Options{Workers: workers, Version: manifest.ReadBuild().String(),
				Progress: func(done, total int) { bar.Set(done, total) }}
			start := time.Now()
			man, err := sweep.RunShard(plan, tree, store, i, n, o)
			bars.Wait()
			var pe *sweep.PointError
			if errors.As(err, &pe) {
				var list scenario.ErrorList
				if errors.As(pe.Err, &list) {
					list.Print(stderr)
				}
				if pe.Point < 0 {
					return badInput(errors.New("the scenario with the sweep's fixed values (set, months) is not valid"))
				}
				return badInput(fmt.Errorf("design point %d is not a valid scenario", pe.Point))
			}
			if err != nil {
				return err
			}
			w := cmd.OutOrStdout()
			if man.Batches[0] == man.Batches[1] {
				fmt.Fprintf(w, "%s: shard %d/%d: no batch (%d shards for %d batches)\n", spec.Name, i, n, n, plan.Batches())
			} else {
				fmt.Fprintf(w, "%s: shard %d/%d: batches %d to %d of %d (%d resumed), runs %d to %d of %d, in %s\n",
					spec.Name, i, n, man.Batches[0], man.Batches[1]-1, plan.Batches(), man.Resumed, man.Runs[0], man.Runs[1]-1, plan.Runs(),
					time.Since(start).Round(time.Millisecond))
			}
			if sharded {
				fmt.Fprintf(w, "wrote %s; when every shard is done: removalsim sweep merge %s\n", filepath.Join(out, sweep.ManifestFile(i, n)), out)
				return nil
			}
			return mergeDir(w, out)
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "", "directory of the study's files (default NAME.sweep)")
	f.StringVar(&shard, "shard", "", "run shard I of N only, as I/N (I from 0); /N takes I from JOB_COMPLETION_INDEX")
	f.IntVar(&shards, "shards", 0, "run one shard of N, I taken from JOB_COMPLETION_INDEX")
	f.IntVar(&workers, "workers", 0, "runs in parallel, 0 for one per CPU (the output does not depend on it)")
	f.StringArrayVar(&vary, "vary", nil, "short form: vary PATH over the values A,B,C (repeatable; a grid over FILE)")
	f.StringArrayVar(&sets, "set", nil, "short form: set PATH=VALUE in every run (repeatable)")
	f.IntVar(&months, "months", 0, "short form: the horizon of every run, 1 to 600 months")
	cmd.AddCommand(newSweepMergeCmd(), newSweepK8sCmd())
	return cmd
}

func newSweepMergeCmd() *cobra.Command {
	var wait time.Duration
	cmd := &cobra.Command{
		Use:   "merge DIR",
		Short: "Combine the shards of a study into results.csv and results.parquet",
		Long: `Merge reads the batches the shards wrote to DIR, checks that every batch is
there and that every shard's manifest is of the same sweep and build, and
writes results.csv and results.parquet (and, for a sensitivity study,
indices.csv) to DIR. The tables are byte for byte those of one process.
Missing batches are listed; run their shards again (done batches are
kept). With --wait, merge waits up to that long for the missing batches
(the merge Job of "removalsim sweep k8s" starts with the shards).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			deadline := time.Now().Add(wait)
			for {
				err := mergeDir(cmd.OutOrStdout(), args[0])
				var me *sweep.MissingError
				if !errors.As(err, &me) || !time.Now().Before(deadline) {
					return err
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "waiting: %v\n", me)
				time.Sleep(min(mergePoll, time.Until(deadline)))
			}
		},
	}
	cmd.Flags().DurationVar(&wait, "wait", 0, "wait up to this long for missing batches, e.g. 24h")
	return cmd
}

// mergePoll is how often merge --wait looks for missing batches.
const mergePoll = 15 * time.Second

func newSweepK8sCmd() *cobra.Command {
	var o sweep.K8sOptions
	cmd := &cobra.Command{
		Use:   "k8s SWEEP.yaml --shards N --image IMG",
		Short: "Print the Kubernetes objects that run a study on a cluster",
		Long: `K8s prints, for kubectl apply, a ConfigMap holding the sweep file, an Indexed
Job (completionMode: Indexed) of --shards pods, each running
"removalsim sweep --shards N" on the shard Kubernetes gives it in
JOB_COMPLETION_INDEX, and a merge Job that waits for every batch and
writes results.csv and results.parquet. The pods share a volume (a
PersistentVolumeClaim, ReadWriteMany: --claim) where each shard writes its
batches under --prefix; a pod that fails is retried and resumes at its
first unfinished batch. The image is the repository's Dockerfile's
(removalsim as entrypoint, non-root). docs/cluster.md walks through a
study.

The sweep's scenario must be found inside a pod: leave scenario out (the
embedded baseline), write scenario: builtin:NAME (an embedded one), or
give an absolute path to a file you add to the image.`,
		Example: `  removalsim sweep k8s study.yaml --shards 50 --image ghcr.io/me/removalsim:v1 > study-k8s.yaml
  kubectl apply -f study-k8s.yaml`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			src, err := os.ReadFile(args[0])
			if err != nil {
				return badInput(fmt.Errorf("%s: %w", args[0], unwrapPath(err)))
			}
			spec, err := sweep.Parse(args[0], src)
			if err != nil {
				return reportErrors(cmd.ErrOrStderr(), args[0], "in the sweep file", err)
			}
			if sc, ok := strings.CutPrefix(spec.Scenario, builtinPrefix); ok {
				if _, err := scenarios.FS.Open(strings.TrimSuffix(sc, ".yaml") + ".yaml"); err != nil {
					return badInput(fmt.Errorf("%s: scenario %s: no such embedded scenario", args[0], spec.Scenario))
				}
			}
			return badInput(sweep.K8s(cmd.OutOrStdout(), spec, o))
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.Shards, "shards", 0, "number of pods (completions), each a shard")
	f.StringVar(&o.Image, "image", "", "container image with removalsim as entrypoint")
	f.IntVar(&o.Parallelism, "parallelism", 0, "most pods at once (default --shards)")
	f.StringVar(&o.Claim, "claim", "", "PersistentVolumeClaim (ReadWriteMany) shared by the pods (default removalsim-studies)")
	f.StringVar(&o.Prefix, "prefix", "", "the study's directory in the volume (default the job's name)")
	f.IntVar(&o.Workers, "workers", 0, "runs in parallel in each pod, 0 for one per CPU")
	f.StringVar(&o.CPU, "cpu", "", "CPU request per pod (default 1)")
	f.StringVar(&o.Memory, "memory", "", "memory request per pod (default 1Gi)")
	f.StringVar(&o.Namespace, "namespace", "", "namespace of the objects (default kubectl's)")
	return cmd
}

// mergeDir merges the study in dir and says what it wrote.
func mergeDir(w io.Writer, dir string) error {
	mans, err := filepath.Glob(filepath.Join(dir, "shards", "*.json"))
	if err != nil {
		return err
	}
	sort.Strings(mans)
	for k, m := range mans {
		mans[k], _ = filepath.Rel(dir, m)
		mans[k] = filepath.ToSlash(mans[k])
	}
	rep, err := sweep.Merge(dirStore(dir), mans)
	if err != nil {
		var me *sweep.MissingError
		if errors.As(err, &me) {
			return badInput(fmt.Errorf("%s: %w", dir, err))
		}
		return err
	}
	fmt.Fprintf(w, "%s: %d points, %d runs, %d rows from %d shard manifests: %s, %s\n",
		rep.Study.Name, rep.Plan.NumPoints(), rep.Plan.Runs(), rep.Rows, len(rep.Manifests),
		filepath.Join(dir, sweep.CSVFile), filepath.Join(dir, sweep.ParquetFile))
	if rep.Indices != nil {
		fmt.Fprintf(w, "Sobol indices (whole run): %s\n", filepath.Join(dir, sweep.IndicesFile))
		for _, m := range rep.Plan.Spec.Metrics {
			for _, r := range rep.Indices[m].Rows {
				fmt.Fprintf(w, "  %-22s %-45s S1 %6.3f [%6.3f, %6.3f]  ST %6.3f [%6.3f, %6.3f]\n", m, r.Name, r.S1, r.S1Low, r.S1High, r.ST, r.STLow, r.STHigh)
			}
		}
	}
	return nil
}

// shardArgs reads --shard I/N, or --shards N with I from
// JOB_COMPLETION_INDEX; neither means the whole study (0/1).
func shardArgs(cmd *cobra.Command, shard string, shards int) (i, n int, sharded bool, err error) {
	switch {
	case shard != "" && cmd.Flags().Changed("shards"):
		return 0, 0, false, badInput(errors.New("give --shard I/N or --shards N, not both"))
	case strings.HasPrefix(shard, "/"):
		// "--shard /N": I from JOB_COMPLETION_INDEX, as --shards N.
		n, err := strconv.Atoi(shard[1:])
		if err != nil {
			return 0, 0, false, badInput(fmt.Errorf("--shard %s: want I/N, or /N to take I from JOB_COMPLETION_INDEX", shard))
		}
		return shardFromEnv(n)
	case shard != "":
		a, b, ok := strings.Cut(shard, "/")
		i, err1 := strconv.Atoi(a)
		n, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
			return 0, 0, false, badInput(fmt.Errorf("--shard %s: want I/N with 0 <= I < N, e.g. 0/4", shard))
		}
		return i, n, true, nil
	case cmd.Flags().Changed("shards"):
		return shardFromEnv(shards)
	}
	return 0, 1, false, nil
}

// shardFromEnv returns shard I of n with I from JOB_COMPLETION_INDEX,
// which Kubernetes sets in each pod of an Indexed Job.
func shardFromEnv(n int) (i, _ int, sharded bool, err error) {
	if n < 1 {
		return 0, 0, false, badInput(fmt.Errorf("want at least 1 shard, got %d", n))
	}
	env := os.Getenv("JOB_COMPLETION_INDEX")
	i, err = strconv.Atoi(env)
	if err != nil || i < 0 || i >= n {
		return 0, 0, false, badInput(fmt.Errorf("%d shards: the shard is taken from JOB_COMPLETION_INDEX, which is %q; want 0 to %d (or give --shard I/N)", n, env, n-1))
	}
	return i, n, true, nil
}

// loadSweep reads the sweep file, or builds one from --vary, and the
// scenario it varies.
func loadSweep(cmd *cobra.Command, args, vary, sets []string) (*sweep.Spec, *scenario.Tree, error) {
	var (
		spec *sweep.Spec
		dir  = "."
	)
	if len(vary) > 0 {
		src, err := varySource(args, vary, sets)
		if err != nil {
			return nil, nil, err
		}
		if spec, err = sweep.Parse("--vary", src); err != nil {
			return nil, nil, reportErrors(cmd.ErrOrStderr(), "--vary", "in the short form", err)
		}
	} else {
		if len(args) == 0 {
			return nil, nil, badInput(errors.New("want a sweep file, or --vary PATH=A,B,... over a scenario"))
		}
		if len(sets) > 0 {
			return nil, nil, badInput(errors.New("--set belongs to the short form (with --vary); in a sweep file, write set: [PATH=VALUE]"))
		}
		src, err := os.ReadFile(args[0])
		if err != nil {
			return nil, nil, badInput(fmt.Errorf("%s: %w", args[0], unwrapPath(err)))
		}
		if spec, err = sweep.Parse(args[0], src); err != nil {
			return nil, nil, reportErrors(cmd.ErrOrStderr(), args[0], "in the sweep file", err)
		}
		dir = filepath.Dir(args[0])
	}
	tree, err := sweepScenario(cmd, spec, dir)
	if err != nil {
		return nil, nil, err
	}
	// A scenario that fails without the design's values fails for every
	// point: say so once, before any run.
	if _, err := tree.Decode(); err != nil {
		name := spec.Scenario
		if name == "" {
			name = defaultScenario
		}
		return nil, nil, reportLoadError(cmd.ErrOrStderr(), name, err)
	}
	return spec, tree, nil
}

// sweepScenario reads the scenario of a sweep: relative to the sweep
// file's directory, builtin:NAME from the embedded ones, "-" from
// standard input, or the embedded baseline.
func sweepScenario(cmd *cobra.Command, spec *sweep.Spec, dir string) (*scenario.Tree, error) {
	name := spec.Scenario
	switch {
	case name == "":
		return scenarioTree(cmd, "")
	case name != "-" && !filepath.IsAbs(name) && !strings.HasPrefix(name, builtinPrefix):
		name = filepath.Join(dir, name)
	}
	t, err := scenarioTree(cmd, name)
	if err != nil {
		return nil, badInput(fmt.Errorf("scenario %s: %w", name, unwrapPath(err)))
	}
	return t, nil
}

// varySource writes the sweep file the short form stands for.
func varySource(args, vary, sets []string) ([]byte, error) {
	var b strings.Builder
	b.WriteString("name: vary\ndesign: grid\n")
	if len(args) == 1 {
		scen := args[0]
		if scen != "-" {
			abs, err := filepath.Abs(scen)
			if err != nil {
				return nil, badInput(err)
			}
			scen = abs
		}
		fmt.Fprintf(&b, "scenario: %s\n", strconv.Quote(scen))
	}
	if len(sets) > 0 {
		b.WriteString("set:\n")
		for _, s := range sets {
			fmt.Fprintf(&b, "  - %s\n", strconv.Quote(s))
		}
	}
	b.WriteString("parameters:\n")
	for _, v := range vary {
		path, values, ok := strings.Cut(v, "=")
		if !ok || path == "" || values == "" {
			return nil, badInput(fmt.Errorf("--vary %s: want PATH=A,B,C", v))
		}
		fmt.Fprintf(&b, "  - path: %s\n    values:\n", strconv.Quote(path))
		for _, x := range strings.Split(values, ",") {
			fmt.Fprintf(&b, "      - %s\n", strconv.Quote(strings.TrimSpace(x)))
		}
	}
	return []byte(b.String()), nil
}

// dirStore is a sweep.Store on a directory.
type dirStore string

func (d dirStore) ReadFile(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(string(d), filepath.FromSlash(name)))
}

func (d dirStore) Has(name string) (bool, error) {
	_, err := os.Stat(filepath.Join(string(d), filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// WriteFile writes name atomically (writeAtomic), creating its directory,
// so that a crash leaves the old file or none, never a part, and
// concurrent shards on a shared volume never see one.
func (d dirStore) WriteFile(name string, write func(io.Writer) error) error {
	path := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return writeAtomic(path, 0o644, write)
}
