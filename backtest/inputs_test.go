package backtest

import "testing"

func TestOverlapsFY(t *testing.T) {
	for _, c := range []struct {
		period string
		fy     int
		want   bool
	}{
		{"FY2012", 2012, true},
		{"FY2012", 2013, false},
		{"FY2012Q4", 2012, true},
		{"FY2013Q1", 2012, false},
		{"CY2012", 2012, true},
		{"CY2012", 2013, true}, // October-December 2012 are FY2013's
		{"CY2012", 2014, false},
		{"2011-10", 2012, true},
		{"2011-09", 2012, false},
		{"2012-09-30", 2012, true},
		{"2020-10/2021-03", 2021, true},
		{"2019-10/2020-09", 2021, false},
		{"2005-10/2010-09", 2008, true},
		{"not a period", 2012, false},
	} {
		if got := overlapsFY(c.period, c.fy); got != c.want {
			t.Errorf("overlapsFY(%q, %d) = %v, want %v", c.period, c.fy, got, c.want)
		}
	}
}
