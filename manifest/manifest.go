// Package manifest describes how an output was made, so that it can be
// traced and made again: the program's version and revision, a hash of
// the resolved scenario, the engine, seed and replications, and the
// vintage of the embedded dataset.
//
// The command line attaches a Manifest to every output (JSON, CSV, tables,
// HTML), and "removalsim run --manifest FILE" reads one back to run the
// same thing again. Nothing here runs a simulation; the package reads the
// build information of the binary, hashes values and reads and writes
// manifests.
package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"sync"

	"github.com/removalsim/removalsim/data"
	"github.com/removalsim/removalsim/scenario"
)

// Manifest is the provenance of one output.
type Manifest struct {
	// Tool is "removalsim".
	Tool string `json:"tool"`
	// Version is the program's version (see ReadBuild).
	Version string `json:"version"`
	// Revision is the version-control revision the program was built
	// from, when known.
	Revision string `json:"revision,omitempty"`
	// Modified is true when the program was built from a working tree
	// with uncommitted changes: Revision alone does not identify it then.
	Modified bool `json:"modified,omitempty"`
	// Command is the subcommand that produced the output ("run").
	Command string `json:"command"`
	// Input is the scenario as given on the command line: a file path, or
	// "builtin:NAME" for an embedded scenario.
	Input string `json:"input"`
	// Scenario is the scenario's name.
	Scenario string `json:"scenario"`
	// ScenarioSHA256 is the hash of the resolved scenario (extends merged,
	// command-line overrides applied): see ScenarioHash.
	ScenarioSHA256 string `json:"scenario_sha256"`
	// Set lists the command-line overrides (path=value) applied to the
	// scenario, in order.
	Set []string `json:"set,omitempty"`
	// Engine is "flow" or "agent".
	Engine string `json:"engine"`
	// Seed is the root random seed used.
	Seed uint64 `json:"seed"`
	// Runs is the number of replications.
	Runs int `json:"runs"`
	// Months is the horizon simulated.
	Months int `json:"months"`
	// Bottlenecks is true when the marginal values were computed
	// (run --bottlenecks).
	Bottlenecks bool `json:"bottlenecks,omitempty"`
	// Uncertainty is what a stochastic engine's bands spanned (run
	// --uncertainty: noise, params or both); empty for the flow engine.
	Uncertainty string `json:"uncertainty,omitempty"`
	// Data is the vintage of the embedded dataset.
	Data DataVintage `json:"data"`
}

// DataVintage identifies the embedded dataset (data/figures.csv and
// data/documents.csv).
type DataVintage struct {
	// Latest is the first day of the latest period a figure covers,
	// "YYYY-MM-DD".
	Latest string `json:"latest"`
	// Figures and Documents count the rows of the two tables.
	Figures   int `json:"figures"`
	Documents int `json:"documents"`
	// SHA256 is the hash of both tables' rows.
	SHA256 string `json:"sha256"`
}

// version, revision and modified ("true" or "false"), when set at link
// time with
//
//	-ldflags "-X github.com/removalsim/removalsim/manifest.version=v1.2.0 -X github.com/removalsim/removalsim/manifest.revision=abc123 -X github.com/removalsim/removalsim/manifest.modified=false"
//
// replace what the build information says (a release build made with
// -buildvcs=false, or from an archive without .git, has none).
// scripts/release sets them.
var version, revision, modified string

// Build is what the binary knows about its own build.
type Build struct {
	// Version is the module version ("v1.2.0"), the link-time version, or
	// "(devel)" for a build from a source tree.
	Version string
	// Revision is the VCS revision, or "" when unknown.
	Revision string
	// Modified is true when the working tree had uncommitted changes.
	Modified bool
	// GoVersion is the toolchain that built the binary.
	GoVersion string
}

// ReadBuild returns the binary's build information: the link-time version
// and revision when set, else the module version and the vcs.revision and
// vcs.modified settings of runtime/debug.ReadBuildInfo.
func ReadBuild() Build {
	b := Build{Version: "(devel)"}
	if info, ok := debug.ReadBuildInfo(); ok {
		b.GoVersion = info.GoVersion
		if v := info.Main.Version; v != "" {
			b.Version = v
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				b.Revision = s.Value
			case "vcs.modified":
				b.Modified = s.Value == "true"
			}
		}
	}
	if version != "" {
		b.Version = version
	}
	if revision != "" {
		b.Revision = revision
	}
	if modified != "" {
		b.Modified = modified == "true"
	}
	return b
}

// String is the line "removalsim --version" prints.
func (b Build) String() string {
	s := "removalsim " + b.Version
	if b.Revision != "" {
		s += " revision " + b.Revision
		if b.Modified {
			s += " (modified)"
		}
	} else {
		s += " (revision unknown)"
	}
	if b.GoVersion != "" {
		s += " " + b.GoVersion
	}
	return s
}

// ScenarioHash returns the hex SHA-256 of s's JSON encoding, without its
// extends path: two files that resolve to the same scenario hash alike
// wherever they lie. encoding/json writes struct fields in order and map
// keys sorted, so the hash is stable.
func ScenarioHash(s *scenario.Scenario) (string, error) {
	c := *s
	c.Extends = ""
	b, err := json.Marshal(&c)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// Data returns the vintage of the embedded dataset. The dataset is
// embedded, so it is computed once per process (hashing it takes
// milliseconds, too long for every answer of the dashboard).
func Data() (DataVintage, error) { return dataOnce() }

var dataOnce = sync.OnceValues(computeData)

func computeData() (DataVintage, error) {
	figs, err := data.Figures()
	if err != nil {
		return DataVintage{}, err
	}
	docs, err := data.Documents()
	if err != nil {
		return DataVintage{}, err
	}
	v := DataVintage{Figures: len(figs), Documents: len(docs)}
	for _, f := range figs {
		v.Latest = max(v.Latest, data.PeriodStart(f.Period))
	}
	h := sha256.New()
	enc := json.NewEncoder(h)
	if err := enc.Encode(figs); err != nil {
		return DataVintage{}, err
	}
	if err := enc.Encode(docs); err != nil {
		return DataVintage{}, err
	}
	v.SHA256 = hex.EncodeToString(h.Sum(nil))
	return v, nil
}

// New returns the manifest of command's output for the resolved scenario
// s given as input, with the build's version and the dataset's vintage.
// The caller fills Engine, Seed, Runs and what else applies.
func New(command, input string, s *scenario.Scenario) (*Manifest, error) {
	hash, err := ScenarioHash(s)
	if err != nil {
		return nil, err
	}
	d, err := Data()
	if err != nil {
		return nil, err
	}
	b := ReadBuild()
	return &Manifest{
		Tool: "removalsim", Version: b.Version, Revision: b.Revision, Modified: b.Modified,
		Command: command, Input: input, Scenario: s.Name, ScenarioSHA256: hash,
		Seed: s.Seed, Runs: 1, Months: s.Months, Data: d,
	}, nil
}

// Read reads a manifest from r: either a manifest on its own or any JSON
// object carrying one under "manifest" (the JSON output of run). Unknown
// fields elsewhere are ignored; a manifest without a tool, input or
// scenario hash is an error.
func Read(r io.Reader) (*Manifest, error) {
	var doc struct {
		Wrapped *Manifest `json:"manifest"`
		Manifest
	}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("not a JSON manifest: %w", err)
	}
	m := doc.Wrapped
	if m == nil && doc.Tool != "" {
		m = &doc.Manifest
	}
	switch {
	case m == nil:
		return nil, errors.New("no manifest: want an object with tool, input and scenario_sha256, or one under \"manifest\"")
	case m.Tool != "removalsim":
		return nil, fmt.Errorf("manifest: tool is %q, want \"removalsim\"", m.Tool)
	case m.Input == "":
		return nil, errors.New("manifest: no input scenario")
	case len(m.ScenarioSHA256) != 64:
		return nil, fmt.Errorf("manifest: scenario_sha256 %q is not a SHA-256", m.ScenarioSHA256)
	}
	return m, nil
}
