package numfmt

import (
	"math"
	"testing"
)

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		name, got, want string
	}{
		{"count zero", Count(0), "0"},
		{"count small", Count(999.4), "999"},
		{"count rounds up to a group", Count(999.5), "1,000"},
		{"count thousands", Count(1234567.5), "1,234,568"},
		{"count exact groups", Count(100000), "100,000"},
		{"count billions", Count(12e9), "12,000,000,000"},
		{"count negative", Count(-1234), "-1,234"},
		{"count negative zero", Count(-0.3), "0"},
		{"count NaN", Count(math.NaN()), "NaN"},
		{"count infinite", Count(math.Inf(1)), "+Inf"},
		{"count minus infinity", Count(math.Inf(-1)), "-Inf"},
		{"decimal", Decimal(1234.567, 1), "1,234.6"},
		{"decimal small", Decimal(0.25, 2), "0.25"},
		{"decimal negative zero", Decimal(-0.01, 1), "0.0"},
		{"decimal negative", Decimal(-1234567.891, 2), "-1,234,567.89"},
		{"exact integer", Exact(11e6), "11,000,000"},
		{"exact fraction", Exact(0.125), "0.125"},
		{"exact both", Exact(4321.5), "4,321.5"},
		{"group plain", Group("1234"), "1,234"},
		{"group empty", Group(""), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, tc.got, tc.want)
		}
	}
}
