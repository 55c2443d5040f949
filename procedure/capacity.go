package procedure

// Capacity names a limited resource of the procedure. Capacities drive
// the transitions out of the queue states (see Network) and are addressed
// by name everywhere — model, plan, bottleneck, tally and reports — so
// adding one is a change here plus its scenario field and its compiled
// series.
type Capacity uint8

// The capacities. The first NumLevels have a staffing or contract level
// that grows by hiring (model.Level); third-country slots and country
// caps are agreements, and the custodial pool is local cooperation, not
// purchased units.
const (
	// Officers limit interior arrests.
	Officers Capacity = iota
	// Beds limit detention (the bed queue is Arrested).
	Beds
	// Flights limit removals by air (seats per step).
	Flights
	// Land limits removals by land.
	Land
	// Judges decide court cases.
	Judges
	// AsylumOfficers screen credible-fear and third-country claims.
	AsylumOfficers
	// ThirdCountrySlots are places under third-country agreements.
	ThirdCountrySlots
	// CountryCaps are countries' monthly acceptance caps.
	CountryCaps
	// CustodialPool is the flow of removable people booked into
	// cooperating jails each month: custodial transfers cannot exceed it.
	CustodialPool
	// NumCapacities is the number of capacities.
	NumCapacities
)

// NumLevels is the number of capacities with a purchasable level:
// Officers through AsylumOfficers.
const NumLevels = int(ThirdCountrySlots)

var capacityNames = [NumCapacities]string{
	"officers", "detention_beds", "flights", "land_removals", "judges", "asylum_officers", "third_country_slots", "country_caps", "custodial_pool",
}

// String returns the capacity's name as written in scenarios and reports.
func (c Capacity) String() string { return nameOf(capacityNames[:], c) }

// HasLevel reports whether c has a purchasable level (see NumLevels).
func (c Capacity) HasLevel() bool { return int(c) < NumLevels }

// CapacityNames lists the capacity names in order.
func CapacityNames() []string { return capacityNames[:] }

// LevelNames lists the names of the capacities with a level, in order.
func LevelNames() []string { return capacityNames[:NumLevels] }

// ParseCapacity returns the capacity with the given name.
func ParseCapacity(name string) (Capacity, bool) { return parseName[Capacity](capacityNames[:], name) }

// queueStates are the states whose people wait for each capacity.
var queueStates = [NumCapacities][]State{
	Beds:              {Arrested},
	Flights:           {AwaitingFlight},
	Land:              {AwaitingLand},
	Judges:            {CourtQueue},
	AsylumOfficers:    {FearScreening, ThirdCountryScreening},
	ThirdCountrySlots: {ThirdCountryDesignation},
	CountryCaps:       {CountryQueue},
}

// Queues returns the states whose people wait for c (none for officers
// and the custodial pool, which arrest from counted stocks).
func (c Capacity) Queues() []State { return queueStates[c] }
