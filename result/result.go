// Package result holds the output of a simulation run as plain data: the
// contract that reports, the command line, the planner and other tools
// read. Both engines produce it; nothing here imports an engine.
//
// Quantities are persons unless the name says otherwise; money is in U.S.
// dollars. The agent engine reports means over replications in the same
// fields and adds Bands and TimeToRemovalDays.
package result

// Result is the outcome of one run (or the mean of several replications).
type Result struct {
	// Scenario is the scenario's name.
	Scenario string `json:"scenario"`
	// Engine is "flow" or "agent".
	Engine string `json:"engine"`
	// Seed is the root random seed (the flow engine reports the
	// scenario's seed although it draws no random numbers).
	Seed uint64 `json:"seed"`
	// Runs is the number of replications averaged (1 for the flow engine).
	Runs int `json:"runs"`
	// Start is the first month, "YYYY-MM".
	Start string `json:"start"`
	// Months is the number of months simulated.
	Months int `json:"months"`

	Totals    Totals    `json:"totals"`
	Annual    []Period  `json:"annual"`
	Monthly   []Month   `json:"monthly"`
	Ledger    Ledger    `json:"ledger"`
	Detention Detention `json:"detention"`
	// DueProcess are the due-process indicators over the whole run.
	DueProcess DueProcess `json:"due_process"`
	// TimeToRemovalDays is the distribution of days in proceedings before
	// removal, per pathway: from the arrest or border apprehension that
	// began them (years on the docket included) to removal. The starting
	// stocks count from the run's first day, an understatement in a
	// run's first years.
	TimeToRemovalDays map[string]Distribution `json:"time_to_removal_days"`
	// Uncertainty says what the bands span (package uncertainty):
	// "noise" (the engine's stochastic events only), "params" (drawn
	// parameters, noise held fixed) or "both"; empty for the flow engine.
	Uncertainty string `json:"uncertainty,omitempty"`
	// Bands are the agent engine's per-month quantiles across
	// replications, per metric; nil for the flow engine.
	Bands map[string][]Band `json:"bands,omitempty"`
	// AnnualBands are the agent engine's quantiles across replications of
	// each 12-month period's removals, arrests and average_detained; a
	// band's Month is the period's first month. Nil for the flow engine.
	AnnualBands map[string][]Band `json:"annual_bands,omitempty"`
	// Bottlenecks is, per month, each capacity's utilisation and marginal
	// value (removalsim run --bottlenecks; package bottleneck); nil unless
	// asked for, because it costs a flow run per month and capacity.
	Bottlenecks []BottleneckMonth `json:"bottlenecks,omitempty"`
	// Events is the number of model events (case transitions) the agent
	// engine processed, mean per replication; zero for the flow engine.
	// It is deterministic for a scenario and seed, unlike wall time.
	Events float64 `json:"events,omitempty"`
	// Sources lists every parameter the scenario set, with its value and
	// reference.
	Sources []Source `json:"sources"`
	// Costs is the cost account of the run by agency, kind and fiscal
	// year, with appropriations and fines (package budget); nil unless
	// the command computed it.
	Costs *CostAccount `json:"costs,omitempty"`
	// Fired is, per transition of the procedure's network (indexed by
	// procedure.TransitionID), the people who took it over the run (mean
	// per replication). It is not part of the JSON contract: tests check
	// with it that both engines move people along the network only.
	Fired []float64 `json:"-"`
}

// CostAccount is a run's costs as an appropriations analyst reads them.
// Constant dollars are of PriceYear; nominal dollars add inflation by
// fiscal year. Lines, ByKind and ByAgency each sum to TotalUSD.
type CostAccount struct {
	PriceYear        int     `json:"price_year"`
	InflationPerYear float64 `json:"inflation_per_year"`
	// TotalUSD is in constant dollars; NominalUSD the same in nominal.
	TotalUSD      float64 `json:"total_usd"`
	NominalUSD    float64 `json:"nominal_usd"`
	RecurringUSD  float64 `json:"recurring_usd"`
	OneTimeUSD    float64 `json:"one_time_usd"`
	Removals      float64 `json:"removals"`
	PerRemovalUSD float64 `json:"per_removal_usd"`
	// Lines are the cost items priced, largest first.
	Lines    []CostLine  `json:"lines"`
	ByKind   []CostGroup `json:"by_kind"`
	ByAgency []CostGroup `json:"by_agency"`
	// FiscalYears are the fiscal years the run touches (partial years
	// say how many months they hold).
	FiscalYears []FiscalYearCost `json:"fiscal_years"`
	// Appropriations compares spending with the funds available, by
	// fiscal year and agency; empty when the scenario sets none.
	Appropriations []AppropriationRow `json:"appropriations,omitempty"`
	Fines          Fines              `json:"fines"`
}

// CostLine is one cost item over the run.
type CostLine struct {
	Item    string  `json:"item"`
	Agency  string  `json:"agency"`
	Kind    string  `json:"kind"`
	OneTime bool    `json:"one_time"`
	USD     float64 `json:"usd"`
	Share   float64 `json:"share"`
	// PerRemovalUSD is USD over the run's removals.
	PerRemovalUSD float64 `json:"per_removal_usd"`
	// Covers says what the unit cost includes.
	Covers string `json:"covers"`
}

// CostGroup sums lines by agency or kind.
type CostGroup struct {
	Name          string  `json:"name"`
	USD           float64 `json:"usd"`
	Share         float64 `json:"share"`
	PerRemovalUSD float64 `json:"per_removal_usd"`
}

// FiscalYearCost is one fiscal year's spending.
type FiscalYearCost struct {
	FiscalYear   int                `json:"fiscal_year"`
	Months       int                `json:"months"`
	ConstantUSD  float64            `json:"constant_usd"`
	NominalUSD   float64            `json:"nominal_usd"`
	OneTimeUSD   float64            `json:"one_time_usd"`
	RecurringUSD float64            `json:"recurring_usd"`
	Removals     float64            `json:"removals"`
	ByAgencyUSD  map[string]float64 `json:"by_agency_usd"`
}

// AppropriationRow is one fiscal year and agency: nominal spending, the
// funds available (annual appropriations plus that year's even share of
// multi-year funds), and the difference in words.
type AppropriationRow struct {
	FiscalYear      int     `json:"fiscal_year"`
	Months          int     `json:"months"`
	Agency          string  `json:"agency"`
	SpendingUSD     float64 `json:"spending_usd"`
	AppropriatedUSD float64 `json:"appropriated_usd"`
	// DifferenceUSD is spending minus appropriated: positive means
	// spending the funds do not cover.
	DifferenceUSD float64 `json:"difference_usd"`
	Verdict       string  `json:"verdict"`
	// Funds names the appropriations counted.
	Funds []string `json:"funds"`
}

// Fines is the daily fine for failing to depart: assessed on the
// final-order docket's person-days, and expected to be collected at a
// cited rate (or not estimated when the scenario gives no rate).
type Fines struct {
	AssessedUSD           float64 `json:"assessed_usd"`
	CollectionRate        float64 `json:"collection_rate"`
	ExpectedCollectionUSD float64 `json:"expected_collection_usd"`
	Note                  string  `json:"note"`
}

// Totals sum the whole run.
type Totals struct {
	Removals              float64            `json:"removals"`
	RemovalsByPathway     map[string]float64 `json:"removals_by_pathway"`
	RemovalsByDestination map[string]float64 `json:"removals_by_destination"`
	Arrests               float64            `json:"arrests"`
	BorderApprehensions   float64            `json:"border_apprehensions"`
	Title42Expulsions     float64            `json:"title42_expulsions"`
	CBPReturns            float64            `json:"cbp_returns"`
	VoluntaryDepartures   float64            `json:"voluntary_departures"`
	Relief                float64            `json:"relief"`
	CourtCompletions      float64            `json:"court_completions"`
	CostUSD               float64            `json:"cost_usd"`
	CostPerRemovalUSD     float64            `json:"cost_per_removal_usd"`
	// CostByItem splits CostUSD by what it paid for (package cost's
	// Items; cost.Summarise groups them by agency and kind).
	CostByItem map[string]float64 `json:"cost_by_item"`
	// AppropriationGapUSD is cost minus the appropriation over the run;
	// zero when the scenario sets none.
	AppropriationGapUSD float64 `json:"appropriation_gap_usd"`
}

// Period sums one 12-month period from the start.
type Period struct {
	// Index counts periods from 1.
	Index int `json:"index"`
	// From and To are the first and last months, "YYYY-MM".
	From     string  `json:"from"`
	To       string  `json:"to"`
	Removals float64 `json:"removals"`
	Arrests  float64 `json:"arrests"`
	CostUSD  float64 `json:"cost_usd"`
	// RemovalsByPathway splits Removals.
	RemovalsByPathway map[string]float64 `json:"removals_by_pathway"`
	// AverageDetained is the mean detained population over the period.
	AverageDetained float64 `json:"average_detained"`
	// Binding is the capacity that bound in most months of the period.
	Binding string `json:"binding"`
}

// Month is one calendar month of the run. Stocks are at the month's end;
// flows are sums over the month.
type Month struct {
	// Month is "YYYY-MM".
	Month        string  `json:"month"`
	Removals     float64 `json:"removals"`
	Arrests      float64 `json:"arrests"`
	Detained     float64 `json:"detained"`
	CourtBacklog float64 `json:"court_backlog"`
	FinalOrders  float64 `json:"final_orders"`
	CostUSD      float64 `json:"cost_usd"`
	// Binding names the capacity that limited throughput most this month,
	// or "none".
	Binding string `json:"binding"`
	// Utilisation is, per capacity, the share of the month's capacity
	// used (0 to 1).
	Utilisation map[string]float64 `json:"utilisation"`
	// Capacity is, per capacity, its level at the month's end in its own
	// unit (officers, beds, flights per month, judges, ...).
	Capacity map[string]float64 `json:"capacity"`
	// Queue is, per capacity, the people waiting for it at the month's end.
	Queue             map[string]float64 `json:"queue"`
	RemovalsByPathway map[string]float64 `json:"removals_by_pathway"`
	// Stocks are every stock of the procedure at the month's end.
	Stocks map[string]float64 `json:"stocks"`
	// Flows are every counted flow during the month.
	Flows map[string]float64 `json:"flows"`
	// CostByItem splits CostUSD by cost item (package cost's Items).
	CostByItem map[string]float64 `json:"cost_by_item"`
}

// Ledger is, per stock, the balance over the run.
type Ledger map[string]Balance

// Balance is one stock's account: Start + Inflow − Outflow = End.
type Balance struct {
	Start   float64 `json:"start"`
	Inflow  float64 `json:"inflow"`
	Outflow float64 `json:"outflow"`
	End     float64 `json:"end"`
}

// Detention summarises detention over the run. In a steady run Little's
// law holds: AverageDailyPopulation ≈ Admissions per day ×
// MeanLengthOfStayDays.
type Detention struct {
	// Admissions is book-ins over the run.
	Admissions float64 `json:"admissions"`
	// Discharges is book-outs over the run.
	Discharges float64 `json:"discharges"`
	// MeanLengthOfStayDays is the mean stay of those discharged, measured
	// from each person's own admission day.
	MeanLengthOfStayDays float64 `json:"mean_length_of_stay_days"`
	// AverageDailyPopulation is the mean detained population.
	AverageDailyPopulation float64 `json:"average_daily_population"`
	// Days is the number of days averaged.
	Days int `json:"days"`
}

// DueProcess counts what the legal procedure did.
type DueProcess struct {
	// FearScreenings are credible-fear screenings of expedited cases.
	FearScreenings       float64 `json:"fear_screenings"`
	FearScreeningsPassed float64 `json:"fear_screenings_passed"`
	// ThirdCountryScreenings are screenings after a third-country notice.
	ThirdCountryScreenings       float64 `json:"third_country_screenings"`
	ThirdCountryScreeningsPassed float64 `json:"third_country_screenings_passed"`
	// NoticesServed are notices of third-country removal without
	// assurances.
	NoticesServed float64 `json:"notices_served"`
	// RemovalsWithAssurances went to third countries that gave assurances.
	RemovalsWithAssurances float64 `json:"removals_with_assurances"`
	// RemovalsWithoutAssurancesAfterNotice went to third countries
	// without assurances, after notice and a chance to claim fear.
	RemovalsWithoutAssurancesAfterNotice float64 `json:"removals_without_assurances_after_notice"`
	// RemovalsWithoutAssurancesOrNotice went to third countries without
	// assurances or notice (only when the rule does not require them).
	RemovalsWithoutAssurancesOrNotice float64 `json:"removals_without_assurances_or_notice"`
	// RemovalsWithoutHearing are removals of people never heard by a
	// judge (expedited, special authority).
	RemovalsWithoutHearing float64 `json:"removals_without_hearing"`
	// BlockedByInjunction counts removals stopped by an injunction.
	BlockedByInjunction float64 `json:"blocked_by_injunction"`
	// FinesAccruedUSD is the daily fine for failing to depart, summed over
	// the final-order docket's person-days.
	FinesAccruedUSD float64 `json:"fines_accrued_usd"`
}

// Distribution summarises a positive quantity.
type Distribution struct {
	Count float64 `json:"count"`
	Mean  float64 `json:"mean"`
	// P50, P90 and Max are zero for the flow engine, which tracks means
	// only.
	P50 float64 `json:"p50"`
	P90 float64 `json:"p90"`
	Max float64 `json:"max"`
}

// Band is one month's quantiles of a metric across replications.
type Band struct {
	Month string  `json:"month"`
	P05   float64 `json:"p05"`
	P50   float64 `json:"p50"`
	P95   float64 `json:"p95"`
}

// Source is one parameter used, with its provenance.
type Source struct {
	// Path is the parameter's YAML path in the scenario.
	Path   string  `json:"path"`
	Value  float64 `json:"value"`
	Source string  `json:"source"`
	AsOf   string  `json:"as_of,omitempty"`
}

// BottleneckMonth is one month's bottleneck attribution.
type BottleneckMonth struct {
	Month   string `json:"month"`
	Binding string `json:"binding"`
	// Best is the capacity with the highest marginal value times its
	// level (the most removals per 1% more), or "none".
	Best       string           `json:"best"`
	Capacities []BottleneckCell `json:"capacities"`
}

// BottleneckCell is one capacity in one month.
type BottleneckCell struct {
	Capacity    string  `json:"capacity"`
	Unit        string  `json:"unit"`
	Level       float64 `json:"level"`
	Utilisation float64 `json:"utilisation"`
	// Marginal is the extra removals over the following months (the
	// analysis window, 12 by default) per unit added from the month on;
	// zero when the capacity has no level to scale.
	Marginal float64 `json:"marginal_removals_per_unit"`
}
