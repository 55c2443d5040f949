package history

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/removalsim/removalsim/scenario"
)

// Paths of a border regime's two factors: BorderPrefix + name + Expedited
// (or + ReleasedOfRest).
const (
	// BorderPrefix starts the path of a border processing period's
	// factors.
	BorderPrefix = FactorPrefix + "border.regime."
	// ExpeditedSuffix ends the path of the share of Title 8 southwest
	// apprehensions CBP handed to ICE for removal (expedited removal,
	// reinstatement or a detained hearing) in the period.
	ExpeditedSuffix = ".expedited"
	// ReleasedSuffix ends the path of the share of the other Title 8
	// apprehensions (neither handed to ICE nor returned) that CBP released
	// with a notice to appear; the rest were returned or removed by CBP
	// itself.
	ReleasedSuffix = ".released_of_rest"
)

// BorderRegimes are the periods of CBP processing of Title 8 southwest
// apprehensions FY2008-FY2024, in order, each with one fitted expedited
// share and one fitted released share (history.border.regime.<name>.*).
// Every held-out fiscal year (calibrate.HeldOut) falls in periods that
// training years also cover. Title 42 expulsions are not in them: the
// dataset's Title 42 share takes them out first (border.title42_share).
var BorderRegimes = []Regime{
	{"voluntary_return", scenario.MonthOf(2006, time.October), scenario.MonthOf(2010, time.October),
		"most Mexican apprehensions offered voluntary return at the border, before the Consequence Delivery System covered every sector (DHS OIG-17-39, 'CBP's Consequence Delivery System': piloted in Tucson in 2008, all southwest sectors from FY2011)"},
	{"consequence_delivery", scenario.MonthOf(2010, time.October), scenario.MonthOf(2014, time.December),
		"Consequence Delivery System in all southwest sectors from FY2011: Mexicans moved from voluntary return to expedited removal and reinstatement handed to ICE (DHS OIG-17-39); until DHS Secretary Johnson's memoranda of 20 November 2014"},
	{"priorities_2014", scenario.MonthOf(2014, time.December), scenario.MonthOf(2017, time.February),
		"DHS Secretary Johnson, 'Policies for the Apprehension, Detention and Removal of Undocumented Immigrants', 20 November 2014 (recent border crossers priority 1, for CBP as for ICE), with the family and child arrivals of FY2014-FY2016 released under the Flores settlement and the TVPRA; until Executive Order 13767 of 25 January 2017"},
	{"eo13767", scenario.MonthOf(2017, time.February), scenario.MonthOf(2021, time.February),
		"Executive Order 13767 'Border Security and Immigration Enforcement Improvements', 25 January 2017 (detention and expedited removal of border crossers), the 2018 zero-tolerance policy and the Migrant Protection Protocols from January 2019, with record family arrivals in FY2019; the Title 42 order of 20 March 2020 did not change how the Title 8 remainder was processed under the same administration (expulsions are taken out first by border.title42_share), so the period runs until the change of administration (Executive Order 14010 of 2 February 2021 and the end of new Migrant Protection Protocols enrolments on 20 January 2021)"},
	{"title42_2021", scenario.MonthOf(2021, time.February), scenario.MonthOf(2023, time.May),
		"Title 42 from February 2021 to 11 May 2023: unaccompanied children exempt from expulsion (CDC notice of February 2021), most Title 8 apprehensions released with notices to appear or paroled"},
	{"lawful_pathways", scenario.MonthOf(2023, time.May), 0,
		"after Title 42: the Circumvention of Lawful Pathways rule (88 FR 31314, effective 11 May 2023) and expedited removal of Title 8 apprehensions again (the June 2024 Securing the Border proclamation is within this period)"},
}

// borderRegimeAt returns the border period in force in month m.
func borderRegimeAt(m scenario.Month) Regime { return regimeIn(BorderRegimes, m) }

// borderDefault are the uncalibrated shares of every period.
const (
	defaultExpedited = 0.5
	defaultReleased  = 0.3
)

// border writes the year's processing shares of Title 8 apprehensions:
// each month's period's fitted expedited share e and released share of
// the rest q, averaged over the fiscal year's months weighted by the
// month's Title 8 apprehensions (apprehensions are flat within a year, so
// the weight is 1 - the month's Title 42 share). The returned share is
// what is left: CBP's voluntary returns and its own removals.
func (y *builder) border(s *scenario.Scenario, b Behaviour) {
	fy := y.fy
	start := scenario.MonthOf(fy-1, time.October)
	var e, rel, w float64
	seen := map[string]float64{}
	for i := range 12 {
		m := start.Add(i)
		t8 := 1 - y.title42Share(m).Value
		rg := borderRegimeAt(m)
		ei := factor(b, BorderPrefix+rg.Name+ExpeditedSuffix, defaultExpedited)
		qi := factor(b, BorderPrefix+rg.Name+ReleasedSuffix, defaultReleased)
		e += t8 * ei
		rel += t8 * (1 - ei) * qi
		w += t8
		seen[rg.Name] += t8
	}
	if w <= 0 {
		if y.err == nil {
			y.err = fmt.Errorf("history: FY%d has no Title 8 apprehensions", fy)
		}
		return
	}
	e, rel = e/w, rel/w
	var parts []string
	for _, rg := range BorderRegimes {
		if n := seen[rg.Name]; n > 0 {
			parts = append(parts, fmt.Sprintf("weight %.3g of %s (expedited %.4g, released of the rest %.4g: %s)", n/w, rg.Name,
				factor(b, BorderPrefix+rg.Name+ExpeditedSuffix, defaultExpedited), factor(b, BorderPrefix+rg.Name+ReleasedSuffix, defaultReleased), rg.Why))
		}
	}
	how := "the CBP processing periods in force over FY" + strconv.Itoa(fy) + "'s months, weighted by Title 8 apprehensions (history.BorderRegimes; one fitted pair of shares per period, the same in every year it covers): " + strings.Join(parts, "; ")
	how += fmt.Sprintf(" (data: usbp_swb_apprehensions FY%d; shares fitted by removalsim calibrate to data: ice_removals, ice_admin_arrests)", fy)
	as := "FY" + strconv.Itoa(fy)
	s.Border.ExpeditedRemovalShare = scenario.Param{Value: e, AsOf: as, Set: true,
		Source: "history: share of Title 8 southwest apprehensions handed to ICE for removal (expedited removal, reinstatement or a detained hearing), from " + how}
	s.Border.ReleasedShare = scenario.Param{Value: rel, AsOf: as, Set: true,
		Source: "history: share of Title 8 southwest apprehensions released with a notice to appear, from " + how}
	s.Border.ReturnedShare = scenario.Param{Value: math.Max(0, 1-e-rel), AsOf: as, Set: true,
		Source: "history: 1 - expedited - released: voluntary returns and CBP's own removals, from " + how}
}
