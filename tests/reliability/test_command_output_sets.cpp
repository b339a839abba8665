// Output sets of `cbec evolve` and `cbec manybody` (io/output.hpp, drivers/evolve.hpp): a set with a
// subdirectory (snapshots/) replaces the earlier one whole, a file of the earlier set that the new one
// lacks goes, an interrupted mean-field run leaves the earlier set whole and its checkpoint in
// DIR/unfinished, and --resume from there reproduces the uninterrupted run bit for bit.
#include <cbec/discretisation/state_file.hpp>
#include <cbec/io/output.hpp>
#include <cbec/io/signal_cleanup.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "../support/cli_runner.hpp"
#include "../support/scratch_files.hpp"

namespace fs = std::filesystem;
using cbec::testing::slurp;
using cbec::testing::runCbec;

namespace {

fs::path scratch(const std::string& name) { return cbec::testing::freshScratchDir("cmdsets", name); }

bool anyTemporary(const fs::path& dir) { return !cbec::testing::leftoverTemporaries(dir).empty(); }

nlohmann::json summary(const fs::path& dir) { return nlohmann::json::parse(slurp(dir / "summary.json")); }

/// The lens case of tests/dynamics (2D cubic NLS in |x|², a = 3), on a grid of `points`.
std::string lens(int points, const std::string& times) {
  return "[model]\ndimension = 2\n[[species]]\nname = \"A\"\na = 3.0\ntrap = { power = 2.0 }\n[grid]\npoints = " +
         std::to_string(points) + "\nbox = 16.0\n[initial]\nkind = \"harmonic\"\n[evolution]\ntolerance = 1e-11\n" +
         "linear = \"kinetic\"\ntimes = " + times + "\n";
}

}  // namespace

TEST(OutputSet, AStagedDirectoryReplacesTheEarlierOneWhole) {
  const fs::path dir = scratch("subdir");
  fs::create_directories(dir / "snapshots");
  cbec::writeTextFile(dir / "snapshots" / "t0000.h5", "old\n");
  cbec::writeTextFile(dir / "snapshots" / "t0009.h5", "old\n");
  cbec::writeTextFile(dir / "sweep.csv", "old\n");
  cbec::writeTextFile(dir / "summary.json", "old\n");
  {
    cbec::OutputSet out(dir);
    out.mayContain({"sweep.csv", "snapshots"});
    cbec::writeTextFile(out.stagedDirectory("snapshots") / "t0000.h5", "new\n");
    cbec::writeTextFile(out.staged("summary.json"), "new\n");
    out.commit();
  }
  EXPECT_EQ(slurp(dir / "summary.json"), "new\n");
  EXPECT_EQ(slurp(dir / "snapshots" / "t0000.h5"), "new\n");
  EXPECT_FALSE(fs::exists(dir / "snapshots" / "t0009.h5"));   // not a mix of two runs
  EXPECT_FALSE(fs::exists(dir / "sweep.csv"));                // the new set has none
  EXPECT_FALSE(anyTemporary(dir));
}

TEST(SignalCleanup, RemovesAStagedSetWithItsSubdirectory) {
  const fs::path dir = scratch("subdir-signal");
  cbec::writeTextFile(dir / "summary.json", "old\n");
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    cbec::installSignalCleanup();
    cbec::OutputSet out(dir);
    cbec::writeTextFile(out.stagedDirectory("snapshots") / "t0000.h5", "new\n");
    cbec::writeTextFile(out.staged("summary.json"), "new\n");
    ::raise(SIGINT);
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
  EXPECT_EQ(slurp(dir / "summary.json"), "old\n");
  EXPECT_FALSE(anyTemporary(dir));
}

TEST(EvolveOutputSet, InterruptedRunKeepsTheEarlierSetAndResumesBitIdentically) {
  const fs::path dir = scratch("evolve");
  const std::string times = "[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6]";
  std::ofstream(dir / "short.toml") << lens(32, "[0.5]");
  std::ofstream(dir / "long.toml") << lens(128, times);
  ASSERT_EQ(runCbec("evolve " + (dir / "long.toml").string() + " --out " + (dir / "reference").string() +
                    " --no-figures").status, 0);
  ASSERT_EQ(runCbec("evolve " + (dir / "short.toml").string() + " --out " + (dir / "run").string() + " --no-figures")
                .status, 0);
  const std::string good = slurp(dir / "run" / "summary.json");

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setenv("CBEC_NO_PROGRESS", "1", 1);
    // the wisdom file of the reference run (not "off"): evolve measures its plans when a wisdom file is in
    // use, so both runs execute the same plans (the resume then pins the checkpoint's wisdom)
    const std::string cfg = (dir / "long.toml").string(), out = (dir / "run").string();
    ::execl(CBEC_BINARY, CBEC_BINARY, "evolve", cfg.c_str(), "--out", out.c_str(), "--no-figures",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Ctrl-C once the run has checkpointed an output time (before its last one, with luck)
  const fs::path checkpoint = dir / "run" / "unfinished" / "checkpoint.json";
  for (int i = 0; i < 2400 && !fs::exists(checkpoint); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_FALSE(anyTemporary(dir));
  if (WIFSIGNALED(status)) {   // interrupted: the earlier set as it was, the checkpoint kept for --resume
    EXPECT_EQ(WTERMSIG(status), SIGINT);
    EXPECT_EQ(slurp(dir / "run" / "summary.json"), good);
    EXPECT_TRUE(fs::exists(checkpoint));
    const auto r = runCbec("evolve " + (dir / "long.toml").string() + " --out " + (dir / "run").string() +
                           " --resume " + (dir / "run").string() + " --no-figures");
    ASSERT_EQ(r.status, 0) << r.output;
  } else {
    ADD_FAILURE() << "the run finished before it could be interrupted; status " << status;
  }
  const auto a = summary(dir / "reference"), b = summary(dir / "run");
  EXPECT_EQ(a["observables"], b["observables"]);   // bit for bit
  EXPECT_EQ(a["steps"], b["steps"]);
  EXPECT_FALSE(fs::exists(dir / "run" / "unfinished"));
  for (int m : {0, 15}) {   // snapshots before and after the interruption
    const std::string name = "t00" + std::string(m < 10 ? "0" : "") + std::to_string(m) + ".h5";
    const auto sa = cbec::readState(dir / "reference" / "snapshots" / name, {"A_re", "A_im"});
    const auto sb = cbec::readState(dir / "run" / "snapshots" / name, {"A_re", "A_im"});
    for (int k = 0; k < 2; ++k) EXPECT_TRUE(sa.u[k].values() == sb.u[k].values()) << name;
  }
}

TEST(EvolveOutputSet, ACheckpointPairFromTwoMomentsIsRefusedByName) {
  const fs::path dir = scratch("torn");
  std::ofstream(dir / "a.toml") << lens(32, "[0.25, 0.5]");
  std::ofstream(dir / "b.toml") << lens(32, "[0.25]");
  ASSERT_EQ(runCbec("evolve " + (dir / "a.toml").string() + " --out " + (dir / "a").string() + " --no-figures").status, 0);
  ASSERT_EQ(runCbec("evolve " + (dir / "b.toml").string() + " --out " + (dir / "b").string() + " --no-figures").status, 0);
  // a run killed between writing checkpoint.h5 and checkpoint.json: the state of t = 0.5, the history of t = 0.25
  fs::create_directories(dir / "a" / "unfinished");
  fs::copy_file(dir / "a" / "checkpoint.h5", dir / "a" / "unfinished" / "checkpoint.h5");
  fs::copy_file(dir / "b" / "checkpoint.json", dir / "a" / "unfinished" / "checkpoint.json");
  const std::string good = slurp(dir / "a" / "summary.json");
  const auto r = runCbec("evolve " + (dir / "a.toml").string() + " --out " + (dir / "a").string() + " --resume " +
                         (dir / "a").string() + " --no-figures");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not from the same moment"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(slurp(dir / "a" / "summary.json"), good);
  EXPECT_FALSE(anyTemporary(dir));
}

TEST(ManybodyOutputSet, AFailedRunKeepsTheEarlierSetAndANewSetDropsTheOldSweep) {
  const fs::path dir = scratch("manybody");
  const std::string base = "[model]\ndimension = 1\ninteraction = \"hartree\"\nbeta = 0.0\n[[species]]\nname = \"A\"\nparticles = 2\na = 1.0\n"
                           "[grid]\nhartree = false\n";
  std::ofstream(dir / "sweep.toml") << base << "[basis]\nshells = 2\n[sweep]\nN = [2, 4]\nshells = 2\n";
  std::ofstream(dir / "huge.toml") << base << "[basis]\nshells = 2\n[sweep]\nN = [2, 400]\nshells = 2\n";
  std::ofstream(dir / "plain.toml") << base << "[basis]\nshells = 2\n";
  const std::string out = " --out " + (dir / "run").string() + " --no-figures";
  ASSERT_EQ(runCbec("manybody " + (dir / "sweep.toml").string() + out).status, 0);
  const std::string good = slurp(dir / "run" / "summary.json"), goodSweep = slurp(dir / "run" / "sweep.csv");
  // the sweep's last point (about 4e4 states, 1e7 bytes) does not fit in a 1 MB limit: refused before
  // any solve, after the output set was opened
  ::setenv("CBEC_MEMORY_LIMIT", "1e6", 1);
  const auto r = runCbec("manybody " + (dir / "huge.toml").string() + out);
  ::unsetenv("CBEC_MEMORY_LIMIT");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("sweep.N = 400"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("more than the"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(dir / "run" / "summary.json"), good);
  EXPECT_EQ(slurp(dir / "run" / "sweep.csv"), goodSweep);
  EXPECT_FALSE(anyTemporary(dir));
  // a set without a sweep replaces one with: no sweep.csv of the earlier run beside the new summary
  ASSERT_EQ(runCbec("manybody " + (dir / "plain.toml").string() + out).status, 0);
  EXPECT_NE(slurp(dir / "run" / "summary.json"), good);
  EXPECT_FALSE(fs::exists(dir / "run" / "sweep.csv"));
  EXPECT_TRUE(fs::exists(dir / "run" / "ladder.csv"));
}
