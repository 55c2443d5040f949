package procedure_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// networkScenarios are the shipped scenarios and the rule cases of flow's
// tests, which together exercise every transition (an injunction that
// lifts, third-country removals without assurances, special authority).
func networkScenarios(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"scenarios/*.yaml", "scenarios/policy-variants/*.yaml", "flow/testdata/rules/*.yaml"} {
		m, err := filepath.Glob(filepath.Join("..", pat))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range m {
			rel, _ := filepath.Rel("..", f)
			files = append(files, rel)
		}
	}
	if len(files) < 10 {
		t.Fatalf("found only %d scenarios", len(files))
	}
	return files
}

// TestNetworkIsWhatRuns walks the one definition of the procedure and
// checks, on every shipped scenario and rule case, that the dot diagram
// draws exactly its transitions, and that each engine moves people along
// those transitions and no other; over all the scenarios, each engine
// takes every transition of the definition.
func TestNetworkIsWhatRuns(t *testing.T) {
	var flowTook, agentTook [procedure.NumTransitions]bool
	for _, f := range networkScenarios(t) {
		s, err := scenario.Load(os.DirFS(".."), f)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		m, err := model.Compile(s)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		net := procedure.Network(&m.Rules)
		allowed := map[procedure.TransitionID]bool{}
		var buf bytes.Buffer
		if err := procedure.Render(&buf, &m.Rules, "dot"); err != nil {
			t.Fatal(err)
		}
		drawn := map[string]int{}
		for _, line := range strings.Split(buf.String(), "\n") {
			if strings.Contains(line, " -> ") {
				drawn[strings.TrimSpace(line)]++
			}
		}
		edges := 0
		for _, tr := range net {
			allowed[tr.ID] = true
			from := tr.From.String()
			if tr.Entry() {
				from = tr.Source.String()
			}
			found := false
			for line := range drawn {
				if strings.HasPrefix(line, `"`+from+`" -> "`+tr.To.String()+`" [label="`+tr.Guard+`\n`+tr.Drive()+`"`) {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: the dot diagram lacks transition %d (%s → %s, %s)", f, tr.ID, from, tr.To, tr.Guard)
			}
			edges++
		}
		if n := sum(drawn); n != edges {
			t.Errorf("%s: the dot diagram draws %d edges, the definition has %d", f, n, edges)
		}

		check := func(engine string, fired []float64, took *[procedure.NumTransitions]bool) {
			if len(fired) != int(procedure.NumTransitions) {
				t.Fatalf("%s, %s: %d transition counts, want %d", f, engine, len(fired), procedure.NumTransitions)
			}
			for id, v := range fired {
				if v == 0 {
					continue
				}
				took[id] = true
				if !allowed[procedure.TransitionID(id)] {
					d := procedure.Def(procedure.TransitionID(id))
					t.Errorf("%s: %s moves %g along transition %d (%s → %s), which the scenario's rules do not allow", f, engine, v, id, d.From, d.To)
				}
			}
		}
		check("flow", flow.Run(m).Fired, &flowTook)
		// The agent on a scaled copy: every rule case holds a few
		// thousand people, the shipped scenarios millions.
		scale := 1.0
		if m.Initial.AtLarge > 1e5 {
			scale = 0.003
		}
		r, err := agent.Run(m.Scaled(scale), agent.Options{Runs: 1})
		if err != nil {
			t.Fatal(err)
		}
		check("agent", r.Fired, &agentTook)
	}
	for id := procedure.TransitionID(0); id < procedure.NumTransitions; id++ {
		d := procedure.Def(id)
		if !flowTook[id] {
			t.Errorf("no scenario makes flow take transition %d (%s → %s)", id, d.From, d.To)
		}
		if !agentTook[id] {
			t.Errorf("no scenario makes the agent take transition %d (%s → %s)", id, d.From, d.To)
		}
	}
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// TestNetworkTable checks the definition itself: IDs match positions,
// entries come from outside and only there, a capacity's service names
// its capacity and a discipline, and every capacity with queues serves
// them through some transition.
func TestNetworkTable(t *testing.T) {
	served := map[procedure.Capacity]map[procedure.State]bool{}
	for id := procedure.TransitionID(0); id < procedure.NumTransitions; id++ {
		d := procedure.Def(id)
		switch {
		case d.ID != id:
			t.Errorf("transition %d has ID %d", id, d.ID)
		case d.Entry() != (d.Driver == procedure.Inflow):
			t.Errorf("transition %d: entry %v but driver %v", id, d.Entry(), d.Driver)
		case !d.Entry() && (d.From.Terminal() || d.From >= procedure.NumStates):
			t.Errorf("transition %d leaves %v", id, d.From)
		case d.Driver == procedure.Served && d.Discipline == procedure.NoQueue:
			t.Errorf("transition %d is served by %v without a discipline", id, d.Capacity)
		case d.Driver != procedure.Served && d.Discipline != procedure.NoQueue:
			t.Errorf("transition %d has a discipline but driver %v", id, d.Driver)
		case d.Rule == "":
			t.Errorf("transition %d cites no rule", id)
		case (d.Mark == procedure.CountryGroup) != (d.To == procedure.TravelDocument):
			t.Errorf("transition %d into %v has mark %d: an order, and only an order, draws a country group", id, d.To, d.Mark)
		case d.Mark >= procedure.ThirdAssured && d.To != procedure.AwaitingFlight:
			t.Errorf("transition %d marks a third country but leads to %v, not a flight", id, d.To)
		}
		if d.Driver == procedure.Served {
			if served[d.Capacity] == nil {
				served[d.Capacity] = map[procedure.State]bool{}
			}
			served[d.Capacity][d.From] = true
		}
	}
	for c := procedure.Capacity(0); c < procedure.NumCapacities; c++ {
		for _, q := range c.Queues() {
			if !served[c][q] {
				t.Errorf("capacity %v has queue %v but serves it by no transition", c, q)
			}
		}
	}
}

// TestRoutingRules checks the routing functions both engines call, case
// by case: which transition each pathway takes at admission and when no
// bed frees, who claims fear, and the unassured slot's transition.
func TestRoutingRules(t *testing.T) {
	for _, c := range []struct {
		p      procedure.Pathway
		claims bool
		admit  procedure.TransitionID
		wait   procedure.TransitionID
	}{
		{procedure.InteriorCourt, false, procedure.AdmitToDocket, procedure.BedWaitToATD},
		{procedure.BorderExpedited, true, procedure.AdmitToFearScreening, procedure.BedWaitToATD},
		{procedure.BorderExpedited, false, procedure.AdmitWithOrder, procedure.BedWaitToATD},
		{procedure.SpecialAuthority, false, procedure.AdmitSpecialAuthority, procedure.BedWaitToATD},
		{procedure.InteriorFinalOrder, false, procedure.AdmitWithOrder, procedure.BedWaitToFinalOrder},
	} {
		if got := procedure.Admission(c.p, c.claims); got != c.admit {
			t.Errorf("Admission(%v, %v) = %d, want %d", c.p, c.claims, got, c.admit)
		}
		if got := procedure.BedWaitRelease(c.p); got != c.wait {
			t.Errorf("BedWaitRelease(%v) = %d, want %d", c.p, got, c.wait)
		}
	}
	r := procedure.Rules{FearClaimRate: 0.3, AssurancesRequired: true}
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		want := 0.0
		if p == procedure.BorderExpedited || p == procedure.InteriorExpedited {
			want = 0.3
		}
		if got := r.ClaimShare(p); got != want {
			t.Errorf("ClaimShare(%v) = %v, want %v", p, got, want)
		}
		if got := p.WithoutHearing(); got != (p != procedure.InteriorCourt && p != procedure.InteriorFinalOrder) {
			t.Errorf("%v.WithoutHearing() = %v", p, got)
		}
	}
	if r.Unassured() != procedure.UnassuredNotice {
		t.Error("assurances required: the unassured slot should serve notice")
	}
	r.AssurancesRequired = false
	if r.Unassured() != procedure.UnassuredNoNotice {
		t.Error("assurances not required: no notice")
	}
}
