// The Bogoliubov correction along the joint-limit paths (joint_bogoliubov.hpp; `cbec blowup` [bogoliubov]).
#include <cbec/blowup/blowup_scan.hpp>
#include <cbec/blowup/joint_bogoliubov.hpp>
#include <cbec/blowup/joint_limit.hpp>
#include <cbec/config/blowup_config.hpp>
#include <cbec/hamiltonian/hamiltonian.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/solver/grid_bogoliubov.hpp>

#include <gtest/gtest.h>

#include <cmath>

using namespace cbec;

namespace {
BlowupScanOptions quiet() {
  BlowupScanOptions o;
  o.solver.progress = false;
  o.solver.keep_history = false;
  o.solver.measure = false;
  return o;
}
std::shared_ptr<const PairProfile> gaussian() { return PairProfile::byName("gaussian", "model.profile"); }
}  // namespace

// The scan's e_B at a path point equals the grid-Bogoliubov kernel run on a mixture and grid built here by hand
// (a = a_* − N^{−γ}, w_N = N^{2β}w(N^β·), λ = 1/(N − 1), harmonic trap; the scan's box, centred at 0): the wiring
// of N, d, w_N and the pair scaling into the many-body step. Also: e_B < 0, the truncated e_B(M) lies above the
// extrapolated one, and the reported quantities are consistent.
TEST(JointBogoliubov, PathPointMatchesTheKernelOnAHandBuiltModel) {
  BlowupPath path(BlowupPath::Kind::Theorem1, Mixture::singleSpecies(2, 0.0, 2.0));
  BlowupScanOptions o = quiet();
  const double N = 50, beta = 0.25, gamma = 0.3;
  o.joint = JointLimit{gaussian(), beta, gamma, {N}};
  o.compare_gp = false;          // the Hartree state alone, on a small scan grid (seconds)
  o.box_factor = 24;
  o.points_per_length = 4;
  o.bogoliubov.modes = 32;
  o.bogoliubov.points = 64;
  const BlowupScan scan = runBlowupScan(path, o);
  ASSERT_EQ(scan.points.size(), 1u);
  const BlowupPoint& p = scan.points[0];
  ASSERT_TRUE(p.has_bogoliubov);
  const JointBogoliubovResult& b = p.bogoliubov;
  EXPECT_LT(b.e_B, 0.0);
  EXPECT_LE(b.e_B, b.e_B_last + 1e-12);   // e_B(M) decreases in M: the extrapolation lies below the last rung
  EXPECT_EQ(b.points, 64);
  EXPECT_NEAR(b.hartree_energy / p.energy, 1.0, 1e-6);   // the Bogoliubov grid's E^H against the scan's grid
  EXPECT_LT(b.grid_uncertainty, 5e-3 * std::abs(b.e_B));  // 64 → 32 points (measured 2.4e-3 relative)
  // the tail-corrected estimate: the largest rung plus the second-order tail (finite: the cutoff is above −μ)
  ASSERT_EQ(b.rung_modes.size(), 3u);
  EXPECT_TRUE(std::isfinite(b.tail));
  EXPECT_LT(b.tail, 0.0);
  EXPECT_NEAR(b.e_B_corrected, b.e_B_last + b.tail, 1e-14);
  EXPECT_LT(b.rung_tail[0], b.rung_tail[1]);   // less is missing above a higher cutoff
  EXPECT_LT(b.rung_tail[1], b.rung_tail[2]);
  // the second-order tail accounts for part of what a doubling of M adds: the corrected values move less
  const double raw = b.rung_e_B[2] - b.rung_e_B[1];
  const double corrected = (b.rung_e_B[2] + b.rung_tail[2]) - (b.rung_e_B[1] + b.rung_tail[1]);
  EXPECT_LT(raw, 0.0);
  EXPECT_LT(std::abs(corrected), 0.7 * std::abs(raw)) << "raw " << raw << " corrected " << corrected;
  EXPECT_NEAR(b.corrected_uncertainty, std::abs(corrected), 1e-14);

  Species sp;
  sp.name = "A";
  sp.a = TownesProfile::standard().aStar() - std::pow(N, -gamma);
  sp.trap = Trap::power(2.0, {0.0, 0.0});
  Mixture m(2, {sp}, Eigen::MatrixXd::Zero(1, 1), PairInteraction::hartree(gaussian(), N, beta), PairScaling::NMinusOne, N);
  const Grid grid(2, 64, b.box);
  Hamiltonian h(m, grid, 1, false);
  SolverOptions so;
  so.tolerance = 1e-11;
  so.measure = false;
  so.keep_history = false;
  const GroundStateResult g = groundState(h, so);
  ASSERT_TRUE(g.converged);
  GridBogoliubovOptions go;
  go.modes = 32;
  go.rungs = 3;
  const GridBogoliubovResult ref = gridBogoliubov(h, g, go);
  EXPECT_NEAR(b.e_B / ref.e_B, 1.0, 1e-7);
  EXPECT_NEAR(b.e_B_last / ref.e_B_last, 1.0, 1e-7);
  EXPECT_NEAR(b.hartree_energy / g.energy, 1.0, 1e-10);
}

// [bogoliubov] in a `cbec blowup` configuration: read into the scan options, refused without the Hartree joint
// limit, bad values named by key.
TEST(JointBogoliubov, ConfigKeys) {
  const std::string base = R"([model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = 0.25
[[species]]
name = "A"
trap = { power = 2.0, center = [0.0, 0.0] }
[scan]
path = "theorem1"
N = [100.0]
gamma = 0.3
)";
  const BlowupConfig c = readBlowupConfig(ConfigTable::parseString(base + "[bogoliubov]\nmodes = 16\npoints = 24\n"));
  EXPECT_EQ(c.scan.bogoliubov.modes, 16);
  EXPECT_EQ(c.scan.bogoliubov.points, 24);
  EXPECT_EQ(c.scan.bogoliubov.rungs, 3);
  EXPECT_EQ(readBlowupConfig(ConfigTable::parseString(base)).scan.bogoliubov.modes, 0);   // off without the table
  auto fails = [&](const std::string& text, const std::string& key) {
    try {
      readBlowupConfig(ConfigTable::parseString(text));
      ADD_FAILURE() << "no InputError for " << key;
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(key), std::string::npos) << e.what();
    }
  };
  fails(base + "[bogoliubov]\npoints = 23\n", "bogoliubov.points");
  fails(base + "[bogoliubov]\nmodes = 64\npoints = 16\n", "bogoliubov.modes");
  fails(base + "[bogoliubov]\nmodes = 2\n", "bogoliubov.modes");
  fails(base + "[bogoliubov]\nsize = 2\n", "bogoliubov.size");
  const std::string contact = R"([model]
dimension = 2
[[species]]
name = "A"
trap = { power = 2.0, center = [0.0, 0.0] }
[scan]
path = "theorem1"
distances = [0.1]
[bogoliubov]
modes = 16
)";
  fails(contact, "bogoliubov");
}
