package flow

import (
	"os"
	"testing"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

func BenchmarkZZSteps(b *testing.B) {
	s, _ := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	s.Months = 120
	m, _ := model.Compile(s)
	for b.Loop() {
		e := newEngine(m)
		for k := 0; k < m.Steps; k++ {
			e.step(k)
		}
	}
}
