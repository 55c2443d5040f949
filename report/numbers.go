package report

import (
	"io"
	"math"
	"strconv"
)

// People formats a number of people for reading: rounded to a whole
// person, with thousands separators (1234567.4 → "1,234,567").
func People(x float64) string { return count(x) }

// Number formats x with the decimals it needs and thousands separators
// in its integer part (11000000 → "11,000,000", 0.125 → "0.125").
func Number(x float64) string { return exact(x) }

// Money formats U.S. dollars for reading: "$1.23B", "$45.6M", "$12,345".
func Money(usd float64) string { return money(usd) }

// Significant formats x for a table of mixed magnitudes: whole numbers
// with thousands separators from 1,000 on, about four significant digits
// below (129.14 → "129.1", 0.00800412 → "0.008004"), and an exponent only for
// magnitudes a person cannot read (1e-5, 3e+16).
func Significant(x float64) string {
	a := math.Abs(x)
	switch {
	case x == 0:
		return "0"
	case a >= 1e15 || a < 1e-3:
		return strconv.FormatFloat(x, 'g', 3, 64)
	case a >= 1000:
		return count(x)
	}
	return exact(roundSignificant(x, 4))
}

// roundSignificant rounds x to n significant digits.
func roundSignificant(x float64, n int) float64 {
	f, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', n, 64), 64)
	return f
}

// Columns writes rows under header as aligned columns, two spaces
// apart: numbers right-aligned, the first column and the columns listed
// in text left-aligned, no trailing blanks. A nil header writes rows
// only.
func Columns(w io.Writer, header []string, rows [][]string, text ...int) error {
	p := &printer{w: w}
	p.table(header, rows, text...)
	return p.err
}
