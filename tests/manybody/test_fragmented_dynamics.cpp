// Exact finite-N dynamics of fragmented condensates next to the phase-averaged Hartree limit (F 3.14):
// exact cases, the t = 0 marginals of `cbec marginals`, and the 1/N rate.
#include <cbec/fragmentation/fragmentation_marginals.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/manybody/exact_marginals.hpp>
#include <cbec/manybody/mean_field_marginal.hpp>
#include "../support/few_mode_fock_operator.hpp"
#include <cbec/manybody/mode_hartree_flow.hpp>
#include <cbec/manybody/spinor_toy_marginals.hpp>

#include <gtest/gtest.h>

#include <cmath>

namespace {

const std::vector<Eigen::VectorXcd> kTwoOrbitals = {Eigen::VectorXcd::Unit(2, 0), Eigen::VectorXcd::Unit(2, 1)};

/// Tr|γ_N^(k)(t) - γ_∞^(k)(t)| for φ1^{⊗N1} ∨ φ2^{⊗N2} on the two modes of H.
std::vector<double> fragmentedDistances(const cbec::FewModeModel& H, std::int64_t N1, std::int64_t N2, int k,
                                        const std::vector<double>& times) {
  const int N = static_cast<int>(N1 + N2);
  const auto mf = cbec::phaseAveragedMarginals(H, kTwoOrbitals, {double(N1) / N, double(N2) / N}, k, times);
  const auto ex = cbec::exactMarginals(H, N, cbec::fragmentedFockState(cbec::FockBasis(H.modes(), N), {N1, N2}),
                                       k, times, {.tolerance = 1e-11});
  std::vector<double> d;
  for (std::size_t q = 0; q < times.size(); ++q) d.push_back(cbec::traceNorm(Eigen::MatrixXcd(ex.gamma[q] - mf.gamma[q])));
  return d;
}

TEST(FragmentedDynamics, AtTimeZeroTheDistanceIsTheExactMarginalDistance) {
  const cbec::FewModeModel H = cbec::doubleWellModes(1.0, 1.0);
  for (auto [N1, N2] : {std::pair<std::int64_t, std::int64_t>{5, 5}, {12, 18}})
    for (int k : {1, 2, 3}) {
      const cbec::FragmentationMarginals g(cbec::FragmentedState({N1, N2}), k);
      const double exact = g.traceDistance(cbec::FragmentationModel::Fragmented,
                                           cbec::FragmentationModel::PhaseAveragedProduct);
      EXPECT_NEAR(fragmentedDistances(H, N1, N2, k, {0.0})[0], exact, 1e-12) << N1 << " " << N2 << " k=" << k;
    }
}

TEST(FragmentedDynamics, WithoutInteractionTheDistanceStaysAtItsInitialValue) {
  // V = 0: Ψ(t) = (e^{-iht}φ1)^{⊗N1} ∨ (e^{-iht}φ2)^{⊗N2} exactly, and the Hartree flow is linear.
  cbec::FewModeModel H = cbec::doubleWellModes(1.0, 0.0);
  Eigen::MatrixXd h(2, 2);
  h << 0.0, 0.4, 0.4, 1.0;  // a one-body part that mixes the orbitals
  H = cbec::FewModeModel(h, H.interaction());
  for (int k : {1, 2}) {
    const auto d = fragmentedDistances(H, 6, 4, k, {0.0, 1.0, 3.0});
    EXPECT_NEAR(d[1], d[0], 1e-10);
    EXPECT_NEAR(d[2], d[0], 1e-10);
  }
  // A simple condensate φ^{⊗N} with V = 0 stays exactly a product: distance 0.
  const cbec::FewModeModel T = cbec::toyModelModes(3, 1.0, 0.0, 1.0);
  Eigen::VectorXcd c0(3);
  c0 << 0.8, 0.6, 0.0;
  const auto ex = cbec::exactMarginals(T, 8, cbec::condensateState(cbec::FockBasis(3, 8), c0), 2, {1.5});
  const auto mf = cbec::phaseAveragedMarginals(T, {c0}, {1.0}, 2, {1.5});
  EXPECT_LT(cbec::traceNorm(Eigen::MatrixXcd(ex.gamma[0] - mf.gamma[0])), 1e-10);
}

TEST(FragmentedDynamics, OneParticleFollowsTheLinearFlow) {
  // N = 1: no pairs, H_1 = h; the Hartree flow with pair factor (N-1)/N = 0 is the same linear flow.
  const cbec::FewModeModel T = cbec::toyModelModes(4, 1.0, 3.0, 1.0);
  Eigen::VectorXcd c0 = Eigen::VectorXcd::Random(4).normalized();
  const auto ex = cbec::exactMarginals(T, 1, cbec::condensateState(cbec::FockBasis(4, 1), c0), 1, {2.0});
  const Eigen::VectorXcd c = cbec::hartreeOrbitals(T, c0, {2.0}, 0.0)[0];
  EXPECT_LT(cbec::traceNorm(Eigen::MatrixXcd(ex.gamma[0] - c * c.adjoint())), 1e-10);
}

TEST(FragmentedDynamics, SpinorToyModelAtTimeZeroIsTheSpinMarginalDistance) {
  // Spatial state φ0^{⊗N} exactly; the whole distance is the spin part c_k/N (F 4.13) of `cbec marginals`.
  const cbec::FewModeModel T = cbec::toyModelModes(3, 2.0, 1.0, 1.0);
  const int N = 12;
  for (int k : {1, 2}) {
    const auto ex = cbec::exactMarginals(T, N, cbec::condensateState(cbec::FockBasis(3, N), Eigen::VectorXcd::Unit(3, 0)),
                                         k, {0.0, 1.0});
    const cbec::FragmentedState spin({7, 5});
    const auto d0 = cbec::spinorToyDistances(ex.gamma[0], Eigen::VectorXcd::Unit(3, 0), spin, k);
    const cbec::FragmentationMarginals g(spin, k);
    const double cbecMarginals = g.traceDistance(cbec::FragmentationModel::Fragmented,
                                                 cbec::FragmentationModel::PhaseAveragedProduct);
    EXPECT_NEAR(d0.total, cbecMarginals, 1e-12);
    EXPECT_NEAR(d0.spatial, 0.0, 1e-12);
    if (k == 1) EXPECT_NEAR(d0.spin, 0.0, 1e-15);  // c_1 = 0 (F 2.15)
    // Later: total ≤ spatial + spin (the triangle inequality of the proof of Theorem 3.1).
    const Eigen::VectorXcd c = cbec::hartreeOrbitals(T, Eigen::VectorXcd::Unit(3, 0), {1.0})[0];
    const auto d1 = cbec::spinorToyDistances(ex.gamma[1], c, spin, k);
    EXPECT_GT(d1.spatial, 1e-4);
    EXPECT_LE(d1.total, d1.spatial + d1.spin + 1e-12);
    if (k == 1) EXPECT_NEAR(d1.total, d1.spatial, 1e-12);  // γ_spin^(1) has trace 1 and c_1 = 0
  }
}

TEST(FragmentedDynamics, RateInNIsMinusOneInTheDoubleWell) {
  // Reference case: double well (gap 1, U = 1), N1 = N2, k = 1, t = 1; least-squares slope of
  // log Tr|γ_N - γ_∞| against log N over N = 40 … 320.
  const cbec::FewModeModel H = cbec::doubleWellModes(1.0, 1.0);
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const std::vector<int> Ns = {40, 80, 160, 320};
  for (int N : Ns) {
    const double d = fragmentedDistances(H, N / 2, N / 2, 1, {1.0})[0];
    const double x = std::log(double(N)), y = std::log(d);
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  const double n = Ns.size(), slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  EXPECT_NEAR(slope, -1.0, 0.05);
}

}  // namespace
