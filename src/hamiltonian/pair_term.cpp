#include <cbec/hamiltonian/pair_term.hpp>

#include <cbec/discretisation/parallel.hpp>
#include <cbec/io/errors.hpp>

namespace cbec {

PairTerm::PairTerm(const Grid& grid, std::vector<double> fractions, Eigen::MatrixXd couplings)
    : dV_(grid.cellVolume()), c_(std::move(fractions)), G_(std::move(couplings)) {
  const auto S = static_cast<Eigen::Index>(c_.size());
  if (G_.rows() != S || G_.cols() != S) throw InputError("pair term: coupling matrix does not match the species");
}

double PairTerm::weight(int s, int t) const { return s == t ? c_[s] * G_(s, s) : c_[s] * c_[t] * G_(s, t); }

bool PairTerm::needed(int t) const {
  for (size_t s = 0; s < c_.size(); ++s)
    if (weight(static_cast<int>(s), t) != 0) return true;
  return false;
}

void PairTerm::prepare(const State& rho) { convolveAll(rho); }

bool PairTerm::addPotential(int s, const State& rho, Field& U, bool assign, EnergyTerms* e) {
  const int S = static_cast<int>(c_.size());
  const Field& rs = rho[s];
  const size_t n = rs.size();
  bool first = assign;
  for (int t = 0; t < S; ++t) {
    const double g = weight(s, t) / c_[s];   // G_ss, or c_t G_st
    if (g == 0) continue;
    const Field& W = meanField(t);
    // ∫ρ_s (K*ρ_t) / h^d, fused with the potential update
    const double acc = parallel::sum<1>(threads_, n, [&](size_t i0, size_t i1) {
      double a = 0;
      if (first) {
        for (size_t i = i0; i < i1; ++i) { U[i] = g * W[i]; a += rs[i] * W[i]; }
      } else {
        for (size_t i = i0; i < i1; ++i) { U[i] += g * W[i]; a += rs[i] * W[i]; }
      }
      return std::array<double, 1>{a};
    })[0];
    first = false;
    if (e && t == s) e->intra[s] += 0.5 * weight(s, s) * acc * dV_;
    if (e && t > s) e->inter += weight(s, t) * acc * dV_;
  }
  if (first) U.assign(n, 0.0);
  return true;
}

double PairTerm::secondVariation(const State& drho) {
  convolveAll(drho);
  const int S = static_cast<int>(c_.size());
  double h = 0;
  for (int s = 0; s < S; ++s)
    for (int t = s; t < S; ++t) {
      const double w = (s == t ? 1.0 : 2.0) * weight(s, t);
      if (w == 0) continue;
      const Field& a = drho[s];
      const Field& b = meanField(t);
      const double acc = parallel::sum<1>(threads_, a.size(), [&](size_t i0, size_t i1) {
        double x = 0;
        for (size_t i = i0; i < i1; ++i) x += a[i] * b[i];
        return std::array<double, 1>{x};
      })[0];
      h += w * acc * dV_;
    }
  return h;
}

void PairTerm::addPotentialVariation(const State& drho, State& dU) {
  convolveAll(drho);
  const int S = static_cast<int>(c_.size());
  for (int s = 0; s < S; ++s) {
    dU[s].resize(drho[s].size(), 0.0);
    for (int t = 0; t < S; ++t) {
      const double g = weight(s, t) / c_[s];
      if (g == 0) continue;
      const Field& W = meanField(t);
      Field& out = dU[s];
      parallel::forEach(threads_, W.size(), [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; ++i) out[i] += g * W[i];
      });
    }
  }
}

}  // namespace cbec
