package history

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

// TestBuildEveryYear builds every fiscal year, writes it as YAML, parses
// it back and checks that every parameter survives with its source, that
// every parameter has a source, and that the model compiles.
func TestBuildEveryYear(t *testing.T) {
	for fy := FirstFY; fy <= LastFY; fy++ {
		s, _, err := Build(fy, nil)
		if err != nil {
			t.Fatalf("FY%d: %v", fy, err)
		}
		src := Marshal(s)
		back, err := scenario.Parse(s.Name+".yaml", src)
		if err != nil {
			t.Fatalf("FY%d: written scenario does not parse: %v\n%s", fy, err, src)
		}
		want, got := scenario.Params(s), scenario.Params(back)
		if len(want) != len(got) {
			t.Fatalf("FY%d: %d params written, %d read", fy, len(want), len(got))
		}
		for i := range want {
			w, g := want[i].Param, got[i].Param
			if w.Set != g.Set || w.Value != g.Value || w.Source != g.Source || w.AsOf != g.AsOf || !reflect.DeepEqual(w.Range, g.Range) {
				t.Errorf("FY%d %s: wrote %+v, read %+v", fy, want[i].Path, *w, *g)
			}
			if w.Set && strings.TrimSpace(w.Source) == "" {
				t.Errorf("FY%d %s has no source", fy, want[i].Path)
			}
		}
		if back.Start != s.Start || back.Months != s.Months || len(back.Countries) != len(s.Countries) {
			t.Errorf("FY%d: window or countries changed in the round trip", fy)
		}
		if _, err := model.Compile(back); err != nil {
			t.Errorf("FY%d: %v", fy, err)
		}
	}
}

func TestBuildRejectsYearsOutsideTheData(t *testing.T) {
	for _, fy := range []int{FirstFY - 1, LastFY + 1} {
		if _, _, err := Build(fy, nil); err == nil {
			t.Errorf("FY%d accepted", fy)
		}
	}
	if _, _, err := Build(2016, Behaviour{{Path: "no.such.param", Param: scenario.P(1)}}); err == nil {
		t.Error("unknown behaviour path accepted")
	}
}

func TestWindow(t *testing.T) {
	start, months := Window(2012)
	if start.String() != "2010-10" || months != 24 || start.Add(WarmupMonths).FiscalYear() != 2012 || start.Add(months-1).FiscalYear() != 2012 {
		t.Errorf("Window(2012) = %s, %d", start, months)
	}
}

func TestFYValue(t *testing.T) {
	tests := []struct {
		series string
		fy     int
		want   float64
		prefix string
	}{
		{"ice_removals", 2012, 409849, "data: ice_removals FY2012"},
		{"detention_funded_beds", 2009, (28450 + 33400) / 2.0, "estimate: interpolated"},
		{"ice_deportation_officers", 2010, 5800, "estimate: held at data: ice_deportation_officers FY2016"},
		{"ice_deportation_officers", 2024, 6000, "data: ice_deportation_officers 2024-06"},
	}
	for _, tc := range tests {
		f, err := fyValue(tc.series, tc.fy)
		if err != nil {
			t.Fatal(err)
		}
		if f.v != tc.want || !strings.HasPrefix(f.source, tc.prefix) {
			t.Errorf("fyValue(%s, %d) = %g %q, want %g %q...", tc.series, tc.fy, f.v, f.source, tc.want, tc.prefix)
		}
	}
	if _, err := fyValue("no_such_series", 2012); err == nil {
		t.Error("missing series gave no error")
	}
}

// TestTitle42 checks the expulsion share of southwest encounters (Border
// Patrol apprehensions plus port inadmissibles): none before March 2020 or
// after May 2023, the FY2021 share from the dataset's split.
func TestTitle42(t *testing.T) {
	s, _, err := Build(2021, nil)
	if err != nil {
		t.Fatal(err)
	}
	sched := s.Border.Title42Share
	// FY2020: 197,043 expulsions over March-September's encounters,
	// CBP's monthly figures (257,069 of 458,688) scaled to the year's
	// 458,070.
	if got := sched.At(month(t, "2020-06")); sched.At(month(t, "2020-01")) != 0 || math.Abs(got-197043/(257069*458070.0/458688)) > 1e-9 {
		t.Errorf("FY2020 Title 42 schedule wrong: %+v", sched)
	}
	// FY2021: October 2020's split (62,788 expelled, 6,038 Title 8) held
	// to January; from February the rest of the year's 1,039,000 over
	// the rest of its 1,734,700 encounters (October-January as published,
	// 295,115 in all).
	early := 62788.0 / (62788 + 6038)
	late := (1039000 - 295115*early) / (1734700 - 295115)
	if got := sched.At(month(t, "2020-12")); math.Abs(got-early) > 1e-9 {
		t.Errorf("FY2021 share in December 2020 %g, want October's %g", got, early)
	}
	if got := sched.At(month(t, "2021-06")); math.Abs(got-late) > 1e-9 {
		t.Errorf("FY2021 share from February %g, want %g", got, late)
	}
	enc := s.Inflows.BorderEncounters
	if a, b := enc.At(month(t, "2020-10")), enc.At(month(t, "2021-06")); a != 71726 || math.Abs(b-(1734700-295115)/8.0) > 1e-6 {
		t.Errorf("FY2021 encounters October %g, June %g: want CBP's 71,726, then the rest spread evenly", a, b)
	}
	s, _, err = Build(2016, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Border.Title42Share) != 0 {
		t.Errorf("FY2016 has a Title 42 schedule: %+v", s.Border.Title42Share)
	}
}

func month(t *testing.T, s string) scenario.Month {
	t.Helper()
	m, err := scenario.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
