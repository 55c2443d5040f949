package main

import (
	"encoding/json"
	"testing"

	"github.com/removalsim/removalsim/manifest"
)

// TestProvenanceMetadata checks what a Parquet tidy table records of how
// it was made: nothing without a manifest (a nil one included), one
// run's manifest as an object, a comparison's two as an array.
func TestProvenanceMetadata(t *testing.T) {
	a := &manifest.Manifest{Command: "run", Input: "a.yaml", Engine: "flow", Seed: 1, Runs: 1}
	b := &manifest.Manifest{Command: "compare", Input: "b.yaml", Engine: "agent", Seed: 7, Runs: 3}
	obj := func(m *manifest.Manifest) string {
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		return string(out)
	}
	for _, tc := range []struct {
		name string
		p    provenance
		want string // "" for no metadata
	}{
		{name: "none", p: provenance{}},
		{name: "nil run manifest", p: provenance{run: nil}},
		{name: "run", p: provenance{run: a}, want: obj(a)},
		{name: "compared", p: provenance{compared: []*manifest.Manifest{a, b}}, want: "[" + obj(a) + "," + obj(b) + "]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			meta, err := tc.p.metadata()
			if err != nil {
				t.Fatal(err)
			}
			got, ok := meta["removalsim.manifest"]
			if tc.want == "" {
				if ok || len(meta) != 0 {
					t.Errorf("metadata %v, want none", meta)
				}
				return
			}
			if got != tc.want || len(meta) != 1 {
				t.Errorf("metadata %v,\nwant removalsim.manifest = %s", meta, tc.want)
			}
		})
	}
}
