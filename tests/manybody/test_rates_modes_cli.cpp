// `cbec rates` with a mode model given by the user (issue 23 item 2): h_ij and V_ijkl from .npy files,
// validated with errors naming the key, the file and the entry; convergence in the number of modes.
#include "../support/cli_runner.hpp"

#include <cbec/manybody/few_mode_model.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// An .npy file (version 1.0, C order) of float64 ('<f8'), complex128 ('<c16') or int64 ('<i8').
void writeNpy(const fs::path& p, const std::vector<std::size_t>& shape, const std::vector<std::complex<double>>& data,
              const std::string& descr = "<f8") {
  std::string s = "(";
  for (std::size_t d : shape) s += std::to_string(d) + ", ";
  s += ")";
  std::string header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
  while ((10 + header.size() + 1) % 64) header += ' ';
  header += '\n';
  std::ofstream out(p, std::ios::binary);
  out.write("\x93NUMPY\x01\x00", 8);
  const std::uint16_t len = static_cast<std::uint16_t>(header.size());
  out.put(static_cast<char>(len & 0xff));
  out.put(static_cast<char>(len >> 8));
  out << header;
  for (const auto& z : data) {
    if (descr == "<i8") {
      const std::int64_t v = static_cast<std::int64_t>(z.real());
      out.write(reinterpret_cast<const char*>(&v), 8);
      continue;
    }
    const double re = z.real(), im = z.imag();
    out.write(reinterpret_cast<const char*>(&re), 8);
    if (descr == "<c16") out.write(reinterpret_cast<const char*>(&im), 8);
  }
}

struct Model {
  int M;
  std::vector<std::complex<double>> h, V;
};

/// The double well of `doubleWellModes` (gap, U), plus M − 2 further modes at energy `e` coupled by `w`
/// (V_{0a0a}-type direct terms and V_{00aa} pair transfer between mode 0 and each extra mode a, with all the
/// symmetries V_ijkl = V_jilk = V_klij).
Model doubleWellPlus(int M, double gap, double U, double e, double w) {
  Model m{M, std::vector<std::complex<double>>(M * M, 0.0), std::vector<std::complex<double>>(M * M * M * M, 0.0)};
  const cbec::FewModeModel dw = cbec::doubleWellModes(gap, U);
  auto V = [&](int i, int j, int k, int l) -> std::complex<double>& { return m.V[((i * M + j) * M + k) * M + l]; };
  m.h[1 * M + 1] = gap;
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j)
      for (int k = 0; k < 2; ++k)
        for (int l = 0; l < 2; ++l) V(i, j, k, l) = dw.V(i, j, k, l);
  for (int a = 2; a < M; ++a) {
    m.h[a * M + a] = e;
    V(a, a, a, a) = U;
    for (auto [i, j, k, l] : {std::array<int, 4>{0, a, 0, a}, {a, 0, a, 0}, {0, a, a, 0}, {a, 0, 0, a}}) V(i, j, k, l) = w;
    for (auto [i, j, k, l] : {std::array<int, 4>{0, 0, a, a}, {a, a, 0, 0}}) V(i, j, k, l) = w;
  }
  return m;
}

fs::path scratch(const std::string& name) { return cbec::testing::scratchPath("rates-modes", name); }

fs::path writeModel(const Model& m, const std::string& tag, const std::string& extra = "") {
  writeNpy(scratch(tag + "-h.npy"), {std::size_t(m.M), std::size_t(m.M)}, m.h);
  writeNpy(scratch(tag + "-V.npy"), std::vector<std::size_t>(4, m.M), m.V);
  const std::string text = "[model]\nkind = \"modes\"\none_body = \"" + scratch(tag + "-h.npy").string() +
                           "\"\ntwo_body = \"" + scratch(tag + "-V.npy").string() + "\"\noccupations = [0.5, 0.5]\n" +
                           extra + "[rates]\nN = [10, 20, 40]\ntimes = [0.5, 1.0]\nk = 1\n";
  return cbec::testing::writeConfigFile("rates-modes", tag, text);
}

nlohmann::json runJson(const fs::path& cfg) {
  const fs::path out = cfg.parent_path() / (cfg.stem().string() + "-out");
  const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --out " + out.string() + " --no-figures");
  EXPECT_EQ(r.status, 0) << r.output;
  nlohmann::json j;
  std::ifstream(out / "summary.json") >> j;
  return j;
}

}  // namespace

TEST(RatesModes, TwoModesFromFilesReproduceTheBuiltInDoubleWell) {
  const nlohmann::json a = runJson(writeModel(doubleWellPlus(2, 1.0, 1.0, 0, 0), "two"));
  const fs::path builtIn = cbec::testing::writeConfigFile(
      "rates-modes", "builtin",
      "[model]\nkind = \"double_well\"\ngap = 1.0\ninteraction = 1.0\noccupations = [0.5, 0.5]\n"
      "[rates]\nN = [10, 20, 40]\ntimes = [0.5, 1.0]\nk = 1\n");
  const nlohmann::json b = runJson(builtIn);
  ASSERT_EQ(a["trace_distance"].size(), 3u);
  for (int n = 0; n < 3; ++n)
    for (int q = 0; q < 2; ++q)
      EXPECT_NEAR(a["trace_distance"][n][q].get<double>(), b["trace_distance"][n][q].get<double>(), 1e-12);
  EXPECT_EQ(a["model"], "modes");
}

TEST(RatesModes, ConvergenceInTheNumberOfModesIsReported) {
  // a third mode that nothing couples to: the distances of 3 and 2 modes agree (to the Krylov/phase errors)
  const nlohmann::json free = runJson(writeModel(doubleWellPlus(3, 1.0, 1.0, 3.0, 0.0), "free"));
  const auto& s = free["sweeps"][0];
  ASSERT_TRUE(s.contains("mode_truncation_error")) << free.dump();
  for (const auto& e : s["mode_truncation_error"]) EXPECT_LT(e.get<double>(), 1e-9);
  EXPECT_TRUE(free["converged"].get<bool>()) << free["warnings"].dump();
  // coupled by pair transfer: the third mode is populated, the change is reported and flagged
  const nlohmann::json coupled = runJson(writeModel(doubleWellPlus(3, 1.0, 1.0, 0.5, 0.8), "coupled"));
  const auto& c = coupled["sweeps"][0];
  double worst = 0;
  for (const auto& e : c["mode_truncation_error"]) worst = std::max(worst, e.get<double>());
  EXPECT_GT(worst, 1e-3);
  EXPECT_FALSE(coupled["converged"].get<bool>());
  EXPECT_NE(coupled["warnings"].dump().find("modes:"), std::string::npos) << coupled["warnings"].dump();
  // modes = 2 uses the leading two modes only: the built-in double well again
  const nlohmann::json two = runJson(writeModel(doubleWellPlus(3, 1.0, 1.0, 0.5, 0.8), "lead", "modes = 2\n"));
  const nlohmann::json ref = runJson(writeModel(doubleWellPlus(2, 1.0, 1.0, 0, 0), "ref"));
  EXPECT_NEAR(two["trace_distance"][2][1].get<double>(), ref["trace_distance"][2][1].get<double>(), 1e-12);
}

TEST(RatesModes, BadFilesNameTheKeyTheFileAndTheEntry) {
  struct Case { Model m; std::string descrH, descrV, needle; bool vShape = false; };
  Model asymH = doubleWellPlus(3, 1.0, 1.0, 2.0, 0.1);
  asymH.h[0 * 3 + 2] = 0.3;   // h[0,2] = 0.3, h[2,0] = 0
  Model asymV = doubleWellPlus(3, 1.0, 1.0, 2.0, 0.1);
  asymV.V[((0 * 3 + 1) * 3 + 2) * 3 + 2] = 0.2;   // V[0,1,2,2] without V[1,0,2,2]
  Model imag = doubleWellPlus(2, 1.0, 1.0, 0, 0);
  imag.h[1] = {0, 0.5}, imag.h[2] = {0, -0.5};   // Hermitian, but complex
  std::vector<Case> cases = {
      {asymH, "<f8", "<f8", "h[0, 2]"},
      {asymV, "<f8", "<f8", "V[0,1,2,2]"},
      {imag, "<c16", "<f8", "imaginary"},
      {doubleWellPlus(2, 1, 1, 0, 0), "<i8", "<f8", "dtype"},
      {doubleWellPlus(3, 1, 1, 2, 0), "<f8", "<f8", "shape", true},
  };
  int k = 0;
  for (const auto& c : cases) {
    const std::string tag = "bad" + std::to_string(k++);
    const int M = c.m.M;
    writeNpy(scratch(tag + "-h.npy"), {std::size_t(M), std::size_t(M)}, c.m.h, c.descrH);
    if (c.vShape) writeNpy(scratch(tag + "-V.npy"), {std::size_t(M), std::size_t(M), std::size_t(M * M)}, c.m.V, c.descrV);
    else writeNpy(scratch(tag + "-V.npy"), std::vector<std::size_t>(4, M), c.m.V, c.descrV);
    const fs::path cfg = cbec::testing::writeConfigFile(
        "rates-modes", tag,
        "[model]\nkind = \"modes\"\none_body = \"" + scratch(tag + "-h.npy").string() + "\"\ntwo_body = \"" +
            scratch(tag + "-V.npy").string() + "\"\n[rates]\nN = [10]\ntimes = [0.5]\n");
    const auto r = cbec::testing::runCbec("rates " + cfg.string() + " --json");
    EXPECT_EQ(r.status, 1) << r.output;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.needle << " not in: " << r.output;
    EXPECT_NE(r.output.find(tag), std::string::npos) << "file not named: " << r.output;
    EXPECT_NE(r.output.find("model."), std::string::npos) << "key not named: " << r.output;
  }
  const fs::path missing = cbec::testing::writeConfigFile(
      "rates-modes", "missing", "[model]\nkind = \"modes\"\none_body = \"/nonexistent/h.npy\"\ntwo_body = \"x.npy\"\n"
                                "[rates]\nN = [10]\ntimes = [0.5]\n");
  const auto r = cbec::testing::runCbec("rates " + missing.string() + " --json");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("/nonexistent/h.npy"), std::string::npos) << r.output;
}
