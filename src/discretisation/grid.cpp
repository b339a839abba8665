#include <cbec/discretisation/grid.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cbec {

Grid::Grid(int dimension, int points, double box, std::vector<double> centre)
    : d_(dimension), n_(points), L_(box), centre_(std::move(centre)) {
  if (d_ < 1 || d_ > 3) throw InputError(fmt::format("grid: dimension must be 1, 2 or 3, got {}", d_));
  if (n_ < 4 || n_ % 2) throw InputError(fmt::format("grid.points: must be even and ≥ 4, got {}", n_));
  if (!(L_ > 0) || !std::isfinite(L_)) throw InputError(fmt::format("grid.box: must be > 0, got {}", L_));
  if (centre_.empty()) centre_.assign(d_, 0.0);
  if (static_cast<int>(centre_.size()) != d_)
    throw InputError(fmt::format("grid.center: must have {} entries", d_));
  size_ = 1;
  for (int i = 0; i < d_; ++i) size_ *= static_cast<size_t>(n_);
  dV_ = std::pow(L_ / n_, d_);
}

std::vector<double> Grid::axis(int i) const {
  std::vector<double> x(n_);
  const double h = spacing();
  for (int j = 0; j < n_; ++j) x[j] = centre_[i] - 0.5 * L_ + j * h;
  return x;
}

void Grid::point(size_t index, double* x) const {
  const double h = spacing();
  for (int i = d_ - 1; i >= 0; --i) {
    const size_t j = index % n_;
    index /= n_;
    x[i] = centre_[i] - 0.5 * L_ + static_cast<double>(j) * h;
  }
}

double Grid::maxWaveNumber() const { return std::numbers::pi / spacing(); }

double Grid::dot(const Field& f, const Field& g) const {
  double s = 0;
  for (size_t i = 0; i < size_; ++i) s += f[i] * g[i];
  return s * dV_;
}

double Grid::integral(const Field& f) const {
  double s = 0;
  for (size_t i = 0; i < size_; ++i) s += f[i];
  return s * dV_;
}

double Grid::norm(const Field& f) const { return std::sqrt(dot(f, f)); }

std::complex<double> Grid::dot(const ComplexField& f, const ComplexField& g) const {
  std::complex<double> s = 0;
  for (size_t i = 0; i < size_; ++i) s += std::conj(f[i]) * g[i];
  return s * dV_;
}

double Grid::norm(const ComplexField& f) const {
  double s = 0;
  for (size_t i = 0; i < size_; ++i) s += std::norm(f[i]);
  return std::sqrt(s * dV_);
}

double Grid::boundaryMax(const Field& f) const {
  double m = 0;
  for (size_t i = 0; i < size_; ++i) {
    size_t idx = i;
    bool face = false;
    for (int k = 0; k < d_; ++k) {
      if (idx % n_ == 0) face = true;
      idx /= n_;
    }
    if (face) m = std::max(m, std::abs(f[i]));
  }
  return m;
}

std::string Grid::describe() const {
  return fmt::format("{}^{} points, box {} centred at ({})", n_, d_, L_, fmt::join(centre_, ", "));
}

}  // namespace cbec
