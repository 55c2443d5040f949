package scenario

// Study holds a published cost study's figures, for the presets of
// scenarios/studies/ and `removalsim study`: the rate of removals its
// figures are for, its yearly costs by category at that rate, its other
// headline figures and the unit costs it publishes. Each is a Param, so
// each cites the study. Money is in the study's dollars (PriceYear).
// Every field is optional; a zero figure was not published.
type Study struct {
	// Title names the study.
	Title string `yaml:"title,omitempty" json:"title,omitempty"`
	// PriceYear is the year of the study's dollars.
	PriceYear int `yaml:"price_year,omitempty" json:"price_year,omitempty"`
	// RemovalsPerYear is the rate the yearly figures are for.
	RemovalsPerYear Param `yaml:"removals_per_year,omitempty" json:"removals_per_year,omitempty"`
	// People is the population the study's operation removes (for its
	// one-time cost and duration).
	People Param `yaml:"people,omitempty" json:"people,omitempty"`
	// Yearly costs at RemovalsPerYear by category: arrests
	// (apprehension), detention (with ATD), legal processing, transport
	// (removal), and other (what the study counts beyond removal, such as
	// continuing border enforcement, or does not itemise).
	ArrestsUSD   Param `yaml:"arrests_usd,omitempty" json:"arrests_usd,omitempty"`
	DetentionUSD Param `yaml:"detention_usd,omitempty" json:"detention_usd,omitempty"`
	LegalUSD     Param `yaml:"legal_usd,omitempty" json:"legal_usd,omitempty"`
	TransportUSD Param `yaml:"transport_usd,omitempty" json:"transport_usd,omitempty"`
	OtherUSD     Param `yaml:"other_usd,omitempty" json:"other_usd,omitempty"`
	// OneTimeUSD is the cost of the study's one-time operation removing
	// all of People at once.
	OneTimeUSD Param `yaml:"one_time_usd,omitempty" json:"one_time_usd,omitempty"`
	// Beds, Officers and Judges are the capacities the study says its
	// operation needs; DurationYears how long it takes.
	Beds          Param `yaml:"beds,omitempty" json:"beds,omitempty"`
	Officers      Param `yaml:"officers,omitempty" json:"officers,omitempty"`
	Judges        Param `yaml:"judges,omitempty" json:"judges,omitempty"`
	DurationYears Param `yaml:"duration_years,omitempty" json:"duration_years,omitempty"`
	// Unit costs and quantities the study publishes, which split its
	// arrest and detention costs into price and quantity: the cost of an
	// arrest and arrests per removal; the cost of a detention day and
	// days detained per removal.
	CostPerArrest           Param `yaml:"cost_per_arrest,omitempty" json:"cost_per_arrest,omitempty"`
	ArrestsPerRemoval       Param `yaml:"arrests_per_removal,omitempty" json:"arrests_per_removal,omitempty"`
	CostPerDetentionDay     Param `yaml:"cost_per_detention_day,omitempty" json:"cost_per_detention_day,omitempty"`
	DetentionDaysPerRemoval Param `yaml:"detention_days_per_removal,omitempty" json:"detention_days_per_removal,omitempty"`
}
