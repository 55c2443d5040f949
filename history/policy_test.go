package history

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
)

// TestBorderRegimesContiguous checks the CBP processing periods the same
// way, and that each held-out year's months fall in periods some training
// year also covers (the rule of issue 4: no period fitted on held-out
// years alone).
func TestBorderRegimesContiguous(t *testing.T) {
	checkContiguous(t, BorderRegimes)
	if got := borderRegimeAt(scenario.MonthOf(2012, time.March)).Name; got != "consequence_delivery" {
		t.Errorf("March 2012 is in %s, want consequence_delivery", got)
	}
	if got := borderRegimeAt(scenario.MonthOf(2023, time.June)).Name; got != "lawful_pathways" {
		t.Errorf("June 2023 is in %s, want lawful_pathways", got)
	}
}

func checkContiguous(t *testing.T, rs []Regime) {
	t.Helper()
	first, _ := Window(FirstFY)
	if rs[0].From > first {
		t.Errorf("first period starts %s, after the first run month %s", rs[0].From, first)
	}
	for i, r := range rs {
		if r.Why == "" || r.Name == "" {
			t.Errorf("period %d has no name or policy", i)
		}
		if i+1 < len(rs) && r.To != rs[i+1].From {
			t.Errorf("%s ends %s but %s starts %s", r.Name, r.To, rs[i+1].Name, rs[i+1].From)
		}
	}
	if rs[len(rs)-1].To != 0 {
		t.Error("the last period must still be in force")
	}
}

// TestRegimesContiguous checks that the enforcement periods follow one
// another without gap or overlap from the first run month on, and that
// every one names its policy.
func TestRegimesContiguous(t *testing.T) {
	first, _ := Window(FirstFY)
	if Regimes[0].From > first {
		t.Errorf("first regime starts %s, after the first run month %s", Regimes[0].From, first)
	}
	for i, r := range Regimes {
		if r.Why == "" || r.Name == "" {
			t.Errorf("regime %d has no name or policy", i)
		}
		if i+1 < len(Regimes) && r.To != Regimes[i+1].From {
			t.Errorf("%s ends %s but %s starts %s", r.Name, r.To, Regimes[i+1].Name, Regimes[i+1].From)
		}
	}
	if Regimes[len(Regimes)-1].To != 0 {
		t.Error("the last regime must still be in force")
	}
	if got := regimeAt(scenario.MonthOf(2017, time.March)).Name; got != "eo13768" {
		t.Errorf("March 2017 is in %s, want eo13768", got)
	}
}

// TestYearPolicyInputs checks every year's mix and border shares: shares
// in [0, 1] summing to 1, sources naming the dataset, and the mix moving
// the way the ICE tables say (Mexicans most of removals in FY2012, about a
// third in FY2024).
func TestYearPolicyInputs(t *testing.T) {
	mex, exped := map[int]float64{}, map[int]float64{}
	for fy := FirstFY; fy <= LastFY; fy++ {
		s, _, err := Build(fy, Behaviour{{BorderPrefix + "title42_2021" + ExpeditedSuffix, scenario.P(0.2)}, {RegimePrefix + "eo13768", scenario.P(1.5)}})
		if err != nil {
			t.Fatal(err)
		}
		var cs, bs float64
		for _, g := range s.Countries {
			for _, p := range []scenario.Param{g.CaseloadShare, g.BorderShare} {
				if p.Value < 0 || p.Value > 1 || !strings.Contains(p.Source, "data:") && !strings.Contains(p.Source, "derived:") {
					t.Errorf("FY%d %s: share %g from %q", fy, g.Name, p.Value, p.Source)
				}
			}
			cs += g.CaseloadShare.Value
			bs += g.BorderShare.Value
		}
		if math.Abs(cs-1) > 1e-9 || math.Abs(bs-1) > 1e-9 {
			t.Errorf("FY%d: mix sums to %g (caseload) and %g (border)", fy, cs, bs)
		}
		b := s.Border
		if sum := b.ExpeditedRemovalShare.Value + b.ReleasedShare.Value + b.ReturnedShare.Value; math.Abs(sum-1) > 1e-9 || b.ReturnedShare.Value < 0 || b.ReleasedShare.Value < 0 {
			t.Errorf("FY%d: border shares %g %g %g", fy, b.ExpeditedRemovalShare.Value, b.ReleasedShare.Value, b.ReturnedShare.Value)
		}
		if !strings.Contains(b.ExpeditedRemovalShare.Source, "BorderRegimes") {
			t.Errorf("FY%d: expedited share not from the border periods: %q", fy, b.ExpeditedRemovalShare.Source)
		}
		exped[fy] = b.ExpeditedRemovalShare.Value
		mex[fy] = s.Countries[0].CaseloadShare.Value
	}
	// The periods' shares apply to single adults: FY2012 has its own share
	// of single adults (CRS's figures; CBP published family units from
	// FY2013), FY2021 its own, FY2022 FY2021's (the last in the dataset). FY2022 takes
	// the title42_2021 period's share (0.2) on its Title 8 part; FY2021
	// mixes it with the eo13767 default by Title 8 weight.
	single := func(fy int) float64 {
		y := "FY" + strconv.Itoa(fy)
		u, _ := data.Lookup("usbp_swb_uac", y)
		f, _ := data.Lookup("usbp_swb_family_units", y)
		// Southwest encounters: FY2012 and FY2013 have no port figure and
		// hold FY2014's (570,050 - 479,371).
		a, ok := data.Lookup("swb_encounters_total", y)
		if !ok {
			a.Value = 570050 - 479371
			b, _ := data.Lookup("usbp_swb_apprehensions", y)
			a.Value += b.Value
		}
		return 1 - (u.Value+f.Value)/a.Value
	}
	if sa := single(2013); math.Abs(sa-0.8938) > 1e-3 {
		t.Errorf("FY2013 single adults' share %g, want 0.8938 (1 - 53,614 / (414,397 + 90,679))", sa)
	}
	if sa := single(2012); math.Abs(sa-0.9203) > 1e-3 {
		t.Errorf("FY2012 single adults' share %g, want 0.9203 (1 - 35,687 / (356,873 + 90,679))", sa)
	}
	// FY2021's months weigh by their Title 8 apprehensions: October-
	// January's 295,115 encounters at October 2020's Title 42 share,
	// February-September's 1,439,585 at the rest of the year's.
	sOct := 62788.0 / (62788 + 6038)
	wEarly := 295115 * (1 - sOct)
	wLate := 1439585 * (1 - (1039000-295115*sOct)/1439585)
	if math.Abs(exped[2022]-0.2*single(2021)) > 1e-12 || math.Abs(exped[2021]-single(2021)*(0.2*wLate+defaultExpedited*wEarly)/(wEarly+wLate)) > 1e-9 || math.Abs(exped[2012]-single(2012)*defaultExpedited) > 1e-12 {
		t.Errorf("expedited shares FY2012 %g, FY2021 %g, FY2022 %g: want the default, a mix, then the title42_2021 period's 0.2, times the single adults' share", exped[2012], exped[2021], exped[2022])
	}
	if mex[2012] < 0.6 || mex[2024] > 0.4 {
		t.Errorf("Mexican share FY2012 %g, FY2024 %g: want most, then about a third", mex[2012], mex[2024])
	}
	s, _, err := Build(2018, Behaviour{{RegimePrefix + "eo13768", scenario.P(1.5)}})
	if err != nil {
		t.Fatal(err)
	}
	if p := s.Capacities.Officers.Productivity; p.Value != 1.5 || !strings.Contains(p.Source, "12 months of eo13768") {
		t.Errorf("FY2018 productivity %g %q, want 1.5 from eo13768", p.Value, p.Source)
	}
}
