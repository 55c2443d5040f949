package report

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"text/tabwriter"

	"github.com/removalsim/removalsim/result"
)

// Sources writes the parameters in srcs as a table with the columns
// parameter (its YAML path), value, as of and source, in the order given.
// A missing as_of or source prints as "-".
func Sources(w io.Writer, srcs []result.Source) error {
	if err := checkSources(srcs); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "parameter\tvalue\tas of\tsource\n")
	for _, s := range srcs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", s.Path, exact(s.Value), orDash(s.AsOf), orDash(s.Source))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// SourcesJSON writes srcs as an indented JSON array of result.Source.
func SourcesJSON(w io.Writer, srcs []result.Source) error {
	if err := checkSources(srcs); err != nil {
		return err
	}
	if srcs == nil {
		srcs = []result.Source{} // "[]", not "null"
	}
	return writeJSON(w, srcs)
}

func checkSources(srcs []result.Source) error {
	for _, s := range srcs {
		if math.IsNaN(s.Value) || math.IsInf(s.Value, 0) {
			return fmt.Errorf("report: parameter %s is %v; a source must hold a finite number", s.Path, s.Value)
		}
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
