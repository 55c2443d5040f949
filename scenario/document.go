package scenario

import (
	"fmt"
	"reflect"
)

// Document is a YAML file of a format other than the scenario (a sweep
// study, say) read with the scenario format's rules: strict keys with
// did-you-mean hints, the same limits on size and nesting, no panics, and
// every error positioned as file:line:col with the value's path. It lets
// such a format check its values after decoding and still point at them.
type Document struct {
	d      decoder
	errs   ErrorList
	parsed bool
}

// DecodeDocument decodes src strictly into v, which must point to a
// struct with yaml tags (fields may be structs, slices, strings, numbers,
// booleans, Params, Months and Dates; maps are not supported). what names
// the format in messages about the file as a whole ("sweep"). The
// Document records every problem found; add more with Errorf and collect
// them with Err.
func DecodeDocument(filename string, src []byte, what string, v any) *Document {
	doc := &Document{d: decoder{
		root:   pos{filename, 1, 1},
		valPos: map[string]pos{},
		keyPos: map[string]pos{},
		bad:    map[string]bool{},
	}}
	doc.d.errs = &doc.errs
	root := parseTree(filename, src, &doc.errs)
	for _, e := range doc.errs {
		switch e.Code {
		case Empty:
			e.Msg = fmt.Sprintf("empty %s file: want a mapping of keys to values", what)
		case NotMapping:
			e.Msg = fmt.Sprintf("a %s file must be a mapping of keys to values", what)
		}
	}
	if root != nil {
		doc.parsed = true
		rv := reflect.ValueOf(v)
		if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
			panic("scenario.DecodeDocument: v must point to a struct")
		}
		doc.d.value(root, rv.Elem(), "")
	}
	return doc
}

// Parsed reports whether the file was well-formed YAML holding a
// mapping, so that checks after decoding are worth making.
func (doc *Document) Parsed() bool { return doc.parsed }

// Errorf records a problem with the value at path (as in Error.Path:
// "parameters[2].range"), positioned at the value, or at its nearest
// ancestor that appeared in the file.
func (doc *Document) Errorf(path string, code Code, format string, args ...any) {
	doc.errs.add(doc.d.locate(path), path, code, format, args...)
}

// Position returns "file:line:col" of the value at path (or of its
// nearest ancestor that appeared), for messages about the value that are
// found later, when the document is gone: a sweep's parameter path that
// the scenario does not have, say.
func (doc *Document) Position(path string) string {
	p := doc.d.locate(path)
	return fmt.Sprintf("%s:%d:%d", p.file, p.line, p.col)
}

// Present reports whether path appeared in the file.
func (doc *Document) Present(path string) bool { return doc.d.present(path) }

// Failed reports whether path or one of its ancestors was already
// reported as wrong, so that checks after decoding can skip it.
func (doc *Document) Failed(path string) bool { return doc.d.skip(path) }

// Err returns every problem recorded, sorted by position, or nil.
func (doc *Document) Err() error {
	doc.errs.finish()
	return doc.errs.Err()
}
