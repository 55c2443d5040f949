//go:build tools

// Package tools pins the modules the project depends on before every
// package that uses them exists, so parallel work shares one go.mod.
package tools

import (
	_ "github.com/goccy/go-yaml"
	_ "github.com/invopop/jsonschema"
	_ "github.com/spf13/cobra"
	_ "gonum.org/v1/gonum/optimize"
	_ "gonum.org/v1/gonum/stat"
	_ "gonum.org/v1/plot"
)
