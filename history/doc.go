// Package history rebuilds a past fiscal year (FY2008-FY2024) as a
// scenario from the public dataset (package data): capacities, inflows and
// starting stocks come from data/figures.csv year by year, and the
// behavioural rates and shares, one set for all years, from the
// calibration (scenarios/calibrated.yaml, written by package calibrate).
//
// A year's scenario holds only what a forecaster had when the fiscal year
// began, so that the backtest scores predictions, not inputs: the
// dataset's figures of the compared year itself enter only as exogenous
// inputs (southwest-border apprehensions and the Title 42 share, funded
// detention beds, immigration judges, deportation officers); everything
// else comes from the years before (held at the latest figure, never
// interpolated towards a later one) or from the calibration. The scored
// series (ICE removals, arrests, detention ADP, court backlog, and those
// measuring the same quantities) are never inputs of their own year;
// backtest/bars_test.go checks this on every year's scenario.
//
// Choices, each cited in the Param sources of the scenario it builds:
//
//   - Window: the run starts in October of FY-2 and lasts 24 months; the
//     first 12 are a warm-up with FY-1's capacities and inflows, so that
//     the stocks inside the pipeline settle; only FY itself is compared.
//   - Officers: ice_deportation_officers where the dataset has the year,
//     else interpolated, else held at the nearest year (before FY2016).
//   - Beds: the funded beds of the year's appropriation
//     (detention_funded_beds, interpolated between appropriations the
//     dataset lacks); the warm-up year runs at the detention ICE actually
//     ran in it (average daily population where known, else the mean of
//     detained counts, else funded beds), which is history by the start of
//     the compared year. Detention ADP is therefore scored in every year
//     that has a figure.
//   - Judges: immigration_judges, interpolated; completions per judge-year
//     are the prior year's completions (EOIR, else TRAC, else a part year
//     annualised) over the prior year's judges.
//   - Border encounters: USBP southwest-border apprehensions of each
//     year plus CBP's southwest port inadmissibles (swb_encounters_total
//     minus apprehensions, FY2014 on, held at the nearest year before and
//     after; flagged), spread over its months in the shape of CBP's
//     monthly southwest encounters where the dataset has them (FY2020,
//     October 2020-January 2021), else flat: ICE's border removals are
//     all of CBP's cases, ports included. The Title 42 share (March 2020
//     to 11 May 2023) is expulsions / encounters from the dataset's split;
//     FY2020 expulsions fall over March-September's encounters only;
//     FY2021's October-January take October 2020's published split and
//     February-September the rest of the year's; FY2023 has no split in
//     the dataset and holds FY2022's share (flagged).
//   - Single adults: the border periods' shares apply to single adults
//     only; families and unaccompanied children (CBP's yearly tables,
//     FY2013-FY2020, and CRS's for FY2012 and FY2021, held at the nearest year
//     outside them, flagged) are
//     released with a notice to appear (Flores, TVPRA).
//   - Fear claims: the rate of expedited cases claiming fear is the
//     prior year's credible-fear caseload (USCIS) times the fitted share
//     of it from CBP's southwest cases, over that year's encounters handed
//     to ICE; FY2020 holds FY2018's rate (no whole FY2019 caseload in the
//     dataset; flagged), and from FY2021 the caseload is USCIS's receipts
//     (fearCaseload); the rate stops at 0.95 where the caseload outnumbers
//     the cases handed to ICE (FY2022 and FY2023, under Title 42). Claims rose from about 5,000 a year to about
//     99,000, so one rate for all years cannot hold.
//   - Stocks: the EOIR backlog at the end of FY-2, the final-order docket
//     (only 2021 and 2024 figures exist: held before 2021, flagged), the
//     unauthorized population (Pew), the detained population at the
//     warm-up year's bed level, held on average for the warm-up year's
//     average length of stay (ice_detention_alos, interpolated or held;
//     taken as the mean elapsed stay, exact for exponential stays).
//   - Flights, land removals and asylum officers are set as upper bounds
//     that never bound before 2025, with the figures that show it.
//   - Country groups take the prior year's mix of removals: Mexico's and
//     the Northern Triangle's shares of ICE removals (FY2013 on, ICE
//     country tables) or of DHS removals (FY2009-FY2012), held from the
//     latest earlier year where one is missing (flagged; where none is
//     earlier, the first later year other than the compared one); the rest
//     split 16:7 between other cooperative and uncooperative countries as
//     in baseline-2025. Border cases use the same mix. Only shares enter:
//     no removal count does.
//   - The credible-fear pass rate is the prior year's (passRates: EOIR's
//     table, DOJ's FY2018 figure, USCIS's FY2020-FY2023 positive share;
//     FY2020 holds FY2018's); the starting stocks
//     (court backlog, unauthorized population, final-order docket, length
//     of stay) are the latest figures before the run, never of the
//     compared year.
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
//     force (history.Regimes: before Secure Communities (the reference),
//     Secure Communities, the December 2012 detainer guidance, the 2014 priorities,
//     Executive Order 13768, the COVID-19 curtailment, the 2021
//     priorities), averaged over the fiscal year's months, as
//     capacities.officers.productivity. Each period has one fitted factor.
//   - ICE's administrative arrests from February 2021 include its
//     processing of people CBP released (ProcessingShare, one fitted share
//     of the releases in ProcessingPeriods; ProcessedReleases): the
//     backtest adds them to the model's interior arrests where ICE's count
//     is compared; the arrest pathway does not carry them.
//   - Border shares, mix and productivity are set for the fiscal year and
//     held over the warm-up year too (scenario shares are not schedules).
//
// Build returns Notes for every estimate and for years dominated by events
// outside the pipeline (Title 42, COVID-19, pre-FY2011 counting).
// Marshal writes the scenario as YAML that scenario.Parse reads back to the
// same values.
package history
