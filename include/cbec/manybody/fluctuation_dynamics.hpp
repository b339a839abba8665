#pragma once
/// @file fluctuation_dynamics.hpp
/// The fluctuation dynamics of F §5 (5.26–5.29, 5.36, 5.37) in a few-mode space: the full generator 𝓛(t)
/// and its quadratic part 𝓛₂(t) on the Fock space ℱ over the M modes of a FewModeModel, around the
/// Galerkin Hartree orbital φ_t = Σ_i c_i(t) φ_i (mode_hartree_flow.hpp), and the two propagators
///
///   i ∂_t 𝒰(t;0) = 𝓛(t) 𝒰(t;0),   i ∂_t 𝒰₂(t;0) = 𝓛₂(t) 𝒰₂(t;0),   𝒰(0;0) = 𝒰₂(0;0) = 1   (F 5.28, 5.29),
///
/// applied to the vacuum Ω (the fluctuations of φ^{⊗N}; F 5.46). F (5.36) bounds
/// ‖(𝒩+1)^j (𝒰 − 𝒰₂)ψ‖ ≤ M_j e^{M_j t} N^{-1/2} (…): the difference is measured here against N.
///
/// **Derivation (mode basis).** On ℱ the Hamiltonian is ℋ_N = Σ_ij h_ij a_i† a_j + (1/2N) Σ_ijkl V_ijkl
/// a_i† a_j† a_l a_k (its n-particle sector is H_n of few_mode_model.hpp with pair factor λ = 1/N; the
/// (1/N)Σ_{ℓ<r} of (F 3.5, 5.9) is (1/2N)∫∫V a_x†a_y†a_y a_x). The Weyl operator W(√N φ) shifts
/// a_i → a_i + √N c_i. Expanding W*(√Nφ_t) ℋ_N W(√Nφ_t) − i W*(√Nφ_t) ∂_t W(√Nφ_t) by powers of a: the
/// linear terms are √N (a†(−i ċ + h c + H[c] c) + h.c.) and vanish because c solves the Hartree
/// equation with coupling 1, i ċ = h c + H[c] c; c-numbers only change a phase (dropped, as in F 5.28).
/// With H[c]_ik = Σ_jl V_ijkl c̄_j c_l, K1[c]_ik = Σ_ab V_ibak c_a c̄_b, K2[c]_ij = Σ_ab V_ijab c_a c_b
/// (few_mode_model.hpp) and C[c]_ijk = Σ_l V_ijkl c_l:
///
///   𝓛₂(t) = Σ_ik (h + H[c_t] + K1[c_t])_ik a_i† a_k + ½ Σ_ij (K2[c_t]_ij a_i† a_j† + conj(K2[c_t]_ij) a_j a_i),
///   𝓛(t)  = 𝓛₂(t) + 𝓛₃(t) + 𝓛₄,
///   𝓛₃(t) = N^{-1/2} Σ_ijk (C[c_t]_ijk a_i† a_j† a_k + conj(C[c_t]_ijk) a_k† a_j a_i),      (F 5.37)
///   𝓛₄    = (1/2N) Σ_ijkl V_ijkl a_i† a_j† a_l a_k.
///
/// (𝓛₃'s two terms are N^{-1/2} Σ V_ijkl (c_l a_i†a_j†a_k + c̄_j a_i†a_l a_k) of (F 5.26), adjoint to each other
/// by V_ijkl = V_klij.) The pairing term and 𝓛₄ carry the factor ½ that the expansion gives; (F 5.26, 5.27,
/// 5.37) as printed have 1 and 1/N there (the convention V/2 of the references). The code follows the
/// expansion: tests/manybody/test_fluctuation_dynamics.cpp checks it against the exact coherent-state
/// evolution, ⟨a_j†a_i⟩ of e^{-itℋ_N}W(√Nφ_0)Ω = Σ_n Poisson_N(n)·n·γ_n^(1)(t) (sectors evolved exactly with
/// pair factor 1/N) = N c_i c̄_j + √N (c_i ᾱ_j + α_i c̄_j) + ⟨a_j†a_i⟩ of 𝒰(t;0)Ω, α_i = ⟨a_i⟩ of 𝒰(t;0)Ω.
/// For V = 0, 𝓛 = 𝓛₂ = dΓ(h) and the two propagators agree exactly. 𝒰₂Ω is the quasi-free state whose
/// ⟨a_j†a_i⟩ = (V V†)_ij with i U̇ = A U + B V̄, i V̇ = A V + B Ū, U(0) = 1, V(0) = 0, A = h + H[c] + K1[c],
/// B = K2[c] (quadraticFluctuationDensity: the unprojected form of bogoliubovFlow; tested).
///
/// **Truncation.** ℱ is cut to the shells 𝒩 ≤ n_max (P the projection); the vectors evolve under P𝓛P (and
/// P𝓛₂P). By Duhamel and unitarity of the exact propagator, ‖ψ(t) − ψ_P(t)‖ ≤ ∫_0^t ‖(1 − P) 𝓛(s) ψ_P(s)‖ ds:
/// this a-posteriori bound is integrated with the flow (𝓛 raises 𝒩 by at most 2, so the shells n_max + 1,
/// n_max + 2 are kept for it). Integrator: DOPRI5 (numerics/dormand_prince.hpp) on (c, ψ, bound).
#include <cbec/fragmentation/fock_basis.hpp>
#include <cbec/manybody/few_mode_model.hpp>

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include <limits>
#include <vector>

namespace cbec {

/// 𝓛(t) (N finite) and 𝓛₂(t) (N = ∞) on the shells 𝒩 ≤ n_max of ℱ, as maps from the truncated space to
/// the shells 𝒩 ≤ n_max + 2 (the leak (1 − P)𝓛 is returned separately).
class FluctuationGenerator {
 public:
  /// Keeps a reference to H (must outlive this object). InputError unless 0 ≤ cutoff and the space has at
  /// most 2e6 states.
  FluctuationGenerator(const FewModeModel& H, int cutoff);

  const FewModeModel& model() const { return H_; }
  int modes() const { return M_; }
  int cutoff() const { return cutoff_; }
  /// States with 𝒩 ≤ cutoff (shell-ordered: the vacuum first).
  std::size_t dimension() const { return offset_[cutoff_ + 1]; }
  /// Index of an occupation vector with Σ m ≤ cutoff + 2.
  std::size_t index(const Occupations& m) const;
  /// 𝒩 of the state with this index.
  int shell(std::size_t index) const;

  /// y = P 𝓛(t) x for the orbital c = c(t) (𝓛₂ when N is infinite); `leak`, if given, gets ‖(1 − P) 𝓛 x‖.
  Eigen::VectorXcd apply(const Eigen::VectorXcd& c, double N, const Eigen::VectorXcd& x, double* leak = nullptr) const;

  /// ⟨x, a_j† a_i x⟩ at (i, j) (the excitations' one-body density).
  Eigen::MatrixXcd density(const Eigen::VectorXcd& x) const;
  /// ⟨x, a_i x⟩.
  Eigen::VectorXcd field(const Eigen::VectorXcd& x) const;
  /// (𝒩 + 1)^j x.
  Eigen::VectorXcd numberPower(const Eigen::VectorXcd& x, int j) const;

 private:
  using Sparse = Eigen::SparseMatrix<double, Eigen::RowMajor>;
  /// Σ coefficient · a_{create…}† a_{annihilate…} from the truncated space to the extended one.
  Sparse monomial(const std::vector<int>& create, const std::vector<int>& annihilate) const;

  const FewModeModel& H_;
  int M_, cutoff_;
  std::vector<std::size_t> offset_;         ///< offset_[n]: first index of shell n (n ≤ cutoff + 3)
  std::vector<FockBasis> shells_;           ///< FockBasis(M, n), n ≤ cutoff + 2
  std::vector<Sparse> oneBody_;             ///< a_i† a_k at i M + k
  std::vector<Sparse> pairCreate_, pairAnnihilate_;   ///< a_i† a_j†, a_j a_i (i ≤ j, packed)
  std::vector<Sparse> cubicCreate_, cubicAnnihilate_; ///< a_i† a_j† a_k, a_k† a_j a_i (i ≤ j; packed × M)
  Sparse quartic_;                          ///< Σ V_ijkl a_i† a_j† a_l a_k
  std::vector<std::pair<int, int>> pairs_;  ///< (i, j), i ≤ j
};

/// 𝒰(t;0)Ω (or 𝒰₂(t;0)Ω for N = ∞) at each time.
struct FluctuationRun {
  std::vector<double> times;
  std::vector<Eigen::VectorXcd> states;     ///< over FluctuationGenerator's truncated space
  std::vector<Eigen::VectorXcd> orbitals;   ///< c(t), the Hartree orbital
  std::vector<double> truncationBound;      ///< ∫_0^t ‖(1 − P)𝓛ψ_P‖ ds ≥ ‖ψ(t) − ψ_P(t)‖
  long long steps = 0;                      ///< accepted DOPRI5 steps
};

/// Evolve Ω with the generator (N = ∞: 𝓛₂) from the orbital c0 (unit vector) to the ascending times (≥ 0),
/// DOPRI5 with absolute tolerance `tol` per unit time. NumericalError if the integration fails.
FluctuationRun evolveFluctuations(const FluctuationGenerator& G, const Eigen::VectorXcd& c0, double N,
                                  const std::vector<double>& times, double tol = 1e-10);

/// ⟨a_j† a_i⟩ of 𝒰₂(t;0)Ω from the Bogoliubov map (V V†, see above), at each time (validation of 𝓛₂).
std::vector<Eigen::MatrixXcd> quadraticFluctuationDensity(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                                          const std::vector<double>& times, double tol = 1e-12);

/// ‖(𝒰 − 𝒰₂)Ω‖ over N and t.
struct FluctuationComparison {
  std::vector<double> N, times;
  int cutoff = 0;
  std::vector<std::vector<double>> difference;         ///< [N][t] ‖(𝒰(t;0) − 𝒰₂(t;0))Ω‖
  std::vector<std::vector<double>> numberDifference;   ///< [N][t] ‖(𝒩 + 1)(𝒰 − 𝒰₂)Ω‖ (j = 1 in F 5.36)
  std::vector<std::vector<double>> truncationBound;    ///< [N][t] bound(𝒰Ω) + bound(𝒰₂Ω) ≥ |d_P − d|
  std::vector<std::vector<double>> excitations;        ///< [N][t] ⟨𝒩⟩ of 𝒰Ω
  std::vector<double> quadraticExcitations;            ///< [t] ⟨𝒩⟩ of 𝒰₂Ω (= Tr V V†)
  std::vector<double> fittedExponent;                  ///< [t] slope of log difference against log N
  long long steps = 0;
};

FluctuationComparison compareFluctuationDynamics(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                                 const std::vector<double>& N, const std::vector<double>& times,
                                                 int cutoff, double tol = 1e-10);

}  // namespace cbec
