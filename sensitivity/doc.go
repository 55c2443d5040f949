// Package sensitivity measures how much each uncertain parameter moves a
// model output: one-at-a-time swings (a tornado), Morris elementary
// effects and Sobol variance-based indices.
//
// It works on any function of a vector of factors, each varied over a
// [low, high] range, so the estimators are tested on functions with known
// answers (Ishigami) and used unchanged on scenarios (see Scenario). Model
// evaluations run in parallel on Workers goroutines; every result is
// written to its sample's slot, so the output is the same whatever the
// number of workers. Random sampling uses explicit PCG streams seeded by
// Seed; there is no global randomness.
//
// Methods and their sources:
//
//   - OAT: each factor at its low and its high value, the others at their
//     base values; rows sorted by swing |f(high) − f(low)|.
//   - Morris: r trajectories on a p-level grid (p = 4, Δ = p/(2(p−1))),
//     elementary effects EE_i = (f(x + Δe_i) − f(x)) / Δ with x in the
//     unit cube, so EE is in output units per full range of the factor;
//     reported as μ* = mean |EE|, μ = mean EE and σ = standard deviation
//     of EE (Morris 1991; Campolongo, Cariboni and Saltelli 2007 for μ*).
//   - Sobol: Saltelli sampling with matrices A, B and A_B^(i) (column i of
//     A replaced by B's), N(k+2) evaluations; first-order
//     V_i = V − ½ E[(f(B) − f(A_B^(i)))²] and total
//     V_Ti = ½ E[(f(A) − f(A_B^(i)))²], both Jansen (1999) as tabulated by
//     Saltelli et al. (2010, Table 2), divided by V, the variance of f over
//     A and B together. Confidence intervals are bootstrap percentiles
//     over resampled rows.
package sensitivity
