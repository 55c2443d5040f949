package server

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/scenario"
)

// Lever is one slider of the dashboard: a number of the scenario a
// request may set, within [Min, Max].
type Lever struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Unit  string  `json:"unit"`
	Value float64 `json:"value"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Step  float64 `json:"step"`
}

// Switch is one on/off setting of the dashboard.
type Switch struct {
	Key   string `json:"key"`
	Label string `json:"label"`
	Value bool   `json:"value"`
}

// capacityLevers are the capacities whose level is a lever. Setting one
// makes the level's target that value from the first month on: hiring
// or contracting ramps toward it within max_added_per_month and
// lag_months (the model's rule), and a value below the level takes
// effect at once.
var capacityLevers = []struct{ key, label, unit string }{
	{"officers", "Deportation officers", "officers"},
	{"detention_beds", "Detention beds", "beds"},
	{"flights", "Removal flights", "flights a month"},
	{"land_removals", "Land removal slots", "removals a month"},
	{"judges", "Immigration judges", "judges"},
	{"asylum_officers", "Asylum officers", "officers"},
}

// capacity returns the named capacity of s.
func capacity(s *scenario.Scenario, key string) *scenario.Capacity {
	c := &s.Capacities
	switch key {
	case "officers":
		return &c.Officers.Capacity
	case "detention_beds":
		return &c.DetentionBeds
	case "flights":
		return &c.Flights.Capacity
	case "land_removals":
		return &c.LandRemovals
	case "judges":
		return &c.Judges.Capacity
	case "asylum_officers":
		return &c.AsylumOfficers.Capacity
	}
	return nil
}

// levelOf is the level a capacity is headed for: its last target, or
// its initial level when it has none.
func levelOf(c *scenario.Capacity) float64 {
	if len(c.Target) > 0 {
		return c.Target[len(c.Target)-1].Value.Value
	}
	return c.Initial.Value
}

// span is the slider's range for a default value v: zero to four times
// v (at least hi), in about 200 steps.
func span(v, hi float64) (lo, max, step float64) {
	max = math.Max(4*v, hi)
	step = math.Pow(10, math.Floor(math.Log10(max/200)))
	if step < 1 {
		step = 1
	}
	return 0, math.Ceil(max/step) * step, step
}

func lever(key, label, unit string, v, hi float64) Lever {
	lo, max, step := span(v, hi)
	return Lever{Key: key, Label: label, Unit: unit, Value: v, Min: lo, Max: max, Step: step}
}

// leversOf lists the levers and switches of s with their values in s.
func leversOf(s *scenario.Scenario) ([]Lever, []Switch) {
	var ls []Lever
	for _, c := range capacityLevers {
		ls = append(ls, lever(c.key, c.label, c.unit, levelOf(capacity(s, c.key)), 10))
	}
	ls = append(ls,
		lever("officers_hiring", "Officer hiring pace", "officers a month", s.Capacities.Officers.MaxAddedPerMonth.Value, 10),
		lever("screening_window_hours", "Fear-claim window after notice", "hours", s.Procedure.ScreeningWindowHours.Value, 240),
		lever("appropriation", "Appropriation", "USD a year", s.Costs.AppropriationPerYear.Value, 1e9),
	)
	for _, g := range s.Countries {
		if g.MonthlyCap.Value > 0 {
			// A cap of zero means no cap, so the slider starts at one.
			l := lever("country_cap."+g.Name, "Acceptance cap: "+g.Name, "removals a month", g.MonthlyCap.Value, 10)
			l.Min = 1
			ls = append(ls, l)
		}
	}
	for _, t := range s.ThirdCountries {
		ls = append(ls, lever("third_country."+t.Name, "Third-country places: "+t.Name, "places a month", t.MonthlyCapacity.Value, 100))
	}
	sw := []Switch{{Key: "assurances_required", Label: "Third-country removals need diplomatic assurances (or notice)", Value: s.Procedure.AssurancesRequired}}
	for i, in := range s.Procedure.Injunctions {
		sw = append(sw, Switch{Key: "injunction." + strconv.Itoa(i), Label: "Injunction in force: " + in.Name, Value: true})
	}
	return ls, sw
}

// applyLevers sets the levers and switches on s (a clone). Keys are
// applied in sorted order; an unknown key or a value outside the lever's
// range is an error naming it.
func applyLevers(s *scenario.Scenario, levers map[string]float64, switches map[string]bool) error {
	known, knownSw := leversOf(s)
	for _, k := range slices.Sorted(maps.Keys(levers)) {
		v := levers[k]
		i := slices.IndexFunc(known, func(l Lever) bool { return l.Key == k })
		if i < 0 {
			return badRequest("levers: unknown lever %q; this scenario has %s", k, keysOf(known, func(l Lever) string { return l.Key }))
		}
		if l := known[i]; !(v >= l.Min && v <= l.Max) {
			return badRequest("levers.%s: %g is outside [%g, %g]", k, v, l.Min, l.Max)
		}
		setLever(s, k, v)
	}
	var lifted []int
	for _, k := range slices.Sorted(maps.Keys(switches)) {
		on := switches[k]
		if !slices.ContainsFunc(knownSw, func(x Switch) bool { return x.Key == k }) {
			return badRequest("switches: unknown switch %q; this scenario has %s", k, keysOf(knownSw, func(x Switch) string { return x.Key }))
		}
		if k == "assurances_required" {
			s.Procedure.AssurancesRequired = on
			continue
		}
		if i, _ := strconv.Atoi(strings.TrimPrefix(k, "injunction.")); !on {
			lifted = append(lifted, i)
		}
	}
	// Lifted injunctions are removed last, from the end, so indices hold.
	slices.Sort(lifted)
	for _, i := range slices.Backward(lifted) {
		s.Procedure.Injunctions = slices.Delete(s.Procedure.Injunctions, i, i+1)
	}
	return nil
}

// setLever sets the lever k (known to leversOf) to v.
func setLever(s *scenario.Scenario, k string, v float64) {
	set := func(p *scenario.Param) { p.Value, p.Set = v, true }
	if c := capacity(s, k); c != nil {
		c.Target = scenario.Schedule{{From: s.Start, Value: scenario.P(v)}}
		return
	}
	switch {
	case k == "officers_hiring":
		set(&s.Capacities.Officers.MaxAddedPerMonth)
	case k == "screening_window_hours":
		set(&s.Procedure.ScreeningWindowHours)
	case k == "appropriation":
		set(&s.Costs.AppropriationPerYear)
	case strings.HasPrefix(k, "country_cap."):
		for i := range s.Countries {
			if "country_cap."+s.Countries[i].Name == k {
				set(&s.Countries[i].MonthlyCap)
			}
		}
	case strings.HasPrefix(k, "third_country."):
		for i := range s.ThirdCountries {
			if "third_country."+s.ThirdCountries[i].Name == k {
				set(&s.ThirdCountries[i].MonthlyCapacity)
			}
		}
	default:
		panic(fmt.Sprintf("server: lever %q listed but not settable", k))
	}
}

func keysOf[T any](xs []T, key func(T) string) string {
	var ks []string
	for _, x := range xs {
		ks = append(ks, key(x))
	}
	return strings.Join(ks, ", ")
}
