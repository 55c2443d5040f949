package cite

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name, source string
		want         []Ref
	}{
		{"none", "Zadvydas v. Davis: six months", nil},
		{"one data row", "derived: 1 - 33,243 / 113,431 (data: ice_admin_arrests FY2024)",
			[]Ref{{Data, "ice_admin_arrests", "FY2024"}}},
		{"series without period", "(data: ice_deportation_officers)",
			[]Ref{{Data, "ice_deportation_officers", ""}}},
		{"several rows", "(data: ice_removals_mexico FY2024, ice_removals_northern_triangle FY2024)",
			[]Ref{{Data, "ice_removals_mexico", "FY2024"}, {Data, "ice_removals_northern_triangle", "FY2024"}}},
		{"documents then data", "48 hours (doc: cfr_8_287_7, doc: news_cnn_holds; data: ice_detention_alos FY2019)",
			[]Ref{{Doc, "cfr_8_287_7", ""}, {Doc, "news_cnn_holds", ""}, {Data, "ice_detention_alos", "FY2019"}}},
		{"bare list of documents", "(doc: a_one, b_two, c_three)",
			[]Ref{{Doc, "a_one", ""}, {Doc, "b_two", ""}, {Doc, "c_three", ""}}},
		{"range period", "(data: usbp_swb_apprehensions 2025-03..2025-09)",
			[]Ref{{Data, "usbp_swb_apprehensions", "2025-03..2025-09"}}},
		{"prose after keyword", "the data: range is wide", nil},
		{"series then prose", "(data: ice_removals for every year)", nil},
		{"inline", "derived: data: usbp_swb_title42_expulsions FY2020 (197,142) / x",
			[]Ref{{Data, "usbp_swb_title42_expulsions", "FY2020"}}},
		{"keyword inside a word is not one", "metadata: x_y", nil},
	}
	for _, c := range cases {
		if got := Parse(c.source); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: Parse(%q) = %v, want %v", c.name, c.source, got, c.want)
		}
	}
}

func TestResolve(t *testing.T) {
	good := []Ref{
		{Data, "ice_removals", "FY2012"},
		{Data, "ice_removals", ""},
		{Data, "usbp_swb_apprehensions", "2025-03..2025-09"},
		{Doc, "wp_deportation_plan_2025", ""},
	}
	for _, r := range good {
		ref, err := Resolve(r)
		if err != nil {
			t.Errorf("Resolve(%v): %v", r, err)
			continue
		}
		if ref.ReadAt == "" || ref.Publisher == "" || ref.Publication == "" || ref.Quality == "" || ref.Basis == "" {
			t.Errorf("Resolve(%v) = %+v, want a publication, the address read and quality", r, ref)
		}
	}
	bad := []struct {
		ref  Ref
		want string
	}{
		{Ref{Data, "no_such_series", ""}, "no series"},
		{Ref{Data, "ice_removals", "FY1990"}, "no row for period"},
		{Ref{Data, "usbp_swb_apprehensions", "2025-03..2031-09"}, "no row for period \"2031-09\""},
		{Ref{Doc, "no_such_document", ""}, "no document"},
		{Ref{"paper", "x_y", ""}, "unknown kind"},
	}
	for _, c := range bad {
		_, err := Resolve(c.ref)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Resolve(%v) error = %v, want one containing %q", c.ref, err, c.want)
		}
	}
}

func TestResolveAllSplitsGoodFromBad(t *testing.T) {
	refs, errs := ResolveAll("(data: ice_removals FY2012; doc: no_such_document, wp_deportation_plan_2025)")
	if len(refs) != 2 || len(errs) != 1 {
		t.Fatalf("ResolveAll: %d references, %d errors (%v); want 2 and 1", len(refs), len(errs), errs)
	}
	if refs[0].Name != "ice_removals" || refs[1].Name != "wp_deportation_plan_2025" {
		t.Errorf("references out of source order: %v", refs)
	}
}

func ExampleParse() {
	for _, r := range Parse("about 3 days (doc: wp_deportation_plan_2025; data: ice_removals FY2024)") {
		fmt.Println(r)
	}
	// Output:
	// doc: wp_deportation_plan_2025
	// data: ice_removals FY2024
}

// FuzzParse checks that Parse never panics and only returns well-formed
// references.
func FuzzParse(f *testing.F) {
	f.Add("(doc: a_b, c_d; data: ice_removals FY2012, x_y 2025-01..2025-03)")
	f.Add("data: doc: data:")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Parse(s) {
			if (r.Kind != Data && r.Kind != Doc) || !name.MatchString(r.Name) || (r.Kind == Doc && r.Period != "") {
				t.Fatalf("Parse(%q) returned %+v", s, r)
			}
		}
	})
}
