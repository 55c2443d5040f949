package scenario

import (
	"reflect"
	"testing"
	"testing/fstest"
)

// TestEveryParamHasALimit walks the format's types and checks that every
// Param and Schedule is either a share (bounded by 1) or has a physical
// limit, so that a new field cannot reach the engines unbounded.
func TestEveryParamHasALimit(t *testing.T) {
	var walkType func(t0 reflect.Type, path string)
	n := 0
	walkType = func(t0 reflect.Type, path string) {
		for _, f := range fieldsOf(t0) {
			ft := t0.FieldByIndex(f.index).Type
			child := join(path, f.name)
			switch {
			case ft == paramType || ft == scheduleType:
				n++
				if _, ok := limitOf(f.name); !ok && !isShare(f.name) {
					t.Errorf("%s: neither a share nor in the limits table", child)
				}
			case ft.Kind() == reflect.Struct && ft != monthType && ft != dateType:
				walkType(ft, child)
			case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
				walkType(ft.Elem(), child+"[]")
			}
		}
	}
	walkType(reflect.TypeFor[Scenario](), "")
	if n < 80 {
		t.Fatalf("walked only %d parameters; the walk is broken", n)
	}
}

func TestParamKey(t *testing.T) {
	for path, want := range map[string]string{
		"capacities.judges.target[0].value":  "target",
		"inflows.border_encounters[3].value": "border_encounters",
		"population.at_large":                "at_large",
		"countries[2].monthly_cap":           "monthly_cap",
		"months":                             "months",
	} {
		if got := paramKey(path); got != want {
			t.Errorf("paramKey(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestLoadWithExtends covers the extends forms LoadWith accepts beyond
// relative paths: absolute paths in a file system rooted at "/", and
// builtin:NAME.
func TestLoadWithExtends(t *testing.T) {
	small := []byte("name: base\n")
	fsys := fstest.MapFS{
		"abs/base.yaml":      {Data: small},
		"dir/abs.yaml":       {Data: []byte("extends: /abs/base.yaml\n")},
		"dir/builtin.yaml":   {Data: []byte("extends: builtin:base\n")},
		"dir/url.yaml":       {Data: []byte("extends: http://example.com/base.yaml\n")},
		"dir/badname.yaml":   {Data: []byte("extends: \"builtin:\"\n")},
		"dir/nobuiltin.yaml": {Data: []byte("extends: builtin:nope\n")},
	}
	builtin := fstest.MapFS{
		"base.yaml":    {Data: small},
		"sub/var.yaml": {Data: []byte("extends: ../base.yaml\n")},
		"sub/out.yaml": {Data: []byte("extends: ../../x.yaml\n")},
	}
	tests := []struct {
		name    string
		opts    LoadOptions
		wantMsg string // "" when the only errors are the base's missing keys
	}{
		{"dir/abs.yaml", LoadOptions{RootedAtSlash: true}, ""},
		{"dir/abs.yaml", LoadOptions{}, `extends: "/abs/base.yaml" is an absolute path, which is not accepted here; use a path relative to this file or builtin:NAME`},
		{"dir/builtin.yaml", LoadOptions{Builtin: builtin}, ""},
		{"dir/builtin.yaml", LoadOptions{}, `extends: "builtin:base": built-in scenarios are not available here`},
		{"builtin:sub/var", LoadOptions{Builtin: builtin}, ""},
		{"builtin:sub/out", LoadOptions{Builtin: builtin}, `extends: "../../x.yaml" is outside the built-in scenarios`},
		{"dir/url.yaml", LoadOptions{RootedAtSlash: true}, `extends: "http://example.com/base.yaml" is an address; extends takes a file path (relative to this file, or absolute) or builtin:NAME`},
		{"dir/badname.yaml", LoadOptions{Builtin: builtin}, `extends: "builtin:": want builtin:NAME with NAME a shipped scenario such as baseline-2025 or policy-variants/doubled-judges`},
		{"dir/nobuiltin.yaml", LoadOptions{Builtin: builtin}, `extends: cannot read builtin:nope: no such built-in scenario; the built-ins are base, sub/out, sub/var`},
	}
	for _, tt := range tests {
		_, err := LoadWith(fsys, tt.name, tt.opts)
		list, _ := err.(ErrorList)
		if len(list) == 0 {
			t.Fatalf("%s: want errors (the base lacks required keys), got %v", tt.name, err)
		}
		first := list[0]
		if tt.wantMsg == "" {
			// The chain was followed: errors are about the base's content.
			for _, e := range list {
				if e.Code == Extends {
					t.Errorf("%s %+v: extends not followed: %v", tt.name, tt.opts, e)
				}
			}
			continue
		}
		if got := first.Path + ": " + first.Msg; got != tt.wantMsg || first.Line != 1 || first.Col != 10 {
			t.Errorf("%s %+v:\n got %d:%d: %s\nwant 1:10: %s", tt.name, tt.opts, first.Line, first.Col, got, tt.wantMsg)
		}
	}
}
