#pragma once
/// @file species_coupling.hpp
/// The species-coupling structure of the mean-field energy functional, stated once for every basis (grid,
/// oscillator modes, radial DVR, few-mode models). For the product state ⊗_s u_s^{⊗N_s} (‖u_s‖ = 1) of
///
///   H_N = Σ_s Σ_{i∈s} h_s(x_i) + Σ_s λ_s Σ_{i<j∈s} W_s(x_i−x_j) + μ Σ_{s<t} Σ_{i∈s,r∈t} W_st      (M 1.1)
///
/// (λ_s and μ = 1/N from pair_scaling.hpp) species s has N_s(N_s−1)/2 pairs and s, t have N_s N_t pairs, so
///
///   ⟨H_N⟩ = Σ_s A_s e_s + ½ Σ_{s,t} B_st I_st,     A_s = N_s,  B_ss = λ_s N_s (N_s − 1),  B_st = μ N_s N_t,
///
///   e_s = ⟨u_s, h_s u_s⟩,   I_st = ⟨ρ_s, W_st ∗ ρ_t⟩ = ∫∫ ρ_s(x) W_st(x − y) ρ_t(y) dx dy,   ρ_s = |u_s|²,
///
/// with W_st the pair interaction itself (its coupling included: W_st = −a_st w_N for the Mixture,
/// pair_interaction.hpp, V > 0 repulsive). Per particle (÷N, c_s = N_s/N, κ_s = λ_s(N_s − 1), μ = 1/N) this is
/// the functional of mixture.hpp (M 1.7 / 1.9 generalised):
///
///   E = Σ_s c_s e_s + ½ Σ_{s,t} C_st I_st,       C_ss = c_s κ_s,  C_st = c_s c_t  (s ≠ t).
///
/// The mean-field (Fock) operator of species s is (1/A_s) ∂⟨H_N⟩/∂ū_s:
///
///   F_s = h_s + U_s,   U_s = Σ_t (B_st / A_s) W_st ∗ ρ_t    (= κ_s W_s∗ρ_s + Σ_{t≠s} c_t W_st∗ρ_t per particle).
///
/// A basis supplies the primitives e_s and I_st (or W_st∗ρ_t); this class supplies the weights and the sums.
#include <cbec/model/pair_scaling.hpp>

#include <Eigen/Dense>

#include <vector>

namespace cbec {

class Mixture;

class SpeciesCoupling {
 public:
  /// Given one-body weights A_s and the symmetric pair weights B_st (InputError on mismatched sizes).
  SpeciesCoupling(std::vector<double> oneBody, Eigen::MatrixXd pair);

  /// ⟨H_N⟩ of (M 1.1): N_s particles, λ_s (0 when N_s < 2), inter-species factor μ.
  static SpeciesCoupling ofHamiltonian(const std::vector<double>& particles, const std::vector<double>& intraFactors,
                                       double interFactor);
  /// Per particle: weights c_s and κ_s (C_ss = c_s κ_s, C_st = c_s c_t).
  static SpeciesCoupling perParticle(const std::vector<double>& fractions, const std::vector<double>& intraScales);
  /// The Mixture's functional: c_s = fraction(s), κ_s = intraScale(s) (mixture.hpp).
  static SpeciesCoupling of(const Mixture& mixture);

  int species() const { return static_cast<int>(A_.size()); }
  /// A_s (N_s, or c_s per particle).
  double oneBodyWeight(int s) const { return A_[s]; }
  /// B_st (C_st per particle).
  double pairWeight(int s, int t) const { return B_(s, t); }
  /// B_st / A_s: the weight of W_st∗ρ_t in U_s (0 when A_s = 0).
  double fieldWeight(int s, int t) const { return A_[s] == 0 ? 0.0 : B_(s, t) / A_[s]; }

  /// Σ_s A_s e_s + ½ Σ_{s,t} B_st I_st  (I symmetric; only I_st with B_st ≠ 0 is read).
  double energy(const std::vector<double>& oneBody, const Eigen::MatrixXd& pairIntegrals) const;

 private:
  std::vector<double> A_;
  Eigen::MatrixXd B_;
};

}  // namespace cbec
