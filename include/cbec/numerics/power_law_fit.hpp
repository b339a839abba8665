#pragma once
/// @file power_law_fit.hpp
/// Least-squares power law y ≈ C x^p: the straight line through (log x_k, log y_k),
///
///   p = (n Σ lx ly − Σ lx Σ ly) / (n Σ lx² − (Σ lx)²),   C = exp((Σ ly − p Σ lx)/n),
///
/// summed in the order of the points, over the n points with x_k > 0 and y_k > 0 (the others are
/// skipped). Fewer than two such points, or all at the same x (a zero denominator): p = C = NaN.
#include <vector>

namespace cbec {

struct PowerLawFit {
  double exponent;   ///< p
  double prefactor;  ///< C
};

/// The fit over the first min(x.size(), y.size()) points.
PowerLawFit fitPowerLaw(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace cbec
