package agent

import "github.com/removalsim/removalsim/result"

// addResult adds every number of src into dst, growing dst's lists and
// maps to src's shape (result.Numbers lists the numbers); strings and
// integers are copied where dst still holds the zero value.
// TestAddResultCoversEveryField fails when a number is not summed.
func addResult(dst, src *result.Result) {
	if dst.Scenario == "" {
		dst.Scenario, dst.Engine, dst.Seed, dst.Runs, dst.Start, dst.Months = src.Scenario, src.Engine, src.Seed, src.Runs, src.Start, src.Months
		dst.Uncertainty = src.Uncertainty
	}
	result.Numbers(dst, src, func(d *float64, s float64) { *d += s }, addMap)
	if dst.Detention.Days == 0 {
		dst.Detention.Days = src.Detention.Days
	}
}

// addMap adds s into *d, allocating it when s has entries.
func addMap(d *map[string]float64, s map[string]float64) {
	if *d == nil && len(s) > 0 {
		*d = make(map[string]float64, len(s))
	}
	for k, v := range s {
		(*d)[k] += v
	}
}

// scaleResult divides every number addResult sums by n (division, not
// multiplication by 1/n, so a sum of n equal integers gives back the
// integer exactly).
func scaleResult(r *result.Result, n float64) {
	result.Numbers(r, r, func(d *float64, _ float64) { *d /= n }, func(m *map[string]float64, _ map[string]float64) {
		for k, v := range *m {
			(*m)[k] = v / n
		}
	})
}
