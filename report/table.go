package report

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/removalsim/removalsim/result"
)

// Table writes a summary of r for people: the run's header, the annual
// summary, removals by pathway and by destination, costs and the
// appropriation gap, the binding constraint month by month (consecutive
// months with the same binding merged into ranges), detention, the
// due-process indicators, time to removal per pathway and how many sourced
// parameters the run used. Persons are rounded to whole numbers with
// thousands separators; money is shown in $M or $B. It returns an error,
// and writes nothing, when r holds NaN or an infinity.
func Table(w io.Writer, r *result.Result) error {
	if err := checkFinite(r); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	p := &printer{w: bw}
	p.header(r)
	p.annual(r)
	p.uncertainty(r)
	p.removals(r)
	p.costs(r)
	p.binding(r)
	p.detention(r)
	p.dueProcess(r)
	p.timeToRemoval(r)
	p.sources(r)
	if p.err != nil {
		return p.err
	}
	return bw.Flush()
}

// printer writes sections and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) printf(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

// section starts a titled section, separated from the previous one by a
// blank line.
func (p *printer) section(title string) { p.printf("\n%s\n", title) }

// table writes rows (the first one a header, or nil), indented by two
// spaces, with numbers right-aligned. The first column and the columns
// listed in text are left-aligned.
func (p *printer) table(header []string, rows [][]string, text ...int) {
	all := rows
	if header != nil {
		all = append([][]string{header}, rows...)
	}
	// tabwriter right-aligns every column; padding the cells of a text
	// column to one width makes it read left-aligned.
	for _, col := range append([]int{0}, text...) {
		width := 0
		for _, row := range all {
			width = max(width, len(row[col]))
		}
		for _, row := range all {
			row[col] = fmt.Sprintf("%-*s", width, row[col])
		}
	}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, row := range all {
		tw.Write([]byte(strings.Join(row, "\t") + "\t\n"))
	}
	tw.Flush()
	// Padded text columns leave trailing blanks; a reader (and a golden
	// file) is better without them.
	for line := range strings.Lines(buf.String()) {
		p.printf("%s\n", strings.TrimRight(line, " \n"))
	}
}

func (p *printer) header(r *result.Result) {
	p.printf("removalsim: scenario %s, %s engine\n", r.Scenario, r.Engine)
	runs := "1 run"
	if r.Runs != 1 {
		runs = fmt.Sprintf("%d runs (means shown)", r.Runs)
	}
	p.printf("start %s, %d months, %s, seed %d\n", r.Start, r.Months, runs, r.Seed)
}

func (p *printer) annual(r *result.Result) {
	p.section("Annual summary (12-month periods from the start)")
	var rows [][]string
	detSum, months := 0.0, 0
	for _, a := range r.Annual {
		n := monthsBetween(r, a.From, a.To)
		detSum += a.AverageDetained * float64(n)
		months += n
		rows = append(rows, []string{a.From + ".." + a.To, count(a.Removals), count(a.Arrests),
			count(a.AverageDetained), decimal(a.CostUSD/1e6, 1), a.Binding})
	}
	avgDet := 0.0
	if months > 0 {
		avgDet = detSum / float64(months)
	}
	rows = append(rows, []string{"total", count(r.Totals.Removals), count(r.Totals.Arrests),
		count(avgDet), decimal(r.Totals.CostUSD/1e6, 1), ""})
	p.table([]string{"period", "removals", "arrests", "avg detained", "cost $M", "binding"}, rows, 5)
}

// uncertainty prints the agent engine's spread across replications of
// each period's totals; nothing for the flow engine.
func (p *printer) uncertainty(r *result.Result) {
	if len(r.AnnualBands) == 0 {
		return
	}
	p.section(fmt.Sprintf("Across %d runs, %s: 5th, 50th and 95th percentiles", r.Runs, bandKind(r.Uncertainty)))
	var rows [][]string
	for i, a := range r.Annual {
		row := []string{a.From + ".." + a.To}
		for _, metric := range []string{"removals", "arrests", "average_detained"} {
			bands := r.AnnualBands[metric]
			if i >= len(bands) {
				row = append(row, "-")
				continue
			}
			b := bands[i]
			row = append(row, count(b.P05)+" / "+count(b.P50)+" / "+count(b.P95))
		}
		rows = append(rows, row)
	}
	p.table([]string{"period", "removals", "arrests", "avg detained"}, rows)
}

// bandKind says what bands of result.Result.Uncertainty's kind span.
func bandKind(kind string) string {
	switch kind {
	case "params":
		return "parameter uncertainty only (ranged parameters drawn, noise fixed)"
	case "both":
		return "parameter uncertainty and simulation noise"
	}
	return "simulation noise only"
}

// monthsBetween counts the months of r from from to to inclusive.
func monthsBetween(r *result.Result, from, to string) int {
	n, in := 0, false
	for _, m := range r.Monthly {
		if m.Month == from {
			in = true
		}
		if in {
			n++
		}
		if m.Month == to {
			break
		}
	}
	return n
}

func (p *printer) removals(r *result.Result) {
	t := &r.Totals
	p.section("Removals by pathway")
	p.table([]string{"pathway", "removals", "share"}, shareRows(t.RemovalsByPathway, t.Removals, count))
	p.section("Removals by destination")
	p.table([]string{"destination", "removals", "share"}, shareRows(t.RemovalsByDestination, t.Removals, count))
}

// shareRows lists m sorted by key with each value's share of total, and a
// total row.
func shareRows(m map[string]float64, total float64, format func(float64) string) [][]string {
	var rows [][]string
	for _, k := range sortedKeys(m) {
		rows = append(rows, []string{k, format(m[k]), share(m[k], total)})
	}
	return append(rows, []string{"total", format(total), share(total, total)})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (p *printer) costs(r *result.Result) {
	if r.Costs != nil {
		p.account(r.Costs)
		return
	}
	t := &r.Totals
	p.section("Cost")
	rows := [][]string{
		{"total", money(t.CostUSD), ""},
		{"per removal", money(t.CostPerRemovalUSD), ""},
	}
	for _, k := range sortedKeys(t.CostByItem) {
		if t.CostByItem[k] == 0 {
			continue // items the scenario does not price
		}
		rows = append(rows, []string{"  " + k, money(t.CostByItem[k]), share(t.CostByItem[k], t.CostUSD)})
	}
	if t.AppropriationGapUSD != 0 {
		label := "appropriation gap (cost above funds)"
		if t.AppropriationGapUSD < 0 {
			label = "appropriation gap (funds left unspent)"
		}
		rows = append(rows, []string{label, money(t.AppropriationGapUSD), ""})
	}
	p.table(nil, rows)
}

func (p *printer) binding(r *result.Result) {
	p.section("Binding constraint by month")
	var rows [][]string
	for i := 0; i < len(r.Monthly); {
		j := i
		for j+1 < len(r.Monthly) && r.Monthly[j+1].Binding == r.Monthly[i].Binding {
			j++
		}
		span := r.Monthly[i].Month
		if j > i {
			span += ".." + r.Monthly[j].Month
		}
		n := "1 month"
		if j > i {
			n = fmt.Sprintf("%d months", j-i+1)
		}
		rows = append(rows, []string{span, r.Monthly[i].Binding, n})
		i = j + 1
	}
	p.table(nil, rows, 1)
}

func (p *printer) detention(r *result.Result) {
	d := &r.Detention
	p.section("Detention")
	p.table(nil, [][]string{
		{"admissions", count(d.Admissions)},
		{"discharges", count(d.Discharges)},
		{"mean length of stay", decimal(d.MeanLengthOfStayDays, 1) + " days"},
		{"average daily population", count(d.AverageDailyPopulation)},
	})
}

func (p *printer) dueProcess(r *result.Result) {
	d := &r.DueProcess
	p.section("Due process")
	p.table(nil, [][]string{
		{"fear screenings (border)", count(d.FearScreenings)},
		{"  passed", count(d.FearScreeningsPassed) + " (" + share(d.FearScreeningsPassed, d.FearScreenings) + ")"},
		{"third-country notices served", count(d.NoticesServed)},
		{"third-country screenings", count(d.ThirdCountryScreenings)},
		{"  passed", count(d.ThirdCountryScreeningsPassed) + " (" + share(d.ThirdCountryScreeningsPassed, d.ThirdCountryScreenings) + ")"},
		{"third-country removals with assurances", count(d.RemovalsWithAssurances)},
		{"  without assurances, after notice", count(d.RemovalsWithoutAssurancesAfterNotice)},
		{"  without assurances or notice", count(d.RemovalsWithoutAssurancesOrNotice)},
		{"removals without a hearing", count(d.RemovalsWithoutHearing)},
		{"removals blocked by injunction", count(d.BlockedByInjunction)},
	})
	if r.Costs == nil {
		p.table(nil, [][]string{{"fines accrued for failing to depart", money(d.FinesAccruedUSD)}})
	}
}

func (p *printer) timeToRemoval(r *result.Result) {
	p.section("Time to removal (days from arrest or apprehension)")
	var rows [][]string
	for _, k := range sortedKeys(r.TimeToRemovalDays) {
		d := r.TimeToRemovalDays[k]
		row := []string{k, count(d.Count), decimal(d.Mean, 1), "-", "-", "-"}
		// The flow engine tracks means only and leaves the quantiles zero.
		if d.Max > 0 {
			row[3], row[4], row[5] = count(d.P50), count(d.P90), count(d.Max)
		}
		if d.Count == 0 {
			row[2] = "-"
		}
		rows = append(rows, row)
	}
	p.table([]string{"pathway", "removals", "mean", "p50", "p90", "max"}, rows)
}

func (p *printer) sources(r *result.Result) {
	sourced := 0
	for _, s := range r.Sources {
		if s.Source != "" {
			sourced++
		}
	}
	p.printf("\nSources: %d parameters set, %d of them with a source; \"removalsim sources [FILE]\" lists them.\n", len(r.Sources), sourced)
}
