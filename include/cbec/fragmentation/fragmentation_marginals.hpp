#pragma once
/// @file fragmentation_marginals.hpp
/// The exact k-body marginals of the three states of FragmentedState (F Proposition 2.1, Remark 2.5).
/// All three are diagonal in the occupation (Dicke) basis |a⟩ = φ_1^{⊗a_1} ∨ … ∨ φ_ℓ^{⊗a_ℓ},
/// a_1 + … + a_ℓ = k, of the symmetric k-particle space over the ℓ orbitals (FockBasis(ℓ, k) order:
/// a_1 = k first; for ℓ = 2 the pattern (k-j, j) has index j as in (F 2.8)):
///
///   fragmented     c_a = Π_j C(N_j, a_j) / C(N, k)         multivariate hypergeometric  (F 2.8, 2.20)
///   phase-averaged c̃_a = k!/(a_1!…a_ℓ!) Π_j (N_j/N)^{a_j}   multinomial                  (F 2.9, 2.21)
///   mixture        ρ_a = N_j/N if a = k e_j, else 0         pure condensates             (F 2.10)
///
/// Ranks are the numbers of nonzero weights (F 2.12–2.14): k+1, k+1, 2 for ℓ = 2 and k ≤ min N_j;
/// in general #{a : a_j ≤ N_j}, C(k+ℓ-1, ℓ-1) and ℓ. Because the three share the orthonormal
/// eigenbasis {|a⟩}, the trace norm of a difference is the ℓ1 distance of the weights:
/// Tr|γ - γ'| = Σ_a |w_a - w'_a| (trace_norm.hpp).
///
/// Numerics (N up to 10^15, k up to ~10^3, no overflow or cancellation): weights are formed from
/// logarithms relative to the multinomial,
///   log c̃_a = log[k!/Π a_j!] + Σ_j a_j log(N_j/N),
///   log(c_a / c̃_a) = Σ_j Σ_{i<a_j} log1p(-i/N_j) - Σ_{i<k} log1p(-i/N)        (proof of Lemma 2.4)
///   log(ρ_a / c̃_a) = -(k-1) log(N_j/N)  at a = k e_j,
/// and every difference is taken in relative form, w_A - w_B = w_B · expm1(log(w_A/w_B)), so that
/// c_a - c̃_a = O(1/N) keeps full relative accuracy and N·Tr|γ - γ̃| is accurate to ~1e-13 even at
/// N = 10^9 (checked against exact rationals in tests/fragmentation).
///
/// @code
///   cbec::FragmentationMarginals g(cbec::FragmentedState({6, 4}), 2);
///   g.weights(cbec::FragmentationModel::Fragmented);     // {15, 24, 6}/45 = C(6,2-j)C(4,j)/C(10,2)
///   g.weights(cbec::FragmentationModel::PhaseAveragedProduct);  // {0.36, 0.48, 0.16}
///   g.traceDistance(cbec::FragmentationModel::Fragmented,
///                   cbec::FragmentationModel::PhaseAveragedProduct);  // 8/75
/// @endcode
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/fragmentation/fragmented_state.hpp>

#include <Eigen/Dense>

#include <functional>
#include <vector>

namespace cbec {

class FragmentationMarginals {
 public:
  /// Largest Dicke basis C(k+ℓ-1, ℓ-1) that is enumerated.
  static constexpr std::size_t kMaxPatterns = 2'000'000;
  /// Largest product space ℓ^k for productBasisMatrix().
  static constexpr std::size_t kMaxProductDimension = 4096;

  /// The k-marginals, 1 ≤ k ≤ N (InputError naming `what`, e.g. "--k", otherwise, or if the Dicke
  /// basis exceeds kMaxPatterns).
  /// `progress`, if given, is called as progress(done, total) every few thousand patterns (the
  /// enumeration costs O(k) per pattern, minutes at k ~ 1e5).
  FragmentationMarginals(FragmentedState state, int k, const std::string& what = "k",
                         const std::function<void(std::size_t, std::size_t)>& progress = {});

  const FragmentedState& state() const { return state_; }
  int k() const { return k_; }
  /// The Dicke basis: FockBasis(ℓ, k).
  const FockBasis& dickeBasis() const { return basis_; }
  std::size_t dimension() const { return basis_.dimension(); }
  /// The occupation pattern a of Dicke state p.
  Occupations pattern(std::size_t p) const { return patterns_[p]; }

  /// w_a of one model (may underflow to 0 below 1e-308; exact zeros are exact).
  double weight(FragmentationModel m, std::size_t p) const;
  std::vector<double> weights(FragmentationModel m) const;
  /// log w_a (-∞ for an exact zero).
  double logWeight(FragmentationModel m, std::size_t p) const;
  /// w_A(a) - w_B(a) in relative form.
  double weightDifference(FragmentationModel A, FragmentationModel B, std::size_t p) const;

  /// Number of nonzero weights, counted exactly (not from floating-point values).
  std::size_t rank(FragmentationModel m) const;
  /// Tr|γ_A^(k) - γ_B^(k)| = Σ_a |w_A(a) - w_B(a)|.
  double traceDistance(FragmentationModel A, FragmentationModel B) const;

  /// The marginal as a diagonal matrix in the Dicke basis.
  Eigen::MatrixXd matrix(FragmentationModel m) const;
  /// The marginal on (C^ℓ)^{⊗k} (index Σ_t σ_t ℓ^{k-1-t} of the word σ ∈ {0..ℓ-1}^k), i.e.
  /// Σ_a w_a |a⟩⟨a| with |a⟩ = multinomial^{-1/2} Σ_{σ with counts a} e_σ. InputError if ℓ^k > kMaxProductDimension.
  Eigen::MatrixXd productBasisMatrix(FragmentationModel m) const;

 private:
  /// log(w_m / c̃) at pattern p: the exponent relative to the phase-averaged weight.
  double logRatioToPhaseAveraged(FragmentationModel m, std::size_t p) const;

  FragmentedState state_;
  int k_;
  FockBasis basis_;
  std::vector<Occupations> patterns_;
  std::vector<double> logPhaseAveraged_;   // log c̃_a
  std::vector<double> logFragmentedRatio_; // log(c_a/c̃_a), -∞ if some a_j > N_j
  std::vector<int> pureLevel_;             // j if a = k e_j, else -1
};

}  // namespace cbec
