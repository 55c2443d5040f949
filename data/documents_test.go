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
		if !strings.HasPrefix(d.ReadAt, "http://") && !strings.HasPrefix(d.ReadAt, "https://") {
			t.Errorf("%s: read_at %q is not a web address", d.ID, d.ReadAt)
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
	// id, quality, basis, publisher, publication, published, locator, url,
	// read_at, other_values, note, says
	good := "a_doc,P,primary,GAO,T,2025-07-04,p. 1,https://x,https://x,,,says 48 hours\n"
	cases := []struct {
		name, body, col string
		line            int
	}{
		{"bad id", "A Doc,P,primary,GAO,T,2025,,,https://x,,,s\n", "id", 2},
		{"duplicate id", good + good, "id", 3},
		{"bad quality", "bb,A,primary,GAO,T,2025,,,https://x,,,s\n", "quality", 2},
		{"bad basis", "bb,P,read,GAO,T,2025,,,https://x,,,s\n", "basis", 2},
		{"P not primary", "bb,P,secondary,GAO,T,2025,,,https://x,,,s\n", "basis", 2},
		{"no publisher", "bb,P,primary,,T,2025,,,https://x,,,s\n", "publisher", 2},
		{"no publication", "bb,P,primary,GAO,,2025,,,https://x,,,s\n", "publication", 2},
		{"bad date", "bb,P,primary,GAO,T,July 2025,,,https://x,,,s\n", "published", 2},
		{"impossible date", "bb,P,primary,GAO,T,2025-02-30,,,https://x,,,s\n", "published", 2},
		{"no read_at", "bb,P,primary,GAO,T,2025,,,,,,s\n", "read_at", 2},
		{"quoted without note", "bb,S,quoted,GAO,T,2025,,,https://x,,,s\n", "note", 2},
		{"no says", "bb,P,primary,GAO,T,2025,,,https://x,,,\n", "says", 2},
	}
	for _, c := range cases {
		_, err := parseDocuments([]byte(head + c.body))
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: error = %v, want *ParseError", c.name, err)
			continue
		}
		if pe.File != "documents.csv" || pe.Line != c.line || pe.Column != c.col || DocumentHeader[pe.Col-1] != c.col {
			t.Errorf("%s: error at %s:%d:%d column %s, want documents.csv line %d column %s", c.name, pe.File, pe.Line, pe.Col, pe.Column, c.line, c.col)
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
	f.Add([]byte(strings.Join(DocumentHeader, ",") + "\naa,P,primary,GAO,T,2025,,,https://x,,,s\n"))
	f.Add([]byte(strings.Join(DocumentHeader, ",") + "\naa,S,quoted,GAO,T,n.d.,p. 2,https://g,https://y,\"1, 2\",via y,s\n"))
	f.Add([]byte("\"unterminated"))
	f.Fuzz(func(t *testing.T, b []byte) {
		ds, err := parseDocuments(b)
		if err != nil {
			return
		}
		seen := map[string]bool{}
		for _, d := range ds {
			if seen[d.ID] || !documentID.MatchString(d.ID) || d.ReadAt == "" || d.Says == "" || d.Publisher == "" || (d.Quality == "P") != (d.Basis == "primary") {
				t.Fatalf("accepted an invalid row: %+v", d)
			}
			seen[d.ID] = true
		}
	})
}

// FuzzParseFigures checks that no input makes the figures parser panic,
// and that what it accepts satisfies the rules it enforces.
func FuzzParseFigures(f *testing.F) {
	f.Add([]byte(strings.Join(Header, ",") + "\nice_removals,FY2024,271484,persons,false,S,quoted,ICE,Annual Report,2024-12-19,,,https://x,,via x\n"))
	f.Add([]byte(strings.Join(Header, ",") + "\naa,2025-01/2025-03,0.5,share,true,P,primary,ICE,R,,,https://i,https://i,,\n"))
	f.Add([]byte("\"unterminated"))
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := parse(b)
		if err != nil {
			return
		}
		for _, x := range fs {
			if ValidPeriod(x.Period) != nil || !knownUnit(x.Unit) || x.Publisher == "" || x.Publication == "" || !isWebAddress(x.ReadAt) {
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
		if other, ok := byURL[d.ReadAt]; ok {
			t.Errorf("%s and %s have the same address %s", other, d.ID, d.ReadAt)
		}
		byURL[d.ReadAt] = d.ID
	}
}
