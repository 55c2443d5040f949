package history_test

import (
	"os"
	"testing"

	"github.com/removalsim/removalsim/calibrate"
	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/history"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

// TestShippedFY2012 loads scenarios/fy2012.yaml, checks it is what history
// builds from the dataset and the committed calibration (regenerate with
// `removalsim history FY2012 > scenarios/fy2012.yaml`), and runs it.
func TestShippedFY2012(t *testing.T) {
	s, err := scenario.Load(os.DirFS("../scenarios"), "fy2012.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../scenarios/calibrated.yaml")
	if err != nil {
		t.Fatal(err)
	}
	b, err := calibrate.Read(src)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := history.Build(2012, b)
	if err != nil {
		t.Fatal(err)
	}
	got, exp := scenario.Params(s), scenario.Params(want)
	if len(got) != len(exp) {
		t.Fatalf("%d params in the file, %d built", len(got), len(exp))
	}
	for i := range got {
		if got[i].Param.Value != exp[i].Param.Value || got[i].Param.Source != exp[i].Param.Source {
			t.Errorf("%s: file %g %q, built %g %q (regenerate the file)", got[i].Path, got[i].Param.Value, got[i].Param.Source, exp[i].Param.Value, exp[i].Param.Source)
		}
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	r := flow.Run(m)
	if last := r.Annual[len(r.Annual)-1]; last.From != "2011-10" || last.Removals <= 0 {
		t.Errorf("FY2012 period %s with %g removals", last.From, last.Removals)
	}
}
