package procedure

import (
	"math"
	"strings"
	"testing"
)

// TestEnjoinedBoundaries checks the rule "Court injunctions block a
// pathway, or a destination class, between two dates": both dates are
// inclusive, and an injunction without an end stays in force.
func TestEnjoinedBoundaries(t *testing.T) {
	r := &Rules{Injunctions: []Injunction{
		{Name: "pathway", Pathway: SpecialAuthority, ByPathway: true, FromDay: 10, UntilDay: 20},
		{Name: "destination", Destination: ThirdCountry, FromDay: 30, UntilDay: math.MaxInt32},
	}}
	tests := []struct {
		name string
		p    Pathway
		d    DestinationClass
		day  int
		// want is Enjoined; pathway is PathwayEnjoined(p); any is AnyEnjoined.
		want, pathway, any bool
	}{
		{"day before from", SpecialAuthority, Citizenship, 9, false, false, false},
		{"from day inclusive", SpecialAuthority, Citizenship, 10, true, true, true},
		{"until day inclusive", SpecialAuthority, Citizenship, 20, true, true, true},
		{"day after until", SpecialAuthority, Citizenship, 21, false, false, false},
		{"other pathway inside dates", InteriorCourt, Citizenship, 15, false, false, true},
		{"pathway injunction blocks third country too", SpecialAuthority, ThirdCountry, 15, true, true, true},
		{"destination before from", InteriorCourt, ThirdCountry, 29, false, false, false},
		{"destination from day", InteriorCourt, ThirdCountry, 30, true, false, true},
		{"destination open-ended", BorderExpedited, ThirdCountry, 1_000_000, true, false, true},
		{"destination injunction spares citizenship", BorderExpedited, Citizenship, 40, false, false, true},
		{"destination injunction is not a pathway one", SpecialAuthority, Citizenship, 40, false, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := r.Enjoined(tc.p, tc.d, tc.day); got != tc.want {
				t.Errorf("Enjoined(%v, %v, %d) = %v, want %v", tc.p, tc.d, tc.day, got, tc.want)
			}
			if got := r.PathwayEnjoined(tc.p, tc.day); got != tc.pathway {
				t.Errorf("PathwayEnjoined(%v, %d) = %v, want %v", tc.p, tc.day, got, tc.pathway)
			}
			if got := r.AnyEnjoined(tc.day); got != tc.any {
				t.Errorf("AnyEnjoined(%d) = %v, want %v", tc.day, got, tc.any)
			}
		})
	}
	var none Rules
	if none.AnyEnjoined(0) || none.Enjoined(BorderExpedited, ThirdCountry, 0) || none.PathwayEnjoined(BorderExpedited, 0) {
		t.Error("rules without injunctions block a removal")
	}
}

// TestNoticeClaimShare checks the screening-window rule's formula:
// maxShare × (1 − exp(−W/τ)).
func TestNoticeClaimShare(t *testing.T) {
	tests := []struct {
		window, max, tau, want float64
	}{
		{24, 0.6, 48, 0.6 * (1 - math.Exp(-0.5))}, // the 2025 directive with the baseline's τ: about 23.6%
		{168, 0.6, 48, 0.6 * (1 - math.Exp(-3.5))},
		{48, 1, 48, 1 - 1/math.E},
		{0, 0.6, 48, 0},                // no window: nobody can claim
		{24, 0.6, 0, 0.6},              // claims instantaneous
		{24, 0.6, -1, 0.6},             // a non-positive τ means instantaneous
		{1e6, 0.6, 48, 0.6},            // unlimited time reaches the maximum
		{24, 0, 48, 0},                 // nobody would claim
		{24 * 365, 0.3, 24, 0.3 * 1.0}, // a year: exp(−365) vanishes
	}
	for _, tc := range tests {
		got := NoticeClaimShare(tc.window, tc.max, tc.tau)
		if math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("NoticeClaimShare(%g, %g, %g) = %.15g, want %.15g", tc.window, tc.max, tc.tau, got, tc.want)
		}
	}
	if got := NoticeClaimShare(24, 0.6, 48); math.Abs(got-0.2361) > 1e-4 {
		t.Errorf("baseline claim share = %.4f, want 0.2361 as the baseline's source says (24%%)", got)
	}
	// A longer window never lowers the share.
	prev := -1.0
	for w := 0.0; w <= 240; w += 12 {
		s := NoticeClaimShare(w, 0.6, 48)
		if s < prev {
			t.Fatalf("share falls from %g to %g at window %g h", prev, s, w)
		}
		prev = s
	}
}

// rulesVariants are the Rules whose tables the structural tests check:
// both assurance rules, with and without a special authority.
func rulesVariants() map[string]*Rules {
	base := Rules{HearingEntitledShare: 0.85, SpecialAuthorityShare: 0.001, FearClaimRate: 0.3,
		ScreeningPassRate: 0.6, PassToCourtShare: 0.5, WindowDays: 1, NoticeClaimShare: 0.24, AssurancesRequired: true,
		CustodialTransfers: true, CollateralShare: 0.25, StaleOrders: true}
	noAssur, noSA := base, base
	noAssur.AssurancesRequired = false
	noSA.SpecialAuthorityShare = 0
	return map[string]*Rules{"baseline": &base, "assurances not required": &noAssur, "no special authority": &noSA}
}

// TestTransitionsStructure checks the table as a state machine: every
// non-terminal state has a way out, terminal states have none, and every
// state can be reached from the entries (border, new entries).
func TestTransitionsStructure(t *testing.T) {
	for name, r := range rulesVariants() {
		t.Run(name, func(t *testing.T) {
			out := map[State][]State{}
			for _, tr := range Transitions(r) {
				if tr.From >= NumStates || tr.To >= NumStates {
					t.Fatalf("edge %v → %v outside the states", tr.From, tr.To)
				}
				if tr.Guard == "" || tr.Rule == "" {
					t.Errorf("edge %v → %v lacks a guard or a rule", tr.From, tr.To)
				}
				if tr.From == tr.To {
					t.Errorf("self edge on %v", tr.From)
				}
				out[tr.From] = append(out[tr.From], tr.To)
			}
			for s := State(0); s < NumStates; s++ {
				if s.Terminal() && len(out[s]) > 0 {
					t.Errorf("terminal state %v has outgoing edges %v", s, out[s])
				}
				if !s.Terminal() && len(out[s]) == 0 {
					t.Errorf("state %v has no outgoing edge: people would be stuck", s)
				}
			}
			var seen [NumStates]bool
			var queue []State
			for _, e := range Entries(r) {
				if !seen[e.To] {
					seen[e.To] = true
					queue = append(queue, e.To)
				}
			}
			for len(queue) > 0 {
				s := queue[0]
				queue = queue[1:]
				for _, to := range out[s] {
					if !seen[to] {
						seen[to] = true
						queue = append(queue, to)
					}
				}
			}
			for s := State(0); s < NumStates; s++ {
				if !seen[s] {
					t.Errorf("state %v cannot be reached from the entries", s)
				}
			}
		})
	}
}

// TestTransitionsFollowRules checks that the table tells the assurance
// rule as the engines apply it: a slot without assurances leads to a
// flight without notice only when assurances are not required.
func TestTransitionsFollowRules(t *testing.T) {
	has := func(r *Rules, from, to State, guardPart string) bool {
		for _, tr := range Transitions(r) {
			if tr.From == from && tr.To == to && strings.Contains(tr.Guard, guardPart) {
				return true
			}
		}
		return false
	}
	v := rulesVariants()
	if has(v["baseline"], ThirdCountryDesignation, AwaitingFlight, "no notice") {
		t.Error("with assurances required the table lets a case fly without assurances or notice")
	}
	if !has(v["assurances not required"], ThirdCountryDesignation, AwaitingFlight, "no notice") {
		t.Error("with assurances not required the table lacks the edge without notice")
	}
	if has(v["no special authority"], Arrested, TravelDocument, "special authority (") {
		t.Error("special-authority edge listed although its share is 0")
	}
	// A positive third-country screening never leads straight to a flight.
	for name, r := range v {
		for _, tr := range Transitions(r) {
			if tr.From == ThirdCountryScreening && tr.To == AwaitingFlight && !strings.Contains(tr.Guard, "negative") {
				t.Errorf("%s: ThirdCountryScreening → AwaitingFlight on %q", name, tr.Guard)
			}
		}
	}
}

// TestStatesClassification pins which states hold a bed and which are
// terminal, as DESIGN.md's stocks say.
func TestStatesClassification(t *testing.T) {
	detained := map[State]bool{DetainedDocket: true, CourtQueue: true, Appeal: true, FearScreening: true,
		TravelDocument: true, CountryQueue: true, ThirdCountryDesignation: true, NoticeServed: true,
		ThirdCountryScreening: true, AwaitingFlight: true, AwaitingLand: true, Blocked: true}
	terminal := map[State]bool{Removed: true, Departed: true, Relief: true, Expelled: true, ReturnedByCBP: true}
	for s := State(0); s < NumStates; s++ {
		if s.Detained() != detained[s] {
			t.Errorf("%v.Detained() = %v", s, s.Detained())
		}
		if s.Terminal() != terminal[s] {
			t.Errorf("%v.Terminal() = %v", s, s.Terminal())
		}
		if s.String() == "unknown" {
			t.Errorf("state %d has no name", s)
		}
	}
	if NumStates.String() != "unknown" {
		t.Error("NumStates has a name")
	}
}

// TestEnjoinment checks the per-day set against Enjoined for every
// pathway, destination class and day around two overlapping injunctions.
func TestEnjoinment(t *testing.T) {
	r := &Rules{Injunctions: []Injunction{
		{Name: "a", Pathway: InteriorExpedited, ByPathway: true, FromDay: 10, UntilDay: 20},
		{Name: "b", Destination: ThirdCountry, FromDay: 15, UntilDay: 30},
	}}
	set := 0
	for day := range 40 {
		e := r.Enjoinment(day)
		for p := Pathway(0); p < NumPathways; p++ {
			for d := DestinationClass(0); d < NumDestinationClasses; d++ {
				if got, want := e.Has(p, d), r.Enjoined(p, d, day); got != want {
					t.Errorf("day %d, %v to %v: Has %v, Enjoined %v", day, p, d, got, want)
				}
				if e.Has(p, d) {
					set++
				}
			}
		}
	}
	if set == 0 {
		t.Fatal("no pair was ever enjoined; the test checks nothing")
	}
}

// TestEnjoinmentThrough checks that the enjoinment EnjoinmentThrough
// returns holds through the day it names and changes the day after,
// around overlapping and separate injunctions.
func TestEnjoinmentThrough(t *testing.T) {
	r := &Rules{Injunctions: []Injunction{
		{Name: "a", Pathway: InteriorExpedited, ByPathway: true, FromDay: 10, UntilDay: 20},
		{Name: "b", Destination: ThirdCountry, FromDay: 15, UntilDay: 30},
		{Name: "c", Pathway: SpecialAuthority, ByPathway: true, FromDay: 40, UntilDay: 40},
	}}
	for day := 0; day < 60; day++ {
		e, last := r.EnjoinmentThrough(day)
		if last < day {
			t.Fatalf("day %d: holds through day %d, before it", day, last)
		}
		if e != r.Enjoinment(day) {
			t.Errorf("day %d: %b, Enjoinment says %b", day, e, r.Enjoinment(day))
		}
		end := min(last, 70)
		for d := day; d <= end; d++ {
			if r.Enjoinment(d) != e {
				t.Errorf("day %d: said to hold through day %d, changes on day %d", day, last, d)
				break
			}
		}
		if last < 70 && r.Enjoinment(last+1) == e {
			t.Errorf("day %d: said to change after day %d, but day %d is the same", day, last, last+1)
		}
	}
}
