package main

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/removalsim/removalsim/manifest"
	"github.com/removalsim/removalsim/scenario"
	"github.com/removalsim/removalsim/tidy"
)

// tidyFormats are the --format values that write the tidy table of
// package tidy (columns in docs/tidy.md); every results command accepts
// them besides its own.
var tidyFormats = []string{"csv", "parquet"}

// checkFormat returns a usage error unless format is one of own or of
// tidyFormats.
func checkFormat(format string, own ...string) error {
	all := append(slices.Clone(own), tidyFormats...)
	if slices.Contains(all, format) {
		return nil
	}
	return badInput(fmt.Errorf("unknown format %q; want one of %s", format, strings.Join(all, ", ")))
}

// isTidy reports whether format writes the tidy table.
func isTidy(format string) bool { return slices.Contains(tidyFormats, format) }

// provenance is the manifest a Parquet tidy table carries as its
// "removalsim.manifest" metadata, in JSON: one run's (an object) or a
// comparison's two (an array, scenario A's then B's). The zero value
// carries none, as do the tables of commands without a manifest.
type provenance struct {
	run      *manifest.Manifest
	compared []*manifest.Manifest
}

// metadata returns the Parquet key-value metadata of p.
func (p provenance) metadata() (map[string]string, error) {
	meta := map[string]string{}
	var v any
	switch {
	case p.compared != nil:
		v = p.compared
	case p.run != nil:
		v = p.run
	default:
		return meta, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	meta["removalsim.manifest"] = string(b)
	return meta, nil
}

// writeTidy writes rows as CSV or Parquet; Parquet carries the
// provenance p as its metadata.
func writeTidy(w io.Writer, format string, rows []tidy.Row, p provenance) error {
	if format == "csv" {
		return tidy.WriteCSV(w, rows)
	}
	meta, err := p.metadata()
	if err != nil {
		return err
	}
	return tidy.WriteParquet(w, rows, meta)
}

// span is the period "YYYY-MM/YYYY-MM" of a run of months from start.
func span(start scenario.Month, months int) string {
	return start.String() + "/" + start.Add(months-1).String()
}

// writeJSON writes v as indented JSON, as every command's --format json.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
