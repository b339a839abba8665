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

namespace cbec {

/// Use `file` to import wisdom before planning and to export new wisdom after it; an empty path
/// (the default) disables the file. Failure to write it (read-only directory) is not an error.
void setFftwWisdomFile(const std::filesystem::path& file);
/// The file set by setFftwWisdomFile (empty: none).
std::filesystem::path fftwWisdomFile();

}  // namespace cbec
