package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/removalsim/removalsim/numfmt"
	"github.com/removalsim/removalsim/result"
)

// replication is one run of one tool: what it printed and what
// /usr/bin/time -f "%e %M" measured of its whole process.
type replication struct {
	tool        string
	cases, seed int
	events      float64
	removals    float64
	ttr         float64 // mean days from arrest to removal
	wall        float64 // seconds, whole process
	cpu         float64 // user + system seconds, whole process
	rssMB       float64 // peak resident set, MiB
}

// readRuns reads dir/<tool>_<cases>_<seed>.json with its .time file.
func readRuns(dir string) ([]replication, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var runs []replication
	for _, f := range files {
		parts := strings.Split(strings.TrimSuffix(filepath.Base(f), ".json"), "_")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s: want TOOL_CASES_SEED.json", f)
		}
		r := replication{tool: parts[0]}
		if r.cases, err = strconv.Atoi(parts[1]); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if r.seed, err = strconv.Atoi(parts[2]); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		if err := readOutput(f, &r); err != nil {
			return nil, err
		}
		if r.wall, r.rssMB, r.cpu, err = readTime(strings.TrimSuffix(f, ".json") + ".time"); err != nil {
			return nil, err
		}
		runs = append(runs, r)
	}
	if len(runs) == 0 {
		return nil, fmt.Errorf("no runs in %s", dir)
	}
	return runs, nil
}

// readOutput reads a tool's JSON: removalsim's result.Result, or the flat
// object the SimPy and SimJS models print.
func readOutput(path string, r *replication) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if r.tool != "simpy" && r.tool != "simjs" { // removalsim's own result
		var res result.Result
		if err := json.Unmarshal(src, &res); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		r.events, r.removals = res.Events, res.Totals.Removals
		var n, sum float64
		for _, d := range res.TimeToRemovalDays {
			n += d.Count
			sum += d.Count * d.Mean
		}
		if n > 0 {
			r.ttr = sum / n
		}
		return nil
	}
	var out struct {
		Events   float64 `json:"events"`
		Removals float64 `json:"removals"`
		TTR      float64 `json:"mean_time_to_removal"`
	}
	if err := json.Unmarshal(src, &out); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	r.events, r.removals, r.ttr = out.Events, out.Removals, out.TTR
	return nil
}

// readTime reads the "%e %M %U %S" line of /usr/bin/time: wall seconds,
// peak RSS in KiB, user and system seconds.
func readTime(path string) (wall, rssMB, cpu float64, err error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, 0, err
	}
	lines := strings.Split(strings.TrimSpace(string(src)), "\n")
	last := lines[len(lines)-1] // earlier lines: the command's complaints
	f := strings.Fields(last)
	if len(f) != 4 {
		return 0, 0, 0, fmt.Errorf("%s: want \"WALL KIB USER SYS\", got %q", path, last)
	}
	var v [4]float64
	for i := range v {
		if v[i], err = strconv.ParseFloat(f[i], 64); err != nil {
			return 0, 0, 0, fmt.Errorf("%s: %w", path, err)
		}
	}
	return v[0], v[1] / 1024, v[2] + v[3], nil
}

// group is the replications of one tool at one size.
type group struct {
	tool  string
	cases int
	runs  []replication
}

func (g *group) col(f func(replication) float64) []float64 {
	out := make([]float64, len(g.runs))
	for i, r := range g.runs {
		out[i] = f(r)
	}
	return out
}

// rate is events per second of wall time over all replications.
func (g *group) rate() float64 {
	var ev, w float64
	for _, r := range g.runs {
		ev += r.events
		w += r.wall
	}
	return ev / w
}

// cpuRate is events per second of CPU time (user + system) over all
// replications: on a shared machine it depends less on what else runs.
func (g *group) cpuRate() float64 {
	var ev, c float64
	for _, r := range g.runs {
		ev += r.events
		c += r.cpu
	}
	return ev / c
}

// halfWidth is the 95% confidence half-width of the mean of xs.
func halfWidth(xs []float64) float64 {
	if len(xs) < 2 {
		return math.NaN()
	}
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(xs) - 1)}.Quantile(0.975)
	return t * stat.StdDev(xs, nil) / math.Sqrt(float64(len(xs)))
}

// agree tests whether the means of a and b differ, by Welch's t at level
// alpha (two-sided). It returns the difference, the critical difference,
// and whether the difference is within it.
func agree(a, b []float64, alpha float64) (diff, crit float64, ok bool) {
	ma, mb := stat.Mean(a, nil), stat.Mean(b, nil)
	diff = ma - mb
	va, vb := stat.Variance(a, nil)/float64(len(a)), stat.Variance(b, nil)/float64(len(b))
	se := math.Sqrt(va + vb)
	if se == 0 {
		return diff, 0, diff == 0
	}
	df := (va + vb) * (va + vb) / (va*va/float64(len(a)-1) + vb*vb/float64(len(b)-1))
	crit = distuv.StudentsT{Mu: 0, Sigma: 1, Nu: df}.Quantile(1-alpha/2) * se
	return diff, crit, math.Abs(diff) <= crit
}

var toolOrder = []string{"simpy", "simjs", "removalsim"}

// summarize prints the comparison table and the agreement check of the
// runs in dir. It reports whether every size passed.
func summarize(w io.Writer, dir string) (bool, error) {
	runs, err := readRuns(dir)
	if err != nil {
		return false, err
	}
	byKey := map[[2]string]*group{}
	var sizes []int
	for _, r := range runs {
		k := [2]string{r.tool, strconv.Itoa(r.cases)}
		g := byKey[k]
		if g == nil {
			g = &group{tool: r.tool, cases: r.cases}
			byKey[k] = g
		}
		g.runs = append(g.runs, r)
		if !slices.Contains(sizes, r.cases) {
			sizes = append(sizes, r.cases)
		}
	}
	slices.Sort(sizes)
	get := func(tool string, cases int) *group { return byKey[[2]string{tool, strconv.Itoa(cases)}] }

	fmt.Fprintln(w, "| tool | cases | reps | events/rep | wall s/rep | events/s | CPU s/rep | events/CPU-s | peak RSS MB | × SimPy (wall, CPU) | × SimJS (wall, CPU) | removals (mean ± 95%) | days to removal (mean ± 95%) |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, n := range sizes {
		for _, tool := range toolOrder {
			g := get(tool, n)
			if g == nil {
				continue
			}
			ratio := func(other string) string {
				o := get(other, n)
				if o == nil {
					return "–"
				}
				return fmt.Sprintf("%s, %s", sig(g.rate()/o.rate()), sig(g.cpuRate()/o.cpuRate()))
			}
			ev, rss := g.col(func(r replication) float64 { return r.events }), g.col(func(r replication) float64 { return r.rssMB })
			wall, cpu := g.col(func(r replication) float64 { return r.wall }), g.col(func(r replication) float64 { return r.cpu })
			rem, ttr := g.col(func(r replication) float64 { return r.removals }), g.col(func(r replication) float64 { return r.ttr })
			fmt.Fprintf(w, "| %s | %s | %d | %s | %.2f | %s | %.2f | %s | %.0f | %s | %s | %s ± %s | %.2f ± %s |\n",
				tool, numfmt.Count(float64(n)), len(g.runs), numfmt.Count(stat.Mean(ev, nil)), stat.Mean(wall, nil), numfmt.Count(g.rate()),
				stat.Mean(cpu, nil), numfmt.Count(g.cpuRate()), slices.Max(rss), ratio("simpy"), ratio("simjs"),
				numfmt.Count(stat.Mean(rem, nil)), orNA("%.0f", halfWidth(rem)), stat.Mean(ttr, nil), orNA("%.2f", halfWidth(ttr)))
		}
	}

	fmt.Fprintln(w)
	fmt.Fprintln(w, "Agreement with removalsim (Welch's t on the replications' means; family-wise 95% per size, Bonferroni over the comparisons):")
	all := true
	for _, n := range sizes {
		ref := get("removalsim", n)
		type cmp struct {
			name string
			a, b []float64
		}
		var cmps []cmp
		for _, tool := range toolOrder[:2] {
			g := get(tool, n)
			if g == nil || ref == nil || len(g.runs) < 2 || len(ref.runs) < 2 {
				continue
			}
			cmps = append(cmps,
				cmp{tool + " removals", g.col(func(r replication) float64 { return r.removals }), ref.col(func(r replication) float64 { return r.removals })},
				cmp{tool + " days to removal", g.col(func(r replication) float64 { return r.ttr }), ref.col(func(r replication) float64 { return r.ttr })})
		}
		if len(cmps) == 0 {
			continue
		}
		alpha := 0.05 / float64(len(cmps))
		pass := true
		var notes []string
		for _, c := range cmps {
			diff, crit, ok := agree(c.a, c.b, alpha)
			pass = pass && ok
			mark := ""
			if !ok {
				mark = " (outside)"
			}
			notes = append(notes, fmt.Sprintf("%s Δ %+.3g within ±%.3g%s", c.name, diff, crit, mark))
		}
		verdict := "PASS"
		if !pass {
			verdict, all = "FAIL", false
		}
		fmt.Fprintf(w, "  %s cases: %s — %s\n", numfmt.Count(float64(n)), verdict, strings.Join(notes, "; "))
	}
	return all, nil
}

// sig formats a ratio with two or three significant digits.
func sig(x float64) string {
	switch {
	case x >= 100:
		return fmt.Sprintf("%.0f", x)
	case x >= 10:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.2f", x)
}

func orNA(format string, x float64) string {
	if math.IsNaN(x) {
		return "n/a"
	}
	return fmt.Sprintf(format, x)
}

// scaling prints, as tab-separated lines sorted by people, the median
// over the runs dir/<label>_<people>_<seed>.json of each size: wall
// seconds, peak RSS (MiB), events and CPU seconds.
func scaling(w io.Writer, dir string) error {
	runs, err := readRuns(dir)
	if err != nil {
		return err
	}
	bySize := map[int][]replication{}
	var sizes []int
	for _, r := range runs {
		if r.events == 0 {
			return errors.New(r.tool + ": no events in the output (is it the agent engine?)")
		}
		if bySize[r.cases] == nil {
			sizes = append(sizes, r.cases)
		}
		bySize[r.cases] = append(bySize[r.cases], r)
	}
	slices.Sort(sizes)
	fmt.Fprintln(w, "label\tpeople\twall_s\trss_mb\tevents\tcpu_s")
	for _, n := range sizes {
		g := &group{runs: bySize[n]}
		med := func(f func(replication) float64) float64 {
			xs := g.col(f)
			slices.Sort(xs)
			return stat.Quantile(0.5, stat.Empirical, xs, nil)
		}
		fmt.Fprintf(w, "%s\t%d\t%.3f\t%.1f\t%.0f\t%.3f\n", g.runs[0].tool, n,
			med(func(r replication) float64 { return r.wall }), med(func(r replication) float64 { return r.rssMB }),
			med(func(r replication) float64 { return r.events }), med(func(r replication) float64 { return r.cpu }))
	}
	return nil
}

// throughput prints, as tab-separated lines, each tool's events per
// second of wall time and of CPU time at each size of the runs in dir.
func throughput(w io.Writer, dir string) error {
	runs, err := readRuns(dir)
	if err != nil {
		return err
	}
	groups := map[[2]string]*group{}
	var keys [][2]string
	for _, r := range runs {
		k := [2]string{r.tool, fmt.Sprintf("%012d", r.cases)}
		if groups[k] == nil {
			groups[k] = &group{tool: r.tool, cases: r.cases}
			keys = append(keys, k)
		}
		groups[k].runs = append(groups[k].runs, r)
	}
	slices.SortFunc(keys, func(a, b [2]string) int { return strings.Compare(a[0]+a[1], b[0]+b[1]) })
	fmt.Fprintln(w, "tool\tcases\tevents_per_s\tevents_per_cpu_s")
	for _, k := range keys {
		g := groups[k]
		fmt.Fprintf(w, "%s\t%d\t%.0f\t%.0f\n", g.tool, g.cases, g.rate(), g.cpuRate())
	}
	return nil
}
