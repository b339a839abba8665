#pragma once
/// @file infinite_gap.hpp
/// The infinite-gap dynamics of F Theorem 3.2: ℓ orthonormal orbitals φ_1…φ_ℓ (each with one or more
/// components, e.g. φ_0 ⊗ e_j of the toy model, or the two lowest states of a double well), amplitudes κ_j(t),
///
///   i∂_t κ_j = ⟨φ_j, (V∗|Φ|²) Φ⟩,   Φ = Σ_c κ_c φ_c,   κ_j(0) = √n_j e^{−iθ_j}              (F 3.18)
///            = Σ_{c,a,b} T_{jc,ab} κ̄_a κ_b κ_c,   T_{jc,ab} = ∫ ⟨φ_j, φ_c⟩(x) (V∗⟨φ_a, φ_b⟩)(x) dx,
///
/// with ⟨φ_a, φ_b⟩(x) = Σ_σ φ̄_a^σ(x) φ_b^σ(x) the pointwise (spinor) pair density. The phase-averaged
///
///   K_{jl}(t) = (2π)^{−ℓ} ∫ dθ κ̄_l^θ(t) κ_j^θ(t),   γ^(1)_{∞,∞,t} = Σ_{jl} K_{jl} |φ_j⟩⟨φ_l|       (F 3.17)
///
/// is computed with the U(1) symmetry of (F 3.18) (κ^θ(t) = e^{−iθ_1} κ^{θ−θ_1}(t), so K is an average
/// over θ_2…θ_ℓ only) by the trapezoidal rule with P points per angle (spectrally accurate: the integrand
/// is a smooth periodic function of θ; P is doubled until K settles, since the θ-bandwidth grows with t). Each κ is integrated by classical RK4 with fixed substeps.
/// Conserved: Σ|κ_j|² and the energy ½ Σ T_{jc,ab} κ̄_j κ̄_a κ_b κ_c.
///
/// Shared spatial orbital (the toy model): φ_j = φ_0 ⊗ e_j gives T_{jc,ab} = c δ_jc δ_ab with
/// c = ⟨φ_0, (V∗|φ_0|²) φ_0⟩, so κ_j(t) = κ_j(0) e^{−ict} and K = diag(n) (MODEL.md §6).
#include <cbec/discretisation/grid.hpp>
#include <cbec/model/pair_interaction.hpp>

#include <Eigen/Dense>

#include <complex>
#include <vector>

namespace cbec {

/// One orbital on a grid: its components (one for a scalar orbital, ℓ for φ_0 ⊗ e_j).
using GridOrbital = std::vector<std::vector<std::complex<double>>>;

/// K(t) at the requested times and the quadrature that produced it.
struct PhaseAverage {
  std::vector<Eigen::MatrixXcd> K;
  int points = 0;       ///< trapezoidal points per angle
  double change = 0;    ///< ‖K_P − K_{P/2}‖ (largest over the times): the quadrature error estimate
};

class KappaFlow {
 public:
  /// From the tensor T (index (j·ℓ + c)·ℓ² + a·ℓ + b).
  KappaFlow(int levels, std::vector<std::complex<double>> tensor);
  /// T_{jc,ab} = c δ_jc δ_ab.
  static KappaFlow sharedOrbital(int levels, double c);
  /// T from orbitals on a grid (trapezoidal rule; V∗f by FFT with the Fourier transform V̂ of `potential`,
  /// the Gaussian in any dimension, Coulomb in 3D). Orthonormality is checked to 1e-8 (InputError).
  static KappaFlow fromOrbitals(const Grid& grid, const std::vector<GridOrbital>& orbitals,
                                const PairInteraction& potential);

  int levels() const { return l_; }
  std::complex<double> tensor(int j, int c, int a, int b) const { return T_[((j * l_ + c) * l_ + a) * l_ + b]; }
  /// dκ/dt = −i ∂ (right-hand side of F 3.18).
  Eigen::VectorXcd derivative(const Eigen::VectorXcd& kappa) const;
  /// κ(t) from κ(0) by `substeps` RK4 steps (numerics/runge_kutta4.hpp).
  Eigen::VectorXcd evolve(Eigen::VectorXcd kappa, double t, int substeps) const;
  double energy(const Eigen::VectorXcd& kappa) const;
  /// K(t) at each of `times` (increasing, ≥ 0) for occupations n, RK4 steps no longer than maxStep, and the
  /// number P of points per angle doubled from 16 until K changes by at most `tolerance` (Frobenius norm).
  PhaseAverage phaseAveraged(const std::vector<double>& occupations, const std::vector<double>& times,
                             double tolerance = 1e-11, double maxStep = 1e-3) const;
  /// K(t) with a fixed number P of points per angle.
  std::vector<Eigen::MatrixXcd> phaseAverageOnGrid(const std::vector<double>& occupations,
                                                   const std::vector<double>& times, int P, double maxStep) const;

 private:
  int l_;
  std::vector<std::complex<double>> T_;
};

/// Numerical rank of a Hermitian matrix: eigenvalues above tol · (largest |eigenvalue|).
int numericalRank(const Eigen::MatrixXcd& A, double tol = 1e-10);

/// Tr| |φ_t⟩⟨φ_t| ⊗ D − |φ_0⟩⟨φ_0| ⊗ K | for φ_t = α φ_0 + β e_⊥ (‖e_⊥‖ = 1, e_⊥ ⊥ φ_0, β ≥ 0), with
/// D, K ℓ×ℓ Hermitian: the difference lives on span{φ_0, e_⊥} ⊗ C^ℓ, a 2ℓ×2ℓ eigenvalue problem.
/// For the toy model this is Tr|γ^(1)_{∞,ν,t} − γ^(1)_{∞,∞,t}| (F 3.16) with D = diag(n).
double infiniteGapDistance(std::complex<double> alpha, double beta, const Eigen::MatrixXcd& D,
                           const Eigen::MatrixXcd& K);

}  // namespace cbec
