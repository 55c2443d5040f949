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

// writeTidy writes rows as CSV or Parquet; Parquet carries the
// provenance m (when not nil: a *manifest.Manifest, or compare's pair of
// them) as the file's "removalsim.manifest" metadata, in JSON.
func writeTidy(w io.Writer, format string, rows []tidy.Row, m any) error {
	if format == "csv" {
		return tidy.WriteCSV(w, rows)
	}
	meta := map[string]string{}
	if mf, ok := m.(*manifest.Manifest); ok && mf == nil {
		m = nil
	}
	if m != nil {
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		meta["removalsim.manifest"] = string(b)
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
