#pragma once
/// @file fftw_wisdom.hpp
/// Where measured FFTW plans (FFTW "wisdom") are kept between runs.
///
/// FFTW_MEASURE planning costs more than a whole small solve, so the `cbec` program keeps the wisdom
/// in a file and pays for planning once per machine and transform size. The library itself writes
/// no file unless its caller names one: the default is none (plans are still measured and reused
/// within the process). The `cbec` program and the Python module call setFftwWisdomFile() with
/// defaultFftwWisdomFile() (drivers/session.hpp).
#include <filesystem>
#include <string>

namespace cbec {

/// Use `file` to import wisdom before planning and to export new wisdom after it; an empty path
/// (the default) disables the file. Failure to write it (read-only directory) is not an error.
void setFftwWisdomFile(const std::filesystem::path& file);
/// The file set by setFftwWisdomFile (empty: none).
std::filesystem::path fftwWisdomFile();

/// All FFTW wisdom this process holds (the measured plans made so far), as FFTW's text.
std::string exportFftwWisdom();

/// Pinned wisdom: while set (non-empty), every measured plan is made from this wisdom alone
/// (imported after the wisdom file, planned with FFTW_WISDOM_ONLY), so a run resumed from a
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
