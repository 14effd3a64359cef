package link

import (
	"errors"
	"math"
	"math/bits"
	"sort"
	"strconv"
	"sync"
)

// Distribution is the shape of the jitter, as netem's "distribution"
// option names it. Each one turns exactly one 64-bit random draw into a
// standard variate z (the delay is then Delay + Jitter·z), by inverting its
// cumulative distribution function. One draw per sample keeps the number of
// draws per packet fixed (see Link.Send). Only single IEEE 754 operations
// are used, each rounded on its own, never math.Exp, math.Log or math.Cbrt:
// the first two are assembly on amd64 (using FMA on some CPUs) and all
// three may have their multiply-adds fused on arm64, so they can round
// differently from the pure Go that runs under WebAssembly.
type Distribution uint8

const (
	// Uniform: z is uniform in [−1, 1), so the delay is uniform in
	// [Delay−Jitter, Delay+Jitter). netem's default.
	Uniform Distribution = iota
	// Normal: z is standard normal (mean 0, standard deviation 1), its
	// tails cut at ±8 (reached once in 10¹⁵ draws).
	Normal
	// Pareto: z is a Pareto variate with shape α = 3 (the shape of netem's
	// table) shifted and scaled to mean 0 and standard deviation 1, so
	// z ≥ −1/√3 with a heavy right tail, cut at maxVariate.
	Pareto
	// ParetoNormal: netem's blend, a quarter of the normal variate plus
	// three quarters of the Pareto one taken at the same quantile (netem's
	// table is built that way). Mean 0; its standard deviation is 0.885,
	// not 1 (the two parts are not perfectly correlated), as in netem.
	ParetoNormal
)

var distributionNames = [...]string{"uniform", "normal", "pareto", "paretonormal"}

// String returns netem's name for d.
func (d Distribution) String() string {
	if int(d) < len(distributionNames) {
		return distributionNames[d]
	}
	return "Distribution(" + strconv.Itoa(int(d)) + ")"
}

// ErrUnknownDistribution is returned by ParseDistribution for a name that
// netem does not have.
var ErrUnknownDistribution = errors.New("link: unknown distribution (want uniform, normal, pareto or paretonormal)")

// ParseDistribution returns the distribution netem calls name.
func ParseDistribution(name string) (Distribution, error) {
	for i, n := range distributionNames {
		if n == name {
			return Distribution(i), nil
		}
	}
	return 0, ErrUnknownDistribution
}

// MarshalText returns netem's name, for encoding/json.
func (d Distribution) MarshalText() ([]byte, error) {
	if int(d) >= len(distributionNames) {
		return nil, ErrUnknownDistribution
	}
	return []byte(d.String()), nil
}

// UnmarshalText parses netem's name, for encoding/json.
func (d *Distribution) UnmarshalText(b []byte) error {
	v, err := ParseDistribution(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// maxVariate caps the Pareto tail so that one packet cannot be held for
// hours: with Jitter 10 ms no packet is delayed by more than Delay + 160 ms.
// It cuts off less than 0.03 % of the Pareto distribution.
const maxVariate = 16

// unit turns a draw into a float64 uniform in [0, 1) with 53 random bits.
func unit(draw uint64) float64 { return float64(draw>>11) * 0x1p-53 }

// chance reports whether an event of probability p happens for this draw.
// p = 0 never happens and p = 1 always does.
func chance(draw uint64, p float64) bool { return unit(draw) < p }

// below returns a number in [0, n) from a draw, by the multiply-shift
// method: one draw whatever n is (math/rand's IntN may draw again), with a
// bias below n/2⁶⁴, far beneath anything a test could see.
func below(draw uint64, n uint64) uint64 {
	hi, _ := bits.Mul64(draw, n)
	return hi
}

// standardVariate returns z for the draw; not used for Uniform, which is
// done in integer nanoseconds.
func (d Distribution) standardVariate(draw uint64) float64 {
	u := unit(draw)
	switch d {
	case Normal:
		return normalQuantile(u)
	case Pareto:
		return paretoQuantile(u)
	default: // ParetoNormal
		return float64(0.25*normalQuantile(u)) + float64(0.75*paretoQuantile(u))
	}
}

// paretoQuantile inverts the CDF F(x) = 1 − x⁻³ (x ≥ 1) of the Pareto
// distribution with α = 3 and scale 1, whose mean is 3/2 and variance 3/4,
// and standardises the result.
func paretoQuantile(u float64) float64 {
	x := 1 / cbrtPortable(1-u) // 1−u is in (0, 1]
	z := (x - 1.5) / math.Sqrt(0.75)
	return min(z, maxVariate)
}

// The standard normal CDF Φ has no closed form, so it is tabulated once,
// on a grid of normalSteps intervals over [−normalLimit, normalLimit], by
// Simpson's rule on the density, and inverted by linear interpolation
// between grid points (error below 10⁻⁵ standard deviations out to ±5,
// below 0.002 out to ±8).
const (
	normalLimit = 8
	normalSteps = 4096
	normalStep  = 2.0 * normalLimit / normalSteps // 1/256: exact in binary
)

var (
	normalCDFOnce sync.Once
	normalCDF     [normalSteps + 1]float64
)

func buildNormalCDF() {
	// Un-normalised density e^(−x²/2); the constant and Simpson's h/6
	// cancel when the table is divided by its last entry.
	density := func(x float64) float64 { return expPortable(-float64(x*x) / 2) }
	// The mass below −8, in the same units (Simpson's sums are 6/h times
	// the integral), from the asymptotic series of Mills' ratio:
	// ∫_a^∞ e^(−x²/2) dx = e^(−a²/2)/a · (1 − 1/a² + 3/a⁴ − 15/a⁶ + …).
	const a2 = normalLimit * normalLimit
	tail := density(-normalLimit) / normalLimit * (1 - 1/a2 + 3/(a2*a2) - 15/(a2*a2*a2)) * 6 / normalStep
	acc := tail
	normalCDF[0] = tail
	prev := density(-normalLimit)
	for i := 1; i <= normalSteps; i++ {
		x0 := -normalLimit + float64(float64(i-1)*normalStep)
		next := density(x0 + normalStep)
		acc += prev + float64(4*density(x0+normalStep/2)) + next
		normalCDF[i] = acc
		prev = next
	}
	total := acc + tail // the mass above +8 is the same as below −8
	for i := range normalCDF {
		normalCDF[i] /= total
	}
}

// normalQuantile returns Φ⁻¹(u) for u in [0, 1). The upper half is the
// mirror image of the lower, Φ⁻¹(u) = −Φ⁻¹(1−u) (1−u is exact for
// u ≥ 1/2), because the table's entries near 1 have no precision left for
// the upper tail, while those near 0 do.
func normalQuantile(u float64) float64 {
	if u > 0.5 {
		return -normalQuantile(1 - u)
	}
	normalCDFOnce.Do(buildNormalCDF)
	// i is the last grid point with normalCDF[i] ≤ u.
	i := sort.SearchFloat64s(normalCDF[:], u)
	if i == len(normalCDF) || normalCDF[i] > u {
		i--
	}
	if i < 0 {
		return -normalLimit
	}
	x := -normalLimit + float64(float64(i)*normalStep)
	if i == normalSteps {
		return x
	}
	width := normalCDF[i+1] - normalCDF[i]
	if width == 0 { // far in a tail, below float64's resolution
		return x
	}
	return x + float64(normalStep*((u-normalCDF[i])/width))
}

// expPortable is e^x computed with exact IEEE 754 operations only, so the
// normal table is bit-identical on every platform (math.Exp is assembly on
// amd64, with or without FMA depending on the CPU). x = k·ln2 + r with
// |r| ≤ ln2/2, then e^r by its Taylor series to 20 terms, well past
// float64 precision. Conversions to float64 after each product stop the
// compiler from fusing multiply-adds on the platforms that would.
func expPortable(x float64) float64 {
	// ln 2 split in two (Cody and Waite): ln2Hi has its low bits zero, so
	// k·ln2Hi is exact for the small k used here and r keeps its precision.
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
	)
	k := math.Round(x * math.Log2E)
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo)
	term, sum := 1.0, 1.0
	for n := 1; n <= 20; n++ {
		term = float64(term*r) / float64(n)
		sum += term
	}
	return math.Ldexp(sum, int(k))
}

// cbrtPortable is the cube root of v in (0, 1], with the same care as
// expPortable: v = f·2^(3e) with f in [1/8, 1), then a fixed number of
// Newton steps for y³ = f from y = 0.75 (six would do; the error halves its
// exponent each step), then y·2^e.
func cbrtPortable(v float64) float64 {
	f, e := math.Frexp(v) // f in [1/2, 1)
	for e%3 != 0 {
		f /= 2 // exact
		e++
	}
	y := 0.75
	for range 8 {
		y2 := float64(y * y)
		y3 := float64(y2 * y)
		y -= float64((y3 - f) / float64(3*y2))
	}
	return math.Ldexp(y, e/3)
}
