// step-3: exact marginals of a fragmented condensate.
//
// The problem. N bosons in two orthonormal orbitals φ_1, φ_2, N_1 in the first and N_2 in the
// second: the fragmented state Ψ_N = φ_1^{⊗N_1} ∨ φ_2^{⊗N_2} (F 1.15, 2.4). Its k-body marginal is
// diagonal in the states |k−j, j⟩ = φ_1^{⊗(k−j)} ∨ φ_2^{⊗j} with hypergeometric weights (F 2.8)
//
//   c_{k,j} = C(N_1, k−j) C(N_2, j) / C(N, k)                 rank k + 1,
//
// and as N → ∞ with n_i = N_i/N fixed it is close to the phase-averaged product state γ̃ with the
// binomial weights c̃_{k,j} = C(k, j) n_1^{k−j} n_2^j (F 2.9), not to the mixture of condensates
// ρ (weights n_1 at j = 0, n_2 at j = k, rank 2, F 2.10). Proposition 2.3: Tr|γ − γ̃| ≤ c_k/N.
//
// The constant. Expanding C(N_i, m) m!/N_i^m = 1 − m(m−1)/(2N_i) + O(N^{-2}) gives
//   c_{k,j} = c̃_{k,j} [1 + (1/N)(k(k−1)/2 − (k−j)(k−j−1)/(2n_1) − j(j−1)/(2n_2)) + O(N^{-2})],
// and since all three states share the eigenbasis, Tr|γ − γ̃| = Σ_j |c_{k,j} − c̃_{k,j}|, so
//   N·Tr|γ − γ̃| → c_k^∞ = Σ_j c̃_{k,j} |k(k−1)/2 − (k−j)(k−j−1)/(2n_1) − j(j−1)/(2n_2)|,   c_1^∞ = 0.
//
// What this program does: for n = (0.6, 0.4), k = 1..4 and N = 10^3 … 10^9 it computes the exact
// marginals (FragmentationMarginals: log-space weights, no cancellation), prints ranks, Tr|γ − γ̃|,
// Tr|γ − ρ| and N·Tr|γ − γ̃|, and checks that N·Tr|γ − γ̃| approaches c_k^∞ at rate 1/N.
#include <cbec/fragmentation/fragmentation_marginals.hpp>

#include <cmath>
#include <cstdio>

namespace {

double binomial(int n, int k) { return std::tgamma(n + 1.0) / (std::tgamma(k + 1.0) * std::tgamma(n - k + 1.0)); }

/// c_k^∞ of the expansion above.
double limitConstant(int k, double n1, double n2) {
  double c = 0;
  for (int j = 0; j <= k; ++j) {
    const double w = binomial(k, j) * std::pow(n1, k - j) * std::pow(n2, j);
    c += w * std::abs(0.5 * k * (k - 1) - 0.5 * (k - j) * (k - j - 1) / n1 - 0.5 * j * (j - 1) / n2);
  }
  return c;
}

}  // namespace

int main() {
  using namespace cbec;
  using FM = FragmentationModel;
  const double n1 = 0.6, n2 = 0.4;
  bool ok = true;
  for (int k = 1; k <= 4; ++k) {
    const double cInf = limitConstant(k, n1, n2);
    std::printf("k = %d: c_k^oo = %.12f\n", k, cInf);
    std::printf("  %12s %6s %6s %6s %14s %14s %16s\n", "N", "rk γ", "rk γ~", "rk ρ", "Tr|γ-γ~|", "Tr|γ-ρ|", "N·Tr|γ-γ~|");
    double previousGap = INFINITY;
    for (double N : {1e3, 1e5, 1e7, 1e9}) {
      const auto N1 = static_cast<std::int64_t>(n1 * N), N2 = static_cast<std::int64_t>(N) - N1;
      const FragmentationMarginals g(FragmentedState({N1, N2}), k);
      const double dP = g.traceDistance(FM::Fragmented, FM::PhaseAveragedProduct);
      const double dM = g.traceDistance(FM::Fragmented, FM::CondensateMixture);
      std::printf("  %12.0e %6zu %6zu %6zu %14.6e %14.6e %16.12f\n", N, g.rank(FM::Fragmented),
                  g.rank(FM::PhaseAveragedProduct), g.rank(FM::CondensateMixture), dP, dM, N * dP);
      // ranks k+1, k+1, 2 (F 2.12-2.14); N·Tr|γ − γ~| → c_k^∞ with an O(1/N) gap
      const double gap = std::abs(N * dP - cInf);
      ok = ok && g.rank(FM::Fragmented) == std::size_t(k + 1) && g.rank(FM::CondensateMixture) == 2 &&
           (k == 1 ? gap < 1e-12 : gap <= previousGap) && (N < 1e7 || gap < 1e-5 * std::max(1.0, cInf));
      previousGap = gap;
    }
  }
  return ok ? 0 : 1;
}
