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
///   palindromic5 the 8-stage order-5 scheme "PP 5/6 A" of Auzinger, Hofstätter, Ketcheson & Koch, BIT 57
///                (2017) 55 (coefficients of their table at asc.tuwien.ac.at/~winfried/splitting): not
///                symmetric, but its coefficient list a₁b₁…a₈b₈ is a palindrome, so the same scheme with A and
///                B exchanged is its adjoint; the pair gives an error estimate (SplittingPair::palindromic5)
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
  static SplittingScheme palindromic5();
  /// By name ("strang", "yoshida4", "blanes_moan", "yoshida6", "blanes_moan6", "palindromic5"); InputError
  /// naming `key` otherwise.
  static SplittingScheme byName(const std::string& name, const std::string& key);
  /// The symmetric triple jump S(wτ)S((1−2w)τ)S(wτ), w = 1/(2 − 2^{1/(p+1)}), of a symmetric scheme of
  /// order p: order p + 2.
  static SplittingScheme tripleJump(const SplittingScheme& base);
  /// Number of B flows per step (the costly nonlinear evaluations).
  int stages() const { return static_cast<int>(b.size()); }
  /// The same coefficients with the roles of A and B exchanged: e^{−i a_0 τ B} e^{−i b_0 τ A} … (as a
  /// scheme of this struct: a leading zero A coefficient). Same order.
  SplittingScheme exchanged() const;

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

/// A pair of splittings that share their first flows, for local error control at little extra cost
/// (instead of step doubling, which costs two extra steps per step):
///
///   u₁ = Φ_τ(u) (the member that is propagated, order p),  u₂ = Φ̂_τ(u) (its partner),
///   err = ‖u₁ − u₂‖ · scale ≈ C τ^{q+1},  q = estimateOrder,
///
/// the flows common to the start of both members being computed once. Built in:
///   blanes_moan  "Emb 4/3 BM PRK/A" (Auzinger et al., BIT 57 (2017) 55): Blanes–Moan S6 (order 4) and an
///                order-3 scheme with 4 B flows sharing S6's first A, B and A flows: 3 extra B flows and 2
///                extra A flows per step (S6: 6 B, 6 A). The estimate is that of the order-3 member
///                (q = 3; the order-4 S6 result is propagated: "local extrapolation", so the error committed is
///                below the estimate).
///   palindromic5 "PP 5/6 A" (same paper): the order-5 scheme Φ (8 B flows) and Φ* = Φ with A and B
///                exchanged (its adjoint, order 5); err = ‖Φ(u) − Φ*(u)‖/2 estimates the local error of
///                Φ (q = 5: their difference is twice Φ's leading error term, (Φ + Φ*)/2 being of order 6),
///                and Φ(u) is propagated (unitary). Two full 8-stage schemes per step: 16 B flows, no shared
///                prefix, against 30 B flows for step doubling of an order-6 scheme with 10.
struct SplittingPair {
  std::string name;
  SplittingScheme first;    ///< the member that is propagated
  SplittingScheme second;   ///< its partner
  int estimateOrder = 3;    ///< q: the estimate behaves like τ^{q+1}
  double scale = 1;         ///< err = scale·‖u₁ − u₂‖

  static SplittingPair blanesMoan();
  static SplittingPair palindromic5();
  /// The pair whose propagated member is `scheme` (by name), if one is built in.
  static bool exists(const SplittingScheme& scheme);
  static SplittingPair of(const SplittingScheme& scheme);

  struct Flow { bool a; double c; };
  /// A scheme as its sequence of flows (zero coefficients dropped).
  static std::vector<Flow> flows(const SplittingScheme& s);
  /// Number of flows the two members have in common at their start.
  size_t sharedFlows() const;

  /// One trial step of length τ: u ← Φ_τ(u), returns err. `copy(dst, src)` and `distance(a, b)` act on the
  /// state; `work` holds the partner.
  template <class State, class FlowA, class FlowB, class Distance>
  double step(double tau, State& u, State& work, FlowA&& flowA, FlowB&& flowB, Distance&& distance) const {
    const auto f1 = flows(first), f2 = flows(second);
    const size_t shared = sharedFlows();
    auto run = [&](State& v, const std::vector<Flow>& f, size_t from) {
      for (size_t j = from; j < f.size(); ++j) {
        if (f[j].a) flowA(v, f[j].c * tau);
        else flowB(v, f[j].c * tau);
      }
    };
    for (size_t j = 0; j < shared; ++j) {
      if (f1[j].a) flowA(u, f1[j].c * tau);
      else flowB(u, f1[j].c * tau);
    }
    work = u;
    run(u, f1, shared);
    run(work, f2, shared);
    return scale * distance(u, work);
  }
};

}  // namespace cbec
