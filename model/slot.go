package model

import "github.com/removalsim/removalsim/procedure"

// Destination slots: one layout for both engines. Slot 0 is a case with
// no destination yet, 1..G the country groups in model order, then G+1
// third countries with assurances, G+2 third countries after notice and
// G+3 third countries without notice.

// NumSlots returns the number of destination slots.
func (m *Model) NumSlots() int { return len(m.Groups) + 4 }

// KeepSlot is MarkSlot's answer for a transition that keeps the case's
// slot or draws a country group.
const KeepSlot = -1

// MarkSlot returns the slot a transition's mark sets, or KeepSlot.
func (m *Model) MarkSlot(k procedure.Mark) int {
	switch k {
	case procedure.Unknown:
		return 0
	case procedure.ThirdAssured, procedure.ThirdAfterNotice, procedure.ThirdWithoutNotice:
		return len(m.Groups) + 1 + int(k-procedure.ThirdAssured)
	}
	return KeepSlot
}

// SlotMark returns the third-country mark of a slot, or procedure.Keep
// for a country group or no destination.
func (m *Model) SlotMark(slot int) procedure.Mark {
	if slot > len(m.Groups) {
		return procedure.ThirdAssured + procedure.Mark(slot-len(m.Groups)-1)
	}
	return procedure.Keep
}

// Third reports whether a slot is a third country's (or none yet, which
// the engines remove by air to a third country).
func (m *Model) Third(slot int) bool { return slot == 0 || slot > len(m.Groups) }

// ByAir reports whether a removal to a slot needs a flight: third
// countries do, country groups as the scenario says.
func (m *Model) ByAir(slot int) bool { return m.Third(slot) || m.Groups[slot-1].NeedsFlight }

// Destination returns a slot's destination class, for injunctions.
func (m *Model) Destination(slot int) procedure.DestinationClass {
	if slot > len(m.Groups) {
		return procedure.ThirdCountry
	}
	return procedure.Citizenship
}

// GroupShares returns the country groups' shares among the people who
// enter the procedure without a known group: border apprehensions by
// their border shares (border), everyone else — new entries and the
// stocks at the start — by their caseload shares. From then on each
// person keeps their group, counted or held as a case.
func (m *Model) GroupShares(border bool) []float64 {
	out := make([]float64, len(m.Groups))
	for i, g := range m.Groups {
		out[i] = g.CaseloadShare
		if border {
			out[i] = g.BorderShare
		}
	}
	return out
}
