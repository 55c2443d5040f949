package procedure

// Pathway is the route by which a case entered the removal pipeline. It is
// fixed at arrest (or border apprehension) and labels the removal.
type Pathway uint8

// The pathways of DESIGN.md "Pathways to removal". Third-country removal
// is a destination class, not a pathway: any pathway may end in one.
const (
	// BorderExpedited is expedited removal of a border apprehension,
	// without a hearing unless fear is claimed.
	BorderExpedited Pathway = iota
	// InteriorExpedited is expedited removal of an interior arrest not
	// entitled to a hearing.
	InteriorExpedited
	// InteriorFinalOrder is the arrest of a person who already holds a
	// final order of removal.
	InteriorFinalOrder
	// InteriorCourt is an interior arrest without an order: notice to
	// appear, detained docket, order, appeal, removal.
	InteriorCourt
	// SpecialAuthority is removal under an authority that courts may block
	// (e.g. the Alien Enemies Act), without a hearing.
	SpecialAuthority
	// NumPathways is the number of pathways.
	NumPathways
)

var pathwayNames = [NumPathways]string{
	"border_expedited", "interior_expedited", "interior_final_order", "interior_court", "special_authority",
}

// String returns the pathway's name as written in scenarios and reports.
func (p Pathway) String() string { return nameOf(pathwayNames[:], p) }

// WithoutHearing reports whether people of pathway p are removed without
// a judge hearing their case (expedited removal, special authorities).
func (p Pathway) WithoutHearing() bool {
	return p == BorderExpedited || p == InteriorExpedited || p == SpecialAuthority
}

// Admission returns the transition an arrested person of pathway p takes
// when a bed frees: court cases to the detained docket, fear claimants to
// a screening, the others to a travel document.
func Admission(p Pathway, claimsFear bool) TransitionID {
	switch {
	case p == InteriorCourt:
		return AdmitToDocket
	case claimsFear:
		return AdmitToFearScreening
	case p == SpecialAuthority:
		return AdmitSpecialAuthority
	}
	return AdmitWithOrder
}

// BedWaitRelease returns the transition of an arrested person of pathway
// p who finds no bed within the wait: back to the final-order docket
// with an order, on ATD without one.
func BedWaitRelease(p Pathway) TransitionID {
	if p == InteriorFinalOrder {
		return BedWaitToFinalOrder
	}
	return BedWaitToATD
}

// PathwayNames lists the pathway names in order.
func PathwayNames() []string { return pathwayNames[:] }

// ParsePathway returns the pathway with the given name.
func ParsePathway(name string) (Pathway, bool) { return parseName[Pathway](pathwayNames[:], name) }

// DestinationClass says whether a removal goes to the person's country of
// citizenship or to a third country.
type DestinationClass uint8

const (
	// Citizenship is removal to the country of citizenship.
	Citizenship DestinationClass = iota
	// ThirdCountry is removal to a country that agreed to take
	// non-citizens.
	ThirdCountry
	// NumDestinationClasses is the number of destination classes.
	NumDestinationClasses
)

var destinationNames = [NumDestinationClasses]string{"citizenship", "third_country"}

// String returns the class's name as written in scenarios and reports.
func (d DestinationClass) String() string { return nameOf(destinationNames[:], d) }

// DestinationNames lists the destination class names in order.
func DestinationNames() []string { return destinationNames[:] }

// ParseDestination returns the destination class with the given name.
func ParseDestination(name string) (DestinationClass, bool) {
	return parseName[DestinationClass](destinationNames[:], name)
}

// nameOf returns names[v], or "unknown" for a value out of range: the
// String method of every enumeration here.
func nameOf[T ~uint8](names []string, v T) string {
	if int(v) < len(names) {
		return names[v]
	}
	return "unknown"
}

// parseName returns the value whose name is name: the Parse function of
// every enumeration here.
func parseName[T ~uint8](names []string, name string) (T, bool) {
	for i, n := range names {
		if n == name {
			return T(i), true
		}
	}
	return 0, false
}
