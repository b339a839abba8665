// The stages of one `cbec groundstate` run (issue 14: the fixed costs of the 256² cases), CPU seconds in the
// order the driver runs them, each stage once as in a fresh process (first use of FFTW's wisdom, HDF5,
// the page cache), then again warm:
//   config    — readGroundStateConfig (TOML)
//   regime    — classifyRegime (2D attractive contact: a_* from TownesProfile::criticalMass, townes_regime.hpp),
//               and the full TownesProfile::standard() the check computed before (cold pass only)
//   set-up    — the solve's Hamiltonian (FFTW plans from the wisdom file, trap samples)
//   solve     — PCG to the configured tolerance
//   estimate  — gridErrorEstimate, method "evaluate" (error_estimate.hpp), then "resolve" (the former one)
//   output    — state.h5 and summary.json into a temporary directory (OutputSet)
// The FFTW wisdom file is the `cbec` program's (defaultFftwWisdomFile()), as in a CLI run.
// Usage: bench_fixed_costs CONFIG.toml [CONFIG.toml ...]   (e.g. bench/vs-xmds2's cbec_gs2d1-256_tol1e-06.toml)
#include <cbec/config/groundstate_config.hpp>
#include <cbec/discretisation/fftw_wisdom.hpp>
#include <cbec/discretisation/state_file.hpp>
#include <cbec/drivers/groundstate.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/output.hpp>
#include <cbec/soliton/townes_profile.hpp>
#include <cbec/soliton/townes_regime.hpp>
#include <cbec/solver/auto_grid.hpp>

#include <fmt/format.h>

#include <ctime>
#include <filesystem>

using namespace cbec;

namespace {

/// CPU seconds of the process (the stages run on one thread; CPU time is what the vs-xmds2 bench
/// compares, and it is far less disturbed than wall time on a shared machine).
double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

template <class F>
double timed(F&& f) {
  const double t0 = cpuSeconds();
  f();
  return cpuSeconds() - t0;
}

void stages(const std::string& path, const char* pass) {
  std::optional<GroundStateConfig> cfg;
  const double tConfig = timed([&] { cfg.emplace(readGroundStateConfig(ConfigTable::parseFile(path))); });
  if (!cfg->grid) throw InputError(path + ": the bench needs an explicit [grid]");
  const Mixture& m = cfg->mixture;
  const Grid& g = *cfg->grid;   // the vs-xmds2 configurations: centred at the origin
  RegimeReport regime{Regime::Exists, ""};
  const double tRegime = timed([&] { regime = classifyRegime(m); });
  const double tProfile = timed([&] { TownesProfile::standard(); });   // the former regime check (first pass)
  SolverOptions o = cfg->solver;
  o.keep_history = false;
  std::optional<Hamiltonian> h;
  const double tSetup = timed([&] { h.emplace(m, g, o.threads, o.measure); });
  GroundStateResult r;
  const double tSolve = timed([&] { r = groundState(*h, o); });
  h.reset();
  double estEval = 0, estResolve = 0;
  o.error_estimate = ErrorEstimateMethod::Evaluate;
  const double tEval = timed([&] { estEval = gridErrorEstimate(m, g, r, o); });
  o.error_estimate = ErrorEstimateMethod::Resolve;
  const double tResolve = timed([&] { estResolve = gridErrorEstimate(m, g, r, o); });
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("cbec-bench-fixed-{}", ::getpid());
  const double tOutput = timed([&] {
    OutputSet out(dir);
    drivers::GroundStateRun run{m, regime, g, r, estEval, 0.0, o.tolerance, {}};
    std::vector<std::string> names;
    for (const auto& sp : m.allSpecies()) names.push_back(sp.name);
    writeState(out.staged("state.h5"), g, names, r.u, {{"energy", r.energy}});
    writeJsonFile(out.staged("summary.json"), drivers::toJson(run));
    out.commit();
  });
  std::filesystem::remove_all(dir);
  fmt::print("{:<5} {:<34} config {:.4f}  regime {:.4f} (full Townes profile {:.4f})  set-up {:.4f}  solve {:.4f} ({} it, {} FFTs)  "
             "estimate: evaluate {:.4f} ({:.1e}), resolve {:.4f} ({:.1e})  output {:.4f}\n",
             pass, std::filesystem::path(path).filename().string(), tConfig, tRegime, tProfile, tSetup, tSolve, r.iterations,
             r.fft_count, tEval, estEval, tResolve, estResolve, tOutput);
}

}  // namespace

int main(int argc, char** argv) {
  setFftwWisdomFile(drivers::defaultFftwWisdomFile());
  for (int i = 1; i < argc; ++i) {
    stages(argv[i], "cold");
    stages(argv[i], "warm");
  }
}
