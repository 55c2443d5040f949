package numfmt_test

import (
	"fmt"

	"github.com/removalsim/removalsim/numfmt"
)

func Example() {
	fmt.Println(numfmt.Count(1234567.4))
	fmt.Println(numfmt.Decimal(98765.4321, 1))
	fmt.Println(numfmt.Exact(2500000.125))
	// Output:
	// 1,234,567
	// 98,765.4
	// 2,500,000.125
}
