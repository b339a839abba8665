// `cbec evolve` against INTERFACE.md (toy model of F §3), and its errors for bad configurations.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <cbec/discretisation/state_file.hpp>

#include "../support/cli_runner.hpp"

using cbec::testing::runCbec;
namespace fs = std::filesystem;

namespace {
/// `name` is "<stem>.toml"; the file goes to the shared per-process scratch folder (tests/support).
fs::path writeConfig(const std::string& name, const std::string& text) {
  return cbec::testing::writeConfigFile("evolve-cli", fs::path(name).stem().string(), text);
}
const std::string kToy = R"(
[model]
kind = "fragmented_toy"
nu = 10.0
occupations = [0.3, 0.7]
[potential]
kind = "gaussian"
strength = 1.0
width = 1.0
[evolution]
times = [0.5, 1.0]
)";
}  // namespace

TEST(EvolveCli, ToyModelWritesEveryContractKey) {
  fs::path cfg = writeConfig("toy.toml", kToy + "[sweep]\nnu = [8.0, 16.0, 32.0]\n");
  fs::path out = cfg.parent_path() / "out";
  auto r = runCbec("evolve " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  std::ifstream in(out / "summary.json");
  auto j = nlohmann::json::parse(in);
  for (const char* k : {"times", "observables", "drift", "steps", "wall_seconds", "infinite_gap_distance", "rank"})
    EXPECT_TRUE(j.contains(k)) << k;
  for (const char* k : {"norm", "energy", "x2", "overlap"}) ASSERT_EQ(j["observables"][k].size(), 2u) << k;
  for (const char* k : {"norm", "energy"}) EXPECT_LT(j["drift"][k].get<double>(), 1e-10) << k;
  EXPECT_EQ(j["rank"][0], 2);
  EXPECT_EQ(j["gamma2_rank"], 3);
  // E(0) = c/2 with c = (w²/(w²+1))^{3/2} = 2^{-3/2}
  EXPECT_NEAR(j["observables"]["energy"][1].get<double>(), std::pow(2.0, -2.5), 1e-11);
  double d = j["infinite_gap_distance"][1], overlap = j["observables"]["overlap"][1];
  EXPECT_NEAR(d, 2 * std::sqrt(1 - overlap), 1e-8);
  EXPECT_LT(j["sweep"]["fitted_exponent_sup"].get<double>(), -0.8);   // faster than the bound's −1/2
  EXPECT_TRUE(fs::exists(out / "observables.csv"));
}

TEST(EvolveCli, BadConfigurationsNameTheItem) {
  struct Case { std::string text, needle; };
  auto replace = [](std::string s, const std::string& a, const std::string& b) { return s.replace(s.find(a), a.size(), b); };
  std::vector<Case> cases = {
      {replace(kToy, "nu = 10.0", "nu = -1.0"), "model.nu"},
      {replace(kToy, "[0.3, 0.7]", "[0.3, 0.6]"), "model.occupations"},
      {replace(kToy, "[0.5, 1.0]", "[1.0, 0.5]"), "evolution.times"},
      {replace(kToy, "width = 1.0", "width = 0.0"), "potential.width"},
      {kToy + "integrator = \"euler\"\n", "evolution.integrator"},
      {kToy + "bogus = 1\n", "evolution.bogus"},
  };
  for (const auto& c : cases) {
    fs::path cfg = writeConfig("bad.toml", c.text);
    auto r = runCbec("evolve " + cfg.string() + " --out " + (cfg.parent_path() / "bad").string() + " --no-figures");
    EXPECT_EQ(r.status, 1) << c.text << "\n" << r.output;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.needle << " not in: " << r.output;
    EXPECT_FALSE(fs::exists(cfg.parent_path() / "bad" / "summary.json"));
  }
}

namespace {
const std::string kLens = R"(
[model]
dimension = 2
[[species]]
name = "A"
a = 3.0
trap = { power = 2.0 }
[grid]
points = 48
box = 16.0
[initial]
kind = "harmonic"
[evolution]
tolerance = 1e-9
)";
nlohmann::json readSummary(const fs::path& dir) {
  std::ifstream in(dir / "summary.json");
  return nlohmann::json::parse(in);
}
}  // namespace

TEST(EvolveCli, MeanFieldLensIdentityKeysSnapshotsAndCheckpoint) {
  fs::path cfg = writeConfig("lens.toml", kLens + "times = [0.25, 0.5]\n");
  fs::path out = cfg.parent_path() / "lens";
  auto r = runCbec("evolve " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  auto j = readSummary(out);
  for (const char* k : {"times", "observables", "drift", "steps", "wall_seconds"}) EXPECT_TRUE(j.contains(k)) << k;
  for (const char* k : {"norm", "energy", "x2", "overlap"}) ASSERT_EQ(j["observables"][k].size(), 2u) << k;
  EXPECT_EQ(j["linear_part"], "exact_harmonic");
  const double E = j["observables"]["energy"][0];
  EXPECT_NEAR(E, 2 - 3.0 / (4 * M_PI), 1e-9);
  for (int m = 0; m < 2; ++m) {
    double t = j["times"][m];
    EXPECT_NEAR(j["observables"]["x2"][m].get<double>(), E / 2 + (1 - E / 2) * std::cos(4 * t), 1e-8);
  }
  EXPECT_LT(j["drift"]["energy"].get<double>(), 1e-8);
  EXPECT_TRUE(fs::exists(out / "snapshots" / "t0001.h5"));
  EXPECT_TRUE(fs::exists(out / "checkpoint.h5"));
}

TEST(EvolveCli, EveryErrorEstimateIsReportedAndMeetsTheLensIdentity) {
  struct Case { std::string lines, estimate; int ratio; int every = 1; };
  for (const auto& c : {Case{"", "richardson", 4, 4}, Case{"error_estimate = \"step_doubling\"\n", "step_doubling", 2},
                        Case{"error_estimate = \"richardson\"\nstep_ratio = 8\n", "richardson", 8, 4},
                        Case{"estimate_every = 1\n", "richardson", 4, 1},
                        Case{"error_estimate = \"embedded\"\nintegrator = \"palindromic5\"\n", "embedded", 0},
                        Case{"error_estimate = \"embedded\"\nintegrator = \"blanes_moan\"\n", "embedded", 0}}) {
    fs::path cfg = writeConfig("est.toml", kLens + c.lines + "times = [0.5]\n");
    fs::path out = cfg.parent_path() / "est";
    auto r = runCbec("evolve " + cfg.string() + " --out " + out.string() + " --no-figures");
    ASSERT_EQ(r.status, 0) << r.output;
    auto j = readSummary(out);
    EXPECT_EQ(j["error_estimate"], c.estimate) << c.lines;
    if (c.ratio) EXPECT_EQ(j["step_ratio"], c.ratio) << c.lines;
    else EXPECT_FALSE(j.contains("step_ratio"));
    if (c.ratio) EXPECT_EQ(j["estimate_every"], c.every) << c.lines;
    const double E = j["observables"]["energy"][0];
    EXPECT_NEAR(j["observables"]["x2"][0].get<double>(), E / 2 + (1 - E / 2) * std::cos(2.0), 1e-8) << c.lines;
  }
  // the embedded estimate needs a partner; step_ratio belongs to "richardson"
  for (const auto& [lines, needle] :
       std::vector<std::pair<std::string, std::string>>{{"error_estimate = \"embedded\"\nintegrator = \"yoshida6\"\n",
                                                         "evolution.error_estimate"},
                                                        {"error_estimate = \"step_doubling\"\nstep_ratio = 4\n",
                                                         "evolution.step_ratio"},
                                                        {"step_ratio = 1\n", "evolution.step_ratio"},
                                                        {"estimate_every = 0\n", "evolution.estimate_every"},
                                                        {"error_estimate = \"embedded\"\nestimate_every = 2\n",
                                                         "evolution.estimate_every"}}) {
    fs::path cfg = writeConfig("bad.toml", kLens + lines + "times = [0.5]\n");
    auto r = runCbec("evolve " + cfg.string() + " --out " + (cfg.parent_path() / "bad").string() + " --no-figures");
    EXPECT_EQ(r.status, 1) << lines;
    EXPECT_NE(r.output.find(needle), std::string::npos) << needle << " not in: " << r.output;
  }
}

TEST(EvolveCli, ResumeContinuesBitIdentically) {
  // with each error estimate: the controller's state (t, τ) and the measured plans travel with the checkpoint;
  // "richardson+every3" estimates one macro step in three, chosen by the checkpointed accepted count
  for (const std::string estimate : {"richardson", "richardson+every3", "step_doubling", "embedded"}) {
  SCOPED_TRACE(estimate);
  const std::string times = "times = [0.25, 0.5, 0.75, 1.0]\n";
  const bool every = estimate == "richardson+every3";
  const std::string lens = kLens + "error_estimate = \"" + (every ? std::string("richardson") : estimate) + "\"\n" +
                           (every ? "estimate_every = 3\n" : "") +
                           (estimate == "embedded" ? "integrator = \"palindromic5\"\n" : "");
  fs::path cfgFull = writeConfig("full.toml", lens + times);
  fs::path cfgHalf = writeConfig("half.toml", lens + "times = [0.25, 0.5]\n");
  fs::path full = cfgFull.parent_path() / "full", half = cfgFull.parent_path() / "half";
  // evolve measures its FFTW plans: the two fresh runs share a wisdom file, so they execute the same plans
  const fs::path wisdom = cfgFull.parent_path() / "wisdom";
  fs::remove(wisdom);
  ::setenv("CBEC_FFTW_WISDOM", wisdom.c_str(), 1);
  ASSERT_EQ(runCbec("evolve " + cfgFull.string() + " --out " + full.string() + " --no-figures").status, 0);
  ASSERT_EQ(runCbec("evolve " + cfgHalf.string() + " --out " + half.string() + " --no-figures").status, 0);
  ASSERT_TRUE(fs::exists(half / "checkpoint.fftw"));
  for (const char* copy : {"half_nofile", "half_bad", "half_threads"}) {
    fs::remove_all(cfgFull.parent_path() / copy);
    fs::copy(half, cfgFull.parent_path() / copy, fs::copy_options::recursive);
  }
  // the half run stopped with a checkpoint at t = 0.5: continue it with the full configuration
  auto r = runCbec("evolve " + cfgFull.string() + " --out " + half.string() + " --resume " + half.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  auto a = readSummary(full), b = readSummary(half);
  EXPECT_EQ(b["resumed"], true);
  EXPECT_EQ(a["observables"], b["observables"]);   // every double equal, bit for bit
  EXPECT_EQ(a["steps"], b["steps"]);
  EXPECT_EQ(a["drift"], b["drift"]);
  auto sa = cbec::readState(full / "snapshots" / "t0003.h5", {"A_re", "A_im"});
  auto sb = cbec::readState(half / "snapshots" / "t0003.h5", {"A_re", "A_im"});
  for (int k = 0; k < 2; ++k) EXPECT_TRUE(sa.u[k].values() == sb.u[k].values()) << "final snapshots differ";
  // without the wisdom file the resumed run plans from the checkpoint's wisdom alone: still bit-identical
  ::setenv("CBEC_FFTW_WISDOM", "off", 1);
  const fs::path nofile = cfgFull.parent_path() / "half_nofile";
  ASSERT_EQ(runCbec("evolve " + cfgFull.string() + " --out " + nofile.string() + " --resume " + nofile.string() +
                    " --no-figures").status, 0);
  EXPECT_EQ(a["observables"], readSummary(nofile)["observables"]);
  // the checkpoint's wisdom governs the plans: other wisdom, or another thread count, is refused
  const fs::path badDir = cfgFull.parent_path() / "half_bad";
  std::ofstream(badDir / "checkpoint.fftw") << "not wisdom\n";
  auto badWisdom = runCbec("evolve " + cfgFull.string() + " --out " + badDir.string() + " --resume " + badDir.string() +
                           " --no-figures");
  EXPECT_EQ(badWisdom.status, 1);
  EXPECT_NE(badWisdom.output.find("checkpoint.fftw"), std::string::npos) << badWisdom.output;
  const fs::path thr = cfgFull.parent_path() / "half_threads";
  auto otherThreads = runCbec("evolve " + cfgFull.string() + " --out " + thr.string() + " --resume " + thr.string() +
                              " --threads 2 --no-figures");
  EXPECT_EQ(otherThreads.status, 1);
  EXPECT_NE(otherThreads.output.find("--threads"), std::string::npos) << otherThreads.output;
  ::unsetenv("CBEC_FFTW_WISDOM");
  auto bad = runCbec("evolve " + cfgFull.string() + " --out " + (cfgFull.parent_path() / "x").string() + " --resume " +
                     cfgFull.parent_path().string() + "/nowhere --no-figures");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.output.find("--resume"), std::string::npos) << bad.output;
  }
}

TEST(EvolveCli, ToyModelOnThe3DGridAgreesWithTheRadialReduction) {
  const std::string base = R"(
[model]
kind = "fragmented_toy"
nu = 2.0
occupations = [0.4, 0.6]
[potential]
kind = "gaussian"
strength = 1.5
width = 1.0
[evolution]
times = [0.3]
tolerance = 1e-10
)";
  fs::path rad = writeConfig("toyrad.toml", base), grid = writeConfig("toygrid.toml", base + "method = \"grid\"\n[grid]\npoints = 24\nbox = 13.0\n");
  fs::path dr = rad.parent_path() / "toyrad", dg = rad.parent_path() / "toygrid";
  ASSERT_EQ(runCbec("evolve " + rad.string() + " --out " + dr.string() + " --no-figures").status, 0);
  auto r = runCbec("evolve " + grid.string() + " --out " + dg.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  auto a = readSummary(dr), b = readSummary(dg);
  EXPECT_TRUE(b.contains("grid"));
  EXPECT_NEAR(a["infinite_gap_distance"][0].get<double>(), b["infinite_gap_distance"][0].get<double>(), 1e-8);
  EXPECT_NEAR(a["observables"]["x2"][0].get<double>(), b["observables"]["x2"][0].get<double>(), 1e-8);
  EXPECT_NEAR(a["observables"]["energy"][0].get<double>(), b["observables"]["energy"][0].get<double>(), 1e-8);
  EXPECT_GT(a["infinite_gap_distance"][0].get<double>(), 1e-2);
}

namespace {
const std::string kDoublet = R"(
[model]
kind = "fragmented_doublet"
nu = 30.0
occupations = [0.6, 0.4]
[potential]
kind = "gaussian"
strength = 2.0
width = 0.6
[grid]
points = 48
box = 12.0
[evolution]
times = [0.25, 0.5]
tolerance = 1e-9
)";
}  // namespace

TEST(EvolveCli, DoubletWritesTheDistanceItsPredictionAndTheSweep) {
  fs::path cfg = writeConfig("doublet.toml", kDoublet + "[sweep]\nnu = [20.0, 40.0]\n");
  fs::path out = cfg.parent_path() / "doublet";
  auto r = runCbec("evolve " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  auto j = readSummary(out);
  EXPECT_EQ(j["kind"], "fragmented_doublet");
  for (const char* k : {"times", "observables", "drift", "steps", "wall_seconds", "infinite_gap_distance",
                        "predicted_distance_first_order", "phase_quadrature_error", "phases", "K", "converged"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_TRUE(j["converged"].get<bool>());
  for (const char* k : {"norm", "energy"}) EXPECT_LT(j["drift"][k].get<double>(), 1e-8) << k;
  for (int m = 0; m < 2; ++m) {
    const double d = j["infinite_gap_distance"][m], p = j["predicted_distance_first_order"][m];
    EXPECT_GT(d, 1e-3);
    EXPECT_LT(std::abs(d - p), 0.1 * d);   // first order in 1/ν at ν = 30
  }
  EXPECT_EQ(j["sweep"]["distance"].size(), 2u);
  EXPECT_EQ(j["sweep"]["bound_exponent"], -0.5);
  EXPECT_TRUE(fs::exists(out / "observables.csv"));
}

TEST(EvolveCli, BadDoubletConfigurationsNameTheItem) {
  struct Case { std::string text, needle; };
  auto replace = [](std::string s, const std::string& a, const std::string& b) { return s.replace(s.find(a), a.size(), b); };
  std::vector<Case> cases = {
      {replace(kDoublet, "[0.6, 0.4]", "[0.5, 0.3, 0.2]"), "model.occupations"},
      {replace(kDoublet, "box = 12.0", "box = 5.0"), "grid.box"},
      {replace(kDoublet, "points = 48", "points = 47"), "grid.points"},
      {replace(kDoublet, "kind = \"gaussian\"", "kind = \"coulomb\""), "potential.kind"},
      {kDoublet + "phase_tolerance = 0.0\n", "evolution.phase_tolerance"},
      {kDoublet + "bogus = 1\n", "evolution.bogus"},
  };
  for (const auto& c : cases) {
    fs::path cfg = writeConfig("baddoublet.toml", c.text);
    auto r = runCbec("evolve " + cfg.string() + " --out " + (cfg.parent_path() / "baddoublet").string() + " --no-figures");
    EXPECT_EQ(r.status, 1) << c.text << "\n" << r.output;
    EXPECT_NE(r.output.find(c.needle), std::string::npos) << c.needle << " not in: " << r.output;
  }
}

TEST(EvolveCli, DoubletPhaseAverageStoppedByTheCapIsFlagged) {
  // 16 phases cannot reach an error of 1e-14 of the distance (round-off alone is above): converged false with a phases: warning
  fs::path cfg = writeConfig("doubletcap.toml", kDoublet + "max_phases = 16\nphase_tolerance = 1e-14\n");
  fs::path out = cfg.parent_path() / "doubletcap";
  auto r = runCbec("evolve " + cfg.string() + " --out " + out.string() + " --no-figures");
  ASSERT_EQ(r.status, 0) << r.output;
  auto j = readSummary(out);
  EXPECT_FALSE(j["converged"].get<bool>());
  ASSERT_FALSE(j["warnings"].empty());
  EXPECT_NE(j["warnings"][0].get<std::string>().find("phases:"), std::string::npos);
  EXPECT_NE(r.output.find("converged: false"), std::string::npos) << r.output;
  EXPECT_EQ(j["phases"], 16);
}
