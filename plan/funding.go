package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/budget"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/result"
)

// AppropriationsConstraint is the Binding.Constraint that names the
// appropriations when the plan's spending passes them.
const AppropriationsConstraint = "appropriations"

// FundingGap is a fiscal year in which an agency's spending under the
// plan passes the funds the scenario appropriates to it (nominal USD).
type FundingGap struct {
	FiscalYear      int     `json:"fiscal_year"`
	Agency          string  `json:"agency"`
	SpendingUSD     float64 `json:"spending_usd"`
	AppropriatedUSD float64 `json:"appropriated_usd"`
	GapUSD          float64 `json:"gap_usd"`
}

// funding compares the plan's spending by fiscal year with the
// scenario's appropriations (package budget's account, plus the surge
// premium, which ICE pays), and returns a binding entry naming the years
// the funds do not cover, or nil when they cover every year. A plan is
// not refused for this: the appropriations are today's law, which
// Congress may change, so the answer says how much more it would take.
func (p *problem) funding(m *model.Model, r *result.Result) (*Binding, error) {
	a, err := budget.Account(&m.CostUnits, r)
	if err != nil {
		return nil, err
	}
	surge := map[int]float64{}
	for i, l := range p.levers {
		for mi, add := range m.Levels[i].Added {
			mo := p.start.Add(mi)
			fy := mo.FiscalYear()
			surge[fy] += l.surge(mo, add) * budget.Inflator(&m.CostUnits, fy)
		}
	}
	var gaps []FundingGap
	var total float64
	var years []string
	for _, row := range a.Appropriations {
		spend := row.SpendingUSD
		if row.Agency == "ice" {
			spend += surge[row.FiscalYear]
		}
		if row.AppropriatedUSD <= 0 || spend <= row.AppropriatedUSD {
			continue
		}
		g := FundingGap{FiscalYear: row.FiscalYear, Agency: row.Agency, SpendingUSD: spend, AppropriatedUSD: row.AppropriatedUSD, GapUSD: spend - row.AppropriatedUSD}
		gaps = append(gaps, g)
		total += g.GapUSD
		years = append(years, fmt.Sprintf("FY%d %s %s", g.FiscalYear, strings.ToUpper(g.Agency), money(g.GapUSD)))
	}
	if len(gaps) == 0 {
		return nil, nil
	}
	return &Binding{Constraint: AppropriationsConstraint, Funding: gaps,
		Note: fmt.Sprintf("the scenario's appropriations (annual funds held at their last level, P.L. 119-21's multi-year funds spread over their years) do not cover the plan: spending passes them by %s in all (nominal dollars): %s; the plan needs that much more appropriated, or it is not feasible under today's funding",
			money(total), strings.Join(years, ", "))}, nil
}

// withMoves attaches each lever's move to its ramp's binding entry, and
// adds an entry for a lever that moves without being named as binding,
// so that binding names every lever the plan moves and how far.
func withMoves(bs []Binding, moves []Move) []Binding {
	out := append([]Binding(nil), bs...)
	for _, mv := range moves {
		name := mv.Capacity + "_ramp"
		k := slices.IndexFunc(out, func(b Binding) bool { return b.Constraint == name })
		if k < 0 {
			out = append(out, Binding{Constraint: name})
			k = len(out) - 1
		}
		b := &out[k]
		if b.Move != nil {
			mv.NeededPerMonth, mv.BeyondLimit = b.Move.NeededPerMonth, b.Move.BeyondLimit
		}
		b.Move = &mv
		if b.Note == "" {
			b.Note = mv.note()
		} else {
			b.Note = mv.note() + "; " + b.Note
		}
	}
	return out
}
