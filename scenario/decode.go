package scenario

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// Parse decodes and validates the scenario in src. The filename is used in
// error messages only. A file that extends another cannot be parsed alone:
// use Load.
//
// When anything is wrong, Parse returns a nil Scenario and an ErrorList
// holding every problem found, sorted by position; it never stops at the
// first. It never panics.
func Parse(filename string, src []byte) (*Scenario, error) {
	var errs ErrorList
	root := parseTree(filename, src, &errs)
	if root != nil {
		if e := root.lookup("extends"); e != nil {
			errs.add(e.val.pos, "extends", Extends, "a file that extends another must be read with Load, which can find %s", e.val.text)
			return finish(filename, without(root, "extends"), errs, false)
		}
	}
	return finish(filename, root, errs, true)
}

// Load reads the scenario file name from fsys, follows its extends chain,
// and decodes and validates the result. Errors in a file it extends point
// into that file. Load returns the fs error unchanged when name itself
// cannot be read, and an ErrorList for every problem of the content.
//
// Extends merges at the YAML level before decoding: mappings merge key by
// key, recursively; anything else the child gives (a number, a string, a
// list, a Param written either way) replaces the parent's value whole. So
// a child writing "per_bed_day: 157" over a parent's "per_bed_day: {value:
// 157, source: ...}" drops the parent's source. Paths in extends are
// relative to the extending file and must stay inside fsys. The merged
// scenario does not keep the extends key: its Extends is empty.
//
// Load is LoadWith without options: no absolute paths, no built-ins.
func Load(fsys fs.FS, name string) (*Scenario, error) {
	return LoadWith(fsys, name, LoadOptions{})
}

// BuiltinPrefix marks an extends naming a scenario shipped in the binary:
// "extends: builtin:baseline-2025" (the ".yaml" may be left out).
const BuiltinPrefix = "builtin:"

// LoadOptions widen what extends may name.
type LoadOptions struct {
	// RootedAtSlash says fsys is rooted at the file system's root (as
	// os.DirFS("/") is), so that an absolute path in extends
	// ("/home/me/base.yaml") names the file at that path.
	RootedAtSlash bool
	// Builtin holds the scenarios that "builtin:NAME" names (the
	// embedded scenarios.FS); nil refuses builtin: names.
	Builtin fs.FS
}

// LoadWith is Load with options. name may itself be "builtin:NAME". Files
// read from Builtin are named "builtin:PATH" in errors, and their own
// relative extends stay among the built-ins.
func LoadWith(fsys fs.FS, name string, o LoadOptions) (*Scenario, error) {
	l := loader{fsys: fsys, o: o}
	if b, ok := strings.CutPrefix(name, BuiltinPrefix); ok {
		name = BuiltinPrefix + builtinFile(b)
	}
	src, err := l.read(name)
	if err != nil {
		var errs ErrorList
		if errors.As(err, &errs) {
			return nil, errs
		}
		return nil, err
	}
	var errs ErrorList
	root := parseTree(name, src, &errs)
	root, complete := l.resolveExtends(name, root, []string{name}, &errs)
	return finish(name, root, errs, complete)
}

// builtinFile is the file of a built-in scenario name: NAME.yaml.
func builtinFile(name string) string {
	if !strings.HasSuffix(name, ".yaml") {
		name += ".yaml"
	}
	return name
}

// loader reads the files of an extends chain.
type loader struct {
	fsys fs.FS
	o    LoadOptions
}

// read reads a file named as in the chain: a path in fsys, or
// "builtin:PATH".
func (l *loader) read(name string) ([]byte, error) {
	if b, ok := strings.CutPrefix(name, BuiltinPrefix); ok {
		if l.o.Builtin == nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("built-in scenarios are not available here")}
		}
		src, err := readFile(l.o.Builtin, b, name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("no such built-in scenario; the built-ins are %s", strings.Join(builtinNames(l.o.Builtin), ", "))}
		}
		return src, err
	}
	return readFile(l.fsys, name, name)
}

// builtinNames lists the scenarios of a built-in file system, as
// builtin: takes them (without ".yaml").
func builtinNames(fsys fs.FS) []string {
	var names []string
	_ = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			names = append(names, strings.TrimSuffix(p, ".yaml"))
		}
		return nil
	})
	return names
}

// maxExtends is the longest chain of extends followed.
const maxExtends = 32

// parent returns the chain name of the file that the extends text names
// from the file name, or a message saying why it names none.
func (l *loader) parent(name, text string) (string, string) {
	builtin := strings.HasPrefix(name, BuiltinPrefix)
	switch {
	case strings.HasPrefix(text, BuiltinPrefix):
		b := strings.TrimPrefix(text, BuiltinPrefix)
		if l.o.Builtin == nil {
			return "", fmt.Sprintf("%q: built-in scenarios are not available here", text)
		}
		if b == "" || !fs.ValidPath(builtinFile(b)) {
			return "", fmt.Sprintf("%q: want builtin:NAME with NAME a shipped scenario such as baseline-2025 or policy-variants/doubled-judges", text)
		}
		return BuiltinPrefix + builtinFile(b), ""
	case strings.Contains(text, "://"):
		return "", fmt.Sprintf("%q is an address; extends takes a file path (relative to this file, or absolute) or builtin:NAME", text)
	case path.IsAbs(text):
		if !l.o.RootedAtSlash {
			return "", fmt.Sprintf("%q is an absolute path, which is not accepted here; use a path relative to this file or builtin:NAME", text)
		}
		p := strings.TrimPrefix(path.Clean(text), "/")
		if p == "" {
			return "", fmt.Sprintf("%q is a directory, not a scenario file", text)
		}
		return p, ""
	}
	dir := path.Dir(strings.TrimPrefix(name, BuiltinPrefix))
	p := path.Join(dir, text)
	if !fs.ValidPath(p) {
		if builtin {
			return "", fmt.Sprintf("%q is outside the built-in scenarios", text)
		}
		return "", fmt.Sprintf("%q is outside the directory tree the scenario was loaded from; use an absolute path or builtin:NAME", text)
	}
	if builtin {
		p = BuiltinPrefix + p
	}
	return p, ""
}

// resolveExtends returns root merged over the files it extends, without
// the extends keys, and whether every file of the chain was read. chain
// holds the files being read, to find loops.
func (l *loader) resolveExtends(name string, root *node, chain []string, errs *ErrorList) (_ *node, complete bool) {
	if root == nil {
		return nil, false
	}
	e := root.lookup("extends")
	if e == nil {
		return root, true
	}
	root = without(root, "extends")
	if e.val.kind != scalarNode || e.val.skind != strScalar || e.val.text == "" {
		errs.add(e.val.pos, "extends", WrongType, "want a file name such as baseline-2025.yaml, got %s", e.val.describe())
		return root, false
	}
	parentName, why := l.parent(name, e.val.text)
	if why != "" {
		errs.add(e.val.pos, "extends", Extends, "%s", why)
		return root, false
	}
	for i, c := range chain {
		if c == parentName {
			errs.add(e.val.pos, "extends", Extends, "extends loops: %s", strings.Join(append(chain[i:], parentName), " -> "))
			return root, false
		}
	}
	if len(chain) >= maxExtends {
		errs.add(e.val.pos, "extends", Extends, "more than %d files in the extends chain", maxExtends)
		return root, false
	}
	src, err := l.read(parentName)
	if err != nil {
		var list ErrorList
		if errors.As(err, &list) {
			*errs = append(*errs, list...)
		} else {
			errs.add(e.val.pos, "extends", Extends, "cannot read %s: %v", e.val.text, unwrapPathError(err))
		}
		return root, false
	}
	parent := parseTree(parentName, src, errs)
	if parent == nil {
		return root, false
	}
	parent, complete = l.resolveExtends(parentName, parent, append(chain[:len(chain):len(chain)], parentName), errs)
	return merge(parent, root), complete
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readFile reads name from fsys, refusing files over MaxFileSize without
// reading them whole; errors call the file display.
func readFile(fsys fs.FS, name, display string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tooLarge := func(n int64) error {
		return ErrorList{{File: display, Line: 1, Col: 1, Code: TooLarge,
			Msg: fmt.Sprintf("file is %d bytes; the limit is %d (8 MiB)", n, MaxFileSize)}}
	}
	if st, err := f.Stat(); err == nil {
		if st.IsDir() {
			return nil, &fs.PathError{Op: "read", Path: display, Err: errors.New("is a directory")}
		}
		if st.Size() > MaxFileSize {
			return nil, tooLarge(st.Size())
		}
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		return nil, ErrorList{{File: display, Line: 1, Col: 1, Code: TooLarge,
			Msg: fmt.Sprintf("file is over %d bytes (8 MiB), the limit", MaxFileSize)}}
	}
	return src, nil
}

// finish decodes the tree into a Scenario and, when the tree is complete
// (no file of the extends chain is missing), validates it.
func finish(filename string, root *node, errs ErrorList, complete bool) (*Scenario, error) {
	if root == nil {
		errs.finish()
		return nil, errs.Err()
	}
	var s Scenario
	d := decoder{
		errs:   &errs,
		root:   pos{filename, 1, 1},
		valPos: map[string]pos{},
		keyPos: map[string]pos{},
		bad:    map[string]bool{},
	}
	d.value(root, reflect.ValueOf(&s).Elem(), "")
	if _, ok := d.keyPos["steps_per_day"]; !ok {
		s.StepsPerDay = 1
	}
	if complete {
		v := validator{s: &s, at: d.locate, atKey: d.locateKey, present: d.present, skip: d.skip}
		v.run()
		for _, e := range v.errs {
			if !errs.full() {
				errs = append(errs, e)
			}
		}
	}
	errs.finish()
	if len(errs) > 0 {
		return nil, errs
	}
	return &s, nil
}

// decoder fills Go values from a node tree by reflection, following the
// yaml tags, and records where every path came from.
type decoder struct {
	errs   *ErrorList
	root   pos
	valPos map[string]pos  // path -> position of its value
	keyPos map[string]pos  // path -> position of its key
	bad    map[string]bool // paths whose value was reported as wrong
}

func (d *decoder) fail(n *node, path string, code Code, format string, args ...any) {
	d.errs.add(n.pos, path, code, format, args...)
	d.bad[path] = true
}

// present reports whether path appeared in the file.
func (d *decoder) present(path string) bool {
	_, ok := d.keyPos[path]
	return ok
}

// skip reports whether path or one of its ancestors had a decoding error,
// so that validation says nothing more about it.
func (d *decoder) skip(path string) bool {
	for p := path; ; p = parentPath(p) {
		if d.bad[p] {
			return true
		}
		if p == "" {
			return false
		}
	}
}

// locate returns the position to report for path: its value if it
// appeared, else the key of its nearest ancestor that did, else the start
// of the file.
func (d *decoder) locate(path string) pos {
	if p, ok := d.valPos[path]; ok {
		return p
	}
	for p := parentPath(path); p != ""; p = parentPath(p) {
		if kp, ok := d.keyPos[p]; ok {
			return kp
		}
		if vp, ok := d.valPos[p]; ok {
			return vp
		}
	}
	return d.root
}

// locateKey is locate, but prefers the key of path to its value: for
// errors about a whole mapping, such as shares not summing to 1.
func (d *decoder) locateKey(path string) pos {
	if kp, ok := d.keyPos[path]; ok {
		return kp
	}
	return d.locate(path)
}

// parentPath strips the last element of a path: "a.b[2]" -> "a.b" -> "a" -> "".
func parentPath(p string) string {
	i := strings.LastIndexAny(p, ".[")
	if i < 0 {
		return ""
	}
	return p[:i]
}

var (
	monthType = reflect.TypeFor[Month]()
	dateType  = reflect.TypeFor[Date]()
)

func (d *decoder) value(n *node, v reflect.Value, path string) {
	if _, ok := d.valPos[path]; !ok {
		d.valPos[path] = n.pos
	}
	if n.kind == badNode {
		d.bad[path] = true
		return
	}
	switch v.Type() {
	case paramType:
		d.param(n, v.Addr().Interface().(*Param), path)
		return
	case monthType:
		d.month(n, v, path)
		return
	case dateType:
		d.date(n, v, path)
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.structure(n, v, path)
	case reflect.Slice:
		d.list(n, v, path)
	case reflect.String:
		switch n.kind {
		case nullNode:
		case scalarNode:
			v.SetString(n.text)
		default:
			d.fail(n, path, WrongType, "want a string, got %s", n.describe())
		}
	case reflect.Bool:
		switch {
		case n.kind == nullNode:
		case n.kind == scalarNode && n.skind == boolScalar:
			v.SetBool(n.b)
		default:
			d.fail(n, path, WrongType, "want true or false, got %s", n.describe())
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		d.integer(n, v, path)
	case reflect.Float32, reflect.Float64:
		if x, ok := d.number(n, path); ok {
			v.SetFloat(x)
		}
	default:
		d.fail(n, path, Unsupported, "cannot decode into %s", v.Type())
	}
}

// field is a YAML key of a struct, with inline fields flattened.
type field struct {
	name      string
	index     []int
	omitempty bool
}

var fieldCache sync.Map // reflect.Type -> []field

func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var out []field
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if hasOpt(opts, "inline") && f.Type.Kind() == reflect.Struct {
			for _, sub := range fieldsOf(f.Type) {
				sub.index = append([]int{i}, sub.index...)
				out = append(out, sub)
			}
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out = append(out, field{name: name, index: []int{i}, omitempty: hasOpt(opts, "omitempty")})
	}
	fieldCache.Store(t, out)
	return out
}

func hasOpt(opts, opt string) bool {
	for o := range strings.SplitSeq(opts, ",") {
		if o == opt {
			return true
		}
	}
	return false
}

func (d *decoder) structure(n *node, v reflect.Value, path string) {
	switch n.kind {
	case nullNode:
		return // an empty section: its required keys are reported as missing
	case mapNode:
	default:
		d.fail(n, path, WrongType, "want a mapping of keys to values, got %s", n.describe())
		return
	}
	if n.partial {
		d.bad[path] = true
	}
	fields := fieldsOf(v.Type())
	for _, e := range n.entries {
		i := findField(fields, e.key)
		if i < 0 {
			d.unknownKey(e, fields, path)
			continue
		}
		child := join(path, e.key)
		d.keyPos[child] = e.keyPos
		d.value(e.val, v.FieldByIndex(fields[i].index), child)
	}
}

func findField(fields []field, name string) int {
	for i, f := range fields {
		if f.name == name {
			return i
		}
	}
	return -1
}

func (d *decoder) unknownKey(e entry, fields []field, path string) {
	if d.errs.full() {
		return
	}
	names := make([]string, len(fields))
	for i, f := range fields {
		names[i] = f.name
	}
	hint := ""
	if s := closest(e.key, names); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
		// The likely intended key is not missing too: one error per typo.
		d.bad[join(path, s)] = true
	}
	d.errs.add(e.keyPos, path, UnknownKey, "unknown key %q%s (allowed: %s)", truncate(e.key, 40), hint, keyList(names))
}

// closest returns the name nearest to key by edit distance, if it is near
// enough to be a likely typo.
func closest(key string, names []string) string {
	best, bestD := "", 1<<30
	for _, n := range names {
		if d := editDistance(key, n); d < bestD {
			best, bestD = n, d
		}
	}
	if bestD <= max(2, len(key)/4) {
		return best
	}
	return ""
}

func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func (d *decoder) list(n *node, v reflect.Value, path string) {
	switch n.kind {
	case nullNode:
		return
	case seqNode:
	default:
		d.fail(n, path, WrongType, "want a list, got %s", n.describe())
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.items), len(n.items))
	for i, item := range n.items {
		d.value(item, out.Index(i), path+"["+strconv.Itoa(i)+"]")
	}
	v.Set(out)
}

// number reads a finite number. Plain strings such as 1e6, which YAML
// 1.2's core schema reads as numbers, are accepted too.
func (d *decoder) number(n *node, path string) (float64, bool) {
	if n.kind == scalarNode {
		switch n.skind {
		case intScalar:
			if n.unsigned {
				return float64(n.u), true
			}
			return float64(n.i), true
		case floatScalar:
			if math.IsInf(n.f, 0) || math.IsNaN(n.f) {
				d.fail(n, path, WrongType, "want a finite number, got %s", n.text)
				return 0, false
			}
			return n.f, true
		case strScalar:
			if n.plain {
				x, err := strconv.ParseFloat(n.text, 64)
				if err == nil && !math.IsInf(x, 0) && !math.IsNaN(x) {
					return x, true
				}
				if errors.Is(err, strconv.ErrRange) {
					d.fail(n, path, OutOfRange, "%s is beyond the range of a number", n.text)
					return 0, false
				}
			}
		}
	}
	d.fail(n, path, WrongType, "want a number, got %s", n.describe())
	return 0, false
}

func (d *decoder) integer(n *node, v reflect.Value, path string) {
	if n.kind == nullNode {
		return
	}
	unsigned := v.Kind() >= reflect.Uint && v.Kind() <= reflect.Uint64
	if n.kind == scalarNode && n.skind == intScalar {
		switch {
		case n.unsigned && unsigned:
			if v.OverflowUint(n.u) {
				d.fail(n, path, OutOfRange, "%s is too large", n.text)
				return
			}
			v.SetUint(n.u)
		case n.unsigned:
			if n.u > math.MaxInt64 || v.OverflowInt(int64(n.u)) {
				d.fail(n, path, OutOfRange, "%s is too large", n.text)
				return
			}
			v.SetInt(int64(n.u))
		case unsigned:
			if n.i < 0 {
				d.fail(n, path, OutOfRange, "must be >= 0, got %d", n.i)
				return
			}
			if v.OverflowUint(uint64(n.i)) {
				d.fail(n, path, OutOfRange, "%s is too large", n.text)
				return
			}
			v.SetUint(uint64(n.i))
		default:
			if v.OverflowInt(n.i) {
				d.fail(n, path, OutOfRange, "%s is too large", n.text)
				return
			}
			v.SetInt(n.i)
		}
		return
	}
	if n.kind == scalarNode && (n.skind == floatScalar || n.skind == strScalar && n.plain) {
		x := n.f
		if n.skind == strScalar {
			var err error
			if x, err = strconv.ParseFloat(n.text, 64); err != nil {
				x = math.NaN()
			}
		}
		if !math.IsNaN(x) && (math.Abs(x) >= 1<<53 || math.IsInf(x, 0)) {
			d.fail(n, path, OutOfRange, "%s is too large; want a whole number", n.text)
			return
		}
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			switch {
			case unsigned && x < 0:
				d.fail(n, path, OutOfRange, "must be >= 0, got %s", n.text)
			case unsigned && !v.OverflowUint(uint64(x)):
				v.SetUint(uint64(x))
			case !unsigned && !v.OverflowInt(int64(x)):
				v.SetInt(int64(x))
			default:
				d.fail(n, path, OutOfRange, "%s is too large", n.text)
			}
			return
		}
	}
	d.fail(n, path, WrongType, "want a whole number, got %s", n.describe())
}

// Years accepted in months and dates.
const (
	minYear = 1970
	maxYear = 2999
)

func (d *decoder) month(n *node, v reflect.Value, path string) {
	d.calendar(n, v, path, "a month as YYYY-MM", func(s string) (int64, int, error) {
		m, err := ParseMonth(s)
		return int64(m), m.Year(), err
	})
}

func (d *decoder) date(n *node, v reflect.Value, path string) {
	d.calendar(n, v, path, "a date as YYYY-MM-DD or YYYY-MM", func(s string) (int64, int, error) {
		t, err := ParseDate(s)
		return int64(t), t.Time().Year(), err
	})
}

// calendar decodes a month or a date with parse, which returns the value
// to store and its year; want names the expected form in errors.
func (d *decoder) calendar(n *node, v reflect.Value, path, want string, parse func(string) (int64, int, error)) {
	switch {
	case n.kind == nullNode:
		return
	case n.kind != scalarNode:
		d.fail(n, path, WrongType, "want %s, got %s", want, n.describe())
		return
	}
	x, year, err := parse(n.text)
	if err != nil {
		d.fail(n, path, WrongType, "want %s, got %s", want, n.describe())
		return
	}
	if year < minYear || year > maxYear {
		d.fail(n, path, OutOfRange, "year must be between %d and %d, got %q", minYear, maxYear, n.text)
		return
	}
	v.SetInt(x)
}

// param reads a Param written as a bare number or as a mapping with value,
// source, as_of and range.
func (d *decoder) param(n *node, p *Param, path string) {
	switch n.kind {
	case scalarNode:
		if n.skind == strScalar && !n.plain || n.skind == boolScalar {
			d.fail(n, path, WrongType, "want a number, got %s", n.describe())
			return
		}
		if x, ok := d.number(n, path); ok {
			p.Value, p.Set = x, true
		}
		return
	case mapNode:
	default:
		d.fail(n, path, WrongType, "want a number or a mapping {value, source, as_of, range}, got %s", n.describe())
		return
	}
	if n.partial {
		d.bad[path] = true
	}
	fields := fieldsOf(paramType)
	sawValue := false
	for _, e := range n.entries {
		i := findField(fields, e.key)
		if i < 0 {
			d.unknownKey(e, fields, path)
			continue
		}
		child := join(path, e.key)
		d.keyPos[child] = e.keyPos
		if e.key == "value" {
			sawValue = true
			if e.val.kind == badNode {
				d.bad[path] = true
				continue
			}
		}
		d.value(e.val, reflect.ValueOf(p).Elem().FieldByIndex(fields[i].index), child)
	}
	switch {
	case !sawValue:
		d.fail(n, path, Missing, "a parameter written as a mapping needs a value: {value: 157, source: \"...\"}")
	case d.bad[join(path, "value")]:
		d.bad[path] = true
	default:
		p.Set = true
	}
}
