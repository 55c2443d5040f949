package model

import "github.com/removalsim/removalsim/procedure"

// Branch is one outcome of a decision: the transition taken and the
// share of the decided who take it; for an arrest (a transition into
// Arrested), the pathway of the arrested.
type Branch struct {
	// Share comes first: with the two one-byte fields after it a Branch
	// is 16 bytes, not 24, and a step copies decisions' branches into
	// Branches (Scratch.branchesOf) before every Split.
	Share   float64
	T       procedure.TransitionID
	Pathway procedure.Pathway
}

// Decision is the outcomes of one event of the procedure (a judge's
// decision, a screening, a window closing), shares summing to 1. Both
// engines route by it — flow splits a stock by the shares, the agent
// draws one branch per case — so an outcome is added or reweighted here
// once.
type Decision []Branch

// MaxBranches is the most outcomes a decision may have: the agent draws a
// decision's multinomial into arrays of this size (TestDecisions checks
// the compiled decisions, and Border and Interior are fixed arrays).
const MaxBranches = 8

// Decisions are the procedure's decisions, compiled from the scenario.
type Decisions struct {
	// Court is a judge's decision on the detained docket.
	Court Decision
	// Docket is a judge's decision on the non-detained docket.
	Docket Decision
	// Appeal is an appeal's decision.
	Appeal Decision
	// FearScreen is a credible-fear screening's outcome.
	FearScreen Decision
	// ThirdScreen is a screening's outcome after a third-country notice.
	ThirdScreen Decision
	// Notice is the close of a third-country notice's window.
	Notice Decision
}

// decisions compiles the decisions from the shares and rules.
func (m *Model) decisions() Decisions {
	sh, r := &m.Shares, &m.Rules
	d, nd := &sh.Detained, &sh.NonDetained
	pass, atd := r.ScreeningPassRate, sh.ATDOfBorderReleases
	// Positive screenings kept in detention (parole or bond denied) go to
	// the detained docket; the rest are released as border releases are.
	kept := r.FearPositiveDetainedShare
	rel := pass * (1 - kept)
	return Decisions{
		Court: Decision{{T: procedure.CourtOrder, Share: d.Order * (1 - sh.AppealShare)}, {T: procedure.CourtOrderAppealed, Share: d.Order * sh.AppealShare},
			{T: procedure.CourtRelief, Share: d.Relief}, {T: procedure.CourtVoluntaryDeparture, Share: d.VoluntaryDeparture}, {T: procedure.CourtTerminated, Share: d.Terminated}},
		Docket: Decision{{T: procedure.DocketOrder, Share: nd.Order}, {T: procedure.DocketRelief, Share: nd.Relief},
			{T: procedure.DocketVoluntaryDeparture, Share: nd.VoluntaryDeparture}, {T: procedure.DocketTerminated, Share: nd.Terminated}},
		Appeal: Decision{{T: procedure.AppealUpheld, Share: sh.AppealUpheld}, {T: procedure.AppealSustained, Share: 1 - sh.AppealUpheld}},
		FearScreen: Decision{{T: procedure.FearNegative, Share: 1 - pass},
			{T: procedure.FearPositiveToATD, Share: rel * atd}, {T: procedure.FearPositiveToCourt, Share: rel * (1 - atd)},
			{T: procedure.FearPositiveDetained, Share: pass * kept}},
		ThirdScreen: Decision{{T: procedure.ThirdScreenToCourt, Share: pass * r.PassToCourtShare},
			{T: procedure.ThirdScreenToDesignation, Share: pass * (1 - r.PassToCourtShare)}, {T: procedure.ThirdScreenNegative, Share: 1 - pass}},
		Notice: Decision{{T: procedure.NoticeClaim, Share: r.NoticeClaimShare}, {T: procedure.NoticeNoClaim, Share: 1 - r.NoticeClaimShare}},
	}
}

// Border returns how step k's border apprehensions split: Title 42
// expulsions, expedited removal (arrested), released on ATD or into
// proceedings, returned by CBP.
// It returns an array, not a Decision, so that the engines' per-step
// calls allocate nothing; slice it to use it as one.
func (m *Model) Border(k int) [5]Branch {
	t42, r, atd := m.Title42Share[k], m.BorderRoute[k], m.Shares.ATDOfBorderReleases
	rest := 1 - t42
	return [5]Branch{
		{T: procedure.BorderExpelled, Share: t42},
		{T: procedure.BorderArrested, Share: rest * r.Expedited, Pathway: procedure.BorderExpedited},
		{T: procedure.BorderToATD, Share: rest * r.Released * atd},
		{T: procedure.BorderToProceedings, Share: rest * r.Released * (1 - atd)},
		{T: procedure.BorderReturned, Share: rest * r.Returned},
	}
}

// Interior returns how the day's interior arrests from the at-large
// population split: special authority (none while its pathway is
// enjoined), expedited (not entitled to a hearing), detained for court,
// or released on ATD.
func (m *Model) Interior(day int) [4]Branch {
	r, det := &m.Rules, m.Shares.DetainOfInterior
	sa := r.SpecialAuthorityShare
	if r.PathwayEnjoined(procedure.SpecialAuthority, day) {
		sa = 0
	}
	h := (1 - sa) * r.HearingEntitledShare
	return [4]Branch{
		{T: procedure.InteriorArrest, Share: sa, Pathway: procedure.SpecialAuthority},
		{T: procedure.InteriorArrest, Share: (1 - sa) - h, Pathway: procedure.InteriorExpedited},
		{T: procedure.InteriorArrest, Share: h * det, Pathway: procedure.InteriorCourt},
		{T: procedure.ArrestToATD, Share: h * (1 - det)},
	}
}
