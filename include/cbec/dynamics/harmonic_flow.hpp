#pragma once
/// @file harmonic_flow.hpp
/// The exact flow of the oscillator A = −Δ + Σ_i ω_i²(x_i − z_i)² on a periodic Grid, for complex fields:
///
///   e^{−iθA} = Π_i e^{−iθ(p_i² + ω_i² x_i²)}     (axes commute; p = −i∂, x_i measured from z_i)
///
/// Per axis, the classical flow of p² + ω²x² (ẋ = 2p, ṗ = −2ω²x) is the phase-space rotation
///   M(θ) = [[cos 2ωθ, sin(2ωθ)/ω], [−ω sin 2ωθ, cos 2ωθ]],
/// and the kick e^{−iax²} (p ↦ p − 2ax) and drift e^{−ibp²} (x ↦ x + 2bp) compose to
///   K(a) D(b) K(a) = [[1 − 4ab, 2b], [−4a + 8a²b, 1 − 4ab]] = M(θ)   for
///   b = sin(2ωθ)/(2ω),   a = (ω/2) tan(ωθ)        (|ωθ| < π/2; ω = 0: a = 0, b = θ).
/// Quadratic Hamiltonians are represented exactly by this metaplectic factorisation (no phase is lost for
/// |ωθ| < π/2, by continuity from θ = 0), so e^{−iθ(p² + ω²x²)} = e^{−iax²} e^{−ibp²} e^{−iax²}: a chirp, a
/// free propagator (one FFT pair), a chirp. For larger angles, ωθ is reduced modulo π (the spectrum
/// ω(2n + 1) gives e^{−iπA/ω} = −1 per axis) and the rest split into m equal rotations with |ωθ/m| ≤ π/4,
/// so that |a| ≤ ω/2: the chirps stay resolved when the box holds the oscillator's phase space
/// (ω·max|x − z| < π/h). The cost is independent of θ (at most two FFT pairs), so a step is never limited
/// by the size of ν in ν(−Δ + V).
#include <cbec/discretisation/field.hpp>
#include <cbec/discretisation/fourier.hpp>
#include <cbec/discretisation/grid.hpp>

#include <complex>
#include <vector>

namespace cbec {

class HarmonicFlow {
 public:
  /// ω_i ≥ 0 (d entries) and the centre z (d entries); `fourier` (on `grid`) outlives the object.
  HarmonicFlow(const Grid& grid, FourierTransform& fourier, std::vector<double> omega, std::vector<double> centre);
  /// u ← e^{−iθA} u.
  void apply(ComplexField& u, double theta);

 private:
  /// Per-axis factors (the chirps and the drift are products over the axes): O(d·n) numbers per angle.
  struct Tables {
    double theta = 0;
    int substeps = 1;
    std::complex<double> phase;
    std::vector<std::vector<std::complex<double>>> kick, kick2, drift;   // [axis][j]: e^{−ia x_j²}, square, e^{−ib k_j²}
  };
  const Tables& tables(double theta);
  /// u_j ← u_j Π_i f_i[j_i] (row-major index j = (j_0, …, j_{d−1})). On a slab (slab.hpp) the rank's planes
  /// j_0 ∈ [p, p + m) and, for the `spectral` factors, the transposed spectrum of fourier.hpp (axis 1 outermost).
  void multiplySeparable(const std::complex<double>* in, std::complex<double>* out,
                         const std::vector<std::vector<std::complex<double>>>& f, std::complex<double> sign,
                         bool spectral = false) const;
  Grid grid_;
  FourierTransform& fft_;
  std::vector<double> omega_, centre_;
  std::vector<Tables> cache_;   // a few recent θ (a splitting uses 2-4 distinct ones)
  size_t next_ = 0;
};

}  // namespace cbec
