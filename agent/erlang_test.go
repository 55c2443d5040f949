package agent

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// queueModel is an M/M/c queue in the engine's terms: border
// apprehensions at lambda a day, all expedited, none claiming fear, wait
// for one of c beds with no release (reneging off); the travel document
// (mean meanDays) is the one delay, and everything after it is
// instantaneous and unconstrained. spd steps a day approach continuous
// time.
func queueModel(c, lambda, meanDays float64, spd, months int) *model.Model {
	start := scenario.MonthOf(2025, 1)
	m := &model.Model{Name: "mmc", Start: start, Months: months, StepsPerDay: spd, Seed: 1}
	m.MonthStartStep = make([]int, months+1)
	for i := range months {
		m.MonthStartStep[i+1] = m.MonthStartStep[i] + start.Add(i).Days()*spd
	}
	m.Steps = m.MonthStartStep[months]
	m.Days = m.Steps / spd
	fill := func(v float64) []float64 {
		xs := make([]float64, m.Steps)
		for i := range xs {
			xs[i] = v
		}
		return xs
	}
	m.BorderPerStep = fill(lambda / float64(spd))
	m.Beds = fill(c)
	m.LandPerStep = fill(1e9)
	for _, p := range []*[]float64{&m.Title42Share, &m.NewEntriesPerStep, &m.ArrestsPerStep, &m.SeatsPerStep,
		&m.FlightsPerStep, &m.JudgePerStep, &m.ScreenPerStep, &m.ThirdAssuredPerStep, &m.ThirdUnassuredPerStep,
		&m.AtLargeDeparturePerStep, &m.FinalOrderDeparturePerStep} {
		*p = fill(0)
	}
	m.Groups = []model.Group{{Name: "g", CaseloadShare: 1, BorderShare: 1, Acceptance: 1,
		TravelDocProb: 1 / (meanDays * float64(spd)), CapPerStep: fill(math.Inf(1))}}
	m.BorderRoute = make([]model.BorderRoute, len(m.BorderPerStep))
	for i := range m.BorderRoute {
		m.BorderRoute[i].Expedited = 1
	}
	return m
}

// erlangC returns the probability that an arrival waits in an M/M/c
// queue with offered load a = λ/μ < c (Erlang's C formula).
func erlangC(c int, a float64) float64 {
	term, sum := 1.0, 0.0 // a^k/k!
	for k := range c {
		sum += term
		term *= a / float64(k+1)
	}
	last := term * float64(c) / (float64(c) - a)
	return last / (sum + last)
}

// TestErlangC checks the bed queue against queueing theory. With c = 5
// beds, λ = 4 a day and a mean stay of 1 day (ρ = 0.8), Erlang's C
// formula gives the mean wait Wq = C(c, a)/(cμ − λ) ≈ 0.554 days; Little's
// law gives the mean detained population λ/μ = 4; and the stay, a pure
// geometric delay, has mean 1 day. Each must lie in the 95% confidence
// interval of the replications' means (after a 60-day warm-up), widened
// by one step for the discrete clock.
func TestErlangC(t *testing.T) {
	const (
		c, lambda, meanDays = 5, 4.0, 1.0
		spd, months, runs   = 96, 12, 20
		warm                = 60 * spd
	)
	m := queueModel(c, lambda, meanDays, spd, months)
	var rec Recorder
	if _, err := Run(m, Options{Runs: runs, Trace: rec.Record}); err != nil {
		t.Fatal(err)
	}
	end := m.Steps - 30*spd // arrivals late in the run may not be served yet
	waits, stays, occupancy := make([]float64, runs), make([]float64, runs), make([]float64, runs)
	var nWait, nStay [runs]float64
	for _, s := range rec.Sojourns(procedure.Arrested) {
		if s.Enter >= warm && s.Enter < end {
			waits[s.Run] += float64(s.Leave-s.Enter) / spd
			nWait[s.Run]++
		}
	}
	for _, s := range rec.Sojourns(procedure.TravelDocument) {
		if s.Enter >= warm && s.Enter < end && s.Leave >= 0 {
			stays[s.Run] += float64(s.Leave-s.Enter) / spd
			nStay[s.Run]++
		}
		// Bed-steps used inside the window [warm, end): the stay holds
		// a bed from admission to removal, in the same step as the
		// travel document here.
		leave := s.Leave
		if leave < 0 {
			leave = m.Steps
		}
		occupancy[s.Run] += float64(max(0, min(leave, end)-max(s.Enter, warm)))
	}
	for r := range runs {
		waits[r] /= nWait[r]
		stays[r] /= nStay[r]
		occupancy[r] /= float64(end - warm)
	}
	a := lambda * meanDays
	checks := []struct {
		name string
		xs   []float64
		want float64
	}{
		{"mean wait for a bed (Erlang C), days", waits, erlangC(c, a) / (c/meanDays - lambda)},
		{"mean detained (Little's law λ/μ)", occupancy, a},
		{"mean stay of the pure delay, days", stays, meanDays},
	}
	tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: runs - 1}.Quantile(0.975)
	for _, ch := range checks {
		mean, sd := stat.MeanStdDev(ch.xs, nil)
		half := tq*sd/math.Sqrt(runs) + 1.0/spd
		if math.Abs(mean-ch.want) > half {
			t.Errorf("%s: %.4f ± %.4f, theory %.4f", ch.name, mean, half, ch.want)
		} else {
			t.Logf("%s: %.4f ± %.4f, theory %.4f", ch.name, mean, half, ch.want)
		}
	}
}

func TestErlangCFormula(t *testing.T) {
	// One server: C(1, ρ) = ρ. Two servers, a = 1: C = 1/3.
	if got := erlangC(1, 0.7); math.Abs(got-0.7) > 1e-12 {
		t.Errorf("C(1, 0.7) = %v, want 0.7", got)
	}
	if got := erlangC(2, 1); math.Abs(got-1.0/3) > 1e-12 {
		t.Errorf("C(2, 1) = %v, want 1/3", got)
	}
}
