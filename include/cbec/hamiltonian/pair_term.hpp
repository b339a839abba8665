#pragma once
/// @file pair_term.hpp
/// A two-body mean-field term with one kernel K (δ for contact, w_N or any even kernel for a convolution)
/// and a symmetric coupling matrix G (G_ss same species, G_st different species):
///
///   E_T = Σ_s (c_s/2) G_ss ∫ρ_s (K*ρ_s) + Σ_{s<t} c_s c_t G_st ∫ρ_s (K*ρ_t) = ½ Σ_{s,t} Γ_st ∫ρ_s (K*ρ_t),
///   Γ_ss = c_s G_ss,  Γ_st = c_s c_t G_st  (MODEL §2: intra weights c_s, cross weights c_s c_t),
///   U_s  = (1/c_s) Σ_t Γ_st K*ρ_t = G_ss K*ρ_s + Σ_{t≠s} c_t G_st K*ρ_t,
///   D²E_T[δρ, δρ] = Σ_{s,t} Γ_st ∫δρ_s (K*δρ_t),    δU_s = (1/c_s) Σ_t Γ_st K*δρ_t.
///
/// Γ_st = C_st G_st with the per-particle species weights C of species_coupling.hpp at κ_s = 1 (the
/// pair-scaling factor κ_s is carried by G_ss): the structure of the functional is stated there, once.
/// For the Mixture (mixture.hpp, W = -a w_N, a > 0 attractive): G_st = Mixture::meanFieldInteraction(s, t)
/// .coupling(), i.e. G_ss = -ã_s, G_st = -a_st. The diagonal parts fill the `intra` slots of EnergyTerms, the
/// cross parts the `inter` slot. Subclasses give K*f.
#include <cbec/discretisation/grid.hpp>
#include <cbec/hamiltonian/term.hpp>
#include <cbec/model/species_coupling.hpp>

#include <Eigen/Dense>

namespace cbec {

class PairTerm : public HamiltonianTerm {
 public:
  /// fractions c_s; couplings G (S×S, symmetric; the diagonal is the same-species strength).
  PairTerm(const Grid& grid, std::vector<double> fractions, Eigen::MatrixXd couplings);

  const Eigen::MatrixXd& couplings() const { return G_; }
  /// Γ_st = c_s G_ss (s = t), c_s c_t G_st (s ≠ t).
  double weight(int s, int t) const;
  void prepare(const State& rho) override;
  bool addPotential(int s, const State& rho, Field& U, bool assign, EnergyTerms* e) override;
  double secondVariation(const State& drho) override;
  void addPotentialVariation(const State& drho, State& dU) override;

 protected:
  /// Make K*f_t available through meanField(t) for every t that couples to something.
  virtual void convolveAll(const State& f) = 0;
  /// K*f_t for the f of the last convolveAll.
  virtual const Field& meanField(int t) const = 0;
  /// Whether species t enters any U_s (else its K*ρ_t is never needed).
  bool needed(int t) const;

 private:
  double dV_;
  SpeciesCoupling C_;   // c_s and C_st = c_s (s = t), c_s c_t (s ≠ t)
  Eigen::MatrixXd G_;
};

}  // namespace cbec
