#pragma once
// Command-line validators with readable messages. CLI11's own (Range, PositiveNumber) accept "nan"
// and "inf" and print their bounds with %f ("0.000000 to 179769313486231570814527...": 309 digits);
// these refuse every non-finite number by name and state the interval as it is written here:
//   --power 0   ->  "--power: must be a finite number in (0, 60], got '0'"
#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <optional>
#include <string>

namespace cbec::cli {

/// A finite number in an interval (either bound optional, open or closed).
inline CLI::Validator finiteIn(std::optional<double> lo, std::optional<double> hi, bool loOpen = false,
                               bool hiOpen = false) {
  const std::string interval = fmt::format("{}{}, {}{}", lo ? (loOpen ? "(" : "[") : "(", lo ? fmt::format("{}", *lo) : "-inf",
                                           hi ? fmt::format("{}", *hi) : "inf", hi ? (hiOpen ? ")" : "]") : ")");
  const std::string what = lo || hi ? "a finite number in " + interval : "a finite number";
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        errno = 0;
        char* end = nullptr;
        const double v = std::strtod(text.c_str(), &end);
        const bool parsed = !text.empty() && end && *end == '\0';
        const bool ok = parsed && std::isfinite(v) && !(lo && (loOpen ? !(v > *lo) : !(v >= *lo))) &&
                        !(hi && (hiOpen ? !(v < *hi) : !(v <= *hi)));
        return ok ? std::string() : fmt::format("must be {}, got '{}'", what, text);
      },
      what);
}

inline CLI::Validator positiveFinite() { return finiteIn(0.0, std::nullopt, true); }
inline CLI::Validator nonNegativeFinite() { return finiteIn(0.0, std::nullopt); }

/// An integer in [lo, hi].
inline CLI::Validator integerIn(long lo, long hi) {
  const std::string what = fmt::format("an integer in [{}, {}]", lo, hi);
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        errno = 0;
        char* end = nullptr;
        const long v = std::strtol(text.c_str(), &end, 10);
        const bool ok = !text.empty() && end && *end == '\0' && errno == 0 && v >= lo && v <= hi;
        return ok ? std::string() : fmt::format("must be {}, got '{}'", what, text);
      },
      what);
}

/// A non-empty path (`--out ''` would otherwise mean "no output").
inline CLI::Validator nonEmptyPath() {
  return CLI::Validator(
      [](std::string& text) -> std::string { return text.empty() ? "must not be empty" : std::string(); },
      "PATH");
}

}  // namespace cbec::cli
