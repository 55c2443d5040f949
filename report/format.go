package report

import (
	"strconv"

	"github.com/removalsim/removalsim/numfmt"
)

// count, decimal and exact are numfmt's whole counts and decimals with
// thousands separators, under the short names this package's printers
// use.
var (
	count   = numfmt.Count
	decimal = numfmt.Decimal
	exact   = numfmt.Exact
)

// money formats an amount in U.S. dollars for reading: "$1.23T" from a
// trillion, "$1.23B" from a billion, "$45.6M" from a million, whole dollars with separators below.
func money(usd float64) string {
	sign := ""
	if usd < 0 {
		sign, usd = "-", -usd
	}
	switch {
	case usd >= 1e12:
		return sign + "$" + decimal(usd/1e12, 2) + "T"
	case usd >= 1e9:
		return sign + "$" + decimal(usd/1e9, 2) + "B"
	case usd >= 1e6:
		return sign + "$" + decimal(usd/1e6, 1) + "M"
	}
	return sign + "$" + count(usd)
}

// share formats part/whole as a percentage with one decimal, or "-" when
// whole is zero.
func share(part, whole float64) string {
	if whole == 0 {
		return "-"
	}
	return strconv.FormatFloat(100*part/whole, 'f', 1, 64) + "%"
}
