package scenario_test

import (
	"errors"
	"io/fs"
	"os"
	"testing"

	"github.com/removalsim/removalsim/scenario"
)

// FuzzParse checks that Parse never panics, and that it returns either a
// scenario that passes Validate or an ErrorList of positioned errors.
// The seed corpus is every fixture under testdata/good and testdata/bad.
func FuzzParse(f *testing.F) {
	fsys := os.DirFS("testdata")
	for _, pattern := range []string{"good/*.yaml", "good/*/*.yaml", "bad/*.yaml", "bad/*/*.yaml"} {
		names, _ := fs.Glob(fsys, pattern)
		for _, name := range names {
			src, err := fs.ReadFile(fsys, name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := scenario.Parse("fuzz.yaml", src)
		if err == nil {
			if s == nil {
				t.Fatal("Parse returned neither a scenario nor an error")
			}
			if err := s.Validate(); err != nil {
				t.Fatalf("Parse accepted a scenario that Validate rejects: %v", err)
			}
			return
		}
		if s != nil {
			t.Fatalf("Parse returned a scenario along with %v", err)
		}
		var list scenario.ErrorList
		if !errors.As(err, &list) || len(list) == 0 {
			t.Fatalf("Parse: want a non-empty ErrorList, got %T %v", err, err)
		}
		for _, e := range list {
			if e.Code == scenario.Unknown || e.File != "fuzz.yaml" || e.Line < 1 || e.Col < 1 || e.Msg == "" {
				t.Fatalf("malformed error %#v", e)
			}
		}
		_ = list.Error()
		_ = list.String()
	})
}
