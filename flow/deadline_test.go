package flow

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
	"github.com/removalsim/removalsim/scenario"
)

// people returns the people of each cohort of a class with n people
// and cohorts h: n times each bin's share.
func (h *cohorts) people(n float64) []float64 {
	out := make([]float64, len(h.w))
	if n == 0 {
		return out
	}
	for i, w := range h.w {
		out[i] = n * w / h.sum
	}
	return out
}

// checkPeople fails unless class h with n people holds want by bin (to
// 1e-12 of n).
func checkPeople(t *testing.T, what string, h *cohorts, n float64, want map[int]float64) {
	t.Helper()
	got := h.people(n)
	for i, g := range got {
		if math.Abs(g-want[i]) > 1e-12*math.Max(1, n) {
			t.Errorf("%s: bin %d holds %g, want %g (all: %v)", what, i, g, want[i], got)
		}
	}
}

// join moves n people from the class whose cohorts are src into the
// class whose cohorts are dst and which holds have people, as a move
// between two post-order classes does: through place, along a
// transition of one class.
func (e *engine) join(dst *cohorts, have float64, src *cohorts, n float64) {
	cl := cell{lot: lot{n: have}, seen: true}
	in := into{po: true, co: []cohortMove{{from: src, to: dst}}, cell: []*cell{&cl}}
	e.place(&in, 0, lot{n: n})
}

// TestCohortsByHand follows classes through the cohort bookkeeping's
// paths — an entry into an empty class and into one with people, a move
// into an empty class (its cohorts copied), into one with people (mixed)
// and into a class emptied before (whose old weights must not count),
// a release, a class released whole, and oldest-first service into an
// empty class and into one with people — against numbers worked out by
// hand.
func TestCohortsByHand(t *testing.T) {
	e := &engine{po: newPostOrder(60, 1)} // bins of 2 days
	po := &e.po
	if po.binDays != 2 || po.bins() != 32 {
		t.Fatalf("binDays %d, bins %d; want 2 and 32", po.binDays, po.bins())
	}
	var a, b, c, d cohorts
	var na, nb float64
	// move moves n people from class src (with people *from) into dst
	// (with *to), as place does: the cells first, then the cohorts.
	move := func(dst *cohorts, to *float64, src *cohorts, from *float64, n float64) {
		have := *to
		*from -= n
		*to += n
		e.join(dst, have, src, n)
	}

	po.setDay(0)
	po.add(&a, na, 10)
	na += 10
	po.setDay(4) // bin 2
	po.add(&a, na, 30)
	na += 30
	checkPeople(t, "two entries", &a, na, map[int]float64{0: 10, 2: 30})

	move(&b, &nb, &a, &na, 20) // into an empty class: copied
	checkPeople(t, "copied into b", &b, nb, map[int]float64{0: 5, 2: 15})
	checkPeople(t, "left in a", &a, na, map[int]float64{0: 5, 2: 15})

	po.setDay(6) // bin 3
	po.add(&b, nb, 10)
	nb += 10
	checkPeople(t, "entry into b", &b, nb, map[int]float64{0: 5, 2: 15, 3: 10})

	move(&b, &nb, &a, &na, na) // a taken whole into b, which has people
	checkPeople(t, "mixed into b", &b, nb, map[int]float64{0: 10, 2: 30, 3: 10})
	if na != 0 {
		t.Fatalf("a holds %g after moving whole", na)
	}

	move(&a, &na, &b, &nb, 10) // into a, emptied: its old weights are gone
	checkPeople(t, "into emptied a", &a, na, map[int]float64{0: 2, 2: 6, 3: 2})
	checkPeople(t, "left in b", &b, nb, map[int]float64{0: 8, 2: 24, 3: 8})

	// The deadline releases bin 0: 8 of b's 40.
	if f := b.takeBin(0); math.Abs(f-0.2) > 1e-15 {
		t.Errorf("b's share in bin 0 = %g, want 0.2", f)
	}
	nb -= 8
	checkPeople(t, "b after the release", &b, nb, map[int]float64{2: 24, 3: 8})

	// A class holding one bin only is released whole, exactly.
	po.setDay(0)
	po.add(&c, 0, 7)
	po.setDay(4)
	po.add(&c, 7, 1e-3)
	if f, want := c.takeBin(2), 1e-3/7.001; math.Abs(f-want) > 1e-12*want {
		t.Fatalf("c's share in bin 2 = %g, want %g", f, want)
	}
	if f := c.takeBin(0); f != 1 {
		t.Errorf("c's last bin is a share %v of it, want exactly 1", f)
	}

	// Oldest first: half of b's bin 2 (12 of its 32) is served, 4 into
	// the empty d and 8 into a (10: 2, 6, 2).
	po.g, po.sel = make([]float64, po.bins()), []int{2}
	po.g[2] = 0.5
	x, left := b.toServe(po.g, po.sel)
	if f := x / (x + left); math.Abs(f-12.0/32) > 1e-15 {
		t.Errorf("served share of b = %g, want %g", f, 12.0/32)
	}
	po.served, po.servedW = b.w, x
	nb -= 12
	have := 0.0
	e.join(&d, have, &b, 4)
	e.join(&a, na, &b, 8)
	na += 8
	po.served = nil
	b.served(po.g, po.sel, left)
	checkPeople(t, "served into empty d", &d, 4, map[int]float64{2: 4})
	checkPeople(t, "served into a", &a, na, map[int]float64{0: 2, 2: 14, 3: 2})
	checkPeople(t, "b after service", &b, nb, map[int]float64{2: 12, 3: 8})
}

// TestCohortsAgainstPeople runs random sequences of entries, moves
// (partial, whole, into empty classes and into themselves, whole ones
// also handing their cohorts over as moveWhole does), decisions
// (a share of a class, or all of it, split over two others), releases and
// oldest-first services through the cohort bookkeeping and, beside it,
// through plain vectors of people by bin, and checks that the two agree
// after every operation to 1e-9 of each class's people (or 1e-15
// people, as tiny entries make classes of rounding dust).
func TestCohortsAgainstPeople(t *testing.T) {
	const classes = 5
	for seed := range uint64(20) {
		r := rand.New(rand.NewPCG(seed, 10))
		e := &engine{po: newPostOrder(180, 1)}
		po := &e.po
		nb := po.bins()
		h := make([]cohorts, classes)
		n := make([]float64, classes)
		ref := make([][]float64, classes)
		for c := range ref {
			ref[c] = make([]float64, nb)
		}
		day := 0
		po.setDay(day)
		// take takes the share f of class a's people (all of them when
		// f is 1, as the engine empties a class taken whole) and
		// returns them.
		take := func(a int, f float64) float64 {
			x := n[a] * f
			if f >= 1 {
				n[a] = 0
			} else {
				n[a] -= x
			}
			return x
		}
		// join moves x people from class a into class to, their
		// cohorts with them.
		join := func(to, a int, x float64) {
			have := n[to]
			n[to] += x
			e.join(&h[to], have, &h[a], x)
		}
		for op := range 3000 {
			switch k := r.IntN(11); {
			case k < 2: // an entry
				c, x := r.IntN(classes), amount(r)
				po.add(&h[c], n[c], x)
				n[c] += x
				ref[c][po.cur] += x
			case k < 6: // a move, a fifth of them whole
				a, b := r.IntN(classes), r.IntN(classes)
				f := r.Float64()
				if r.IntN(5) == 0 {
					f = 1
				}
				if n[a] == 0 {
					continue
				}
				// Half the whole moves hand the cohorts over, as
				// moveWhole does.
				po.whole = f == 1 && r.IntN(2) == 0
				join(b, a, take(a, f))
				po.whole = false
				moved := make([]float64, nb)
				for i := range ref[a] {
					moved[i] = ref[a][i] * f
					ref[a][i] -= moved[i]
				}
				for i := range moved {
					ref[b][i] += moved[i]
				}
			case k < 7: // a decision: a share of a class (a third of them all of it) split over two others
				a, b, d := r.IntN(classes), r.IntN(classes), r.IntN(classes)
				if n[a] == 0 || a == b || a == d {
					continue
				}
				f := r.Float64()
				if r.IntN(3) == 0 {
					f = 1
				}
				x := take(a, f)
				fb := r.Float64()
				moved := make([]float64, nb)
				for i := range ref[a] {
					moved[i] = ref[a][i] * f
					ref[a][i] -= moved[i]
				}
				for _, to := range []struct {
					c int
					f float64
				}{{b, fb}, {d, 1 - fb}} {
					join(to.c, a, x*to.f)
					for i := range moved {
						ref[to.c][i] += moved[i] * to.f
					}
				}
			case k < 8: // a release of one bin from every class
				i := r.IntN(nb)
				for c := range h {
					if n[c] == 0 || h[c].w == nil || h[c].w[i] <= 0 {
						continue
					}
					n[c] -= n[c] * h[c].takeBin(i)
					ref[c][i] = 0
				}
			case k < 9: // oldest-first service of a class into two others
				a, b, d := r.IntN(classes), r.IntN(classes), r.IntN(classes)
				if n[a] == 0 || a == b || a == d {
					continue
				}
				po.g, po.sel = make([]float64, nb), po.sel[:0]
				for i := range nb {
					if r.IntN(4) == 0 {
						po.g[i] = []float64{1, r.Float64()}[r.IntN(2)]
						po.sel = append(po.sel, i)
					}
				}
				x, left := h[a].toServe(po.g, po.sel)
				if x <= 0 {
					continue
				}
				served := take(a, x/(x+left))
				po.served, po.servedW = h[a].w, x
				fb := r.Float64()
				join(b, a, served*fb)
				join(d, a, served*(1-fb))
				po.served = nil
				h[a].served(po.g, po.sel, left)
				for _, i := range po.sel {
					s := ref[a][i] * po.g[i]
					ref[a][i] -= s
					ref[b][i] += s * fb
					ref[d][i] += s * (1 - fb)
				}
			default: // the next day
				day++
				po.setDay(day)
			}
			for c := range h {
				tot := 0.0
				for _, x := range ref[c] {
					tot += x
				}
				if math.Abs(tot-n[c]) > 1e-9*math.Max(1, n[c]) {
					t.Fatalf("seed %d op %d: class %d has %g people, its bins %g", seed, op, c, n[c], tot)
				}
				if n[c] == 0 {
					continue
				}
				for i, got := range h[c].people(n[c]) {
					if want := ref[c][i]; math.Abs(got-want) > 1e-9*math.Max(n[c], 1e-6) {
						t.Fatalf("seed %d op %d: class %d (%g people) bin %d holds %g, want %g", seed, op, c, n[c], i, got, want)
					}
				}
			}
		}
	}
}

// amount returns a random number of people, now and then a tiny one:
// a class holding only such is negligible beside people joining it
// (see negligible).
func amount(r *rand.Rand) float64 {
	if r.IntN(10) == 0 {
		return 1e-20 * r.Float64()
	}
	return 100 * r.Float64()
}

// TestCohortsConsistent runs baseline-2025 for two years and checks
// after every step that each post-order class with people has cohorts
// whose weights are not negative and add up to their kept sum (to
// 1e-9), so that the shares a release or a service reads are the
// class's people by bin; that after each day's release nobody is left
// in the bin due; and that the cohorts of a travel-document class never
// know of more people than it holds (which a move out of it that does
// not call leave would cause).
func TestCohortsConsistent(t *testing.T) {
	m := groupModel(t, 24)
	e := newEngine(m)
	for k := range m.Steps {
		e.step(k)
		for s := procedure.TravelDocument; s.PostOrder(); s++ {
			for _, c := range e.active[s] {
				h, n := &e.po.of[s][c], e.st[s][c].n
				if s == procedure.TravelDocument {
					// Its cohorts know of the people up to its last
					// release (see leave): never more than it holds.
					if known := e.po.known[c]; known > n*(1+1e-12) {
						t.Fatalf("step %d: travel_document class %d holds %g people, its cohorts know of %g", k, c, n, known)
					}
					n = e.po.known[c]
				}
				if n == 0 {
					continue
				}
				if h.w == nil {
					t.Fatalf("step %d: %v class %d holds %g people and no cohorts", k, s, c, n)
				}
				sum := 0.0
				for i, w := range h.w {
					if w < 0 {
						t.Fatalf("step %d: %v class %d bin %d weight %g", k, s, c, i, w)
					}
					sum += w
				}
				if math.Abs(sum-h.sum) > 1e-9*h.sum {
					t.Fatalf("step %d: %v class %d weights add up to %g, kept %g", k, s, c, sum, h.sum)
				}
				if due := e.po.index(e.po.bin(e.po.day - e.po.limit)); h.w[due] != 0 {
					t.Fatalf("step %d: %v class %d holds weight %g in the bin due", k, s, c, h.w[due])
				}
			}
		}
	}
}

// TestEntriesNotedOnLeave checks that entries noted when their class is
// next left (postOrder.leave) give the cohorts that noting them one by
// one gives: a class of 10 people since day 0 takes 5 and then 7 on day
// 4, then loses half; and again after the loss, with no entry between.
func TestEntriesNotedOnLeave(t *testing.T) {
	po := newPostOrder(60, 1)
	td := &po.of[procedure.TravelDocument][0]
	var one cohorts // the same entries, one by one
	po.setDay(0)
	po.start(0, 0, 10)
	po.add(&one, 0, 10)
	po.setDay(4) // bin 2
	po.add(&one, 10, 5)
	po.add(&one, 15, 7)
	po.leave(0, 22, 11)
	checkPeople(t, "noted on leave", td, 22, map[int]float64{0: 10, 2: 12})
	checkPeople(t, "one by one", &one, 22, map[int]float64{0: 10, 2: 12})
	po.leave(0, 11, 5.5)
	checkPeople(t, "left again", td, 5.5, map[int]float64{0: 2.5, 2: 3})
	if po.known[0] != 5.5 {
		t.Errorf("cohorts know of %g people, want 5.5", po.known[0])
	}
}

// TestTravelDocumentLeftOnlyByLeave checks what leave relies on: the
// only transitions into post-order detention from a state before it
// lead to TravelDocument, none leads there from a post-order state (so
// a post-order class that place moves cohorts into has cohorts
// whenever it holds people), and the only ways out of TravelDocument are
// the documents' release (Release, which calls leave) and the deadline
// (releaseDeadlines, which does too). A new one must call leave, and
// then be added here.
func TestTravelDocumentLeftOnlyByLeave(t *testing.T) {
	for tid := range procedure.TransitionID(procedure.NumTransitions) {
		from, to := procedure.Ends(tid)
		before := from >= procedure.NumStates || !from.PostOrder()
		if to.PostOrder() && before && to != procedure.TravelDocument {
			t.Errorf("%v enters post-order detention at %v, not TravelDocument", tid, to)
		}
		if to == procedure.TravelDocument && !before {
			// place moves cohorts into a class with people only when
			// it has them; TravelDocument's are noted late (leave).
			t.Errorf("%v leads from %v back to TravelDocument", tid, from)
		}
		if from == procedure.TravelDocument {
			switch tid {
			case procedure.DocumentAccepted, procedure.DocumentRefused, procedure.DeadlineRelease(procedure.TravelDocument):
			default:
				t.Errorf("%v leaves TravelDocument without postOrder.leave", tid)
			}
		}
	}
}

// TestEntryStartsItsDaysCohort checks the day a post-order cohort
// starts and when the limit releases it, against the agent's clocks (a
// case entering on day d is released when its clock reaches the limit,
// on day d + limit) less flow's binning (a bin is released when its
// first day reaches the limit: up to binDays − 1 days early, never
// late). In baseline-2025 with nothing else held after an order, one
// person's appeal is upheld in the first phase of day first (before the
// step's deadline release), and a second person's joins the same class
// in the first phase of the day the first is released. Each must be
// held from their day until their own bin's release: the first not a
// bin early (entries of a step's first phase start their own day's
// cohort), the second not released with the first (the release notes a
// class's new entries before taking its due share), also with a limit
// that is not a multiple of the bin (100 days, bins of 3) and at
// several steps a day. The engine is driven through phase 1 in
// model.Step's order (the travel documents released first, then the
// appeals, then the deadline), with no document ever issued.
func TestEntryStartsItsDaysCohort(t *testing.T) {
	for _, tc := range []struct{ limit, spd, first int }{
		{180, 1, 30}, // a bin's first day (bins of 6)
		{180, 3, 30},
		{180, 1, 33},
		{100, 1, 16}, // bins of 3: the due bin changes on other days than the current
		{100, 4, 16},
		{100, 1, 15},
	} {
		t.Run(fmt.Sprintf("limit%d-spd%d-day%d", tc.limit, tc.spd, tc.first), func(t *testing.T) {
			s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
			if err != nil {
				t.Fatal(err)
			}
			s.Months, s.StepsPerDay = 14, tc.spd
			m, err := model.Compile(s)
			if err != nil {
				t.Fatal(err)
			}
			m.PostOrderLimitDays = tc.limit
			m.Initial = model.Initial{}
			m.Groups = append([]model.Group(nil), m.Groups...)
			for g := range m.Groups {
				m.Groups[g].TravelDocProb = 0
			}
			e := newEngine(m)
			bin := e.po.binDays
			if bin < 2 {
				t.Fatalf("limit %d: bins of %d day; the case needs bins of several", tc.limit, bin)
			}
			released := func(day int) int { return day/bin*bin + tc.limit }
			first := tc.first
			second := released(first)
			if days := m.Steps / tc.spd; days <= released(second) {
				t.Fatalf("%d days; the case needs %d", days, released(second)+1)
			}
			c := e.cls(procedure.InteriorCourt, 0, kindHome)
			for day := range released(second) + 1 {
				for k := day * tc.spd; k < (day+1)*tc.spd; k++ {
					e.Begin(k)
					e.Release(procedure.TravelDocument, 0)
					if k == first*tc.spd || k == second*tc.spd {
						e.move(&e.into[procedure.AppealUpheld], c, lot{n: 1, arr: e.now, adm: e.now})
					}
					e.Deadlines()
					e.End()
					want := 0.0
					for _, d := range []int{first, second} {
						if day >= d && day < released(d) {
							want++
						}
					}
					if got := e.total(procedure.TravelDocument); math.Abs(got-want) > 1e-12 {
						t.Fatalf("limit %d (bins of %d days), %d steps a day, day %d, step %d: %g held; want %g (orders on days %d and %d, released on days %d and %d)",
							tc.limit, bin, tc.spd, day, k, got, want, first, second, released(first), released(second))
					}
				}
			}
		})
	}
}

// TestTakeBinTinyRest checks that a bin released from a class whose
// other bins hold a tiny weight beside it is a share of about all of
// it, though the weights left are rescaled (fold) as their sum falls
// below 1e-100.
func TestTakeBinTinyRest(t *testing.T) {
	h := cohorts{w: []float64{1e-3, 1e-105}, sum: 1e-3 + 1e-105}
	if f := h.takeBin(0); math.Abs(f-1) > 1e-15 {
		t.Errorf("share of bin 0 = %g, want 1 to 1e-15", f)
	}
	if h.sum != 1 || h.w[0] != 0 || math.Abs(h.w[1]-1) > 1e-15 {
		t.Errorf("weights left %v, sum %g; want [0 1], 1", h.w, h.sum)
	}
}

// TestDeadlineReleasesMeet checks what releaseDeadlines relies on when
// it splits the chain's released people over their groups once for all
// post-order states: every state's Deadline transition leads each class
// to the same cell as the travel documents' does.
func TestDeadlineReleasesMeet(t *testing.T) {
	e := newEngine(groupModel(t, 1))
	ref := &e.into[procedure.DeadlineRelease(procedure.TravelDocument)]
	for s := procedure.TravelDocument; s.PostOrder(); s++ {
		in := &e.into[procedure.DeadlineRelease(s)]
		if from, _ := procedure.Ends(in.tid); from != s {
			t.Fatalf("DeadlineRelease(%v) leaves %v", s, from)
		}
		if in.to != ref.to {
			t.Errorf("%v's deadline leads to %v, the travel documents' to %v", s, in.to, ref.to)
			continue
		}
		for c := range in.cell {
			if in.cell[c] != ref.cell[c] {
				t.Errorf("%v's deadline puts class %d in another cell than the travel documents'", s, c)
				break
			}
		}
	}
	// releaseDeadlines sends each pathway's pooled people out as one
	// class of kind kindThird: right only while the cell the deadline
	// leads to is the same for every kind of a pathway and group.
	for p := procedure.Pathway(0); p < procedure.NumPathways; p++ {
		for g := range e.g {
			for k := range numKinds {
				if ref.cell[e.cls(p, g, k)] != ref.cell[e.cls(p, g, kindThird)] {
					t.Errorf("the deadline puts pathway %v, group %d, kind %d in another cell than kind %d", p, g, k, kindThird)
				}
			}
		}
	}
}
