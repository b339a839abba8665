// Output sets (io/output.hpp, io/signal_cleanup.hpp): a result set replaces an earlier one whole or
// not at all, and a signal during a write leaves no temporary file behind.
#include <cbec/io/output.hpp>
#include <cbec/io/signal_cleanup.hpp>

#include <gtest/gtest.h>

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

namespace {

fs::path scratch(const std::string& name) { return cbec::testing::freshScratchDir("outsets", name); }

bool anyTemporary(const fs::path& dir) { return !cbec::testing::leftoverTemporaries(dir).empty(); }

}  // namespace

TEST(OutputSet, CommitReplacesTheWholeSetSummaryLast) {
  const fs::path dir = scratch("commit");
  cbec::writeTextFile(dir / "summary.json", "old\n");
  cbec::writeTextFile(dir / "scan.csv", "old\n");
  cbec::writeTextFile(dir / "notes.txt", "mine\n");
  {
    cbec::OutputSet out(dir);
    cbec::writeTextFile(out.staged("scan.csv"), "new\n");
    cbec::writeTextFile(out.staged("summary.json"), "new\n");
    EXPECT_EQ(slurp(dir / "summary.json"), "old\n");   // nothing visible before commit
    out.commit();
  }
  EXPECT_EQ(slurp(dir / "summary.json"), "new\n");
  EXPECT_EQ(slurp(dir / "scan.csv"), "new\n");
  EXPECT_EQ(slurp(dir / "notes.txt"), "mine\n");      // files outside the set are left alone
  EXPECT_FALSE(anyTemporary(dir));
}

TEST(OutputSet, AFailureBeforeCommitLeavesTheEarlierSet) {
  const fs::path dir = scratch("fail");
  cbec::writeTextFile(dir / "summary.json", "good\n");
  cbec::writeTextFile(dir / "scan.csv", "good\n");
  try {
    cbec::OutputSet out(dir);
    cbec::writeTextFile(out.staged("scan.csv"), "half\n");
    throw std::runtime_error("the fit failed");   // e.g. the old blow-up run dying after scan.csv
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(slurp(dir / "summary.json"), "good\n");
  EXPECT_EQ(slurp(dir / "scan.csv"), "good\n");
  EXPECT_FALSE(anyTemporary(dir));
}

TEST(OutputSet, RefusesBadDirectoriesByName) {
  const fs::path dir = scratch("bad");
  std::ofstream(dir / "file") << "x";
  for (const fs::path& p : {fs::path(""), dir / "file", dir / "file" / "sub", fs::path("/proc/cbec-nowhere")}) {
    try {
      cbec::OutputSet out(p);
      ADD_FAILURE() << "accepted " << p;
    } catch (const cbec::InputError& e) {
      EXPECT_NE(std::string(e.what()).find("--out"), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << e.what();
    }
  }
}

TEST(OutputSet, Hdf5FailuresAreOneLineWithoutHdf5sStack) {
  const fs::path dir = scratch("h5");
  const double v[4] = {1, 2, 3, 4};
  // a dataset path HDF5 cannot create ("." as a group member)
  testing::internal::CaptureStderr();
  try {
    cbec::writeHdf5(dir / "x.h5", {{"grid/x", {0, 1, 2, 3}}}, {{"species/.", {4}, v}});
    ADD_FAILURE() << "no error";
  } catch (const std::exception& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("x.h5"), std::string::npos) << what;
    EXPECT_NE(what.find("species/."), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");   // H5Eset_auto: nothing printed by HDF5
  EXPECT_FALSE(fs::exists(dir / "x.h5"));
  EXPECT_FALSE(anyTemporary(dir));
}

// A child process registers a temporary file and a staging directory with content, then gets
// SIGINT / SIGTERM: both are gone and the child died of that signal (re-raised after cleanup).
TEST(SignalCleanup, RemovesRegisteredPathsAndReRaises) {
  for (int sig : {SIGINT, SIGTERM}) {
    const fs::path dir = scratch("signal" + std::to_string(sig));
    const fs::path tmp = dir / "state.h5.tmp-1", staging = dir / ".cbec-staging-1";
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      cbec::installSignalCleanup();
      std::ofstream(tmp) << "partial";
      fs::create_directory(staging);
      std::ofstream(staging / "summary.json") << "{}";
      cbec::TempPath a(tmp), b(staging, cbec::TempPath::Kind::Directory);
      ::raise(sig);
      ::_exit(0);   // not reached
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status)) << status;
    if (WIFSIGNALED(status)) EXPECT_EQ(WTERMSIG(status), sig);
    EXPECT_FALSE(fs::exists(tmp));
    EXPECT_FALSE(fs::exists(staging));
  }
}

// End to end: Ctrl-C while `cbec groundstate` runs into a directory holding a good result.
TEST(SignalCleanup, InterruptedRunKeepsTheEarlierSetAndLeavesNoTemporaries) {
  const fs::path dir = scratch("cli");
  std::ofstream(dir / "ok.toml") << "[model]\ndimension = 1\n[[species]]\na = 1.0\n";
  std::ofstream(dir / "slow.toml") << "[model]\ndimension = 3\n[[species]]\na = -50.0\n[grid]\npoints = 96\nbox = 16.0\n"
                                      "[solver]\ntolerance = 1e-14\nmax_iterations = 100000\n";
  const std::string env = "CBEC_NO_PROGRESS=1 CBEC_FFTW_WISDOM=off ";
  ASSERT_EQ(std::system((env + CBEC_BINARY + " groundstate " + (dir / "ok.toml").string() + " --out " +
                         (dir / "run").string() + " > /dev/null").c_str()), 0);
  const std::string good = slurp(dir / "run" / "summary.json");
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::setenv("CBEC_NO_PROGRESS", "1", 1);
    ::setenv("CBEC_FFTW_WISDOM", "off", 1);
    const std::string cfg = (dir / "slow.toml").string(), out = (dir / "run").string();
    ::execl(CBEC_BINARY, CBEC_BINARY, "groundstate", cfg.c_str(), "--out", out.c_str(), "--json",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // wait until the run has made its staging directory (it exists for the whole run), then Ctrl-C
  const fs::path staging = dir / "run" / (".cbec-staging-" + std::to_string(pid));
  for (int i = 0; i < 400 && !fs::exists(staging); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  EXPECT_TRUE(fs::exists(staging));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGINT) << status;
  EXPECT_EQ(slurp(dir / "run" / "summary.json"), good);
  EXPECT_TRUE(fs::exists(dir / "run" / "state.h5"));
  EXPECT_FALSE(anyTemporary(dir));
}
