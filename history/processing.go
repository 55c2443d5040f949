package history

import (
	"time"

	"github.com/removalsim/removalsim/scenario"
)

// ProcessingShare is the path of the fitted share of CBP's releases of
// southwest Title 8 apprehensions that ICE counted among its
// administrative arrests while CBP released people in large numbers
// (ProcessingPeriods): ERO took them into custody to process them (a
// notice to appear, ATD enrolment) when they reported to ICE or at the
// border. ICE's FY2022 annual report counts 96,354 of its 142,750
// administrative arrests as "other immigration violators", the result of
// increased Border Patrol encounters and ERO's assistance to CBP, most of
// them people CBP had arrested first (doc: ice_annual_report_fy2022_arrests).
// These arrests are not interior enforcement: the people were already in
// proceedings or released, so the model's arrest pathway (at-large and
// final-order arrests leading to detention and removal) does not carry
// them; they are added to the model's arrests where ICE's count is compared.
const ProcessingShare = FactorPrefix + "arrests.processing_share"

// ProcessingPeriods are the months in which ICE's administrative arrests
// include its processing of CBP's releases: from the change of
// administration (February 2021, the start of the title42_2021 border
// period), when CBP began releasing most Title 8 apprehensions on parole
// or with a notice to report to ICE, on. The Parole + ATD policy was
// vacated on 8 March 2023 (Florida v. United States, N.D. Fla. No.
// 3:21-cv-1066) and Parole with Conditions enjoined on 11 May 2023
// (Florida v. Mayorkas, No. 3:23-cv-9962), but a period ending there fits
// the training years worse (README, "Backtest", step 15): ICE still counted
// releases it processed (notices to appear, ATD enrolment) afterwards.
var ProcessingPeriods = []Regime{
	{"cbp_releases", scenario.MonthOf(2021, time.February), 0,
		"CBP releases of southwest apprehensions processed by ICE (doc: ice_annual_report_fy2022_arrests), from February 2021 on"},
}

// ProcessedReleases returns ICE's arrests of people CBP released, in
// fiscal year fy of scenario s (built by Build for fy) under behaviour b:
// the share ProcessingShare of the month's releases (southwest
// encounters × (1 − the Title 42 share) × the released share), summed
// over the fiscal year's months in ProcessingPeriods. Zero when b has no
// such share or no month of fy falls in those periods.
func ProcessedReleases(s *scenario.Scenario, fy int, b Behaviour) float64 {
	k := factor(b, ProcessingShare, 0)
	if k == 0 {
		return 0
	}
	start := scenario.MonthOf(fy-1, time.October)
	total := 0.0
	for i := range 12 {
		m := start.Add(i)
		if rg := regimeIn(ProcessingPeriods, m); m < rg.From || (rg.To != 0 && m >= rg.To) {
			continue
		}
		// An empty Title 42 schedule is a share of 0 (Schedule.At).
		total += s.Inflows.BorderEncounters.At(m) * (1 - s.Border.Title42Share.At(m)) * s.Border.ReleasedShare.Value
	}
	return k * total
}
