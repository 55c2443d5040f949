package data

import (
	"errors"
	"fmt"
	"strings"
)

// Provenance says where a figure or document comes from, keeping the
// publication apart from the copy that was read: a mirror, a reprint or a
// news report quoting an agency is never presented as the source itself.
// Both figures.csv and documents.csv carry these columns.
type Provenance struct {
	// Quality is "P" (primary), "S" (secondary) or "W" (weak); see
	// QualityMeaning.
	Quality string
	// Basis says what the named publication is and how the figure was
	// read in it: "primary" (the publication is the primary one, and the
	// figure was read in it, at its own address or in a copy of the whole
	// document), "quoted" (the publication is the primary one, but the
	// figure was read where another publication quotes it; Note names
	// that one) or "secondary" (no primary publication was found: the
	// publication named is itself a secondary report, such as a news
	// story of unpublished agency data or a spokesperson's remark).
	Basis string
	// Publisher is who published the original: an agency, court,
	// Congress, a research group, or for Basis "secondary" the outlet.
	Publisher string
	// Publication is the original's title (or a description of it when it
	// has none, such as a web table or a press statement).
	Publication string
	// Published is the original's date: "2025", "2025-07", "2025-07-04",
	// "n.d." for an undated page, or "" when the date was not recorded.
	Published string
	// Locator is the table, page, section or paragraph holding the figure.
	Locator string
	// URL is the original's own address when it is known from the
	// publication or the copy read; empty otherwise. Never a mirror.
	URL string
	// ReadAt is the address of the copy that was read: the original, an
	// archive or mirror of it, or the page quoting it.
	ReadAt string
	// OtherValues records other published values for the same figure, with
	// where they appear, when sources disagree; empty when none is known.
	OtherValues string
	// Note says how the figure reached us and anything a reader checking it
	// should know (scope, rounding, derivation).
	Note string
}

// Bases lists the values of Provenance.Basis.
var Bases = []string{"primary", "quoted", "secondary"}

// QualityMeaning defines the quality letters, for documentation and for
// the output of "removalsim sources".
var QualityMeaning = map[string]string{
	"P": "primary: read in the publication of the body that produced the number (agency, court, Congress, GAO, CRS, OIG) or of a research group analysing agency records itself (TRAC, Pew, MPI), at its own address or in a copy of the whole document",
	"S": "secondary: read where another publication (news outlet, think tank, law firm) quotes the number, or reported only by the press (internal data, a spokesperson), with no primary publication read",
	"W": "weak: read on an aggregator, message board, listicle or partisan page, or not traceable to a named publication; a cross-check only",
}

// provenanceHeader is the tail of both files' headers: the columns of
// Provenance, in order.
var provenanceHeader = []string{"quality", "basis", "publisher", "publication", "published", "locator", "url", "read_at", "other_values", "note"}

// parseProvenance reads the provenance columns from rec, which holds them
// in the order of provenanceHeader, and checks them. On error it returns
// the offending column's name.
func parseProvenance(rec []string) (Provenance, string, error) {
	p := Provenance{
		Quality: rec[0], Basis: rec[1], Publisher: rec[2], Publication: rec[3],
		Published: rec[4], Locator: rec[5], URL: rec[6], ReadAt: rec[7],
		OtherValues: rec[8], Note: rec[9],
	}
	switch p.Quality {
	case "P", "S", "W":
	default:
		return p, "quality", fmt.Errorf("quality %q is not P, S or W", p.Quality)
	}
	switch p.Basis {
	case "primary", "quoted", "secondary":
	default:
		return p, "basis", fmt.Errorf("basis %q is not primary, quoted or secondary", p.Basis)
	}
	if (p.Quality == "P") != (p.Basis == "primary") {
		return p, "basis", fmt.Errorf("quality %s with basis %s: P means read in the primary publication, and only P does", p.Quality, p.Basis)
	}
	switch {
	case strings.TrimSpace(p.Publisher) == "":
		return p, "publisher", errors.New("empty publisher: who published the original?")
	case strings.TrimSpace(p.Publication) == "":
		return p, "publication", errors.New("empty publication: the original's title")
	case p.Published != "" && p.Published != "n.d." && !isYear(p.Published) && !isMonth(p.Published) && !isDate(p.Published):
		return p, "published", fmt.Errorf("published %q is not yyyy, yyyy-mm, yyyy-mm-dd, n.d. or empty", p.Published)
	case p.URL != "" && !isWebAddress(p.URL):
		return p, "url", fmt.Errorf("url %q is not an http(s) address", p.URL)
	case !isWebAddress(p.ReadAt):
		return p, "read_at", fmt.Errorf("read_at %q is not an http(s) address: where was the copy read?", p.ReadAt)
	case p.Basis == "quoted" && p.URL == p.ReadAt:
		return p, "read_at", errors.New("basis quoted but read_at is the original's address: read where it is quoted, or basis primary")
	case p.Basis == "quoted" && strings.TrimSpace(p.Note) == "":
		return p, "note", errors.New("basis quoted needs a note naming who quoted the figure")
	case p.OtherValues != "" && !strings.ContainsAny(p.OtherValues, "0123456789"):
		return p, "other_values", fmt.Errorf("other_values %q gives no value", p.OtherValues)
	}
	return p, "", nil
}

func isWebAddress(s string) bool {
	rest, ok := strings.CutPrefix(s, "https://")
	if !ok {
		rest, ok = strings.CutPrefix(s, "http://")
	}
	return ok && rest != "" && !strings.ContainsAny(s, " \t\n")
}

// Host returns the host of a web address without a leading "www.", or ""
// when s is not one.
func Host(s string) string {
	if !isWebAddress(s) {
		return ""
	}
	s = s[strings.Index(s, "//")+2:]
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndex(s, ":"); i >= 0 {
		s = s[:i]
	}
	return strings.TrimPrefix(strings.ToLower(s), "www.")
}

// isSnakeName reports whether s is a snake_case name: lower-case letters,
// digits and single underscores, starting with a letter.
func isSnakeName(s string) bool {
	return documentID.MatchString(s) && !strings.Contains(s, "__")
}
