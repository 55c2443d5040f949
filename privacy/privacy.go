// Package privacy finds text that looks like an identifier of a person in
// free-text fields (a scenario's name, description and sources), so that
// the dashboard never stores one. removalsim works on aggregate public
// statistics only: a scenario's keys are aggregate parameters (unknown
// keys are refused by package scenario), but its free text is free, and a
// pasted note could carry an alien registration number or an address.
//
// The patterns are deliberately narrow, for identifiers that have a fixed
// shape: alien registration numbers (A-numbers), Social Security numbers,
// e-mail addresses, US telephone numbers, and the words people use to
// introduce a date of birth. A person's name has no such shape and is not
// detected; the scenario format's closed set of keys is what keeps lists
// of people out.
package privacy

import (
	"cmp"
	"regexp"
	"slices"
	"unicode/utf8"
)

// Finding is one match: where it starts (1-based line and column, in
// characters) and what kind of identifier it looks like.
type Finding struct {
	Line, Col int
	Kind      string
}

var patterns = []struct {
	kind string
	re   *regexp.Regexp
}{
	{"an alien registration number (A-number)", regexp.MustCompile(`\bA[- ]?\d{3}[- ]?\d{3}[- ]?\d{2,3}\b`)},
	{"a Social Security number", regexp.MustCompile(`\b\d{3}-\d{2}-\d{4}\b`)},
	{"an e-mail address", regexp.MustCompile(`\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b`)},
	{"a telephone number", regexp.MustCompile(`(\(\d{3}\) ?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b`)},
	{"a date of birth", regexp.MustCompile(`(?i)\b(date of birth|d\.?o\.?b\.?|born on)\b`)},
}

// Find returns every match in src, in order of position.
func Find(src []byte) []Finding {
	var out []Finding
	for _, p := range patterns {
		for _, loc := range p.re.FindAllIndex(src, -1) {
			line, col := position(src, loc[0])
			out = append(out, Finding{Line: line, Col: col, Kind: p.kind})
		}
	}
	// Stable, so findings at one position keep the patterns' order.
	slices.SortStableFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
	return out
}

// position converts a byte offset into a 1-based line and column counted
// in characters, as editors and the scenario's errors count them.
func position(src []byte, off int) (line, col int) {
	line, col = 1, 1
	for i := 0; i < off; {
		r, size := utf8.DecodeRune(src[i:])
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}
