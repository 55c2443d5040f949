package procedure_test

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// baselineRules compiles the shipped baseline scenario.
func baselineRules(t *testing.T) *procedure.Rules {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return &m.Rules
}

// goldenExt maps a format to its golden file's extension.
var goldenExt = map[string]string{"text": "txt", "dot": "dot", "mermaid": "mmd"}

// TestRenderGolden draws the baseline's procedure in every format and
// compares it with testdata/baseline-2025.*; -update rewrites them.
func TestRenderGolden(t *testing.T) {
	r := baselineRules(t)
	for _, f := range procedure.Formats() {
		t.Run(f, func(t *testing.T) {
			var buf bytes.Buffer
			if err := procedure.Render(&buf, r, f); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "baseline-2025."+goldenExt[f])
			if *update {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), want) {
				t.Errorf("Render(%q) differs from %s; run go test ./procedure -update and review the diff", f, path)
			}
			var again bytes.Buffer
			if err := procedure.Render(&again, r, f); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
				t.Errorf("Render(%q) is not deterministic", f)
			}
		})
	}
}

// TestRenderContent checks what each format must show: every edge with
// its guard values, terminal states double-circled, the detention
// cluster.
func TestRenderContent(t *testing.T) {
	r := baselineRules(t)
	draw := func(f string) string {
		var buf bytes.Buffer
		if err := procedure.Render(&buf, r, f); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	text, dot, mmd := draw("text"), draw("dot"), draw("mermaid")

	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if want := len(procedure.Entries(r)) + len(procedure.Transitions(r)); len(lines) != want {
		t.Errorf("text has %d lines, want one per edge (%d)", len(lines), want)
	}
	for _, tr := range procedure.Transitions(r) {
		line := tr.From.String() + " → " + tr.To.String() + ": " + tr.Guard + " [" + tr.Rule + "] {" + tr.Drive() + "}"
		if !strings.Contains(text, line+"\n") {
			t.Errorf("text lacks %q", line)
		}
		if !strings.Contains(dot, `"`+tr.From.String()+`" -> "`+tr.To.String()+`"`) {
			t.Errorf("dot lacks edge %v → %v", tr.From, tr.To)
		}
		if !strings.Contains(mmd, "    "+tr.From.String()+" --> "+tr.To.String()+" : ") {
			t.Errorf("mermaid lacks edge %v → %v", tr.From, tr.To)
		}
	}
	// The scenario's values appear in the guards: the 24-hour window and
	// the 85% hearing entitlement of baseline-2025.
	for _, want := range []string{"24-hour window", "hearing entitled (85%)", "assurances required = true"} {
		for name, out := range map[string]string{"text": text, "dot": dot, "mermaid": mmd} {
			if !strings.Contains(out, want) {
				t.Errorf("%s lacks the guard value %q", name, want)
			}
		}
	}
	for s := procedure.State(0); s < procedure.NumStates; s++ {
		dc := `"` + s.String() + `" [shape=doublecircle`
		if got := strings.Contains(dot, dc); got != s.Terminal() {
			t.Errorf("dot: %v double-circled = %v, terminal = %v", s, got, s.Terminal())
		}
		if got := strings.Contains(mmd, "    "+s.String()+" --> [*]\n"); got != s.Terminal() {
			t.Errorf("mermaid: %v leads to [*] = %v, terminal = %v", s, got, s.Terminal())
		}
	}
	cluster := dot[strings.Index(dot, "subgraph cluster_detained {"):]
	cluster = cluster[:strings.Index(cluster, "}")]
	if !strings.Contains(cluster, `label="holds a detention bed"`) {
		t.Error("dot cluster lacks its label")
	}
	for s := procedure.State(0); s < procedure.NumStates; s++ {
		if got := strings.Contains(cluster, `"`+s.String()+`";`); got != s.Detained() {
			t.Errorf("dot: %v in the detention cluster = %v, detained = %v", s, got, s.Detained())
		}
	}
	if strings.Count(mmd, ";") != 0 {
		t.Error("mermaid output holds a ';', which Mermaid reads as a statement separator")
	}
}

// TestRenderUntouchedStates checks that the dot diagram draws a
// non-detained state only when an edge of the rule set's network touches
// it: the stale final-order docket is drawn with stale orders and not
// without.
func TestRenderUntouchedStates(t *testing.T) {
	for _, stale := range []bool{true, false} {
		r := *baselineRules(t)
		r.StaleOrders = stale
		var buf bytes.Buffer
		if err := procedure.Render(&buf, &r, "dot"); err != nil {
			t.Fatal(err)
		}
		node := "\t" + `"` + procedure.FinalOrderStale.String() + `";` + "\n"
		if got := strings.Contains(buf.String(), node); got != stale {
			t.Errorf("stale orders %v: %v drawn = %v", stale, procedure.FinalOrderStale, got)
		}
	}
}

// TestRenderUnknownFormat checks that a bad format is an error naming
// the valid ones, and writes nothing.
func TestRenderUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	err := procedure.Render(&buf, &procedure.Rules{}, "svg")
	if err == nil || !strings.Contains(err.Error(), `"svg"`) || !strings.Contains(err.Error(), "dot") {
		t.Fatalf("Render(svg) error = %v, want one naming svg and the valid formats", err)
	}
	if buf.Len() != 0 {
		t.Errorf("Render(svg) wrote %q", buf.String())
	}
}

// TestRenderDotAccepted runs Graphviz on the dot output when it is
// installed; CI does not need it.
func TestRenderDotAccepted(t *testing.T) {
	dotPath, err := exec.LookPath("dot")
	if err != nil {
		t.Skip("graphviz not installed")
	}
	var buf bytes.Buffer
	if err := procedure.Render(&buf, baselineRules(t), "dot"); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(dotPath, "-Tsvg")
	cmd.Stdin = &buf
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil || stderr.Len() > 0 {
		t.Fatalf("dot -Tsvg: %v: %s", err, stderr.String())
	}
	if !bytes.Contains(out, []byte("<svg")) {
		t.Error("dot produced no SVG")
	}
}
