package server

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/bottleneck"
	"github.com/removalsim/removalsim/compare"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/plan"
	"github.com/removalsim/removalsim/report"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/sensitivity"
	"github.com/removalsim/removalsim/tidy"
)

// Setting is a scenario with the dashboard's levers and switches set.
type Setting struct {
	// Scenario is a shipped scenario's name or an upload's id.
	Scenario string `json:"scenario"`
	// Months overrides the horizon (1 to 600) when positive.
	Months   int                `json:"months,omitempty"`
	Levers   map[string]float64 `json:"levers,omitempty"`
	Switches map[string]bool    `json:"switches,omitempty"`
}

// RunRequest is "removalsim run" as a request.
type RunRequest struct {
	Setting
	// Engine is flow (the default) or agent; agent runs only as a job.
	Engine string `json:"engine,omitempty"`
	// Runs and Seed are the agent engine's; Seed 0 means the scenario's.
	Runs        int    `json:"runs,omitempty"`
	Seed        uint64 `json:"seed,omitempty"`
	Bottlenecks bool   `json:"bottlenecks,omitempty"`
	// Save stores a synchronous run and gives it a permanent link (the
	// X-Run-Hash header); jobs always store theirs.
	Save bool `json:"save,omitempty"`
}

// CompareRequest is "removalsim compare" as a request.
type CompareRequest struct {
	A      Setting `json:"a"`
	B      Setting `json:"b"`
	Engine string  `json:"engine,omitempty"`
	Runs   int     `json:"runs,omitempty"`
	Seed   uint64  `json:"seed,omitempty"`
}

// PlanRequest is "removalsim plan" as a request.
type PlanRequest struct {
	Setting
	Target            float64 `json:"target"`
	By                string  `json:"by"`
	Objective         string  `json:"objective,omitempty"`
	BudgetUSD         float64 `json:"budget_usd,omitempty"`
	ThirdCountrySlots float64 `json:"third_country_slots,omitempty"`
	// Runs verify the plan on the agent engine (default 2; -1 for none).
	Runs int `json:"runs,omitempty"`
}

// SensitivityRequest is "removalsim sensitivity" as a request.
type SensitivityRequest struct {
	Setting
	Method  string `json:"method,omitempty"`
	Metric  string `json:"metric,omitempty"`
	Samples int    `json:"samples,omitempty"`
	Seed    uint64 `json:"seed,omitempty"`
}

// Manifest says exactly what a run was: the kind, the request with
// every default filled in, and the digest of each scenario as parsed.
// Its hash is the run's permanent identity.
type Manifest struct {
	Version int    `json:"version"`
	Kind    string `json:"kind"`
	// Program is the binary that ran it (manifest.ReadBuild): a run is
	// the same run only under the same program.
	Program string `json:"program"`
	// Data is the vintage of the embedded dataset.
	Data      manifest.DataVintage `json:"data"`
	Scenarios []ScenarioRef        `json:"scenarios"`
	Request   json.RawMessage      `json:"request"`
}

// ScenarioRef names a scenario and pins its content.
type ScenarioRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	// Digest is manifest.ScenarioHash of the scenario before levers.
	Digest string `json:"digest"`
	input  string
}

// manifestVersion changes when the meaning of a manifest changes.
const manifestVersion = 1

// hash returns the manifest's hash: the sha256 of its JSON (struct
// fields in order, map keys sorted, so the bytes are canonical). It is
// the one place that defines a run's identity.
func (m *Manifest) hash() (string, []byte) {
	b, err := json.Marshal(m)
	if err != nil {
		panic(err) // a manifest holds only marshalable values
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), b
}

// task is a prepared request: validated, with its manifest, ready to run.
type task struct {
	manifest Manifest
	// total is the progress units (replications, evaluations) expected.
	total int
	// sync is true when the task is quick enough to answer inline.
	sync bool
	run  func(ctx context.Context, progress func(done, total int)) ([]byte, error)
	// compact, when set, gives the answer of a synchronous request in
	// compact JSON; run gives the form stored and downloaded.
	compact func() ([]byte, error)
}

// maxSyncBottleneckMonths is the longest horizon whose bottleneck
// attribution is answered at once (about 300 flow runs, a second).
const maxSyncBottleneckMonths = 60

// kinds are the task kinds, the values of a job's kind.
var kinds = []string{"run", "compare", "plan", "sensitivity"}

// prepare decodes a request of the kind, checks it, fills in its
// defaults and returns the task. Every problem is a 400 or 404 error
// naming the field.
func (s *Server) prepare(ctx context.Context, kind string, raw json.RawMessage) (*task, error) {
	switch kind {
	case "run":
		return prepareAs(ctx, kind, raw, s.prepareRun)
	case "compare":
		return prepareAs(ctx, kind, raw, s.prepareCompare)
	case "plan":
		return prepareAs(ctx, kind, raw, s.preparePlan)
	case "sensitivity":
		return prepareAs(ctx, kind, raw, s.prepareSensitivity)
	}
	return nil, badRequest("kind: unknown kind %q; want one of %s", kind, strings.Join(kinds, ", "))
}

// prepareAs decodes raw strictly as a Q and prepares it with f.
func prepareAs[Q any](ctx context.Context, kind string, raw json.RawMessage, f func(context.Context, Q) (*task, error)) (*task, error) {
	var q Q
	d := json.NewDecoder(bytes.NewReader(raw))
	d.DisallowUnknownFields()
	if err := d.Decode(&q); err != nil {
		return nil, badRequest("malformed %s request: %s", kind, jsonErr(err))
	}
	return f(ctx, q)
}

// resolve loads a setting's scenario and applies its levers to a copy.
func (s *Server) resolve(ctx context.Context, field string, st Setting) (*scenario.Scenario, ScenarioRef, error) {
	if st.Scenario == "" {
		return nil, ScenarioRef{}, badRequest("%sscenario: required (a shipped name such as baseline-2025, or an upload's id)", field)
	}
	e, err := s.cat.get(ctx, s.cfg.Store, st.Scenario)
	if err != nil {
		return nil, ScenarioRef{}, err
	}
	sc := scenario.Clone(e.scenario)
	if err := applyLevers(sc, st.Levers, st.Switches); err != nil {
		if he, ok := err.(*httpError); ok {
			he.msg = field + he.msg
		}
		return nil, ScenarioRef{}, err
	}
	if st.Months != 0 {
		if st.Months < 1 || st.Months > 600 {
			return nil, ScenarioRef{}, badRequest("%smonths: must be between 1 and 600, got %d", field, st.Months)
		}
		sc.Months = st.Months
	}
	return sc, ScenarioRef{ID: e.ID, Name: e.Name, Digest: e.digest, input: e.input}, nil
}

// compile compiles a scenario after levers; a problem is the request's.
func compile(field string, sc *scenario.Scenario) (*model.Model, error) {
	m, err := model.Compile(sc)
	if err != nil {
		return nil, badRequest("%sscenario %s with these levers: %v", field, sc.Name, err)
	}
	return m, nil
}

func (s *Server) checkRuns(field string, runs *int, def int) error {
	if *runs == 0 {
		*runs = def
	}
	if *runs < 1 || *runs > s.cfg.MaxRuns {
		return badRequest("%s: must be between 1 and %d, got %d", field, s.cfg.MaxRuns, *runs)
	}
	return nil
}

func newManifest(kind string, refs []ScenarioRef, q any) (Manifest, error) {
	b, err := json.Marshal(q)
	if err != nil {
		return Manifest{}, err
	}
	d, err := manifest.Data()
	return Manifest{Version: manifestVersion, Kind: kind, Program: manifest.ReadBuild().String(), Data: d,
		Scenarios: refs, Request: b}, err
}

// indented encodes v as the command line's --format json does.
func indented(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return buf.Bytes(), err
}

func (s *Server) prepareRun(ctx context.Context, q RunRequest) (*task, error) {
	sc, ref, err := s.resolve(ctx, "", q.Setting)
	if err != nil {
		return nil, err
	}
	m, err := compile("", sc)
	if err != nil {
		return nil, err
	}
	q.Save = false // how it was asked for, not what was run
	// The result carries the command line's manifest of the run: the
	// scenario as run (levers applied), engine, seed and runs.
	mf, err := manifest.New("run", ref.input, sc)
	if err != nil {
		return nil, err
	}
	mf.Bottlenecks = q.Bottlenecks
	t := &task{total: 1}
	switch q.Engine {
	case "", "flow":
		q.Engine, q.Runs, q.Seed = "flow", 1, 0
		mf.Engine = "flow"
		// The attribution costs a flow run per month and capacity, so
		// beyond five years it is a job, not an answer.
		t.sync = !q.Bottlenecks || sc.Months <= maxSyncBottleneckMonths
		t.run = func(context.Context, func(int, int)) ([]byte, error) {
			return runResult(flow.Run(m), m, mf)
		}
		// Answered at once, a flow run is compact JSON: a slider's answer
		// costs half the encoding (the stored result stays indented).
		t.compact = func() ([]byte, error) { return compactResult(flow.Run(m), m, mf) }
	case "agent":
		if err := s.checkRuns("runs", &q.Runs, 1); err != nil {
			return nil, err
		}
		if q.Seed == 0 {
			q.Seed = m.Seed
		}
		mf.Engine, mf.Seed, mf.Runs = "agent", q.Seed, q.Runs
		t.total = q.Runs
		t.run = func(ctx context.Context, progress func(int, int)) ([]byte, error) {
			r, err := agent.Run(m, agent.Options{Runs: q.Runs, Seed: q.Seed, Context: ctx, Progress: progress})
			if err != nil {
				return nil, err
			}
			return runResult(r, m, mf)
		}
	default:
		return nil, badRequest("engine: unknown engine %q; want flow or agent", q.Engine)
	}
	if t.manifest, err = newManifest("run", []ScenarioRef{ref}, q); err != nil {
		return nil, err
	}
	return t, nil
}

// runResult is the run's JSON, as "removalsim run --format json" writes
// it (with its manifest mf), with the bottleneck attribution when mf
// says so.
func runResult(r *result.Result, m *model.Model, mf *manifest.Manifest) ([]byte, error) {
	if err := addBottlenecks(r, m, mf.Bottlenecks); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err := report.JSONRun(&buf, r, mf)
	return buf.Bytes(), err
}

// compactResult is runResult without the indentation.
func compactResult(r *result.Result, m *model.Model, mf *manifest.Manifest) ([]byte, error) {
	if err := addBottlenecks(r, m, mf.Bottlenecks); err != nil {
		return nil, err
	}
	b, err := json.Marshal(report.Run{Result: r, Manifest: mf})
	if err != nil {
		// A NaN or an infinity: report.JSONRun says where.
		return nil, report.JSONRun(io.Discard, r, mf)
	}
	return append(b, '\n'), nil
}

func addBottlenecks(r *result.Result, m *model.Model, with bool) error {
	if !with {
		return nil
	}
	var err error
	r.Bottlenecks, err = bottleneck.Analyse(m, bottleneck.Options{})
	return err
}

func (s *Server) prepareCompare(ctx context.Context, q CompareRequest) (*task, error) {
	a, refA, err := s.resolve(ctx, "a.", q.A)
	if err != nil {
		return nil, err
	}
	b, refB, err := s.resolve(ctx, "b.", q.B)
	if err != nil {
		return nil, err
	}
	ma, err := compile("a.", a)
	if err != nil {
		return nil, err
	}
	mb, err := compile("b.", b)
	if err != nil {
		return nil, err
	}
	t := &task{total: 1}
	switch q.Engine {
	case "", "flow":
		q.Engine, q.Runs, q.Seed = "flow", 1, 0
		t.sync = true
	case "agent":
		if err := s.checkRuns("runs", &q.Runs, 10); err != nil {
			return nil, err
		}
		if q.Seed == 0 {
			q.Seed = ma.Seed
		}
		t.total = 2 * q.Runs
	default:
		return nil, badRequest("engine: unknown engine %q; want flow or agent", q.Engine)
	}
	t.run = func(ctx context.Context, progress func(int, int)) ([]byte, error) {
		out, err := compare.Run(ma, mb, label(refA, q.A), label(refB, q.B), compare.Options{
			Engine: q.Engine, Runs: q.Runs, Seed: q.Seed, SeedSet: true, Context: ctx, Progress: progress})
		if err != nil {
			return nil, err
		}
		return indented(out)
	}
	if t.manifest, err = newManifest("compare", []ScenarioRef{refA, refB}, q); err != nil {
		return nil, err
	}
	return t, nil
}

// label names a compared side: the scenario and the levers moved.
func label(ref ScenarioRef, st Setting) string {
	l := ref.Name
	for _, k := range slices.Sorted(maps.Keys(st.Levers)) {
		l += fmt.Sprintf(" %s=%g", k, st.Levers[k])
	}
	for _, k := range slices.Sorted(maps.Keys(st.Switches)) {
		l += fmt.Sprintf(" %s=%t", k, st.Switches[k])
	}
	return l
}

func (s *Server) preparePlan(ctx context.Context, q PlanRequest) (*task, error) {
	sc, ref, err := s.resolve(ctx, "", q.Setting)
	if err != nil {
		return nil, err
	}
	if !(q.Target > 0) {
		return nil, badRequest("target: must be a positive number of removals a year")
	}
	by, err := scenario.ParseMonth(q.By)
	if err != nil {
		return nil, badRequest("by: %v", err)
	}
	if by <= sc.Start {
		return nil, badRequest("by: %s must be after the scenario's start %s", by, sc.Start)
	}
	o := plan.Options{Target: q.Target, By: by, BudgetUSD: q.BudgetUSD, ThirdCountryMax: q.ThirdCountrySlots}
	switch q.Objective {
	case "", "cost":
		q.Objective = "cost"
	case "time":
		o.Objective = plan.MinTime
	default:
		return nil, badRequest("objective: unknown objective %q; want cost or time", q.Objective)
	}
	if q.BudgetUSD < 0 || q.ThirdCountrySlots < 0 {
		return nil, badRequest("budget_usd and third_country_slots must not be negative")
	}
	switch {
	case q.Runs == 0:
		q.Runs = 2
	case q.Runs == -1:
	default:
		if err := s.checkRuns("runs", &q.Runs, 2); err != nil {
			return nil, err
		}
	}
	t := &task{total: max(q.Runs, 0) + 1}
	t.run = func(ctx context.Context, progress func(int, int)) ([]byte, error) {
		o := o
		o.Context = ctx
		out, _, err := plan.Solve(sc, o, plan.Verify{Runs: max(q.Runs, 0), Context: ctx,
			Progress: func(done, total int) { progress(done+1, total+1) }})
		if err != nil {
			return nil, err
		}
		return indented(out)
	}
	if t.manifest, err = newManifest("plan", []ScenarioRef{ref}, q); err != nil {
		return nil, err
	}
	return t, nil
}

func (s *Server) prepareSensitivity(ctx context.Context, q SensitivityRequest) (*task, error) {
	sc, ref, err := s.resolve(ctx, "", q.Setting)
	if err != nil {
		return nil, err
	}
	if q.Method == "" {
		q.Method = "oat"
	}
	if !slices.Contains(sensitivity.Methods, q.Method) {
		return nil, badRequest("method: unknown method %q; want %s", q.Method, strings.Join(sensitivity.Methods, ", "))
	}
	if q.Metric == "" {
		q.Metric = "removals"
	}
	if _, ok := sensitivity.Metrics[q.Metric]; !ok {
		return nil, badRequest("metric: unknown metric %q; want one of %s", q.Metric, strings.Join(sensitivity.MetricNames(), ", "))
	}
	if q.Samples < 0 || q.Samples > 4096 {
		return nil, badRequest("samples: must be between 0 (the method's default) and 4096, got %d", q.Samples)
	}
	if q.Seed == 0 {
		q.Seed = 1
	}
	fs := sensitivity.Factors(sc)
	if len(fs) == 0 {
		return nil, badRequest("scenario: %s has no parameter with a range: [low, high]", sc.Name)
	}
	// Each evaluation starts from its own copy of the prepared scenario.
	newf, err := sensitivity.ScenarioFunc(func() (*scenario.Scenario, error) { return scenario.Clone(sc), nil }, fs, q.Metric)
	if err != nil {
		return nil, badRequest("%v", err)
	}
	t := &task{total: 1}
	t.run = func(ctx context.Context, progress func(int, int)) ([]byte, error) {
		out, err := sensitivity.Study(q.Method, fs, q.Samples, sensitivity.Cancellable(ctx, newf), sensitivity.Options{Seed: q.Seed, Progress: progress})
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, err
		}
		return indented(sensitivity.Output{Scenario: sc.Name, Method: q.Method, Metric: q.Metric, Result: out})
	}
	if t.manifest, err = newManifest("sensitivity", []ScenarioRef{ref}, q); err != nil {
		return nil, err
	}
	return t, nil
}

// tidyRows returns a stored run's result as the tidy table of
// docs/tidy.md, as "removalsim run --format csv" and parquet write it.
// Only runs have it here: a comparison's period is not in its JSON, and
// plans and studies are stored as their JSON.
func tidyRows(resultJSON []byte) ([]tidy.Row, error) {
	var r result.Result
	if err := json.Unmarshal(resultJSON, &r); err != nil {
		return nil, err
	}
	return tidy.Result(&r), nil
}
