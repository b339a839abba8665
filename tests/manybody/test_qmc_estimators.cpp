// The QMC trial's pair factor and the forward-walked one-body estimators (diffusion_monte_carlo.hpp,
// trial_modes.hpp, docs/qmc.md): (a) the mode basis u·P_a is orthonormal and, for a Gaussian u, the
// oscillator states; (b) E_L with the Jastrow factor equals HΨ_T/Ψ_T by finite differences of Ψ_T; (c) with
// the exact non-interacting trial the density matrix is diag(1, 0, …) and the pure density is u²; (d) the
// Jastrow keeps the exact N = 2 energy and lowers the variance of E_L; (e) bad [trial] keys are named.
#include <cbec/config/qmc_config.hpp>
#include <cbec/discretisation/gaussian_convolution.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/diffusion_monte_carlo.hpp>
#include <cbec/manybody/trial_modes.hpp>
#include <cbec/solver/ground_state.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "../support/two_body_reference.hpp"

namespace {

cbec::Mixture species(int d, std::vector<int> N, std::vector<double> a, double a12 = 0) {
  std::vector<cbec::Species> sp;
  int total = 0;
  for (int n : N) total += n;
  for (size_t s = 0; s < N.size(); ++s) {
    cbec::Species x;
    x.fraction = double(N[s]) / total;
    x.name = s == 0 ? "A" : "B";
    x.a = a[s];
    x.trap = cbec::Trap::power(2.0, std::vector<double>(d, 0.0));
    sp.push_back(x);
  }
  const int S = int(N.size());
  Eigen::MatrixXd c = Eigen::MatrixXd::Zero(S, S);
  if (S == 2) c(0, 1) = c(1, 0) = a12;
  return cbec::Mixture(d, sp, c, cbec::PairInteraction::hartree(std::make_shared<cbec::GaussianProfile>(), total, 0.0),
                       cbec::PairScaling::NMinusOne, double(total));
}

struct Trial {
  std::vector<std::shared_ptr<const cbec::TrialOrbital>> orbitals;
  std::vector<cbec::Field> u;
};

Trial hartree(const cbec::Mixture& m, const cbec::Grid& grid) {
  cbec::SolverOptions o;
  o.keep_history = false;
  o.measure = false;
  const auto g = cbec::groundState(m, grid, o);
  Trial t;
  for (int s = 0; s < m.speciesCount(); ++s) {
    t.orbitals.push_back(std::make_shared<cbec::SplineOrbital>(grid, g.u[s]));
    t.u.push_back(g.u[s]);
  }
  return t;
}

}  // namespace

// (a) Gram–Schmidt of u·m_b on the grid: orthonormal; for u = π^{-1/2} e^{-|x|²/2} (2D) the degree-1 modes
// are √2 x u, √2 y u and the degree-2 ones the oscillator states (x² − ½)·u·√2 etc.
TEST(TrialModes, OrthonormalAndTheOscillatorStatesForAGaussian) {
  const cbec::Grid grid(2, 64, 14.0);
  const cbec::Field u = grid.sample([](const double* x) {
    return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])) / std::sqrt(std::numbers::pi);
  });
  const cbec::TrialModes t = cbec::trialModes(grid, u, 2);
  ASSERT_EQ(t.size(), 6);
  EXPECT_NEAR(t.length, std::sqrt(0.5), 1e-10);
  EXPECT_NEAR(t.centre[0], 0.0, 1e-12);
  double worst = 0;
  for (int a = 0; a < 6; ++a)
    for (int b = 0; b < 6; ++b) {
      double s = 0;
      for (size_t g = 0; g < grid.size(); ++g) {
        double x[2], P[6];
        grid.point(g, x);
        t.polynomials(x, P);
        s += u[g] * u[g] * P[a] * P[b] * grid.cellVolume();
      }
      worst = std::max(worst, std::abs(s - (a == b ? 1.0 : 0.0)));
    }
  EXPECT_LT(worst, 1e-10);
  double x[2] = {0.3, -0.7}, P[6];
  t.polynomials(x, P);
  EXPECT_NEAR(P[0], 1.0, 1e-10);
  EXPECT_NEAR(P[1], std::sqrt(2.0) * 0.3, 1e-10);     // x
  EXPECT_NEAR(P[2], std::sqrt(2.0) * -0.7, 1e-10);    // y
  EXPECT_NEAR(P[3], std::sqrt(2.0) * (0.09 - 0.5), 1e-9);   // x²: (2x² − 1)/√2
  EXPECT_NEAR(P[4], 2.0 * 0.3 * -0.7, 1e-9);          // xy
  EXPECT_THAT(t.labels(), ::testing::ElementsAre("u", "u·x", "u·y", "u·x^2", "u·x·y", "u·y^2"));
}

// The separable Gaussian convolution: e^{−κ|x|²} * e^{−α|x|²} = (π/(κ+α))^{d/2} e^{−κα|x|²/(κ+α)} (2D).
TEST(GaussianConvolution, MatchesTheClosedFormForTwoGaussians) {
  const cbec::Grid grid(2, 64, 16.0, {0.5, 0.0});
  const double kappa = 1.3, alpha = 0.7;
  const cbec::Field f = grid.sample([&](const double* x) { return std::exp(-alpha * (x[0] * x[0] + x[1] * x[1])); });
  const cbec::Field g = cbec::gaussianConvolution(grid, f, kappa);
  double worst = 0;
  for (size_t i = 0; i < grid.size(); i += 7) {
    double x[2];
    grid.point(i, x);
    const double r2 = x[0] * x[0] + x[1] * x[1];
    const double exact = std::numbers::pi / (kappa + alpha) * std::exp(-kappa * alpha / (kappa + alpha) * r2);
    worst = std::max(worst, std::abs(g[i] - exact));
  }
  EXPECT_LT(worst, 1e-10);
}

// (b) E_L = HΨ_T/Ψ_T with the pair factor: −Σ_i Δ_iΨ_T/Ψ_T by central differences of log Ψ_T.
TEST(QmcJastrow, LocalEnergyIsHPsiOverPsiByFiniteDifferences) {
  const cbec::Mixture m = species(2, {2, 1}, {2.0, 1.0}, 3.0);
  const auto u = std::make_shared<cbec::GaussianOrbital>(std::vector<double>{0.9, 1.1}, std::vector<double>{0.0, 0.0});
  const cbec::DiffusionMonteCarlo plain(m, {2, 1}, {u, u});
  const cbec::DiffusionMonteCarlo dmc(m, {2, 1}, {u, u}, 0.8);
  ASSERT_TRUE(dmc.hasJastrow());
  EXPECT_GT(dmc.jastrowAmplitude(0, 0), 0);   // attraction: the pair factor bunches
  const std::vector<double> R = {0.3, -0.2, 0.1, 0.25, -0.4, 0.5};
  auto logPsi = [&](const std::vector<double>& X) {
    double s = 0;
    for (int i = 0; i < 3; ++i) s += u->logValue(&X[2 * i]).value;
    for (int i = 0; i < 3; ++i)
      for (int j = i + 1; j < 3; ++j) {
        const int si = i < 2 ? 0 : 1, sj = j < 2 ? 0 : 1;
        const double r2 = std::pow(X[2 * i] - X[2 * j], 2) + std::pow(X[2 * i + 1] - X[2 * j + 1], 2);
        s += dmc.jastrowAmplitude(si, sj) * std::exp(-dmc.jastrowKappa() * r2);
      }
    return s;
  };
  const double h = 1e-4;
  double kin = 0, pot = 0;
  for (size_t k = 0; k < R.size(); ++k) {
    std::vector<double> p = R, q = R;
    p[k] += h;
    q[k] -= h;
    const double l0 = logPsi(R), lp = logPsi(p), lq = logPsi(q);
    const double d1 = (lp - lq) / (2 * h), d2 = (lp - 2 * l0 + lq) / (h * h);
    kin -= d2 + d1 * d1;   // −ΔΨ/Ψ = −(Δ log Ψ + |∇ log Ψ|²)
  }
  for (int i = 0; i < 3; ++i) pot += R[2 * i] * R[2 * i] + R[2 * i + 1] * R[2 * i + 1];   // V = |x|²
  const double expect = kin + pot + plain.pairEnergy(R.data());
  EXPECT_NEAR(dmc.localEnergy(R), expect, 1e-5);
  EXPECT_GT(std::abs(dmc.localEnergy(R) - plain.localEnergy(R)), 1e-2);   // the factor matters here
}

// (c) non-interacting N = 3 (2D) with the exact trial: Φ = Ψ_T, so every forward walk has W_d = W_m and
// γ in the modes is diag(1, 0, …) (γ_00 = 1 and the block a, b ≥ 1 exactly 0; γ_0a = 0 within its error);
// the pure and the mixed densities are u² = e^{−|x|²}/π within their errors.
TEST(QmcEstimators, ExactTrialGivesAPureCondensateAndTheTrialDensity) {
  const int N = 3, d = 2;
  const cbec::Mixture m = species(d, {N}, {0.0});
  const auto u = std::make_shared<cbec::GaussianOrbital>(std::vector<double>{1.0, 1.0}, std::vector<double>{0.0, 0.0});
  const cbec::DiffusionMonteCarlo dmc(m, {N}, {u});
  const cbec::Grid grid(2, 64, 14.0);
  const cbec::Field ug = grid.sample([](const double* x) {
    return std::exp(-0.5 * (x[0] * x[0] + x[1] * x[1])) / std::sqrt(std::numbers::pi);
  });
  cbec::DmcOptions o;
  o.walkers = 100;
  o.time_step = 0.02;
  o.equilibration_time = 0.5;
  o.max_steps = 1000;
  o.min_steps = 1000;
  o.forward_walkers = 8;
  o.forward_every = 10;
  o.forward_time = 0.2;
  o.modes = {cbec::trialModes(grid, ug, 2)};
  o.density = {{8, 6.0, {0.0, 0.0}}};
  const cbec::DmcResult r = dmc.run(o);
  const Eigen::MatrixXd& G = r.density_matrix[0];
  ASSERT_EQ(G.rows(), 6);
  EXPECT_NEAR(G(0, 0), 1.0, 1e-12);
  for (int a = 1; a < 6; ++a) {
    for (int b = 1; b < 6; ++b) EXPECT_NEAR(G(a, b), 0.0, 1e-14) << a << b;
    EXPECT_GT(r.density_matrix_error[0](0, a), 0);
    EXPECT_NEAR(G(0, a), 0.0, 4 * r.density_matrix_error[0](0, a)) << a;
  }
  // the largest eigenvalue: 1 + Σ_a γ_0a² to second order, so noise lifts it by ~Σ σ_0a² (never below 1)
  double bias = 0;
  for (int a = 1; a < 6; ++a) bias += std::pow(4 * r.density_matrix_error[0](0, a), 2);
  EXPECT_GE(r.largest_eigenvalue[0], 1.0 - 1e-12);
  EXPECT_LE(r.largest_eigenvalue[0], 1.0 + bias);
  // densities: the bins' means of u² against the estimates, χ² per bin of the pure one O(1)
  double chi2 = 0, worstMixed = 0;
  int bins = 0;
  const double hb = 6.0 / 8;
  for (int i = 0; i < 8; ++i)
    for (int j = 0; j < 8; ++j) {
      const double x0 = -3 + i * hb, y0 = -3 + j * hb;
      const double mean = 0.25 * (std::erf(x0 + hb) - std::erf(x0)) * (std::erf(y0 + hb) - std::erf(y0)) / (hb * hb);
      const size_t c = size_t(i) * 8 + j;
      if (mean < 1e-3) continue;
      ++bins;
      chi2 += std::pow((r.density_pure[0][c] - mean) / r.density_pure_error[0][c], 2);
      if (mean > 0.05) worstMixed = std::max(worstMixed, std::abs(r.density_mixed[0][c] - mean) / mean);
    }
  EXPECT_GT(bins, 20);
  EXPECT_LT(chi2 / bins, 2.5) << "chi2/bin " << chi2 / bins;
  EXPECT_LT(worstMixed, 0.1);
}

// (d) N = 2, a = 2 (2D Gaussian, β = 0): with the pair factor (range 1, one-body compensation) the DMC
// energy is still the exact two-body energy (within 2σ) and the variance of E_L falls (measured 0.0114
// against 0.0251 with the product trial, docs/qmc.md).
TEST(QmcJastrow, TwoBosonsExactEnergyAndLowerVariance) {
  const cbec::Mixture m = species(2, {2}, {2.0});
  const double exact = cbec::testing::twoBodyGroundEnergy(2.0, 1.0, 40) / 2;
  const cbec::Grid grid(2, 128, 16.0);
  const Trial t = hartree(m, grid);
  const std::vector<cbec::Field> comp = cbec::DiffusionMonteCarlo(m, {2}, t.orbitals, 1.0).compensatedOrbitals(grid, t.u);
  EXPECT_NEAR(grid.norm(comp[0]), 1.0, 1e-12);
  EXPECT_LT(comp[0][grid.size() / 2 + 64], t.u[0][grid.size() / 2 + 64]);   // the centre lowered: e^{−χ}, χ > 0
  const cbec::DiffusionMonteCarlo jastrow(m, {2}, {std::make_shared<cbec::SplineOrbital>(grid, comp[0])}, 1.0);
  cbec::DmcOptions o;
  o.walkers = 200;
  o.time_step = 0.02;
  o.max_steps = 5000;
  o.target_error = 1e-9;
  o.forward_walkers = 0;
  const cbec::DmcResult plain = cbec::DiffusionMonteCarlo(m, {2}, t.orbitals).run(o);
  const cbec::DmcResult jas = jastrow.run(o);
  EXPECT_LT(jas.energy_error, 4e-4);
  EXPECT_NEAR(jas.energy, exact, 2 * jas.energy_error) << "exact " << exact << " qmc " << jas.energy;
  EXPECT_LT(jas.variance, 0.6 * plain.variance) << "variance " << jas.variance << " against " << plain.variance;
}

// (e) [trial] keys.
TEST(QmcJastrow, TrialKeysAreReadAndBadValuesNamed) {
  const std::string base = R"(
[model]
dimension = 2
interaction = "hartree"
[[species]]
name = "A"
particles = 2
a = 2.0
)";
  auto cfg = [&](const std::string& extra) { return cbec::readQmcConfig(cbec::ConfigTable::parseString(base + extra)); };
  EXPECT_EQ(cfg("").jastrow, "none");
  const auto c = cfg("[trial]\njastrow = \"gaussian\"\njastrow_range = 0.5\n[qmc]\ndensity_matrix_degree = 1\ndensity_points = 16\n");
  EXPECT_EQ(c.jastrow, "gaussian");
  EXPECT_EQ(c.jastrow_range, 0.5);
  EXPECT_EQ(c.density_matrix_degree, 1);
  EXPECT_EQ(*c.density_points, 16);
  for (const auto& [extra, key] : std::vector<std::pair<std::string, std::string>>{
           {"[trial]\njastrow = \"pade\"\n", "trial.jastrow"},
           {"[trial]\njastrow_range = 0\n", "trial.jastrow_range"},
           {"[trial]\nrange = 1\n", "trial.range"},
           {"[qmc]\ndensity_matrix_degree = 5\n", "qmc.density_matrix_degree"},
           {"[qmc]\ndensity_points = 300\n", "qmc.density_points"}}) {
    try {
      cfg(extra);
      ADD_FAILURE() << "accepted: " << extra;
    } catch (const cbec::InputError& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(key)) << extra;
    }
  }
}
