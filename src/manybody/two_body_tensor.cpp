// Two-body matrix elements of a Gaussian pair potential in oscillator bases (two_body_tensor.hpp).
#include <cbec/manybody/two_body_tensor.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace cbec {

TwoBodyTensor::TwoBodyTensor(int Ma, int Mb) : Ma_(Ma), Mb_(Mb) {
  if (Ma < 1 || Mb < 1) throw InputError("TwoBodyTensor: need at least one mode per species");
  start_.assign(static_cast<std::size_t>(Ma) * Mb + 1, 0);
}

std::vector<std::vector<std::int32_t>> TwoBodyTensor::pairClasses(int Ma, int Mb, const PairSelection& s) {
  auto label = [](const std::vector<unsigned>& l, int m) { return l.empty() ? 0u : l[m]; };
  auto quanta = [](const std::vector<int>& q, int m) { return q.empty() ? 0 : q[m]; };
  std::vector<std::vector<std::int32_t>> classes;
  for (int i = 0; i < Ma; ++i)
    for (int j = 0; j < Mb; ++j) {
      if (s.max_pair_quanta >= 0 && quanta(s.quanta_a, i) + quanta(s.quanta_b, j) > s.max_pair_quanta) continue;
      const unsigned c = label(s.labels_a, i) ^ label(s.labels_b, j);
      if (c >= classes.size()) classes.resize(c + 1);
      classes[c].push_back(i * Mb + j);
    }
  return classes;
}

double TwoBodyTensor::entryEstimate(int Ma, int Mb, const PairSelection& selection) {
  double n = 0;
  for (const auto& c : pairClasses(Ma, Mb, selection)) n += double(c.size()) * double(c.size());
  return n;
}

double TwoBodyTensor::operator()(int i, int j, int k, int l) const {
  if (entries_.empty()) return 0.0;
  const auto r = row(k, l);
  const auto key = static_cast<std::int64_t>(i) * Mb_ + j;
  const auto it = std::lower_bound(r.begin(), r.end(), key, [this](const Entry& e, std::int64_t x) {
    return static_cast<std::int64_t>(e.i) * Mb_ + e.j < x;
  });
  return it != r.end() && it->i == i && it->j == j ? it->v : 0.0;
}

double TwoBodyTensor::hermiticityDefect() const {
  double d = 0;
  for (int k = 0; k < Ma_; ++k)
    for (int l = 0; l < Mb_; ++l)
      for (const Entry& e : row(k, l)) d = std::max(d, std::abs(e.v - (*this)(k, l, e.i, e.j)));
  return d;
}

Eigen::MatrixXd gaussianPairIntegrals1D(int na, double wa, double za, int nb, double wb, double zb, double g) {
  const double g2 = g * g;
  Eigen::Matrix2d A;
  A << wa + g2, -g2, -g2, wb + g2;
  const Eigen::Vector2d u0 = A.ldlt().solve(Eigen::Vector2d(wa * za, wb * zb));
  const double c0 = wa * (u0(0) - za) * (u0(0) - za) + wb * (u0(1) - zb) * (u0(1) - zb) +
                    g2 * (u0(0) - u0(1)) * (u0(0) - u0(1));
  const Eigen::Matrix2d L = A.llt().matrixL();
  const Eigen::Matrix2d LinvT = L.transpose().inverse();
  const double prefactor = std::sqrt(wa / std::numbers::pi) * std::sqrt(wb / std::numbers::pi) * g /
                           std::sqrt(std::numbers::pi) * std::exp(-c0) / std::sqrt(A.determinant());
  const int n = na + nb + 2;   // exact for degree ≤ 2(na+nb) per variable
  const GaussHermite gh = GaussHermite::rule(n);
  const int G = n * n, Pa = (na + 1) * (na + 1), Pb = (nb + 1) * (nb + 1);
  Eigen::MatrixXd Ta(Pa, G), Tb(Pb, G);
  std::vector<double> pa(na + 1), pb(nb + 1);
  for (int s = 0; s < n; ++s)
    for (int t = 0; t < n; ++t) {
      const Eigen::Vector2d u = u0 + LinvT * Eigen::Vector2d(gh.nodes[s], gh.nodes[t]);
      const int q = s * n + t;
      const double w = gh.weights[s] * gh.weights[t];
      hermitePolynomials(na, std::sqrt(wa) * (u(0) - za), pa.data());
      hermitePolynomials(nb, std::sqrt(wb) * (u(1) - zb), pb.data());
      for (int i = 0; i <= na; ++i)
        for (int k = 0; k <= na; ++k) Ta(i * (na + 1) + k, q) = w * pa[i] * pa[k];
      for (int j = 0; j <= nb; ++j)
        for (int l = 0; l <= nb; ++l) Tb(j * (nb + 1) + l, q) = pb[j] * pb[l];
    }
  return prefactor * (Ta * Tb.transpose());
}

TwoBodyTensor gaussianPairTensor(const OscillatorModes& a, const OscillatorModes& b, const PairInteraction& w,
                                 double strength, const PairSelection& selection) {
  if (w.kind() != PairInteraction::Kind::Scaled || w.profile()->name() != "gaussian")
    throw InputError(fmt::format("manybody: exact two-body matrix elements need the Gaussian pair profile, got {}",
                                 w.describe()));
  const int D = a.dimension();
  if (b.dimension() != D) throw InputError("gaussianPairTensor: mode bases of different dimension");
  const double g = std::pow(w.N(), w.beta());
  const int na = a.shells(), nb = b.shells();
  std::vector<Eigen::MatrixXd> I(D);
  std::vector<bool> parityRule(D);
  for (int d = 0; d < D; ++d) {
    I[d] = gaussianPairIntegrals1D(na, a.omega()[d], a.centre()[d], nb, b.omega()[d], b.centre()[d], g);
    parityRule[d] = a.centre()[d] == b.centre()[d];
  }
  // Per mode its row offset i_d·(n+1) in each axis' integral table; the parity rule is then the sum of parities.
  const int Ma = a.count(), Mb = b.count();
  std::vector<int> qa(static_cast<std::size_t>(Ma) * D), qb(static_cast<std::size_t>(Mb) * D);
  for (int m = 0; m < Ma; ++m)
    for (int d = 0; d < D; ++d) qa[m * D + d] = a.quantum(m, d);
  for (int m = 0; m < Mb; ++m)
    for (int d = 0; d < D; ++d) qb[m * D + d] = b.quantum(m, d);
  const auto element = [&](int i, int j, int k, int l) {
    double v = strength;
    for (int d = 0; d < D; ++d) {
      const int ia = qa[i * D + d], ka = qa[k * D + d], jb = qb[j * D + d], lb = qb[l * D + d];
      if (parityRule[d] && ((ia + ka + jb + lb) & 1)) return 0.0;
      v *= I[d](ia * (na + 1) + ka, jb * (nb + 1) + lb);
    }
    return v;
  };
  return TwoBodyTensor(a.count(), b.count(), element, selection);
}

}  // namespace cbec
