#pragma once
/// @file splitting.hpp
/// Splitting (composition) schemes for i∂_t u = (A + B)u with exactly solvable flows e^{−iτA}, e^{−iτB}:
///
///   e^{−iτ(A+B)} ≈ e^{−i a_0 τ A} e^{−i b_0 τ B} e^{−i a_1 τ A} … e^{−i b_{m−1} τ B} e^{−i a_m τ A},
///   Σ a_j = Σ b_j = 1.
///
/// In cbec A is the linear part (ν_s(−Δ + V_s), kinetic or the whole oscillator) and B the mean-field
/// potential U_s[ρ] − ν_s V_s, whose flow is exact because |u| (hence ρ and U) does not change under it.
/// Built in (all symmetric, so of even order):
///   strang       a = (½, ½), b = (1)                                            order 2
///   yoshida4     Strang composed as S(w₁τ)S(w₀τ)S(w₁τ), w₁ = 1/(2 − 2^{1/3}), w₀ = 1 − 2w₁  order 4
///                (Yoshida 1990, "triple jump")
///   blanes_moan  the 6-stage order-4 scheme S6 of Blanes & Moan, J. Comput. Appl. Math. 142 (2002)
///                313, a small error constant
///   yoshida6     the triple jump applied to yoshida4 (w₁ = 1/(2 − 2^{1/5}))                order 6
///   blanes_moan6 the 10-stage order-6 scheme S10 of Blanes & Moan (2002), same paper: 10 B flows
///                against yoshida6's 9, but an error constant ~10³ smaller (dyn2d-256: bench_evolve)
/// The measured orders are checked in tests/dynamics.
#include <string>
#include <vector>

namespace cbec {

struct SplittingScheme {
  std::string name;
  int order = 2;
  std::vector<double> a;   ///< m + 1 coefficients of A
  std::vector<double> b;   ///< m coefficients of B

  static SplittingScheme strang();
  static SplittingScheme yoshida4();
  static SplittingScheme blanesMoan();
  static SplittingScheme yoshida6();
  static SplittingScheme blanesMoan6();
  /// By name ("strang", "yoshida4", "blanes_moan", "yoshida6", "blanes_moan6"); InputError naming `key` otherwise.
  static SplittingScheme byName(const std::string& name, const std::string& key);
  /// The symmetric triple jump S(wτ)S((1−2w)τ)S(wτ), w = 1/(2 − 2^{1/(p+1)}), of a symmetric scheme of
  /// order p: order p + 2.
  static SplittingScheme tripleJump(const SplittingScheme& base);
  /// Number of B flows per step (the costly nonlinear evaluations).
  int stages() const { return static_cast<int>(b.size()); }

  /// One step of length τ: calls flowA(a_j τ) and flowB(b_j τ) in order (zero coefficients skipped).
  template <class FlowA, class FlowB>
  void step(double tau, FlowA&& flowA, FlowB&& flowB) const {
    step(tau, 1, flowA, flowB);
  }
  /// `count` steps of length τ with the A flows at the seams merged (first same as last, "FSAL"):
  ///   e^{−i a_m τ A} e^{−i a_0 τ A} = e^{−i (a_m + a_0) τ A}
  /// (A's flow is a one-parameter group), so k steps cost k·m + 1 A flows instead of k·(m + 1).
  template <class FlowA, class FlowB>
  void step(double tau, int count, FlowA&& flowA, FlowB&& flowB) const {
    for (int k = 0; k < count; ++k) {
      for (size_t j = 0; j < b.size(); ++j) {
        const double aj = (j == 0 && k > 0) ? a.back() + a[0] : a[j];
        if (aj != 0) flowA(aj * tau);
        flowB(b[j] * tau);
      }
    }
    if (a.back() != 0) flowA(a.back() * tau);
  }
};

}  // namespace cbec
