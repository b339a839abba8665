// The N points of a `cbec rates` sweep over ranks (rates_ranks.hpp).
#include "rates_ranks.hpp"

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cstddef>

namespace cbec::drivers {

namespace {

using Rows = std::vector<std::vector<double>> RatesSweep::*;
using Values = std::vector<double> RatesSweep::*;
/// The [N][t] fields of doubles, in the order they travel.
constexpr Rows kRows[] = {&RatesSweep::distance,      &RatesSweep::spatial,        &RatesSweep::spin,
                          &RatesSweep::infinite_gap,  &RatesSweep::bogoliubov_gap, &RatesSweep::depletion,
                          &RatesSweep::off_diagonal,  &RatesSweep::off_diagonal_gap, &RatesSweep::extra_weight,
                          &RatesSweep::outside_weight};
/// The [N] fields of doubles.
constexpr Values kValues[] = {&RatesSweep::krylov_error_bound, &RatesSweep::norm_drift, &RatesSweep::energy_drift};

/// Reads the flat message of one rank's points (pack() below) in order.
struct Reader {
  const std::vector<double>& v;
  std::size_t at = 0;
  double next() {
    if (at >= v.size()) throw NumericalError("rates: a gathered sweep point is incomplete");
    return v[at++];
  }
  std::size_t count() { return static_cast<std::size_t>(next()); }
};

/// Point n of `s`: for each field a presence count (0: the model does not fill it) and its values.
void pack(const RatesSweep& s, std::size_t n, std::vector<double>& out) {
  for (Rows f : kRows) {
    const auto& rows = s.*f;
    out.push_back(n < rows.size() ? static_cast<double>(rows[n].size()) + 1 : 0.0);
    if (n < rows.size()) out.insert(out.end(), rows[n].begin(), rows[n].end());
  }
  out.push_back(n < s.rank.size() ? static_cast<double>(s.rank[n].size()) + 1 : 0.0);
  if (n < s.rank.size())
    for (int k : s.rank[n]) out.push_back(k);
  out.push_back(n < s.occupation_spectrum.size() ? static_cast<double>(s.occupation_spectrum[n].size()) + 1 : 0.0);
  if (n < s.occupation_spectrum.size())
    for (const auto& values : s.occupation_spectrum[n]) {
      out.push_back(static_cast<double>(values.size()));
      out.insert(out.end(), values.begin(), values.end());
    }
  for (Values f : kValues) {
    out.push_back(n < (s.*f).size() ? 1.0 : 0.0);
    if (n < (s.*f).size()) out.push_back((s.*f)[n]);
  }
  out.push_back(n < s.dimension.size() ? 1.0 : 0.0);   // exact in a double below 2^53
  if (n < s.dimension.size()) out.push_back(static_cast<double>(s.dimension[n]));
  out.push_back(n < s.products.size() ? 1.0 : 0.0);
  if (n < s.products.size()) out.push_back(static_cast<double>(s.products[n]));
}

void unpack(Reader& r, RatesSweep& s) {
  for (Rows f : kRows) {
    const std::size_t present = r.count();
    if (!present) continue;
    std::vector<double> row(present - 1);
    for (double& x : row) x = r.next();
    (s.*f).push_back(std::move(row));
  }
  if (const std::size_t present = r.count()) {
    std::vector<int> row(present - 1);
    for (int& k : row) k = static_cast<int>(r.next());
    s.rank.push_back(std::move(row));
  }
  if (const std::size_t present = r.count()) {
    std::vector<std::vector<double>> spectra(present - 1);
    for (auto& values : spectra) {
      values.resize(r.count());
      for (double& x : values) x = r.next();
    }
    s.occupation_spectrum.push_back(std::move(spectra));
  }
  for (Values f : kValues)
    if (r.count()) (s.*f).push_back(r.next());
  if (r.count()) s.dimension.push_back(r.count());
  if (r.count()) s.products.push_back(static_cast<long long>(r.next()));
}

/// The number of points `s` holds (the longest per-point field).
std::size_t pointsOf(const RatesSweep& s) {
  std::size_t n = std::max({s.rank.size(), s.occupation_spectrum.size(), s.dimension.size(), s.products.size()});
  for (Rows f : kRows) n = std::max(n, (s.*f).size());
  for (Values f : kValues) n = std::max(n, (s.*f).size());
  return n;
}

}  // namespace

void gatherSweepPoints(const mpi::Communicator& ranks, RatesSweep& s) {
  if (!ranks.distributed()) return;
  const std::size_t mine = pointsOf(s);
  std::vector<double> message{static_cast<double>(mine)};
  for (std::size_t n = 0; n < mine; ++n) pack(s, n, message);
  const std::vector<std::size_t> counts = [&] {
    std::vector<std::size_t> c;
    for (double x : ranks.allGather(std::vector<double>{static_cast<double>(message.size())}))
      c.push_back(static_cast<std::size_t>(x));
    return c;
  }();
  const std::vector<double> all = ranks.allGather(message);
  for (Rows f : kRows) (s.*f).clear();
  for (Values f : kValues) (s.*f).clear();
  s.rank.clear(), s.occupation_spectrum.clear(), s.dimension.clear(), s.products.clear();
  std::size_t offset = 0;
  for (std::size_t len : counts) {   // each rank's message: its point count, then its points
    const std::vector<double> part(all.begin() + static_cast<std::ptrdiff_t>(offset),
                                   all.begin() + static_cast<std::ptrdiff_t>(offset + len));
    offset += len;
    Reader r{part};
    const std::size_t points = r.count();
    for (std::size_t n = 0; n < points; ++n) unpack(r, s);
    if (r.at != part.size()) throw NumericalError("rates: a gathered sweep point has extra values");
  }
}

std::vector<std::vector<Eigen::MatrixXcd>> gatherPointMatrices(const mpi::Communicator& ranks,
                                                                const std::vector<std::vector<Eigen::MatrixXcd>>& mine) {
  if (!ranks.distributed()) return mine;
  std::vector<double> message{static_cast<double>(mine.size())};
  for (const auto& point : mine) {
    message.push_back(static_cast<double>(point.size()));
    for (const Eigen::MatrixXcd& m : point) {
      message.push_back(static_cast<double>(m.rows()));
      message.push_back(static_cast<double>(m.cols()));
      for (Eigen::Index j = 0; j < m.cols(); ++j)
        for (Eigen::Index i = 0; i < m.rows(); ++i) message.push_back(m(i, j).real()), message.push_back(m(i, j).imag());
    }
  }
  std::vector<std::size_t> counts;
  for (double x : ranks.allGather(std::vector<double>{static_cast<double>(message.size())}))
    counts.push_back(static_cast<std::size_t>(x));
  const std::vector<double> all = ranks.allGather(message);
  std::vector<std::vector<Eigen::MatrixXcd>> out;
  std::size_t offset = 0;
  for (std::size_t len : counts) {
    const std::vector<double> part(all.begin() + static_cast<std::ptrdiff_t>(offset),
                                   all.begin() + static_cast<std::ptrdiff_t>(offset + len));
    offset += len;
    Reader r{part};
    const std::size_t points = r.count();
    for (std::size_t p = 0; p < points; ++p) {
      std::vector<Eigen::MatrixXcd> point(r.count());
      for (Eigen::MatrixXcd& m : point) {
        const std::size_t rows = r.count(), cols = r.count();
        m.resize(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
        for (Eigen::Index j = 0; j < m.cols(); ++j)
          for (Eigen::Index i = 0; i < m.rows(); ++i) {
            const double re = r.next();
            m(i, j) = {re, r.next()};
          }
      }
      out.push_back(std::move(point));
    }
  }
  return out;
}

}  // namespace cbec::drivers
