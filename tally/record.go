package tally

// Recording says what Result builds from a run. The zero value records
// everything. Tools that run a model many times and read a few outcomes
// of each run (the planner, calibration) record only those: building
// the full result, with its maps per month, is a large share of a flow
// run.
type Recording struct {
	// Lean keeps the scalar outcomes only: each month's removals,
	// arrests, detained, court backlog, final orders, binding capacity
	// and cost; each 12-month period's totals and average detained; the
	// run's totals, detention and due-process figures. It leaves out
	// every map (utilisation, capacity levels, queues, stocks, flows,
	// removals by pathway or destination, cost items), the ledger, the
	// time-to-removal distributions, the transitions fired and the
	// sources. What it keeps equals, bit for bit, the same number of a
	// full result.
	Lean bool
	// Breakdown, with Lean, also keeps what calibration's fitting-only
	// targets read, and nothing else: each month's and each 12-month
	// period's removals by pathway, and each month's admissions to
	// detention as the Flows of AdmissionFlows (a flow absent when
	// zero, as in a full result). Each equals, bit for bit, the same
	// number of a full result. Without Lean it changes nothing.
	Breakdown bool
	// Unpriced prices nothing: every cost of the result (monthly,
	// annual, totals, cost per removal, appropriation gap, fines) is
	// zero. Nothing else changes.
	Unpriced bool
}

// Record sets what Result builds; call it before Result.
func (t *Tally) Record(r Recording) { t.rec = r }
