package report

// People formats a number of people for reading: rounded to a whole
// person, with thousands separators (1234567.4 → "1,234,567").
func People(x float64) string { return count(x) }

// Number formats x with the decimals it needs and thousands separators
// in its integer part (11000000 → "11,000,000", 0.125 → "0.125").
func Number(x float64) string { return exact(x) }

// Money formats U.S. dollars for reading: "$1.23B", "$45.6M", "$12,345".
func Money(usd float64) string { return money(usd) }

// Decimal formats x with d decimals and thousands separators.
func Decimal(x float64, d int) string { return decimal(x, d) }
