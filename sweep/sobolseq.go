package sweep

// The Sobol' low-discrepancy sequence in base 2, with Joe and Kuo's
// direction numbers (S. Joe and F. Y. Kuo, "Constructing Sobol sequences
// with better two-dimensional projections", SIAM J. Sci. Comput. 30,
// 2635–2654, 2008; the table new-joe-kuo-6.21201), dimensions 2 to 37.
// Dimension 1 is van der Corput's sequence and needs none. Points are
// generated in Gray-code order (Antonov and Saleev), unscrambled, from
// index 0 (the origin), as SciPy's qmc.Sobol(scramble=False) does.

// joeKuo holds, for dimensions 2 to 37, the degree s of the primitive
// polynomial, its coefficients a, and the initial direction numbers m.
var joeKuo = [...]struct {
	s, a uint32
	m    []uint32
}{
	{1, 0, []uint32{1}},
	{2, 1, []uint32{1, 3}},
	{3, 1, []uint32{1, 3, 1}},
	{3, 2, []uint32{1, 1, 1}},
	{4, 1, []uint32{1, 1, 3, 3}},
	{4, 4, []uint32{1, 3, 5, 13}},
	{5, 2, []uint32{1, 1, 5, 5, 17}},
	{5, 4, []uint32{1, 1, 5, 5, 5}},
	{5, 7, []uint32{1, 1, 7, 11, 19}},
	{5, 11, []uint32{1, 1, 5, 1, 1}},
	{5, 13, []uint32{1, 1, 1, 3, 11}},
	{5, 14, []uint32{1, 3, 5, 5, 31}},
	{6, 1, []uint32{1, 3, 3, 9, 7, 49}},
	{6, 13, []uint32{1, 1, 1, 15, 21, 21}},
	{6, 16, []uint32{1, 3, 1, 13, 27, 49}},
	{6, 19, []uint32{1, 1, 1, 15, 7, 5}},
	{6, 22, []uint32{1, 3, 1, 15, 13, 25}},
	{6, 25, []uint32{1, 1, 5, 5, 19, 61}},
	{7, 1, []uint32{1, 3, 7, 11, 23, 15, 103}},
	{7, 4, []uint32{1, 3, 7, 13, 13, 15, 69}},
	{7, 7, []uint32{1, 1, 3, 13, 7, 35, 63}},
	{7, 8, []uint32{1, 3, 5, 9, 1, 25, 53}},
	{7, 14, []uint32{1, 3, 1, 13, 9, 35, 107}},
	{7, 19, []uint32{1, 3, 1, 5, 27, 61, 31}},
	{7, 21, []uint32{1, 1, 5, 11, 19, 41, 61}},
	{7, 28, []uint32{1, 3, 5, 3, 3, 13, 69}},
	{7, 31, []uint32{1, 1, 7, 13, 1, 19, 1}},
	{7, 32, []uint32{1, 3, 7, 5, 13, 19, 59}},
	{7, 37, []uint32{1, 1, 3, 9, 25, 29, 41}},
	{7, 41, []uint32{1, 3, 5, 13, 23, 1, 55}},
	{7, 42, []uint32{1, 3, 7, 3, 13, 59, 17}},
	{7, 50, []uint32{1, 3, 1, 3, 5, 53, 69}},
	{7, 55, []uint32{1, 1, 5, 5, 23, 33, 13}},
	{7, 56, []uint32{1, 1, 7, 7, 1, 61, 123}},
	{7, 59, []uint32{1, 1, 7, 9, 13, 61, 49}},
	{7, 62, []uint32{1, 3, 3, 5, 3, 55, 33}},
}

// maxSobolDims is the most dimensions the table supports.
const maxSobolDims = len(joeKuo) + 1

// sobolBits is the precision of the points: 2^32 of them are distinct.
const sobolBits = 32

// sobolPoints returns the first n points of the d-dimensional sequence
// (d <= maxSobolDims, n <= 2^32), each coordinate in [0, 1).
func sobolPoints(n, d int) [][]float64 {
	v := make([][sobolBits]uint32, d)
	for i := range sobolBits {
		v[0][i] = 1 << (sobolBits - 1 - i)
	}
	for j := 1; j < d; j++ {
		jk := joeKuo[j-1]
		s := int(jk.s)
		for i := 0; i < s && i < sobolBits; i++ {
			v[j][i] = jk.m[i] << (sobolBits - 1 - i)
		}
		for i := s; i < sobolBits; i++ {
			x := v[j][i-s] ^ v[j][i-s]>>uint(s)
			for k := 1; k < s; k++ {
				x ^= (jk.a >> uint(s-1-k) & 1) * v[j][i-k]
			}
			v[j][i] = x
		}
	}
	out := make([][]float64, n)
	x := make([]uint32, d)
	for i := range n {
		p := make([]float64, d)
		for j := range d {
			p[j] = float64(x[j]) / (1 << sobolBits)
		}
		out[i] = p
		// The next point flips the direction number of the lowest zero
		// bit of i (Gray-code order).
		c := 0
		for b := uint64(i); b&1 == 1; b >>= 1 {
			c++
		}
		if c >= sobolBits {
			break
		}
		for j := range d {
			x[j] ^= v[j][c]
		}
	}
	return out
}
