package sweep

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tidy"
)

// Store holds a study's files: the study's description, one part per
// batch of runs, one manifest per shard and the merged tables. Shards
// running on different machines share one Store (a shared volume or an
// object-store prefix).
type Store interface {
	// ReadFile returns the content of name; an error satisfying
	// errors.Is(err, fs.ErrNotExist) when there is none.
	ReadFile(name string) ([]byte, error)
	// Has reports whether name exists, without reading it.
	Has(name string) (bool, error)
	// WriteFile writes name whole, atomically: a reader sees the old
	// content or all of the new, never a part (temp file and rename).
	WriteFile(name string, write func(io.Writer) error) error
}

// Files of a study in its Store.
const (
	StudyFile   = "sweep.json"
	CSVFile     = "results.csv"
	ParquetFile = "results.parquet"
	IndicesFile = "indices.csv"
)

// PartFile is the name of batch b's part.
func PartFile(b int) string { return fmt.Sprintf("parts/batch-%06d.csv", b) }

// ManifestFile is the name of shard i of n's manifest.
func ManifestFile(i, n int) string { return fmt.Sprintf("shards/shard-%04d-of-%04d.json", i, n) }

// Study is what a Store records of its sweep, so that merge needs only
// the directory: the sweep file itself and the build that ran it.
type Study struct {
	Name string `json:"name"`
	File string `json:"file"`
	// SHA256 is the hash of Source.
	SHA256 string `json:"sha256"`
	// ScenarioSHA256 is the hash of the scenario varied, with the
	// sweep's fixed overrides (manifest.ScenarioHash): shards of a study
	// whose scenario file changed in between are not mixed.
	ScenarioSHA256 string `json:"scenario_sha256"`
	Version        string `json:"version"`
	Source         string `json:"source"`
}

// Manifest records what one shard did.
type Manifest struct {
	Sweep          string `json:"sweep"`
	SHA256         string `json:"sweep_sha256"`
	ScenarioSHA256 string `json:"scenario_sha256"`
	Version        string `json:"version"`
	Shard          int    `json:"shard"`
	Shards         int    `json:"shards"`
	// Batches and Runs are the shard's ranges [from, to).
	Batches [2]int `json:"batches"`
	Runs    [2]int `json:"runs"`
	// Points are the design points the shard's runs belong to, [from,
	// to) like the other ranges (a point's replications may fall in two
	// shards).
	Points [2]int `json:"points"`
	// Resumed counts the batches found done and not run again.
	Resumed int    `json:"resumed_batches"`
	Engine  string `json:"engine"`
}

// Options are the settings of a shard's run.
type Options struct {
	// Workers is the number of runs in parallel; 0 means GOMAXPROCS. The
	// output does not depend on it.
	Workers int
	// Version identifies the build, recorded in the study and manifests;
	// shards of different builds are not merged.
	Version string
	// Progress, when set, is called after each run (and once for the
	// runs of resumed batches) with the shard's runs done and its total.
	Progress func(done, total int)
}

// RunShard runs shard i of n of the study into store, skipping the
// batches whose part is already there, and writes its manifest. tree is
// the scenario the study varies.
func RunShard(p *Plan, tree *scenario.Tree, store Store, i, n int, o Options) (*Manifest, error) {
	if n < 1 || i < 0 || i >= n {
		return nil, fmt.Errorf("shard %d/%d: want 0 <= I < N", i, n)
	}
	base, err := tree.Decode(p.Spec.fixed...)
	if err != nil {
		return nil, &PointError{Point: -1, Err: err}
	}
	scenHash, err := manifest.ScenarioHash(base)
	if err != nil {
		return nil, err
	}
	// A parameter path the scenario lacks fails at every point: find it
	// at the first point, before anything is written.
	if err := p.check(tree, 0); err != nil {
		return nil, err
	}
	if err := claim(p, store, scenHash, o.Version); err != nil {
		return nil, err
	}
	bFrom, bTo := p.ShardBatches(i, n)
	rFrom, _ := p.BatchRuns(bFrom)
	rTo := rFrom
	if bTo > bFrom {
		_, rTo = p.BatchRuns(bTo - 1)
	}
	man := &Manifest{Sweep: p.Spec.Name, SHA256: p.Spec.Hash, ScenarioSHA256: scenHash, Version: o.Version, Shard: i, Shards: n,
		Batches: [2]int{bFrom, bTo}, Runs: [2]int{rFrom, rTo}, Engine: p.Spec.Engine,
		Points: [2]int{rFrom / p.Spec.Replications, (rTo + p.Spec.Replications - 1) / p.Spec.Replications}}
	if rTo == rFrom {
		man.Points[1] = man.Points[0]
	}
	total, done := rTo-rFrom, 0
	for b := bFrom; b < bTo; b++ {
		from, to := p.BatchRuns(b)
		if ok, err := store.Has(PartFile(b)); err != nil {
			return nil, err
		} else if ok {
			man.Resumed++
			done += to - from
			if o.Progress != nil {
				o.Progress(done, total)
			}
			continue
		}
		rows, err := p.runBatch(tree, from, to, o, func() {
			done++
			if o.Progress != nil {
				o.Progress(done, total)
			}
		})
		if err != nil {
			return nil, err
		}
		if err := store.WriteFile(PartFile(b), func(w io.Writer) error { return p.encodeCSV(w, rows, true) }); err != nil {
			return nil, err
		}
	}
	if err := writeJSON(store, ManifestFile(i, n), man); err != nil {
		return nil, err
	}
	return man, nil
}

// claim records the study in store, or checks that the study already
// recorded there is this one.
func claim(p *Plan, store Store, scenHash, version string) error {
	data, err := store.ReadFile(StudyFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return writeJSON(store, StudyFile, Study{Name: p.Spec.Name, File: p.Spec.File, SHA256: p.Spec.Hash,
			ScenarioSHA256: scenHash, Version: version, Source: string(p.Spec.Source)})
	case err != nil:
		return err
	}
	var st Study
	if err := json.Unmarshal(data, &st); err != nil {
		return fmt.Errorf("%s: %w", StudyFile, err)
	}
	if st.SHA256 != p.Spec.Hash {
		return fmt.Errorf("the output holds another sweep (%s, sha256 %.12s, this one %.12s): use a new output directory", st.Name, st.SHA256, p.Spec.Hash)
	}
	if st.ScenarioSHA256 != scenHash {
		return fmt.Errorf("the output's scenario has changed since the study started (sha256 %.12s, now %.12s): runs of two scenarios are not mixed", st.ScenarioSHA256, scenHash)
	}
	if st.Version != version {
		return fmt.Errorf("the output was started by removalsim %s, this is %s: runs of different builds are not mixed", st.Version, version)
	}
	return nil
}

func writeJSON(store Store, name string, v any) error {
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return store.WriteFile(name, func(w io.Writer) error {
		_, err := w.Write(append(data, '\n'))
		return err
	})
}

// runBatch runs [from, to) on o.Workers goroutines and returns their
// rows in run order.
func (p *Plan) runBatch(tree *scenario.Tree, from, to int, o Options, tick func()) ([]Row, error) {
	out := make([][]Row, to-from)
	workers := o.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var (
		next     atomic.Int64
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	next.Store(int64(from))
	for range min(workers, to-from) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				r := int(next.Add(1) - 1)
				if r >= to {
					return
				}
				rows, err := p.Run(tree, r)
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = err
					}
					next.Store(int64(to))
				} else {
					out[r-from] = rows
					tick()
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	var rows []Row
	for _, rs := range out {
		rows = append(rows, rs...)
	}
	return rows, nil
}

// Overrides returns the scenario overrides of design point i: the
// sweep's fixed ones, then the point's parameter values.
func (p *Plan) Overrides(i int) ([]scenario.Override, error) {
	ovs := append([]scenario.Override(nil), p.Spec.fixed...)
	values := p.Values(i)
	for j, par := range p.Spec.Parameters {
		o, err := scenario.NewOverride(par.Path, values[j])
		if err != nil {
			return nil, err
		}
		ovs = append(ovs, o.WithOrigin(fmt.Sprintf("%s: point %d: %s", par.at, i, o)))
	}
	return ovs, nil
}

// Run runs run r (point r / replications, replication r % replications)
// and returns its rows.
func (p *Plan) Run(tree *scenario.Tree, r int) ([]Row, error) {
	point, rep := r/p.Spec.Replications, r%p.Spec.Replications
	ovs, err := p.Overrides(point)
	if err != nil {
		return nil, err
	}
	m, err := p.compile(tree, point, ovs)
	if err != nil {
		return nil, err
	}
	var res *result.Result
	switch p.Spec.Engine {
	case "agent":
		m.Seed = p.RunSeed(point, rep)
		res, err = agent.Run(m, agent.Options{Runs: 1, Workers: 1, Seed: m.Seed})
		if err != nil {
			return nil, err
		}
	default:
		res = flow.Run(m)
	}
	return p.rows(res, point, rep), nil
}

// check reports, as a *PointError, whether design point i is a valid
// scenario.
func (p *Plan) check(tree *scenario.Tree, i int) error {
	ovs, err := p.Overrides(i)
	if err != nil {
		return err
	}
	_, err = p.compile(tree, i, ovs)
	return err
}

// compile decodes design point i with its overrides ovs and compiles it.
func (p *Plan) compile(tree *scenario.Tree, i int, ovs []scenario.Override) (*model.Model, error) {
	s, err := tree.Decode(ovs...)
	if err != nil {
		return nil, &PointError{Point: i, Err: err}
	}
	m, err := model.Compile(s)
	if err != nil {
		return nil, &PointError{Point: i, Err: err}
	}
	return m, nil
}

// PointError is a design point the scenario rejects (a value out of its
// domain), or with Point -1 the scenario with the sweep's fixed overrides
// alone: bad input, not a failure of the run.
type PointError struct {
	Point int
	Err   error
}

func (e *PointError) Error() string {
	if e.Point < 0 {
		return fmt.Sprintf("the scenario with the sweep's fixed values: %v", e.Err)
	}
	return fmt.Sprintf("design point %d: %v", e.Point, e.Err)
}
func (e *PointError) Unwrap() error { return e.Err }

// rows turns a run's result into the table's rows, metric by metric in
// the sweep's order: the whole run first, then each 12-month period
// (none when one period is the whole run).
func (p *Plan) rows(res *result.Result, point, rep int) []Row {
	var out []Row
	whole := ""
	if n := len(res.Monthly); n > 0 {
		whole = res.Monthly[0].Month + "/" + res.Monthly[n-1].Month
	}
	for _, name := range p.Spec.Metrics {
		m, _ := metricByName(name)
		unit := tidy.Unit(m.Name)
		out = append(out, Row{point, rep, m.Name, unit, whole, m.Total(res)})
		if m.Annual == nil || len(res.Annual) < 2 {
			continue
		}
		for _, per := range res.Annual {
			out = append(out, Row{point, rep, m.Name, unit, per.From + "/" + per.To, m.Annual(per)})
		}
	}
	return out
}

// RunSeed is the engine seed of a run: a hash of the root seed, the
// point and the replication only, so that it does not depend on how the
// study is cut into shards.
func (p *Plan) RunSeed(point, replication int) uint64 {
	var b [24]byte
	binary.LittleEndian.PutUint64(b[0:], p.Spec.Seed)
	binary.LittleEndian.PutUint64(b[8:], uint64(point))
	binary.LittleEndian.PutUint64(b[16:], uint64(replication))
	h := sha256.Sum256(b[:])
	return max(binary.LittleEndian.Uint64(h[:8]), 1) // 0 would mean the scenario's seed
}
