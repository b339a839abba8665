// Two-body matrix elements of a Gaussian pair potential in oscillator bases (two_body_tensor.hpp).
#include <cbec/manybody/two_body_tensor.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cbec/numerics/gauss_laguerre.hpp>

#include <algorithm>
#include <map>
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
  const bool angular = !s.angular_a.empty() && !s.angular_b.empty();
  if (angular && (static_cast<int>(s.angular_a.size()) != Ma || static_cast<int>(s.angular_b.size()) != Mb))
    throw InputError("TwoBodyTensor: one L_z per mode");
  int maxQ = 0;   // the largest quanta of one mode (reach without a truncation)
  for (int q : s.quanta_a) maxQ = std::max(maxQ, q);
  for (int q : s.quanta_b) maxQ = std::max(maxQ, q);
  std::map<std::pair<unsigned, int>, std::size_t> index;
  std::vector<std::vector<std::int32_t>> classes;
  for (int i = 0; i < Ma; ++i)
    for (int j = 0; j < Mb; ++j) {
      const int qij = quanta(s.quanta_a, i) + quanta(s.quanta_b, j);
      if (s.max_pair_quanta >= 0 && qij > s.max_pair_quanta) continue;
      const int mi = angular ? s.angular_a[i] : 0, mj = angular ? s.angular_b[j] : 0, M = mi + mj;
      if (angular && s.other_particles >= 0 && M != 0 && mi != 0 && mj != 0) {
        const int reach = s.other_particles == 0 ? 0
                          : s.max_pair_quanta >= 0 ? s.max_pair_quanta - qij
                                                   : s.other_particles * maxQ;
        if (std::abs(M - s.angular_total) > reach) continue;
      }
      const auto [it, fresh] = index.try_emplace({label(s.labels_a, i) ^ label(s.labels_b, j), M}, classes.size());
      if (fresh) classes.emplace_back();
      classes[it->second].push_back(i * Mb + j);
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

namespace {

/// d_pq(t) = √(min!/max!) t^{|p−q|} e^{−t²/2} L_min^{|p−q|}(t²): the real part of ⟨p|D(it)|q⟩ without i^{|p−q|}.
double displacementElement(int p, int q, double t) {
  const int lo = std::min(p, q), d = std::abs(p - q);
  const double x = t * t;
  double a = 1.0, b = 1.0 + d - x;   // L_0^d, L_1^d
  double L = 1.0;
  if (lo >= 1) {
    for (int k = 1; k < lo; ++k) {
      const double c = ((2 * k + 1 + d - x) * b - (k + d) * a) / (k + 1);
      a = b, b = c;
    }
    L = b;
  }
  return std::exp(0.5 * (std::lgamma(lo + 1.0) - std::lgamma(lo + d + 1.0)) + d * std::log(t) - 0.5 * x) * L;
}

/// V_ijkl between circular bases (see the header): Gauss–Laguerre in u = |k|².
TwoBodyTensor circularPairTensor(const OscillatorModes& a, const OscillatorModes& b, double g, double strength,
                                 const PairSelection& selection) {
  if (a.centre() != b.centre()) throw InputError("gaussianPairTensor: circular modes need a common centre");
  const double wa = a.omega()[0], wb = b.omega()[0];
  const double c = 1.0 / (4 * g * g) + 1.0 / (4 * wa) + 1.0 / (4 * wb);
  const int na = a.shells(), nb = b.shells();
  int degree = na + nb;   // of the polynomial in u: (q_i + q_j + q_k + q_l)/2
  if (selection.max_pair_quanta >= 0) degree = std::min(degree, selection.max_pair_quanta);
  const int n = degree / 2 + 1;
  const GaussLaguerre rule = GaussLaguerre::rule(n);
  std::vector<double> W(n);
  for (int s = 0; s < n; ++s)
    W[s] = strength / (4 * std::numbers::pi * c) * rule.scaled_weights[s] * std::exp(-rule.nodes[s] / c / (4 * g * g));
  // d tables per species: [(p·(n_max+1) + q)·n + node]
  auto table = [&](int nmax, double w) {
    std::vector<double> d(static_cast<std::size_t>(nmax + 1) * (nmax + 1) * n);
    for (int p = 0; p <= nmax; ++p)
      for (int q = 0; q <= nmax; ++q)
        for (int s = 0; s < n; ++s)
          d[(static_cast<std::size_t>(p) * (nmax + 1) + q) * n + s] =
              displacementElement(p, q, std::sqrt(rule.nodes[s] / c / (4 * w)));
    return d;
  };
  const std::vector<double> Da = table(na, wa), Db = table(nb, wb);
  const auto element = [&](int i, int j, int k, int l) {
    const int ip = a.quantum(i, 0), im = a.quantum(i, 1), kp = a.quantum(k, 0), km = a.quantum(k, 1);
    const int jp = b.quantum(j, 0), jm = b.quantum(j, 1), lp = b.quantum(l, 0), lm = b.quantum(l, 1);
    if ((ip - im) + (jp - jm) != (kp - km) + (lp - lm)) return 0.0;
    const int pab = std::abs(ip - kp) + std::abs(im - km) + std::abs(jp - lp) + std::abs(jm - lm);
    const int mjl = (jp - jm) - (lp - lm);
    const double sign = (((pab / 2) + mjl) & 1) ? -1.0 : 1.0;   // i^{p_a + p_b} (−1)^{m_j − m_l}
    const double* x1 = &Da[(static_cast<std::size_t>(ip) * (na + 1) + kp) * n];
    const double* x2 = &Da[(static_cast<std::size_t>(im) * (na + 1) + km) * n];
    const double* y1 = &Db[(static_cast<std::size_t>(jp) * (nb + 1) + lp) * n];
    const double* y2 = &Db[(static_cast<std::size_t>(jm) * (nb + 1) + lm) * n];
    double v = 0;
    for (int s = 0; s < n; ++s) v += W[s] * x1[s] * x2[s] * y1[s] * y2[s];
    return sign * v;
  };
  return TwoBodyTensor(a.count(), b.count(), element, selection);
}

}  // namespace

TwoBodyTensor gaussianPairTensor(const OscillatorModes& a, const OscillatorModes& b, const PairInteraction& w,
                                 double strength, const PairSelection& selection) {
  if (w.kind() != PairInteraction::Kind::Scaled || w.profile()->name() != "gaussian")
    throw InputError(fmt::format("manybody: exact two-body matrix elements need the Gaussian pair profile, got {}",
                                 w.describe()));
  const int D = a.dimension();
  if (b.dimension() != D) throw InputError("gaussianPairTensor: mode bases of different dimension");
  const double g = std::pow(w.N(), w.beta());
  if (a.circular() != b.circular()) throw InputError("gaussianPairTensor: circular and Cartesian modes mixed");
  if (a.circular()) return circularPairTensor(a, b, g, strength, selection);
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
