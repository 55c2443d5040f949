// Package plan answers "what would it take": the schedule of capacity
// decisions (officers hired, beds contracted, charter flights, land
// removal slots, judges, asylum officers, and optionally third-country
// slots) that reaches and sustains a target annual removal rate by a date
// at the least total cost, or as early as possible within a budget.
//
// # Rate
//
// The annual removal rate of a month is its removals × 365 / its days
// (the month's pace, annualised, so February is not penalised for being
// short). A target is reached in month m when the rate is at least the
// target in m and in every later month of the horizon; the horizon ends
// Sustain months (12 by default) after the date, so a plan must hold the
// rate for a year, not touch it once. The rate achieved is the lowest
// monthly rate from the date to the horizon's end.
//
// # Decisions
//
// Each purchasable capacity's decision is its target schedule (the
// initial level until a start month, then a level L) and its pace: the
// most units added a month, from the scenario's own max_added_per_month
// up to the physical limit of the capacity's lever (scenario.Lever), with
// the lever's lag and a surge premium for each unit added beyond the
// scenario's pace. Package model turns that into hires within the pace,
// arriving after the lag, with attrition replaced, so the limits are
// respected by construction. The maximum plan builds at every limit; the
// chosen plan's pace is then lowered, by bisection, to the least that
// holds the target. Third-country agreements are diplomacy, not purchases:
// the planner adds assured third-country slots only up to
// Options.ThirdCountryMax (zero by default).
//
// # Method
//
// Levels are chosen by Nelder–Mead (gonum/optimize) over the unit box of
// "fraction of the way from today's level to the most the ramp can reach
// by the horizon's end", minimising cost / baseline cost + a penalty on
// the mean shortfall below the target over the window, from several
// deterministic starts (all at the maximum, all half way, and the
// bottleneck-weighted point), keeping the best. Nelder–Mead suits the
// problem: the objective is a black box (a flow-engine run of a few
// milliseconds), piecewise smooth, with no gradient and under ten
// variables; a greedy marginal-value ascent stalls where two capacities in
// series bind together (more officers help only with more beds), which a
// simplex step across both handles. The best point is then repaired to
// feasibility (moved toward the maximum by bisection) and refined by
// timing: each capacity's start month is delayed, by bisection, as long
// as the target still holds, since a unit hired later costs less. The
// flow plan aims at the target × (1 + Margin) so that the stochastic
// engine, which the caller may use to verify, lands at or above it.
//
// When even the maximum ramp of every purchasable capacity (money no
// object) cannot reach the target, the plan is infeasible and Binding
// lists the constraints that cap the rate, each with the rate it alone
// permits (every other constraint relaxed) and the rate reached if it
// alone were relaxed, and for a ramp the pace it would need, as a
// multiple of its physical limit. In every plan Binding also names each
// lever the plan moves (Move: from, to, by when, at what pace against
// its limit, at what cost) and, when the plan's spending passes the
// scenario's appropriations in some fiscal year, the appropriations.
package plan
