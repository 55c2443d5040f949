package scenario

import (
	"bytes"
	"fmt"
	"math"
	"strings"

	yaml "github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// MaxFileSize is the largest scenario file accepted, in bytes (8 MiB). A
// real scenario is a few kilobytes; the limit keeps a mistaken argument
// (a data dump, a binary) from taking seconds and gigabytes to reject.
const MaxFileSize = 8 << 20

// MaxNodes is the most YAML nodes a scenario may hold once its aliases are
// expanded; it defeats "billion laughs" documents that are small on disk.
const MaxNodes = 1_000_000

// maxDepth is the deepest nesting of mappings and lists accepted. The
// format itself needs 5 levels.
const maxDepth = 100

// Limits checked on the tokens before parsing, because goccy/go-yaml's
// parser takes time quadratic in each: flow collections ([...], {...})
// nested 8,000 deep take 3 s, and so do a block mapping of 16,000 keys and
// block collections nested 16,000 deep. A scenario needs 5 levels and 25
// keys.
const (
	maxFlowDepth  = 64
	maxBlockDepth = 64
	maxKeys       = 1000
)

// maxTokens is the most YAML tokens (keys, values, punctuation) a file may
// hold. A scenario has a few thousand; goccy/go-yaml lexes and parses
// about 200,000 a second, so without the limit a dense 8 MiB file would
// take half a minute to reject.
const maxTokens = 100_000

// tooManyTokens estimates the tokens of src from its punctuation, without
// lexing it, and returns where the estimate passes maxTokens. Comment
// lines are skipped; punctuation inside strings and end-of-line comments
// is counted, which errs towards refusing only files whose comments hold
// tens of thousands of commas.
func tooManyTokens(src []byte) (line, col int, ok bool) {
	n, line, lineStart := 0, 1, 0
	startOfLine := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			line, lineStart, startOfLine = line+1, i+1, true
			continue
		case c == ' ' || c == '\t':
			continue
		case startOfLine && c == '#':
			for i+1 < len(src) && src[i+1] != '\n' {
				i++
			}
			continue
		}
		if startOfLine {
			n++ // the line's first token
		}
		startOfLine = false
		switch c {
		case ',', '[', ']', '{', '}':
			n++
		case ':', '-', '?':
			if i+1 == len(src) || src[i+1] == ' ' || src[i+1] == '\n' || src[i+1] == '\t' {
				n += 2 // the indicator and the value after it
			}
		}
		if n > maxTokens {
			return line, i - lineStart + 1, false
		}
	}
	return 0, 0, true
}

// checkTokens looks for a structure beyond the limits above and returns
// its first token and what is wrong, or nil. Block structure is followed
// by columns: a key is a token followed by ":", a sequence entry a "-".
func checkTokens(tokens token.Tokens) (*token.Token, string) {
	type level struct {
		col  int
		seq  bool
		keys int
	}
	var stack []level
	flow := 0
	for i, tk := range tokens {
		switch tk.Type {
		case token.SequenceStartType, token.MappingStartType:
			if flow++; flow > maxFlowDepth {
				return tk, fmt.Sprintf("lists or mappings in brackets nested more than %d deep", maxFlowDepth)
			}
			continue
		case token.SequenceEndType, token.MappingEndType:
			flow = max(flow-1, 0)
			continue
		case token.CommentType:
			continue
		}
		if flow > 0 || tk.Position == nil {
			continue
		}
		col := tk.Position.Column
		for len(stack) > 0 && stack[len(stack)-1].col > col {
			stack = stack[:len(stack)-1]
		}
		isKey := i+1 < len(tokens) && tokens[i+1].Type == token.MappingValueType
		switch {
		case tk.Type == token.SequenceEntryType:
			if n := len(stack); n == 0 || stack[n-1].col != col || !stack[n-1].seq {
				stack = append(stack, level{col: col, seq: true})
			}
		case isKey:
			if n := len(stack); n > 0 && stack[n-1].col == col && stack[n-1].seq {
				stack = stack[:n-1] // "key:\n- item" ends at the next key
			}
			if n := len(stack); n > 0 && stack[n-1].col == col {
				if stack[n-1].keys++; stack[n-1].keys > maxKeys {
					return tk, fmt.Sprintf("a mapping with more than %d keys", maxKeys)
				}
			} else {
				stack = append(stack, level{col: col, keys: 1})
			}
		}
		if len(stack) > maxBlockDepth {
			return tk, fmt.Sprintf("values nested more than %d deep", maxBlockDepth)
		}
	}
	return nil, ""
}

// pos is a position in a scenario file.
type pos struct {
	file      string
	line, col int
}

type nodeKind uint8

const (
	nullNode nodeKind = iota
	scalarNode
	mapNode
	seqNode
	badNode // a value whose error is already reported
)

type scalarKind uint8

const (
	strScalar   scalarKind = iota // any string, quoted or not
	intScalar                     // an integer: i or u
	floatScalar                   // a float, possibly ±Inf or NaN
	boolScalar
)

// node is the scenario package's own YAML tree: goccy/go-yaml's AST
// reduced to what decoding needs, with a file in every position so that
// trees from different files can be merged (extends), and aliases
// resolved to shared subtrees.
type node struct {
	kind nodeKind
	pos  pos
	size int // nodes in the subtree, aliases expanded, capped at MaxNodes+1

	// scalars
	skind    scalarKind
	text     string  // the value as written (unquoted), for messages and strings
	plain    bool    // an unquoted string: may still be read as a number
	i        int64   // intScalar, when !unsigned
	u        uint64  // intScalar, when unsigned
	unsigned bool    // the integer is held in u
	f        float64 // floatScalar
	b        bool    // boolScalar

	entries []entry // mapNode, in file order, without duplicates
	items   []*node // seqNode
	partial bool    // mapNode: some keys were dropped after an error
}

type entry struct {
	key    string
	keyPos pos
	val    *node
}

// lookup returns the value of key in a mapping node, or nil.
func (n *node) lookup(key string) *entry {
	for i := range n.entries {
		if n.entries[i].key == key {
			return &n.entries[i]
		}
	}
	return nil
}

// describe names the node's kind and value for "got ..." in messages.
func (n *node) describe() string {
	switch n.kind {
	case nullNode:
		return "null"
	case mapNode:
		return "a mapping"
	case seqNode:
		return "a list"
	case badNode:
		return "an invalid value"
	}
	switch n.skind {
	case intScalar:
		return "integer " + n.text
	case floatScalar:
		return "number " + n.text
	case boolScalar:
		return "boolean " + n.text
	}
	return fmt.Sprintf("string %q", truncate(n.text, 40))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 { // do not split a UTF-8 sequence
		cut--
	}
	return s[:cut] + "..."
}

// parseTree parses src as one YAML document and returns its tree; the
// tree is nil when nothing usable was found. Problems go to errs.
func parseTree(filename string, src []byte, errs *ErrorList) *node {
	start := pos{filename, 1, 1}
	if len(src) > MaxFileSize {
		errs.add(start, "", TooLarge, "file is %d bytes; the limit is %d (8 MiB)", len(src), MaxFileSize)
		return nil
	}
	// A UTF-8 byte-order mark (Notepad writes one) is not part of the
	// document; editors do not show it, so positions are counted after it.
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	if line, col, ok := tooManyTokens(src); !ok {
		errs.add(pos{filename, line, col}, "", TooLarge, "more than %d keys, values and punctuation marks; a scenario needs a few thousand", maxTokens)
		return nil
	}
	f, tooBig, err := parseBytes(src)
	if tooBig != nil {
		errs.add(tokenPos(filename, tooBig.tk), "", TooLarge, "%s", tooBig.msg)
		return nil
	}
	if err != nil {
		p, msg := start, err.Error()
		if ye, ok := err.(yaml.Error); ok {
			msg = ye.GetMessage()
			if tk := ye.GetToken(); tk != nil && tk.Position != nil {
				p = tokenPos(filename, tk)
			}
		}
		errs.add(p, "", Syntax, "syntax error: %s", msg)
		return nil
	}
	var docs []*ast.DocumentNode
	for _, d := range f.Docs {
		if d != nil && d.Body != nil {
			docs = append(docs, d)
		}
	}
	if len(docs) == 0 {
		errs.add(start, "", Empty, "empty scenario: want a mapping with name, start, months, population, inflows, ... (run \"removalsim schema\" for the full format)")
		return nil
	}
	if len(docs) > 1 {
		p := start
		if tk := docs[1].Start; tk != nil && tk.Position != nil {
			p = tokenPos(filename, tk)
		} else if tk := docs[1].Body.GetToken(); tk != nil && tk.Position != nil {
			p = tokenPos(filename, tk)
		}
		errs.add(p, "", MultipleDocuments, "want one YAML document, got %d (remove the \"---\" separators)", len(docs))
		return nil
	}
	c := converter{file: filename, errs: errs, anchors: map[string]*node{}}
	root := c.convert(docs[0].Body, start, 0)
	if root.kind == badNode {
		return nil
	}
	if root.size > MaxNodes {
		errs.add(root.pos, "", TooLarge, "more than %d values once aliases are expanded", MaxNodes)
		return nil
	}
	if root.kind != mapNode {
		errs.add(root.pos, "", NotMapping, "a scenario must be a mapping of keys to values (name: ..., start: ...), got %s", root.describe())
		return nil
	}
	return root
}

// tooBig is a structure beyond the parser's limits.
type tooBig struct {
	tk  *token.Token
	msg string
}

// parseBytes runs goccy/go-yaml's lexer and parser, turning a panic in
// them into an error so that no input can crash the caller. When the
// tokens go beyond the limits of checkTokens it does not parse.
func parseBytes(src []byte) (f *ast.File, big *tooBig, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, big, err = nil, nil, fmt.Errorf("YAML parser failed: %v", r)
		}
	}()
	tokens := lexer.Tokenize(string(src))
	n := 0
	for _, tk := range tokens {
		if tk.Type == token.CommentType {
			continue
		}
		if n++; n > maxTokens {
			return nil, &tooBig{tk, fmt.Sprintf("more than %d keys, values and punctuation marks; a scenario needs a few thousand", maxTokens)}, nil
		}
	}
	if tk, msg := checkTokens(tokens); tk != nil {
		return nil, &tooBig{tk, msg}, nil
	}
	// Duplicate keys are allowed here and reported by the converter, so
	// that every duplicate is reported, not only the first.
	f, err = parser.Parse(tokens, 0, parser.AllowDuplicateMapKey())
	return f, nil, err
}

func tokenPos(file string, tk *token.Token) pos {
	if tk == nil || tk.Position == nil {
		return pos{file, 1, 1}
	}
	p := pos{file, tk.Position.Line, tk.Position.Column}
	if p.line < 1 {
		p.line = 1
	}
	if p.col < 1 {
		p.col = 1
	}
	return p
}

type converter struct {
	file    string
	errs    *ErrorList
	anchors map[string]*node
}

// nodePos returns where n starts. For a block mapping that is its first
// key: the mapping's own token is the first colon.
func (c *converter) nodePos(n ast.Node, def pos) pos {
	switch n := n.(type) {
	case *ast.MappingNode:
		if !n.IsFlowStyle && len(n.Values) > 0 && n.Values[0].Key != nil {
			return c.nodePos(n.Values[0].Key, def)
		}
	case *ast.MappingValueNode:
		if n.Key != nil {
			return c.nodePos(n.Key, def)
		}
	case *ast.SequenceNode:
		if n.Start != nil && n.Start.Position != nil {
			return tokenPos(c.file, n.Start)
		}
	}
	if n == nil {
		return def
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return def
	}
	return tokenPos(c.file, tk)
}

// convert turns an AST node into a node; def is the position to use when
// the AST has none (an empty value). After reporting an error it returns a
// badNode, so that the rest of the document is still decoded and checked.
func (c *converter) convert(n ast.Node, def pos, depth int) *node {
	p := c.nodePos(n, def)
	bad := &node{kind: badNode, pos: p, size: 1}
	if depth > maxDepth {
		c.errs.add(p, "", TooLarge, "values nested more than %d deep", maxDepth)
		return bad
	}
	switch n := n.(type) {
	case nil:
		return &node{kind: nullNode, pos: p, size: 1}
	case *ast.NullNode:
		return &node{kind: nullNode, pos: p, size: 1, text: "null"}
	case *ast.BoolNode:
		return &node{kind: scalarNode, skind: boolScalar, pos: p, size: 1, b: n.Value, text: tokenText(n.Token)}
	case *ast.IntegerNode:
		out := &node{kind: scalarNode, skind: intScalar, pos: p, size: 1, text: tokenText(n.Token)}
		switch v := n.Value.(type) {
		case int64:
			out.i = v
		case uint64:
			out.u, out.unsigned = v, true
		default:
			out.skind, out.text = strScalar, fmt.Sprint(v)
		}
		return out
	case *ast.FloatNode:
		return &node{kind: scalarNode, skind: floatScalar, pos: p, size: 1, f: n.Value, text: tokenText(n.Token)}
	case *ast.InfinityNode:
		return &node{kind: scalarNode, skind: floatScalar, pos: p, size: 1, f: n.Value, text: tokenText(n.Token)}
	case *ast.NanNode:
		return &node{kind: scalarNode, skind: floatScalar, pos: p, size: 1, f: math.NaN(), text: tokenText(n.Token)}
	case *ast.StringNode:
		plain := n.Token != nil && n.Token.Type == token.StringType
		return &node{kind: scalarNode, skind: strScalar, pos: p, size: 1, text: n.Value, plain: plain}
	case *ast.LiteralNode:
		text := ""
		if n.Value != nil {
			text = n.Value.Value
		}
		return &node{kind: scalarNode, skind: strScalar, pos: p, size: 1, text: text}
	case *ast.MergeKeyNode:
		c.errs.add(p, "", Unsupported, "merge keys (<<) are not supported; to reuse a scenario, use extends")
		return bad
	case *ast.MappingNode:
		return c.mapping(n.Values, p, depth)
	case *ast.MappingValueNode:
		return c.mapping([]*ast.MappingValueNode{n}, p, depth)
	case *ast.SequenceNode:
		out := &node{kind: seqNode, pos: p, size: 1}
		for _, v := range n.Values {
			item := c.convert(v, p, depth+1)
			out.items = append(out.items, item)
			out.size = min(out.size+item.size, MaxNodes+1)
		}
		return out
	case *ast.AnchorNode:
		v := c.convert(n.Value, p, depth+1)
		if n.Name != nil && n.Name.GetToken() != nil {
			c.anchors[n.Name.GetToken().Value] = v
		}
		return v
	case *ast.AliasNode:
		name := ""
		if n.Value != nil && n.Value.GetToken() != nil {
			name = n.Value.GetToken().Value
		}
		v, ok := c.anchors[name]
		if !ok {
			c.errs.add(p, "", Syntax, "alias *%s refers to no anchor &%s before it", name, name)
			return bad
		}
		return v
	case *ast.TagNode:
		return c.tagged(n, p, depth)
	case *ast.CommentGroupNode, *ast.CommentNode:
		return &node{kind: nullNode, pos: p, size: 1}
	}
	c.errs.add(p, "", Unsupported, "unsupported YAML construct (%s)", n.Type())
	return bad
}

func tokenText(tk *token.Token) string {
	if tk == nil {
		return ""
	}
	return tk.Value
}

func (c *converter) mapping(values []*ast.MappingValueNode, p pos, depth int) *node {
	out := &node{kind: mapNode, pos: p, size: 1}
	seen := make(map[string]int, len(values)) // key -> index in out.entries
	for _, mv := range values {
		if mv == nil {
			continue
		}
		var keyNode ast.Node = mv.Key
		if k, isKey := keyNode.(*ast.MappingKeyNode); isKey {
			keyNode = k.Value
		}
		kp := c.nodePos(keyNode, p)
		if _, isMerge := keyNode.(*ast.MergeKeyNode); isMerge {
			c.errs.add(kp, "", Unsupported, "merge keys (<<) are not supported; to reuse a scenario, use extends")
			out.partial = true
			continue
		}
		key := c.convert(keyNode, kp, depth+1)
		if key.kind == badNode {
			out.partial = true
			continue
		}
		if key.kind != scalarNode {
			c.errs.add(kp, "", WrongType, "a key must be a plain name, got %s", key.describe())
			out.partial = true
			continue
		}
		val := c.convert(mv.Value, kp, depth+1)
		if i, dup := seen[key.text]; dup {
			c.errs.add(kp, "", DuplicateKey, "duplicate key %q (first at line %d)", truncate(key.text, 40), out.entries[i].keyPos.line)
			continue
		}
		seen[key.text] = len(out.entries)
		out.entries = append(out.entries, entry{key: key.text, keyPos: kp, val: val})
		out.size = min(out.size+val.size, MaxNodes+1)
	}
	return out
}

// tagged accepts the standard tags of the YAML core schema, which only
// restate or force a type, and rejects the others.
func (c *converter) tagged(n *ast.TagNode, p pos, depth int) *node {
	tag := tokenText(n.Start)
	v := c.convert(n.Value, p, depth+1)
	if v.kind == badNode {
		return v
	}
	switch tag {
	case "!!str", "tag:yaml.org,2002:str":
		if v.kind == scalarNode {
			v2 := *v
			v2.skind, v2.plain = strScalar, false
			return &v2
		}
	case "!!int", "!!float", "!!bool", "!!map", "!!seq", "!!null",
		"tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
		"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:null":
		return v
	}
	c.errs.add(p, "", Unsupported, "tag %s is not supported; write the value without it", tag)
	return &node{kind: badNode, pos: p, size: 1}
}

// merge overlays child on parent for extends: mappings merge key by key,
// recursively; anything else in child (scalar, list, null) replaces the
// parent's value whole. Neither tree is changed.
func merge(parent, child *node) *node {
	if parent == nil {
		return child
	}
	if child == nil {
		return parent
	}
	if parent.kind != mapNode || child.kind != mapNode {
		return child
	}
	out := &node{kind: mapNode, pos: child.pos, size: 1, partial: parent.partial || child.partial}
	inChild := make(map[string]int, len(child.entries))
	for i, e := range child.entries {
		inChild[e.key] = i
	}
	inParent := make(map[string]bool, len(parent.entries))
	for _, e := range parent.entries {
		inParent[e.key] = true
		if i, ok := inChild[e.key]; ok {
			ce := child.entries[i]
			e = entry{key: e.key, keyPos: ce.keyPos, val: merge(e.val, ce.val)}
		}
		out.entries = append(out.entries, e)
	}
	for _, e := range child.entries {
		if !inParent[e.key] {
			out.entries = append(out.entries, e)
		}
	}
	for _, e := range out.entries {
		out.size = min(out.size+e.val.size, MaxNodes+1)
	}
	return out
}

// without returns a copy of mapping n without key.
func without(n *node, key string) *node {
	out := *n
	out.entries = nil
	for _, e := range n.entries {
		if e.key != key {
			out.entries = append(out.entries, e)
		}
	}
	return &out
}

// keyList formats names for "allowed: ..." messages.
func keyList(names []string) string { return strings.Join(names, ", ") }
