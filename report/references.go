package report

import (
	"bufio"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/data"
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

// References writes one line per citation (the parameter, the citation,
// its quality and basis) and then, once for each publication cited, the
// publication itself (publisher, title, date, table or page), its own
// address where known, and where the copy that was read lives, so that a
// mirror or a page quoting an agency is never taken for the source. A
// parameter that cites nothing gets a line that says so. A legend of the
// quality letters ends the output.
func References(w io.Writer, rows []ParamReferences) error {
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "parameter\tcitation\tquality\tbasis\n")
	var cited []cite.Reference
	seen := map[string]bool{}
	for _, r := range rows {
		for _, ref := range r.References {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Path, ref.Ref, ref.Quality, ref.Basis)
			if k := ref.Ref.String(); !seen[k] {
				seen[k] = true
				cited = append(cited, ref)
			}
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
	fmt.Fprintf(bw, "\nPublications cited (%d): the original, its own address, and where the copy was read\n", len(cited))
	for _, ref := range cited {
		fmt.Fprintf(bw, "\n%s  [%s, %s]\n  publication: %s\n", ref.Ref, ref.Quality, ref.Basis, Publication(ref))
		fmt.Fprintf(bw, "  original:    %s\n  read at:     %s\n", or(ref.URL, "(address not known)"), ref.ReadAt)
	}
	fmt.Fprintln(bw)
	if err := QualityLegend(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// Publication renders a reference's publication as "publisher, title
// (date), locator", leaving out what is not recorded.
func Publication(r cite.Reference) string {
	s := r.Publisher + ", " + r.Publication
	if r.Published != "" {
		s += " (" + r.Published + ")"
	}
	if r.Locator != "" {
		s += ", " + r.Locator
	}
	return s
}

// QualityLegend writes what the quality letters and bases mean.
func QualityLegend(w io.Writer) error {
	_, err := fmt.Fprintf(w, "Quality: P %s.\n         S %s.\n         W %s.\nBasis: primary = read in the original; quoted = the original is named but the figure was read where another publication quotes it; secondary = no primary publication found, the publication is itself a secondary report.\n",
		data.QualityMeaning["P"], data.QualityMeaning["S"], data.QualityMeaning["W"])
	return err
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
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
