package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/plan"
)

// TestPlanTableLevelReached checks the decisions table's column of the
// level each capacity reaches at the horizon: the schedule's last month,
// which a ramp started late leaves below the planned level, and a dash
// where the plan has no schedule (never a false 0).
func TestPlanTableLevelReached(t *testing.T) {
	decisions := []plan.Decision{{Capacity: "land_removals", Initial: 12000, Level: 66667, From: "2026-04"}}
	for _, tc := range []struct {
		name     string
		schedule []plan.Month
		want     string
	}{
		{"schedule", []plan.Month{
			{Month: "2027-04", Levels: map[string]float64{"land_removals": 34000}},
			{Month: "2027-05", Levels: map[string]float64{"land_removals": 38000}},
		}, "land_removals 12,000 66,667 38,000 2026-04"},
		{"no schedule", nil, "land_removals 12,000 66,667 — 2026-04"},
	} {
		var buf bytes.Buffer
		o := &planOutput{Decisions: decisions, Schedule: tc.schedule, Achieved: map[string]float64{"flow": 1}}
		if err := writePlanTable(&buf, "x", o); err != nil {
			t.Fatal(err)
		}
		found := false
		for _, line := range strings.Split(buf.String(), "\n") {
			if strings.Join(strings.Fields(line), " ") == tc.want {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: table lacks the row %q:\n%s", tc.name, tc.want, buf.String())
		}
	}
}
