package htmlreport

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/result"
)

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`{"scenario":"x","engine":"flow","monthly":[],"totals":{}}`, "run"},
		{`{"a":"x","b":"y","replications":1,"rows":[]}`, "compare"},
		{`{"schedule":[],"target_per_year":1,"decisions":[]}`, "plan"},
		{`{"years":[],"mape":{}}`, "backtest"},
		{`{"method":"oat","metric":"removals","result":{}}`, "sensitivity"},
	} {
		if got, err := Detect([]byte(tc.src)); err != nil || got != tc.want {
			t.Errorf("Detect(%s) = %q, %v; want %q", tc.src, got, err, tc.want)
		}
	}
	for _, bad := range []string{`{"scenario":"x"}`, `name: x`, `[]`} {
		if _, err := Detect([]byte(bad)); err == nil {
			t.Errorf("Detect(%s) accepted it", bad)
		}
	}
}

func TestTitle(t *testing.T) {
	for _, tc := range []struct{ kind, src, want string }{
		{"run", `{"scenario":"b","engine":"agent","runs":20}`, "Run of b (agent engine, 20 runs)"},
		{"plan", `{"target_per_year":1000000,"by":"2028-01"}`, "Plan: 1,000,000 removals a year by 2028-01"},
		{"backtest", `{"years":[{"fy":2008},{"fy":2024}]}`, "Backtest of FY2008–FY2024"},
		{"run", `not json`, "fallback"},
	} {
		if got := Title(tc.kind, []byte(tc.src), "fallback"); got != tc.want {
			t.Errorf("Title(%s, %s) = %q, want %q", tc.kind, tc.src, got, tc.want)
		}
	}
}

// TestParamsQuality checks that a parameter gets the best quality letter
// among what its source cites, and none when it cites nothing.
func TestParamsQuality(t *testing.T) {
	ps := Params([]result.Source{
		{Path: "a", Value: 1, Source: "no citation here"},
		{Path: "b", Value: 2, Source: "ICE (data: ice_removals FY2012)"},
	})
	if ps[0].Quality != "" || len(ps[0].References) != 0 {
		t.Errorf("uncited parameter: %+v", ps[0])
	}
	if ps[1].Quality == "" || len(ps[1].References) != 1 {
		t.Errorf("cited parameter: %+v", ps[1])
	}
}

// TestProcedureDiagram checks that every state and entry is a node and
// every link joins two nodes.
func TestProcedureDiagram(t *testing.T) {
	var r procedure.Rules
	s, err := Procedure(&r)
	if err != nil {
		t.Fatal(err)
	}
	var d diagram
	if err := json.Unmarshal(s.Data, &d); err != nil {
		t.Fatal(err)
	}
	nodes := map[string]bool{}
	for _, n := range d.Nodes {
		if nodes[n.Name] {
			t.Errorf("node %s twice", n.Name)
		}
		nodes[n.Name] = true
	}
	if len(nodes) != int(procedure.NumStates)+len(procedure.EntrySources()) {
		t.Errorf("%d nodes, want %d states and %d entries", len(nodes), procedure.NumStates, len(procedure.EntrySources()))
	}
	for _, l := range d.Links {
		if !nodes[l.From] || !nodes[l.To] {
			t.Errorf("link %s → %s joins an unknown node", l.From, l.To)
		}
	}
}

// TestWriteSelfContained checks that the page inlines ECharts and
// charts.js and refers to nothing outside itself.
func TestWriteSelfContained(t *testing.T) {
	var b bytes.Buffer
	r := &Report{Title: "t", Sections: []Section{{ID: "x", Kind: "backtest", Name: "B", Data: json.RawMessage(`{"years":[],"mape":{}}`)}}}
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, s := range []string{"RemovalsimCharts", `version="6.1.0"`, `id="removalsim-data"`, `"kind":"backtest"`} {
		if !strings.Contains(html, s) {
			t.Errorf("page lacks %s", s)
		}
	}
	for _, s := range []string{`src="http`, `href="http`, "<link "} {
		if strings.Contains(html, s) {
			t.Errorf("page refers outside itself: %s", s)
		}
	}
}
