#pragma once
/// @file mean_field_flow.hpp
/// The mean-field (Hartree / Gross–Pitaevskii) flow of S species on a Grid, in the functional's own
/// weights (MODEL.md §2, F 3.12, 5.11):
///
///   i∂_t u_s = (1/c_s) ∂E/∂ū_s = H_s[ρ] u_s,   H_s[ρ] = ν_s(−Δ) + U_s[ρ]   (hamiltonian.hpp, the one place
///                                                                           where U_s is assembled)
///
/// split as A + B with exactly solvable flows (splitting.hpp):
///   kinetic:        A_s = ν_s(−Δ)            e^{−iτA_s}: the multiplier e^{−iτν_s|k|²} (one c2c FFT pair)
///                   B_s = U_s[ρ]
///   exact harmonic: A_s = ν_s(−Δ + V_s) for harmonic V_s = Σ_i ω_i²(x_i − z_i)² (harmonic_flow.hpp, any τ)
///                   B_s = U_s[ρ] − ν_s V_s   (the interaction part only)
/// B's flow u_s ↦ e^{−iτB_s}u_s is exact because it leaves every ρ_t unchanged. Both flows are unitary per
/// species, so each ‖u_s‖ is conserved up to round-off by every scheme; the energy E (the Hamiltonian
/// functional, conserved by the exact flow) is conserved to the splitting's accuracy.
#include <cbec/discretisation/field.hpp>
#include <cbec/dynamics/harmonic_flow.hpp>
#include <cbec/dynamics/splitting.hpp>
#include <cbec/hamiltonian/hamiltonian.hpp>

#include <complex>
#include <memory>
#include <vector>

namespace cbec {

enum class LinearPart { Kinetic, ExactHarmonic };

class MeanFieldFlow {
 public:
  /// `hamiltonian` outlives the flow. ExactHarmonic needs every trap harmonic (InputError otherwise).
  MeanFieldFlow(Hamiltonian& hamiltonian, LinearPart linear);
  /// Whether every species' trap is harmonic (|x − z|² or Σω_i²(x_i − z_i)²).
  static bool allHarmonic(const Mixture& mixture);

  Hamiltonian& hamiltonian() { return H_; }
  LinearPart linearPart() const { return linear_; }
  void linearFlow(ComplexState& u, double tau);
  void potentialFlow(ComplexState& u, double tau);
  /// `count` consecutive steps of length τ, the last A flow of each merged with the first of the next
  /// (SplittingScheme::step).
  void step(ComplexState& u, double tau, const SplittingScheme& scheme, int count = 1);
  /// One trial step of an embedded pair (SplittingPair::step): u ← Φ_τ(u), `work` ← the partner's result;
  /// returns the error estimate.
  double pairStep(ComplexState& u, double tau, const SplittingPair& pair, ComplexState& work);

  /// (Σ_s ‖a_s − b_s‖²)^{1/2}.
  double distance(const ComplexState& a, const ComplexState& b) const;
  /// ‖u_s‖ per species.
  std::vector<double> norms(const ComplexState& u) const;
  /// ⟨|x|²⟩_s = ∫|x|²|u_s|² per species (about the origin).
  std::vector<double> secondMoments(const ComplexState& u) const;
  /// ⟨a_s, b_s⟩ per species.
  std::vector<std::complex<double>> overlaps(const ComplexState& a, const ComplexState& b) const;
  /// E(u), the Hamiltonian functional (hamiltonian.hpp).
  double energy(const ComplexState& u) { return H_.energy(u); }

 private:
  const std::vector<std::complex<double>>& kineticMultiplier(int s, double tau);
  Hamiltonian& H_;
  LinearPart linear_;
  std::vector<std::unique_ptr<HarmonicFlow>> harmonic_;   // per species (ExactHarmonic)
  State U_;
  Field r2_;                                              // |x|² on the grid
  struct KineticCache { int s; double tau; std::vector<std::complex<double>> m; };
  std::vector<KineticCache> kinetic_;
};

}  // namespace cbec
