#pragma once
/// @file trap_term.hpp
/// The external potential with the kinetic prefactor ν_s (F 5.11: ν multiplies -Δ + V):
///
///   E_trap = Σ_s c_s ν_s ∫V_s ρ_s,      U_s ∋ ν_s V_s,      second variation 0 (linear in ρ).
///
/// V_s is sampled on the grid once (model/trap.hpp).
#include <cbec/discretisation/grid.hpp>
#include <cbec/hamiltonian/term.hpp>

namespace cbec {

class TrapTerm final : public HamiltonianTerm {
 public:
  /// V_s sampled on the grid, fractions c_s, prefactors ν_s (one per species).
  TrapTerm(const Grid& grid, State V, std::vector<double> fractions, std::vector<double> nu);
  std::string name() const override { return "trap"; }
  /// V_s on the grid (without ν_s).
  const Field& field(int s) const { return V_[s]; }
  bool addPotential(int s, const State& rho, Field& U, bool assign, EnergyTerms* e) override;

 private:
  double dV_;
  State V_;
  std::vector<double> c_, nu_;
};

}  // namespace cbec
