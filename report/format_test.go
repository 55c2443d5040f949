package report

import (
	"math"
	"strings"
	"testing"
)

func TestNumberFormats(t *testing.T) {
	for _, tc := range []struct {
		name string
		got  string
		want string
	}{
		{"count small", count(999.4), "999"},
		{"count thousands", count(1234567.5), "1,234,568"},
		{"count negative", count(-1234), "-1,234"},
		{"count negative zero", count(-0.3), "0"},
		{"decimal", decimal(1234.567, 1), "1,234.6"},
		{"decimal negative zero", decimal(-0.01, 1), "0.0"},
		{"exact integer", exact(11e6), "11,000,000"},
		{"exact fraction", exact(0.125), "0.125"},
		{"money dollars", money(18311.4), "$18,311"},
		{"money millions", money(911.44e6), "$911.4M"},
		{"money billions", money(15.634e9), "$15.63B"},
		{"money trillions", money(2.5621e12), "$2.56T"},
		{"money negative", money(-22.77e9), "-$22.77B"},
		{"share", share(1, 3), "33.3%"},
		{"share of nothing", share(1, 0), "-"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}

func TestCheckFiniteNamesThePath(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{math.NaN(), "report: monthly[0].utilisation.flights is NaN; a result must hold finite numbers only"},
		{math.Inf(1), "report: monthly[0].utilisation.flights is +Inf; a result must hold finite numbers only"},
	} {
		r := tinyResult()
		r.Monthly[0].Utilisation["flights"] = tc.x
		err := checkFinite(r)
		if err == nil || err.Error() != tc.want {
			t.Errorf("checkFinite with %v = %v, want %q", tc.x, err, tc.want)
		}
	}
	if err := checkFinite(tinyResult()); err != nil {
		t.Errorf("finite result refused: %v", err)
	}
}

func TestSignificantAndColumns(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0", 748037.4: "748,037", -427.3: "-427.3", 129.14: "129.1", 0.00800412: "0.008004", 828.8: "828.8",
		1e-5: "1e-05", 2.5e16: "2.5e+16", -1234567: "-1,234,567",
	} {
		if got := Significant(x); got != want {
			t.Errorf("Significant(%v) = %q, want %q", x, got, want)
		}
	}
	var b strings.Builder
	if err := Columns(&b, []string{"outcome", "A", "note"}, [][]string{{"removals", "748,037", "x"}, {"cost", "$1.2B", "longer"}}, 2); err != nil {
		t.Fatal(err)
	}
	want := "  outcome         A  note\n  removals  748,037  x\n  cost        $1.2B  longer\n"
	if b.String() != want {
		t.Errorf("Columns wrote\n%s\nwant\n%s", b.String(), want)
	}
}
