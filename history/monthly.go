package history

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
)

// encounterMonths is fiscal year fy's southwest encounters (see
// encounters) month by month, October first. Where the dataset has CBP's
// monthly southwest land border encounters (swb_encounters_total rows of
// a month) the year's figure takes their shape: all twelve months known,
// each is scaled so that the year sums to the yearly figure; some known,
// those are kept as published and the rest of the year is spread evenly
// over the other months. Without monthly rows the months are flat, as
// before. Monthly volumes matter where a policy changed within a year:
// FY2021's four months under Executive Order 13767's processing had a
// sixth of its encounters, not a third.
func (y *builder) encounterMonths(fy int) ([12]float64, string) {
	year := y.encounters(fy)
	var out [12]float64
	var known [12]bool
	sum, n := 0.0, 0
	var cites []string
	for _, f := range data.Series("swb_encounters_total") {
		if len(f.Period) != 7 {
			continue
		}
		m, err := scenario.ParseMonth(f.Period)
		if err != nil || m.FiscalYear() != fy {
			continue
		}
		i := int(m - scenario.MonthOf(fy-1, time.October))
		out[i], known[i] = f.Value, true
		sum += f.Value
		n++
		cites = append(cites, f.Period)
	}
	switch {
	case n == 0:
		for i := range out {
			out[i] = year.v * (1.0 / 12)
		}
		return out, year.source + "; spread evenly over the months"
	case n == 12:
		for i := range out {
			out[i] *= year.v / sum
		}
		return out, fmt.Sprintf("%s (%s), spread over the months in the shape of CBP's monthly southwest encounters (data: swb_encounters_total %s, %s in all)", year.source, num(year.v), strings.Join(cites, ", "), num(sum))
	}
	rest := max(0, year.v-sum) / float64(12-n)
	for i := range out {
		if !known[i] {
			out[i] = rest
		}
	}
	return out, fmt.Sprintf("CBP's monthly southwest encounters where published (data: swb_encounters_total %s), the rest of %s (%s) spread evenly over the other months", strings.Join(cites, ", "), year.source, num(year.v))
}

// encounterSchedule is the border-encounter inflow of the window's
// months: fiscal year fy-1 (the warm-up), then fy, by month.
func (y *builder) encounterSchedule(start scenario.Month) scenario.Schedule {
	var sched scenario.Schedule
	for k, fy := range []int{y.fy - 1, y.fy} {
		months, src := y.encounterMonths(fy)
		for i, v := range months {
			if len(sched) > 0 && sched[len(sched)-1].Value.Value == v {
				continue
			}
			sched = append(sched, scenario.Step{From: start.Add(12*k + i), Value: scenario.Param{Value: v, Source: src, AsOf: fmt.Sprintf("FY%d", fy), Set: true}})
		}
	}
	return sched
}

// title42FY2021 is month m's Title 42 share in fiscal year 2021, when the
// dataset has the split of a month before February 2021 (usbp_swb_title42_expulsions
// and usbp_swb_title8_apprehensions rows of the month): under the order as
// first applied, expulsions took nearly every apprehension, and only from
// February 2021 were unaccompanied children and most families excepted.
// Months before February take the latest published month's share (held,
// flagged), the months from February the rest of the year's expulsions
// over the rest of its encounters (encounterMonths); false when the
// dataset has no month. The year is read once (fy2021Title42) and its
// notes and error are passed on to y as if y had read it.
func (y *builder) title42FY2021(m scenario.Month) (scenario.Param, bool) {
	t := fy2021Title42()
	for _, n := range t.notes {
		y.note(n.Topic, n.Text)
	}
	if t.err != nil && y.err == nil {
		y.err = t.err
	}
	if !t.ok {
		return scenario.Param{}, false
	}
	return t.share[m-scenario.MonthOf(2020, time.October)], true
}

// title42Year is a fiscal year's Title 42 share of each month, October
// first, with the notes and first error of reading it.
type title42Year struct {
	share [12]scenario.Param
	ok    bool
	notes []Note
	err   error
}

// fy2021Title42 reads FY2021's shares (readTitle42FY2021) on first use:
// the dataset never changes, and calibration builds FY2021 and FY2022,
// each month of them asking for a share, thousands of times.
var fy2021Title42 = sync.OnceValue(func() title42Year {
	y := builder{fy: 2021}
	share, ok := y.readTitle42FY2021()
	return title42Year{share: share, ok: ok, notes: y.notes, err: y.err}
})

// readTitle42FY2021 returns the shares of title42FY2021 for every month
// of FY2021, October first, and false when the dataset has no month.
func (y *builder) readTitle42FY2021() (out [12]scenario.Param, ok bool) {
	const topic = "border.title42_share"
	first, split := scenario.MonthOf(2020, time.October), scenario.MonthOf(2021, time.February)
	t8 := map[scenario.Month]float64{}
	for _, f := range data.Series("usbp_swb_title8_apprehensions") {
		if mo, err := scenario.ParseMonth(f.Period); err == nil && len(f.Period) == 7 {
			t8[mo] = f.Value
		}
	}
	share := map[scenario.Month]scenario.Param{}
	var firstPub, last scenario.Param
	have := false
	for mo := first; mo < split; mo++ {
		p := scenario.Param{}
		if t, ok := data.Lookup("usbp_swb_title42_expulsions", mo.String()); ok && t8[mo] > 0 {
			p = scenario.Param{Value: t.Value / (t.Value + t8[mo]), AsOf: mo.String(), Set: true,
				Source: fmt.Sprintf("derived: data: usbp_swb_title42_expulsions %s / (usbp_swb_title42_expulsions + usbp_swb_title8_apprehensions %s) (%s / (%s + %s))", mo, mo, num(t.Value), num(t.Value), num(t8[mo]))}
			if !have {
				firstPub = p
			}
			last, have = p, true
		} else if have {
			p = last
			p.Source = "estimate: held at the latest month published, " + strings.TrimPrefix(last.Source, "derived: ")
			y.note(topic, fmt.Sprintf("%s: %s", mo, p.Source))
		}
		share[mo] = p
	}
	if !have {
		return out, false
	}
	total, okT := data.Lookup("usbp_swb_title42_expulsions", "FY2021")
	if !okT {
		return out, false
	}
	months, src := y.encounterMonths(2021)
	early, rest := 0.0, 0.0
	for i, v := range months {
		mo := first.Add(i)
		if mo < split {
			if !share[mo].Set {
				// A month before the first published one: the year's
				// flat share would be a guess as good as any; use the
				// first published month's.
				p := firstPub
				p.Source = "estimate: held at the first month published, " + strings.TrimPrefix(firstPub.Source, "derived: ")
				y.note(topic, fmt.Sprintf("%s: %s", mo, p.Source))
				share[mo] = p
			}
			early += v * share[mo].Value
		} else {
			rest += v
		}
	}
	v := max(0, total.Value-early) / rest
	later := scenario.Param{Value: v, AsOf: "FY2021", Set: true,
		Source: fmt.Sprintf("derived: (data: usbp_swb_title42_expulsions FY2021 (%s) - the expulsions of October 2020-January 2021 at their shares (%s)) / southwest encounters of February-September 2021 (%s; %s)", num(total.Value), num(early), num(rest), src)}
	for i := range out {
		if mo := first.Add(i); mo < split {
			out[i] = share[mo]
		} else {
			out[i] = later
		}
	}
	return out, true
}
