// The bench core of removalsim, written with SimJS 2.0.3 (npm "simjs").
//
// Usage: node bench/simjs/model.js PARAMS.json SEED
//
// The same model as bench/simpy/model.py, with the same inputs (PARAMS.json
// from `bench/prep params`) and the same step semantics: time runs in steps
// of one day; within a step the phases run at fixed fractions of the day
// (see PH below); delay stages hold a case a geometric number of steps
// G >= 1; stations with a capacity per step serve floor(credit) cases first
// in first out and carry the fraction; detention beds are a SimJS Buffer of
// free beds whose FIFO get queue the arrested wait in, reneging to ATD
// (waitUntil) after a geometric wait; a case held post_order_limit_steps
// after its removal order is released then, as removalsim's Deadline
// transitions do. Events are counted as removalsim counts them: one per
// case transition. Prints one JSON object.
//
// Written the way SimJS is meant to be used: every arrested person is an
// Entity; delays are timers (setTimer().done()); stations are served by a
// clock entity that calls back the cases it serves.
'use strict';

const fs = require('fs');

// simjs 2.0.3 ships a browserify bundle that exports nothing to Node and
// sets window.Sim instead; give it a window.
globalThis.window = globalThis.window || {};
require('simjs');
const { Sim, Entity, Buffer, Random } = globalThis.window.Sim;

const PH = {
  atd: 0.005, doc: 0.010, docket: 0.020, bedWait: 0.030, release: 0.040,
  judges: 0.100, country: 0.200, third: 0.300, seats: 0.400, arrests: 0.500,
};
const NEVER = 2 ** 40;

// Credit is a capacity's carried service, as agent.credit.
class Credit {
  constructor() { this.c = 0; }
  add(capacity) { this.c += capacity; return Math.trunc(this.c); }
  use(n) { this.c -= n; if (this.c >= 1) this.c -= Math.floor(this.c); }
}

// Fifo is a first-in-first-out queue with O(1) push and shift.
class Fifo {
  constructor() { this.a = []; this.h = 0; }
  get length() { return this.a.length - this.h; }
  push(x) { this.a.push(x); }
  shift() {
    const x = this.a[this.h++];
    if (this.h === this.a.length) { this.a = []; this.h = 0; } else if (this.h > 4096 && this.h * 2 > this.a.length) { this.a = this.a.slice(this.h); this.h = 0; }
    return x;
  }
}

function stepOf(t) { return Math.floor(t); }

// M holds the shared state of one run.
const M = {};

function geometric(p) {
  if (p >= 1) return 1;
  if (p <= 0) return NEVER;
  return 1 + Math.floor(Math.log(1 - M.rng.random()) / Math.log1p(-p));
}

// Case is one arrested person, from the bed queue to leaving detention.
class Case extends Entity {
  start(k) {
    this.arrest = k;
    this.reneged = false;
    M.events++; // at_large -> arrested
    const wait = geometric(M.p.bed_wait_prob);
    this.getBuffer(M.beds, 1).done(this.admitted).waitUntil(this.until(k + wait + PH.bedWait), this.noBed);
  }

  until(at) { return Math.max(0, at - this.time()); }

  noBed() {
    M.events++; // arrested -> atd
    const k = stepOf(this.time());
    this.setTimer(this.until(k + geometric(M.p.atd_end_prob) + PH.atd)).done(() => {
      M.events++; // atd -> in_proceedings
      M.inProc++;
    });
  }

  admitted() {
    M.events++; // arrested -> detained_docket
    const k = stepOf(this.time());
    this.setTimer(this.until(k + geometric(M.p.docket_prob) + PH.docket)).done(() => {
      M.events++; // detained_docket -> court_queue
      M.court.push(this);
    });
  }

  leave() { this.putBuffer(M.beds, 1); }

  // decided is called by the judges' station.
  decided() {
    const o = M.p.detained_outcomes;
    if (M.rng.random() >= o[0]) {
      M.events++; // court_queue -> relief or departed
      this.leave();
      return;
    }
    M.events++; // court_queue -> travel_document
    const u = M.rng.random();
    let gi = 0;
    while (gi < M.docCum.length - 1 && u >= M.docCum[gi]) gi++;
    const g = M.p.groups[gi];
    const k = stepOf(this.time());
    // The post-order clock starts with the order (procedure.Deadline): a
    // case still held post_order_limit_steps later is released to the
    // final-order docket in that step's release phase, from whichever
    // post-order state it is in; a document that comes the same step
    // comes first (its phase is earlier).
    this.deadline = k + M.p.post_order_limit_steps;
    const doc = k + geometric(g.doc_prob);
    if (doc > this.deadline) {
      this.setTimer(this.until(this.deadline + PH.release)).done(() => {
        M.events++; // travel_document -> final_order
        this.leave();
      });
      return;
    }
    this.setTimer(this.until(doc + PH.doc)).done(() => this.documented(g));
  }

  documented(g) {
    const k = stepOf(this.time());
    if (M.rng.random() < g.acceptance) {
      M.events++; // travel_document -> country_queue
      if (k === this.deadline) {
        this.setTimer(this.until(this.deadline + PH.release)).done(() => {
          M.events++; // country_queue -> final_order
          this.leave();
        });
        return;
      }
      this.setTimer(this.until(k + PH.country)).done(() => {
        M.events++; // country_queue -> awaiting_flight
        this.awaitFlight();
      });
      return;
    }
    M.events++; // travel_document -> third_country_designation
    M.tcd.push(this);
    M.nTcd++;
    this.renege = this.setTimer(this.until(this.deadline + PH.release)).done(() => {
      this.reneged = true;
      M.nTcd--;
      M.events++; // third_country_designation -> final_order
      this.leave();
    });
  }

  // slotted is called by the third-country station.
  slotted() {
    this.renege.cancel();
    M.events++; // third_country_designation -> awaiting_flight
    this.awaitFlight();
  }

  // awaitFlight queues for a seat until the post-order deadline.
  awaitFlight() {
    M.flight.push(this);
    this.renege = this.setTimer(this.until(this.deadline + PH.release)).done(() => {
      this.reneged = true;
      M.events++; // awaiting_flight -> final_order
      this.leave();
    });
  }

  // removed is called by the seats station.
  removed() {
    this.renege.cancel();
    M.events++; // awaiting_flight -> removed
    M.removals++;
    M.ttrSum += stepOf(this.time()) - this.arrest;
    this.leave();
  }
}

// Stations serves the capacities per step and makes the arrests.
class Stations extends Entity {
  start() {
    this.k = 0;
    this.judges = new Credit();
    this.third = new Credit();
    this.seats = new Credit();
    this.arrests = new Credit();
    this.at(PH.judges, this.serveJudges);
  }

  at(t, fn) { this.setTimer(Math.max(0, t - this.time())).done(fn); }

  serveJudges() {
    const p = M.p;
    const k = this.k;
    const units = this.judges.add(p.judges[k]);
    let served = 0;
    while (served < units && M.court.length > 0) {
      M.court.shift().decided();
      served++;
    }
    const rest = Math.min(units - served, M.inProc);
    M.inProc -= rest;
    const nd = p.non_detained_outcomes;
    for (let i = 0; i < rest; i++) {
      const u = M.rng.random();
      M.ndOut[u < nd[0] ? 0 : u < nd[0] + nd[1] ? 1 : 2]++;
    }
    M.events += rest; // in_proceedings -> final_order, relief, departed
    this.judges.use(served + rest);
    this.at(k + PH.third, this.serveThird);
  }

  serveThird() {
    const k = this.k;
    const na = Math.min(M.nTcd, this.third.add(M.p.third[k]));
    for (let i = 0; i < na;) {
      const c = M.tcd.shift();
      if (c.reneged) continue;
      M.nTcd--;
      c.slotted();
      i++;
    }
    this.third.use(na);
    this.at(k + PH.seats, this.serveSeats);
  }

  serveSeats() {
    const k = this.k;
    const units = this.seats.add(M.p.seats[k]);
    let served = 0;
    while (served < units && M.flight.length > 0) {
      const c = M.flight.shift();
      if (c.reneged) continue;
      c.removed();
      served++;
    }
    this.seats.use(served);
    this.at(k + PH.arrests, this.arrive);
  }

  arrive() {
    const k = this.k;
    const n = Math.min(this.arrests.add(M.p.arrests[k]), M.atLarge);
    M.atLarge -= n;
    for (let i = 0; i < n; i++) M.sim.addEntity(Case, undefined, k);
    this.arrests.use(n);
    this.k++;
    if (this.k < M.p.steps) this.at(this.k + PH.judges, this.serveJudges);
  }
}

function main() {
  if (process.argv.length !== 4) {
    console.error('usage: model.js PARAMS.json SEED');
    process.exit(2);
  }
  const p = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const seed = parseInt(process.argv[3], 10);
  const t0 = process.hrtime.bigint();
  M.p = p;
  M.rng = new Random(seed);
  M.sim = new Sim();
  M.beds = new Buffer('beds', p.beds, p.beds);
  M.court = new Fifo();
  M.tcd = new Fifo();
  M.flight = new Fifo();
  M.nTcd = 0;
  M.atLarge = Math.round(p.at_large);
  M.inProc = 0;
  M.ndOut = [0, 0, 0];
  M.events = 0;
  M.removals = 0;
  M.ttrSum = 0;
  M.docCum = [];
  let s = 0;
  for (const g of p.groups) { s += g.share; M.docCum.push(s); }
  M.sim.addEntity(Stations);
  M.sim.simulate(p.steps);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({
    tool: 'simjs',
    seed,
    cases: Math.round(p.at_large),
    events: M.events,
    removals: M.removals,
    mean_time_to_removal: M.removals ? M.ttrSum / M.removals : 0,
    wall_seconds: wall,
  }));
}

main();
