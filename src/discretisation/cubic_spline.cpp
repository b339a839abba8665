// Tensor-product natural cubic B-spline interpolation (cubic_spline.hpp).
#include <cbec/discretisation/cubic_spline.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace cbec {

namespace {

/// Coefficients c_{-1..n} (n + 2 values) of the natural cubic spline through f_0..f_{n-1} (unit spacing).
void lineCoefficients(const double* f, int n, double* c) {
  // unknowns c_0..c_{n-1}; c_0 = f_0, c_{n-1} = f_{n-1}; rows j = 1..n-2: c_{j-1} + 4c_j + c_{j+1} = 6 f_j
  std::vector<double> cp(n), dp(n);
  c[1] = f[0];
  c[n] = f[n - 1];
  if (n > 2) {
    // Thomas algorithm on j = 1..n-2 with the known ends moved to the right-hand side
    for (int j = 1; j <= n - 2; ++j) {
      double rhs = 6 * f[j];
      if (j == 1) rhs -= f[0];
      if (j == n - 2) rhs -= f[n - 1];
      const double sub = j == 1 ? 0.0 : 1.0, sup = j == n - 2 ? 0.0 : 1.0;
      const double denom = 4 - sub * (j == 1 ? 0.0 : cp[j - 1]);
      cp[j] = sup / denom;
      dp[j] = (rhs - sub * (j == 1 ? 0.0 : dp[j - 1])) / denom;
    }
    for (int j = n - 2; j >= 1; --j) c[j + 1] = dp[j] - (j == n - 2 ? 0.0 : cp[j] * c[j + 2]);
  }
  c[0] = 2 * c[1] - c[2];            // s''(x_0) = c_{-1} - 2c_0 + c_1 = 0
  c[n + 1] = 2 * c[n] - c[n - 1];    // s''(x_{n-1}) = 0
}

/// B-spline weights of the four coefficients c_{j-1..j+2} at fractional position s ∈ [0, 1].
inline void weights(double s, double* w, double* w1, double* w2) {
  const double t = 1 - s, s2 = s * s, s3 = s2 * s;
  w[0] = t * t * t / 6;
  w[1] = (3 * s3 - 6 * s2 + 4) / 6;
  w[2] = (-3 * s3 + 3 * s2 + 3 * s + 1) / 6;
  w[3] = s3 / 6;
  w1[0] = -t * t / 2;
  w1[1] = (3 * s2 - 4 * s) / 2;
  w1[2] = (-3 * s2 + 2 * s + 1) / 2;
  w1[3] = s2 / 2;
  w2[0] = t;
  w2[1] = 3 * s - 2;
  w2[2] = 1 - 3 * s;
  w2[3] = s;
}

}  // namespace

CubicSpline::CubicSpline(const Grid& grid, const Field& f) : d_(grid.dimension()), n_(grid.points()), m_(n_ + 2), h_(grid.spacing()) {
  if (f.size() != grid.size()) throw std::invalid_argument("CubicSpline: field size does not match the grid");
  for (int a = 0; a < d_; ++a) x0_.push_back(grid.axis(a)[0]);
  // axis by axis: dims go from n to m along each processed axis
  std::vector<int> dims(d_, n_);
  std::vector<double> cur(f.data(), f.data() + f.size());
  for (int a = 0; a < d_; ++a) {
    std::vector<int> nd = dims;
    nd[a] = m_;
    size_t outer = 1, inner = 1;
    for (int b = 0; b < a; ++b) outer *= size_t(dims[b]);
    for (int b = a + 1; b < d_; ++b) inner *= size_t(dims[b]);
    std::vector<double> next(outer * size_t(m_) * inner);
    std::vector<double> line(n_), coef(m_);
    for (size_t o = 0; o < outer; ++o)
      for (size_t i = 0; i < inner; ++i) {
        for (int j = 0; j < n_; ++j) line[j] = cur[(o * n_ + j) * inner + i];
        lineCoefficients(line.data(), n_, coef.data());
        for (int j = 0; j < m_; ++j) next[(o * m_ + j) * inner + i] = coef[j];
      }
    cur.swap(next);
    dims = nd;
  }
  c_.swap(cur);
}

SplineValue CubicSpline::evaluate(const double* x) const {
  double w[3][4], w1[3][4], w2[3][4];
  int j[3] = {0, 0, 0};
  for (int a = 0; a < d_; ++a) {
    double t = (x[a] - x0_[a]) / h_;
    t = std::clamp(t, 0.0, double(n_ - 1));
    int ja = std::min(int(std::floor(t)), n_ - 2);
    weights(t - ja, w[a], w1[a], w2[a]);
    j[a] = ja;   // coefficient index of c_{ja-1} is ja (offset +1)
  }
  SplineValue r;
  const double ih = 1 / h_, ih2 = ih * ih;
  if (d_ == 1) {
    for (int p = 0; p < 4; ++p) {
      const double c = c_[size_t(j[0] + p)];
      r.value += c * w[0][p];
      r.gradient[0] += c * w1[0][p];
      r.laplacian += c * w2[0][p];
    }
  } else if (d_ == 2) {
    for (int p = 0; p < 4; ++p)
      for (int q = 0; q < 4; ++q) {
        const double c = c_[size_t(j[0] + p) * m_ + size_t(j[1] + q)];
        r.value += c * w[0][p] * w[1][q];
        r.gradient[0] += c * w1[0][p] * w[1][q];
        r.gradient[1] += c * w[0][p] * w1[1][q];
        r.laplacian += c * (w2[0][p] * w[1][q] + w[0][p] * w2[1][q]);
      }
  } else {
    for (int p = 0; p < 4; ++p)
      for (int q = 0; q < 4; ++q) {
        const double* row = &c_[(size_t(j[0] + p) * m_ + size_t(j[1] + q)) * m_ + size_t(j[2])];
        const double a0 = w[0][p] * w[1][q], a1 = w1[0][p] * w[1][q], a2 = w[0][p] * w1[1][q];
        const double a3 = w2[0][p] * w[1][q] + w[0][p] * w2[1][q];
        for (int s = 0; s < 4; ++s) {
          const double c = row[s];
          r.value += c * a0 * w[2][s];
          r.gradient[0] += c * a1 * w[2][s];
          r.gradient[1] += c * a2 * w[2][s];
          r.gradient[2] += c * a0 * w1[2][s];
          r.laplacian += c * (a3 * w[2][s] + a0 * w2[2][s]);
        }
      }
  }
  for (int a = 0; a < d_; ++a) r.gradient[a] *= ih;
  r.laplacian *= ih2;
  return r;
}

}  // namespace cbec
