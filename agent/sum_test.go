package agent

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/removalsim/removalsim/result"
)

// notSummed are the fields of result.Result a replication does not
// average: the combiner computes or copies them.
var notSummed = map[string]bool{"Bands": true, "AnnualBands": true, "Bottlenecks": true, "Sources": true}

// fill sets every number reachable from v to a random non-zero value,
// every string to a label, and gives slices two elements and maps two
// keys. The test uses reflection so that the engine need not.
func fill(v reflect.Value, rng *rand.Rand, top bool) {
	switch v.Kind() {
	case reflect.Float64:
		v.SetFloat(1 + float64(rng.IntN(1000)))
	case reflect.Int, reflect.Uint64:
		if v.CanInt() {
			v.SetInt(int64(1 + rng.IntN(9)))
		} else {
			v.SetUint(uint64(1 + rng.IntN(9)))
		}
	case reflect.String:
		v.SetString("s")
	case reflect.Struct:
		for i := range v.NumField() {
			if top && notSummed[v.Type().Field(i).Name] {
				continue
			}
			fill(v.Field(i), rng, false)
		}
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), rng, false)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for _, k := range []string{"a", "b"} {
			x := reflect.New(v.Type().Elem()).Elem()
			fill(x, rng, false)
			v.SetMapIndex(reflect.ValueOf(k), x)
		}
	}
}

// TestAddResultCoversEveryField fills every field of a result, sums it
// twice into an empty one and halves the sum: anything addResult or
// scaleResult leaves out (a field added to result.Result later, say)
// comes back different.
func TestAddResultCoversEveryField(t *testing.T) {
	var src result.Result
	fill(reflect.ValueOf(&src).Elem(), rand.New(rand.NewPCG(1, 2)), true)
	var sum result.Result
	addResult(&sum, &src)
	addResult(&sum, &src)
	scaleResult(&sum, 2)
	if !reflect.DeepEqual(sum, src) {
		t.Errorf("sum of two copies, halved, differs from the original:\n got %+v\nwant %+v", sum, src)
	}
}
