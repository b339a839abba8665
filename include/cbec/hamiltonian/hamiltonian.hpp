#pragma once
/// @file hamiltonian.hpp
/// The mean-field problem stated once: the energy per particle of a Mixture on a Grid as a list of terms
/// (term.hpp) — kinetic (kinetic_term.hpp), trap (trap_term.hpp), the mixture's pair term (contact,
/// contact_term.hpp, or the Hartree convolution w_N, convolution_term.hpp), and any term a caller adds —
///
///   E(u) = Σ_s c_s [ ν_s∫|∇u_s|² + ν_s∫V_s ρ_s - (ã_s/2)∫ρ_s(w_N*ρ_s) ] - Σ_{s<t} c_s c_t a_st ∫ρ_s(w_N*ρ_t) + …
///                                                                       (M 1.7 / 1.9, MODEL §2; ν_s as in F 5.11)
///
/// with ρ_s = |u_s|², ‖u_s‖ = 1, and the mean-field Hamiltonian, assembled here and nowhere else:
///
///   H_s[ρ] = ν_s(-Δ) + U_s[ρ],   U_s = Σ_T (1/c_s) δE_T/δρ_s = ν_sV_s - ã_s w_N*ρ_s - Σ_{t≠s} c_t a_st w_N*ρ_t + …
///
/// so that ∂E/∂ū_s = c_s H_s u_s (2c_s H_s u_s for real u), the Euler–Lagrange equations are H_s u_s = μ_s u_s,
/// and the Hartree flow is i∂_t u_s = H_s[ρ] u_s (F 3.12, 5.11). apply() gives v ↦ H_s[ρ]v with ρ frozen (U_s
/// passed in), for real and complex v. ν_s = 1 unless given.
///
/// Discretisation: -Δ spectrally (fourier.hpp), integrals by the trapezoidal rule, convolutions by FFT.
/// All FFTs go through one FourierTransform whose counter is fftCount().
#include <cbec/discretisation/fourier.hpp>
#include <cbec/discretisation/grid.hpp>
#include <cbec/discretisation/parallel.hpp>
#include <cbec/hamiltonian/kinetic_term.hpp>
#include <cbec/hamiltonian/term.hpp>
#include <cbec/hamiltonian/trap_term.hpp>
#include <cbec/model/mixture.hpp>

#include <array>
#include <memory>
#include <vector>

namespace cbec {

/// Everything the ground-state solvers need at one real state u: energy, terms, U_s, μ_s, residuals. Two
/// fields per species: the densities and -Δu_s pass through the residual's storage on the way.
struct Evaluation {
  double energy = 0;
  EnergyTerms terms;
  State potential;     ///< U_s[ρ]: H_s = ν_s(-Δ) + U_s
  State residual;      ///< H_s u_s - μ_s u_s
  /// μ_s = ⟨u_s, H_s u_s⟩/‖u_s‖² and ‖H_s u_s - μ_s u_s‖₂; under the total-mass constraint (mixture.hpp) the
  /// one multiplier of ‖u_1‖² + … + ‖u_S‖² = 1 in every entry, μ = Σ_s⟨u_s, H_s u_s⟩ / Σ_s‖u_s‖².
  std::vector<double> mu, residualNorm;
  std::vector<double> norm2;              ///< ‖u_s‖² (the masses c_s under the total-mass constraint)
  double maxResidual() const;
  /// (ν_s(-Δu_s))_i recovered from the residual without a transform: r_s + (μ_s - U_s)u_s, u the evaluated state.
  double kineticApplied(int s, const Field& us, size_t i) const {
    return residual[s][i] + (mu[s] - potential[s][i]) * us[i];
  }
};

class Hamiltonian {
 public:
  /// Plans the FFTs for `grid` (`threads` threads for the transforms and the pointwise passes,
  /// FFTW_MEASURE when measure), samples V_s and builds the mixture's terms (one-body ν_s(−Δ + V_s) with
  /// ν_s = Species::nu).
  Hamiltonian(Mixture mixture, Grid grid, int threads = 1, bool measure = true);
  Hamiltonian(const Hamiltonian&) = delete;
  Hamiltonian& operator=(const Hamiltonian&) = delete;

  const Mixture& mixture() const { return m_; }
  const Grid& grid() const { return grid_; }
  FourierTransform& fourier() { return *fft_; }
  int speciesCount() const { return m_.speciesCount(); }
  double fraction(int s) const { return m_.fraction(s); }
  double kineticPrefactor(int s) const { return kinetic_->prefactor(s); }   ///< ν_s
  const Field& trap(int s) const { return trap_->field(s); }                ///< V_s (without ν_s)
  long fftCount() const { return fft_->fftCount(); }
  /// Threads of the transforms and of every pointwise pass (parallel.hpp: sums do not depend on it).
  int threads() const { return fft_->threads(); }
  /// The workers of the sums over the grid's points: threads() and, on a slab (slab.hpp), the ranks, whose
  /// parts are combined in the one global order (parallel::sum: the same bits for every number of ranks).
  parallel::Team team() const { return grid_.team(threads()); }

  /// Add a term (e.g. a ConvolutionTerm with a Gaussian or a regularised Coulomb kernel). Terms built on
  /// fourier() share its plans and counter.
  void addTerm(std::unique_ptr<HamiltonianTerm> term);
  const std::vector<std::unique_ptr<HamiltonianTerm>>& terms() const { return terms_; }

  /// U_s[ρ] for every s from the densities ρ_s = |u_s|² of a real or complex state.
  void potential(const State& u, State& U);
  void potential(const ComplexState& u, State& U);
  /// U_s[ρ] from the densities themselves; the weighted energy terms except kinetic into *e (if not null).
  void potentialFromDensity(const State& rho, State& U, EnergyTerms* e = nullptr);
  /// out = H_s v = ν_s(-Δ)v + U_s v with U_s frozen (2 FFTs; c2c for complex v). out may not alias v.
  void apply(int s, const Field& U, const Field& v, Field& out);
  void apply(int s, const Field& U, const ComplexField& v, ComplexField& out);

  /// Full evaluation at a normalised real state (2 FFTs per species, +2 per species per convolution term).
  void evaluate(const State& u, Evaluation& ev);
  /// The same evaluation when the caller has already written ρ_s = u_s² into ev.residual[s] (fused into
  /// the pass that made u, e.g. the PCG step): one pass over the fields less.
  void evaluateFromDensities(const State& u, Evaluation& ev);
  /// The same when ν_s(-Δu_s) is known as well (kinetic(s, i) = (ν_s(-Δu_s))_i, e.g. by linearity along a
  /// PCG step from Evaluation::kineticApplied and ν_s(-Δp_s)): no transforms.
  template <class K> void evaluateFromDensities(const State& u, Evaluation& ev, K&& kinetic);
  Evaluation evaluate(const State& u) { Evaluation ev; evaluate(u, ev); return ev; }
  double energy(const State& u) { return evaluate(u).energy; }
  /// E at a complex state (the Hamiltonian functional of the flow), terms into *terms if not null.
  double energy(const ComplexState& u, EnergyTerms* terms = nullptr);

  /// D²F[δρ, δρ] = Σ_T D²E_T[δρ, δρ]: the second variation of the interaction part in the densities,
  ///   (mixture terms) -Σ_s c_s ã_s ∫δρ_s (w*δρ_s) - 2 Σ_{s<t} c_s c_t a_st ∫δρ_s (w*δρ_t).
  double secondVariation(const State& drho);
  /// δU_s = Σ_T (1/c_s) Σ_t ∂²E_T/∂ρ_s∂ρ_t δρ_t (the linearised potential, e.g. for Bogoliubov).
  void potentialVariation(const State& drho, State& dU);
  /// ν_s⟨v, -Δv⟩ by Parseval (one forward FFT).
  double kineticForm(int s, const Field& v) { return kinetic_->form(s, v); }
  /// The same on `fft`: fourier() or one of its lanes (FourierTransform::concurrently).
  double kineticForm(int s, const Field& v, FourierTransform& fft) { return kineticPrefactor(s) * fft.quadraticForm(v, fft.k2()); }

 private:
  Mixture m_;
  Grid grid_;
  std::unique_ptr<FourierTransform> fft_;
  std::vector<std::unique_ptr<HamiltonianTerm>> terms_;
  KineticTerm* kinetic_ = nullptr;
  TrapTerm* trap_ = nullptr;
  State rho_;                          // scratch ρ_s for potential() and energy(); evaluate() needs none

  void densities(const State& u, State& rho) const;
  void densities(const ComplexState& u, State& rho) const;
  void residualPass(int s, const Field& u, Evaluation& ev, FourierTransform& fft);
  void startEvaluation(Evaluation& ev);
  void finishResidual(int s, const Field& u, Evaluation& ev, const std::array<double, 3>& sums,
                      const parallel::Team& team);
  void finishEvaluation(const State& u, Evaluation& ev);
};

// r_s = ν_s(-Δu_s) + U_s u_s with the sums ⟨u_s, ν_s(-Δu_s)⟩, ⟨u_s, H_s u_s⟩, ‖u_s‖² in one pass, then as evaluate().
template <class K>
void Hamiltonian::evaluateFromDensities(const State& u, Evaluation& ev, K&& kinetic) {
  startEvaluation(ev);
  for (int s = 0; s < speciesCount(); ++s) {
    const Field& us = u[s];
    const Field& U = ev.potential[s];
    Field& r = ev.residual[s];
    const auto sums = parallel::sum<3>(team(), us.size(), [&](size_t i0, size_t i1) {
      std::array<double, 3> a{};
      for (size_t i = i0; i < i1; ++i) r[i] = kinetic(s, i);   // two loops: fewer streams each (cache)
      for (size_t i = i0; i < i1; ++i) {
        const double t = r[i];
        a[0] += us[i] * t;
        r[i] = t + U[i] * us[i];
        a[1] += r[i] * us[i];
        a[2] += us[i] * us[i];
      }
      return a;
    });
    finishResidual(s, us, ev, sums, team());
  }
  finishEvaluation(u, ev);
}

}  // namespace cbec
