// Package history rebuilds a past fiscal year (FY2008-FY2024) as a
// scenario from the public dataset (package data): capacities, inflows and
// starting stocks come from data/figures.csv year by year, and the
// behavioural rates and shares, one set for all years, from the
// calibration (scenarios/calibrated.yaml, written by package calibrate).
//
// Choices, each cited in the Param sources of the scenario it builds:
//
//   - Window: the run starts in October of FY-2 and lasts 24 months; the
//     first 12 are a warm-up with FY-1's capacities and inflows, so that
//     the stocks inside the pipeline settle; only FY itself is compared.
//   - Officers: ice_deportation_officers where the dataset has the year,
//     else interpolated, else held at the nearest year (before FY2016).
//   - Beds: the year's detention average daily population where known
//     (the detention ICE actually ran: above the funded level in FY2019,
//     far below it under COVID-19 measures in FY2020-FY2022), else the mean
//     of two or more detained counts of the year (FY2023), else funded beds.
//     The detention comparison of the backtest is therefore a check that
//     beds fill, not an independent test, in the years where ADP is known.
//   - Judges: immigration_judges, interpolated; completions per judge-year
//     are the year's completions (EOIR, else TRAC, else a part year
//     annualised) over its judges.
//   - Border apprehensions: USBP southwest-border apprehensions of each
//     year, flat over its months. The Title 42 share (March 2020 to 11 May
//     2023) is expulsions / apprehensions from the dataset's split; FY2020
//     expulsions are spread over March-September only; FY2023 has no split
//     in the dataset and holds FY2022's share (flagged).
//   - Stocks: the EOIR backlog at the end of FY-2, the final-order docket
//     (only 2021 and 2024 figures exist: held before 2021, flagged), the
//     unauthorized population (Pew), the detained population at the
//     warm-up year's bed level, held on average for the warm-up year's
//     average length of stay (ice_detention_alos, interpolated or held;
//     taken as the mean elapsed stay, exact for exponential stays).
//   - Flights, land removals and asylum officers are set as upper bounds
//     that never bound before 2025, with the figures that show it.
//   - Country groups take each year's mix of removals: Mexico's and the
//     Northern Triangle's shares of ICE removals (FY2013 on, ICE country
//     tables) or of DHS removals (FY2009-FY2012), interpolated or held
//     where a year is missing (flagged); the rest split 16:7 between other
//     cooperative and uncooperative countries as in baseline-2025. Border
//     cases use the same mix. Only shares enter: no removal count does.
//   - Border processing follows the CBP processing periods of
//     history.BorderRegimes (voluntary return to FY2010, the Consequence
//     Delivery System FY2011-FY2016, the family and child arrivals of
//     FY2017 to March 2020, the Title 8 part of the Title 42 years, the
//     Circumvention of Lawful Pathways rule from May 2023). Each period has
//     one fitted share of Title 8 apprehensions handed to ICE and one
//     fitted share of the rest released with a notice to appear; a year's
//     shares are the months' periods weighted by Title 8 apprehensions.
//     (The second pass derived the returned share from DHS returns with one
//     fitted fraction; it fitted to its lower bound and was dropped.)
//   - Arrests per officer carry the factor of the enforcement period in
//     force (history.Regimes: Secure Communities, the 2014 priorities,
//     Executive Order 13768, the COVID-19 curtailment, the 2021
//     priorities), averaged over the fiscal year's months, as
//     capacities.officers.productivity. Each period has one fitted factor.
//   - Border shares, mix and productivity are set for the fiscal year and
//     held over the warm-up year too (scenario shares are not schedules).
//
// Build returns Notes for every estimate and for years dominated by events
// outside the pipeline (Title 42, COVID-19, pre-FY2011 counting).
// Marshal writes the scenario as YAML that scenario.Parse reads back to the
// same values.
package history
