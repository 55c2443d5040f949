package tidy

import (
	"bytes"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/removalsim/removalsim/result"
)

// tiny is a hand-built two-month result with one band.
func tiny() *result.Result {
	return &result.Result{
		Scenario: "tiny", Engine: "agent", Seed: 1, Runs: 2, Start: "2025-01", Months: 2,
		Monthly: []result.Month{
			{Month: "2025-01", Removals: 1200, Arrests: 1500.5, Binding: "detention_beds",
				Utilisation: map[string]float64{"detention_beds": 1}},
			{Month: "2025-02", Removals: 1300, Binding: "none"},
		},
		Bands:  map[string][]result.Band{"removals": {{Month: "2025-02", P05: 1100, P50: 1290, P95: 1500}}},
		Totals: result.Totals{Removals: 2500, CostPerRemovalUSD: 15000},
	}
}

// Result writes per month every number of the month, the binding
// capacity as an indicator and the bands; then the whole run's totals.
func ExampleResult() {
	rows := Result(tiny())
	var keep []Row
	for _, r := range rows {
		if r.Value != 0 { // the example leaves out the zero fields
			keep = append(keep, r)
		}
	}
	if err := WriteCSV(os.Stdout, keep); err != nil {
		panic(err)
	}
	// Output:
	// scenario,engine,band,metric,unit,period,value
	// tiny,agent,mean,arrests,persons,2025-01,1500.5
	// tiny,agent,mean,binding.detention_beds,indicator,2025-01,1
	// tiny,agent,mean,removals,persons,2025-01,1200
	// tiny,agent,mean,utilisation.detention_beds,share,2025-01,1
	// tiny,agent,mean,removals,persons,2025-02,1300
	// tiny,agent,p05,removals,persons,2025-02,1100
	// tiny,agent,p50,removals,persons,2025-02,1290
	// tiny,agent,p95,removals,persons,2025-02,1500
	// tiny,agent,mean,cost_per_removal_usd,usd_per_person,2025-01/2025-02,15000
	// tiny,agent,mean,removals,persons,2025-01/2025-02,2500
}

func TestUnit(t *testing.T) {
	for metric, want := range map[string]string{
		"removals":                                  "persons",
		"utilisation.flights":                       "share",
		"capacity.detention_beds":                   "beds",
		"capacity.something_new":                    "units",
		"cost_by_item.detention":                    "usd",
		"cost_per_removal_usd":                      "usd_per_person",
		"time_to_removal_days.interior_court.p50":   "days",
		"time_to_removal_days.interior_court.count": "persons",
		"detention.mean_length_of_stay_days":        "days",
		"binding.officers":                          "indicator",
		"bottleneck.marginal.judges":                "persons_per_unit",
		"limit_per_year.officers":                   "persons_per_year",
		"added.officers":                            "officers",
		"flows.arrested->detained_docket":           "persons",
	} {
		if got := Unit(metric); got != want {
			t.Errorf("Unit(%q) = %q, want %q", metric, got, want)
		}
	}
}

func TestWritersRefuseNonFinite(t *testing.T) {
	r := tiny()
	r.Monthly[1].Removals = math.NaN()
	rows := Result(r)
	var b bytes.Buffer
	if err := WriteCSV(&b, rows); err == nil || !strings.Contains(err.Error(), "removals 2025-02 is NaN") || b.Len() != 0 {
		t.Errorf("WriteCSV: err %v, %d bytes written", err, b.Len())
	}
	if err := WriteParquet(&b, rows, nil); err == nil || b.Len() != 0 {
		t.Errorf("WriteParquet: err %v, %d bytes written", err, b.Len())
	}
}

func TestParquetRoundTrip(t *testing.T) {
	rows := Result(tiny())
	var b bytes.Buffer
	if err := WriteParquet(&b, rows, map[string]string{"removalsim.manifest": `{"tool":"removalsim"}`}); err != nil {
		t.Fatal(err)
	}
	back, err := ReadParquet(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != len(rows) {
		t.Fatalf("read %d rows, wrote %d", len(back), len(rows))
	}
	for i := range rows {
		if back[i] != rows[i] {
			t.Errorf("row %d: read %+v, wrote %+v", i, back[i], rows[i])
		}
	}
	if !bytes.Contains(b.Bytes(), []byte(`{"tool":"removalsim"}`)) {
		t.Error("metadata not in the file")
	}
}
