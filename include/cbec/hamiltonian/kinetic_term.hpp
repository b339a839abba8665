#pragma once
/// @file kinetic_term.hpp
/// The kinetic energy with a per-species prefactor ν_s (F 5.11: the flow ν(-Δ + U); ν_s = 1 for the
/// functionals of MODEL §2; units ħ = 2m = 1, so -Δ carries no ½):
///
///   E_kin = Σ_s c_s ν_s ∫|∇u_s|² = Σ_s c_s ν_s ⟨u_s, -Δu_s⟩,     operator  v ↦ ν_s(-Δ)v,
///
/// applied spectrally (fourier.hpp) to real fields (r2c) and complex fields (c2c). It is not a function of
/// ρ: no potential, no density second variation; its part of the line-search curvature is the quadratic
/// form ν_s⟨v, -Δv⟩.
#include <cbec/discretisation/fourier.hpp>
#include <cbec/hamiltonian/term.hpp>

namespace cbec {

class KineticTerm final : public HamiltonianTerm {
 public:
  /// fractions c_s and prefactors ν_s (one per species); `fourier` outlives the term.
  KineticTerm(FourierTransform& fourier, std::vector<double> fractions, std::vector<double> nu);
  std::string name() const override { return "kinetic"; }

  double prefactor(int s) const { return nu_[s]; }   ///< ν_s
  /// out = -Δv (without ν_s: the Hamiltonian fuses the factor into its pass).
  void laplacianNeg(const Field& v, Field& out) { fft_.laplacianNeg(v, out); }
  void laplacianNeg(const ComplexField& v, ComplexField& out) { fft_.laplacianNeg(v, out); }
  /// ν_s⟨v, -Δv⟩ by Parseval (one forward FFT), real or complex v.
  double form(int s, const Field& v);
  double form(int s, const ComplexField& v);

 private:
  FourierTransform& fft_;
  std::vector<double> c_, nu_;
};

}  // namespace cbec
