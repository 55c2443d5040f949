package sweep

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/sensitivity"
)

// MergeReport says what Merge found and wrote.
type MergeReport struct {
	Study *Study
	Plan  *Plan
	// Rows is the number of rows of the table.
	Rows int
	// Manifests are the shard manifests found, in name order of shard
	// count then index (informational: the parts decide).
	Manifests []*Manifest
	// Indices holds, for a sensitivity study, the Sobol indices per
	// metric (over the whole run, mean of the replications).
	Indices map[string]*sensitivity.SobolResult
}

// LoadStudy reads the study recorded in store and lays out its plan.
func LoadStudy(store Store) (*Study, *Plan, error) {
	data, err := store.ReadFile(StudyFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("no %s: not the output of removalsim sweep", StudyFile)
		}
		return nil, nil, err
	}
	var st Study
	if err := json.Unmarshal(data, &st); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", StudyFile, err)
	}
	spec, err := Parse(st.File, []byte(st.Source))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: the recorded sweep file: %w", StudyFile, err)
	}
	return &st, NewPlan(spec), nil
}

// Merge combines the parts in store into the table, results.csv and
// results.parquet, and for a sensitivity study indices.csv. It fails,
// naming them, when batches are missing. manifests lists the shard
// manifest files present (as ManifestFile names); their hashes and
// versions are checked against the study's.
func Merge(store Store, manifests []string) (*MergeReport, error) {
	st, p, err := LoadStudy(store)
	if err != nil {
		return nil, err
	}
	rep := &MergeReport{Study: st, Plan: p}
	for _, name := range manifests {
		data, err := store.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var m Manifest
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if m.SHA256 != st.SHA256 || m.ScenarioSHA256 != st.ScenarioSHA256 || m.Version != st.Version {
			return nil, fmt.Errorf("%s: shard of another sweep or build (sha256 %.12s, version %s; the study's %.12s, %s)", name, m.SHA256, m.Version, st.SHA256, st.Version)
		}
		rep.Manifests = append(rep.Manifests, &m)
	}
	var missing []int
	for b := range p.Batches() {
		if ok, err := store.Has(PartFile(b)); err != nil {
			return nil, err
		} else if !ok {
			missing = append(missing, b)
		}
	}
	if len(missing) > 0 {
		return nil, &MissingError{Batches: missing, Total: p.Batches()}
	}
	totals := map[string][]float64{} // metric -> sum over replications, per point
	if p.Spec.Design == Sensitivity {
		for _, m := range p.Spec.Metrics {
			totals[m] = make([]float64, p.NumPoints())
		}
	}
	err = store.WriteFile(CSVFile, func(wc io.Writer) error {
		return store.WriteFile(ParquetFile, func(wp io.Writer) error {
			if err := csv.NewWriter(wc).WriteAll([][]string{p.Header()}); err != nil {
				return err
			}
			pq := p.newParquet(wp)
			for b := range p.Batches() {
				name := PartFile(b)
				data, err := store.ReadFile(name)
				if err != nil {
					return err
				}
				rows, err := p.decodeCSV(name, data)
				if err != nil {
					return err
				}
				if err := checkBatch(p, b, rows); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
				if err := p.encodeCSV(wc, rows, false); err != nil {
					return err
				}
				if err := pq.write(rows); err != nil {
					return err
				}
				// A run's first row of a metric is its whole-run value.
				last := Row{Point: -1}
				for _, r := range rows {
					first := r.Point != last.Point || r.Replication != last.Replication || r.Metric != last.Metric
					if t := totals[r.Metric]; t != nil && first {
						t[r.Point] += r.Value
					}
					last = r
				}
				rep.Rows += len(rows)
			}
			return pq.close()
		})
	})
	if err != nil {
		return nil, err
	}
	if p.Spec.Design != Sensitivity {
		return rep, nil
	}
	rep.Indices = map[string]*sensitivity.SobolResult{}
	for _, m := range p.Spec.Metrics {
		y := totals[m]
		for i := range y {
			y[i] /= float64(p.Spec.Replications)
		}
		rep.Indices[m] = sensitivity.SobolIndices(p.Factors, p.Spec.Samples, y, 0, p.Spec.Seed)
	}
	return rep, store.WriteFile(IndicesFile, func(w io.Writer) error { return p.writeIndices(w, rep.Indices) })
}

// checkBatch checks that a part holds exactly its batch's runs, in order.
func checkBatch(p *Plan, b int, rows []Row) error {
	from, to := p.BatchRuns(b)
	seen := from
	for _, r := range rows {
		run := r.Point*p.Spec.Replications + r.Replication
		switch {
		case run == seen-1:
		case run == seen:
			seen++
		default:
			return fmt.Errorf("run %d out of place: batch %d holds runs %d to %d in order", run, b, from, to-1)
		}
	}
	if seen != to {
		return fmt.Errorf("batch %d holds runs %d to %d, want %d to %d", b, from, seen-1, from, to-1)
	}
	return nil
}

// writeIndices writes the Sobol indices as a tidy CSV: one row per metric
// and parameter.
func (p *Plan) writeIndices(w io.Writer, idx map[string]*sensitivity.SobolResult) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"metric", "parameter", "s1", "s1_low", "s1_high", "st", "st_low", "st_high", "n", "evaluations"})
	f := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
	for _, m := range p.Spec.Metrics {
		r := idx[m]
		for _, row := range r.Rows {
			cw.Write([]string{m, row.Name, f(row.S1), f(row.S1Low), f(row.S1High), f(row.ST), f(row.STLow), f(row.STHigh),
				strconv.Itoa(r.N), strconv.Itoa(r.Evaluations)})
		}
	}
	cw.Flush()
	return cw.Error()
}

// MissingError lists the batches without a part.
type MissingError struct {
	Batches []int
	Total   int
}

func (e *MissingError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d batches not done: ", len(e.Batches), e.Total)
	for i, r := range ranges(e.Batches) {
		if i == 5 {
			b.WriteString(", ...")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		if r[0] == r[1] {
			fmt.Fprintf(&b, "%d", r[0])
		} else {
			fmt.Fprintf(&b, "%d-%d", r[0], r[1])
		}
	}
	b.WriteString(" (run the shards that hold them again; done batches are kept)")
	return b.String()
}

// ranges groups sorted integers into [first, last] runs.
func ranges(xs []int) [][2]int {
	var out [][2]int
	for _, x := range xs {
		if n := len(out); n > 0 && out[n-1][1] == x-1 {
			out[n-1][1] = x
			continue
		}
		out = append(out, [2]int{x, x})
	}
	return out
}
