// L_z sectors in circular modes (oscillator_modes.hpp, two_body_tensor.hpp, mixture_modes.hpp) against
// independent statements of the same objects:
//  * the circular modes, evaluated from their Laguerre form, against the Cartesian Hermite products: the overlap
//    matrix U = ⟨circular|Cartesian⟩ (2D Gauss–Hermite, exact) is unitary and shell-diagonal, and carries the
//    Cartesian one-body matrix (rescaled) and two-body tensor (two species, different frequencies, β > 0)
//    onto the circular ones, which are real;
//  * the L_z = 0 sector's ground energy equals the parity sector's at the same truncation (one and two species,
//    N = 2, 3, 1 + 1, 2 + 1, rescaled bases, different trap frequencies), with a smaller sector and tensor, and
//    the footprint count equals what is built;
//  * the two-body ground energy at K = 30 against the relative-coordinate reference in the same space;
//  * the configuration: basis.symmetry resolved against the model, refused for an anisotropic trap.
#include <cbec/config/manybody_config.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/numerics/gauss_hermite.hpp>

#include <gtest/gtest.h>

#include "../support/gaussian_mixture.hpp"
#include "../support/two_body_reference.hpp"

#include <cmath>
#include <complex>

namespace cbec {
namespace {

/// U(c, k) = ⟨circular_c | Cartesian_k⟩ by the 2D Gauss–Hermite rule in ξ = √ω x (exact: polynomial × e^{−ξ²}).
Eigen::MatrixXcd overlap(const OscillatorModes& circ, const OscillatorModes& cart) {
  const double w = circ.omega()[0];
  const GaussHermite gh = GaussHermite::rule(circ.shells() + 2);
  Eigen::MatrixXcd U = Eigen::MatrixXcd::Zero(circ.count(), cart.count());
  for (std::size_t a = 0; a < gh.nodes.size(); ++a)
    for (std::size_t b = 0; b < gh.nodes.size(); ++b) {
      const double x[2] = {gh.nodes[a] / std::sqrt(w) + circ.centre()[0], gh.nodes[b] / std::sqrt(w) + circ.centre()[1]};
      const double weight =
          gh.weights[a] * gh.weights[b] * std::exp(gh.nodes[a] * gh.nodes[a] + gh.nodes[b] * gh.nodes[b]) / w;
      for (int c = 0; c < circ.count(); ++c) {
        const std::complex<double> f = std::conj(circ.complexValue(c, x)) * weight;
        for (int k = 0; k < cart.count(); ++k) U(c, k) += f * cart.value(k, x);
      }
    }
  return U;
}

TEST(CircularModes, AreAShellWiseUnitaryImageOfTheCartesianOnesAndCarryTheirOneBodyMatrix) {
  const Trap trap = Trap::harmonic({1.3, 1.3}, {0.4, -0.2});
  const OscillatorModes circ = OscillatorModes::forTrap(trap, 6, "trap", 1.6, true);
  const OscillatorModes cart = OscillatorModes::forTrap(trap, 6, "trap", 1.6, false);
  ASSERT_EQ(circ.count(), cart.count());
  const Eigen::MatrixXcd U = overlap(circ, cart);
  EXPECT_LT((U * U.adjoint() - Eigen::MatrixXcd::Identity(U.rows(), U.rows())).cwiseAbs().maxCoeff(), 1e-13);
  for (int c = 0; c < circ.count(); ++c)
    for (int k = 0; k < cart.count(); ++k)
      if (circ.shell(c) != cart.shell(k)) EXPECT_LT(std::abs(U(c, k)), 1e-14);
  const Eigen::MatrixXcd h = U * cart.oneBodyMatrix().cast<std::complex<double>>() * U.adjoint();
  EXPECT_LT(h.imag().cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((h.real() - circ.oneBodyMatrix()).cwiseAbs().maxCoeff(), 1e-12);
  // h conserves L_z and couples q, q ± 2 (it is rescaled)
  const Eigen::MatrixXd hc = circ.oneBodyMatrix();
  int coupled = 0;
  for (int c = 0; c < circ.count(); ++c)
    for (int k = 0; k < circ.count(); ++k)
      if (hc(c, k) != 0.0) {
        EXPECT_EQ(circ.angularMomentum(c), circ.angularMomentum(k));
        coupled += circ.shell(c) != circ.shell(k);
      }
  EXPECT_GT(coupled, 0);
  EXPECT_THROW(OscillatorModes::forTrap(Trap::harmonic({1.0, 1.2}, {0.0, 0.0}), 2, "trap", 1.0, true), InputError);
}

TEST(CircularModes, GaussianPairTensorIsTheRotatedCartesianOneAndReal) {
  // two species with different frequencies (rescaled), common centre, β > 0 (g ≠ 1)
  const Trap ta = Trap::harmonic({1.2, 1.2}, {0.3, 0.1}), tb = Trap::harmonic({0.8, 0.8}, {0.3, 0.1});
  const int S = 4;
  const OscillatorModes ca = OscillatorModes::forTrap(ta, S, "a", 1.3, true), xa = OscillatorModes::forTrap(ta, S, "a", 1.3);
  const OscillatorModes cb = OscillatorModes::forTrap(tb, S, "b", 1.0, true), xb = OscillatorModes::forTrap(tb, S, "b", 1.0);
  const PairInteraction w = PairInteraction::hartree(std::make_shared<GaussianProfile>(), 4, 0.3);
  const TwoBodyTensor Vc = gaussianPairTensor(ca, cb, w, -1.7), Vx = gaussianPairTensor(xa, xb, w, -1.7);
  const int M = ca.count();
  Eigen::MatrixXd X(M * M, M * M);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l) X(i * M + j, k * M + l) = Vx(i, j, k, l);
  const Eigen::MatrixXcd Ua = overlap(ca, xa), Ub = overlap(cb, xb);
  Eigen::MatrixXcd UU(M * M, M * M);
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l) UU(i * M + j, k * M + l) = Ua(i, k) * Ub(j, l);
  const Eigen::MatrixXcd R = UU.conjugate() * X.cast<std::complex<double>>() * UU.transpose();
  const double scale = X.cwiseAbs().maxCoeff();
  EXPECT_LT(R.imag().cwiseAbs().maxCoeff(), 1e-12 * scale);
  double worst = 0;
  int nonzero = 0;
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l) {
          const double v = Vc(i, j, k, l);
          worst = std::max(worst, std::abs(v - R(i * M + j, k * M + l).real()));
          if (ca.angularMomentum(i) + cb.angularMomentum(j) != ca.angularMomentum(k) + cb.angularMomentum(l))
            EXPECT_EQ(v, 0.0);
          nonzero += v != 0.0;
        }
  EXPECT_LT(worst, 1e-12 * scale);
  EXPECT_GT(nonzero, 1000);
  EXPECT_LT(double(Vc.storedEntries()), 0.5 * double(Vx.storedEntries()));
  EXPECT_LT(Vc.hermiticityDefect(), 1e-14 * scale);
}

double ground(const ModeHamiltonian& model, std::size_t* dimension = nullptr) {
  FockHamiltonian H(model);
  H.assemble(2e9);   // the stored operator (as `cbec manybody` runs it)
  if (dimension) *dimension = H.dimension();
  LanczosOptions o;
  o.tolerance = 1e-14;
  const EigenPairs p = lowestEigenpairs(H, o);
  EXPECT_LT(p.residuals[0], 1e-9);
  return p.values(0);
}

std::size_t entries(const ModeHamiltonian& m) {
  std::size_t e = m.V12.storedEntries();
  for (const auto& s : m.species) e += s.V.storedEntries();
  return e;
}

TEST(AngularMomentumSector, GroundEnergyEqualsTheParitySectorsWithFewerStatesAndEntries) {
  struct Case {
    std::vector<double> a;
    double a12, beta;
    std::vector<int> particles;
    int K;
    double scale;
    double omegaB;
  };
  for (const Case& c : {Case{{2.0}, 0, 0.4, {2}, 10, 1.5, 1.0}, Case{{2.0}, 0, 0.2, {3}, 6, 1.25, 1.0},
                        Case{{0.0, 0.0}, 6.0, 0.4, {1, 1}, 8, 1.5, 1.0}, Case{{1.0, 0.5}, 1.5, 0.3, {2, 1}, 6, 1.3, 1.5}}) {
    int N = 0;
    for (int n : c.particles) N += n;
    Mixture m = testing::gaussianMixture(2, c.a, c.a12, N, c.beta);
    if (c.a.size() == 2) {   // species B in a trap of frequency omegaB
      std::vector<Species> sp = m.allSpecies();
      sp[1].trap = Trap::harmonic({c.omegaB, c.omegaB}, {0.0, 0.0});
      m = Mixture(2, sp, m.interCouplings(), m.pair(), m.pairScaling(), N);
    }
    ASSERT_TRUE(isotropicMixture(m));
    const MixtureModes parity = mixtureModeHamiltonian(m, c.particles, c.K, c.K, c.scale);
    const MixtureModes lz = mixtureModeHamiltonian(m, c.particles, c.K, c.K, c.scale, 0);
    std::size_t dp = 0, dl = 0;
    const double Ep = ground(parity.model, &dp), El = ground(lz.model, &dl);
    EXPECT_NEAR(El, Ep, 1e-12 * std::abs(Ep)) << "N = " << N << " K = " << c.K;
    EXPECT_LT(dl, dp);
    EXPECT_LT(entries(lz.model), entries(parity.model));
    const ModeFootprint f = mixtureModeFootprint(m, c.particles, c.K, c.K, 0);
    EXPECT_EQ(f.states, double(dl));
    EXPECT_GE(f.entries, double(entries(lz.model)));
    EXPECT_EQ(mixtureModeFootprint(m, c.particles, c.K, c.K).states, double(dp));
    std::cout << "N = " << N << " K = " << c.K << ": parity " << dp << " states, " << entries(parity.model)
              << " entries; L_z = 0 " << dl << " states, " << entries(lz.model) << " entries\n";
  }
}

TEST(AngularMomentumSector, OppositeSectorsAreDegenerateAndAboveTheGroundState) {
  const Mixture m = testing::gaussianMixture(2, {2.0}, 0, 3, 0.2);
  const double E0 = ground(mixtureModeHamiltonian(m, {3}, 6, 6, 1.25, 0).model);
  const double Ep = ground(mixtureModeHamiltonian(m, {3}, 6, 6, 1.25, 1).model);
  const double Em = ground(mixtureModeHamiltonian(m, {3}, 6, 6, 1.25, -1).model);
  EXPECT_NEAR(Ep, Em, 1e-12 * std::abs(Ep));
  EXPECT_GT(Ep, E0 + 0.1);
  EXPECT_EQ(mixtureModeFootprint(m, {3}, 6, 6, 1).states, mixtureModeFootprint(m, {3}, 6, 6, -1).states);
}

TEST(AngularMomentumSector, TwoBodiesAtThirtyShellsEqualTheRelativeCoordinateReference) {
  for (double beta : {0.0, 0.4}) {
    const Mixture m = testing::gaussianMixture(2, {2.0}, 0, 2, beta);
    const int K = 30;
    const double E = ground(mixtureModeHamiltonian(m, {2}, K, K, 1.0, 0).model);
    const double ref = testing::twoBodyGroundEnergy(2.0, std::pow(2.0, beta), K / 2);   // same Galerkin space
    EXPECT_NEAR(E, ref, 1e-10 * std::abs(ref)) << "beta " << beta;
  }
}

ManybodyConfig config(const std::string& trap, const std::string& basis) {
  return readManybodyConfig(ConfigTable::parseString(
      "[model]\ndimension = 2\ninteraction = \"hartree\"\n[[species]]\nparticles = 2\na = 2.0\n" + trap +
      "[basis]\ntolerance = 1e-6\n" + basis));
}

TEST(AngularMomentumSector, ConfigurationResolvesTheSymmetryAgainstTheModel) {
  EXPECT_EQ(config("", "").angular_momentum, std::optional<int>(0));
  EXPECT_EQ(config("", "angular_momentum = 2\n").angular_momentum, std::optional<int>(2));
  EXPECT_FALSE(config("", "symmetry = \"parity\"\n").angular_momentum);
  const std::string aniso = "trap = { omega = [1.0, 1.5] }\n";
  EXPECT_FALSE(config(aniso, "").angular_momentum);
  try {
    config(aniso, "symmetry = \"angular_momentum\"\n");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("basis.symmetry"), std::string::npos) << e.what();
  }
  EXPECT_THROW(config("", "symmetry = \"parity\"\nangular_momentum = 0\n"), InputError);
}

}  // namespace
}  // namespace cbec
