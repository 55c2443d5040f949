package data

import (
	_ "embed"
	"errors"
	"fmt"
	"regexp"
)

//go:embed documents.csv
var documentsCSV []byte

// DocumentHeader is the exact header row of documents.csv: the id, the
// provenance columns shared with figures.csv, and what the document says.
var DocumentHeader = append(append([]string{"id"}, provenanceHeader...), "says")

// Document is one public document that a scenario parameter cites with
// "doc: ID": a statute, regulation, court order, agency report or news
// article, with the place in it that holds the figure and what it says.
// Figures that form a series over time belong in figures.csv instead;
// documents hold the one-off facts (a rule's 48 hours, a contract's price,
// a reported hiring pace) that parameters rest on.
type Document struct {
	// ID is the snake_case name parameters cite, for example "cfr_8_287_7".
	ID string
	// Provenance names the publication (Publication is its title) and
	// where it was read.
	Provenance
	// Says is, in our words, the figure or rule the document gives that a
	// parameter uses.
	Says string
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
	n := len(DocumentHeader)
	err := readCSV("documents.csv", b, DocumentHeader, func(rec []string) (string, error) {
		d := Document{ID: rec[0], Says: rec[n-1]}
		switch {
		case !documentID.MatchString(d.ID):
			return "id", fmt.Errorf("id %q is not snake_case", d.ID)
		case seen[d.ID]:
			return "id", fmt.Errorf("id %q appears twice", d.ID)
		}
		p, col, err := parseProvenance(rec[1 : n-1])
		if err != nil {
			return col, err
		}
		d.Provenance = p
		if d.Says == "" {
			return "says", errors.New("empty says: what figure does the document give?")
		}
		seen[d.ID] = true
		out = append(out, d)
		return "", nil
	})
	return out, err
}
