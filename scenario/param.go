package scenario

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Param is a numeric parameter with its provenance. In YAML it is either a
// bare number or a mapping with value, source, as_of, range and changes:
//
//	per_bed_day: 157
//	per_bed_day: {value: 157, source: "ICE FY2024 budget justification, p. 12", as_of: 2024-02, range: [130, 190]}
//	per_officer_month: {value: 1.58, source: "...", changes: [{from: 2025-06, value: 2.4, source: "..."}]}
//
// Value holds until the first change; each change holds from its month
// until the next. Only the parameters the model reads month by month may
// change (see Changeable); Validate reports a change anywhere else.
type Param struct {
	// Value is the number itself, in the unit the field's doc states.
	Value float64 `yaml:"value" json:"value"`
	// Source is the publication and page, or data series and table.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
	// AsOf is when the figure was true ("2024-11" or "FY2024").
	AsOf string `yaml:"as_of,omitempty" json:"as_of,omitempty"`
	// Range is the plausible [low, high] for sensitivity analysis; nil
	// when the parameter is held fixed.
	Range []float64 `yaml:"range,omitempty" json:"range,omitempty"`
	// Changes are dated new values, in strictly increasing order of From.
	// Tools that set a parameter (sensitivity, calibration, levers) set
	// Value, the value before the first change; the changes stay.
	Changes []Change `yaml:"changes,omitempty" json:"changes,omitempty"`
	// Set reports whether the parameter appeared in the file (or in a file
	// it extends), so validation can tell 0 from missing.
	Set bool `yaml:"-" json:"-"`
}

// Change is a dated new value of a Param: what happened (a policy, a
// surge, a contract) from a month on, with its own source.
type Change struct {
	// From is the first month the value holds.
	From Month `yaml:"from" json:"from"`
	// Value holds from From until the next change.
	Value float64 `yaml:"value" json:"value"`
	// Source cites the value, as Param.Source does.
	Source string `yaml:"source,omitempty" json:"source,omitempty"`
}

// At returns the parameter's value in force in month m: Value before the
// first change, then the latest change whose month has come.
func (p Param) At(m Month) float64 {
	v := p.Value
	for _, c := range p.Changes {
		if c.From > m {
			break
		}
		v = c.Value
	}
	return v
}

// changeable lists the parameters package model reads month by month,
// by path with list indexes removed: only these may carry dated changes.
// The others are read once per run by the engines, so a change on them
// would be silently ignored; Validate refuses it instead.
var changeable = map[string]bool{
	"arrests.per_officer_month":                             true,
	"arrests.removable_bookings_per_month":                  true,
	"arrests.cooperation_share":                             true,
	"arrests.custodial_officer_months":                      true,
	"arrests.reachable_share":                               true,
	"arrests.collateral_share":                              true,
	"arrests.unbooked_removal_share":                        true,
	"capacities.officers.productivity":                      true,
	"departure.stipend":                                     true,
	"capacities.judges.completions_per_judge_year":          true,
	"capacities.asylum_officers.screenings_per_officer_day": true,
	"countries.monthly_cap":                                 true,
	"third_countries.monthly_capacity":                      true,
	"capacities.officers.max_added_per_month":               true,
	"capacities.detention_beds.max_added_per_month":         true,
	"capacities.flights.max_added_per_month":                true,
	"capacities.land_removals.max_added_per_month":          true,
	"capacities.judges.max_added_per_month":                 true,
	"capacities.asylum_officers.max_added_per_month":        true,
	"capacities.officers.attrition_per_year":                true,
	"capacities.detention_beds.attrition_per_year":          true,
	"capacities.flights.attrition_per_year":                 true,
	"capacities.land_removals.attrition_per_year":           true,
	"capacities.judges.attrition_per_year":                  true,
	"capacities.asylum_officers.attrition_per_year":         true,
}

// changeableText says in a sentence which parameters may change on a date.
const changeableText = "parameters that can: arrests.per_officer_month, the custodial pool and at-large search of arrests " +
	"(removable_bookings_per_month, cooperation_share, custodial_officer_months, reachable_share, collateral_share, unbooked_removal_share), capacities.officers.productivity, " +
	"max_added_per_month and attrition_per_year of every capacity, " +
	"capacities.judges.completions_per_judge_year, capacities.asylum_officers.screenings_per_officer_day, " +
	"countries[].monthly_cap, third_countries[].monthly_capacity"

// Changeable reports whether the parameter at path ("arrests.per_officer_month",
// "countries[2].monthly_cap") may carry dated changes.
func Changeable(path string) bool {
	var b strings.Builder
	for i := 0; i < len(path); i++ {
		if path[i] == '[' {
			for i < len(path) && path[i] != ']' {
				i++
			}
			continue
		}
		b.WriteByte(path[i])
	}
	return changeable[b.String()]
}

// ChangeablePaths returns the paths Changeable accepts, sorted.
func ChangeablePaths() []string {
	out := make([]string, 0, len(changeable))
	for p := range changeable {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// P returns a Param holding v, marked as set. It is for tests and for
// code that builds scenarios (history, planner).
func P(v float64) Param { return Param{Value: v, Set: true} }

// Step is one entry of a Schedule: the value in force from a month on.
type Step struct {
	// From is the first month the value holds.
	From Month `yaml:"from" json:"from"`
	// Value holds from From until the next step.
	Value Param `yaml:"value" json:"value"`
}

// Schedule is a piecewise-constant series of values by month, with steps
// in strictly increasing order of From. Before the first step the first
// step's value holds.
type Schedule []Step

// At returns the value in force in month m, and 0 for an empty schedule.
func (s Schedule) At(m Month) float64 {
	if len(s) == 0 {
		return 0
	}
	v := s[0].Value.Value
	for _, st := range s {
		if st.From > m {
			break
		}
		v = st.Value.Value
	}
	return v
}

// Month is a calendar month, counted as year×12 + (month−1). The zero
// value means unset. In YAML and JSON it is written "2025-01".
type Month int32

// MonthOf returns the Month of a year and month (1–12).
func MonthOf(year int, month time.Month) Month {
	return Month(year*12 + int(month) - 1)
}

// ParseMonth parses "YYYY-MM".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, fmt.Errorf("want a month as YYYY-MM, got %q", s)
	}
	return MonthOf(t.Year(), t.Month()), nil
}

// Year returns the calendar year.
func (m Month) Year() int { return int(m) / 12 }

// Calendar returns the calendar month (January = 1).
func (m Month) Calendar() time.Month { return time.Month(int(m)%12 + 1) }

// Add returns the month n months later (n may be negative).
func (m Month) Add(n int) Month { return m + Month(n) }

// Days returns the number of days in the month.
func (m Month) Days() int {
	return time.Date(m.Year(), m.Calendar()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// FirstDay returns the Date of the month's first day.
func (m Month) FirstDay() Date { return DateOf(m.Year(), m.Calendar(), 1) }

// String formats the month as "YYYY-MM", or "" when unset.
func (m Month) String() string {
	if m == 0 {
		return ""
	}
	y, c := m.Year(), int(m.Calendar())
	if y < 0 || y > 9999 || c < 1 {
		return fmt.Sprintf("%04d-%02d", y, c)
	}
	// Written out: every run labels each of its months (fmt costs
	// some 1,600 instructions a label).
	b := [7]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + c/10), byte('0' + c%10)}
	return string(b[:])
}

// FiscalYear returns the U.S. federal fiscal year the month falls in
// (FY2025 runs October 2024 to September 2025).
func (m Month) FiscalYear() int {
	if m.Calendar() >= time.October {
		return m.Year() + 1
	}
	return m.Year()
}

// Date is a civil date, counted in days since 1970-01-01 plus one, so that
// the zero value means unset. In YAML it is "2025-04-18" or "2025-04"
// (the month's first day).
type Date int32

// DateOf returns the Date of a calendar day.
func DateOf(year int, month time.Month, day int) Date {
	return Date(time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix()/86400 + 1)
}

// ParseDate parses "YYYY-MM-DD" or "YYYY-MM".
func ParseDate(s string) (Date, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return DateOf(t.Year(), t.Month(), t.Day()), nil
	}
	if t, err := time.Parse("2006-01", s); err == nil {
		return DateOf(t.Year(), t.Month(), 1), nil
	}
	return 0, fmt.Errorf("want a date as YYYY-MM-DD or YYYY-MM, got %q", s)
}

// Time returns the date as midnight UTC.
func (d Date) Time() time.Time { return time.Unix(int64(d-1)*86400, 0).UTC() }

// Month returns the month the date falls in.
func (d Date) Month() Month { t := d.Time(); return MonthOf(t.Year(), t.Month()) }

// String formats the date as "YYYY-MM-DD", or "" when unset.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// fieldIndexes caches, per struct type, the index path of each YAML key
// (inline fields flattened, as Params names them), so that Lookup follows
// a path by name instead of walking every parameter of the scenario.
var fieldIndexes sync.Map // reflect.Type → map[string][]int

// fieldIndex returns the YAML keys of struct type t and their index paths.
func fieldIndex(t reflect.Type) map[string][]int {
	if m, ok := fieldIndexes.Load(t); ok {
		return m.(map[string][]int)
	}
	m := map[string][]int{}
	var add func(t reflect.Type, prefix []int)
	add = func(t reflect.Type, prefix []int) {
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name == "-" || !f.IsExported() {
				continue
			}
			idx := append(slices.Clone(prefix), i)
			if strings.Contains(opts, "inline") && f.Type.Kind() == reflect.Struct {
				add(f.Type, idx)
				continue
			}
			if _, dup := m[name]; !dup && name != "" {
				m[name] = idx
			}
		}
	}
	add(t, nil)
	fieldIndexes.Store(t, m)
	return m
}

// lookupPath follows path ("capacities.detention_beds.initial",
// "countries[2].acceptance_rate") through s by field name and index: the
// same parameter Params lists under that path, found in time proportional
// to the path's length rather than the scenario's size.
func lookupPath(s *Scenario, path string) *Param {
	if s == nil || path == "" {
		return nil
	}
	v := reflect.ValueOf(s).Elem()
	for _, seg := range strings.Split(path, ".") {
		name, idxs := seg, ""
		if i := strings.IndexByte(seg, '['); i >= 0 {
			name, idxs = seg[:i], seg[i:]
		}
		if v.Kind() != reflect.Struct || v.Type() == paramType {
			return nil
		}
		fi, ok := fieldIndex(v.Type())[name]
		if !ok {
			return nil
		}
		v = v.FieldByIndex(fi)
		for idxs != "" {
			end := strings.IndexByte(idxs, ']')
			if idxs[0] != '[' || end < 0 {
				return nil
			}
			n, err := strconv.Atoi(idxs[1:end])
			// Params writes indexes with strconv.Itoa: no sign, no
			// leading zero.
			if err != nil || strconv.Itoa(n) != idxs[1:end] || v.Kind() != reflect.Slice || n < 0 || n >= v.Len() {
				return nil
			}
			v, idxs = v.Index(n), idxs[end+1:]
		}
	}
	if v.Type() != paramType {
		return nil
	}
	return v.Addr().Interface().(*Param)
}
