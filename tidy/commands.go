package tidy

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/backtest"
	"github.com/removalsim/removalsim/compare"
	"github.com/removalsim/removalsim/plan"
	"github.com/removalsim/removalsim/sensitivity"
)

// Comparison returns the rows of compare: per outcome, A's and B's means
// (scenario a and b, band "mean") and, under scenario b, the difference
// B − A ("diff"), its relative size ("relative") and the bounds of its
// confidence interval ("ci_low", "ci_high"). period is the span compared.
func Comparison(a, b, engine, period string, c *compare.Comparison) []Row {
	var rows []Row
	for _, r := range c.Rows {
		unit := compareUnit(r.Outcome, r.Unit)
		for _, x := range []struct {
			scenario, band string
			v              float64
			unit           string
		}{
			{a, "mean", r.A, unit}, {b, "mean", r.B, unit}, {b, "diff", r.Diff, unit},
			{b, "relative", r.Relative, "share"}, {b, "ci_low", r.Low, unit}, {b, "ci_high", r.High, unit},
		} {
			rows = append(rows, Row{x.scenario, engine, x.band, r.Outcome, x.unit, period, x.v})
		}
	}
	return rows
}

// compareUnit maps compare's units to the table's.
func compareUnit(outcome, u string) string {
	switch {
	case u == "USD" && strings.Contains(outcome, "per_removal"):
		return "usd_per_person"
	case u == "USD":
		return "usd"
	case u == "":
		return "persons"
	}
	return u
}

// Plan returns the rows of plan: per month of the schedule the annual
// rate ("rate_per_year"), cost ("cost_usd") and each capacity's level and
// additions ("level.<capacity>", "added.<capacity>"), all in band "plan";
// then, over the span start..horizon, the target, the achieved rate of
// each engine (band "achieved", engine flow or agent, from achieved),
// total cost, feasibility (1 or 0), each binding constraint's limit
// ("limit_per_year.<constraint>", "relaxed_per_year.<constraint>") and
// each lever's move ("move_to.<capacity>", "move_pace_per_month.",
// "move_limit_per_month.", "move_cost_usd.").
func Plan(scenario string, p *plan.Plan, achieved map[string]float64) []Row {
	t := table{scenario: scenario, engine: "flow", band: "plan"}
	for _, m := range p.Schedule {
		t.period = m.Month
		t.add("rate_per_year", m.RatePerYear)
		t.add("cost_usd", m.CostUSD)
		t.fields("level.", reflect.ValueOf(m.Levels))
		t.fields("added.", reflect.ValueOf(m.Added))
		t.flush()
	}
	if len(p.Schedule) == 0 {
		return t.rows
	}
	t.period = p.Schedule[0].Month + "/" + p.Horizon
	t.add("target_per_year", p.TargetPerYear)
	t.add("cost_usd", p.CostUSD)
	t.add("feasible", map[bool]float64{true: 1}[p.Feasible])
	t.add("third_country_added_per_month", p.ThirdCountryAdded)
	for _, b := range p.Binding {
		// A lever's move or the appropriations in Binding carry no
		// limiting rate; their rows are the move's level, pace and cost.
		if b.LimitPerYear > 0 {
			t.add("limit_per_year."+b.Constraint, b.LimitPerYear)
			t.add("relaxed_per_year."+b.Constraint, b.RelaxedPerYear)
		}
		if mv := b.Move; mv != nil && mv.To > 0 {
			t.add("move_to."+mv.Capacity, mv.To)
			t.add("move_pace_per_month."+mv.Capacity, mv.PacePerMonth)
			t.add("move_limit_per_month."+mv.Capacity, mv.LimitPerMonth)
			t.add("move_cost_usd."+mv.Capacity, mv.CostUSD)
		}
	}
	t.flush()
	t.band = "achieved"
	for _, engine := range []string{"flow", "agent"} {
		if v, ok := achieved[engine]; ok {
			t.engine = engine
			t.add("rate_per_year", v)
			t.flush()
		}
	}
	return t.rows
}

// Backtest returns the rows of backtest: per fiscal year (scenario
// "history-FYyyyy", period "FYyyyy") each series predicted (band
// "predicted") and, where the dataset has it, observed ("actual"); then
// the mean absolute percentage error of each series (scenario
// "history", metric "mape.<series>", unit percent) over all years
// (band "all") and the held-out ones ("held_out"), skipped when undefined.
func Backtest(r *backtest.Report) []Row {
	var rows []Row
	for _, y := range r.Years {
		fy := fmt.Sprintf("FY%d", y.FY)
		for _, s := range backtest.Series {
			v := y.Values[s]
			rows = append(rows, Row{"history-" + fy, "flow", "predicted", s, backtestUnit(s), fy, v.Predicted})
			if v.HasActual {
				rows = append(rows, Row{"history-" + fy, "flow", "actual", s, backtestUnit(s), fy, v.Actual})
			}
		}
	}
	if len(r.Years) == 0 {
		return rows
	}
	span := fmt.Sprintf("FY%d/FY%d", r.Years[0].FY, r.Years[len(r.Years)-1].FY)
	for _, s := range backtest.Series {
		m := r.MAPE[s]
		for _, x := range []struct {
			band string
			v    float64
		}{{"all", m.All}, {"held_out", m.HeldOut}} {
			if x.v == x.v { // NaN: no year with a figure
				rows = append(rows, Row{"history", "flow", x.band, "mape." + s, "percent", span, x.v})
			}
		}
	}
	return rows
}

// backtestUnit is the unit of a backtest series.
func backtestUnit(s string) string {
	if s == "court_backlog" {
		return "cases"
	}
	return "persons"
}

// Sensitivity returns the rows of a sensitivity study of outcome metric
// over period: the metric is "<method>.<outcome>:<parameter>", the band
// the statistic (oat: low, high, at_low, at_high, swing; morris: mu_star,
// mu, sigma; sobol: s1, s1_low, s1_high, st, st_low, st_high), and
// for oat a row "oat.<outcome>" in band "base" with the base value.
func Sensitivity(scenario, outcome, unit, period string, out any) ([]Row, error) {
	var rows []Row
	add := func(method, param, band, u string, v float64) {
		metric := method + "." + outcome
		if param != "" {
			metric += ":" + param
		}
		rows = append(rows, Row{scenario, "flow", band, metric, u, period, v})
	}
	switch r := out.(type) {
	case *sensitivity.OATResult:
		add("oat", "", "base", unit, r.Base)
		for _, x := range r.Rows {
			add("oat", x.Name, "low", "parameter", x.Low)
			add("oat", x.Name, "high", "parameter", x.High)
			add("oat", x.Name, "at_low", unit, x.AtLow)
			add("oat", x.Name, "at_high", unit, x.AtHigh)
			add("oat", x.Name, "swing", unit, x.Swing)
		}
	case *sensitivity.MorrisResult:
		for _, x := range r.Rows {
			add("morris", x.Name, "mu_star", unit, x.MuStar)
			add("morris", x.Name, "mu", unit, x.Mu)
			add("morris", x.Name, "sigma", unit, x.Sigma)
		}
	case *sensitivity.SobolResult:
		for _, x := range r.Rows {
			for _, b := range []struct {
				band string
				v    float64
			}{{"s1", x.S1}, {"s1_low", x.S1Low}, {"s1_high", x.S1High}, {"st", x.ST}, {"st_low", x.STLow}, {"st_high", x.STHigh}} {
				add("sobol", x.Name, b.band, "share", b.v)
			}
		}
	default:
		return nil, fmt.Errorf("tidy: unknown sensitivity result %T", out)
	}
	return rows, nil
}

// CrossCheck returns the rows of crosscheck: per 12-month period and
// metric the flow value (engine flow, band "mean") and the agent's mean
// and 95% band (engine agent, bands "mean", "p025", "p975").
func CrossCheck(scenario string, cs []agent.Comparison) []Row {
	var rows []Row
	for _, c := range cs {
		period := c.From + "/" + c.To
		u := Unit(c.Metric)
		rows = append(rows,
			Row{scenario, "flow", "mean", c.Metric, u, period, c.Flow},
			Row{scenario, "agent", "mean", c.Metric, u, period, c.Agent},
			Row{scenario, "agent", "p025", c.Metric, u, period, c.Lo},
			Row{scenario, "agent", "p975", c.Metric, u, period, c.Hi})
	}
	return rows
}
