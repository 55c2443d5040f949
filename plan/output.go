package plan

import (
	"context"

	"github.com/removalsim/removalsim/agent"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

// Output is a plan as "removalsim plan --format json" prints it and the
// dashboard's API returns it: the plan with the rates it achieves on the
// flow engine and, when verified, on the agent engine.
type Output struct {
	Feasible       bool               `json:"feasible"`
	TargetPerYear  float64            `json:"target_per_year"`
	RateDefinition string             `json:"rate_definition"`
	By             string             `json:"by"`
	Horizon        string             `json:"horizon"`
	Objective      string             `json:"objective"`
	BudgetUSD      float64            `json:"budget_usd,omitempty"`
	Achieved       map[string]float64 `json:"achieved_per_year"`
	ReachedOn      *string            `json:"reached_on"`
	CostUSD        float64            `json:"cost_usd"`
	SurgeUSD       float64            `json:"surge_usd"`
	Decisions      []Decision         `json:"decisions"`
	ThirdCountry   float64            `json:"third_country_added"`
	Schedule       []Month            `json:"schedule"`
	Binding        []Binding          `json:"binding"`
	Evaluations    int                `json:"evaluations"`
	AgentRuns      int                `json:"agent_runs"`
	Seconds        float64            `json:"seconds"`
}

// Verify sets the agent-engine check of a plan.
type Verify struct {
	// Runs is the number of agent replications; 0 skips the check.
	Runs int
	// Context and Progress are passed to the agent engine.
	Context  context.Context
	Progress func(done, total int)
}

// String is the name the command line and the API give the objective.
func (o Objective) String() string {
	if o == MinTime {
		return "time"
	}
	return "cost"
}

// Solve makes the plan for s (Make) and, with v.Runs > 0, measures the
// rate it achieves on the agent engine from the scenario's seed: the
// lowest monthly rate from the date (or from the month reached, with
// MinTime). The caller sets Seconds. It returns the plan too, for
// callers that write it as a scenario.
func Solve(s *scenario.Scenario, o Options, v Verify) (*Output, *Plan, error) {
	p, err := Make(s, o)
	if err != nil {
		return nil, nil, err
	}
	out := &Output{
		Feasible: p.Feasible, TargetPerYear: p.TargetPerYear, RateDefinition: RateDefinition,
		By: p.By, Horizon: p.Horizon, Objective: o.Objective.String(), BudgetUSD: o.BudgetUSD,
		Achieved: map[string]float64{"flow": p.AchievedPerYear}, CostUSD: p.CostUSD, SurgeUSD: p.SurgeUSD,
		Decisions: p.Decisions, ThirdCountry: p.ThirdCountryAdded, Schedule: p.Schedule,
		Binding: p.Binding, Evaluations: p.Evaluations, AgentRuns: v.Runs,
	}
	if p.ReachedOn != "" {
		out.ReachedOn = &p.ReachedOn
	}
	if v.Runs > 0 {
		m, err := model.Compile(p.Scenario)
		if err != nil {
			return nil, nil, err
		}
		r, err := agent.Run(m, agent.Options{Runs: v.Runs, Seed: m.Seed, Context: v.Context, Progress: v.Progress})
		if err != nil {
			return nil, nil, err
		}
		from := int(o.By - s.Start)
		if p.ReachedOn != "" && o.Objective == MinTime {
			rm, _ := scenario.ParseMonth(p.ReachedOn)
			from = int(rm - s.Start)
		}
		lowest, _ := Achieved(MonthlyRates(r, s.Start), from, o.Target)
		out.Achieved["agent"] = lowest
	}
	return out, p, nil
}
