// Package cite reads the citations in a parameter's source text and
// resolves them against the dataset, so that every number a scenario uses
// can be traced to a published figure or document.
//
// A source is free prose with citations in it:
//
//	derived: 113,431 arrests / 6,000 officers / 12 (data: ice_admin_arrests FY2024, ice_deportation_officers)
//	at most 48 hours excluding weekends, about 3 days (doc: cfr_8_287_7)
//
// "data:" is followed by one or more dataset series, each optionally with
// a period (FY2024, 2025-01, 2025-03..2025-09); "doc:" by one or more ids
// of data/documents.csv. A citation runs to the next ")", ";", or keyword.
package cite

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/removalsim/removalsim/data"
)

// Kind says what a reference points at.
type Kind string

const (
	// Data is a row (or a series) of data/figures.csv.
	Data Kind = "data"
	// Doc is a document of data/documents.csv.
	Doc Kind = "doc"
)

// Ref is one citation found in a source text.
type Ref struct {
	// Kind is Data or Doc.
	Kind Kind `json:"kind"`
	// Name is the dataset series or the document id.
	Name string `json:"name"`
	// Period is the cited period of a Data reference; empty means the
	// series as a whole. A range "2025-03..2025-09" cites its two ends and
	// the months between.
	Period string `json:"period,omitempty"`
}

// String renders r the way sources write it: "data: series PERIOD" or
// "doc: id".
func (r Ref) String() string {
	if r.Period != "" {
		return fmt.Sprintf("%s: %s %s", r.Kind, r.Name, r.Period)
	}
	return fmt.Sprintf("%s: %s", r.Kind, r.Name)
}

var (
	keyword = regexp.MustCompile(`\b(data|doc):`)
	name    = regexp.MustCompile(`^[a-z][a-z0-9_]*[a-z0-9]$`)
	// A period starts with FY, CY or a digit; anything else after a name
	// is prose.
	periodStart = regexp.MustCompile(`^(FY|CY|[0-9])`)
)

// Parse returns the citations in source, in the order they appear. Items
// after a keyword that are not snake_case names ("the data: range is ...")
// are prose, not citations, and are skipped.
func Parse(source string) []Ref {
	var refs []Ref
	locs := keyword.FindAllStringSubmatchIndex(source, -1)
	for i, loc := range locs {
		kind := Kind(source[loc[2]:loc[3]])
		end := len(source)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		segment := source[loc[1]:end]
		if j := strings.IndexAny(segment, ");\""); j >= 0 {
			segment = segment[:j]
		}
		for _, item := range strings.Split(segment, ",") {
			fields := strings.Fields(item)
			if len(fields) == 0 || !name.MatchString(fields[0]) {
				continue
			}
			r := Ref{Kind: kind, Name: fields[0]}
			if kind == Data && len(fields) > 1 {
				if !periodStart.MatchString(fields[1]) {
					continue
				}
				r.Period = strings.TrimRight(fields[1], ".:")
			}
			refs = append(refs, r)
		}
	}
	return refs
}

// Reference is a resolved citation: the publication the cited figure or
// document comes from, kept apart from where the copy that was read lives.
type Reference struct {
	Ref
	// Publisher and Publication name the original publication;
	// Published is its date ("" when not recorded) and Locator the table,
	// page or paragraph.
	Publisher   string `json:"publisher"`
	Publication string `json:"publication"`
	Published   string `json:"published,omitempty"`
	Locator     string `json:"locator,omitempty"`
	// URL is the original's own address, or "" when it is not known.
	URL string `json:"url,omitempty"`
	// ReadAt is where the copy that was read lives: the original, an
	// archive or mirror of it, or a page quoting it.
	ReadAt string `json:"read_at"`
	// Quality is "P", "S" or "W" and Basis "primary", "quoted" or
	// "secondary" (see data/README.md).
	Quality string `json:"quality"`
	Basis   string `json:"basis"`
}

// reference builds the Reference for r from a row's provenance.
func reference(r Ref, p data.Provenance) Reference {
	return Reference{Ref: r, Publisher: p.Publisher, Publication: p.Publication, Published: p.Published,
		Locator: p.Locator, URL: p.URL, ReadAt: p.ReadAt, Quality: p.Quality, Basis: p.Basis}
}

// Resolve looks r up in the dataset. A Data reference with a period must
// name a row of that series and period (both ends for a range); without a
// period the series must exist, and the reference resolves to its latest
// row. A Doc reference must name a document.
func Resolve(r Ref) (Reference, error) {
	switch r.Kind {
	case Doc:
		d, ok := data.LookupDocument(r.Name)
		if !ok {
			return Reference{}, fmt.Errorf("%s: no document %q in data/documents.csv", r, r.Name)
		}
		return reference(r, d.Provenance), nil
	case Data:
		rows := data.Series(r.Name)
		if len(rows) == 0 {
			return Reference{}, fmt.Errorf("%s: no series %q in data/figures.csv", r, r.Name)
		}
		f := rows[len(rows)-1]
		var periods []string
		if first, last, isRange := strings.Cut(r.Period, ".."); isRange {
			periods = []string{first, last}
		} else if r.Period != "" {
			periods = []string{r.Period}
		}
		for _, p := range periods {
			row, ok := data.Lookup(r.Name, p)
			if !ok {
				return Reference{}, fmt.Errorf("%s: series %q has no row for period %q", r, r.Name, p)
			}
			f = row
		}
		return reference(r, f.Provenance), nil
	}
	return Reference{}, fmt.Errorf("%s: unknown kind %q", r, r.Kind)
}

// ResolveAll parses source and resolves every citation in it, returning
// the references that resolve and one error per citation that does not.
func ResolveAll(source string) ([]Reference, []error) {
	var out []Reference
	var errs []error
	for _, r := range Parse(source) {
		ref, err := Resolve(r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		out = append(out, ref)
	}
	return out, errs
}
