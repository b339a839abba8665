#pragma once
/// @file errors.hpp
/// The two kinds of failure a user sees: bad input (exit status 1) and a physically meaningless
/// request, i.e. an energy functional unbounded below (exit status 2, see INTERFACE.md).
#include <stdexcept>
#include <string>

namespace cbec {

/// Malformed configuration, unknown key, out-of-range parameter, bad command-line value.
/// The message names the offending item, e.g. "species[1].fraction: must lie in (0, 1], got 1.5".
struct InputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The requested functional is unbounded below (supercritical coupling, M Theorem 6).
/// The message is one line naming the violated condition.
struct UnboundedEnergyError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A numerical failure that is not the user's fault (no convergence, NaN detected).
struct NumericalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace cbec
