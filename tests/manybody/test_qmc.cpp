// Diffusion Monte Carlo (manybody/diffusion_monte_carlo.hpp, drivers/qmc.hpp) against exact results:
// (a) non-interacting bosons in a harmonic trap, (b) two bosons against the relative-coordinate solver,
// (c) four bosons against converged exact diagonalisation (`cbec manybody`), (d) the same numbers on 1 and
// 2 threads, (e) bad input named by its key. Each case runs in seconds; σ and timings are in docs/qmc.md.
#include <cbec/config/qmc_config.hpp>
#include <cbec/discretisation/cubic_spline.hpp>
#include <cbec/drivers/qmc.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/diffusion_monte_carlo.hpp>
#include <cbec/solver/ground_state.hpp>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "../support/two_body_reference.hpp"

namespace {

using cbec::DiffusionMonteCarlo;
using cbec::DmcOptions;
using cbec::DmcResult;

cbec::Mixture oneSpecies(int d, int N, double a, double beta = 0.0) {
  cbec::Species s;
  s.name = "A";
  s.a = a;
  s.trap = cbec::Trap::power(2.0, std::vector<double>(d, 0.0));
  return cbec::Mixture(d, {s}, Eigen::MatrixXd::Zero(1, 1),
                       cbec::PairInteraction::hartree(std::make_shared<cbec::GaussianProfile>(), N, beta),
                       cbec::PairScaling::NMinusOne, double(N));
}

std::vector<std::shared_ptr<const cbec::TrialOrbital>> hartreeOrbitals(const cbec::Mixture& m, cbec::Grid grid) {
  cbec::SolverOptions o;
  o.keep_history = false;
  o.measure = false;
  const auto g = cbec::groundState(m, grid, o);
  std::vector<std::shared_ptr<const cbec::TrialOrbital>> u;
  for (int s = 0; s < m.speciesCount(); ++s) u.push_back(std::make_shared<cbec::SplineOrbital>(grid, g.u[s]));
  return u;
}

cbec::QmcConfig configFrom(const std::string& text) {
  return cbec::readQmcConfig(cbec::ConfigTable::parseString(text));
}

// `cbec manybody` on kTwoSpecies (automatic energy-truncated ladder): E_N^Q = 1.8359587698667, 1.8359581059233,
// 1.8359578836861 at shells 12, 14, 16 (dimension 58839, 238 s); Aitken limit 1.83595777 ± 1.2e-7.
constexpr double kExactTwoPlusTwo = 1.8359577719;

const std::string kTwoSpecies = R"(
[model]
dimension = 2
interaction = "hartree"
beta = 0.0
[[species]]
name = "A"
particles = 2
a = 2.0
[[species]]
name = "B"
particles = 2
a = 1.0
[coupling]
a12 = 3.0
)";

}  // namespace

TEST(CubicSpline, ReproducesASmoothFieldAndItsDerivatives) {
  const cbec::Grid grid(2, 64, 12.0);
  auto f = [](const double* x) { return std::sin(x[0]) * std::exp(-0.1 * x[1] * x[1]); };
  const cbec::CubicSpline s(grid, grid.sample(f));
  double worst = 0, worstLap = 0;
  for (double x : {-1.3, 0.2, 2.71}) {
    for (double y : {-0.77, 0.5, 1.9}) {
      const double p[2] = {x, y};
      const auto v = s.evaluate(p);
      const double g = std::exp(-0.1 * y * y);
      const double lap = -std::sin(x) * g + std::sin(x) * g * (0.04 * y * y - 0.2);
      worst = std::max(worst, std::abs(v.value - f(p)));
      worstLap = std::max(worstLap, std::abs(v.laplacian - lap));
    }
  }
  EXPECT_LT(worst, 1e-4);      // O(h⁴), h = 0.1875
  EXPECT_LT(worstLap, 2e-2);   // O(h²)
}

// (a) −Δ + |x|² has ground energy d per particle; with the exact trial E_L ≡ N d (zero variance).
TEST(Qmc, NonInteractingExactTrialHasZeroVariance) {
  const int N = 5, d = 2;
  const cbec::Mixture m = oneSpecies(d, N, 0.0);
  const auto u = std::make_shared<cbec::GaussianOrbital>(std::vector<double>{1.0, 1.0}, std::vector<double>{0.0, 0.0});
  const DiffusionMonteCarlo dmc(m, {N}, {u});
  DmcOptions o;
  o.walkers = 50;
  o.time_step = 0.02;
  o.equilibration_time = 0.5;
  o.max_steps = 200;
  o.min_steps = 200;
  o.check_every = 100;
  o.forward_walkers = 0;
  const DmcResult r = dmc.run(o);
  EXPECT_NEAR(r.energy, 2.0, 1e-12);
  EXPECT_LT(r.variance, 1e-20);
  EXPECT_LT(r.energy_error, 1e-12);
}

// (a') the same with the grid Hartree orbital (a = 0): the spline trial is nearly exact, the energy exact.
TEST(Qmc, NonInteractingGridTrialGivesTheExactEnergy) {
  const int N = 3, d = 1;
  const cbec::Mixture m = oneSpecies(d, N, 0.0);
  const DiffusionMonteCarlo dmc(m, {N}, hartreeOrbitals(m, cbec::Grid(1, 256, 16.0)));
  DmcOptions o;
  o.walkers = 100;
  o.time_step = 0.01;
  o.equilibration_time = 0.5;
  o.max_steps = 2000;
  o.min_steps = 2000;
  o.forward_walkers = 4;
  o.forward_every = 100;
  const DmcResult r = dmc.run(o);
  EXPECT_LT(r.variance, 1e-6);   // E_L = Σ (−ΔL − |∇L|² + x²) ≈ N·1 up to the spline error
  EXPECT_NEAR(r.energy, 1.0, std::max(3 * r.energy_error, 1e-7));
  // the product ground state: <u|γ|u> = 1 (the forward walks differ only by the spline's E_L error)
  EXPECT_LT(r.condensate_fraction_error[0], 1e-3);
  EXPECT_NEAR(r.condensate_fraction[0], 1.0, 3 * r.condensate_fraction_error[0] + 1e-6);
}

// (b) N = 2, 2D Gaussian w, a = 2, β = 0: E against the relative-coordinate solver within 2σ.
TEST(Qmc, TwoBosonsMatchTheExactTwoBodyEnergy) {
  const cbec::Mixture m = oneSpecies(2, 2, 2.0);
  const double exact = cbec::testing::twoBodyGroundEnergy(2.0, 1.0, 40) / 2;   // per particle
  const DiffusionMonteCarlo dmc(m, {2}, hartreeOrbitals(m, cbec::Grid(2, 128, 16.0)));
  DmcOptions o;
  o.walkers = 200;
  o.time_step = 0.02;
  o.max_steps = 15000;
  o.target_error = 1e-9;   // run to max_steps
  o.forward_walkers = 0;
  const DmcResult r = dmc.run(o);
  EXPECT_TRUE(r.blocking.plateau);
  EXPECT_LT(r.energy_error, 4e-4);
  EXPECT_NEAR(r.energy, exact, 2 * r.energy_error) << "exact " << exact << " qmc " << r.energy << " ± " << r.energy_error;
}

// (b') pair scaling "N" (λ = 1/N = 1/2) and two species 1 + 1 with a12 = 10 (inter pairs carry 1/N): the same
// relative-coordinate reference with λa = 1 and λa = 5.
TEST(Qmc, TwoBodyPairScalingNAndTwoSpeciesMatchTheExactEnergy) {
  struct Case { std::string toml; double lambdaA; };
  const std::vector<Case> cases = {
      {"[model]\ndimension = 2\ninteraction = \"hartree\"\npair_scaling = \"N\"\n[[species]]\nparticles = 2\na = 2.0\n", 1.0},
      {"[model]\ndimension = 2\ninteraction = \"hartree\"\n[[species]]\nname = \"A\"\nparticles = 1\n"
       "[[species]]\nname = \"B\"\nparticles = 1\n[coupling]\na12 = 10.0\n", 5.0}};
  for (const Case& k : cases) {
    const cbec::QmcConfig c = configFrom(k.toml);
    const double exact = cbec::testing::twoBodyGroundEnergy(k.lambdaA, 1.0, 60) / 2;
    const DiffusionMonteCarlo dmc(c.mixture, c.particles, hartreeOrbitals(c.mixture, cbec::Grid(2, 128, 16.0)));
    DmcOptions o;
    o.walkers = 200;
    o.time_step = 0.01;
    o.max_steps = 10000;
    o.target_error = 1e-9;
    o.forward_walkers = 0;
    const DmcResult r = dmc.run(o);
    EXPECT_LT(r.energy_error, 1e-3);
    EXPECT_NEAR(r.energy, exact, 2 * r.energy_error) << "λa " << k.lambdaA << " exact " << exact << " qmc " << r.energy;
  }
}

// (c) 2 + 2 bosons (a = 2, 1, a12 = 3) against converged exact diagonalisation within 2σ.
TEST(Qmc, FourBosonsMatchExactDiagonalisation) {
  cbec::QmcConfig c = configFrom(kTwoSpecies);
  const double exact = kExactTwoPlusTwo;
  const DiffusionMonteCarlo dmc(c.mixture, c.particles, hartreeOrbitals(c.mixture, cbec::Grid(2, 128, 16.0)));
  DmcOptions o;
  o.walkers = 200;
  o.time_step = 0.02;
  o.max_steps = 8000;
  o.target_error = 1e-9;
  o.forward_walkers = 0;
  const DmcResult r = dmc.run(o);
  EXPECT_LT(r.energy_error, 4e-4);
  EXPECT_NEAR(r.energy, exact, 2 * r.energy_error) << "ED " << exact << " qmc " << r.energy << " ± " << r.energy_error;
}

// (d) walkers split over threads: the same bits for 1 and 2 threads.
TEST(Qmc, SameSeedSameNumbersOnOneAndTwoThreads) {
  cbec::QmcConfig c = configFrom(kTwoSpecies);
  const DiffusionMonteCarlo dmc(c.mixture, c.particles, hartreeOrbitals(c.mixture, cbec::Grid(2, 64, 16.0)));
  DmcOptions o;
  o.walkers = 64;
  o.time_step = 0.02;
  o.equilibration_time = 0.2;
  o.max_steps = 300;
  o.min_steps = 300;
  o.check_every = 100;
  o.forward_walkers = 4;
  o.forward_every = 50;
  o.forward_time = 0.2;
  o.seed = 7;
  o.threads = 1;
  const DmcResult a = dmc.run(o);
  o.threads = 2;
  const DmcResult b = dmc.run(o);
  EXPECT_EQ(a.energy, b.energy);
  EXPECT_EQ(a.energy_error, b.energy_error);
  EXPECT_EQ(a.series, b.series);
  EXPECT_EQ(a.condensate_fraction, b.condensate_fraction);
  o.seed = 8;
  const DmcResult c8 = dmc.run(o);
  EXPECT_NE(a.energy, c8.energy);
}

// (e) bad input is an InputError naming the key.
TEST(Qmc, BadInputNamesTheKey) {
  auto expectKey = [](const std::string& extra, const std::string& key) {
    try {
      configFrom(kTwoSpecies + extra);
      ADD_FAILURE() << "accepted: " << extra;
    } catch (const cbec::InputError& e) {
      EXPECT_THAT(e.what(), ::testing::HasSubstr(key)) << extra;
    }
  };
  expectKey("[qmc]\nwalkers = 0\n", "qmc.walkers");
  expectKey("[qmc]\ntarget_error = -1e-5\n", "qmc.target_error");
  expectKey("[qmc]\ntime_steps = [0.01, 0.01]\n", "qmc.time_steps");
  expectKey("[qmc]\ntime_steps = []\n", "qmc.time_steps");
  expectKey("[qmc]\nwalker = 10\n", "qmc.walker");
  expectKey("[qmc]\nseed = -1\n", "qmc.seed");
  expectKey("[grid]\npoints = 65\n", "grid.points");
  EXPECT_NO_THROW(configFrom(kTwoSpecies + "[basis]\nshells = 4\n[qmc]\nwalkers = 10\n"));   // a manybody file
}
