#include <cbec/discretisation/grid.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/mpi/communicator.hpp>

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
  global_ = size_;
  stride_ = size_ / static_cast<size_t>(n_);
  planes_ = n_;
  dV_ = std::pow(L_ / n_, d_);
}

Grid Grid::slab(int first, int count, const mpi::Communicator& ranks) const {
  if (first < 0 || count < 0 || first + count > n_)
    throw InputError(fmt::format("grid slab: planes [{}, {}) outside 0..{}", first, first + count, n_));
  Grid g = whole();
  g.first_ = first;
  g.planes_ = count;
  g.size_ = static_cast<size_t>(count) * g.stride_;
  g.ranks_ = &ranks;
  const std::vector<double> all = ranks.allGather(std::vector<double>{static_cast<double>(g.globalOffset()),
                                                                      static_cast<double>(g.size_)});
  auto parts = std::make_shared<std::vector<size_t>>();
  for (double v : all) parts->push_back(static_cast<size_t>(v));
  g.parts_ = std::move(parts);
  return g;
}

std::vector<double> Grid::axis(int i) const {
  std::vector<double> x(n_);
  const double h = spacing();
  for (int j = 0; j < n_; ++j) x[j] = centre_[i] - 0.5 * L_ + j * h;
  return x;
}

void Grid::point(size_t index, double* x) const {
  const double h = spacing();
  index += globalOffset();
  for (int i = d_ - 1; i >= 0; --i) {
    const size_t j = index % n_;
    index /= n_;
    x[i] = centre_[i] - 0.5 * L_ + static_cast<double>(j) * h;
  }
}

double Grid::maxWaveNumber() const { return std::numbers::pi / spacing(); }

// On a slab: parallel::sum's global blocks (the one-process loops below stay as they were, bit for bit).
double Grid::dot(const Field& f, const Field& g) const {
  if (ranks_)
    return parallel::sum<1>(team(1), size_, [&](size_t i0, size_t i1) {
      std::array<double, 1> a{};
      for (size_t i = i0; i < i1; ++i) a[0] += f[i] * g[i];
      return a;
    })[0] * dV_;
  double s = 0;
  for (size_t i = 0; i < size_; ++i) s += f[i] * g[i];
  return s * dV_;
}

double Grid::integral(const Field& f) const {
  if (ranks_)
    return parallel::sum<1>(team(1), size_, [&](size_t i0, size_t i1) {
      std::array<double, 1> a{};
      for (size_t i = i0; i < i1; ++i) a[0] += f[i];
      return a;
    })[0] * dV_;
  double s = 0;
  for (size_t i = 0; i < size_; ++i) s += f[i];
  return s * dV_;
}

double Grid::norm(const Field& f) const { return std::sqrt(dot(f, f)); }

std::complex<double> Grid::dot(const ComplexField& f, const ComplexField& g) const {
  if (ranks_) {
    const auto a = parallel::sum<2>(team(1), size_, [&](size_t i0, size_t i1) {
      std::array<double, 2> acc{};
      for (size_t i = i0; i < i1; ++i) {
        const std::complex<double> t = std::conj(f[i]) * g[i];
        acc[0] += t.real();
        acc[1] += t.imag();
      }
      return acc;
    });
    return std::complex<double>(a[0], a[1]) * dV_;
  }
  std::complex<double> s = 0;
  for (size_t i = 0; i < size_; ++i) s += std::conj(f[i]) * g[i];
  return s * dV_;
}

double Grid::norm(const ComplexField& f) const {
  if (ranks_)
    return std::sqrt(parallel::sum<1>(team(1), size_, [&](size_t i0, size_t i1) {
      std::array<double, 1> a{};
      for (size_t i = i0; i < i1; ++i) a[0] += std::norm(f[i]);
      return a;
    })[0] * dV_);
  double s = 0;
  for (size_t i = 0; i < size_; ++i) s += std::norm(f[i]);
  return std::sqrt(s * dV_);
}

double Grid::boundaryMax(const Field& f) const {
  double m = 0;
  for (size_t i = 0; i < size_; ++i) {
    size_t idx = i + globalOffset();
    bool face = false;
    for (int k = 0; k < d_; ++k) {
      if (idx % n_ == 0) face = true;
      idx /= n_;
    }
    if (face) m = std::max(m, std::abs(f[i]));
  }
  return ranks_ ? ranks_->max(m) : m;
}

std::string Grid::describe() const {
  if (ranks_)
    return fmt::format("{}^{} points, box {} centred at ({}), planes [{}, {}) of rank {} of {}", n_, d_, L_,
                       fmt::join(centre_, ", "), first_, first_ + planes_, ranks_->rank(), ranks_->size());
  return fmt::format("{}^{} points, box {} centred at ({})", n_, d_, L_, fmt::join(centre_, ", "));
}

}  // namespace cbec
