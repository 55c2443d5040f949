package bottleneck

import (
	"os"
	"testing"

	"github.com/removalsim/removalsim/flow"
	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/scenario"
)

func baseline(t *testing.T, months int) *model.Model {
	t.Helper()
	s, err := scenario.Load(os.DirFS("../scenarios"), "baseline-2025.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Months = months
	m, err := model.Compile(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBaselineOfficersBind: in the baseline officers are fully used and
// beds are not, so an officer is worth removals and a bed almost none;
// asylum officers, mostly idle, are worth nothing. The analysis leaves
// the model unchanged.
func TestBaselineOfficersBind(t *testing.T) {
	m := baseline(t, 18)
	before := flow.Run(m).Totals.Removals
	months, err := Analyse(m, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(months) != 18 {
		t.Fatalf("%d months", len(months))
	}
	if after := flow.Run(m).Totals.Removals; after != before {
		t.Fatalf("model changed: removals %.3f then %.3f", before, after)
	}
	mo := months[6]
	get := func(name string) Cell {
		for _, c := range mo.Capacities {
			if c.Capacity == name {
				return c
			}
		}
		t.Fatalf("no %s", name)
		return Cell{}
	}
	off, bed, asy := get("officers"), get("detention_beds"), get("asylum_officers")
	t.Logf("%s binding %s best %s: officer %.2f (util %.2f), bed %.3f (util %.2f), asylum %.3f", mo.Month, mo.Binding, mo.Best, off.Marginal, off.Utilisation, bed.Marginal, bed.Utilisation, asy.Marginal)
	if !(off.Marginal > 1) {
		t.Errorf("officer marginal %.3f removals a year, want > 1", off.Marginal)
	}
	if !(bed.Marginal < 0.05*off.Marginal) || !(asy.Marginal < 0.05*off.Marginal) {
		t.Errorf("bed %.3f and asylum officer %.3f should be worth little next to an officer %.3f", bed.Marginal, asy.Marginal, off.Marginal)
	}
	if mo.Best != "officers" {
		t.Errorf("best %q, want officers", mo.Best)
	}
}

// TestDeterministicWorkers: the result does not depend on the workers.
func TestDeterministicWorkers(t *testing.T) {
	m := baseline(t, 4)
	a, err := Analyse(m, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Analyse(m, Options{Workers: 3})
	for i := range a {
		for j := range a[i].Capacities {
			if a[i].Capacities[j] != b[i].Capacities[j] {
				t.Fatalf("%v != %v", a[i].Capacities[j], b[i].Capacities[j])
			}
		}
	}
}
