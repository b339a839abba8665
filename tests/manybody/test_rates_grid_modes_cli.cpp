// `cbec rates` with mode models built from a grid potential (issue 23 item 2: kind = "grid_modes"), from HDF5
// files, and the two-species quench from `cbec manybody` ground states (item 5: kind = "quench").
#include "../support/cli_runner.hpp"

#include <cbec/discretisation/grid.hpp>
#include <cbec/io/output.hpp>
#include <cbec/manybody/grid_mode_model.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) { return cbec::testing::scratchPath("rates-grid", name); }

/// An .npy file (version 1.0, C order, float64).
void writeNpy(const fs::path& p, const std::vector<std::size_t>& shape, const std::vector<double>& data) {
  std::string s = "(";
  for (std::size_t d : shape) s += std::to_string(d) + ", ";
  s += ")";
  std::string header = "{'descr': '<f8', 'fortran_order': False, 'shape': " + s + ", }";
  while ((10 + header.size() + 1) % 64) header += ' ';
  header += '\n';
  std::ofstream out(p, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const std::uint16_t len = static_cast<std::uint16_t>(header.size());
  out.put(static_cast<char>(len & 0xff));
  out.put(static_cast<char>(len >> 8));
  out << header;
  out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(8 * data.size()));
}

nlohmann::json runJson(const fs::path& cfg, const std::string& command = "rates") {
  const fs::path out = cfg.parent_path() / (cfg.stem().string() + "-out");
  const auto r = cbec::testing::runCbec(command + " " + cfg.string() + " --out " + out.string() + " --no-figures");
  EXPECT_EQ(r.status, 0) << r.output;
  nlohmann::json j;
  std::ifstream(out / "summary.json") >> j;
  return j;
}

const std::string kRates = "[rates]\nN = [10, 20, 40]\ntimes = [0.5, 1.0]\nk = 1\n";

/// The 1D double well a = 2 on 64 points, box 12, three modes, contact g = 1.5.
cbec::GridModeModel builtModel() {
  cbec::GridTrap trap;
  return cbec::gridModeModel(cbec::Grid(1, 64, 12.0), trap, 3, cbec::PairInteraction::contact(1.5));
}

const std::string kGridModel =
    "[model]\nkind = \"grid_modes\"\ntrap = \"double_well\"\nwell_minimum = 2.0\nmodes = 3\noccupations = [0.5, 0.5]\n"
    "[grid]\npoints = 64\nbox = 12.0\n[potential]\nkind = \"contact\"\nstrength = 1.5\n";

}  // namespace

TEST(RatesGridModes, GridModelMatchesTheNpyAndHdf5RoutesOnTheSameNumbers) {
  const nlohmann::json g = runJson(cbec::testing::writeConfigFile("rates-grid", "grid", kGridModel + kRates));
  ASSERT_EQ(g["model"], "grid_modes");
  const auto& gm = g["grid_modes"];
  EXPECT_LT(gm["one_body_defect"].get<double>(), 1e-10);
  EXPECT_LT(gm["exchange_defect"].get<double>(), 1e-14);
  EXPECT_LT(gm["hermiticity_defect"].get<double>(), 1e-14);
  EXPECT_LT(gm["edge_ratio"].get<double>(), 1e-6);
  // the check grid (96 points, box 15): levels and distances move by far less than the distances
  EXPECT_LT(gm["check"]["energy_change"].get<double>(), 1e-8);
  ASSERT_TRUE(g["sweeps"][0].contains("grid_truncation_error"));
  for (const auto& e : g["sweeps"][0]["grid_truncation_error"]) EXPECT_LT(e.get<double>(), 1e-6);
  ASSERT_TRUE(g["sweeps"][0].contains("mode_truncation_error"));
  // the same h, V through .npy files and an HDF5 file: the same distances
  const cbec::GridModeModel m = builtModel();
  std::vector<double> h(m.h.data(), m.h.data() + 9);   // symmetric: row/column order alike
  ASSERT_EQ(gm["energies"].size(), 4u);   // E_0 … E_M
  for (int n = 0; n < 4; ++n) EXPECT_NEAR(gm["energies"][n].get<double>(), m.energies[n], 1e-12);
  writeNpy(scratch("h.npy"), {3, 3}, h);
  writeNpy(scratch("V.npy"), {3, 3, 3, 3}, m.V);
  const nlohmann::json n = runJson(cbec::testing::writeConfigFile(
      "rates-grid", "npy",
      "[model]\nkind = \"modes\"\none_body = \"" + scratch("h.npy").string() + "\"\ntwo_body = \"" +
          scratch("V.npy").string() + "\"\noccupations = [0.5, 0.5]\n" + kRates));
  cbec::writeHdf5(scratch("hv.h5"), {}, {{"model/h", {3, 3}, h.data()}, {"model/V", {3, 3, 3, 3}, m.V.data()}});
  const nlohmann::json f = runJson(cbec::testing::writeConfigFile(
      "rates-grid", "h5",
      "[model]\nkind = \"modes\"\none_body = \"" + scratch("hv.h5").string() + "\"\none_body_dataset = \"model/h\"\n"
      "two_body = \"" + scratch("hv.h5").string() + "\"\ntwo_body_dataset = \"model/V\"\noccupations = [0.5, 0.5]\n" +
          kRates));
  for (int k = 0; k < 3; ++k)
    for (int q = 0; q < 2; ++q) {
      const double d = g["trace_distance"][k][q].get<double>();
      EXPECT_GT(d, 1e-4);
      EXPECT_NEAR(n["trace_distance"][k][q].get<double>(), d, 1e-12 * std::max(1.0, d));
      EXPECT_NEAR(f["trace_distance"][k][q].get<double>(), d, 1e-12 * std::max(1.0, d));
    }
  for (int q = 0; q < 2; ++q)
    EXPECT_NEAR(n["sweeps"][0]["mode_truncation_error"][q].get<double>(),
                g["sweeps"][0]["mode_truncation_error"][q].get<double>(), 1e-12);
  // three modes of this double well are not enough: the third mode changes the distances by more than they
  // are (the modes: warning), while the grid is converged (no grid: warning)
  EXPECT_FALSE(g["converged"].get<bool>());
  EXPECT_NE(g["warnings"].dump().find("modes:"), std::string::npos) << g["warnings"].dump();
  EXPECT_EQ(g["warnings"].dump().find("grid:"), std::string::npos) << g["warnings"].dump();
}

TEST(RatesGridModes, CoarseGridIsFlagged) {
  // 16 points on box 12: the modes are not resolved; the check grid (24 points, box 15) moves the distances
  const nlohmann::json g = runJson(cbec::testing::writeConfigFile(
      "rates-grid", "coarse",
      "[model]\nkind = \"grid_modes\"\nmodes = 2\noccupations = [0.5, 0.5]\n[grid]\npoints = 16\nbox = 12.0\n"
      "[potential]\nkind = \"gaussian\"\nstrength = 1.0\nwidth = 0.5\n" + kRates));
  EXPECT_FALSE(g["converged"].get<bool>());
  EXPECT_NE(g["warnings"].dump().find("grid:"), std::string::npos) << g["warnings"].dump();
}

TEST(RatesGridModes, BadKeysNameTheirPath) {
  struct Case { std::string text, needle; };
  const std::vector<Case> cases = {
      {"[model]\nkind = \"grid_modes\"\n[grid]\npoints = 63\n", "grid.points"},
      {"[model]\nkind = \"grid_modes\"\ndimension = 3\n", "model.dimension"},
      {"[model]\nkind = \"grid_modes\"\n[potential]\nkind = \"coulomb\"\n", "potential.kind"},
      {"[model]\nkind = \"grid_modes\"\n[grid]\nbogus = 1\n", "grid.bogus"},
      {"[model]\nkind = \"grid_modes\"\ndimension = 2\n[grid]\npoints = 50\n", "grid.points"},
      // 2D isotropic oscillator: modes 1 and 2 are degenerate (2ω), the fragment pair (0, 1) is not defined
      {"[model]\nkind = \"grid_modes\"\ndimension = 2\ntrap = \"harmonic\"\nmodes = 3\n[grid]\npoints = 24\nbox = 14.0\n"
       "check = false\n", "model.modes"},
      {"[model]\nkind = \"modes\"\none_body = \"" + scratch("none.h5").string() + "\"\ntwo_body = \"x.npy\"\n", "model.one_body"},
  };
  int k = 0;
  for (const auto& c : cases) {
    const fs::path cfg = cbec::testing::writeConfigFile("rates-grid", "bad" + std::to_string(k++), c.text + kRates);
    const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
    EXPECT_NE(r.status, 0) << c.text;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.needle << "\n" << r.output;
  }
}
