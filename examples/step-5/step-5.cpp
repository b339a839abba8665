// step-5: the many-body ground-state energy E_N^Q against Hartree and Bogoliubov.
//
// The problem. N bosons of one species in the plane, trap V(x) = |x|², attractive pair potential of fixed
// range (β = 0) with the mean-field pair factor 1/(N − 1) (M 1.1, MODEL.md §1):
//
//   H_N = Σ_j (−Δ_j + |x_j|²) − (a/(N−1)) Σ_{i<j} w(x_i − x_j),   w(x) = π^{-1} e^{−|x|²},  a = 3,
//   E_N^Q = N^{-1} inf spec H_N                                                     (M 1.6).
//
// Two approximations are compared with the exact value:
//   Hartree     E^H = min over product states u^{⊗N} of ⟨H_N⟩/N = ⟨u, h u⟩ − (a/2)∫∫|u(x)|²w(x−y)|u(y)|²
//               (independent of N here). Since u^{⊗N} is a trial state, E_N^Q ≤ E^H, and E_N^Q → E^H
//               (M Theorem 5 / 2.12 at leading order).
//   Bogoliubov  the next order: E_N^Q = E^H + e_B/N + o(1/N), e_B = inf spec of the quadratic Hamiltonian
//               of the excitations around the Hartree minimiser (e_B < 0). So N(E^H − E_N^Q) → −e_B.
//
// The numerics (include/cbec/manybody/): the problem is projected onto the oscillator modes of the trap
// with shells n_x + n_y ≤ 2 (6 modes); the pair-potential matrix elements ⟨ij|w|kl⟩ are exact for the
// Gaussian. H_N acts matrix-free on the even sector of the Fock space (the ground state is even under
// x ↦ −x and y ↦ −y), and its lowest eigenvalue is found by Lanczos. E^H and e_B are computed in the
// same modes, so all three energies are exact statements about one finite-dimensional problem and
// differ only by the physics: the comparison is free of any discretisation error.
//
// What this program does:
//   1. builds the model with the Gaussian Hartree pair potential and solves N = 2, 4, 8, 16
//      (solveFiniteN: Lanczos, mode Hartree, Bogoliubov, marginals);
//   2. for N = 2 and 4, diagonalises the same Fock-space operator densely (Eigen), a second method;
//   3. prints E_N^Q, E^H, N(E^H − E_N^Q) against −e_B and the condensate fraction, and checks
//      E_N^Q ≤ E^H, the Bogoliubov limit (the remainder shrinking like 1/N; its Richardson extrapolation
//      2g(16) − g(8) of g(N) = N(E^H − E_N^Q) within 2% of −e_B) and the dense eigenvalues.
// It exits nonzero if a check fails.
#include <cbec/manybody/finite_n.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/model/mixture.hpp>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <cstdio>
#include <vector>

namespace {

using namespace cbec;

constexpr int kShells = 2;

/// The lowest eigenvalue of H_N in the even sector by dense diagonalisation: the columns H e_j.
double denseGroundEnergy(const Mixture& mixture, int N) {
  FockHamiltonian H(mixtureModeHamiltonian(mixture, {N}, kShells).model);
  const std::size_t D = H.dimension();
  Eigen::MatrixXd M(D, D);
  std::vector<double> e(D, 0.0), column(D);
  for (std::size_t j = 0; j < D; ++j) {
    e[j] = 1;
    H.apply(e.data(), column.data());
    e[j] = 0;
    for (std::size_t i = 0; i < D; ++i) M(i, j) = column[i];
  }
  return Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(M, Eigen::EigenvaluesOnly).eigenvalues()(0);
}

}  // namespace

int main() {
  // 1. The model: one species, a = 3, V = |x|², Gaussian w of fixed range (β = 0), pair factor 1/(N−1).
  const std::vector<double> origin{0.0, 0.0};
  const Mixture base(2, {Species{"A", 1.0, 3.0, Trap::power(2.0, origin)}}, Eigen::MatrixXd::Zero(1, 1),
                     PairInteraction::hartree(PairProfile::byName("gaussian", "profile"), 2.0, 0.0),
                     PairScaling::NMinusOne, 2.0);
  FiniteNOptions options;
  options.shells = kShells;

  std::printf("%4s %8s %18s %18s %13s %13s %11s %10s\n", "N", "dim", "E_N^Q", "E^H", "N(E^H-E^Q)", "-e_B",
              "remainder", "cond.frac");
  bool ok = true;
  double previousRemainder = 0, previousScaledGap = 0;
  for (int N : {2, 4, 8, 16}) {
    const Mixture mixture = manybodyMixture(base, {N});
    const FiniteNResult r = solveFiniteN(mixture, {N}, options);
    const double scaledGap = N * (r.hartree.energy - r.energy);
    const double remainder = scaledGap + r.bogoliubov.e_B;   // N(E^H − E^Q) − (−e_B) = O(1/N)
    std::printf("%4d %8zu %18.12f %18.12f %13.6e %13.6e %11.3e %10.6f\n", N, r.dimension, r.energy,
                r.hartree.energy, scaledGap, -r.bogoliubov.e_B, remainder, r.condensate_fraction[0]);
    if (N == 16) {
      // Richardson in 1/N from N = 8 and 16: 2 g(16) − g(8) = −e_B + O(1/N²)
      const double richardson = 2 * scaledGap - previousScaledGap;
      std::printf("N(E^H - E^Q) extrapolated from N = 8, 16: %.6e, -e_B = %.6e, relative difference %.1e\n",
                  richardson, -r.bogoliubov.e_B, std::abs(richardson + r.bogoliubov.e_B) / -r.bogoliubov.e_B);
      ok = ok && std::abs(richardson + r.bogoliubov.e_B) < 2e-2 * -r.bogoliubov.e_B;
    }
    // 3. Variational bound; Lanczos converged; the remainder halves (±) per doubling of N.
    ok = ok && r.lanczos_converged && r.hartree.converged && r.bogoliubov.stable && r.energy < r.hartree.energy;
    if (previousRemainder > 0) ok = ok && remainder > 0 && remainder / previousRemainder < 0.6;
    previousRemainder = remainder;
    previousScaledGap = scaledGap;

    // 2. A second method for the small cases: dense diagonalisation of the same operator.
    if (N <= 4) {
      const double dense = denseGroundEnergy(mixture, N);
      std::printf("     dense diagonalisation: inf spec H_N = %.14f, Lanczos %.14f, difference %.1e\n", dense,
                  r.energy_total, std::abs(dense - r.energy_total));
      ok = ok && std::abs(dense - r.energy_total) < 1e-10 * std::abs(dense);
    }
  }
  std::printf("%s\n", ok ? "all checks pass" : "CHECK FAILED");
  return ok ? 0 : 1;
}
