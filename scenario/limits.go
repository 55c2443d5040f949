package scenario

import "strings"

// A limit is the largest value a parameter may take, with its unit for
// messages. The limits are physical: far above anything the removal
// system has seen or could see (a billion people, a billion dollars per
// unit), and low enough that every sum and product the engines form stays
// an exact count in an int64 and a finite float64. Validate checks them,
// so a scenario that validates runs to a finite, non-negative result.
type limit struct {
	max  float64
	unit string
}

// Physical limits, shared by several keys.
const (
	// MaxPeople bounds every count of people, of units of capacity and of
	// people per month.
	MaxPeople = 1e9
	// MaxUnitCostUSD bounds every unit cost and the daily fine.
	MaxUnitCostUSD = 1e9
	// MaxDays bounds every mean duration in days (a century).
	MaxDays = 36500
	// MaxCountryGroups is the most country groups the agent engine holds
	// (a case's destination is a byte).
	MaxCountryGroups = 250
	// MaxThirdCountries bounds the third-country agreements.
	MaxThirdCountries = 1000
	// MaxInjunctions bounds the injunctions.
	MaxInjunctions = 1000
	// MaxStepGroups bounds horizon steps × (country groups + 16), the
	// size of the compiled model's per-step series, so that a scenario
	// compiles in well under 1 GiB: 96 steps a day over 600 months is
	// allowed with a few groups, one step a day with 250.
	MaxStepGroups = 40_000_000
)

// limits maps a parameter's key (the last element of its path, without
// index) to its limit. Shares are bounded by 1 elsewhere (isShare). A test
// checks that every Param of the format has an entry here or is a share,
// so a new field gets a deliberate limit.
var limits = map[string]limit{
	// Stocks and flows of people.
	"at_large":            {MaxPeople, "people"},
	"non_detained_docket": {MaxPeople, "people"},
	"atd":                 {MaxPeople, "people"},
	"detained":            {MaxPeople, "people"},
	"final_orders":        {MaxPeople, "people"},
	"border_encounters":   {MaxPeople, "people a month"},
	"new_entries":         {MaxPeople, "people a month"},
	"monthly_cap":         {MaxPeople, "people a month"},
	"monthly_capacity":    {MaxPeople, "people a month"},
	// Capacities (officers, beds, flights a month, ...).
	"initial":             {MaxPeople, "units"},
	"target":              {MaxPeople, "units"},
	"max_added_per_month": {MaxPeople, "units a month"},
	"lag_months":          {MaxMonths, "months"},
	// Productivities.
	"per_officer_month":        {1e4, "arrests per officer-month"},
	"custodial_officer_months": {100, "officer-months per transfer"},
	"order_staleness_years":    {MaxDays / 365, "years"},
	// Removable people booked into jails each month.
	"removable_bookings_per_month": {MaxPeople, "people a month"},
	"productivity":                 {100, "times the norm"},
	"completions_per_judge_year":   {1e5, "completions per judge-year"},
	"screenings_per_officer_day":   {1e3, "screenings per officer-day"},
	"seats_per_flight":             {1e3, "seats"},
	"hours_per_flight":             {1e3, "hours"},
	// Durations.
	"detained_days_held":     {MaxDays, "days"},
	"bed_wait_days":          {MaxDays, "days"},
	"blocked_release_days":   {MaxDays, "days"},
	"atd_days":               {MaxDays, "days"},
	"detained_case_days":     {MaxDays, "days"},
	"appeal_days":            {MaxDays, "days"},
	"travel_doc_days":        {MaxDays, "days"},
	"screening_window_hours": {MaxDays * 24, "hours"},
	"claim_time_hours":       {MaxDays * 24, "hours"},
	// Money.
	"cost_per_unit_year":          {MaxUnitCostUSD, "USD"},
	"add_cost":                    {MaxUnitCostUSD, "USD"},
	"surge_add_cost":              {MaxUnitCostUSD, "USD"},
	"cost_per_hour":               {MaxUnitCostUSD, "USD"},
	"per_arrest":                  {MaxUnitCostUSD, "USD"},
	"per_bed_day":                 {MaxUnitCostUSD, "USD"},
	"per_atd_day":                 {MaxUnitCostUSD, "USD"},
	"per_screening":               {MaxUnitCostUSD, "USD"},
	"per_land_removal":            {MaxUnitCostUSD, "USD"},
	"fine_per_day":                {MaxUnitCostUSD, "USD"},
	"custodial_arrest_factor":     {100, "times the at-large cost"},
	"fine_response_per_dollar":    {1, "a year per dollar"},
	"stipend":                     {MaxUnitCostUSD, "USD"},
	"stipend_response_per_dollar": {1, "a year per dollar"},
	"enforcement_response":        {100, "a year per unit of intensity"},
	"enforcement_reference":       {100, "arrests a year per person at large"},
	"appropriation_per_year":      {1e13, "USD"},
	// The full cost model (costs.model) and appropriations.
	"inflation_per_year":         {1, "a year"},
	"support_staff_per_officer":  {100, "employees per officer"},
	"support_staff_cost_year":    {MaxUnitCostUSD, "USD"},
	"hsi_cost_per_arrest":        {MaxUnitCostUSD, "USD"},
	"bed_capital_per_bed":        {MaxUnitCostUSD, "USD"},
	"transfers_per_admission":    {1e3, "transfers per admission"},
	"cost_per_transfer":          {MaxUnitCostUSD, "USD"},
	"escort_per_flight_removal":  {MaxUnitCostUSD, "USD"},
	"attorneys_per_judge":        {1e3, "attorneys per judge"},
	"attorney_cost_year":         {MaxUnitCostUSD, "USD"},
	"interpreter_per_completion": {MaxUnitCostUSD, "USD"},
	"per_appeal":                 {MaxUnitCostUSD, "USD"},
	"per_litigation":             {MaxUnitCostUSD, "USD"},
	"cbp_per_border_removal":     {MaxUnitCostUSD, "USD"},
	"third_country_payment":      {MaxUnitCostUSD, "USD"},
	// A published study's figures (study).
	"removals_per_year":          {MaxPeople, "removals a year"},
	"people":                     {MaxPeople, "people"},
	"arrests_usd":                {1e14, "USD a year"},
	"detention_usd":              {1e14, "USD a year"},
	"legal_usd":                  {1e14, "USD a year"},
	"transport_usd":              {1e14, "USD a year"},
	"other_usd":                  {1e14, "USD a year"},
	"one_time_usd":               {1e15, "USD"},
	"beds":                       {MaxPeople, "beds"},
	"officers":                   {MaxPeople, "officers"},
	"judges":                     {MaxPeople, "judges"},
	"duration_years":             {MaxMonths / 12, "years"},
	"cost_per_arrest":            {MaxUnitCostUSD, "USD"},
	"arrests_per_removal":        {1e3, "arrests per removal"},
	"cost_per_detention_day":     {MaxUnitCostUSD, "USD"},
	"detention_days_per_removal": {MaxDays, "days"},
	"per_year":                   {1e13, "USD"},
	"total":                      {1e14, "USD"},
}

// limitOf returns the limit of the parameter with the given key, and
// false when it has none (shares, bounded by 1 instead).
func limitOf(key string) (limit, bool) {
	l, ok := limits[key]
	return l, ok
}

// paramKey returns the key of a parameter path: its last element without
// index ("target" for "capacities.judges.target[0].value").
func paramKey(path string) string {
	path = strings.TrimSuffix(path, ".value")
	if i := strings.LastIndexByte(path, '['); i >= 0 && strings.HasSuffix(path, "]") {
		path = path[:i]
	}
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		path = path[i+1:]
	}
	return path
}
