// `cbec blowup` against INTERFACE.md, and its errors for bad configurations.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "../support/cli_runner.hpp"

using cbec::testing::runCbec;
namespace fs = std::filesystem;

namespace {
fs::path writeConfig(const std::string& name, const std::string& text) {
  fs::path dir = fs::temp_directory_path() / ("cbec_blowup_cli_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}
const char* kSingle = R"(
[model]
dimension = 2
[[species]]
name = "A"
trap = { power = 2.0, center = [0.0, 0.0] }
[scan]
path = "theorem1"
distances = [1e-2, 1e-3, 1e-4]
)";
}  // namespace

TEST(BlowupCli, WritesSummaryCsvAndTheContractKeys) {
  fs::path cfg = writeConfig("single.toml", kSingle);
  fs::path out = cfg.parent_path() / "out";
  auto r = runCbec("blowup " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  std::ifstream in(out / "summary.json");
  auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["path"], "theorem1");
  for (const char* k : {"points", "fitted_exponent", "expected_exponent"}) EXPECT_TRUE(j.contains(k)) << k;
  ASSERT_EQ(j["points"].size(), 3u);
  for (const auto& p : j["points"])
    for (const char* k : {"distance", "energy", "predicted", "ratio", "profile_error_L2", "ell"})
      EXPECT_TRUE(p.contains(k)) << k;
  EXPECT_TRUE(j["points"][0]["profile_error_L2"].is_array());
  EXPECT_NEAR(j["fitted_exponent"].get<double>(), 0.5, 0.01);
  EXPECT_TRUE(fs::exists(out / "scan.csv"));
}

TEST(BlowupCli, BadConfigurationsNameTheItem) {
  struct Case { std::string text, needle; };
  std::string base = kSingle;
  std::vector<Case> cases = {
      {base + "bogus = 1\n", "scan.bogus"},
      {std::string(kSingle).replace(std::string(kSingle).find("theorem1"), 8, "theorem7"), "scan.path"},
      {base + "[grid]\npoints = 64\nbox = 8.0\n", "grid"},
      {std::string(kSingle).replace(std::string(kSingle).find("1e-2"), 4, "-1.0"), "scan.distances"},
      {"[model]\ndimension = 2\n[[species]]\nname = \"A\"\n", "scan"},
  };
  for (const auto& c : cases) {
    fs::path cfg = writeConfig("bad.toml", c.text);
    auto r = runCbec("blowup " + cfg.string() + " --out " + (cfg.parent_path() / "bad").string() + " --no-figures");
    EXPECT_EQ(r.status, 1) << c.text << "\n" << r.output;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.needle << " not in: " << r.output;
    EXPECT_FALSE(fs::exists(cfg.parent_path() / "bad" / "summary.json"));
  }
}
