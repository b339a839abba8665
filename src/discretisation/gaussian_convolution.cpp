// Separable Gaussian convolution on a grid (gaussian_convolution.hpp).
#include <cbec/discretisation/gaussian_convolution.hpp>

#include <cmath>
#include <vector>

namespace cbec {

Field gaussianConvolution(const Grid& grid, const Field& f, double kappa) {
  const int d = grid.dimension(), n = grid.points();
  const double h = grid.spacing();
  std::vector<double> K(size_t(n) * n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) K[size_t(i) * n + j] = h * std::exp(-kappa * h * h * double(i - j) * double(i - j));
  Field cur = f, next = f;
  const size_t total = grid.size();
  for (int axis = 0; axis < d; ++axis) {
    // stride of this axis in row-major order (axis 0 slowest)
    size_t stride = 1;
    for (int b = axis + 1; b < d; ++b) stride *= size_t(n);
    const size_t block = stride * size_t(n);
    for (size_t base = 0; base < total; base += block)
      for (size_t off = 0; off < stride; ++off) {
        const size_t first = base + off;
        for (int i = 0; i < n; ++i) {
          double s = 0;
          for (int j = 0; j < n; ++j) s += K[size_t(i) * n + j] * cur[first + size_t(j) * stride];
          next[first + size_t(i) * stride] = s;
        }
      }
    std::swap(cur, next);
  }
  return cur;
}

}  // namespace cbec
