package data

import (
	"errors"
	"strings"
	"testing"
)

func TestDocumentsParse(t *testing.T) {
	ds, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) == 0 {
		t.Fatal("documents.csv has no rows")
	}
	for _, d := range ds {
		if !strings.HasPrefix(d.URL, "http://") && !strings.HasPrefix(d.URL, "https://") {
			t.Errorf("%s: url %q is not a web address", d.ID, d.URL)
		}
		got, ok := LookupDocument(d.ID)
		if !ok || got != d {
			t.Errorf("LookupDocument(%q) = %+v, %v", d.ID, got, ok)
		}
	}
	if _, ok := LookupDocument("no_such_document"); ok {
		t.Error("LookupDocument found a document that does not exist")
	}
}

func TestDocumentsParseErrorsNameLineAndColumn(t *testing.T) {
	head := strings.Join(DocumentHeader, ",") + "\n"
	good := "a_doc,T,P,2025-07-04,https://x,p. 1,says 48 hours,P\n"
	cases := []struct {
		name, body, col string
		line            int
	}{
		{"bad id", "A Doc,T,P,2025,https://x,,s,P\n", "id", 2},
		{"duplicate id", good + good, "id", 3},
		{"no title", "bb,,P,2025,https://x,,s,P\n", "title", 2},
		{"no publisher", "bb,T,,2025,https://x,,s,P\n", "publisher", 2},
		{"bad date", "bb,T,P,July 2025,https://x,,s,P\n", "date", 2},
		{"impossible date", "bb,T,P,2025-02-30,https://x,,s,P\n", "date", 2},
		{"no url", "bb,T,P,2025,,,s,P\n", "url", 2},
		{"no says", "bb,T,P,2025,https://x,,,P\n", "says", 2},
		{"bad quality", "bb,T,P,2025,https://x,,s,A\n", "quality", 2},
	}
	for _, c := range cases {
		_, err := parseDocuments([]byte(head + c.body))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: error = %v, want *ParseError", c.name, err)
			continue
		}
		if pe.File != "documents.csv" || pe.Line != c.line || pe.Column != c.col {
			t.Errorf("%s: error at %s line %d column %s, want documents.csv line %d column %s", c.name, pe.File, pe.Line, pe.Column, c.line, c.col)
		}
	}
	if _, err := parseDocuments([]byte(head + good)); err != nil {
		t.Errorf("good row refused: %v", err)
	}
	if _, err := parseDocuments([]byte("id,title\n")); err == nil {
		t.Error("short header accepted")
	}
}

// FuzzParseDocuments checks that no input makes the documents parser
// panic, and that what it accepts satisfies the rules it enforces.
func FuzzParseDocuments(f *testing.F) {
	f.Add(documentsCSV)
	f.Add([]byte(strings.Join(DocumentHeader, ",") + "\na,T,P,2025,https://x,,s,P\n"))
	f.Add([]byte("\"unterminated"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := parseDocuments(b)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, d := range ds {
			if seen[d.ID] || !documentID.MatchString(d.ID) || d.URL == "" || d.Says == "" {
				t.Fatalf("accepted an invalid row: %+v", d)
			}
			seen[d.ID] = true
		}
	})
}

// FuzzParseFigures checks that no input makes the figures parser panic.
func FuzzParseFigures(f *testing.F) {
	f.Add(figuresCSV)
	f.Add([]byte("\"unterminated"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := parse(b)
		if err != nil {
			return
		}
		for _, x := range fs {
			if ValidPeriod(x.Period) != nil || !knownUnit(x.Unit) {
				t.Fatalf("accepted an invalid row: %+v", x)
			}
		}
	})
}

// TestDocumentsDistinct catches one document registered twice under two
// ids, which happens when citations are gathered by several people.
func TestDocumentsDistinct(t *testing.T) {
	ds, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]string{}
	for _, d := range ds {
		if other, ok := byURL[d.URL]; ok {
			t.Errorf("%s and %s have the same address %s", other, d.ID, d.URL)
		}
		byURL[d.URL] = d.ID
	}
}
