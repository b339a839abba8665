#pragma once
/// @file grid.hpp
/// Uniform periodic grid on the cube  C = centre + [-L/2, L/2)^d,  n points per direction:
///   x_j = centre + (-L/2 + j h),  h = L/n,   j = 0..n-1,
/// with the Fourier wave numbers k_j = (2π/L)·j for j < n/2 and (2π/L)(j - n) otherwise.
/// Fields are stored row-major (the last coordinate fastest), size n^d. Integrals use the
/// trapezoidal rule ∫f ≈ h^d Σ f_j, which is spectrally accurate for smooth, periodic integrands.
/// The centre offset lets a small box sit around a point z (e.g. a blow-up point).
/// Fields (real and complex, with their shape) are in field.hpp.
#include <cbec/discretisation/field.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace cbec {

class Grid {
 public:
  /// d in {1,2,3}; n ≥ 4 and even; box L > 0; centre has d entries (empty = origin).
  Grid(int dimension, int points, double box, std::vector<double> centre = {});

  int dimension() const { return d_; }
  int points() const { return n_; }                ///< n per direction
  double box() const { return L_; }                ///< side L
  const std::vector<double>& centre() const { return centre_; }
  double spacing() const { return L_ / n_; }       ///< h
  double cellVolume() const { return dV_; }        ///< h^d
  size_t size() const { return size_; }            ///< n^d
  GridShape shape() const { return {d_, n_}; }     ///< (d, n) for the fields on this grid
  /// Coordinates along axis i (n values), x_j = centre_i - L/2 + j h.
  std::vector<double> axis(int i) const;
  /// Coordinates of grid point `index` (row-major) written into x[0..d).
  void point(size_t index, double* x) const;
  /// Largest |k| per direction, π/h.
  double maxWaveNumber() const;

  /// ∫ f g ≈ h^d Σ f g
  double dot(const Field& f, const Field& g) const;
  double integral(const Field& f) const;
  double norm(const Field& f) const;   ///< L² norm
  /// ⟨f, g⟩ = ∫ conj(f) g ≈ h^d Σ conj(f) g
  std::complex<double> dot(const ComplexField& f, const ComplexField& g) const;
  double norm(const ComplexField& f) const;   ///< L² norm
  /// Sample a function of the position.
  template <class F> Field sample(F&& f) const {
    Field out(shape());
    std::array<double, 3> x{};
    for (size_t i = 0; i < size_; ++i) { point(i, x.data()); out[i] = f(x.data()); }
    return out;
  }
  /// max |f| on the faces of the box (first index 0 in some direction: the periodic boundary).
  double boundaryMax(const Field& f) const;
  std::string describe() const;

 private:
  int d_, n_;
  double L_, dV_;
  std::vector<double> centre_;
  size_t size_;
};

}  // namespace cbec
