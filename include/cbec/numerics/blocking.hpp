#pragma once
/// @file blocking.hpp
/// Standard error of the mean of a correlated time series by the blocking transformation of
/// Flyvbjerg & Petersen, J. Chem. Phys. 91 (1989) 461:
///
///   level 0:   x_i, i = 0..n-1
///   level k+1: x'_i = (x_{2i} + x_{2i+1}) / 2,   n' = ⌊n/2⌋
///   σ_k² = c_0(k) / (n_k - 1),   c_0(k) = (1/n_k) Σ (x_i - x̄)²     (F-P eq. 28)
///   δσ_k = σ_k / √(2(n_k - 1))                                       (F-P eq. 29, the error of σ_k)
///
/// σ_k grows with k while the blocks are shorter than the correlation time and is constant (a plateau,
/// within δσ_k) after. The plateau starts at the first level k from which every later level j with at
/// least `min_blocks` blocks has |σ_j − σ_k| ≤ 2 δσ_j; the reported error is σ_k (the largest σ_j over
/// the plateau was tried: the noisy high levels bias it up by 10–40% on AR(1) series). `plateau` is false when no level before the last usable one qualifies (the
/// series is shorter than a few correlation times): the error is then the largest σ_k seen, a lower bound.
#include <cstddef>
#include <vector>

namespace cbec {

struct BlockingResult {
  double mean = 0;
  double error = 0;                 ///< standard error of the mean (the plateau value)
  int level = 0;                    ///< blocking level of the plateau
  bool plateau = false;             ///< a plateau with ≥ min_blocks blocks was found
  std::vector<double> errors;       ///< σ_k per level
  std::vector<double> error_errors; ///< δσ_k per level
  std::vector<std::size_t> blocks;  ///< n_k per level
  /// Statistical inefficiency σ²/σ_0² (≈ 2τ_int in samples; 1 for white noise).
  double correlation_factor() const { return errors.empty() || errors[0] == 0 ? 1.0 : (error * error) / (errors[0] * errors[0]); }
};

/// Blocking analysis of the series x (n ≥ 2). Plain sums in index order (deterministic).
BlockingResult blockingAnalysis(const std::vector<double>& x, std::size_t min_blocks = 32);

}  // namespace cbec
