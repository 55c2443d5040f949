package sweep

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// memStore is a Store in memory; it counts writes per file.
type memStore struct {
	mu     sync.Mutex
	files  map[string][]byte
	writes map[string]int
}

func newMemStore() *memStore {
	return &memStore{files: map[string][]byte{}, writes: map[string]int{}}
}

func (m *memStore) ReadFile(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	b, ok := m.files[name]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return b, nil
}

func (m *memStore) Has(name string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.files[name]
	return ok, nil
}

func (m *memStore) WriteFile(name string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = buf.Bytes()
	m.writes[name]++
	return nil
}

func (m *memStore) manifests() []string {
	var out []string
	for _, n := range slices.Sorted(maps.Keys(m.files)) {
		if strings.HasPrefix(n, "shards/") {
			out = append(out, n)
		}
	}
	return out
}

func baselineTree(t testing.TB) *scenario.Tree {
	t.Helper()
	tree, err := scenario.LoadTree(scenarios.FS, "baseline-2025.yaml", nil, scenario.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

func mustParse(t testing.TB, src string) *Plan {
	t.Helper()
	s, err := Parse("study.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return NewPlan(s)
}

// runSharded runs every shard of n in a fresh store (in reverse order,
// as a cluster might finish them) and merges.
func runSharded(t *testing.T, p *Plan, tree *scenario.Tree, n int) *memStore {
	t.Helper()
	st := newMemStore()
	for i := n - 1; i >= 0; i-- {
		if _, err := RunShard(p, tree, st, i, n, Options{Workers: 2, Version: "test"}); err != nil {
			t.Fatalf("shard %d/%d: %v", i, n, err)
		}
	}
	if _, err := Merge(st, st.manifests()); err != nil {
		t.Fatalf("merge of %d shards: %v", n, err)
	}
	return st
}

const gridStudy = `name: beds-by-officers
months: 12
design: grid
batch: 2
parameters:
  - path: capacities.detention_beds.initial
    values: [30000, 41500, 100000]
  - path: capacities.officers.initial
    values: [5000, 6500]
metrics: [removals, average_detained, cost_per_removal_usd]
`

// TestShardsMergeToOneProcess is issue 17's bar: shards i/4 for i = 0..3
// then merge equal the single process's output byte for byte; so do
// other shard counts, including more shards than batches.
func TestShardsMergeToOneProcess(t *testing.T) {
	tree := baselineTree(t)
	p := mustParse(t, gridStudy)
	one := runSharded(t, p, tree, 1)
	for _, n := range []int{4, 2, 3, 5} {
		st := runSharded(t, p, tree, n)
		for _, f := range []string{CSVFile, ParquetFile} {
			if !bytes.Equal(st.files[f], one.files[f]) {
				t.Errorf("%d shards: %s differs from one process's", n, f)
			}
		}
	}
	if testing.Short() {
		return
	}
	// Worker counts change nothing either.
	st := newMemStore()
	if _, err := RunShard(p, tree, st, 0, 1, Options{Workers: 1, Version: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(st, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(st.files[CSVFile], one.files[CSVFile]) {
		t.Error("1 worker and 2 workers differ")
	}
}

// TestGridTable checks the table's shape and that the grid's values reach
// the scenario: more beds never lower average detention, and the
// capacity a point sets is the one the row reports.
func TestGridTable(t *testing.T) {
	tree := baselineTree(t)
	p := mustParse(t, gridStudy)
	st := runSharded(t, p, tree, 1)
	lines := strings.Split(strings.TrimSuffix(string(st.files[CSVFile]), "\n"), "\n")
	if want := "point,capacities.detention_beds.initial,capacities.officers.initial,replication,metric,unit,period,value"; lines[0] != want {
		t.Fatalf("header %q, want %q", lines[0], want)
	}
	// 6 points × 3 metrics over the whole run (12 months: one period, so
	// no annual rows).
	if got, want := len(lines)-1, 6*3; got != want {
		t.Fatalf("%d rows, want %d", got, want)
	}
	if lines[1] != strings.Join([]string{"0", "30000", "5000", "0", "removals", "persons", "2025-01/2025-12", lines[1][strings.LastIndexByte(lines[1], ',')+1:]}, ",") {
		t.Errorf("first row %q", lines[1])
	}
	rows, err := p.decodeCSV(CSVFile, st.files[CSVFile])
	if err != nil {
		t.Fatal(err)
	}
	det := map[int]float64{}
	rem := map[int]float64{}
	for _, r := range rows {
		if r.Period != "2025-01/2025-12" {
			continue
		}
		switch r.Metric {
		case "average_detained":
			det[r.Point] = r.Value
		case "removals":
			rem[r.Point] = r.Value
		}
	}
	// Points 0, 2, 4 have 5,000 officers and 30,000, 41,500, 100,000 beds.
	if !(det[0] <= det[2] && det[2] <= det[4]) || det[0] == det[4] {
		t.Errorf("average detained by beds (5,000 officers): %v, %v, %v; want increasing", det[0], det[2], det[4])
	}
	if !(rem[1] > rem[0]) {
		t.Errorf("removals with 6,500 officers %v not above 5,000 officers' %v", rem[1], rem[0])
	}
}

// TestResume checks that a shard rerun after a crash does only the
// batches it had not written, and that the result is unchanged.
func TestResume(t *testing.T) {
	tree := baselineTree(t)
	p := mustParse(t, gridStudy)
	ref := runSharded(t, p, tree, 1)

	st := newMemStore()
	// A crash after batch 1 of shard 0/1: batches 0 and 1 written.
	for b := range 2 {
		st.files[PartFile(b)] = ref.files[PartFile(b)]
	}
	st.files[StudyFile] = ref.files[StudyFile]
	if _, err := Merge(st, nil); err == nil || !strings.Contains(err.Error(), "1 of 3 batches not done: 2") {
		t.Fatalf("merge with a batch missing: %v", err)
	}
	var calls []int
	man, err := RunShard(p, tree, st, 0, 1, Options{Version: "test", Progress: func(done, total int) { calls = append(calls, done) }})
	if err != nil {
		t.Fatal(err)
	}
	if man.Resumed != 2 {
		t.Errorf("resumed %d batches, want 2", man.Resumed)
	}
	for b := range 2 {
		if st.writes[PartFile(b)] != 0 {
			t.Errorf("batch %d was run again", b)
		}
	}
	if st.writes[PartFile(2)] != 1 {
		t.Errorf("batch 2 written %d times, want 1", st.writes[PartFile(2)])
	}
	if !slices.Equal(calls, []int{2, 4, 5, 6}) {
		t.Errorf("progress %v, want [2 4 5 6]", calls)
	}
	if _, err := Merge(st, st.manifests()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(st.files[CSVFile], ref.files[CSVFile]) {
		t.Error("resumed study differs from one run straight through")
	}
	// Another sweep into the same store is refused.
	other := mustParse(t, strings.Replace(gridStudy, "100000", "90000", 1))
	if _, err := RunShard(other, tree, st, 0, 1, Options{Version: "test"}); err == nil || !strings.Contains(err.Error(), "another sweep") {
		t.Errorf("another sweep into the same output: %v", err)
	}
	if _, err := RunShard(p, tree, st, 0, 1, Options{Version: "other"}); err == nil || !strings.Contains(err.Error(), "different builds") {
		t.Errorf("another build into the same output: %v", err)
	}
	judges, err := scenario.LoadTree(scenarios.FS, "policy-variants/doubled-judges.yaml", nil, scenario.LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := RunShard(p, judges, st, 0, 1, Options{Version: "test"}); err == nil || !strings.Contains(err.Error(), "scenario has changed") {
		t.Errorf("another scenario into the same output: %v", err)
	}
}

// TestSensitivityStudy runs a small Sobol study and checks that the
// indices merge computes are those sensitivity.Sobol computes itself
// from the same design, and that the parameter that matters ranks first.
func TestSensitivityStudy(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 64 national scenarios")
	}
	tree := baselineTree(t)
	p := mustParse(t, `name: officers-vs-beds
months: 12
design: sensitivity
samples: 16
batch: 10
parameters:
  - path: capacities.officers.initial
    range: [5000, 8000]
  - path: capacities.judges.initial
    range: [600, 800]
metrics: [removals]
`)
	if p.NumPoints() != 16*4 {
		t.Fatalf("%d points, want N(k+2) = 64", p.NumPoints())
	}
	one := runSharded(t, p, tree, 1)
	four := runSharded(t, p, tree, 4)
	if !bytes.Equal(one.files[IndicesFile], four.files[IndicesFile]) || len(one.files[IndicesFile]) == 0 {
		t.Fatal("indices differ between 1 and 4 shards, or are empty")
	}
	rep, err := Merge(one, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := rep.Indices["removals"].Rows
	if rows[0].Name != "capacities.officers.initial" || !(rows[0].ST > rows[1].ST) {
		t.Errorf("officers should explain removals more than judges: %+v", rows)
	}
	t.Logf("%s", one.files[IndicesFile])
}

func TestDesigns(t *testing.T) {
	for _, design := range []string{LHS, SobolSeq, MonteCarlo} {
		p := mustParse(t, fmt.Sprintf(`name: d
design: %s
samples: 32
parameters:
  - {path: capacities.officers.initial, range: [5000, 8000], integer: true}
  - {path: detention.detain_share, range: [0.2, 0.4]}
`, design))
		if p.NumPoints() != 32 {
			t.Fatalf("%s: %d points", design, p.NumPoints())
		}
		for _, x := range p.X {
			if x[0] < 5000 || x[0] >= 8000 || x[1] < 0.2 || x[1] >= 0.4 {
				t.Errorf("%s: point %v outside the ranges", design, x)
			}
		}
		for i := range p.NumPoints() {
			if pt := p.Values(i); strings.ContainsAny(pt[0], ".e") {
				t.Errorf("%s: integer parameter written %q", design, pt[0])
			}
		}
		if design == LHS || design == SobolSeq {
			// One point in each of the 32 strata of each dimension.
			for j := range 2 {
				seen := map[int]bool{}
				for _, x := range p.X {
					f := p.Factors[j]
					seen[int((x[j]-f.Low)/(f.High-f.Low)*32+1e-9)] = true
				}
				if len(seen) != 32 {
					t.Errorf("%s: dimension %d fills %d of 32 strata", design, j, len(seen))
				}
			}
		}
	}
	// The design depends on the seed, except Sobol's sequence.
	a := mustParse(t, "name: a\ndesign: lhs\nsamples: 4\nseed: 1\nparameters: [{path: months, range: [1, 9]}]\n")
	b := mustParse(t, "name: a\ndesign: lhs\nsamples: 4\nseed: 2\nparameters: [{path: months, range: [1, 9]}]\n")
	if slices.Equal(a.X[0], b.X[0]) {
		t.Error("LHS designs of seeds 1 and 2 are the same")
	}
}

func TestRunSeeds(t *testing.T) {
	p := mustParse(t, "name: a\nengine: agent\nreplications: 3\ndesign: grid\nparameters: [{path: months, values: [1, 2]}]\n")
	seen := map[uint64]bool{}
	for pt := range 2 {
		for r := range 3 {
			s := p.RunSeed(pt, r)
			if seen[s] {
				t.Errorf("seed %d repeated", s)
			}
			seen[s] = true
		}
	}
}

// TestParseErrors checks that every error of a sweep file is reported,
// positioned, at once.
func TestParseErrors(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want []string
	}{
		{"name: x\ndesign: grdi\nparameters: [{path: months, values: [1]}]\n", []string{`study.yaml:2:9: design: unknown design "grdi"`}},
		{"name: x\ndesign: grid\nparamters: []\n", []string{`study.yaml:3:1: unknown key "paramters"; did you mean "parameters"?`}},
		{"name: x\ndesign: lhs\nsamples: 0\nparameters:\n  - path: months\n    values: [1, 2]\n", []string{
			"study.yaml:3:10: samples: want 1 to", "study.yaml:6:13: parameters[0].values: design lhs samples a range"}},
		{"name: x\ndesign: lhs\nsamples: 3\nparameters:\n  - {path: months, range: [5, 1]}\n", []string{"study.yaml:5:27: parameters[0].range: want low < high"}},
		{"name: x\ndesign: grid\nreplications: 3\nparameters: [{path: a..b, values: [1]}]\n", []string{
			"study.yaml:3:15: replications: the flow engine is deterministic", `study.yaml:4:21: parameters[0].path: path "a..b": empty key`}},
		{"name: x\ndesign: grid\nmetrics: [removal]\nparameters: [{path: months, values: [1]}]\n", []string{`study.yaml:3:11: metrics[0]: unknown metric "removal"`}},
		{"name: x\ndesign: grid\nset: [nope]\nparameters: [{path: months, values: [1]}]\n", []string{"study.yaml:3:7: set[0]: want PATH=VALUE"}},
		{"", []string{"study.yaml:1:1: empty sweep file"}},
		{"- a\n", []string{"study.yaml:1:1: a sweep file must be a mapping"}},
		{"name: x\ndesign: grid\nparameters: [{path: months, values: [1]}, {path: months, values: [2]}]\n", []string{"parameters[1].path: months is varied twice"}},
	} {
		_, err := Parse("study.yaml", []byte(tt.src))
		var list scenario.ErrorList
		if !errors.As(err, &list) {
			t.Errorf("%q: want an ErrorList, got %v", tt.src, err)
			continue
		}
		got := list.String()
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: errors lack %q:\n%s", tt.src, w, got)
			}
		}
	}
}

// TestBadPointIsReported checks that a design point the scenario rejects
// fails the shard with the point and the scenario's error.
func TestBadPointIsReported(t *testing.T) {
	p := mustParse(t, "name: x\ndesign: grid\nmonths: 1\nparameters: [{path: detention.detain_share, values: [0.5, 1.5]}]\n")
	_, err := RunShard(p, baselineTree(t), newMemStore(), 0, 1, Options{})
	var pe *PointError
	if !errors.As(err, &pe) || pe.Point != 1 || !strings.Contains(err.Error(), "detention.detain_share") {
		t.Errorf("want design point 1's error naming detention.detain_share, got %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{gridStudy, "name: a\ndesign: lhs\nsamples: 4\nparameters: [{path: months, range: [1, 9]}]\n", "", "a: [", "name: x\nset: [a=1, b]\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.yaml", src)
		if err != nil {
			var list scenario.ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Fatalf("want an ErrorList, got %T %v", err, err)
			}
			for _, e := range list {
				if e.File != "fuzz.yaml" || e.Line < 1 || e.Col < 1 {
					t.Fatalf("unpositioned error %#v", e)
				}
			}
			return
		}
		if s.Design != Grid && s.Samples > 64 || s.Design == Grid && s.gridSize() > 64 {
			return // valid, but too big to lay out in a fuzz run
		}
		p := NewPlan(s)
		if p.NumPoints() == 0 && s.Design != Grid {
			t.Fatalf("no points for a valid %s design", s.Design)
		}
		_ = p.Header()
	})
}

// TestParquetMatchesCSV reads the Parquet table back and checks that it
// holds the CSV's rows, value for value.
func TestParquetMatchesCSV(t *testing.T) {
	p := mustParse(t, gridStudy)
	st := runSharded(t, p, baselineTree(t), 1)
	want, err := p.decodeCSV(CSVFile, st.files[CSVFile])
	if err != nil {
		t.Fatal(err)
	}
	data := st.files[ParquetFile]
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, fl := range f.Schema().Fields() {
		col[fl.Name()] = i
	}
	for _, h := range p.Header() {
		if _, ok := col[h]; !ok {
			t.Errorf("no column %q in %v", h, f.Schema())
		}
	}
	var got []parquet.Row
	for _, rg := range f.RowGroups() {
		rows := rg.Rows()
		buf := make([]parquet.Row, 64)
		for {
			n, err := rows.ReadRows(buf)
			for _, r := range buf[:n] {
				got = append(got, r.Clone())
			}
			if err != nil {
				break
			}
		}
		rows.Close()
	}
	if len(got) != len(want) {
		t.Fatalf("%d Parquet rows, %d CSV rows", len(got), len(want))
	}
	for i, w := range want {
		r := got[i]
		if int(r[col["point"]].Int64()) != w.Point || r[col["metric"]].String() != w.Metric ||
			r[col["period"]].String() != w.Period || r[col["value"]].Double() != w.Value ||
			fmt.Sprint(r[col["capacities.detention_beds.initial"]].Double()) != p.Values(w.Point)[0] {
			t.Fatalf("row %d: Parquet %v, CSV %+v", i, r, w)
		}
	}
}

// TestAgentReplications checks that on the agent engine each replication
// draws its own seed (their results differ) and that cutting the runs
// into shards changes nothing.
func TestAgentReplications(t *testing.T) {
	p := mustParse(t, `name: agent-reps
engine: agent
design: montecarlo
samples: 2
replications: 2
months: 1
batch: 1
parameters:
  - {path: capacities.officers.initial, range: [5000, 9000], integer: true}
metrics: [removals]
`)
	tree := baselineTree(t)
	one := runSharded(t, p, tree, 1)
	three := runSharded(t, p, tree, 3)
	if !bytes.Equal(one.files[CSVFile], three.files[CSVFile]) {
		t.Error("3 shards differ from one process")
	}
	rows, err := p.decodeCSV(CSVFile, one.files[CSVFile])
	if err != nil {
		t.Fatal(err)
	}
	byRep := map[int]float64{}
	for _, r := range rows {
		if r.Point == 0 && r.Period == "2025-01/2025-01" {
			byRep[r.Replication] = r.Value
		}
	}
	if len(byRep) != 2 || byRep[0] == byRep[1] {
		t.Errorf("point 0's replications: %v; want two different results", byRep)
	}
}
