package flow_test

import (
	"fmt"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/scenarios"
)

// Example shows the library's path from a scenario file to a result:
// load (with extends resolved against a file system), compile, run.
func Example() {
	s, err := scenario.Load(scenarios.FS, "policy-variants/doubled-judges.yaml")
	if err != nil {
		fmt.Println(err) // an ErrorList: every problem, with file:line:col
		return
	}
	s.Months = 24 // a horizon override, as removalsim run --months does
	m, err := model.Compile(s)
	if err != nil {
		fmt.Println(err)
		return
	}
	r := flow.Run(m)

	fmt.Println(r.Scenario, r.Engine, r.Start, r.Months, "months")
	fmt.Println(len(r.Annual), "annual periods,", len(r.Monthly), "monthly rows")
	b := r.Ledger["in_proceedings"]
	fmt.Println("court docket balances:", b.Start+b.Inflow-b.Outflow-b.End < 1e-6*b.End)
	fmt.Println("judges at the end:", r.Monthly[23].Capacity["judges"] > r.Monthly[0].Capacity["judges"])
	// Output:
	// doubled-judges flow 2025-01 24 months
	// 2 annual periods, 24 monthly rows
	// court docket balances: true
	// judges at the end: true
}
