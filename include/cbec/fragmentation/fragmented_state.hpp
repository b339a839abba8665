#pragma once
/// @file fragmented_state.hpp
/// The data of an ℓ-level fragmented condensate (F 1.15):
///
///   Ψ_N = φ_1^{⊗N_1} ∨ … ∨ φ_ℓ^{⊗N_ℓ},   N_1 + … + N_ℓ = N,   N_j ≥ 1,   ⟨φ_m, φ_n⟩ = δ_mn,
///
/// and of the two states built on the same populations that share its one-body marginal
/// Σ_j (N_j/N)|φ_j⟩⟨φ_j| (F 2.11, 1.17):
///   - the phase-averaged product state γ̃_N = (2π)^{-ℓ} ∫ dθ |ψ_θ^{⊗N}⟩⟨ψ_θ^{⊗N}|,
///     ψ_θ = Σ_j sqrt(N_j/N) e^{-iθ_j} φ_j                                        (F 2.5, 2.18)
///   - the mixture of condensates ρ_N = Σ_j (N_j/N) |φ_j^{⊗N}⟩⟨φ_j^{⊗N}|            (F 2.6)
/// The orbitals never enter the marginals' weights, so only the populations N_j are stored.
///
/// @code
///   cbec::FragmentedState psi({600000, 400000});                    // N = 10^6, n = (0.6, 0.4)
///   auto same = cbec::FragmentedState::fromFractions(1000000, {0.6, 0.4});
/// @endcode
#include <cstdint>
#include <string>
#include <vector>

namespace cbec {

/// Which of the three N-body states of F §2 a marginal belongs to.
enum class FragmentationModel {
  Fragmented,            ///< Ψ_N of (F 1.15, 2.4)
  PhaseAveragedProduct,  ///< γ̃_N of (F 2.5, 2.18)
  CondensateMixture,     ///< ρ_N of (F 2.6)
};

/// "fragmented", "phase_averaged", "mixture" (the INTERFACE.md key names).
std::string modelKey(FragmentationModel m);

class FragmentedState {
 public:
  /// Populations N_1, …, N_ℓ: at least two levels, each ≥ 1, total ≤ 10^15. The message of the
  /// InputError names `what` (e.g. "--occupations").
  explicit FragmentedState(std::vector<std::int64_t> occupations, const std::string& what = "occupations");

  /// N_j = round(n_j N) for j < ℓ and N_ℓ = N - Σ_{j<ℓ} N_j; fractions positive summing to 1, and
  /// every N_j ≥ 1 (InputError naming `what` otherwise).
  static FragmentedState fromFractions(std::int64_t N, const std::vector<double>& fractions,
                                       const std::string& what = "fractions");

  int levels() const { return static_cast<int>(N_.size()); }
  std::int64_t particles() const { return total_; }
  const std::vector<std::int64_t>& occupations() const { return N_; }
  std::int64_t occupation(int j) const { return N_[j]; }
  /// N_j / N.
  double fraction(int j) const { return double(N_[j]) / double(total_); }

 private:
  std::vector<std::int64_t> N_;
  std::int64_t total_ = 0;
};

}  // namespace cbec
