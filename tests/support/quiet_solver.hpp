#pragma once
// Test support: solver options for tests — no progress line, FFTW_ESTIMATE plans (fast set-up).
#include <cbec/solver/ground_state.hpp>

namespace cbec::testing {

inline SolverOptions quietSolver() {
  SolverOptions o;
  o.progress = false;
  o.measure = false;
  return o;
}

}  // namespace cbec::testing
