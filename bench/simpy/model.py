"""The bench core of removalsim, written with SimPy 2 (Debian python3-simpy).

Usage: /usr/bin/python3 bench/simpy/model.py [--beds=interrupt|level|resource] PARAMS.json SEED

PARAMS.json comes from `bench/prep params bench/scenario.yaml` (or a scaled
copy): per-step capacities and per-step leaving probabilities compiled by
removalsim's own package model, so the three implementations run on the same
numbers. Prints one JSON object: cases, events, removals, mean time to
removal (days), wall seconds of the simulation.

The model follows removalsim's step semantics (flow/step.go, agent/step.go):
time runs in steps of one day, and within a step the phases run in a fixed
order, here placed at fractions of the day:

  .005 ATD ends (to the non-detained docket)   .010 travel documents issued
  .020 detained cases ready for a judge        .030 no bed within the wait
  .040 post-order detention limit reached      .100 judges decide
  .200 countries accept                        .300 third-country slots
  .400 seats on flights                        .500 arrests

A delay stage with per-step leaving probability p holds a case for a
geometric number of steps G >= 1 (the discrete exponential); stations with
a capacity per step (judges, third-country slots, seats, arrests) serve
floor(credit) cases first in first out and carry the fraction; detention
beds are a pool the arrested wait for first in first out, reneging to ATD
after a geometric wait. A case held post_order_limit_steps after its
removal order (waiting for a travel document, a country, a third-country
slot or a seat) is released to the final-order docket then, as removalsim's
Deadline transitions do (flow/deadline.go, agent/step.go). Events are
counted as removalsim counts them: one per case transition (state change of
one person).

The code is written the way SimPy is meant to be used: every arrested person
is a Process; delays are holds; waiting in a station's queue is passivate
(served by reactivate) or a hold that the station interrupts (when the wait
can also end by reneging).

The bed pool has three implementations (--beds), with the same semantics:

  interrupt  (default) a count of free beds and a FIFO of waiting cases,
             each holding until its renege time unless a leaving case
             interrupts it with a bed: the fastest in SimPy 2;
  level      a SimPy Level of free beds, waited for with the compound
             "yield (get, ...), (hold, ...)" renege: SimPy 2 defines two
             classes and starts a helper Process for every such request,
             and collecting those classes (cyclic garbage) takes most of the
             run at 10^5 cases and grows faster than the run;
  resource   a SimPy Resource with one unit per bed, the textbook choice:
             SimPy 2 keeps holders in a list it scans on every request,
             renege test and release, so the run is quadratic (10^5 cases:
             minutes).
"""

import json
import math
import random
import sys
import time
from collections import deque

from SimPy.Simulation import (FIFO, Level, Process, Resource, Simulation, get,
                              hold, passivate, put, release, request)

PH_ATD = 0.005
PH_DOC = 0.010
PH_DOCKET = 0.020
PH_BEDWAIT = 0.030
PH_RELEASE = 0.040
PH_JUDGES = 0.100
PH_COUNTRY = 0.200
PH_THIRD = 0.300
PH_SEATS = 0.400
PH_ARRESTS = 0.500

NEVER = 1 << 40


class Credit:
    """A capacity's carried service, as agent.credit: whole units are
    served, the fraction carries; an idle station keeps only the fraction."""

    __slots__ = ("c",)

    def __init__(self):
        self.c = 0.0

    def add(self, capacity):
        self.c += capacity
        return int(self.c)

    def use(self, n):
        self.c -= n
        if self.c >= 1:
            self.c -= math.floor(self.c)


class Bench(Simulation):
    def __init__(self, p, seed, beds):
        Simulation.__init__(self)
        self.p = p
        self.rng = random.Random(seed)
        self.bed_mode = beds
        n = int(p["beds"])
        if beds == "level":
            self.beds = Level(capacity=n, initialBuffered=n, sim=self)
        elif beds == "resource":
            self.beds = Resource(capacity=n, qType=FIFO, sim=self)
        self.free_beds = n
        self.bedq = deque()
        self.court = deque()
        self.tcd = deque()
        self.n_tcd = 0
        self.flight = deque()
        self.at_large = int(round(p["at_large"]))
        self.in_proc = 0
        self.nd_out = [0, 0, 0]  # non-detained orders, relief, departures
        self.events = 0
        self.removals = 0
        self.ttr_sum = 0
        self.judges, self.third, self.seats, self.arrests = Credit(), Credit(), Credit(), Credit()
        self.doc_cum = []
        s = 0.0
        for g in p["groups"]:
            s += g["share"]
            self.doc_cum.append(s)

    def geometric(self, p):
        """Steps G >= 1 in a stage left with probability p per step."""
        if p >= 1:
            return 1
        if p <= 0:
            return NEVER
        return 1 + int(math.log(1.0 - self.rng.random()) / math.log1p(-p))

    def free_bed(self, leaver):
        """A bed frees: the longest waiter still waiting takes it."""
        self.free_beds += 1
        while self.bedq:
            c = self.bedq.popleft()
            if not c.reneged:
                self.free_beds -= 1
                leaver.interrupt(c)
                return

    def until(self, at):
        """The delay from now to the absolute time at."""
        return max(0.0, at - self._t)


class Case(Process):
    """One arrested person, from the bed queue to leaving detention."""

    def life(self, m, k):
        p, rng = m.p, m.rng
        self.arrest = k
        self.reneged = False
        m.events += 1  # at_large -> arrested
        deadline = m.until(k + m.geometric(p["bed_wait_prob"]) + PH_BEDWAIT)
        if m.bed_mode == "interrupt":
            got = m.free_beds > 0 and not m.bedq
            if got:
                m.free_beds -= 1
            else:
                m.bedq.append(self)
                yield hold, self, deadline
                got = self.interrupted()
                if got:
                    self.interruptReset()
                else:
                    self.reneged = True
        else:
            if m.bed_mode == "level":
                yield (get, self, m.beds, 1), (hold, self, deadline)
            else:
                yield (request, self, m.beds), (hold, self, deadline)
            got = self.acquired(m.beds)
        if not got:
            # No bed within the wait: released on ATD, later on the docket.
            m.events += 1  # arrested -> atd
            k = int(m._t)
            yield hold, self, m.until(k + m.geometric(p["atd_end_prob"]) + PH_ATD)
            m.events += 1  # atd -> in_proceedings
            m.in_proc += 1
            return
        m.events += 1  # arrested -> detained_docket
        k = int(m._t)
        yield hold, self, m.until(k + m.geometric(p["docket_prob"]) + PH_DOCKET)
        m.events += 1  # detained_docket -> court_queue
        m.court.append(self)
        yield passivate, self
        # Decided by a judge.
        o, u = p["detained_outcomes"], rng.random()
        if u >= o[0]:
            m.events += 1  # court_queue -> relief or departed
            yield from self.leave(m)
            return
        m.events += 1  # court_queue -> travel_document
        u = rng.random()
        gi = 0
        while gi < len(m.doc_cum) - 1 and u >= m.doc_cum[gi]:
            gi += 1
        g = p["groups"][gi]
        k = int(m._t)
        # The post-order clock starts with the order (procedure.Deadline):
        # a case still held post_order_limit_steps later is released to
        # the final-order docket in that step's release phase, from
        # whichever post-order state it is in; a document that comes the
        # same step comes first (its phase is earlier).
        deadline = k + p["post_order_limit_steps"]
        doc = k + m.geometric(g["doc_prob"])
        if doc > deadline:
            yield hold, self, m.until(deadline + PH_RELEASE)
            m.events += 1  # travel_document -> final_order
            yield from self.leave(m)
            return
        yield hold, self, m.until(doc + PH_DOC)
        k = int(m._t)
        if rng.random() < g["acceptance"]:
            m.events += 1  # travel_document -> country_queue
            if k == deadline:
                yield hold, self, m.until(deadline + PH_RELEASE)
                m.events += 1  # country_queue -> final_order
                yield from self.leave(m)
                return
            yield hold, self, m.until(k + PH_COUNTRY)
            m.events += 1  # country_queue -> awaiting_flight
        else:
            m.events += 1  # travel_document -> third_country_designation
            m.tcd.append(self)
            m.n_tcd += 1
            yield hold, self, m.until(deadline + PH_RELEASE)
            if self.interrupted():
                self.interruptReset()
                m.events += 1  # third_country_designation -> awaiting_flight
            else:
                self.reneged = True
                m.n_tcd -= 1
                m.events += 1  # third_country_designation -> final_order
                yield from self.leave(m)
                return
        # Waiting for a seat until the deadline: the seats station
        # interrupts the hold.
        m.flight.append(self)
        yield hold, self, m.until(deadline + PH_RELEASE)
        if not self.interrupted():
            self.reneged = True
            m.events += 1  # awaiting_flight -> final_order
            yield from self.leave(m)
            return
        self.interruptReset()
        m.events += 1  # awaiting_flight -> removed
        m.removals += 1
        m.ttr_sum += int(m._t) - self.arrest
        yield from self.leave(m)

    def leave(self, m):
        """Frees the case's bed as it leaves detention."""
        if m.bed_mode == "interrupt":
            m.free_bed(self)
        elif m.bed_mode == "level":
            yield put, self, m.beds, 1
        else:
            yield release, self, m.beds


class Stations(Process):
    """The stations with a capacity per step, and the arrests."""

    def run(self, m):
        p, rng = m.p, m.rng
        nd = p["non_detained_outcomes"]
        for k in range(p["steps"]):
            yield hold, self, m.until(k + PH_JUDGES)
            units = m.judges.add(p["judges"][k])
            served = 0
            while served < units and m.court:
                m.reactivate(m.court.popleft())
                served += 1
            rest = min(units - served, m.in_proc)
            m.in_proc -= rest
            for _ in range(rest):
                u = rng.random()
                m.nd_out[0 if u < nd[0] else 1 if u < nd[0] + nd[1] else 2] += 1
            m.events += rest  # in_proceedings -> final_order, relief, departed
            m.judges.use(served + rest)

            yield hold, self, m.until(k + PH_THIRD)
            na = min(m.n_tcd, m.third.add(p["third"][k]))
            i = 0
            while i < na:
                c = m.tcd.popleft()
                if c.reneged:
                    continue
                self.interrupt(c)
                m.n_tcd -= 1
                i += 1
            m.third.use(na)

            yield hold, self, m.until(k + PH_SEATS)
            units = m.seats.add(p["seats"][k])
            served = 0
            while served < units and m.flight:
                c = m.flight.popleft()
                if c.reneged:
                    continue
                self.interrupt(c)
                served += 1
            m.seats.use(served)

            yield hold, self, m.until(k + PH_ARRESTS)
            n = min(m.arrests.add(p["arrests"][k]), m.at_large)
            m.at_large -= n
            for _ in range(n):
                c = Case(sim=m)
                m.activate(c, c.life(m, k))
            m.arrests.use(n)


def main():
    args = sys.argv[1:]
    beds = "interrupt"
    if len(args) == 3 and args[0].startswith("--beds="):
        beds = args.pop(0).split("=", 1)[1]
    if len(args) != 2 or beds not in ("interrupt", "level", "resource"):
        sys.exit("usage: model.py [--beds=interrupt|level|resource] PARAMS.json SEED")
    with open(args[0]) as f:
        p = json.load(f)
    seed = int(args[1])
    t0 = time.perf_counter()
    m = Bench(p, seed, beds)
    s = Stations(sim=m)
    m.activate(s, s.run(m))
    m.simulate(until=p["steps"])
    wall = time.perf_counter() - t0
    print(json.dumps({
        "tool": "simpy",
        "beds": beds,
        "seed": seed,
        "cases": int(round(p["at_large"])),
        "events": m.events,
        "removals": m.removals,
        "mean_time_to_removal": m.ttr_sum / m.removals if m.removals else 0.0,
        "wall_seconds": wall,
    }))


if __name__ == "__main__":
    main()
