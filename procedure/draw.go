package procedure

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Formats lists the formats Render draws, the default first.
func Formats() []string { return []string{"text", "dot", "mermaid"} }

// Render draws Network(r), the procedure's one definition, with r's
// guard values and each edge's driver, in one of Formats:
//
//   - "text": one line per edge, "from → to: guard [rule] {driver}",
//     entries from outside the pipeline first;
//   - "dot": a Graphviz digraph; terminal states are double circles, the
//     states that hold a detention bed sit in a cluster labelled "holds a
//     detention bed", entry sources are house-shaped nodes, edges carry
//     their guard;
//   - "mermaid": a Mermaid stateDiagram-v2 with the same content; detained
//     states and entry sources are styled with classDef, terminal states
//     lead to [*].
//
// The output depends only on r and format, and lists edges in the order of
// Entries and Transitions, so it can be compared byte for byte. An unknown
// format is an error; so is a write error.
func Render(w io.Writer, r *Rules, format string) error {
	bw := bufio.NewWriter(w)
	switch format {
	case "text":
		renderText(bw, r)
	case "dot":
		renderDot(bw, r)
	case "mermaid":
		renderMermaid(bw, r)
	default:
		return fmt.Errorf("procedure: unknown diagram format %q (valid: %s)", format, strings.Join(Formats(), ", "))
	}
	return bw.Flush()
}

func renderText(w *bufio.Writer, r *Rules) {
	for _, e := range Entries(r) {
		fmt.Fprintf(w, "%s → %s: %s [%s] {%s}\n", e.Source, e.To, e.Guard, e.Rule, e.Drive())
	}
	for _, t := range Transitions(r) {
		fmt.Fprintf(w, "%s → %s: %s [%s] {%s}\n", t.From, t.To, t.Guard, t.Rule, t.Drive())
	}
}

// touchedStates reports the states an entry or transition of r's network
// reaches or leaves.
func touchedStates(r *Rules) (touched [NumStates]bool) {
	for _, e := range Entries(r) {
		touched[e.To] = true
	}
	for _, t := range Transitions(r) {
		touched[t.From], touched[t.To] = true, true
	}
	return touched
}

// dotQuote returns s as a DOT double-quoted string.
func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func renderDot(w *bufio.Writer, r *Rules) {
	w.WriteString("digraph procedure {\n")
	w.WriteString("\trankdir=LR;\n")
	w.WriteString("\tnode [shape=box, style=rounded, fontname=\"Helvetica\"];\n")
	w.WriteString("\tedge [fontname=\"Helvetica\", fontsize=9];\n")
	for _, src := range EntrySources() {
		fmt.Fprintf(w, "\t%s [shape=house, style=filled, fillcolor=\"#eeeeee\"];\n", dotQuote(src))
	}
	w.WriteString("\tsubgraph cluster_detained {\n")
	w.WriteString("\t\tlabel=\"holds a detention bed\";\n")
	w.WriteString("\t\tstyle=dashed;\n")
	for s := State(0); s < NumStates; s++ {
		if s.Detained() {
			fmt.Fprintf(w, "\t\t%s;\n", dotQuote(s.String()))
		}
	}
	w.WriteString("\t}\n")
	touched := touchedStates(r)
	for s := State(0); s < NumStates; s++ {
		switch {
		case s.Terminal():
			fmt.Fprintf(w, "\t%s [shape=doublecircle, style=solid];\n", dotQuote(s.String()))
		case !touched[s]:
			// No edge of r's network reaches or leaves it (the stale
			// docket when orders do not go stale): no such state.
		case !s.Detained():
			fmt.Fprintf(w, "\t%s;\n", dotQuote(s.String()))
		}
	}
	for _, e := range Entries(r) {
		fmt.Fprintf(w, "\t%s -> %s [label=%s, style=dashed];\n", dotQuote(e.Source.String()), dotQuote(e.To.String()), dotQuote(e.Guard+"\n"+e.Drive()))
	}
	for _, t := range Transitions(r) {
		fmt.Fprintf(w, "\t%s -> %s [label=%s];\n", dotQuote(t.From.String()), dotQuote(t.To.String()), dotQuote(t.Guard+"\n"+t.Drive()))
	}
	w.WriteString("}\n")
}

// mermaidLabel makes s safe as a Mermaid transition label, which runs to
// the end of the line and must not hold a statement separator or a
// comment marker.
func mermaidLabel(s string) string {
	return strings.NewReplacer(";", ",", "\n", " ", "%%", "%", "#", "no.").Replace(s)
}

func renderMermaid(w *bufio.Writer, r *Rules) {
	w.WriteString("stateDiagram-v2\n")
	w.WriteString("    direction LR\n")
	w.WriteString("    classDef detained stroke-dasharray: 5 5\n")
	w.WriteString("    classDef entry fill:#eeeeee\n")
	for _, src := range EntrySources() {
		fmt.Fprintf(w, "    state \"%s\" as %s\n", src, src)
	}
	for _, e := range Entries(r) {
		fmt.Fprintf(w, "    %s --> %s : %s\n", e.Source, e.To, mermaidLabel(e.Guard+" ("+e.Drive()+")"))
	}
	for _, t := range Transitions(r) {
		fmt.Fprintf(w, "    %s --> %s : %s\n", t.From, t.To, mermaidLabel(t.Guard+" ("+t.Drive()+")"))
	}
	for s := State(0); s < NumStates; s++ {
		if s.Terminal() {
			fmt.Fprintf(w, "    %s --> [*]\n", s)
		}
	}
	fmt.Fprintf(w, "    class %s entry\n", strings.Join(EntrySources(), ","))
	var det []string
	for s := State(0); s < NumStates; s++ {
		if s.Detained() {
			det = append(det, s.String())
		}
	}
	fmt.Fprintf(w, "    class %s detained\n", strings.Join(det, ","))
	w.WriteString("    note right of detained_docket : dashed states hold a detention bed\n")
}
