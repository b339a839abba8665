// cbec — command-line front end. Parses the command line, dispatches to a subcommand, and maps
// failures to exit statuses: 0 success, 1 bad input or numerical failure, 2 unbounded energy
// (supercritical coupling, INTERFACE.md). Every error is one line on stderr.
#include "commands.hpp"

#include <cbec/discretisation/fftw_wisdom.hpp>
#include <cbec/drivers/session.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/io/signal_cleanup.hpp>
#include <cbec/version.hpp>

#include <cstdio>
#include <iostream>
#include <new>
#include <string>

namespace {
/// Every error is one line on stderr: newlines inside a message become "; ".
std::string oneLine(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  for (std::size_t i; (i = s.find('\n')) != std::string::npos;) s.replace(i, 1, "; ");
  return s;
}
}  // namespace

int main(int argc, char** argv) {
  // Process-wide choices belong here, not in the library (drivers/session.hpp): the allocator keeps
  // freed field memory, and measured FFTW plans are kept in ~/.cache/cbec/fftw-wisdom
  // ($CBEC_FFTW_WISDOM names another file; "off" disables it).
  cbec::drivers::keepFreedMemoryInHeap();
  cbec::setFftwWisdomFile(cbec::drivers::defaultFftwWisdomFile());
  // Ctrl-C / SIGTERM during a write: temporary files and staging directories are removed first.
  cbec::installSignalCleanup();
  CLI::App app{"cbec: composite Bose-Einstein condensates (mixtures, fragmentation, mean-field limits)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", cbec::versionString());
  cbec::cli::addSolitonCommand(app);
  cbec::cli::addMarginalsCommand(app);
  cbec::cli::addGroundStateCommand(app);
  cbec::cli::addBlowupCommand(app);
  cbec::cli::addEvolveCommand(app);
  cbec::cli::addRatesCommand(app);
  cbec::cli::addManybodyCommand(app);
  cbec::cli::addQmcCommand(app);
  cbec::cli::addDemoCommand(app);
  try {
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands([&](CLI::App* s) {
          return s->get_name() == argv[1];
        }).empty())
      throw cbec::InputError(std::string("unknown command '") + argv[1] + "' (see cbec --help)");
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);   // --help, --version
    std::cerr << "cbec: error: " << oneLine(e.what()) << "\n";   // no "Run with --help" footer
    return 1;
  } catch (const cbec::UnboundedEnergyError& e) {
    std::cerr << "cbec: unbounded: " << oneLine(e.what()) << "\n";
    return 2;
  } catch (const cbec::InputError& e) {
    std::cerr << "cbec: error: " << oneLine(e.what()) << "\n";
    return 1;
  } catch (const std::bad_alloc&) {
    std::cerr << "cbec: failed: out of memory\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "cbec: failed: " << oneLine(e.what()) << "\n";
    return 1;
  }
  return 0;
}
