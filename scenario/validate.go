package scenario

import (
	"math"
	"reflect"
	"strconv"
	"strings"

	"github.com/removalsim/removalsim/procedure"
)

// Limits on the scenario's horizon and time step.
const (
	MaxMonths      = 600
	MaxStepsPerDay = 96
)

// sumTolerance is how far from 1 a group of shares may sum.
const sumTolerance = 1e-9

// Validate checks a scenario built in code (or changed after Parse) by
// the same rules Parse applies, and returns an ErrorList of every problem,
// or nil. Its errors carry paths but no file positions. A Param counts as
// given only when Set (use P); StepsPerDay 0 means the default, 1.
//
// The rules:
//   - name, start and months are required; months is 1 to 600,
//     steps_per_day 1 to 96; seed may be 0;
//   - every Param whose yaml tag lacks omitempty is required, and so are
//     the schedules inflows.border_encounters and inflows.new_entries;
//   - every Param is finite and >= 0; shares are in [0, 1] (keys ending in
//     _share, _rate, _share_per_year, _rate_per_year, and
//     attrition_per_year, notice_fear_claim_max and the court outcomes);
//   - a Param's range is [low, high] with low <= value <= high;
//   - schedule steps have a from, in strictly increasing order;
//   - border's three processing shares (and those of each of its dated
//     periods, whose months strictly increase), each court outcome set, and the
//     countries' caseload_share and border_share each sum to 1 (within
//     1e-9);
//   - at least one country group; country and third-country names are
//     non-empty and unique; a third country's until is not before its from;
//   - the custodial pool's three arrests fields
//     (removable_bookings_per_month, cooperation_share,
//     custodial_officer_months) are given together or not at all;
//   - an injunction has a name, a from, exactly one of pathway (see
//     procedure.PathwayNames) and destination (procedure.DestinationNames),
//     and an until not before its from.
func (s *Scenario) Validate() error {
	v := validator{s: s}
	v.run()
	return v.errs.Err()
}

type validator struct {
	s       *Scenario
	at      func(path string) pos  // where path is in the file; nil without one
	atKey   func(path string) pos  // at, preferring the key to the value
	present func(path string) bool // whether path appeared; nil without a file
	skip    func(path string) bool // paths already reported by the decoder
	errs    ErrorList
}

func (v *validator) report(path string, code Code, format string, args ...any) {
	if v.skip != nil && v.skip(path) {
		return
	}
	var p pos
	if v.at != nil {
		p = v.at(path)
	}
	v.errs.add(p, path, code, format, args...)
}

// reportKey is report for errors about a whole mapping: it points at the
// mapping's key rather than at its first entry.
func (v *validator) reportKey(path string, code Code, format string, args ...any) {
	if v.skip != nil && v.skip(path) {
		return
	}
	var p pos
	if v.atKey != nil {
		p = v.atKey(path)
	}
	v.errs.add(p, path, code, format, args...)
}

func (v *validator) wasPresent(path string) bool {
	return v.present != nil && v.present(path)
}

func (v *validator) run() {
	s := v.s
	if s.Name == "" {
		v.report("name", Missing, "required: a short identifier such as baseline-2025")
	}
	if s.Start == 0 {
		v.report("start", Missing, "required: the first simulated month, as YYYY-MM")
	}
	switch {
	case s.Months == 0 && !v.wasPresent("months"):
		v.report("months", Missing, "required: the horizon in months, 1 to %d", MaxMonths)
	case s.Months < 1 || s.Months > MaxMonths:
		v.report("months", OutOfRange, "must be between 1 and %d, got %d", MaxMonths, s.Months)
	}
	if (s.StepsPerDay != 0 || v.wasPresent("steps_per_day")) && (s.StepsPerDay < 1 || s.StepsPerDay > MaxStepsPerDay) {
		v.report("steps_per_day", OutOfRange, "must be between 1 and %d, got %d", MaxStepsPerDay, s.StepsPerDay)
	}

	v.countries()
	v.thirdCountries()
	v.injunctions()
	v.appropriations()
	v.levers()
	v.arrests()
	v.size()
	v.params(reflect.ValueOf(s).Elem(), "")

	b := &s.Border
	v.sum("border", []string{"expedited_removal_share", "released_share", "returned_share"},
		&b.ExpeditedRemovalShare, &b.ReleasedShare, &b.ReturnedShare)
	for i := range b.Periods {
		bp := &b.Periods[i]
		path := "border.periods[" + strconv.Itoa(i) + "]"
		if bp.From == 0 {
			v.report(path+".from", Missing, "required: the month the shares start, as YYYY-MM")
		} else if i > 0 && b.Periods[i-1].From != 0 && bp.From <= b.Periods[i-1].From {
			v.report(path+".from", BadOrder, "must be after the period before (%s), got %s", b.Periods[i-1].From, bp.From)
		}
		v.sum(path, []string{"expedited_removal_share", "released_share", "returned_share"},
			&bp.ExpeditedRemovalShare, &bp.ReleasedShare, &bp.ReturnedShare)
	}
	for _, o := range []struct {
		path string
		o    *Outcomes
	}{{"court.detained", &s.Court.Detained}, {"court.non_detained", &s.Court.NonDetained}} {
		v.sum(o.path, []string{"removal_order", "relief", "voluntary_departure", "terminated"},
			&o.o.RemovalOrder, &o.o.Relief, &o.o.VoluntaryDeparture, &o.o.Terminated)
	}
	v.countrySums()
}

// isShare reports whether the key names a share, bounded by [0, 1].
func isShare(key string) bool {
	for _, suffix := range []string{"_share", "_rate", "_share_per_year", "_rate_per_year"} {
		if strings.HasSuffix(key, suffix) {
			return true
		}
	}
	switch key {
	case "attrition_per_year", "notice_fear_claim_max",
		"removal_order", "relief", "voluntary_departure", "terminated":
		return true
	}
	return false
}

var scheduleType = reflect.TypeFor[Schedule]()

// params applies the rules common to every Param and Schedule of the
// struct v, recursively.
func (v *validator) params(val reflect.Value, path string) {
	for _, f := range fieldsOf(val.Type()) {
		fv := val.FieldByIndex(f.index)
		child := join(path, f.name)
		switch {
		case fv.Type() == paramType:
			v.param(fv.Addr().Interface().(*Param), child, !f.omitempty, isShare(f.name))
		case fv.Type() == scheduleType:
			v.schedule(fv.Interface().(Schedule), child, !f.omitempty, isShare(f.name))
		case fv.Kind() == reflect.Struct && fv.Type() != monthType && fv.Type() != dateType:
			v.params(fv, child)
		case fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Struct:
			for i := range fv.Len() {
				v.params(fv.Index(i), child+"["+strconv.Itoa(i)+"]")
			}
		}
	}
}

func (v *validator) param(p *Param, path string, required, share bool) {
	if !p.Set {
		if required {
			v.report(path, Missing, "required: want a number, or {value: ..., source: ...}")
		}
		return
	}
	x := p.Value
	lim, limited := limitOf(paramKey(path))
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.report(path, OutOfRange, "must be a finite number, got %s", num(x))
		return
	case share && (x < 0 || x > 1):
		v.report(path, OutOfRange, "must be between 0 and 1, got %s", num(x))
	case x < 0:
		v.report(path, OutOfRange, "must be >= 0, got %s", num(x))
	case limited && x > lim.max:
		v.report(path, OutOfRange, "must be at most %s (%s), got %s", num(lim.max), lim.unit, num(x))
	}
	v.changes(p, path, share, lim, limited)
	if p.Range == nil {
		return
	}
	rp := path + ".range"
	if len(p.Range) != 2 {
		v.report(rp, BadRange, "want [low, high], got %s", plural(len(p.Range), "number"))
		return
	}
	lo, hi := p.Range[0], p.Range[1]
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0):
		v.report(rp, BadRange, "want finite numbers, got [%s, %s]", num(lo), num(hi))
	case lo > hi:
		v.report(rp, BadRange, "low %s is above high %s", num(lo), num(hi))
	case lo == hi:
		// Sensitivity analysis needs an interval to sample.
		v.report(rp, BadRange, "low and high are both %s; give low < high, or leave the range out to hold the parameter fixed", num(lo))
	case lo < 0 || share && hi > 1 || limited && hi > lim.max:
		// Sensitivity analysis runs the scenario anywhere in the range.
		top := 1.0
		if limited {
			top = lim.max
		} else if !share {
			top = math.Inf(1)
		}
		v.report(rp, BadRange, "[%s, %s] must lie within [0, %s], the values the parameter may take", num(lo), num(hi), num(top))
	case x < lo || x > hi:
		v.report(rp, BadRange, "value %s is outside [%s, %s]", num(x), num(lo), num(hi))
	}
}

// changes checks a parameter's dated changes: allowed on this parameter,
// each with a month in increasing order and a value the parameter may take.
func (v *validator) changes(p *Param, path string, share bool, lim limit, limited bool) {
	if len(p.Changes) == 0 {
		return
	}
	if !Changeable(path) {
		v.report(path+".changes", NotChangeable, "the engines read this parameter once per run, so it cannot change on a date; %s", changeableText)
		return
	}
	for i, c := range p.Changes {
		cp := path + ".changes[" + strconv.Itoa(i) + "]"
		switch {
		case c.From == 0:
			v.report(cp+".from", Missing, "required: the month the value starts, as YYYY-MM")
		case i > 0 && p.Changes[i-1].From != 0 && c.From <= p.Changes[i-1].From:
			v.report(cp+".from", BadOrder, "must be after the change before (%s), got %s", p.Changes[i-1].From, c.From)
		}
		x := c.Value
		switch {
		case v.present != nil && !v.wasPresent(cp+".value"):
			v.report(cp+".value", Missing, "required: the value from that month on")
		case math.IsNaN(x) || math.IsInf(x, 0):
			v.report(cp+".value", OutOfRange, "must be a finite number, got %s", num(x))
		case share && (x < 0 || x > 1):
			v.report(cp+".value", OutOfRange, "must be between 0 and 1, got %s", num(x))
		case x < 0:
			v.report(cp+".value", OutOfRange, "must be >= 0, got %s", num(x))
		case limited && x > lim.max:
			v.report(cp+".value", OutOfRange, "must be at most %s (%s), got %s", num(lim.max), lim.unit, num(x))
		}
	}
}

func (v *validator) schedule(s Schedule, path string, required, share bool) {
	if len(s) == 0 {
		if required {
			v.report(path, Missing, "required: a list of steps [{from: YYYY-MM, value: N}, ...]")
		}
		return
	}
	for i, st := range s {
		sp := path + "[" + strconv.Itoa(i) + "]"
		if st.From == 0 {
			v.report(sp+".from", Missing, "required: the month the value starts, as YYYY-MM")
		} else if i > 0 && s[i-1].From != 0 && st.From <= s[i-1].From {
			v.report(sp+".from", BadOrder, "must be after the step before (%s), got %s", s[i-1].From, st.From)
		}
		v.param(&s[i].Value, sp+".value", true, share)
	}
}

// sum checks that the shares sum to 1, once all are given.
func (v *validator) sum(path string, names []string, ps ...*Param) {
	total := 0.0
	for _, p := range ps {
		if !p.Set {
			return
		}
		total += p.Value
	}
	if math.Abs(total-1) > sumTolerance {
		v.reportKey(path, BadSum, "%s must sum to 1, got %s", strings.Join(names, " + "), sumNum(total))
	}
}

func (v *validator) countries() {
	cs := v.s.Countries
	if len(cs) == 0 {
		v.report("countries", Missing, "required: at least one country group [{name: ..., caseload_share: ..., ...}]")
		return
	}
	if len(cs) > MaxCountryGroups {
		v.reportKey("countries", OutOfRange, "at most %d country groups, got %d; merge small ones", MaxCountryGroups, len(cs))
	}
	seen := map[string]int{}
	for i, c := range cs {
		v.name(c.Name, "countries["+strconv.Itoa(i)+"]", seen, i, "country group")
	}
}

// size checks that the compiled model stays small: horizon steps times
// country groups is bounded (MaxStepGroups), so that no scenario that
// validates needs gigabytes to run.
func (v *validator) size() {
	s := v.s
	spd := s.StepsPerDay
	if spd == 0 {
		spd = 1
	}
	if s.Start == 0 || s.Months < 1 || s.Months > MaxMonths || spd < 1 || spd > MaxStepsPerDay {
		return // reported already
	}
	days := 0
	for i := range s.Months {
		days += s.Start.Add(i).Days()
	}
	steps := days * spd
	if n := steps * (min(len(s.Countries), MaxCountryGroups) + 16); n > MaxStepGroups {
		path := "months"
		if spd > 1 {
			path = "steps_per_day"
		}
		v.report(path, OutOfRange, "%d months of %d steps a day with %d country groups is too large to hold: "+
			"steps × (country groups + 16) must be at most %d, got %d; use fewer steps a day, months or groups",
			s.Months, spd, len(s.Countries), MaxStepGroups, n)
	}
}

// countrySums checks that caseload_share and border_share each sum to 1
// over the country groups, once all are given.
func (v *validator) countrySums() {
	caseload, border := 0.0, 0.0
	for _, c := range v.s.Countries {
		if !c.CaseloadShare.Set || !c.BorderShare.Set {
			return
		}
		caseload += c.CaseloadShare.Value
		border += c.BorderShare.Value
	}
	if len(v.s.Countries) == 0 {
		return
	}
	if math.Abs(caseload-1) > sumTolerance {
		v.reportKey("countries", BadSum, "caseload_share over the country groups must sum to 1, got %s", sumNum(caseload))
	}
	if math.Abs(border-1) > sumTolerance {
		v.reportKey("countries", BadSum, "border_share over the country groups must sum to 1, got %s", sumNum(border))
	}
}

// name checks that the name of list entry i at path is given and unique.
func (v *validator) name(name, path string, seen map[string]int, i int, what string) {
	np := path + ".name"
	if name == "" {
		v.report(np, Missing, "required: every %s needs a name", what)
		return
	}
	if j, dup := seen[name]; dup {
		v.report(np, DuplicateName, "%s %q is already defined at %s", what, name, path[:strings.LastIndexByte(path, '[')]+"["+strconv.Itoa(j)+"]")
		return
	}
	seen[name] = i
}

func (v *validator) thirdCountries() {
	if n := len(v.s.ThirdCountries); n > MaxThirdCountries {
		v.reportKey("third_countries", OutOfRange, "at most %d third-country agreements, got %d", MaxThirdCountries, n)
	}
	seen := map[string]int{}
	for i, t := range v.s.ThirdCountries {
		p := "third_countries[" + strconv.Itoa(i) + "]"
		v.name(t.Name, p, seen, i, "third country")
		if t.From == 0 {
			v.report(p+".from", Missing, "required: the month the agreement takes effect, as YYYY-MM")
		} else if t.Until != 0 && t.Until < t.From {
			v.report(p+".until", BadOrder, "must not be before from (%s), got %s", t.From, t.Until)
		}
	}
}

func (v *validator) injunctions() {
	if n := len(v.s.Procedure.Injunctions); n > MaxInjunctions {
		v.reportKey("procedure.injunctions", OutOfRange, "at most %d injunctions, got %d", MaxInjunctions, n)
	}
	for i, in := range v.s.Procedure.Injunctions {
		p := "procedure.injunctions[" + strconv.Itoa(i) + "]"
		if in.Name == "" {
			v.report(p+".name", Missing, "required: the case name")
		}
		switch {
		case in.Pathway != "" && in.Destination != "":
			v.report(p, Conflict, "set exactly one of pathway and destination, not both")
		case in.Pathway == "" && in.Destination == "":
			v.report(p, Conflict, "set one of pathway (%s) or destination (%s)",
				strings.Join(procedure.PathwayNames(), ", "), strings.Join(procedure.DestinationNames(), ", "))
		case in.Pathway != "":
			if _, ok := procedure.ParsePathway(in.Pathway); !ok {
				v.report(p+".pathway", UnknownName, "unknown pathway %q (valid: %s)", in.Pathway, strings.Join(procedure.PathwayNames(), ", "))
			}
		default:
			if _, ok := procedure.ParseDestination(in.Destination); !ok {
				v.report(p+".destination", UnknownName, "unknown destination class %q (valid: %s)", in.Destination, strings.Join(procedure.DestinationNames(), ", "))
			}
		}
		if in.From == 0 {
			v.report(p+".from", Missing, "required: the first day in force, as YYYY-MM-DD")
		} else if in.Until != 0 && in.Until < in.From {
			v.report(p+".until", BadOrder, "must not be before from (%s), got %s", in.From, in.Until)
		}
	}
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

// sumNum formats a sum to 12 significant digits, so that rounding in the
// addition does not show (0.9, not 0.8999999999999999).
func sumNum(x float64) string {
	return strconv.FormatFloat(x, 'g', 12, 64)
}

// num formats a number for messages: plain decimals where they are
// readable, exponents otherwise.
func num(x float64) string {
	if a := math.Abs(x); a == 0 || (a >= 1e-6 && a < 1e15) {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}
