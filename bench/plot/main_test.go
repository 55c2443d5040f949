package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunWritesPlots(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "scaling.tsv")
	src := "label\tpeople\twall_s\trss_mb\tevents\tcpu_s\n" +
		"baseline\t100000\t0.09\t16.8\t74344\t0.07\n" +
		"baseline\t16085252\t0.33\t19.8\t11981440\t0.31\n"
	if err := os.WriteFile(in, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	tp := filepath.Join(dir, "throughput.tsv")
	if err := os.WriteFile(tp, []byte("tool\tcases\tevents_per_s\tevents_per_cpu_s\nsimpy\t10000\t178701\t187061\nsimpy\t100000\t149353\t149701\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run(in, dir); err != nil {
		t.Fatal(err)
	}
	if err := drawThroughput(tp, filepath.Join(dir, "throughput.png")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"scaling-time.png", "scaling-rss.png", "throughput.png"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if len(b) < 1000 || string(b[1:4]) != "PNG" {
			t.Errorf("%s: %d bytes, not a PNG", name, len(b))
		}
	}
}

func TestReadRejectsBadInput(t *testing.T) {
	for name, src := range map[string]string{
		"fields":  "h\nbaseline\t1\t2\t3\n",
		"number":  "h\nbaseline\tmany\t0.1\t1\t1\t1\n",
		"zero":    "h\nbaseline\t100\t0\t1\t1\t1\n",
		"no runs": "h\n",
	} {
		path := filepath.Join(t.TempDir(), "s.tsv")
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := read(path); err == nil || !strings.Contains(err.Error(), "s.tsv") {
			t.Errorf("%s: err %v, want an error naming the file", name, err)
		}
	}
}
