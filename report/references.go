package report

import (
	"bufio"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/removalsim/removalsim/cite"
)

// ParamReferences is one parameter of a scenario with the dataset rows and
// documents its source cites, resolved to where they can be read.
type ParamReferences struct {
	// Path is the parameter's path in the scenario.
	Path string `json:"path"`
	// Value is the parameter's value.
	Value float64 `json:"value"`
	// References are the citations that resolved, in source order.
	References []cite.Reference `json:"references"`
	// Unresolved names each citation that did not resolve, with why.
	Unresolved []string `json:"unresolved,omitempty"`
}

// References writes one line per citation: the parameter, the citation,
// its quality (P, S, W) and its address. A parameter that cites nothing
// gets a line that says so.
func References(w io.Writer, rows []ParamReferences) error {
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "parameter\tcitation\tquality\turl\n")
	for _, r := range rows {
		for _, ref := range r.References {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Path, ref.Ref, ref.Quality, orDash(ref.URL))
		}
		for _, u := range r.Unresolved {
			fmt.Fprintf(tw, "%s\tunresolved: %s\t-\t-\n", r.Path, u)
		}
		if len(r.References)+len(r.Unresolved) == 0 {
			fmt.Fprintf(tw, "%s\t(no citation)\t-\t-\n", r.Path)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// ReferencesJSON writes rows as an indented JSON array.
func ReferencesJSON(w io.Writer, rows []ParamReferences) error {
	if rows == nil {
		rows = []ParamReferences{}
	}
	for i := range rows {
		if rows[i].References == nil {
			rows[i].References = []cite.Reference{}
		}
	}
	return writeJSON(w, rows)
}
