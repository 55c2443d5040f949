// Command prep prepares the inputs of the benchmark (bench/run):
//
//	prep scale -factor F IN.yaml > OUT.yaml   scale people and capacities by F
//	prep params IN.yaml > params.json          compiled inputs for SimPy/SimJS
//	prep flow IN.yaml                          the flow engine's means, as JSON
//	prep people IN.yaml                        the people in the initial stocks
//	prep profile -cpuprofile F IN.yaml         one agent replication under pprof
//	prep summarize DIR                         the comparison table, PASS/FAIL
//	prep scaling DIR > scaling.tsv             the scaling runs, one a line
//	prep throughput DIR > throughput.tsv       events/s by tool and size
//
// scale multiplies every stock and inflow of people and every capacity
// (initial levels, additions, targets, country caps, third-country slots)
// by one factor and leaves rates, shares, productivities and costs alone,
// so the scaled system has the same utilisations and waits at any size.
// Its output is JSON, which is YAML, and loads like the input.
//
// params compiles the scenario with package model, exactly as removalsim
// does, and writes the per-step capacities and per-step probabilities the
// SimPy and SimJS models read, so all three run on the same numbers. It
// refuses a scenario that uses a part of the model those two do not
// implement (border, new entries, fear claims, appeals, injunctions,
// departures, caps, priority).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "prep:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) == 0 {
		return errors.New("usage: prep scale|params|people|flow|profile|summarize|scaling|throughput ...")
	}
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	factor := fs.Float64("factor", 1, "scale factor for people and capacities")
	name := fs.String("name", "", "name of the scaled scenario (default: NAME-xFACTOR)")
	cpuProfile := fs.String("cpuprofile", "", "profile: write the CPU profile here")
	seed := fs.Uint64("seed", 1, "profile: the replication's seed")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("want one scenario file or directory")
	}
	switch args[0] {
	case "summarize":
		ok, err := summarize(os.Stdout, fs.Arg(0))
		if err == nil && !ok {
			err = errors.New("the tools disagree (see FAIL above)")
		}
		return err
	case "scaling":
		return scaling(os.Stdout, fs.Arg(0))
	case "throughput":
		return throughput(os.Stdout, fs.Arg(0))
	}
	s, err := load(fs.Arg(0))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	switch args[0] {
	case "scale":
		if *factor <= 0 || math.IsInf(*factor, 0) || math.IsNaN(*factor) {
			return fmt.Errorf("factor must be positive, got %g", *factor)
		}
		scale(s, *factor)
		s.Name = *name
		if s.Name == "" {
			s.Name = fmt.Sprintf("%s-x%g", strings.TrimSuffix(filepath.Base(fs.Arg(0)), ".yaml"), *factor)
		}
		if err := s.Validate(); err != nil {
			return fmt.Errorf("scaled scenario: %w", err)
		}
		return enc.Encode(emit(reflect.ValueOf(s).Elem()))
	case "params":
		m, err := model.Compile(s)
		if err != nil {
			return err
		}
		p, err := params(s, m)
		if err != nil {
			return err
		}
		return enc.Encode(p)
	case "profile":
		m, err := model.Compile(s)
		if err != nil {
			return err
		}
		return profile(m, *seed, *cpuProfile)
	case "people":
		m, err := model.Compile(s)
		if err != nil {
			return err
		}
		in := m.Initial
		_, err = fmt.Println(int64(math.Round(in.AtLarge + in.InProceedings + in.ATD + in.FinalOrders + in.DetainedWithOrder + in.DetainedDocket)))
		return err
	case "flow":
		m, err := model.Compile(s)
		if err != nil {
			return err
		}
		r := flow.Run(m)
		ttr := 0.0
		if d, ok := r.TimeToRemovalDays["interior_court"]; ok {
			ttr = d.Mean
		}
		return enc.Encode(map[string]float64{
			"removals":             r.Totals.Removals,
			"arrests":              r.Totals.Arrests,
			"mean_time_to_removal": ttr,
			"court_completions":    r.Totals.CourtCompletions,
		})
	}
	return fmt.Errorf("unknown subcommand %q", args[0])
}

// profile runs one replication of the agent engine on one goroutine,
// with the CPU profile written to path, and prints its events and time.
func profile(m *model.Model, seed uint64, path string) error {
	if path == "" {
		return errors.New("profile: want -cpuprofile FILE")
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	t0 := time.Now()
	r, err := agent.Run(m, agent.Options{Runs: 1, Seed: seed, Workers: 1})
	wall := time.Since(t0)
	pprof.StopCPUProfile()
	if err != nil {
		return err
	}
	_, err = fmt.Printf("%s: %.0f events in %.3f s (%.1f M events/s)\n", m.Name, r.Events, wall.Seconds(), r.Events/wall.Seconds()/1e6)
	return err
}

func load(path string) (*scenario.Scenario, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	return scenario.Load(os.DirFS(filepath.Dir(abs)), filepath.Base(abs))
}

// scale multiplies people and capacities by f.
func scale(s *scenario.Scenario, f float64) {
	mul := func(p *scenario.Param) {
		p.Value *= f
		for i := range p.Changes {
			p.Changes[i].Value *= f
		}
		p.Range = nil // a range of the unscaled value would no longer hold it
	}
	sched := func(sc scenario.Schedule) {
		for i := range sc {
			mul(&sc[i].Value)
		}
	}
	p := &s.Population
	for _, x := range []*scenario.Param{&p.AtLarge, &p.NonDetainedDocket, &p.ATD, &p.Detained, &p.FinalOrders} {
		mul(x)
	}
	sched(s.Inflows.BorderEncounters)
	sched(s.Inflows.NewEntries)
	c := &s.Capacities
	for _, k := range []*scenario.Capacity{&c.Officers.Capacity, &c.DetentionBeds, &c.Flights.Capacity,
		&c.LandRemovals, &c.Judges.Capacity, &c.AsylumOfficers.Capacity} {
		mul(&k.Initial)
		mul(&k.MaxAddedPerMonth)
		sched(k.Target)
	}
	for i := range s.Countries {
		mul(&s.Countries[i].MonthlyCap)
	}
	for i := range s.ThirdCountries {
		mul(&s.ThirdCountries[i].MonthlyCapacity)
	}
}

var (
	paramType    = reflect.TypeFor[scenario.Param]()
	monthType    = reflect.TypeFor[scenario.Month]()
	dateType     = reflect.TypeFor[scenario.Date]()
	scheduleType = reflect.TypeFor[scenario.Schedule]()
)

// emit turns a scenario value into plain maps and lists keyed by the yaml
// tags, which encoding/json writes as a document scenario.Load reads.
// Unset optional fields are left out.
func emit(v reflect.Value) any {
	switch v.Type() {
	case paramType:
		p := v.Interface().(scenario.Param)
		out := map[string]any{"value": p.Value}
		if p.Source != "" {
			out["source"] = p.Source
		}
		if p.AsOf != "" {
			out["as_of"] = p.AsOf
		}
		if p.Range != nil {
			out["range"] = p.Range
		}
		// Dated changes are kept (scale scales those of what it scales).
		if len(p.Changes) > 0 {
			cs := make([]any, len(p.Changes))
			for i, c := range p.Changes {
				cs[i] = map[string]any{"from": c.From.String(), "value": c.Value, "source": c.Source}
			}
			out["changes"] = cs
		}
		return out
	case monthType:
		return v.Interface().(scenario.Month).String()
	case dateType:
		return v.Interface().(scenario.Date).String()
	}
	switch v.Kind() {
	case reflect.Struct:
		out := map[string]any{}
		emitFields(v, out)
		return out
	case reflect.Slice:
		out := make([]any, v.Len())
		for i := range out {
			out[i] = emit(v.Index(i))
		}
		return out
	}
	return v.Interface()
}

func emitFields(v reflect.Value, out map[string]any) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		fv := v.Field(i)
		if strings.Contains(opts, "inline") {
			emitFields(fv, out)
			continue
		}
		if strings.Contains(opts, "omitempty") {
			if fv.Type() == paramType && !fv.Interface().(scenario.Param).Set || fv.Type() != paramType && fv.IsZero() {
				continue
			}
		}
		if fv.Type() == scheduleType && fv.Len() == 0 {
			continue
		}
		out[name] = emit(fv)
	}
}

// Params are the compiled inputs of the SimPy and SimJS models. Series
// are per step (one step a day); probabilities are per step.
type Params struct {
	Name        string  `json:"name"`
	Steps       int     `json:"steps"`
	StepsPerDay int     `json:"steps_per_day"`
	AtLarge     float64 `json:"at_large"`
	// Per-step capacities.
	Arrests []float64 `json:"arrests"`
	Beds    float64   `json:"beds"`
	Judges  []float64 `json:"judges"`
	Seats   []float64 `json:"seats"`
	Third   []float64 `json:"third"`
	// Per-step leaving probabilities.
	DocketProb float64 `json:"docket_prob"`
	BedWait    float64 `json:"bed_wait_prob"`
	ATDEnd     float64 `json:"atd_end_prob"`
	// PostOrderLimit is the post-order detention limit in steps
	// (model.PostOrderLimitDays; procedure.Deadline): a case still held
	// that many steps after its removal order (in the travel-document
	// wait, the country queue, the third-country queue or the flight
	// queue) is released to the final-order docket in the release phase.
	PostOrderLimit int `json:"post_order_limit_steps"`
	// Court outcomes: order, relief, voluntary departure.
	Detained    [3]float64 `json:"detained_outcomes"`
	NonDetained [3]float64 `json:"non_detained_outcomes"`
	Groups      []Group    `json:"groups"`
}

// Group is a country group of Params.
type Group struct {
	Name       string  `json:"name"`
	Share      float64 `json:"share"`
	Acceptance float64 `json:"acceptance"`
	DocProb    float64 `json:"doc_prob"`
}

// params checks that m uses only the core the SimPy and SimJS models
// implement and returns their inputs.
func params(s *scenario.Scenario, m *model.Model) (*Params, error) {
	var bad []string
	check := func(ok bool, what string) {
		if !ok {
			bad = append(bad, what)
		}
	}
	sum := func(xs []float64) float64 {
		t := 0.0
		for _, x := range xs {
			t += x
		}
		return t
	}
	check(m.StepsPerDay == 1, "steps_per_day must be 1")
	check(sum(m.BorderPerStep) == 0, "no border encounters")
	check(sum(m.NewEntriesPerStep) == 0, "no new entries")
	check(sum(m.LandPerStep) == 0, "no land removals")
	check(sum(m.ThirdUnassuredPerStep) == 0, "third countries with assurances only")
	in := m.Initial
	check(in.InProceedings == 0 && in.ATD == 0 && in.FinalOrders == 0 && in.DetainedWithOrder == 0 && in.DetainedDocket == 0,
		"everyone starts at large")
	sh := m.Shares
	check(sh.DetainOfInterior == 1, "detention.detain_share must be 1")
	check(sh.FinalOrderEffort == 0, "arrests.final_order_share must be 0")
	check(m.CustodialPoolPerStep == nil && m.ReachablePerStep == nil && m.CollateralPerTargeted == nil,
		"no custodial pool, reachable_share or collateral_share (arrests are the officers' capacity)")
	check(sh.PriorityCases == 0, "arrests.priority_share must be 0 (FIFO queues)")
	check(sh.AppealShare == 0, "court.appeal_share must be 0")
	check(sh.Detained.Terminated == 0 && sh.NonDetained.Terminated == 0, "court terminations must be 0")
	r := m.Rules
	check(r.HearingEntitledShare == 1, "procedure.hearing_entitled_share must be 1")
	check(r.SpecialAuthorityShare == 0, "procedure.special_authority_share must be 0")
	check(r.FearClaimRate == 0, "procedure.border_fear_claim_rate must be 0")
	check(len(r.Injunctions) == 0, "no injunctions")
	check(slices.Max(m.AtLargeDeparturePerStep) == 0 && slices.Max(m.FinalOrderDeparturePerStep) == 0, "no departures on one's own")
	for k := 1; k < m.Steps; k++ {
		if m.Beds[k] != m.Beds[0] {
			check(false, "constant detention beds")
			break
		}
	}
	check(m.Beds[0] == math.Trunc(m.Beds[0]), "a whole number of detention beds")
	check(m.PostOrderLimitDays > 0, "a post-order detention limit (detention.blocked_release_days)")
	p := &Params{
		Name: m.Name, Steps: m.Steps, StepsPerDay: m.StepsPerDay, AtLarge: in.AtLarge,
		Arrests: m.ArrestsPerStep, Beds: m.Beds[0], Judges: m.JudgePerStep, Seats: m.SeatsPerStep,
		Third:          m.ThirdAssuredPerStep,
		DocketProb:     m.Probs.DetainedCase,
		BedWait:        m.Probs.BedWaitRelease,
		PostOrderLimit: m.PostOrderLimitDays * m.StepsPerDay,
		ATDEnd:         m.Probs.ATDEnd,
		Detained:       [3]float64{sh.Detained.Order, sh.Detained.Relief, sh.Detained.VoluntaryDeparture},
		NonDetained:    [3]float64{sh.NonDetained.Order, sh.NonDetained.Relief, sh.NonDetained.VoluntaryDeparture},
	}
	for _, g := range m.Groups {
		check(g.NeedsFlight, "country group "+g.Name+": needs_flight must be true")
		check(math.IsInf(g.CapPerStep[0], 1), "country group "+g.Name+": no monthly cap")
		p.Groups = append(p.Groups, Group{Name: g.Name, Share: g.CaseloadShare, Acceptance: g.Acceptance, DocProb: g.TravelDocProb})
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%s uses parts of the model the SimPy and SimJS versions lack:\n  %s", s.Name, strings.Join(bad, "\n  "))
	}
	return p, nil
}
