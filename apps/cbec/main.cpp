// cbec — command-line front end. Parses the command line, dispatches to a subcommand, and maps
// failures to exit statuses: 0 success, 1 bad input or numerical failure, 2 unbounded energy
// (supercritical coupling, INTERFACE.md). Every error is one line on stderr.
// Under mpirun (mpi/communicator.hpp) every rank parses the same command; rank 0 alone prints and writes
// the output set. An error ends every rank with one line on stderr and the same exit status.
#include "commands.hpp"

#include <cbec/discretisation/fftw_wisdom.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/io/signal_cleanup.hpp>
#include <cbec/mpi/communicator.hpp>
#include <cbec/version.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>
#include <new>
#include <string>

namespace {
/// Every error is one line on stderr: newlines inside a message become "; ".
std::string oneLine(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (std::size_t i; (i = s.find('\n')) != std::string::npos;) s.replace(i, 1, "; ");
  return s;
}
/// One error line and the exit status. On several ranks the line is printed once: rank 0 prints at once
/// and ends the run; another rank waits a moment first, so that an error every rank meets (a bad
/// configuration) is printed by rank 0 only, and an error of its own still ends the run.
int fail(const std::string& line, int status) {
  const auto& ranks = cbec::mpi::Communicator::world();
  if (!ranks.distributed()) {
    std::cerr << line << "\n";
    return status;
  }
  if (!ranks.root()) std::this_thread::sleep_for(std::chrono::seconds(2));
  std::cerr << line << std::endl;
  ranks.abort(status);
}

int run(CLI::App& app, int argc, char** argv);
}  // namespace

int main(int argc, char** argv) {
  cbec::mpi::Session session(&argc, &argv);
  // Rank 0 alone talks: the other ranks compute the same numbers silently (their stdout is discarded).
  if (!cbec::mpi::Communicator::world().root() && !std::freopen("/dev/null", "w", stdout)) return 1;
  CLI::App app{"cbec: composite Bose-Einstein condensates (mixtures, fragmentation, mean-field limits)"};
  return run(app, argc, argv);
}

namespace {
int run(CLI::App& app, int argc, char** argv) {
  // Process-wide choices belong here, not in the library (drivers/session.hpp): the allocator keeps
  // freed field memory, and measured FFTW plans are kept in ~/.cache/cbec/fftw-wisdom
  // ($CBEC_FFTW_WISDOM names another file; "off" disables it).
  cbec::drivers::keepFreedMemoryInHeap();
  cbec::setFftwWisdomFile(cbec::drivers::defaultFftwWisdomFile());
  // Ctrl-C / SIGTERM during a write: temporary files and staging directories are removed first.
  cbec::installSignalCleanup();
  app.require_subcommand(1);
  app.set_version_flag("--version", cbec::versionString());
  cbec::cli::addSolitonCommand(app);
  cbec::cli::addMarginalsCommand(app);
  cbec::cli::addGroundStateCommand(app);
  cbec::cli::addBlowupCommand(app);
  cbec::cli::addEvolveCommand(app);
  cbec::cli::addRatesCommand(app);
  cbec::cli::addManybodyCommand(app);
  cbec::cli::addBogoliubovCommand(app);
  cbec::cli::addQmcCommand(app);
  cbec::cli::addDemoCommand(app);
  cbec::cli::addOpenCasesCommand(app);
  try {
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands([&](CLI::App* s) {
          return s->get_name() == argv[1];
        }).empty())
      throw cbec::InputError(std::string("unknown command '") + argv[1] + "' (see cbec --help)");
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);   // --help, --version
    return fail("cbec: error: " + oneLine(e.what()), 1);   // no "Run with --help" footer
  } catch (const cbec::UnboundedEnergyError& e) {
    return fail("cbec: unbounded: " + oneLine(e.what()), 2);
  } catch (const cbec::InputError& e) {
    return fail("cbec: error: " + oneLine(e.what()), 1);
  } catch (const std::bad_alloc&) {
    return fail("cbec: failed: out of memory", 1);
  } catch (const std::exception& e) {
    return fail("cbec: failed: " + oneLine(e.what()), 1);
  }
  return 0;
}
}  // namespace
