#pragma once
/// @file radial_hartree.hpp
/// The Hartree flow of the toy model for a radial φ (F 3.12 reduced by (F 4.3) to F 4.4):
///
///   i∂_t φ = h_ν φ + (V∗|φ|²) φ,   h_ν = (ν/2)(−Δ + |x|² − 3),   φ(0) = φ_0 = π^{−3/4} e^{−|x|²/2},
///
/// in the s-wave oscillator DVR of radial_oscillator_basis.hpp (M functions). h_ν is diagonal in the
/// basis, h_ν φ_n = 2νn φ_n, so its flow is exact for every step (the step does not shrink as ν grows);
/// the potential U = V∗|φ|² is exact at the nodes through the spherical average (pair_interaction.hpp),
///   U(r_i) = Σ_j K(r_i, r_j) |v_j|²,
/// and its flow v_i ↦ e^{−iτU(r_i)} v_i is exact (U depends on |v| only). Both flows are unitary on
/// C^M, so the discrete norm is conserved to round-off by every splitting (splitting.hpp).
///
/// Conserved energy (the Hamiltonian functional that generates the flow; the functional in the proof of
/// F Thm 5.1 is half of its interaction term, MODEL.md §6):
///   E[φ] = ⟨φ, h_ν φ⟩ + ½ ∫ (V∗|φ|²)|φ|² = Σ_n 2νn |c_n|² + ½ Σ_i U(r_i)|v_i|².
#include <cbec/dynamics/radial_oscillator_basis.hpp>
#include <cbec/dynamics/splitting.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <Eigen/Dense>

#include <complex>

namespace cbec {

class RadialHartreeFlow {
 public:
  using State = Eigen::VectorXcd;   ///< nodal values v_i

  RadialHartreeFlow(double nu, PairInteraction potential, int basisSize);

  const RadialOscillatorBasis& basis() const { return basis_; }
  double nu() const { return nu_; }
  /// φ_0 = π^{−3/4} e^{−r²/2} (c = e_0).
  State ground() const;
  /// Nodal values of a radial function φ(r).
  template <class F> State sample(F&& phi) const {
    State v(basis_.size());
    for (int i = 0; i < basis_.size(); ++i) v[i] = basis_.scale()[i] * phi(basis_.nodes()[i]);
    return v;
  }

  /// U(r_i) = (V∗|φ|²)(r_i).
  Eigen::VectorXd potential(const State& v) const;
  /// v ← e^{−iτ h_ν} v (exact).
  void linearFlow(State& v, double tau) const;
  /// v ← e^{−iτ U[v]} v (exact).
  void potentialFlow(State& v, double tau) const;
  /// One splitting step.
  void step(State& v, double tau, const SplittingScheme& scheme) const;

  double norm(const State& v) const { return v.norm(); }
  double energy(const State& v) const;
  double x2(const State& v) const;
  /// ⟨φ_0, φ⟩ = c_0.
  std::complex<double> groundOverlap(const State& v) const;
  /// ‖(1 − |φ_0⟩⟨φ_0|) φ‖ = (Σ_{n≥1}|c_n|²)^{1/2}, without cancellation.
  double orthogonalNorm(const State& v) const;
  /// ‖a − b‖.
  static double distance(const State& a, const State& b) { return (a - b).norm(); }

 private:
  double nu_;
  PairInteraction V_;
  RadialOscillatorBasis basis_;
  Eigen::MatrixXd K_;   // K(r_i, r_j)
};

}  // namespace cbec
