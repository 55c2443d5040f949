package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

func compile(t *testing.T, path string) (*scenario.Scenario, *model.Model) {
	t.Helper()
	s, err := load(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return s, m
}

// writeScaled scales the scenario at path by f, writes it as prep scale
// does and returns the written file's path.
func writeScaled(t *testing.T, path string, f float64) string {
	t.Helper()
	s, err := load(path)
	if err != nil {
		t.Fatal(err)
	}
	scale(s, f)
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(emit(reflect.ValueOf(s).Elem())); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "scaled.yaml")
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestScaleMatchesModelScaled checks that a scenario scaled by prep
// compiles to the same model as model.Scaled of the original, for the
// bench scenario and the baseline (which has schedules, caps, injunctions
// and dated third countries that the written file must keep).
func TestScaleMatchesModelScaled(t *testing.T) {
	for _, path := range []string{"../scenario.yaml", "../../scenarios/baseline-2025.yaml"} {
		for _, f := range []float64{1, 0.01, 3} {
			_, want := compile(t, path)
			want = want.Scaled(f)
			_, got := compile(t, writeScaled(t, path, f))
			for name, pair := range map[string][2][]float64{
				"arrests": {got.ArrestsPerStep, want.ArrestsPerStep},
				"beds":    {got.Beds, want.Beds},
				"seats":   {got.SeatsPerStep, want.SeatsPerStep},
				"judges":  {got.JudgePerStep, want.JudgePerStep},
				"border":  {got.BorderPerStep, want.BorderPerStep},
				"entries": {got.NewEntriesPerStep, want.NewEntriesPerStep},
				"third":   {got.ThirdAssuredPerStep, want.ThirdAssuredPerStep},
			} {
				if !close(pair[0], pair[1]) {
					t.Errorf("%s ×%g: %s differ", path, f, name)
				}
			}
			if !close([]float64{got.Initial.AtLarge, got.Initial.FinalOrders, got.Initial.DetainedDocket},
				[]float64{want.Initial.AtLarge, want.Initial.FinalOrders, want.Initial.DetainedDocket}) {
				t.Errorf("%s ×%g: initial stocks %+v, want %+v", path, f, got.Initial, want.Initial)
			}
			if got.Probs != want.Probs || !reflect.DeepEqual(got.Rules, want.Rules) {
				t.Errorf("%s ×%g: probabilities or rules changed by scaling", path, f)
			}
		}
	}
}

func close(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9*math.Max(1, math.Abs(b[i])) {
			return false
		}
	}
	return true
}

func TestParams(t *testing.T) {
	s, m := compile(t, "../scenario.yaml")
	p, err := params(s, m)
	if err != nil {
		t.Fatal(err)
	}
	if p.Steps != 365 || len(p.Arrests) != 365 || p.AtLarge != 100000 || p.Beds != 12500 {
		t.Errorf("steps %d, arrests %d, at large %g, beds %g; want 365, 365, 100000, 12500", p.Steps, len(p.Arrests), p.AtLarge, p.Beds)
	}
	if math.Abs(p.DocketProb-1.0/20) > 1e-12 || len(p.Groups) != 2 || p.Groups[1].Acceptance != 0.3 {
		t.Errorf("docket probability %g, groups %+v", p.DocketProb, p.Groups)
	}
	// The post-order limit is the scenario's blocked_release_days (90),
	// in steps, as the engines' Deadline transitions use it.
	if p.PostOrderLimit != 90 || m.PostOrderLimitDays != 90 {
		t.Errorf("post-order limit %d steps, model %d days; want 90", p.PostOrderLimit, m.PostOrderLimitDays)
	}
	noLimit := *m
	noLimit.PostOrderLimitDays = 0
	if _, err := params(s, &noLimit); err == nil || !strings.Contains(err.Error(), "post-order detention limit") {
		t.Errorf("params of a model without a post-order limit: %v; want an error naming it", err)
	}

	s, m = compile(t, "../../scenarios/baseline-2025.yaml")
	_, err = params(s, m)
	if err == nil {
		t.Fatal("params accepted baseline-2025, which uses the border, appeals and injunctions")
	}
	for _, want := range []string{"no border encounters", "court.appeal_share must be 0", "no injunctions"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestAgree(t *testing.T) {
	same := []float64{10, 11, 9, 10.5, 9.5}
	shifted := []float64{20, 21, 19, 20.5, 19.5}
	if _, _, ok := agree(same, same, 0.05); !ok {
		t.Error("identical samples disagree")
	}
	diff, crit, ok := agree(shifted, same, 0.05)
	if ok || diff != 10 || crit <= 0 || crit >= 10 {
		t.Errorf("shifted samples: diff %g crit %g ok %v; want 10, (0, 10), false", diff, crit, ok)
	}
	if _, _, ok := agree([]float64{1, 1}, []float64{1, 1}, 0.05); !ok {
		t.Error("constant equal samples disagree")
	}
	if _, _, ok := agree([]float64{1, 1}, []float64{2, 2}, 0.05); ok {
		t.Error("constant different samples agree")
	}
}

func TestSummarize(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i, ttr := range []float64{37, 37.2, 36.8} {
		seed := string(rune('1' + i))
		write("simpy_1000_"+seed+".json", `{"events": 6400, "removals": 790, "mean_time_to_removal": `+ftoa(ttr)+`}`)
		write("simpy_1000_"+seed+".time", "0.50 20480 0.40 0.00\n")
		write("removalsim_1000_"+seed+".json", `{"events": 6400, "totals": {"removals": 791}, "time_to_removal_days": {"interior_court": {"count": 791, "mean": `+ftoa(ttr+0.1)+`}}}`)
		write("removalsim_1000_"+seed+".time", "Command exited with non-zero status 0\n0.01 10240 0.005 0.003\n")
	}
	var out bytes.Buffer
	ok, err := summarize(&out, dir)
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{"| simpy | 1,000 | 3 | 6,400 | 0.50 | 12,800 |", "| removalsim | 1,000 | 3 | 6,400 | 0.01 | 640,000 |", "50.0, 50.0", "1,000 cases: FAIL"} {
		if !strings.Contains(text, want) {
			t.Errorf("summary lacks %q:\n%s", want, text)
		}
	}
	// The removals differ by exactly one with no spread: a disagreement.
	if ok {
		t.Errorf("summarize passed removals 790 against 791 with zero variance:\n%s", text)
	}
}

func ftoa(x float64) string {
	b, _ := json.Marshal(x)
	return string(b)
}
