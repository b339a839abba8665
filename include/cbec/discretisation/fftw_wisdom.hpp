#pragma once
/// @file fftw_wisdom.hpp
/// Where measured FFTW plans (FFTW "wisdom") are kept between runs.
///
/// FFTW_MEASURE planning costs more than a whole small solve, so the `cbec` program keeps the wisdom
/// in a file and pays for planning once per machine and transform size. The library itself writes
/// no file unless its caller names one: the default is none (plans are still measured and reused
/// within the process). The `cbec` program and the Python module call setFftwWisdomFile() with
/// defaultFftwWisdomFile() (drivers/session.hpp).
///
/// The file holds one block per transform, so that a run imports only the wisdom of the transforms it
/// plans (parsing all the wisdom ever measured on a machine, a few thousand entries, cost ~4 ms per run):
///
///     cbec-fftw-wisdom 1
///     == r2c 256x256 threads 1 measure
///     (fftw-3.3.10 fftw_wisdom ... FFTW wisdom: this transform's, see below ...)
///     == c2c 64x64x64 threads 2 measure
///     ...
///
/// A transform found in the file is imported from its block alone and planned with FFTW_WISDOM_ONLY; one
/// not found (or whose block does not import or does not yield the plans: a damaged block) is measured on
/// top of the wisdom the process holds, and the process's wisdom then (this transform's with that of the
/// transforms planned before it in the same process, typically a few) becomes its block, added to the file
/// or replacing the old one; the file is replaced atomically (temporary file and rename). A path
/// naming anything but an absent file, such a file, or an older plain FFTW wisdom file (treated as absent
/// and replaced by the first measurement) is left alone: never read, never overwritten.
#include <cstddef>
#include <filesystem>
#include <string>

namespace cbec {

/// Use `file` to import wisdom before planning and to export new wisdom after it; an empty path
/// (the default) disables the file. Failure to write it (read-only directory) is not an error.
void setFftwWisdomFile(const std::filesystem::path& file);
/// The file set by setFftwWisdomFile (empty: none).
std::filesystem::path fftwWisdomFile();

/// What the wisdom file gave this process so far (for tests and benches).
struct FftwWisdomCounts {
  std::size_t blocksImported = 0;       ///< blocks of the wisdom file imported
  std::size_t transformsMeasured = 0;   ///< transforms planned with FFTW_MEASURE (not from wisdom)
  std::size_t fileWrites = 0;           ///< times the wisdom file was replaced
};
FftwWisdomCounts fftwWisdomCounts();

/// All FFTW wisdom this process holds (the measured plans made so far), as FFTW's text.
std::string exportFftwWisdom();

/// Pinned wisdom: while set (non-empty), every measured plan is made from this wisdom alone
/// (imported again before each plan, planned with FFTW_WISDOM_ONLY; the wisdom file is not read), so a run resumed from a
/// checkpoint that recorded the wisdom of the interrupted run executes the very same FFTW plans and
/// continues bit-identically (`cbec evolve --resume`). A transform the pinned wisdom does not cover
/// (another grid, another thread count) is refused with InputError rather than re-measured.
/// InputError if `wisdom` is not FFTW wisdom. An empty string unpins.
void pinFftwWisdom(const std::string& wisdom);

/// Pins `wisdom` for the lifetime of the object (none if empty) and unpins on destruction.
class PinnedFftwWisdom {
 public:
  explicit PinnedFftwWisdom(const std::string& wisdom) : active_(!wisdom.empty()) {
    if (active_) pinFftwWisdom(wisdom);
  }
  ~PinnedFftwWisdom() {
    if (active_) pinFftwWisdom("");
  }
  PinnedFftwWisdom(const PinnedFftwWisdom&) = delete;
  PinnedFftwWisdom& operator=(const PinnedFftwWisdom&) = delete;

 private:
  bool active_;
};

}  // namespace cbec
