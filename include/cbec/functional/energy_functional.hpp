#pragma once
/// @file energy_functional.hpp
/// The mean-field energy per particle of a Mixture on a Grid — Hartree (M 1.7, §3.1) and
/// Gross–Pitaevskii (M 1.9) in one implementation; contact is the case w_N = δ ("no convolution"):
///
///   E(u) = Σ_s c_s [ ∫|∇u_s|² + ∫V_s ρ_s - (ã_s/2) ∫ρ_s (w_N*ρ_s) ] - Σ_{s<t} c_s c_t a_st ∫ρ_s (w_N*ρ_t),
///   ρ_s = |u_s|², ‖u_s‖₂ = 1, ã_s = κ_s a_s (κ_s = 1 for pair scaling "N-1", see mixture.hpp).
///
/// Per-species terms (already weighted, so that Σ_s (kinetic + trap + intra) + inter = E):
///   kinetic_s = c_s ∫|∇u_s|²,  trap_s = c_s ∫V_sρ_s,  intra_s = -(c_s ã_s/2)∫ρ_s(w_N*ρ_s),
///   inter = -Σ_{s<t} c_s c_t a_st ∫ρ_s(w_N*ρ_t).
///
/// Gradient: ∂E/∂u_s = 2 c_s H_s u_s with the mean-field Hamiltonian
///   H_s = -Δ + V_s - ã_s (w_N*ρ_s) - Σ_{t≠s} c_t a_st (w_N*ρ_t)                         (M E-L after 1.9)
/// (the c_s of the cross term c_s c_t a_st is divided out, leaving c_t), so the Euler–Lagrange
/// equations are H_s u_s = μ_s u_s, μ_s = ⟨u_s, H_s u_s⟩, and the residual is ‖H_s u_s - μ_s u_s‖₂.
///
/// Discretisation: -Δ spectrally (fourier.hpp), integrals by the trapezoidal rule, w_N*ρ by FFT
/// with the analytic ŵ_N. All FFTs go through one FourierTransform whose counter is fftCount().
#include <cbec/discretisation/fourier.hpp>
#include <cbec/discretisation/grid.hpp>
#include <cbec/model/mixture.hpp>

#include <vector>

namespace cbec {

/// One field per species.
using State = std::vector<Field>;

/// The weighted energy terms (see above).
struct EnergyTerms {
  std::vector<double> kinetic, trap, intra;
  double inter = 0;
  double total() const;
};

/// Everything the solvers need at one state: energy, terms, H_s u_s, μ_s, residuals.
struct Evaluation {
  double energy = 0;
  EnergyTerms terms;
  State lapNeg;        ///< -Δu_s
  State potential;     ///< U_s = V_s - ã_s (w*ρ_s) - Σ_{t≠s} c_t a_st (w*ρ_t): H_s = -Δ + U_s
  State residual;      ///< H_s u_s - μ_s u_s
  std::vector<double> mu, residualNorm;
  double maxResidual() const;
};

class EnergyFunctional {
 public:
  /// Plans the FFTs for `grid` (threads, FFTW_MEASURE when measure) and tabulates V_s and ŵ_N.
  EnergyFunctional(Mixture mixture, Grid grid, int threads = 1, bool measure = true);

  const Mixture& mixture() const { return m_; }
  const Grid& grid() const { return grid_; }
  FourierTransform& fourier() { return fft_; }
  int speciesCount() const { return m_.speciesCount(); }
  /// V_s sampled on the grid.
  const Field& trap(int s) const { return V_[s]; }

  /// Full evaluation at a normalised state u (2 FFTs per species, +2 per species for Hartree).
  void evaluate(const State& u, Evaluation& ev);
  Evaluation evaluate(const State& u) { Evaluation ev; evaluate(u, ev); return ev; }
  double energy(const State& u) { return evaluate(u).energy; }

  /// w_N * f (f itself for contact).
  void convolve(const Field& f, Field& out);
  /// Second derivative of the interaction part along the density variations δρ_s:
  ///   D²F[δρ, δρ] = -Σ_s c_s ã_s ∫δρ_s (w*δρ_s) - 2 Σ_{s<t} c_s c_t a_st ∫δρ_s (w*δρ_t).
  double interactionHessian(const State& drho);
  /// ⟨v, -Δv⟩ by Parseval (one forward FFT).
  double kineticForm(const Field& v);

  /// Normalise each component to ‖u_s‖₂ = 1 (NumericalError for a zero or non-finite field).
  void normalise(State& u) const;
  /// Gaussians exp(-|x - z_s|²/(2ℓ_s²)) at the trap centres (ℓ_s from the trap), normalised.
  State initialGuess() const;
  long fftCount() const { return fft_.fftCount(); }

 private:
  Mixture m_;
  Grid grid_;
  FourierTransform fft_;
  std::vector<Field> V_;
  std::vector<double> wHat_;          // ŵ_N on the half spectrum (Hartree only)
  std::vector<Field> conv_;           // scratch: w*ρ_s
  std::vector<Field> rho_;            // scratch: ρ_s
  std::vector<std::complex<double>> spec_;
};

}  // namespace cbec
