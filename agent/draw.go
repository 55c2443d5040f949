package agent

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/removalsim/removalsim/model"
	"github.com/removalsim/removalsim/procedure"
)

// draws holds one random stream. Uniforms come straight from the PCG (no
// interface call); normals from rand.Rand over the same PCG, so the
// stream stays one sequence fixed by its (seed, key).
type draws struct {
	pcg *rand.PCG
	r   *rand.Rand
}

func newDraws(seed, stream uint64) draws {
	p := rand.NewPCG(seed, stream)
	return draws{pcg: p, r: rand.New(p)}
}

// u returns a uniform number in [0, 1).
func (d *draws) u() float64 { return float64(d.pcg.Uint64()>>11) * 0x1p-53 }

// uOpen returns a uniform number in (0, 1], safe for log.
func (d *draws) uOpen() float64 { return float64(d.pcg.Uint64()>>11+1) * 0x1p-53 }

// bernoulli reports true with probability p.
func (d *draws) bernoulli(p float64) bool { return d.u() < p }

// never is the delay returned when a stage is never left (p = 0).
const never = math.MaxInt32

// delay is a stage's per-step leaving probability p with what drawing
// its geometric delay needs: scale = −1/log(1−p), precomputed so a draw
// multiplies rather than divides.
type delay struct{ p, scale float64 }

func newDelay(p float64) delay {
	if p <= 0 || p >= 1 {
		return delay{p: p}
	}
	return delay{p: p, scale: -1 / math.Log1p(-p)}
}

// geometric returns the number of steps until a stage of delay dl is
// left: 1 with probability p, k with probability p(1−p)^(k−1). p ≥ 1
// gives 1, p ≤ 0 never.
func (d *draws) geometric(dl delay) int {
	if dl.p >= 1 {
		return 1
	}
	if dl.p <= 0 {
		return never
	}
	// P(G > k) = (1−p)^k = exp(k·log(1−p)), so G − 1 = floor(E·scale)
	// for E exponential of mean 1.
	g := 1 + math.Floor(d.exp()*dl.scale)
	if g >= never {
		return never
	}
	return int(g)
}

// exp returns an exponential number of mean 1, by Marsaglia and Tsang's
// ziggurat (as math/rand's ExpFloat64, with the tables in float64 and
// the bits straight from the PCG): one 64-bit draw and a multiplication
// on about 99% of the calls, no logarithm.
func (d *draws) exp() float64 {
	for {
		u := d.pcg.Uint64()
		j, i := uint32(u), uint8(u>>32)
		x := float64(j) * zig.w[i]
		if j < zig.k[i] {
			return x
		}
		if i == 0 {
			return zigR - math.Log(d.uOpen()) // the tail beyond zigR
		}
		if zig.f[i]+d.u()*(zig.f[i-1]-zig.f[i]) < math.Exp(-x) {
			return x
		}
	}
}

// zigR is where the ziggurat's base layer ends and its tail begins, and
// zigV each layer's area, for 256 layers (Marsaglia and Tsang 2000).
const (
	zigR = 7.69711747013104972
	zigV = 3.949659822581572e-3
)

// zig holds the ziggurat's layers: k[i] the fraction of layer i (×2³²)
// under the density at every abscissa, w[i] its width (÷2³²), f[i] the
// density at its edge.
var zig = func() (t struct {
	k    [256]uint32
	w, f [256]float64
}) {
	const m = 1 << 32
	de, te := zigR, zigR
	q := zigV / math.Exp(-de)
	t.k[0], t.k[1] = uint32(de/q*m), 0
	t.w[0], t.w[255] = q/m, de/m
	t.f[0], t.f[255] = 1, math.Exp(-de)
	for i := 254; i >= 1; i-- {
		de = -math.Log(zigV/de + math.Exp(-de))
		t.k[i+1] = uint32(de / te * m)
		te = de
		t.f[i] = math.Exp(-de)
		t.w[i] = de / m
	}
	return t
}()

// largeMean is the mean from which Poisson and binomial counts are drawn
// from their normal approximation (rounded, clamped): at a mean of 30 the
// approximation's error in any probability is under about 1%, and its
// mean is exact to far below one person, which is what the engines'
// agreement needs.
const largeMean = 30

// normalCount returns round(mean + sd·Z) clamped to [0, max].
func (d *draws) normalCount(mean, sd float64, max int64) int64 {
	x := math.Round(mean + sd*d.r.NormFloat64())
	if x < 0 {
		return 0
	}
	if x > float64(max) {
		return max
	}
	return int64(x)
}

// poisson returns a Poisson count of mean lambda: by inversion below
// largeMean, else by the normal approximation.
func (d *draws) poisson(lambda float64) int64 {
	if lambda <= 0 {
		return 0
	}
	if lambda >= largeMean {
		return d.normalCount(lambda, math.Sqrt(lambda), math.MaxInt64)
	}
	u := d.u()
	p := math.Exp(-lambda)
	f := p
	k := int64(0)
	for u > f && p > 0 {
		k++
		p *= lambda / float64(k)
		f += p
	}
	return k
}

// binomial returns the number of successes in n trials of probability p:
// exactly, by skipping over failures with geometric gaps, when the mean is
// below largeMean; else by the normal approximation.
func (d *draws) binomial(n int64, p float64) int64 {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	case p > 0.5:
		return n - d.binomial(n, 1-p)
	}
	mean := float64(n) * p
	if mean >= largeMean {
		return d.normalCount(mean, math.Sqrt(mean*(1-p)), n)
	}
	dl := newDelay(p)
	var k, pos int64
	for {
		pos += int64(d.geometric(dl))
		if pos > n {
			return k
		}
		k++
	}
}

// multinomial draws how many of n trials fall in each category, of
// probabilities p (summing to 1; the last category takes what is left),
// into out: by successive binomials, out[i] ~ Bin(n − Σ_{j<i} out[j],
// p[i] / (1 − Σ_{j<i} p[j])), which has the multinomial law. One draw per
// category instead of one per trial: the engine routes counted people in
// aggregate wherever their routes do not depend on who they are.
func (d *draws) multinomial(n int64, p []float64, out []int64) {
	left := 1.0
	for i := range p {
		if i == len(p)-1 {
			out[i] = n
			return
		}
		var x int64
		if left > 0 {
			x = d.binomial(n, math.Min(1, p[i]/left))
		}
		out[i] = x
		n -= x
		left -= p[i]
	}
}

// choose returns the transition of one branch of dec, drawn by the
// branches' shares (the last when rounding leaves the draw above their
// sum).
func (d *draws) choose(dec model.Decision) procedure.TransitionID {
	u := d.u()
	for _, b := range dec {
		if u < b.Share {
			return b.T
		}
		u -= b.Share
	}
	return dec[len(dec)-1].T
}

// pick returns the index i of the first cumulative share cum[i] above a
// uniform draw; the last index when the shares sum to less than the draw
// (shares are validated to sum to one).
func (d *draws) pick(cum []float64) int {
	u := d.u()
	for i, c := range cum {
		if u < c {
			return i
		}
	}
	return len(cum) - 1
}

// shuffle puts a in a uniformly random order (Fisher–Yates). Each index
// below a bound b is drawn by Lemire's multiply-and-reject from 32
// random bits, two to a 64-bit draw: no division and half the
// generator's calls of a 64-bit draw per index.
func (d *draws) shuffle(a []ref) {
	if len(a) > math.MaxUint32 {
		for i := len(a) - 1; i > 0; i-- {
			j := d.pcg.Uint64() % uint64(i+1)
			a[i], a[j] = a[j], a[i]
		}
		return
	}
	var buf uint64
	halves := 0
	for i := len(a) - 1; i > 0; i-- {
		b := uint32(i + 1)
		var m uint64
		for {
			if halves == 0 {
				buf, halves = d.pcg.Uint64(), 2
			}
			m = (buf & math.MaxUint32) * uint64(b)
			buf >>= 32
			halves--
			// Reject the low products that would make some indices
			// more likely: those below 2^32 mod b.
			if uint32(m) >= b || uint32(m) >= -b%b {
				break
			}
		}
		j := m >> 32
		a[i], a[j] = a[j], a[i]
	}
}

// pickRest is pick that also returns where the draw fell within the
// chosen share, (u − cum[i−1]) / (cum[i] − cum[i−1]): a uniform number
// in [0, 1) independent of i, for a second choice that needs no draw of
// its own (a fresh draw when the shares sum to less than u).
func (d *draws) pickRest(cum []float64) (int, float64) {
	u, lo := d.u(), 0.0
	for i, c := range cum {
		if u < c {
			return i, (u - lo) / (c - lo)
		}
		lo = c
	}
	return len(cum) - 1, d.u()
}

// cumulative returns the running sums of shares.
func cumulative(shares ...float64) []float64 {
	out := make([]float64, len(shares))
	s := 0.0
	for i, x := range shares {
		s += x
		out[i] = s
	}
	return out
}

// largestRemainder sets out to n whole people apportioned by shares
// (normalised by their sum): each its share's whole part, then one more
// to each of those with the largest remainders, earlier groups first on
// ties, until out sums to n; all zero when no share is positive.
// Rounding each share alone could miss n by up to half the groups.
func largestRemainder(n int64, shares []float64, out []int64) {
	clear(out)
	sum := 0.0
	for _, p := range shares {
		sum += max(0, p)
	}
	if n <= 0 || sum <= 0 {
		return
	}
	rem := make([]float64, len(shares))
	left := n
	for i, p := range shares {
		q := float64(n) * max(0, p) / sum
		out[i] = min(int64(q), left)
		rem[i] = q - float64(out[i])
		left -= out[i]
	}
	var order []int
	for i, p := range shares {
		if p > 0 {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(rem[b], rem[a]) })
	for i := 0; left > 0; i = (i + 1) % len(order) {
		out[order[i]]++
		left--
	}
}
