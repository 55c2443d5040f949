package regime

import (
	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/result"
	"github.com/removalsim/removalsim/scenario"
)

// Definition is one way of counting departures that publishers use, with
// the model's count under it and the published figure that uses it, so a
// reader compares like with like (issue 11, Deliver 4). The mapping is
// made here, at the report layer, from the model's counted flows.
type Definition struct {
	// Name is the definition; Counts says what it adds up, in the model's
	// terms.
	Name   string `json:"name"`
	Counts string `json:"counts"`
	// Period is the window compared (YYYY-MM-DD/YYYY-MM-DD).
	Period string  `json:"period"`
	Model  float64 `json:"model"`
	// Series is the dataset series that publishes under this definition,
	// and Published, Quality and Note its figure for Period, when the
	// dataset has one.
	Series          string   `json:"series,omitempty"`
	PublishedPeriod string   `json:"published_period,omitempty"`
	Published       *float64 `json:"published,omitempty"`
	Quality         string   `json:"quality,omitempty"`
	Note            string   `json:"note"`
}

// flowsOf sums the named counted flows of a month.
func flowsOf(m result.Month, names ...string) float64 {
	t := 0.0
	for _, n := range names {
		t += m.Flows[n]
	}
	return t
}

// selfDepartures are the model's departures without a removal: emigration
// from the at-large population, final orders leaving on their own, and
// voluntary departures granted in court (non-detained and detained).
var selfDepartures = []string{"at_large->departed", "final_order->departed", "final_order_stale->departed", "in_proceedings->departed", "court_queue->departed"}

// definitions builds the side-by-side counts for the run's FY2025 and for
// the administration's first year, the windows the published headline
// figures use.
func definitions(s *scenario.Scenario, months []result.Month) ([]Definition, error) {
	cbpReturns := func(m result.Month) float64 {
		mo, err := scenario.ParseMonth(m.Month)
		if err != nil {
			return 0
		}
		_, _, returned := s.Border.BorderShares(mo)
		return m.Flows["border_apprehensions"] * (1 - s.Border.Title42Share.At(mo)) * returned
	}
	expulsions := func(m result.Month) float64 {
		mo, err := scenario.ParseMonth(m.Month)
		if err != nil {
			return 0
		}
		return m.Flows["border_apprehensions"] * s.Border.Title42Share.At(mo)
	}
	type def struct {
		name, counts, period, series, note string
		value                              func(result.Month) float64
	}
	const fy2025, year1 = "2024-10-01/2025-09-30", "2025-01-20/2026-01-20"
	defs := []def{
		{"ICE removals", "removals (every pathway)", fy2025, "ice_removals",
			"ICE's own count; the dataset's FY2025 figures are partial years (see the windows above)",
			func(m result.Month) float64 { return m.Removals }},
		{"ICE removals plus detained voluntary departures", "removals + voluntary departures granted on the detained docket (court_queue->departed)", fy2025, "ice_deportations_incl_detained_vd",
			"the definition of MPI's FY2025 estimate of ICE deportations",
			func(m result.Month) float64 { return m.Removals + m.Flows["court_queue->departed"] }},
		{"Voluntary and self-departures", "at-large emigration + final orders leaving on their own + court voluntary departures (detained and not)", year1, "dhs_claimed_self_departures",
			"DHS's 'self-deportations' are a claim without a published method; the model's count is its own departure rates, judgements, which rise with enforcement intensity (departure.enforcement_response) and CBP Home's $1,000 stipend from May 2025 (departure.stipend)",
			func(m result.Month) float64 { return flowsOf(m, selfDepartures...) }},
		{"ICE removals of border apprehensions", "removals on the border expedited-removal pathway (CBP's apprehensions removed through ICE custody)", fy2025, "",
			"part of ICE removals, not in addition to them: what DHS releases sometimes call removals 'by CBP' and ICE counts as its own; no FY2025 split was read",
			func(m result.Month) float64 { return m.RemovalsByPathway["border_expedited"] }},
		{"CBP returns and removals", "border apprehensions × the returned share of the month: voluntary returns and removals CBP completes itself, never in ICE custody", fy2025, "",
			"no FY2025 count of CBP returns was read; DHS publishes them in its yearbook tables",
			cbpReturns},
		{"CBP expulsions (Title 42)", "border apprehensions × the Title 42 share of the month", fy2025, "",
			"Title 42 ended on 2023-05-11, so none in FY2025; the model counts them for the years it applied (fy2012's history has none either)",
			expulsions},
		{"DHS 'deportations'", "ICE removals + CBP returns and removals + expulsions", year1, "dhs_claimed_deportations",
			"what DHS publicly calls deportations adds CBP's removals, returns and expulsions to ICE's removals; a claim, not comparable with ICE removals",
			func(m result.Month) float64 { return m.Removals + cbpReturns(m) + expulsions(m) }},
	}
	var out []Definition
	for _, d := range defs {
		from, to, err := span(d.period)
		if err != nil {
			return nil, err
		}
		v, err := sumFlow(months, d.value, from, to)
		if err != nil {
			return nil, err
		}
		x := Definition{Name: d.name, Counts: d.counts, Period: d.period, Model: v, Series: d.series, Note: d.note}
		if d.series != "" {
			period := d.period
			if d.series == "ice_deportations_incl_detained_vd" || d.series == "ice_removals" {
				period = "FY2025"
			}
			if f, ok := data.Lookup(d.series, period); ok {
				x.Published, x.Quality, x.PublishedPeriod = &f.Value, f.Quality, f.Period
			}
		}
		out = append(out, x)
	}
	return out, nil
}
