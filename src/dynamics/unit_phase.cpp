#include <cbec/dynamics/unit_phase.hpp>

#include <cmath>

namespace cbec {

namespace {

constexpr double kTwoOverPi = 0.63661977236758134308;
// π/2 = P1 + P2 + P3 (Cody–Waite: P1, P2 with trailing zero bits, so k·P1 and k·P2 are exact for |k| < 2^20)
constexpr double kP1 = 1.5707963267341256e+00, kP2 = 6.077100506303966e-11, kP3 = 2.0222662487959506e-21;

// Taylor coefficients 1/n! with alternating signs
constexpr double S3 = -1.0 / 6, S5 = 1.0 / 120, S7 = -1.0 / 5040, S9 = 1.0 / 362880, S11 = -1.0 / 39916800,
                 S13 = 1.0 / 6227020800.0, S15 = -1.0 / 1307674368000.0;
constexpr double C2 = -1.0 / 2, C4 = 1.0 / 24, C6 = -1.0 / 720, C8 = 1.0 / 40320, C10 = -1.0 / 3628800,
                 C12 = 1.0 / 479001600.0, C14 = -1.0 / 87178291200.0, C16 = 1.0 / 20922789888000.0;

// 1.5·2^52: adding and subtracting it rounds a double of magnitude < 2^51 to the nearest integer (ties to
// even) in the default rounding mode, in plain arithmetic the compiler vectorises (std::nearbyint and
// std::floor are library calls without SSE4.1)
constexpr double kRound = 6755399441055744.0;

inline double roundToInteger(double x) { return (x + kRound) - kRound; }

inline void rotateBlock(std::complex<double>* v, const double* phase, std::size_t n) {
  double* z = reinterpret_cast<double*>(v);   // (re, im) pairs, [complex.numbers.general]
  for (std::size_t i = 0; i < n; ++i) {
    const double x = phase[i];
    const double k = roundToInteger(x * kTwoOverPi);
    const double r = ((x - k * kP1) - k * kP2) - k * kP3;
    const double r2 = r * r;
    const double s = r + r * r2 * (S3 + r2 * (S5 + r2 * (S7 + r2 * (S9 + r2 * (S11 + r2 * (S13 + r2 * S15))))));
    const double c = 1.0 + r2 * (C2 + r2 * (C4 + r2 * (C6 + r2 * (C8 + r2 * (C10 + r2 * (C12 + r2 * (C14 + r2 * C16)))))));
    const double q = k - 4.0 * roundToInteger(k * 0.25);   // k mod 4 as −2, −1, 0, 1, 2 (−2 ≡ 2, −1 ≡ 3)
    const bool odd = q == 1.0 || q == -1.0;
    const double sinAbs = odd ? c : s, cosAbs = odd ? s : c;
    const double sn = (q == 2.0 || q == -2.0 || q == -1.0) ? -sinAbs : sinAbs;   // quadrants 2, 3
    const double cs = (q == 1.0 || q == 2.0 || q == -2.0) ? -cosAbs : cosAbs;    // quadrants 1, 2
    const double re = z[2 * i], im = z[2 * i + 1];
    z[2 * i] = re * cs - im * sn;
    z[2 * i + 1] = re * sn + im * cs;
  }
}

}  // namespace

// AVX2 where the CPU has it (chosen at load time), baseline x86-64 otherwise
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("avx2", "default")))
#endif
void rotateByPhases(std::complex<double>* v, const double* phase, std::size_t n) {
  constexpr std::size_t kChunk = 256;
  for (std::size_t i0 = 0; i0 < n; i0 += kChunk) {
    const std::size_t m = n - i0 < kChunk ? n - i0 : kChunk;
    unsigned small = 1;   // every |φ| < 2^20 (false for NaN: the libm path)
    for (std::size_t i = 0; i < m; ++i) small &= static_cast<unsigned>(std::fabs(phase[i0 + i]) < 1048576.0);
    if (small) {
      rotateBlock(v + i0, phase + i0, m);
      continue;
    }
    for (std::size_t i = i0; i < i0 + m; ++i) v[i] *= std::complex<double>(std::cos(phase[i]), std::sin(phase[i]));
  }
}

}  // namespace cbec
