package report

import (
	"bufio"
	"fmt"
	"io"

	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/result"
)

// Run is a result with the manifest of how it was made: the JSON of
// "removalsim run". The result's fields come first, as in the result
// contract, and the manifest last, under "manifest".
type Run struct {
	*result.Result
	Manifest *manifest.Manifest `json:"manifest,omitempty"`
}

// JSONRun writes r with its manifest m as indented JSON. It returns an
// error, and writes nothing, when r holds NaN or an infinity.
func JSONRun(w io.Writer, r *result.Result, m *manifest.Manifest) error {
	if err := checkFinite(r); err != nil {
		return err
	}
	return writeJSON(w, Run{r, m})
}

// TableRun writes the table of r (see Table) followed by a footer naming
// its manifest m.
func TableRun(w io.Writer, r *result.Result, m *manifest.Manifest) error {
	if err := Table(w, r); err != nil {
		return err
	}
	return Footer(w, m)
}

// Footer writes the manifest m as the last lines of a table: version,
// scenario hash, engine, seed, runs and the dataset's vintage. A nil m
// writes nothing.
func Footer(w io.Writer, m *manifest.Manifest) error {
	if m == nil {
		return nil
	}
	bw := bufio.NewWriter(w)
	rev := ""
	if m.Revision != "" {
		rev = " revision " + short(m.Revision)
		if m.Modified {
			rev += " (modified)"
		}
	}
	fmt.Fprintf(bw, "\nManifest: %s %s%s; %s of %s (scenario sha256 %s)", m.Tool, m.Version, rev, m.Command, m.Input, short(m.ScenarioSHA256))
	if m.Engine != "" {
		fmt.Fprintf(bw, ", %s engine, seed %d, %s", m.Engine, m.Seed, plural(m.Runs, "run"))
	}
	fmt.Fprintf(bw, "; data to %s (%s figures, %s documents, sha256 %s).\n",
		m.Data.Latest, count(float64(m.Data.Figures)), count(float64(m.Data.Documents)), short(m.Data.SHA256))
	return bw.Flush()
}

// short abbreviates a hash to its first 12 digits.
func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// plural writes n and the noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(float64(n)) + " " + noun + "s"
}
