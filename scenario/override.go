package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
)

// Override is one "path=value" assignment applied to a scenario's YAML
// tree after its extends chain is merged and before it is decoded, so
// that the result is decoded and validated exactly as if the file had
// said it: a bad value is reported like a bad value in the file, with the
// override as its position.
//
// Path is a YAML path as in ParamRef.Path ("capacities.detention_beds.initial",
// "countries[2].acceptance_rate"); Value is YAML ("100000", "0.4",
// "[140, 180]", "{value: 157, range: [140, 180]}"). An override of a
// mapping key that the tree lacks adds it (an unknown key is then
// reported as in a file); a list index must exist. Giving a bare number
// for a parameter written as {value, source, ...} replaces it whole, as
// extends does; to keep the source and range, set PATH.value instead.
type Override struct {
	// Path and Value are as written.
	Path, Value string
	// Origin names the override in error messages in place of a file
	// name; empty means "--set PATH=VALUE".
	Origin string

	segs []segment
	val  *node
}

// segment is one step of an override path: a mapping key, or a list
// index when key is "".
type segment struct {
	key   string
	index int
}

// ParseOverride parses "path=value" as given to --set.
func ParseOverride(arg string) (Override, error) {
	path, value, ok := strings.Cut(arg, "=")
	if !ok {
		return Override{}, fmt.Errorf("--set %s: want PATH=VALUE, e.g. capacities.detention_beds.initial=100000", arg)
	}
	return NewOverride(path, value)
}

// NewOverride checks path and parses value as YAML. Its errors name the
// path and the value.
func NewOverride(path, value string) (Override, error) {
	return Override{Path: path, Value: value}.compile()
}

// WithOrigin returns o naming itself as origin in error messages.
func (o Override) WithOrigin(origin string) Override {
	o.Origin = origin
	o.val = relabel(o.val, pos{file: o.origin()})
	return o
}

// compile parses o's path and value.
func (o Override) compile() (Override, error) {
	var err error
	if o.segs, err = parseOverridePath(o.Path); err != nil {
		return Override{}, fmt.Errorf("%s: %v", o.origin(), err)
	}
	if o.segs[0].key == "extends" {
		// extends is resolved before overrides apply; setting it would be
		// silently ignored.
		return Override{}, fmt.Errorf("%s: extends cannot be set; name the scenario to extend as the file argument (e.g. builtin:NAME)", o.origin())
	}
	if o.val, err = parseOverrideValue(o.Value, o.origin()); err != nil {
		return Override{}, fmt.Errorf("%s: %v", o.origin(), err)
	}
	return o, nil
}

// String returns "PATH=VALUE".
func (o Override) String() string { return o.Path + "=" + o.Value }

func (o Override) origin() string {
	if o.Origin != "" {
		return o.Origin
	}
	return "--set " + o.String()
}

// maxOverrideIndex bounds list indices in paths, far above any list of the
// format, so that a typo cannot ask for a huge number.
const maxOverrideIndex = 1 << 20

// parseOverridePath splits "a.b[2].c" into segments.
func parseOverridePath(p string) ([]segment, error) {
	if p == "" {
		return nil, errors.New("empty path; want e.g. capacities.detention_beds.initial")
	}
	var segs []segment
	for i := 0; i < len(p); {
		if p[i] == '[' {
			end := strings.IndexByte(p[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("path %q: %q has no closing ]", p, p[i:])
			}
			n, err := strconv.Atoi(p[i+1 : i+end])
			if err != nil || n < 0 || n > maxOverrideIndex || len(segs) == 0 {
				return nil, fmt.Errorf("path %q: want a list index such as [0] after a key, got %q", p, p[i:i+end+1])
			}
			segs = append(segs, segment{index: n})
			i += end + 1
			continue
		}
		if len(segs) > 0 {
			if p[i] != '.' {
				return nil, fmt.Errorf("path %q: want . or [ after %q", p, p[:i])
			}
			i++
		}
		end := i
		for end < len(p) && !strings.ContainsRune(".[]", rune(p[end])) {
			end++
		}
		if end == i {
			return nil, fmt.Errorf("path %q: empty key after %q", p, p[:i])
		}
		segs = append(segs, segment{key: p[i:end]})
		i = end
	}
	if len(segs) > maxDepth {
		return nil, fmt.Errorf("path %q: more than %d steps", p, maxDepth)
	}
	return segs, nil
}

// parseOverrideValue parses value as one YAML value. Positions in it are
// all the origin's: the value is reported as a whole.
func parseOverrideValue(value, origin string) (*node, error) {
	if strings.ContainsAny(value, "\n\r") {
		return nil, errors.New("the value must be on one line (use flow style: [a, b] or {k: v})")
	}
	var errs ErrorList
	root := parseTree(origin, []byte("v: "+value), &errs)
	if len(errs) > 0 || root == nil || len(root.entries) != 1 {
		msg := "not one YAML value"
		if len(errs) > 0 {
			msg = errs[0].Msg
		}
		return nil, fmt.Errorf("value %q: %s", value, msg)
	}
	v := root.entries[0].val
	if v == nil {
		v = &node{kind: nullNode, size: 1}
	}
	return relabel(v, pos{file: origin}), nil
}

// relabel returns a copy of n with every position set to p.
func relabel(n *node, p pos) *node {
	if n == nil {
		return nil
	}
	out := *n
	out.pos = p
	if n.entries != nil {
		out.entries = make([]entry, len(n.entries))
		for i, e := range n.entries {
			out.entries[i] = entry{key: e.key, keyPos: p, val: relabel(e.val, p)}
		}
	}
	if n.items != nil {
		out.items = make([]*node, len(n.items))
		for i, it := range n.items {
			out.items[i] = relabel(it, p)
		}
	}
	return &out
}

// Tree is a scenario's YAML tree with its extends chain merged, not yet
// decoded: the form overrides apply to. A Tree is read once and decoded
// any number of times, with different overrides, from any goroutine.
type Tree struct {
	name     string
	root     *node
	errs     ErrorList // problems found reading the tree
	complete bool      // every file of the extends chain was read
}

// LoadTree reads the scenario name from fsys, or takes its content from
// src when src is not nil (a scenario read from standard input: name is
// then a label, and extends is resolved from its directory in fsys), and
// merges its extends chain as LoadWith does with o. It returns an error
// only when name cannot be read; problems of the content are returned by
// Decode.
func LoadTree(fsys fs.FS, name string, src []byte, o LoadOptions) (*Tree, error) {
	l := loader{fsys: fsys, o: o}
	if b, ok := strings.CutPrefix(name, BuiltinPrefix); ok {
		name = BuiltinPrefix + builtinFile(b)
	}
	if src == nil {
		var err error
		if src, err = l.read(name); err != nil {
			var errs ErrorList
			if errors.As(err, &errs) {
				return &Tree{name: name, errs: errs}, nil
			}
			return nil, err
		}
	}
	t := &Tree{name: name}
	root := parseTree(name, src, &t.errs)
	t.root, t.complete = l.resolveExtends(name, root, []string{name}, &t.errs)
	return t, nil
}

// Decode applies the overrides in order to a copy of the tree, then
// decodes and validates it as Load does. Errors in an override's path or
// value are reported at the override's origin.
func (t *Tree) Decode(overrides ...Override) (*Scenario, error) {
	errs := append(ErrorList(nil), t.errs...)
	root := t.root
	if root != nil {
		for _, o := range overrides {
			if o.val == nil {
				c, err := o.compile()
				if err != nil {
					errs.add(pos{file: o.origin()}, "", Syntax, "%v", strings.TrimPrefix(err.Error(), o.origin()+": "))
					continue
				}
				o = c
			}
			// An override that fails leaves the tree as it was, so that
			// its error is the only one it causes.
			before := len(errs)
			if r := override(root, o, o.segs, 0, &errs); len(errs) == before {
				root = r
			}
		}
	}
	return finish(t.name, root, errs, t.complete)
}

// override returns a copy of n with the value at segs[i:] replaced by
// o's; n itself and the subtrees it shares are not changed. A missing
// mapping key is added; a null on the way is read as an empty mapping,
// and a scalar parameter followed by a key as {value: scalar}.
func override(n *node, o Override, segs []segment, i int, errs *ErrorList) *node {
	if i == len(segs) {
		return o.val
	}
	at := pos{file: o.origin()}
	s := segs[i]
	done := formatPath(segs[:i])
	if s.key == "" {
		if n == nil || n.kind != seqNode {
			errs.add(at, done, WrongType, "[%d]: %s is %s, not a list", s.index, pathOrRoot(done), describeNil(n))
			return n
		}
		if s.index >= len(n.items) {
			errs.add(at, done, OutOfRange, "[%d]: %s has %d entries", s.index, done, len(n.items))
			return n
		}
		out := *n
		out.items = append([]*node(nil), n.items...)
		out.items[s.index] = override(n.items[s.index], o, segs, i+1, errs)
		out.size = resize(n.size, n.items[s.index], out.items[s.index])
		return &out
	}
	var out node
	switch {
	case n == nil || n.kind == nullNode:
		out = node{kind: mapNode, pos: at, size: 1}
	case n.kind == mapNode:
		out = *n
		out.entries = append([]entry(nil), n.entries...)
	case n.kind == scalarNode && (n.skind == intScalar || n.skind == floatScalar):
		// A parameter written as a bare number, reached by "x.value" or
		// "x.range": the same parameter written as a mapping.
		out = node{kind: mapNode, pos: n.pos, size: 1 + n.size, entries: []entry{{key: "value", keyPos: n.pos, val: n}}}
	default:
		errs.add(at, done, WrongType, "%s: %s is %s, not a mapping", s.key, pathOrRoot(done), n.describe())
		return n
	}
	for j := range out.entries {
		if e := &out.entries[j]; e.key == s.key {
			old := e.val
			e.val = override(old, o, segs, i+1, errs)
			out.size = resize(out.size, old, e.val)
			return &out
		}
	}
	val := override(nil, o, segs, i+1, errs)
	if val == nil {
		return n
	}
	out.entries = append(out.entries, entry{key: s.key, keyPos: at, val: val})
	out.size = min(out.size+val.size, MaxNodes+1)
	return &out
}

// formatPath writes segments as a path: "a.b[2]".
func formatPath(segs []segment) string {
	var b strings.Builder
	for _, s := range segs {
		if s.key == "" {
			fmt.Fprintf(&b, "[%d]", s.index)
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	return b.String()
}

func pathOrRoot(p string) string {
	if p == "" {
		return "the scenario"
	}
	return p
}

func describeNil(n *node) string {
	if n == nil {
		return "absent"
	}
	return n.describe()
}

// resize returns the size of a node of size size whose child old became
// new, capped as sizes are.
func resize(size int, old, new *node) int {
	s := size
	if new != nil {
		s += new.size
	}
	if old != nil {
		s -= old.size
	}
	return min(max(s, 1), MaxNodes+1)
}
