#pragma once
/// @file few_mode_model.hpp
/// A Galerkin (few-mode) statement of the mean-field Hamiltonian (F 3.5) over M real orthonormal
/// orbitals φ_0, …, φ_{M-1}:
///
///   H_N = Σ_ij h_ij a_i† a_j + (λ/2) Σ_ijkl V_ijkl a_i† a_j† a_l a_k,     λ = 1/N (F 3.5),
///   h_ij = ⟨φ_i, h φ_j⟩,   V_ijkl = ∬ φ_i(x) φ_j(y) V(x - y) φ_k(x) φ_l(y) dx dy.
///
/// Real h (symmetric) and real V with V_ijkl = V_jilk (exchange of the two particles) and
/// V_ijkl = V_klij (hermiticity) are required. The same data give the Galerkin restriction of the
/// Hartree equation i∂_t φ = h φ + (V ∗ |φ|²) φ (F 3.12, 4.4) for φ = Σ_i c_i φ_i,
///
///   i ċ_i = Σ_j h_ij c_j + Σ_jkl V_ijkl c̄_j c_k c_l = (h c + H[c] c)_i,   H[c]_ik = Σ_jl V_ijkl c̄_j c_l,
///
/// with the conserved energy E[c] = ⟨c, h c⟩ + ½ Σ V_ijkl c̄_i c̄_j c_k c_l (per particle), and the
/// kernels of the Bogoliubov fluctuation generator around φ (bogoliubov_flow.hpp):
///
///   K1[c]_ik = ⟨φ_i, φ V(x-y) φ̄ φ_k⟩ = Σ_ab V_ibak c_a c̄_b,    K2[c]_ik = Σ_ab V_ikab c_a c_b.
///
/// @code
///   cbec::FewModeModel H = cbec::doubleWellModes(1.0, 0.5);   // two modes, gap 1, U = 0.5
///   Eigen::VectorXcd c(2); c << 1, 0;
///   H.energy(c);                                                  // ⟨c,hc⟩ + ½ V_0000 = 0.125
/// @endcode
#include <cbec/manybody/mode_hamiltonian.hpp>
#include <cbec/model/radial_potential.hpp>

#include <Eigen/Dense>

#include <complex>
#include <vector>

namespace cbec {

class FewModeModel {
 public:
  /// h: M × M symmetric; V: M^4 entries, V[((i M + j) M + k) M + l] = V_ijkl. InputError if the
  /// sizes disagree, an entry is not finite, or a symmetry is violated beyond 1e-12 · max|V|.
  FewModeModel(Eigen::MatrixXd h, std::vector<double> V);

  int modes() const { return M_; }
  const Eigen::MatrixXd& oneBody() const { return h_; }
  double V(int i, int j, int k, int l) const { return V_[((i * M_ + j) * M_ + k) * M_ + l]; }
  const std::vector<double>& interaction() const { return V_; }

  /// H[c]_ik = Σ_jl V_ijkl c̄_j c_l: the Hartree potential V ∗ |φ|² in the mode basis.
  Eigen::MatrixXcd hartreeMatrix(const Eigen::VectorXcd& c) const;
  /// K1[c] and K2[c] (see above).
  Eigen::MatrixXcd exchangeKernel(const Eigen::VectorXcd& c) const;
  Eigen::MatrixXcd pairingKernel(const Eigen::VectorXcd& c) const;
  /// -i (h c + λ H[c] c): the right-hand side of the Galerkin Hartree equation with coupling λ.
  Eigen::VectorXcd hartreeVelocity(const Eigen::VectorXcd& c, double lambda = 1.0) const;
  /// E[c] = ⟨c, h c⟩ + (λ/2) Σ V c̄ c̄ c c (the Hamiltonian of the flow).
  double energy(const Eigen::VectorXcd& c, double lambda = 1.0) const;

 private:
  int M_;
  Eigen::MatrixXd h_;
  std::vector<double> V_;
};

/// The same data as the generic one- or two-species input of `cbec manybody` (mode_hamiltonian.hpp):
/// one species of N particles with pair factor λ (default 1/N, F 3.5), for FockHamiltonian.
ModeHamiltonian asModeHamiltonian(const FewModeModel& model, int N, double lambda = -1);

/// Two modes φ1 = (w_L + w_R)/√2, φ2 = (w_L - w_R)/√2 of a symmetric double well (localised w_L, w_R
/// without overlap, contact interaction with ∫w⁴ = U): h = diag(0, gap), and
/// V_ijkl = U/2 when an even number of the indices is 2 (the second mode), else 0. The two orbitals
/// differ in space, so nothing factorises (the Bose–Hubbard dimer in its eigenmode basis).
FewModeModel doubleWellModes(double gap, double U);

/// The spatial part of the toy model (F 3.3–3.5, MODEL.md §6) in the M lowest s-wave eigenfunctions
/// of -Δ + |x|² on ℝ³, φ_n(x) = R_n(r)/√(4π), R_n ∝ L_n^{(1/2)}(r²) e^{-r²/2}, φ_0 = π^{-3/4} e^{-|x|²/2}:
///   h_ν = (ν/2)(-Δ + |x|² - 3) = diag(2νn),
///   V_ijkl = ∬ r² r'² R_i R_k(r) R_j R_l(r') K(r, r') dr dr',
/// K(r, r') the spherical average of the radial potential (RadialPotential::sphericalAverage; for the
/// Gaussian s e^{-|x|²/(2w²)}: s e^{-(r-r')²/(2w²)} (1 - e^{-2a})/(2a), a = r r'/w²), by
/// Gauss–Legendre quadrature on [0, r_max]. Gaussian: V_0000 = s (w²/(1+w²))^{3/2} exactly.
/// Truncating to s-waves is a Galerkin restriction: pairs scattered into l ≠ 0 are left out, on
/// both the many-body and the Hartree side. InputError unless 1 ≤ M ≤ 24 (the 160-point quadrature on
/// [0, √(4M+3) + 9] resolves R_n up to n = 23: M = 20 and 24 lie the same 1.94e-11 from the radial flow) and ν > 0 finite.
FewModeModel toyModelModes(int M, double nu, const RadialPotential& V);
/// R_n(r) = sqrt(2 n!/Γ(n+3/2)) L_n^{(1/2)}(r²) e^{-r²/2}, normalised with weight r² dr (φ_n = R_n/√(4π)).
double radialOscillator(int n, double r);
/// The Gaussian V(x) = strength · e^{-|x|²/(2 width²)}.
FewModeModel toyModelModes(int M, double nu, double strength, double width);

}  // namespace cbec
