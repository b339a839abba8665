#pragma once
/// @file exact_marginals.hpp
/// Exact finite-N dynamics of a few-mode model and its k-marginals (F 3.9):
///
///   Ψ_N(t) = e^{-itH_N} Ψ_N(0),   γ_N^(k)(t) = Tr_[N-k] |Ψ_N(t)⟩⟨Ψ_N(t)|,
///
/// with H_N the FockHamiltonian of `cbec manybody` (fock_hamiltonian.hpp) on asModeHamiltonian(model, N)
/// (λ = 1/N; the test oracle tests/support/few_mode_fock_operator.hpp is the independent check of it), e^{-itH_N} by the Krylov propagator with its error
/// bound, γ_N^(k) by reducedDensityMatrix over FockBasis(M, k). Initial states:
///   - the fragmented state φ_0^{⊗N_0} ∨ … ∨ φ_{ℓ-1}^{⊗N_{ℓ-1}} on the first ℓ modes: one Fock
///     basis vector |N_0, …, N_{ℓ-1}, 0, …⟩ (F 2.4, 3.8);
///   - the condensate φ^{⊗N} (condensateState).
/// Norm and energy ⟨Ψ, H_N Ψ⟩/N are recorded at every output time.
#include <cbec/fragmentation/condensate_state.hpp>
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/manybody/krylov_exponential.hpp>
#include <cbec/manybody/few_mode_model.hpp>

#include <Eigen/Dense>

#include <cstdint>
#include <functional>
#include <vector>

namespace cbec {

struct ExactMarginals {
  std::vector<double> times;
  std::vector<Eigen::MatrixXcd> gamma;  ///< γ_N^(k)(t) over FockBasis(M, k)
  std::vector<double> norm;             ///< ‖Ψ(t)‖
  std::vector<double> energy;           ///< ⟨Ψ, H_N Ψ⟩ / N
  KrylovStats krylov;                   ///< accumulated over the run
  std::size_t dimension = 0;
};

/// The Fock vector of φ_0^{⊗N_0} ∨ … on the first ℓ = populations.size() modes.
Eigen::VectorXcd fragmentedFockState(const FockBasis& basis, const std::vector<std::int64_t>& populations);

/// Evolve psi0 (over FockBasis(H.modes(), N)) and record γ_N^(k) at each time (ascending, ≥ 0).
/// `observe`, if given, sees (time index, Ψ(t)) — e.g. for extra marginals.
ExactMarginals exactMarginals(const FewModeModel& H, int N, const Eigen::VectorXcd& psi0, int k,
                              const std::vector<double>& times, KrylovOptions options = {},
                              const std::function<void(std::size_t, const Eigen::VectorXcd&)>& observe = {});

}  // namespace cbec
