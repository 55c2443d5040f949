package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/removalsim/removalsim/htmlreport"
	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
)

func init() { subcommands = append(subcommands, newReportCmd) }

func newReportCmd() *cobra.Command {
	var (
		out    string
		engine string
		opts   engineOptions
	)
	cmd := &cobra.Command{
		Use:   "report [FILE...]",
		Short: "Write one self-contained HTML file with the charts of runs, comparisons, plans, backtests and sensitivity studies",
		Long: `Report writes one HTML file that opens offline in any browser, on a phone
too, and prints: for each FILE its charts and tables, then the procedure
diagram, the parameters with their sources and the quality of what they
cite, the manifests and a methods section. Each chart saves itself as PNG
or SVG from its toolbox.

A FILE is either the JSON output of run, compare, plan, backtest or
sensitivity (--format json), or a scenario file (.yaml), which is run
first with --engine (and --runs), after the --set overrides. Without FILE it runs the embedded
baseline-2025. Run JSON for removals by pathway and by definition over
time, stocks, capacity utilisation with the binding constraint, costs,
due-process indicators and, with the agent engine, uncertainty bands.

The procedure diagram and the parameter table come from the first
scenario the inputs name (a scenario file, or a run's manifest when its
scenario is still there unchanged); without one, from baseline-2025.`,
		Example: `  removalsim report -o baseline.html
  removalsim run scenarios/target-1m.yaml --engine agent --runs 20 --format json > t.json
  removalsim report t.json -o target-1m.html
  removalsim compare scenarios/baseline-2025.yaml scenarios/policy-variants/doubled-judges.yaml --format json > c.json
  removalsim plan scenarios/baseline-2025.yaml --target 1000000 --by 2028-01 --format json > p.json
  removalsim report c.json p.json -o study.html`,
		RunE: func(cmd *cobra.Command, args []string) error {
			runEngine, ok := engines[engine]
			if !ok {
				return badInput(fmt.Errorf("unknown engine %q; want one of %s", engine, strings.Join(sortedNames(engines), ", ")))
			}
			if err := runsFlag(opts.Runs, 1, 0, 1); err != nil {
				return err
			}
			if len(args) == 0 {
				args = []string{""}
			}
			if out != "-" {
				if err := checkOutput(out); err != nil {
					return badInput(fmt.Errorf("-o: %w", err))
				}
			}
			b := reportBuilder{cmd: cmd, engine: runEngine, opts: opts}
			for _, file := range args {
				if err := b.add(file); err != nil {
					return err
				}
			}
			r, err := b.finish()
			if err != nil {
				return err
			}
			var buf bytes.Buffer
			if err := htmlreport.Write(&buf, r); err != nil {
				return err
			}
			if out == "-" {
				_, err = cmd.OutOrStdout().Write(buf.Bytes())
				return err
			}
			if err := writeFileAtomic(out, buf.Bytes(), 0o644); err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "wrote %s (%s bytes)\n", out, report.People(float64(buf.Len())))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&out, "output", "o", "report.html", `HTML file to write ("-" for standard output)`)
	f.StringVar(&engine, "engine", "flow", "engine for scenario files: "+strings.Join(sortedNames(engines), " or "))
	f.IntVar(&opts.Runs, "runs", 1, "replications of the agent engine for scenario files")
	return cmd
}

// reportBuilder gathers the sections of a report from its inputs.
type reportBuilder struct {
	cmd    *cobra.Command
	engine engineFunc
	opts   engineOptions

	r     htmlreport.Report
	names []string
	// model is the first scenario an input names, for the procedure
	// diagram and the parameter table.
	model *model.Model
}

// add reads one input: "" for the embedded baseline, a scenario file,
// "-" or "builtin:NAME", or a command's JSON output.
func (b *reportBuilder) add(file string) error {
	if file == "" || file == "-" || strings.HasPrefix(file, builtinPrefix) ||
		strings.HasSuffix(file, ".yaml") || strings.HasSuffix(file, ".yml") {
		return b.addScenario(file)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		return badInput(err)
	}
	kind, err := htmlreport.Detect(src)
	if err != nil {
		return badInput(fmt.Errorf("%s: %w", file, err))
	}
	b.section(kind, htmlreport.Title(kind, src, filepath.Base(file)), src)
	switch kind {
	case "run":
		var run struct {
			Sources  []result.Source    `json:"sources"`
			Manifest *manifest.Manifest `json:"manifest"`
		}
		if err := json.Unmarshal(src, &run); err != nil {
			return badInput(fmt.Errorf("%s: %w", file, err))
		}
		if run.Manifest != nil {
			b.r.Manifests = append(b.r.Manifests, run.Manifest)
			b.useScenario(run.Manifest.Input, run.Manifest.Months, run.Manifest.Set, run.Manifest.ScenarioSHA256)
		}
		if b.r.Params == nil {
			b.r.Params, b.r.ParamsOf = htmlreport.Params(run.Sources), filepath.Base(file)
		}
	case "compare":
		var c struct {
			A string `json:"a"`
		}
		if json.Unmarshal(src, &c) == nil {
			b.useScenario(c.A, 0, nil, "")
		}
	}
	return nil
}

// section appends a section named name of kind with the JSON data.
func (b *reportBuilder) section(kind, name string, data []byte) {
	b.r.Sections = append(b.r.Sections, htmlreport.Section{
		ID: kind + "-" + strconv.Itoa(len(b.r.Sections)+1), Kind: kind, Name: name, Data: data,
	})
	b.names = append(b.names, name)
}

// addScenario runs a scenario file (the embedded baseline for "") and
// adds its run.
func (b *reportBuilder) addScenario(file string) error {
	input := inputName(file)
	sets, err := overridesOf(b.cmd)
	if err != nil {
		return badInput(err)
	}
	s, mf, err := loadRun(b.cmd, input, 0, sets)
	if err != nil {
		return err
	}
	m, err := model.Compile(s)
	if err != nil {
		return badInput(err)
	}
	if err := runsFlag(b.opts.Runs, 1, m.Months, 1); err != nil {
		return err
	}
	opts := b.opts
	opts.Scenario = s // ranged parameters drawn per replication, as run does
	r, err := runPriced(b.engine, m, opts)
	if err != nil {
		return err
	}
	mf.Engine, mf.Seed, mf.Runs, mf.Uncertainty = r.Engine, r.Seed, r.Runs, r.Uncertainty
	var buf bytes.Buffer
	if err := report.JSONRun(&buf, r, mf); err != nil {
		return err
	}
	b.section("run", htmlreport.Title("run", buf.Bytes(), s.Name), buf.Bytes())
	b.r.Manifests = append(b.r.Manifests, mf)
	if b.model == nil {
		b.model = m
	}
	if b.r.Params == nil {
		b.r.Params, b.r.ParamsOf = htmlreport.Params(r.Sources), s.Name
	}
	return nil
}

// useScenario keeps the scenario input names for the diagram when none is
// kept yet, it loads, and (with a hash) it is the one the output was made
// from.
func (b *reportBuilder) useScenario(input string, months int, sets []string, hash string) {
	if b.model != nil || input == "" {
		return
	}
	s, err := loadInput(quiet(b.cmd), input, months, sets)
	if err != nil {
		return
	}
	if hash != "" {
		if h, err := manifest.ScenarioHash(s); err != nil || h != hash {
			return
		}
	}
	if m, err := model.Compile(s); err == nil {
		b.model = m
	}
}

// finish adds the procedure diagram and, when no run gave them, the
// parameters of the scenario kept, and titles the report.
func (b *reportBuilder) finish() (*htmlreport.Report, error) {
	if b.model == nil {
		s, err := loadInput(quiet(b.cmd), inputName(""), 0, nil)
		if err != nil {
			return nil, err
		}
		if b.model, err = model.Compile(s); err != nil {
			return nil, err
		}
		b.r.Notes = append(b.r.Notes, "No input names a scenario that is still available unchanged: the procedure diagram"+
			map[bool]string{true: " and the parameter table show", false: " shows"}[b.r.Params == nil]+" the embedded baseline-2025.")
	}
	proc, err := htmlreport.Procedure(&b.model.Rules)
	if err != nil {
		return nil, err
	}
	proc.Name += " (" + b.model.Name + ")"
	b.r.Sections = append(b.r.Sections, proc)
	if b.r.Params == nil {
		b.r.Params, b.r.ParamsOf = htmlreport.Params(sourcesOf(b.model)), b.model.Name
	}
	b.r.Title = "removalsim: " + strings.Join(b.names, "; ")
	return &b.r, nil
}

// quiet returns a command like cmd that prints no errors: for loads
// whose failure only means a part of the report is drawn otherwise.
func quiet(cmd *cobra.Command) *cobra.Command {
	q := &cobra.Command{}
	q.SetIn(cmd.InOrStdin())
	q.SetOut(io.Discard)
	q.SetErr(io.Discard)
	return q
}
