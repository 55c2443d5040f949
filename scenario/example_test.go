package scenario_test

import (
	"bytes"
	"fmt"
	"os"

	"github.com/removalsim/removalsim/scenario"
)

func ExampleParse() {
	src, err := os.ReadFile("testdata/good/small.yaml")
	if err != nil {
		panic(err)
	}
	s, err := scenario.Parse("small.yaml", src)
	if err != nil {
		panic(err)
	}
	beds := s.Capacities.DetentionBeds.Initial
	fmt.Println(s.Name, s.Start, s.Months, "months")
	fmt.Println("detention beds:", beds.Value)
	fmt.Printf("per bed-day: $%v (%s)\n", s.Costs.PerBedDay.Value, s.Costs.PerBedDay.Source)

	// Every problem is reported, at its line and column.
	bad := bytes.Replace(src, []byte("initial: 41500"), []byte("initial: -5"), 1)
	bad = bytes.Replace(bad, []byte("returned_share: 0.2"), []byte("returned_shares: 0.2"), 1)
	_, err = scenario.Parse("small.yaml", bad)
	fmt.Println(err)
	err.(scenario.ErrorList).Print(os.Stdout)
	// Output:
	// small 2025-01 24 months
	// detention beds: 41500
	// per bed-day: $157 (ICE FY2024 budget justification)
	// small.yaml:30:3: border: unknown key "returned_shares"; did you mean "returned_share"? (allowed: title42_share, expedited_removal_share, released_share, returned_share, periods) (and 1 more error)
	// small.yaml:30:3: border: unknown key "returned_shares"; did you mean "returned_share"? (allowed: title42_share, expedited_removal_share, released_share, returned_share, periods)
	// small.yaml:101:14: capacities.detention_beds.initial: must be >= 0, got -5
}
