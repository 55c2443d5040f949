package data

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
)

//go:embed documents.csv
var documentsCSV []byte

// DocumentHeader is the exact header row of documents.csv.
var DocumentHeader = []string{"id", "title", "publisher", "date", "url", "locator", "says", "quality"}

// Document is one public document that a scenario parameter cites with
// "doc: ID": a statute, regulation, court order, agency report or news
// article, with the place in it that holds the figure and what it says.
// Figures that form a series over time belong in figures.csv instead;
// documents hold the one-off facts (a rule's 48 hours, a contract's price,
// a reported hiring pace) that parameters rest on.
type Document struct {
	// ID is the snake_case name parameters cite, for example "cfr_8_287_7".
	ID string
	// Title is the document's title.
	Title string
	// Publisher is the agency, court, outlet or research group.
	Publisher string
	// Date is the publication date: "2025", "2025-07" or "2025-07-04", or
	// "n.d." for an undated page.
	Date string
	// URL is where the document was read.
	URL string
	// Locator is the table, page, section or paragraph holding the figure.
	Locator string
	// Says is, in our words, the figure or rule the document gives that a
	// parameter uses; "(recalled, not read)" at its end marks a document
	// we could not read.
	Says string
	// Quality is "P" (primary), "S" (secondary) or "W" (weak), as for
	// figures.
	Quality string
}

var documentID = regexp.MustCompile(`^[a-z][a-z0-9_]*[a-z0-9]$`)

var documents table[Document]

// Documents parses the embedded documents.csv and returns its rows in file
// order. Parse errors name the line and column at fault. The returned
// slice is a fresh copy that the caller may modify.
func Documents() ([]Document, error) {
	return documents.get(documentsCSV, parseDocuments)
}

// LookupDocument returns the document with the given id, and whether one
// exists. It returns false if the embedded file cannot be parsed.
func LookupDocument(id string) (Document, bool) {
	ds, err := Documents()
	if err != nil {
		return Document{}, false
	}
	for _, d := range ds {
		if d.ID == id {
			return d, true
		}
	}
	return Document{}, false
}

func parseDocuments(b []byte) ([]Document, error) {
	var out []Document
	seen := map[string]bool{}
	err := readCSV("documents.csv", b, DocumentHeader, func(rec []string) (string, error) {
		d := Document{ID: rec[0], Title: rec[1], Publisher: rec[2], Date: rec[3],
			URL: rec[4], Locator: rec[5], Says: rec[6], Quality: rec[7]}
		switch {
		case !documentID.MatchString(d.ID):
			return "id", fmt.Errorf("id %q is not snake_case", d.ID)
		case seen[d.ID]:
			return "id", fmt.Errorf("id %q appears twice", d.ID)
		case d.Title == "":
			return "title", errors.New("empty title")
		case d.Publisher == "":
			return "publisher", errors.New("empty publisher")
		case d.Date != "n.d." && !isYear(d.Date) && !isMonth(d.Date) && !isDate(d.Date):
			return "date", fmt.Errorf("date %q is not yyyy, yyyy-mm, yyyy-mm-dd or n.d.", d.Date)
		case d.URL == "":
			return "url", errors.New("empty url")
		case d.Says == "":
			return "says", errors.New("empty says: what figure does the document give?")
		}
		switch d.Quality {
		case "P", "S", "W":
		default:
			return "quality", fmt.Errorf("quality %q is not P, S or W", d.Quality)
		}
		seen[d.ID] = true
		out = append(out, d)
		return "", nil
	})
	return out, err
}
