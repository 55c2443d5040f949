package model

import "github.com/removalsim/removalsim/procedure"

// Branch is one outcome of a decision: the transition taken and the
// share of the decided who take it.
type Branch struct {
	T     procedure.TransitionID
	Share float64
}

// Decision is the outcomes of one event of the procedure (a judge's
// decision, a screening, a window closing), shares summing to 1. Both
// engines route by it — flow splits a stock by the shares, the agent
// draws one branch per case — so an outcome is added or reweighted here
// once.
type Decision []Branch

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
	return Decisions{
		Court: Decision{{procedure.CourtOrder, d.Order * (1 - sh.AppealShare)}, {procedure.CourtOrderAppealed, d.Order * sh.AppealShare},
			{procedure.CourtRelief, d.Relief}, {procedure.CourtVoluntaryDeparture, d.VoluntaryDeparture}, {procedure.CourtTerminated, d.Terminated}},
		Docket: Decision{{procedure.DocketOrder, nd.Order}, {procedure.DocketRelief, nd.Relief},
			{procedure.DocketVoluntaryDeparture, nd.VoluntaryDeparture}, {procedure.DocketTerminated, nd.Terminated}},
		Appeal: Decision{{procedure.AppealUpheld, sh.AppealUpheld}, {procedure.AppealSustained, 1 - sh.AppealUpheld}},
		FearScreen: Decision{{procedure.FearNegative, 1 - pass},
			{procedure.FearPositiveToATD, pass * atd}, {procedure.FearPositiveToCourt, pass * (1 - atd)}},
		ThirdScreen: Decision{{procedure.ThirdScreenToCourt, pass * r.PassToCourtShare},
			{procedure.ThirdScreenToDesignation, pass * (1 - r.PassToCourtShare)}, {procedure.ThirdScreenNegative, 1 - pass}},
		Notice: Decision{{procedure.NoticeClaim, r.NoticeClaimShare}, {procedure.NoticeNoClaim, 1 - r.NoticeClaimShare}},
	}
}
