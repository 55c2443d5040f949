// Package scenario defines removalsim's scenario format and reads it.
//
// A scenario is a YAML file describing the removal system at a start
// month: stocks, inflows, rates, legal parameters, capacities with their
// schedules, country groups and costs (see Scenario). Every number is a
// Param, written bare or with its provenance:
//
//	per_bed_day: 157
//	per_bed_day: {value: 157, source: "ICE FY2024 budget justification", as_of: 2024-02, range: [130, 190]}
//
// # Reading
//
// Parse decodes one file from bytes; Load reads a file from an fs.FS and
// follows its extends chain. Both decode by walking the YAML syntax tree,
// so they report every problem of a file at once, not only the first:
// unknown keys (with the allowed ones and the likely intended one), values
// of the wrong type, duplicate keys, syntax errors. A separate pass
// (Scenario.Validate) then checks the decoded scenario: required keys,
// bounds, shares summing to 1, dates in order, known names; its findings
// are mapped back to the line and column the value came from. Problems
// come back as an ErrorList, sorted by position, each Error printing as
//
//	scenarios/x.yaml:12:17: capacities.detention_beds.initial: must be >= 0, got -5
//
// and carrying a Code (see the constants) that does not change between
// releases.
//
// Any input is safe to pass: files over MaxFileSize (8 MiB) are refused
// before parsing, and so, after a linear scan, are files of more than
// 100,000 YAML tokens, brackets nested more than 64 deep, block values
// nested more than 64 deep and mappings of more than 1,000 keys, on which
// the YAML parser would take seconds to minutes (its cost grows with the
// square of each). Aliases may not expand past MaxNodes values, and at
// most MaxErrors errors are listed.
//
// # Extends
//
// A file may start from another and change a few keys:
//
//	extends: ../baseline-2025.yaml
//	name: more-beds
//	capacities:
//	  detention_beds: {target: [{from: 2025-10, value: 100000}]}
//
// The files are merged as YAML before decoding: mappings key by key,
// recursively; a scalar or a list in the child replaces the parent's value
// whole, and so does a Param in either form (a bare number over a mapping
// drops the parent's source and range). Errors in a parent point into the
// parent. The path is relative to the extending file and must stay inside
// the fs.FS; loops are reported.
//
// JSONSchema describes the format for editors.
//
// The package reads files only through io/fs: it imports no os, net or
// database package (see imports_test.go).
package scenario
