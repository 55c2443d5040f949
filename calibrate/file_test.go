package calibrate

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/removalsim/removalsim/scenario"
)

// startResult is a Result at the parameters' starting values.
func startResult() *Result {
	fit := &Fit{N: 10, Chi2: 1}
	for _, p := range Parameters {
		fit.Estimates = append(fit.Estimates, Estimate{Name: p.Name, Value: p.Prior.Center, Low: p.Prior.Low, High: p.Prior.High, Prior: p.Prior, DataShare: 0.5})
	}
	return &Result{Fit: fit, Behaviour: Provenance(Parameters, fit, TrainYears()), Train: TrainYears(), HeldOut: HeldOut}
}

// TestFileRoundTrip writes a calibration, reads it back, and checks that
// every setting comes back with its value, source and range, and that a
// history scenario can extend the file.
func TestFileRoundTrip(t *testing.T) {
	r := startResult()
	src, err := File(r)
	if err != nil {
		t.Fatal(err)
	}
	back, err := Read(src)
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	if len(back) != len(r.Behaviour) {
		t.Fatalf("read %d settings, wrote %d", len(back), len(r.Behaviour))
	}
	for _, st := range r.Behaviour {
		got, ok := back.Get(st.Path)
		if !ok {
			t.Errorf("%s lost", st.Path)
			continue
		}
		if got.Value != st.Param.Value || got.Source != st.Param.Source || len(got.Range) != len(st.Param.Range) {
			t.Errorf("%s: got %+v, want %+v", st.Path, got, st.Param)
		}
	}

	// The file runs on its own (over baseline-2025) and can be extended.
	child := []byte("extends: calibrated.yaml\nname: child\n")
	base, err := os.ReadFile("../scenarios/baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"baseline-2025.yaml": {Data: base}, "calibrated.yaml": {Data: src}, "child.yaml": {Data: child}}
	if _, err := scenario.Load(fsys, "calibrated.yaml"); err != nil {
		t.Fatalf("calibrated file does not load on its own: %v", err)
	}
	loaded, err := scenario.Load(fsys, "child.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got := loaded.Arrests.PerOfficerMonth.Value; got != 2.5 {
		t.Errorf("per_officer_month = %g after extends, want 2.5", got)
	}
}

func TestReadRejectsFilesWithoutCalibration(t *testing.T) {
	for _, src := range []string{"name: x\n", "arrests: {per_officer_month: {value: 2, source: \"assumption\"}}\n", "bogus_key: 1\n"} {
		if _, err := Read([]byte(src)); err == nil {
			t.Errorf("Read(%q) gave no error", src)
		}
	}
}
