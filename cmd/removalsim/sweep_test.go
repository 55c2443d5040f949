package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"
)

const sweepStudy = `name: beds
months: 12
design: grid
batch: 1
parameters:
  - path: capacities.detention_beds.initial
    values: [30000, 60000, 100000]
metrics: [removals, average_detained]
`

func writeStudy(t *testing.T, src string) (dir, file string) {
	t.Helper()
	dir = t.TempDir()
	file = filepath.Join(dir, "study.yaml")
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, file
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSweepShardsOnDisk runs the command as a cluster would: four shard
// processes into one directory, then merge; the tables equal one
// process's byte for byte. A shard run again resumes (does nothing).
func TestSweepShardsOnDisk(t *testing.T) {
	dir, file := writeStudy(t, sweepStudy)
	one, four := filepath.Join(dir, "one"), filepath.Join(dir, "four")
	mustRun(t, "sweep", file, "--out", one)
	for i := range 4 {
		out := mustRun(t, "sweep", file, "--out", four, "--shard", strconv.Itoa(i)+"/4")
		if i == 0 && !strings.Contains(out, "no batch (4 shards for 3 batches)") {
			t.Errorf("shard 0/4 of 3 batches: %s", out)
		}
	}
	code, _, stderr := removalsim(t, "sweep", "merge", filepath.Join(dir, "missing"))
	if code != exitFailure || !strings.Contains(stderr, "sweep.json") {
		t.Errorf("merge of no study: exit %d, %s", code, stderr)
	}
	out := mustRun(t, "sweep", "merge", four)
	if !strings.Contains(out, "3 points, 3 runs, 6 rows from 4 shard manifests") {
		t.Errorf("merge said %q", out)
	}
	for _, f := range []string{"results.csv", "results.parquet"} {
		if !bytes.Equal(readFile(t, filepath.Join(one, f)), readFile(t, filepath.Join(four, f))) {
			t.Errorf("%s of 4 shards differs from one process's", f)
		}
	}
	if out := mustRun(t, "sweep", file, "--out", four, "--shard", "1/4"); !strings.Contains(out, "(1 resumed)") {
		t.Errorf("shard run again: %s", out)
	}
	// No temporary file is left behind.
	// (writeAtomic names them .NAME.tmp-*, in the output directory and
	// its parts directory.)
	tmps, _ := filepath.Glob(filepath.Join(four, "*", ".*.tmp-*"))
	top, _ := filepath.Glob(filepath.Join(four, ".*.tmp-*"))
	tmps = append(tmps, top...)
	if len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
	// A missing batch is named, exit 2.
	if err := os.Remove(filepath.Join(four, "parts", "batch-000001.csv")); err != nil {
		t.Fatal(err)
	}
	code, _, stderr = removalsim(t, "sweep", "merge", four)
	if code != exitUsage || !strings.Contains(stderr, "1 of 3 batches not done: 1") {
		t.Errorf("merge with batch 1 missing: exit %d, %s", code, stderr)
	}
}

// TestSweepVary checks the short form: a grid over the embedded baseline
// without a sweep file, with --set and --months applied to every run.
func TestSweepVary(t *testing.T) {
	out := filepath.Join(t.TempDir(), "v")
	mustRun(t, "sweep", "--vary", "capacities.detention_beds.initial=30000,100000", "--vary", "capacities.officers.initial=6000,7000",
		"--set", "procedure.screening_window_hours=72", "--months", "13", "--out", out)
	csv := string(readFile(t, filepath.Join(out, "results.csv")))
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if !strings.HasPrefix(lines[0], "point,capacities.detention_beds.initial,capacities.officers.initial,replication,metric,unit,period,value") {
		t.Fatalf("header %q", lines[0])
	}
	if !strings.HasPrefix(lines[1], "0,30000,6000,0,removals,persons,2025-01/2026-01,") {
		t.Errorf("first row %q", lines[1])
	}
	if !strings.Contains(csv, ",2025-01/2025-12,") || !strings.Contains(csv, ",2026-01/2026-01,") {
		t.Error("13 months should give a full year and a one-month period")
	}
	code, _, stderr := removalsim(t, "sweep", "--vary", "capacities.detention_beds.initial=30000,-1", "--out", filepath.Join(t.TempDir(), "bad"))
	if code != exitUsage || !strings.Contains(stderr, "point 1: capacities.detention_beds.initial=-1") || !strings.Contains(stderr, "must be >= 0") {
		t.Errorf("a bad value: exit %d, stderr %s", code, stderr)
	}
}

// TestSweepFileErrors checks that a bad sweep file exits 2 with every
// error positioned.
func TestSweepFileErrors(t *testing.T) {
	_, file := writeStudy(t, "name: x\ndesign: grid\nbatch: -1\nparameters:\n  - path: capacities.detention_beds.initial\n    values: [1]\n    rnage: [1, 2]\n")
	code, _, stderr := removalsim(t, "sweep", file)
	if code != exitUsage {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"study.yaml:3:8: batch: want 1 to", `study.yaml:7:5: parameters[0]: unknown key "rnage"; did you mean "range"?`, "2 errors in the sweep file"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

// TestSweepUnknownPath checks that a parameter path the scenario lacks is
// reported where the sweep file wrote it, exit 2, with no output written.
func TestSweepUnknownPath(t *testing.T) {
	_, file := writeStudy(t, "name: x\ndesign: grid\nparameters:\n  - path: capacities.nosuch.initial\n    values: [1, 2]\n")
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := removalsim(t, "sweep", file, "--out", out)
	if code != exitUsage || !strings.Contains(stderr, `study.yaml:4:11: point 0: capacities.nosuch.initial=1: capacities: unknown key "nosuch"`) {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output directory written for a sweep that cannot run: %v", err)
	}
}

// TestSweepVariedAndFixed checks that a path both varied and fixed (by
// set or months) is refused rather than silently taking one value.
func TestSweepVariedAndFixed(t *testing.T) {
	for _, args := range [][]string{
		{"--vary", "months=12,24", "--months", "13"},
		{"--vary", "capacities.officers.initial=6000,7000", "--set", "capacities.officers.initial=5000"},
	} {
		code, _, stderr := removalsim(t, append([]string{"sweep", "--out", filepath.Join(t.TempDir(), "o")}, args...)...)
		if code != exitUsage || !strings.Contains(stderr, "is both varied and fixed") {
			t.Errorf("%v: exit %d, stderr %s", args, code, stderr)
		}
	}
}

// TestSweepK8sRunsLocally generates the Kubernetes objects, decodes them
// strictly with Kubernetes' types, and runs what the pods would run:
// each shard's command line with JOB_COMPLETION_INDEX set, then the
// merge Job's, on the ConfigMap's sweep file.
func TestSweepK8sRunsLocally(t *testing.T) {
	dir, file := writeStudy(t, sweepStudy)
	manifest := mustRun(t, "sweep", "k8s", file, "--shards", "2", "--image", "removalsim:test")
	docs := strings.Split(manifest, "\n---\n")
	var cm corev1.ConfigMap
	var job, merge batchv1.Job
	for i, v := range []any{&cm, &job, &merge} {
		if err := yaml.UnmarshalStrict([]byte(docs[i]), v); err != nil {
			t.Fatalf("document %d: %v", i, err)
		}
	}
	if *job.Spec.CompletionMode != batchv1.IndexedCompletion || *job.Spec.Completions != 2 {
		t.Fatalf("job: %v completions of mode %v", *job.Spec.Completions, *job.Spec.CompletionMode)
	}
	// The pod's paths, moved under the test's directory.
	etc := filepath.Join(dir, "etc")
	if err := os.MkdirAll(etc, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(etc, "sweep.yaml"), []byte(cm.Data["sweep.yaml"]), 0o644); err != nil {
		t.Fatal(err)
	}
	local := func(args []string) []string {
		out := make([]string, len(args))
		for i, a := range args {
			a = strings.Replace(a, "/etc/removalsim", etc, 1)
			out[i] = strings.Replace(a, "/out/", dir+"/out/", 1)
		}
		return out
	}
	for i := range 2 {
		t.Setenv("JOB_COMPLETION_INDEX", strconv.Itoa(i))
		mustRun(t, local(job.Spec.Template.Spec.Containers[0].Args)...)
	}
	out := mustRun(t, local(merge.Spec.Template.Spec.Containers[0].Args)...)
	if !strings.Contains(out, "3 points, 3 runs, 6 rows from 2 shard manifests") {
		t.Errorf("merge: %s", out)
	}
	// --shard /N reads the index too: shard 1 of 2 again resumes.
	t.Setenv("JOB_COMPLETION_INDEX", "1")
	if out := mustRun(t, "sweep", filepath.Join(etc, "sweep.yaml"), "--out", filepath.Join(dir, "out", "removalsim-beds"), "--shard", "/2"); !strings.Contains(out, "shard 1/2") || !strings.Contains(out, "resumed") {
		t.Errorf("--shard /2 with JOB_COMPLETION_INDEX=1: %s", out)
	}
	t.Setenv("JOB_COMPLETION_INDEX", "7")
	if code, _, stderr := removalsim(t, local(job.Spec.Template.Spec.Containers[0].Args)...); code != exitUsage || !strings.Contains(stderr, "JOB_COMPLETION_INDEX") {
		t.Errorf("index 7 of 2: exit %d, %s", code, stderr)
	}
}

// TestDocsExamples checks the sweep files docs/cluster.md runs: each
// parses, gives its Kubernetes objects, and runs, shrunk to a few short
// flow runs (every parameter at sampled values inside its range, so a
// path or a range the scenario rejects fails here).
func TestDocsExamples(t *testing.T) {
	files, err := filepath.Glob("../../docs/examples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			mustRun(t, "sweep", "k8s", f, "--shards", "100", "--image", "removalsim:test")
			src := string(readFile(t, f))
			for _, r := range [][2]string{{"engine: agent", "engine: flow"}, {"samples: 8192", "samples: 2"}, {"samples: 256", "samples: 2"}, {"months: 48", "months: 2"}} {
				src = strings.Replace(src, r[0], r[1], 1)
			}
			dir, small := writeStudy(t, src)
			out := mustRun(t, "sweep", small, "--out", filepath.Join(dir, "out"))
			if !strings.Contains(out, "rows from 1 shard manifests") {
				t.Errorf("sweep: %s", out)
			}
		})
	}
}

// TestDockerfile checks the image's promises that a build here cannot
// (no Docker daemon): two stages, the Go version go.mod asks for, a
// static binary without cgo, an empty final image and a numeric non-root
// user that Kubernetes' runAsNonRoot accepts.
func TestDockerfile(t *testing.T) {
	df := string(readFile(t, "../../Dockerfile"))
	mod := string(readFile(t, "../../go.mod"))
	var goVersion string
	for _, line := range strings.Split(mod, "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			goVersion = strings.TrimSpace(v)
		}
	}
	for _, want := range []string{
		"FROM golang:" + goVersion + "-", "AS build", "CGO_ENABLED=0", "-trimpath", "./cmd/removalsim",
		"FROM scratch", "COPY --from=build", "USER 65532:65532", `ENTRYPOINT ["/removalsim"]`,
	} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q", want)
		}
	}
	if strings.Count(df, "\nFROM ") != 2 {
		t.Errorf("want two stages, got %d FROM lines", strings.Count(df, "\nFROM "))
	}
}
