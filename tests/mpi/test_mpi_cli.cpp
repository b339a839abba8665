// `mpirun -np P cbec COMMAND` (INTERFACE.md "MPI"): the same keys and numbers as the serial run (Fock
// energies to 1e-10, grid energies to 1e-10 relative — a rank's first blow-up point starts cold), `ranks`
// in summary.json, one output set written by rank 0, and an error on every rank printed once with exit 1.
#include <cbec/discretisation/state_file.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <csignal>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

#include "../support/cli_runner.hpp"
#include "../support/scratch_files.hpp"

namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

#ifdef CBEC_MPIEXEC
cbec::testing::CliRun runRanks(int P, const std::string& args) {
  return cbec::testing::runCbec(args, std::string("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 ") + CBEC_MPIEXEC +
                                          " -q --oversubscribe -np " + std::to_string(P));
}
#define REQUIRE_MPI()
#else
cbec::testing::CliRun runRanks(int, const std::string&) { return {}; }
#define REQUIRE_MPI() GTEST_SKIP() << "built without MPI"
#endif

Json summary(const fs::path& dir) { return Json::parse(std::ifstream(dir / "summary.json")); }

const char* kManybody = R"(
[model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = 0.0

[[species]]
name = "A"
particles = 3
a = 3.0

[[species]]
name = "B"
particles = 2
a = 2.0

[coupling]
a12 = 1.5

[basis]
shells = 6
truncation = "energy"
scale = 1.25

[grid]
hartree = false
)";

/// Two species in the plane, contact interaction, displaced traps (the slab tests' mixture), on an n² grid of `box`.
std::string twoSpeciesContact2D(int n, const std::string& box) {
  return "\n[model]\n"
         "dimension = 2\n"
         "interaction = \"contact\"\n"
         "[[species]]\n"
         "name = \"A\"\n"
         "fraction = 0.5\n"
         "a = 3.0\n"
         "trap = { power = 2.0, center = [0.0, 0.0] }\n"
         "[[species]]\n"
         "name = \"B\"\n"
         "fraction = 0.5\n"
         "a = 4.0\n"
         "trap = { power = 2.0, center = [0.5, 0.0] }\n"
         "[coupling]\n"
         "a12 = 2.0\n"
         "[grid]\npoints = " + std::to_string(n) + "\nbox = " + box + "\n";
}

TEST(MpiCli, ManybodyOnOneTwoThreeRanksAgreesWithTheSerialRun) {
  REQUIRE_MPI();
  const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", "mb", kManybody);
  const fs::path serialDir = cbec::testing::scratchPath("mpi-test", "mb-serial");
  ASSERT_EQ(cbec::testing::runCbec("manybody " + cfg.string() + " --out " + serialDir.string()).status, 0);
  const Json s = summary(serialDir);
  EXPECT_EQ(s["ranks"], 1);
  ASSERT_GT(s["basis"]["dimension"].get<int>(), 64);   // the distributed path, not the dense one
  for (int P : {1, 2, 3}) {
    const fs::path dir = cbec::testing::scratchPath("mpi-test", "mb-" + std::to_string(P));
    const auto run = runRanks(P, "manybody " + cfg.string() + " --out " + dir.string());
    ASSERT_EQ(run.status, 0) << run.output;
    const Json j = summary(dir);
    EXPECT_EQ(j["ranks"], P);
    const double E = s["energy_total"];
    EXPECT_NEAR(j["energy_total"].get<double>(), E, 1e-10 * std::abs(E)) << P << " ranks";
    for (int k = 0; k < 2; ++k)
      EXPECT_NEAR(j["condensate_fraction"][k].get<double>(), s["condensate_fraction"][k].get<double>(), 1e-9);
    EXPECT_EQ(j["basis"]["dimension"], s["basis"]["dimension"]);
  }
}

TEST(MpiCli, ManybodySweepPointsSplitOverRanksEqualTheSerialRunBitForBit) {
  REQUIRE_MPI();
  const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", "sweep", R"(
[model]
dimension = 2
interaction = "hartree"
profile = "gaussian"
beta = 0.0
[[species]]
name = "A"
particles = 2
a = 3.0
[[species]]
name = "B"
particles = 2
a = 2.0
[coupling]
a12 = 1.5
[basis]
shells = 2
[grid]
hartree = false
[sweep]
N = [4, 6, 8, 10]
shells = 2
)");
  const auto serial = cbec::testing::runCbec("manybody " + cfg.string() + " --json");
  ASSERT_EQ(serial.status, 0) << serial.output;
  const Json s = Json::parse(serial.out);
  for (int P : {2, 3}) {   // 4 points on 3 ranks: an uneven split
    const auto run = runRanks(P, "manybody " + cfg.string() + " --json");
    ASSERT_EQ(run.status, 0) << run.output;
    const Json j = Json::parse(run.out);
    EXPECT_EQ(j["sweep"], s["sweep"]) << P << " ranks";   // every point solved on one rank as on one process
    EXPECT_EQ(j["fitted_power"], s["fitted_power"]);
  }
}

TEST(MpiCli, BlowupScanPointsSplitOverRanksMergeIntoOneSummary) {
  REQUIRE_MPI();
  const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", "bu", R"(
[model]
dimension = 2
interaction = "contact"
[[species]]
name = "A"
fraction = 0.5
trap = { power = 2.0, center = [0.0, 0.0] }
[[species]]
name = "B"
fraction = 0.5
trap = { power = 2.0, center = [0.0, 0.0] }
[coupling]
a12 = 2.0
[scan]
path = "theorem1"
distances = [1e-1, 3e-2, 1e-2]
)");
  const fs::path serialDir = cbec::testing::scratchPath("mpi-test", "bu-serial");
  ASSERT_EQ(cbec::testing::runCbec("blowup " + cfg.string() + " --no-figures --out " + serialDir.string()).status, 0);
  const Json s = summary(serialDir);
  for (int P : {2, 3}) {
    const fs::path dir = cbec::testing::scratchPath("mpi-test", "bu-" + std::to_string(P));
    const auto run = runRanks(P, "blowup " + cfg.string() + " --no-figures --out " + dir.string());
    ASSERT_EQ(run.status, 0) << run.output;
    const Json j = summary(dir);
    EXPECT_EQ(j["ranks"], P);
    ASSERT_EQ(j["points"].size(), s["points"].size());
    for (size_t k = 0; k < s["points"].size(); ++k) {
      EXPECT_EQ(j["points"][k]["distance"], s["points"][k]["distance"]);
      const double E = s["points"][k]["energy"];
      EXPECT_NEAR(j["points"][k]["energy"].get<double>(), E, 1e-10 * std::abs(E)) << "point " << k;
    }
    EXPECT_TRUE(fs::exists(dir / "scan.csv"));
  }
}

// QMC (docs/qmc.md "Reproducibility"): the walker slots split over the ranks, the comb's copies moved between
// them, every slot's weight gathered in slot order: the energies, the error, the per-step series, the density
// matrices and the densities are the same bits as the serial run on 1, 2 and 3 ranks (31 walkers: uneven).
TEST(MpiCli, QmcWalkersOverOneTwoThreeRanksEqualTheSerialRunBitForBit) {
  REQUIRE_MPI();
  // the product trial, and the pair factor (its cached exponentials rebuilt on the receiving rank)
  for (const std::string trial : {"", "[trial]\njastrow = \"gaussian\"\n"}) {
  const std::string tag = trial.empty() ? "qmc" : "qmc-jastrow";
  const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", tag, trial + R"(
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
particles = 1
a = 1.0
[coupling]
a12 = 3.0
[qmc]
walkers = 31
time_steps = [0.04]
max_steps = 300
equilibration_time = 0.4
forward_walkers = 5
forward_every = 10
forward_time = 0.2
density_points = 8
[grid]
points = 64
box = 12.0
)");
  auto read = [](const fs::path& f) {
    std::ifstream in(f);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  const fs::path serialDir = cbec::testing::scratchPath("mpi-test", tag + "-serial");
  const auto serial = cbec::testing::runCbec("qmc " + cfg.string() + " --out " + serialDir.string());
  ASSERT_EQ(serial.status, 0) << serial.output;
  const Json s = summary(serialDir);
  ASSERT_EQ(s["time_steps"][0]["steps"], 300);
  for (int P : {1, 2, 3}) {
    const fs::path dir = cbec::testing::scratchPath("mpi-test", tag + "-" + std::to_string(P));
    const auto run = runRanks(P, "qmc " + cfg.string() + " --out " + dir.string());
    ASSERT_EQ(run.status, 0) << run.output;
    const Json j = summary(dir);
    EXPECT_EQ(j["ranks"], P);
    for (const char* k : {"energy", "energy_error", "energy_total", "hartree_energy", "condensate_fraction",
                          "condensate_fraction_error", "density_matrices", "samples"})
      EXPECT_EQ(j[k], s[k]) << k << " on " << P << " ranks";
    for (const char* k : {"energy", "energy_error", "uncorrected_energy", "local_energy_variance", "acceptance",
                          "effective_time_step", "forward_samples"})
      EXPECT_EQ(j["time_steps"][0][k], s["time_steps"][0][k]) << k << " on " << P << " ranks";
    EXPECT_EQ(read(dir / "energy.csv"), read(serialDir / "energy.csv")) << P << " ranks";
    EXPECT_EQ(read(dir / "density.csv"), read(serialDir / "density.csv")) << P << " ranks";
  }
  if (!trial.empty()) EXPECT_EQ(s["trial"]["jastrow"], "gaussian");
  }
}

TEST(MpiCli, EvolveCheckpointWrittenOnThreeRanksResumesOnTwoBitIdentically) {
  REQUIRE_MPI();
  const std::string lens = R"(
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
  const fs::path full = cbec::testing::writeConfigFile("mpi-test", "ev-full", lens + "times = [0.25, 0.5, 0.75, 1.0]\n");
  const fs::path half = cbec::testing::writeConfigFile("mpi-test", "ev-half", lens + "times = [0.25, 0.5]\n");
  const fs::path a = cbec::testing::scratchPath("mpi-test", "ev-a"), b = cbec::testing::scratchPath("mpi-test", "ev-b");
  fs::remove_all(a), fs::remove_all(b);
  const fs::path wisdom = cbec::testing::scratchPath("mpi-test", "ev-wisdom");
  fs::remove(wisdom);
  ::setenv("CBEC_FFTW_WISDOM", wisdom.c_str(), 1);   // the runs share their measured plans
  const fs::path serial = cbec::testing::scratchPath("mpi-test", "ev-serial");
  fs::remove_all(serial);
  ASSERT_EQ(cbec::testing::runCbec("evolve " + full.string() + " --no-figures --out " + serial.string()).status, 0);
  auto r = runRanks(2, "evolve " + full.string() + " --no-figures --out " + a.string());   // uninterrupted, 2 ranks
  ASSERT_EQ(r.status, 0) << r.output;
  r = runRanks(3, "evolve " + half.string() + " --no-figures --out " + b.string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(summary(b)["ranks"], 3);
  EXPECT_EQ(summary(b)["slab_planes"], (Json{16, 16, 16}));
  // the checkpoint is in the serial layout: the serial reader reads it
  EXPECT_EQ(cbec::readState(b / "checkpoint.h5", {"A_re", "A_im", "initial_A_re", "initial_A_im"}).grid.points(), 48);
  r = runRanks(2, "evolve " + full.string() + " --no-figures --out " + b.string() + " --resume " + b.string());
  ASSERT_EQ(r.status, 0) << r.output;
  const Json ja = summary(a), jb = summary(b), js = summary(serial);
  EXPECT_EQ(jb["ranks"], 2);
  EXPECT_EQ(jb["resumed"], true);
  EXPECT_EQ(ja["observables"], jb["observables"]);   // every double, bit for bit
  EXPECT_EQ(ja["steps"], jb["steps"]);
  // the final snapshot too
  const cbec::StoredState ua = cbec::readState(a / "snapshots" / "t0003.h5", {"A_re", "A_im"});
  const cbec::StoredState ub = cbec::readState(b / "snapshots" / "t0003.h5", {"A_re", "A_im"});
  for (size_t q = 0; q < 2; ++q) EXPECT_EQ(ua.u[q].values(), ub.u[q].values());
  // slabs against the one-process run (its FFTs are the multidimensional plans): round-off
  for (const char* key : {"energy", "x2", "overlap", "norm"})
    for (size_t m = 0; m < 4; ++m) {
      const double x = js["observables"][key][m], y = jb["observables"][key][m];
      EXPECT_NEAR(y, x, 1e-12 * std::abs(x)) << key << " at output " << m;
    }
  ::unsetenv("CBEC_FFTW_WISDOM");
}

// `mpirun -np P cbec evolve` on FFTW-MPI slabs (2D, two species; 3D, one species): every observable, the step
// counts and the snapshots the same bits for P = 1, 2, 3 (50 planes: 17 + 17 + 16; 3D 14: 5 + 5 + 4), and within
// 1e-12 relative of the one-process run. Both linear parts: the exact harmonic flow (chirps and the drift in the
// transposed spectrum) and the kinetic multiplier; an adaptive and a fixed step.
TEST(MpiCli, EvolveOnSlabsIsTheSameForEveryRankCount) {
  REQUIRE_MPI();
  const std::string twoD = twoSpeciesContact2D(50, "14.0") + R"(
[initial]
kind = "gaussian"
center = [0.3, -0.2]
width = 1.2
momentum = [0.5, 0.0]
[evolution]
times = [0.2, 0.4]
tolerance = 1e-9
)";
  const std::string threeD = R"(
[model]
dimension = 3
interaction = "contact"
[[species]]
name = "A"
a = 2.0
trap = { power = 2.0, center = [0.0, 0.0, 0.0] }
[grid]
points = 14
box = 10.0
[initial]
kind = "gaussian"
center = [0.2, 0.0, -0.1]
width = 1.0
momentum = [0.0, 0.4, 0.0]
[evolution]
times = [0.1, 0.2]
tolerance = 0.0
step = 0.02
linear = "kinetic"
)";
  int k = 0;
  for (const std::string& text : {twoD, threeD}) {
    const std::string tag = "evs" + std::to_string(k++);
    const std::vector<std::string> names = k == 1 ? std::vector<std::string>{"A_re", "A_im", "B_re", "B_im"}
                                                  : std::vector<std::string>{"A_re", "A_im"};
    const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", tag, text);
    const fs::path serialDir = cbec::testing::scratchPath("mpi-test", tag + "-serial");
    fs::remove_all(serialDir);
    const auto serial = cbec::testing::runCbec("evolve " + cfg.string() + " --no-figures --out " + serialDir.string());
    ASSERT_EQ(serial.status, 0) << serial.output;
    const Json s = summary(serialDir);
    EXPECT_FALSE(s.contains("slab_planes"));
    EXPECT_EQ(s["linear_part"], k == 1 ? "exact_harmonic" : "kinetic");
    Json first;
    for (int P : {1, 2, 3}) {
      const fs::path dir = cbec::testing::scratchPath("mpi-test", tag + "-" + std::to_string(P));
      fs::remove_all(dir);
      const auto run = runRanks(P, "evolve " + cfg.string() + " --no-figures --out " + dir.string());
      ASSERT_EQ(run.status, 0) << run.output;
      const Json j = summary(dir);
      EXPECT_EQ(j["ranks"], P);
      ASSERT_EQ(j["slab_planes"].size(), static_cast<size_t>(P));
      if (P == 3) EXPECT_EQ(j["slab_planes"], (k == 1 ? Json{17, 17, 16} : Json{5, 5, 4}));
      for (const char* key : {"energy", "x2", "overlap", "norm"})
        for (size_t m = 0; m < 2; ++m) {
          const double x = s["observables"][key][m], y = j["observables"][key][m];
          EXPECT_NEAR(y, x, 1e-12 * std::abs(x)) << key << " at output " << m << ", " << P << " ranks";
        }
      EXPECT_EQ(j["steps"], s["steps"]);
      if (P == 1) {
        first = j;
        continue;
      }
      for (const char* key : {"observables", "norm_per_species", "steps", "rejected_steps", "drift"})
        EXPECT_EQ(j[key], first[key]) << key << ", " << P << " ranks";
      const cbec::StoredState one = cbec::readState(cbec::testing::scratchPath("mpi-test", tag + "-1") / "snapshots" / "t0001.h5", names);
      const cbec::StoredState here = cbec::readState(dir / "snapshots" / "t0001.h5", names);
      const cbec::StoredState ref = cbec::readState(serialDir / "snapshots" / "t0001.h5", names);
      for (size_t q = 0; q < names.size(); ++q) {
        EXPECT_EQ(here.u[q].values(), one.u[q].values()) << names[q] << ", " << P << " ranks";
        double err = 0;
        for (size_t i = 0; i < ref.u[q].size(); ++i) err = std::max(err, std::abs(here.u[q][i] - ref.u[q][i]));
        EXPECT_LT(err, 1e-10) << names[q];
      }
    }
  }
}

// The memory refusal of an evolution on slabs counts per rank.
TEST(MpiCli, EvolveMemoryRefusalCountsPerRank) {
  REQUIRE_MPI();
  const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", "huge-evolve", R"(
[model]
dimension = 3
[[species]]
name = "A"
a = 2.0
trap = { power = 2.0, center = [0.0, 0.0, 0.0] }
[grid]
points = 1024
box = 14.0
[evolution]
times = [0.1]
)");
  const auto serial = cbec::testing::runCbec("evolve " + cfg.string() + " --out /tmp/never");
  EXPECT_EQ(serial.status, 1);
  EXPECT_NE(serial.output.find("2.23e+11 bytes"), std::string::npos) << serial.output;   // 8·1024³·26
  const auto run = runRanks(2, "evolve " + cfg.string() + " --out /tmp/never");
  EXPECT_EQ(run.status, 1);
  // 2.23e11 / 2 + 32·2·1024³ = 1.80e11 bytes on each of the 2 ranks ({:.3g}: "1.8e+11")
  EXPECT_NE(run.output.find("per rank of 2): needs about 1.8e+11 bytes"), std::string::npos) << run.output;
}

// Ctrl-C under mpirun (INTERFACE.md "MPI", README "output sets"): mpirun passes the interrupt to the ranks,
// which leave no temporary file; the earlier output set stays as it was and the checkpoint of the interrupted
// run (on 2 ranks' slabs) resumes on 1 rank to the uninterrupted 1-rank run's observables, bit for bit (slab runs
// are bitwise P-independent; the 2-rank run is the slow one on a loaded 2-core machine, so it only runs until
// its first checkpoint).
TEST(MpiCli, CtrlCUnderMpirunKeepsTheEarlierOutputSetAndTheCheckpoint) {
  REQUIRE_MPI();
#ifdef CBEC_MPIEXEC
  const std::string lens = "[model]\ndimension = 2\n[[species]]\nname = \"A\"\na = 3.0\ntrap = { power = 2.0 }\n"
                           "[grid]\npoints = 64\nbox = 16.0\n[initial]\nkind = \"harmonic\"\n[evolution]\n"
                           "tolerance = 1e-11\n";
  std::string times = "[0.5";
  for (int k = 2; k <= 24; ++k) times += ", " + std::to_string(0.5 * k);
  const fs::path full = cbec::testing::writeConfigFile("mpi-test", "int-full", lens + "times = " + times + "]\n");
  const fs::path half = cbec::testing::writeConfigFile("mpi-test", "int-half", lens + "times = [0.5]\n");
  const fs::path ref = cbec::testing::scratchPath("mpi-test", "int-ref"), run = cbec::testing::scratchPath("mpi-test", "int-run");
  fs::remove_all(ref), fs::remove_all(run);
  const fs::path wisdom = cbec::testing::scratchPath("mpi-test", "int-wisdom");
  fs::remove(wisdom);
  ::setenv("CBEC_FFTW_WISDOM", wisdom.c_str(), 1);
  // the reference on one rank's slab (P = 1: no communication, seconds); slab runs are bitwise P-independent
  ASSERT_EQ(runRanks(1, "evolve " + full.string() + " --no-figures --out " + ref.string()).status, 0);
  ASSERT_EQ(cbec::testing::runCbec("evolve " + half.string() + " --no-figures --out " + run.string()).status, 0);
  auto slurp = [](const fs::path& p) { std::ifstream f(p); return std::string(std::istreambuf_iterator<char>(f), {}); };
  const std::string earlier = slurp(run / "summary.json");

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    ::setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    ::setenv("CBEC_NO_PROGRESS", "1", 1);
    const std::string cfg = full.string(), out = run.string();
    ::execl(CBEC_MPIEXEC, CBEC_MPIEXEC, "-q", "--oversubscribe", "-np", "2", CBEC_BINARY, "evolve", cfg.c_str(), "--out",
            out.c_str(), "--no-figures", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const fs::path checkpoint = run / "unfinished" / "checkpoint.json";
  for (int i = 0; i < 2400 && !fs::exists(checkpoint); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_FALSE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the run finished before it could be interrupted";
  // No file is left half-written. mpirun may SIGKILL rank 0 (no handler runs) while a staging directory
  // exists; such a directory is empty or holds only unfinished new files, and the next run in DIR removes it
  // (OutputSet: staging directories of processes that no longer exist). docs/scaling.md, "Ctrl-C".
  for (const std::string& left : cbec::testing::leftoverTemporaries(run)) {
    EXPECT_NE(left.find("/.cbec-staging-"), std::string::npos) << left;
    EXPECT_EQ(left.find("-old"), std::string::npos) << left;
  }
  EXPECT_EQ(slurp(run / "summary.json"), earlier);   // the earlier output set, untouched
  ASSERT_TRUE(fs::exists(checkpoint));
  const auto r = runRanks(1, "evolve " + full.string() + " --no-figures --out " + run.string() + " --resume " + run.string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_EQ(cbec::testing::leftoverTemporaries(run), std::vector<std::string>{});
  EXPECT_EQ(summary(ref)["observables"], summary(run)["observables"]);   // every double, bit for bit (both on slabs)
  EXPECT_FALSE(fs::exists(run / "unfinished"));
  ::unsetenv("CBEC_FFTW_WISDOM");
#endif
}

// `mpirun -np P cbec groundstate` on FFTW-MPI slabs (discretisation/slab.hpp): E, μ_s, the terms and the state
// written to state.h5 are the same bits for P = 1, 2, 3 (64 planes: 22 + 22 + 20 on 3 ranks; 20 planes in 3D:
// 7 + 7 + 6), and agree with the one-process run to 1e-12 relative (its FFTs are the multidimensional plans).
TEST(MpiCli, GroundStateOnSlabsIsTheSameForEveryRankCount) {
  REQUIRE_MPI();
  const std::string twoD = twoSpeciesContact2D(64, "12.0");
  const std::string threeD = R"(
[model]
dimension = 3
interaction = "hartree"
profile = "gaussian"
beta = 0.2
N = 10
[[species]]
name = "A"
fraction = 0.5
a = 3.0
trap = { power = 2.0, center = [0.0, 0.0, 0.0] }
[[species]]
name = "B"
fraction = 0.5
a = 2.0
trap = { power = 2.0, center = [0.0, 0.0, 0.0] }
[coupling]
a12 = 1.5
[grid]
points = 20
box = 9.0
)";
  int k = 0;
  for (const std::string& text : {twoD, threeD}) {
    const std::string tag = "gs" + std::to_string(k++);
    const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", tag, text);
    const fs::path serialDir = cbec::testing::scratchPath("mpi-test", tag + "-serial");
    const auto serial = cbec::testing::runCbec("groundstate " + cfg.string() + " --out " + serialDir.string());
    ASSERT_EQ(serial.status, 0) << serial.output;
    const Json s = summary(serialDir);
    EXPECT_FALSE(s.contains("slab_planes"));
    Json first;
    for (int P : {1, 2, 3}) {
      const fs::path dir = cbec::testing::scratchPath("mpi-test", tag + "-" + std::to_string(P));
      const auto run = runRanks(P, "groundstate " + cfg.string() + " --out " + dir.string());
      ASSERT_EQ(run.status, 0) << run.output;
      const Json j = summary(dir);
      EXPECT_EQ(j["ranks"], P);
      ASSERT_EQ(j["slab_planes"].size(), static_cast<size_t>(P));
      if (P == 3) EXPECT_EQ(j["slab_planes"], (k == 1 ? Json{22, 22, 20} : Json{7, 7, 6}));
      EXPECT_TRUE(j["converged"].get<bool>());
      const double E = s["energy"];
      EXPECT_NEAR(j["energy"].get<double>(), E, 1e-12 * std::abs(E)) << P << " ranks";
      for (size_t q = 0; q < 2; ++q)
        EXPECT_NEAR(j["mu"][q].get<double>(), s["mu"][q].get<double>(), 1e-12 * std::abs(s["mu"][q].get<double>()));
      if (P == 1) {
        first = j;
        continue;
      }
      // the reproducible mode: every number the same bits as on one rank
      for (const char* key : {"energy", "mu", "terms", "residual", "residuals", "iterations", "fft_count", "error_estimate"})
        EXPECT_EQ(j[key], first[key]) << key << ", " << P << " ranks";
      // state.h5 in the serial layout (read back by the serial reader), the same fields bit for bit
      const cbec::StoredState one = cbec::readState(cbec::testing::scratchPath("mpi-test", tag + "-1") / "state.h5", {"A", "B"});
      const cbec::StoredState here = cbec::readState(dir / "state.h5", {"A", "B"});
      const cbec::StoredState ref = cbec::readState(serialDir / "state.h5", {"A", "B"});
      EXPECT_EQ(here.grid.points(), ref.grid.points());
      for (size_t q = 0; q < 2; ++q) {
        ASSERT_EQ(here.u[q].size(), ref.u[q].size());
        EXPECT_EQ(here.u[q].values(), one.u[q].values()) << "species " << q << ", " << P << " ranks";
        double err = 0;
        for (size_t i = 0; i < ref.u[q].size(); ++i) err = std::max(err, std::abs(here.u[q][i] - ref.u[q][i]));
        EXPECT_LT(err, 1e-8);
      }
    }
  }
}

// The memory refusal of a split ground state counts per rank: the slab's share plus the gathered state.
TEST(MpiCli, GroundStateMemoryRefusalCountsPerRank) {
  REQUIRE_MPI();
  const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", "huge", R"(
[model]
dimension = 3
[[species]]
name = "A"
a = -20.0
trap = { omega = [1.0, 1.0, 2.0], center = [0.0, 0.0, 0.0] }
[grid]
points = 1024
box = 14.0
)");
  const auto serial = cbec::testing::runCbec("groundstate " + cfg.string());
  EXPECT_EQ(serial.status, 1);
  EXPECT_NE(serial.output.find("2.75e+11 bytes"), std::string::npos) << serial.output;   // 8·1024³·32
  const auto run = runRanks(2, "groundstate " + cfg.string());
  EXPECT_EQ(run.status, 1);
  // 2.75e11 / 2 + 16·1024³ = 1.55e11 bytes on each of the 2 ranks
  EXPECT_NE(run.output.find("per rank of 2): needs about 1.55e+11 bytes"), std::string::npos) << run.output;
}

/// A summary without what may differ between runs: wall-clock times and the rank count.
Json withoutTimes(Json j) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end();) {
      if (it.key() == "ranks" || it.key().find("seconds") != std::string::npos) it = j.erase(it);
      else *it = withoutTimes(*it), ++it;
    }
  } else if (j.is_array()) {
    for (auto& x : j) x = withoutTimes(x);
  }
  return j;
}

// `mpirun -np P cbec rates`: the N points split in contiguous blocks over the ranks (4 points on 3 ranks: 2 + 1 + 1;
// 3 on 2: 2 + 1), each run on one rank as on one process and gathered in order as raw doubles: summary.json and
// rates.csv equal the serial run's bit for bit (the toy model with two ν; the double well with its adaptive
// phase average, which runs on every rank from the gathered γ^(k); the modes model shares the double well's
// sweep and is not run here).
TEST(MpiCli, RatesPointsSplitOverRanksEqualTheSerialRunBitForBit) {
  REQUIRE_MPI();
  const std::string toy = R"(
[model]
kind = "fragmented_toy"
nu = 2.0
occupations = [0.5, 0.5]
[potential]
kind = "gaussian"
strength = 3.0
width = 1.0
[basis]
shells = 2
[rates]
N = [10, 20, 30, 40]
times = [0.0, 0.5]
k = 2
nu = [2.0, 4.0]
)";
  const std::string doubleWell = R"(
[model]
kind = "double_well"
gap = 1.0
interaction = 1.0
occupations = [0.5, 0.5]
[rates]
N = [20, 40, 60]
times = [0.0, 1.0]
k = 1
)";
  int k = 0;
  for (const std::string& text : {toy, doubleWell}) {
    const std::string tag = "rates" + std::to_string(k++);
    const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", tag, text);
    const fs::path serialDir = cbec::testing::scratchPath("mpi-test", tag + "-serial");
    const auto serial = cbec::testing::runCbec("rates " + cfg.string() + " --no-figures --out " + serialDir.string());
    ASSERT_EQ(serial.status, 0) << serial.output;
    const Json s = withoutTimes(summary(serialDir));
    auto slurp = [](const fs::path& p) { std::ifstream f(p); return std::string(std::istreambuf_iterator<char>(f), {}); };
    for (int P : {2, 3}) {
      const fs::path dir = cbec::testing::scratchPath("mpi-test", tag + "-" + std::to_string(P));
      const auto run = runRanks(P, "rates " + cfg.string() + " --no-figures --out " + dir.string());
      ASSERT_EQ(run.status, 0) << run.output;
      EXPECT_EQ(summary(dir)["ranks"], P);
      EXPECT_EQ(withoutTimes(summary(dir)), s) << tag << " on " << P << " ranks";
      EXPECT_EQ(slurp(dir / "rates.csv"), slurp(serialDir / "rates.csv")) << tag << " on " << P << " ranks";
    }
  }
}

TEST(MpiCli, AnErrorOnEveryRankIsOneLineAndExitStatusOne) {
  REQUIRE_MPI();
  const fs::path cfg = cbec::testing::writeConfigFile("mpi-test", "bad", std::string(kManybody) + "bogus = 1\n");
  const auto run = runRanks(3, "manybody " + cfg.string());
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("bogus"), std::string::npos) << run.err;
  EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
}

}  // namespace
