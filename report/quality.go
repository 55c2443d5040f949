package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/removalsim/removalsim/cite"
	"github.com/removalsim/removalsim/evidence"
)

// Quality writes a scenario's source-quality summary: how many
// parameters rest on primary, secondary and weak sources (each by the best
// source it cites), and the top parameters not resting on a primary
// source, ranked by how much each moves the metric when varied alone.
func Quality(w io.Writer, a *evidence.Assessment, top int) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %d parameters by the best source each cites\n", a.Scenario, len(a.Params))
	writeCounts(bw, a.Counts, evidence.Qualities)
	skipped := 0
	for _, p := range a.Params {
		if p.Perturbed == "" {
			skipped++
		}
	}
	fmt.Fprintf(bw, "Sensitivity: %s = %s (flow engine) with every parameter at its value; each parameter varied alone over its range, or ±%.0f%% of its value where it has none (%d not varied).\n",
		a.Metric, count(a.Base), 100*evidence.Perturbation, skipped)
	weak := a.Weakest(top)
	fmt.Fprintf(bw, "The %d weak or secondary parameters that move %s most:\n", len(weak), a.Metric)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "rank\tparameter\tquality\tvaried\tlow\thigh\tat low\tat high\tswing\tcites\n")
	for i, p := range weak {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, p.Path, p.Quality, varied(p.Perturbed),
			bound(p.Low), bound(p.High), count(p.AtLow), count(p.AtHigh), count(p.Swing), cites(p.References))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

// BacktestQuality writes the backtest's source-quality summary: the
// quality of the dataset rows it is scored against, of the inputs of the
// history scenarios, and the top inputs not resting on a primary source by
// their swing relative to their year's metric.
func BacktestQuality(w io.Writer, ba *evidence.BacktestAssessment, top int) error {
	bw := bufio.NewWriter(w)
	n := 0
	for _, c := range ba.TargetCounts {
		n += c
	}
	fmt.Fprintf(bw, "backtest: scored against %d dataset rows (ICE removals, arrests, detention ADP, court backlog by fiscal year)\n", n)
	writeCounts(bw, ba.TargetCounts, []string{"P", "S", "W", "missing"})
	if len(ba.Targets) > 0 {
		var parts []string
		for _, t := range ba.Targets {
			parts = append(parts, fmt.Sprintf("%s %s (%s)", t.Series, t.Period, t.Quality))
		}
		fmt.Fprintf(bw, "  not primary: %s\n", strings.Join(parts, ", "))
	}
	pairs := 0
	for _, c := range ba.Counts {
		pairs += c
	}
	fmt.Fprintf(bw, "backtest inputs: %d (parameter, year) pairs of the history scenarios by the best source each cites\n", pairs)
	writeCounts(bw, ba.Counts, evidence.Qualities)
	weak := ba.Weakest(top)
	fmt.Fprintf(bw, "The %d weak or secondary inputs that move a year's %s most (swing relative to that year's value, each parameter at its year of largest swing):\n", len(weak), ba.Metric)
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "rank\tparameter\tyear\tquality\tvaried\tlow\thigh\tswing\tcites\n")
	for i, p := range weak {
		fmt.Fprintf(tw, "%d\t%s\tFY%d\t%s\t%s\t%s\t%s\t%s%%\t%s\n", i+1, p.Path, p.FY, p.Quality, varied(p.Perturbed),
			bound(p.Low), bound(p.High), decimal(100*p.RelSwing, 1), cites(p.References))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return bw.Flush()
}

func writeCounts(w io.Writer, counts map[string]int, order []string) {
	names := map[string]string{"P": "primary", "S": "secondary", "W": "weak", "none": "cites nothing", "missing": "no row"}
	for _, q := range order {
		fmt.Fprintf(w, "  %-4s %-13s %4d\n", q, names[q], counts[q])
	}
}

func varied(how string) string {
	if how == "relative" {
		return fmt.Sprintf("±%.0f%%", 100*evidence.Perturbation)
	}
	return how
}

// cites lists a parameter's citations with their quality, at most four.
func cites(refs []cite.Reference) string {
	var parts []string
	for i, r := range refs {
		if i == 4 {
			parts = append(parts, fmt.Sprintf("and %d more", len(refs)-4))
			break
		}
		parts = append(parts, fmt.Sprintf("%s (%s)", r.Ref, r.Quality))
	}
	if len(parts) == 0 {
		return "-"
	}
	return strings.Join(parts, "; ")
}

// bound formats a perturbation bound: whole numbers with separators from
// 1,000 up, four significant digits below.
func bound(x float64) string {
	if x >= 1000 || x <= -1000 {
		return count(x)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}
