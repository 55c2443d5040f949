package report

import (
	"math"
	"strconv"
	"strings"
)

// count formats x rounded to a whole number with thousands separators:
// 1234567.4 → "1,234,567".
func count(x float64) string {
	return group(strconv.FormatFloat(math.Round(x)+0, 'f', 0, 64))
}

// decimal formats x with d decimals and thousands separators:
// decimal(1234.567, 1) → "1,234.6".
func decimal(x float64, d int) string {
	return group(strconv.FormatFloat(x, 'f', d, 64))
}

// exact formats x with as many decimals as it needs and thousands
// separators in its integer part: 11000000 → "11,000,000", 0.125 →
// "0.125".
func exact(x float64) string {
	return group(strconv.FormatFloat(x, 'f', -1, 64))
}

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

// group inserts thousands separators into the integer part of a
// formatted decimal number.
func group(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
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
