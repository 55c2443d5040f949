package model

import (
	"testing"

	"github.com/removalsim/removalsim/procedure"
)

// TestSlots checks the destination slot layout both engines share on a
// model of two groups, one by land.
func TestSlots(t *testing.T) {
	m := &Model{Groups: []Group{{Name: "a", NeedsFlight: true}, {Name: "b"}}}
	if m.NumSlots() != 6 {
		t.Fatalf("NumSlots = %d, want 6", m.NumSlots())
	}
	for _, c := range []struct {
		slot  int
		mark  procedure.Mark
		third bool
		air   bool
		dest  procedure.DestinationClass
	}{
		{0, procedure.Keep, true, true, procedure.Citizenship},
		{1, procedure.Keep, false, true, procedure.Citizenship},
		{2, procedure.Keep, false, false, procedure.Citizenship},
		{3, procedure.ThirdAssured, true, true, procedure.ThirdCountry},
		{4, procedure.ThirdAfterNotice, true, true, procedure.ThirdCountry},
		{5, procedure.ThirdWithoutNotice, true, true, procedure.ThirdCountry},
	} {
		if got := m.SlotMark(c.slot); got != c.mark {
			t.Errorf("SlotMark(%d) = %d, want %d", c.slot, got, c.mark)
		}
		if c.mark >= procedure.ThirdAssured && m.MarkSlot(c.mark) != c.slot {
			t.Errorf("MarkSlot(%d) = %d, want %d", c.mark, m.MarkSlot(c.mark), c.slot)
		}
		if m.Third(c.slot) != c.third || m.ByAir(c.slot) != c.air || m.Destination(c.slot) != c.dest {
			t.Errorf("slot %d: third %v air %v dest %v", c.slot, m.Third(c.slot), m.ByAir(c.slot), m.Destination(c.slot))
		}
	}
	if m.MarkSlot(procedure.Unknown) != 0 || m.MarkSlot(procedure.Keep) != KeepSlot || m.MarkSlot(procedure.CountryGroup) != KeepSlot {
		t.Error("MarkSlot of Unknown, Keep, CountryGroup")
	}
}
