package flow_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

// TestZZDump writes flow's JSON for every scenario to $ZZDUMP.
func TestZZDump(t *testing.T) {
	dir := os.Getenv("ZZDUMP")
	if dir == "" {
		t.Skip()
	}
	var files []string
	for _, root := range []string{"scenarios", "flow/testdata/rules"} {
		fs.WalkDir(os.DirFS(".."), root, func(p string, d fs.DirEntry, err error) error {
			if strings.HasSuffix(p, ".yaml") {
				files = append(files, p)
			}
			return nil
		})
	}
	for _, f := range files {
		s, err := scenario.Load(os.DirFS(".."), f)
		if err != nil {
			t.Logf("skip %s: %v", f, err)
			continue
		}
		for _, months := range []int{0, 120} {
			if months > 0 {
				s.Months = months
			}
			m, err := model.Compile(s)
			if err != nil {
				t.Logf("skip %s: %v", f, err)
				continue
			}
			b, _ := json.MarshalIndent(flow.Run(m), "", " ")
			name := strings.ReplaceAll(f, "/", "_")
			if months > 0 {
				name += ".120"
			}
			os.WriteFile(filepath.Join(dir, name+".json"), b, 0o644)
		}
	}
	t.Logf("%d files", len(files))
}
