#pragma once
/// @file cubic_spline.hpp
/// C² tensor-product cubic B-spline interpolant of a field on a Grid (grid.hpp), with its gradient and
/// Laplacian at any point:
///
///   s(x) = Σ_{j ∈ Z^d} c_j Π_a B((x_a - x_{a,0})/h - j_a),   B the centred cubic B-spline,
///   s(x_j) = f_j at every grid point,  s'' = 0 at the first and last grid point of every axis ("natural").
///
/// Per axis the coefficients solve (c_{j-1} + 4c_j + c_{j+1})/6 = f_j (tridiagonal, j = 1..n-2, with
/// c_0 = f_0, c_{n-1} = f_{n-1} and c_{-1}, c_n from s'' = 0), applied axis after axis. The grid is
/// treated as a non-periodic box [x_0, x_{n-1}]: points outside are clamped to it (value continued,
/// derivatives of the clamped point). The interpolation error is O(h⁴) in the value, O(h²) in the
/// Laplacian for smooth f; the boundary condition's error decays by (2-√3)^k ≈ 0.27^k k cells inside.
/// Being C², s has a continuous Laplacian, so −Δe^s/e^s is a bounded function (the QMC local energy).
#include <cbec/discretisation/grid.hpp>

#include <vector>

namespace cbec {

struct SplineValue {
  double value = 0;
  double gradient[3] = {0, 0, 0};
  double laplacian = 0;
};

class CubicSpline {
 public:
  CubicSpline(const Grid& grid, const Field& f);
  /// s, ∇s, Δs at the point x (dimension() coordinates).
  SplineValue evaluate(const double* x) const;
  double value(const double* x) const { return evaluate(x).value; }
  int dimension() const { return d_; }

 private:
  int d_, n_, m_;              // n grid points per axis, m = n + 2 coefficients per axis
  double h_;
  std::vector<double> x0_;     // first grid coordinate per axis
  std::vector<double> c_;      // m^d coefficients, row-major
};

}  // namespace cbec
