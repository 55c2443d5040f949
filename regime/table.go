package regime

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/removalsim/removalsim/numfmt"
)

// WriteTable prints the report for reading: the bars, every published
// window with its role and error, the fitted parameters and the audit of
// later citations.
func (r *Report) WriteTable(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "2025 regime, out of time: %s from %s, %d months, %s engine; behaviour fitted only to figures dated on or before %s.\n\n",
		r.Scenario, r.Start, r.Months, r.Engine, r.Cutoff)
	b.WriteString("Bars (issue 11):\n")
	for _, bar := range r.Bars {
		verdict := "NOT MET"
		if bar.Met {
			verdict = "met"
		}
		fmt.Fprintf(&b, "  %-7s %s\n", verdict, bar.Name)
		for _, w := range bar.Windows {
			fmt.Fprintf(&b, "          %s %s: model %s, published %s (%s), error %+.1f%%\n", w.Series, w.Period, numfmt.Count(w.Model), numfmt.Count(w.Published), w.Quality, 100*w.Error)
		}
		if len(bar.Missing) > 0 {
			fmt.Fprintf(&b, "          no published figure for %s\n", strings.Join(bar.Missing, ", "))
		}
	}
	b.WriteString("\nEvery published figure in the run's months:\n")
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "series\tperiod\tpublished\tquality\tmodel\terror\trole\t")
	for _, x := range r.Windows {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%+.1f%%\t%s\t\n", x.Series, x.Period, numfmt.Count(x.Published), x.Quality, numfmt.Count(x.Model), 100*x.Error, x.Role)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	b.WriteString("\nFitted parameters (each cites only figures dated on or before the cutoff):\n")
	for _, f := range r.Fitted {
		at := ""
		if f.From != "" {
			at = " from " + f.From
		}
		fmt.Fprintf(&b, "  %s%s = %g; cites %s (latest %s)\n", f.Path, at, f.Value, strings.Join(f.Cites, ", "), f.LatestEnd)
	}
	if len(r.FittedAfterCutoff) > 0 {
		fmt.Fprintf(&b, "  VIOLATIONS: %s\n", strings.Join(r.FittedAfterCutoff, "; "))
	}
	fmt.Fprintf(&b, "\nOther parameters citing figures after the cutoff (%d): inputs are what happened; others are judgements, many inherited from baseline-2025:\n", len(r.LaterCitations))
	for _, l := range r.LaterCitations {
		fmt.Fprintf(&b, "  %-6s %s: %s\n", l.Kind, l.Path, strings.Join(l.Cites, ", "))
	}
	b.WriteString("\nCounting what others count (model beside the figure published under each definition):\n")
	for _, d := range r.Definitions {
		pub := "no published figure in the dataset"
		if d.Published != nil {
			pub = fmt.Sprintf("published %s (%s %s, %s)", numfmt.Count(*d.Published), d.Series, d.PublishedPeriod, d.Quality)
		}
		fmt.Fprintf(&b, "  %s, %s: model %s; %s\n      counts %s; %s\n", d.Name, d.Period, numfmt.Count(d.Model), pub, d.Counts, d.Note)
	}
	b.WriteString("\nModel by month:\n")
	tw = tabwriter.NewWriter(&b, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "month\tremovals\tarrests\tdetained\tbinding\t")
	for _, m := range r.Monthly {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", m.Month, numfmt.Count(m.Removals), numfmt.Count(m.Arrests), numfmt.Count(m.Detained), m.Binding)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}
