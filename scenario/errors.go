package scenario

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// Code identifies the kind of a scenario error. Codes are stable: tools and
// tests may rely on them, so new codes are only ever appended.
type Code int

// The error codes. Each comment shows an example of input that produces
// the error.
const (
	// Unknown is the zero Code; no error carries it.
	Unknown Code = iota

	// TooLarge: the file is over MaxFileSize bytes, or its aliases expand
	// to more than MaxNodes nodes.
	//
	//	a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1]
	//	b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
	//	c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # and so on
	TooLarge

	// Syntax: the file is not well-formed YAML.
	//
	//	months: [12
	Syntax

	// Empty: the file holds no document, or only comments.
	//
	//	# nothing here yet
	Empty

	// NotMapping: the document is not a mapping of keys to values.
	//
	//	- name: baseline
	NotMapping

	// MultipleDocuments: the file holds more than one YAML document.
	//
	//	name: a
	//	---
	//	name: b
	MultipleDocuments

	// UnknownKey: a key the format does not define (often a typo).
	//
	//	capacities:
	//	  detention_bed: {initial: 41500}   # want detention_beds
	UnknownKey

	// DuplicateKey: the same key twice in one mapping.
	//
	//	months: 12
	//	months: 24
	DuplicateKey

	// WrongType: a value of the wrong kind for its key.
	//
	//	months: twelve
	//	population: {at_large: "11 million"}
	WrongType

	// Unsupported: YAML features the format does not accept: merge keys
	// and tags other than the standard ones.
	//
	//	border: {<<: *defaults}
	//	months: !custom 12
	Unsupported

	// Missing: a required key is absent or empty.
	//
	//	population: {atd: 180000}   # at_large, detained, ... missing
	Missing

	// OutOfRange: a number outside its domain: negative counts, shares
	// outside [0, 1], months outside 1..600, steps_per_day outside 1..96.
	//
	//	capacities: {detention_beds: {initial: -5}}
	//	detention: {detain_share: 1.2}
	OutOfRange

	// BadSum: shares that must sum to 1 do not (within 1e-9).
	//
	//	border: {expedited_removal_share: 0.5, released_share: 0.3, returned_share: 0.1}
	BadSum

	// BadOrder: dates or months out of order: schedule steps not strictly
	// increasing, or an until before its from.
	//
	//	target: [{from: 2025-06, value: 50000}, {from: 2025-03, value: 60000}]
	//	injunctions: [{name: J.G.G., pathway: special_authority, from: 2025-04-01, until: 2025-03-01}]
	BadOrder

	// DuplicateName: two entries of a list that must have distinct names.
	//
	//	countries: [{name: mexico, ...}, {name: mexico, ...}]
	DuplicateName

	// UnknownName: a name that is not one of a fixed set.
	//
	//	injunctions: [{name: X, pathway: interior_deportation, from: 2025-04}]
	UnknownName

	// Conflict: keys that exclude each other, or none of a required pair.
	//
	//	injunctions: [{name: X, pathway: interior_court, destination: third_country, from: 2025-04}]
	Conflict

	// BadRange: a parameter's sensitivity range is malformed or does not
	// contain its value.
	//
	//	per_bed_day: {value: 157, range: [160, 190]}
	BadRange

	// Extends: the file named by extends cannot be read, lies outside the
	// file system, or the chain of extends loops.
	//
	//	extends: ../../elsewhere.yaml
	Extends

	// NotChangeable: dated changes on a parameter the engines read once
	// per run (see Changeable).
	//
	//	detention: {detain_share: {value: 0.8, changes: [{from: 2025-06, value: 0.9}]}}
	NotChangeable
)

var codeNames = [...]string{
	Unknown:           "Unknown",
	TooLarge:          "TooLarge",
	Syntax:            "Syntax",
	Empty:             "Empty",
	NotMapping:        "NotMapping",
	MultipleDocuments: "MultipleDocuments",
	UnknownKey:        "UnknownKey",
	DuplicateKey:      "DuplicateKey",
	WrongType:         "WrongType",
	Unsupported:       "Unsupported",
	Missing:           "Missing",
	OutOfRange:        "OutOfRange",
	BadSum:            "BadSum",
	BadOrder:          "BadOrder",
	DuplicateName:     "DuplicateName",
	UnknownName:       "UnknownName",
	Conflict:          "Conflict",
	BadRange:          "BadRange",
	Extends:           "Extends",
	NotChangeable:     "NotChangeable",
}

// String returns the code's name, e.g. "OutOfRange".
func (c Code) String() string {
	if c >= 0 && int(c) < len(codeNames) {
		return codeNames[c]
	}
	return fmt.Sprintf("Code(%d)", int(c))
}

// Error is one problem found in a scenario file.
//
// It prints as "file:line:col: path: message", e.g.
//
//	scenarios/x.yaml:12:17: capacities.detention_beds.initial: must be >= 0, got -5
//
// File, Line and Col are empty for scenarios validated without a file
// (see Scenario.Validate); Path is empty for problems of the file as a
// whole (syntax, size).
type Error struct {
	// File is the file name as given to Parse or Load.
	File string
	// Line and Col are 1-based; Col counts bytes.
	Line, Col int
	// Path is the YAML path of the value, as in ParamRef.Path:
	// "countries[2].acceptance_rate".
	Path string
	// Code is the kind of problem.
	Code Code
	// Msg says what is wrong and, where it helps, what is wanted.
	Msg string
}

// Error formats the error as "file:line:col: path: message".
func (e *Error) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", e.Line, e.Col)
		}
		b.WriteString(": ")
	} else if e.Line > 0 {
		fmt.Fprintf(&b, "%d:%d: ", e.Line, e.Col)
	}
	if e.Path != "" {
		b.WriteString(e.Path)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// ErrorList is every problem found in a scenario, sorted by position once
// Sort has been called (Parse and Load return it sorted). Like
// go/scanner.ErrorList, its Error method shows the first problem and how
// many more there are; Print shows them all.
type ErrorList []*Error

// MaxErrors is the most errors reported for one scenario; past it the
// list ends with a TooLarge error saying there are more.
const MaxErrors = 1000

// full reports whether the list holds MaxErrors errors already.
func (l ErrorList) full() bool { return len(l) >= MaxErrors }

// add appends an error, unless the list is full.
func (l *ErrorList) add(p pos, path string, code Code, format string, args ...any) {
	if l.full() {
		return
	}
	*l = append(*l, &Error{File: p.file, Line: p.line, Col: p.col, Path: path, Code: code, Msg: fmt.Sprintf(format, args...)})
}

// finish sorts the list and, when it is full, ends it with an error at
// the last one's position saying that more were left out.
func (l *ErrorList) finish() {
	l.Sort()
	if l.full() {
		last := (*l)[len(*l)-1]
		*l = append(*l, &Error{File: last.File, Line: last.Line, Col: last.Col, Code: TooLarge,
			Msg: fmt.Sprintf("too many errors: stopped after %d", MaxErrors)})
	}
}

// Sort orders the list by file, line and column; errors at the same
// position keep their order.
func (l ErrorList) Sort() {
	slices.SortStableFunc(l, func(a, b *Error) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
}

// Error returns the first error and, if there are more, "(and N more
// errors)".
func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	case 2:
		return l[0].Error() + " (and 1 more error)"
	}
	return fmt.Sprintf("%s (and %d more errors)", l[0].Error(), len(l)-1)
}

// Err returns l as an error, or nil when l is empty.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Print writes every error to w, one per line.
func (l ErrorList) Print(w io.Writer) error {
	for _, e := range l {
		if _, err := fmt.Fprintln(w, e.Error()); err != nil {
			return err
		}
	}
	return nil
}

// String returns every error, one per line, each ending in a newline.
func (l ErrorList) String() string {
	var b strings.Builder
	l.Print(&b)
	return b.String()
}
