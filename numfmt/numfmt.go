// Package numfmt formats numbers for people to read: whole counts and
// decimals with thousands separators ("1,234,567"), as every table of
// removalsim prints them. It imports nothing of removalsim, so that any
// package's printer may use it.
package numfmt

import (
	"math"
	"strconv"
	"strings"
)

// Count formats x rounded to a whole number with thousands separators:
// 1234567.4 → "1,234,567".
func Count(x float64) string {
	return Group(strconv.FormatFloat(math.Round(x)+0, 'f', 0, 64))
}

// Decimal formats x with d decimals and thousands separators:
// Decimal(1234.567, 1) → "1,234.6".
func Decimal(x float64, d int) string {
	return Group(strconv.FormatFloat(x, 'f', d, 64))
}

// Exact formats x with as many decimals as it needs and thousands
// separators in its integer part: 11000000 → "11,000,000", 0.125 →
// "0.125".
func Exact(x float64) string {
	return Group(strconv.FormatFloat(x, 'f', -1, 64))
}

// Group inserts thousands separators into the integer part of a
// formatted decimal number ("-1234.5" → "-1,234.5"), and drops the sign
// of a negative number that rounded to zero ("-0.0" → "0.0"). Other
// strings ("NaN", "+Inf") come back unchanged.
func Group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if strings.Trim(intPart, "0123456789") != "" {
		return sign + s
	}
	if sign == "-" && strings.Trim(intPart+frac, "0") == "" {
		sign = "" // no "-0" for a negative number that rounds to zero
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
