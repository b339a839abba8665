#pragma once
/// @file signal_cleanup.hpp
/// Temporary outputs removed when the process is ended by a signal.
///
/// Atomic writers (output.hpp) create "NAME.tmp-PID" files and staging directories; if Ctrl-C
/// (SIGINT), SIGTERM or SIGHUP arrives while they exist, the handler installed by
/// installSignalCleanup() removes every registered path (files unlinked; registered directories
/// emptied two levels deep and removed), then restores the default action and re-raises the signal,
/// so the exit status still says "killed by SIGINT". The handler uses only async-signal-safe
/// system calls (unlink, open, getdents64, unlinkat, rmdir), and the registry is a fixed table of
/// slots, so registration never allocates inside the handler's view. A signal that lands on another
/// thread (MPI progress threads, FFT workers) is forwarded to the installing thread (tgkill), so the
/// cleanup never runs beside a main thread that is still creating paths.
///
/// Libraries register paths (cheap, no side effect); only a program's main() installs the handler.
///
/// @code
///   cbec::installSignalCleanup();                 // in main()
///   { cbec::TempPath guard(tmp);  write(tmp); }   // removed on a signal while in scope
/// @endcode
#include <filesystem>

namespace cbec {

/// Installs the SIGINT/SIGTERM/SIGHUP handler (idempotent).
void installSignalCleanup();

/// Registers a path for removal on a signal while this object lives.
class TempPath {
 public:
  enum class Kind { File, Directory };
  explicit TempPath(const std::filesystem::path& path, Kind kind = Kind::File);
  ~TempPath();
  TempPath(const TempPath&) = delete;
  TempPath& operator=(const TempPath&) = delete;

 private:
  int slot_ = -1;   ///< -1: the table was full or the path too long (then it is not guarded)
};

}  // namespace cbec
