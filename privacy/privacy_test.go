package privacy

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/scenarios"
)

func TestFind(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []Finding
	}{
		{"source: A012345678", []Finding{{1, 9, "an alien registration number (A-number)"}}},
		{"note: A-012-345-678 and A 123 456 78", []Finding{{1, 7, "an alien registration number (A-number)"}, {1, 25, "an alien registration number (A-number)"}}},
		{"ssn 123-45-6789", []Finding{{1, 5, "a Social Security number"}}},
		{"x\n  write to jane.doe@example.org", []Finding{{2, 12, "an e-mail address"}}},
		{"call (202) 555-0147 or 202-555-0147", []Finding{{1, 6, "a telephone number"}, {1, 24, "a telephone number"}}},
		{"éé DOB 1990", []Finding{{1, 4, "a date of birth"}}},
		{"Born on the 4th", []Finding{{1, 1, "a date of birth"}}},
		// Aggregate figures, dates and citations are not identifiers.
		{"value: 41500, source: \"ICE FY2024 annual report, p. 12; data: ice_removals 2024-10-01/2025-09-06\"", nil},
		{"changes: [{from: 2025-01, value: 1.458}] range: [20, 300] A100 pct 12.5%", nil},
		{"url: https://www.ice.gov/doclib/eoy/iceAnnualReportFY2024.pdf", nil},
	} {
		got := Find([]byte(tt.text))
		if len(got) != len(tt.want) {
			t.Errorf("Find(%q) = %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Find(%q)[%d] = %v, want %v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

// TestShippedScenariosAreClean: the patterns do not fire on the project's
// own scenarios, whose sources cite reports, dates and dataset rows.
func TestShippedScenariosAreClean(t *testing.T) {
	n := 0
	err := fs.WalkDir(scenarios.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".yaml") {
			return err
		}
		src, err := fs.ReadFile(scenarios.FS, p)
		if err != nil {
			return err
		}
		n++
		for _, f := range Find(src) {
			t.Errorf("%s:%d:%d: looks like %s", p, f.Line, f.Col, f.Kind)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 5 {
		t.Fatalf("read %d shipped scenarios; want them all", n)
	}
}

// FuzzFind: no input panics, and every finding lies inside the text.
func FuzzFind(f *testing.F) {
	f.Add([]byte("A012345678 jane@example.org\n(202) 555-0147"))
	f.Add([]byte("\xff\xfe\n\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := strings.Split(string(src), "\n")
		for _, g := range Find(src) {
			if g.Line < 1 || g.Line > len(lines) || g.Col < 1 || g.Col > len([]rune(lines[g.Line-1]))+1 {
				t.Fatalf("finding %v outside the text", g)
			}
		}
	})
}
