package tidy

import (
	"slices"
	"strings"
)

// capacityUnits is the unit of each capacity's level.
var capacityUnits = map[string]string{
	"officers":            "officers",
	"detention_beds":      "beds",
	"flights":             "flights_per_month",
	"land_removals":       "persons_per_month",
	"judges":              "judges",
	"asylum_officers":     "officers",
	"third_country_slots": "persons_per_month",
}

// Units lists every unit a row may carry; docs/tidy.md explains them.
var Units = []string{
	"persons", "share", "usd", "usd_per_person", "days", "indicator", "events",
	"officers", "beds", "flights_per_month", "persons_per_month", "judges",
	"persons_per_unit", "persons_per_year", "percent", "units", "cases", "parameter", "screenings", "notices",
}

// Unit returns the unit of a metric from its name: shares and
// utilisation are "share", money "usd" (per removal "usd_per_person"),
// durations "days", a capacity's level its own unit, a binding or best
// capacity an "indicator" (1 when it binds), rates a year
// "persons_per_year", and persons otherwise.
func Unit(metric string) string {
	last := metric[strings.LastIndexByte(metric, '.')+1:]
	switch {
	case strings.Contains(metric, "utilisation"):
		return "share"
	case strings.Contains(metric, "binding."), strings.Contains(metric, "best."), metric == "feasible":
		return "indicator"
	case strings.Contains(metric, "cost_per_removal"):
		return "usd_per_person"
	case strings.Contains(metric, "usd") || strings.Contains(metric, "cost"):
		return "usd"
	case strings.HasPrefix(metric, "time_to_removal_days.") && last != "count",
		strings.HasSuffix(metric, "_days"):
		return "days"
	case metric == "detention.days":
		return "days"
	case metric == "events":
		return "events"
	case strings.Contains(metric, "per_year"):
		return "persons_per_year"
	case strings.HasSuffix(metric, "_per_month"):
		return "persons_per_month"
	case strings.HasPrefix(metric, "capacity.") || strings.HasPrefix(metric, "bottleneck.level.") ||
		strings.HasPrefix(metric, "level.") || strings.HasPrefix(metric, "added."):
		if u, ok := capacityUnits[last]; ok {
			return u
		}
		return "units"
	case strings.HasPrefix(metric, "bottleneck.marginal."):
		return "persons_per_unit"
	}
	return "persons"
}

// sortedKeys returns m's keys in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
