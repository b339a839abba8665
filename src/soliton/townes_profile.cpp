#include <cbec/soliton/townes_profile.hpp>

#include <cbec/io/errors.hpp>
#include <fmt/format.h>

#include <cmath>
#include <mutex>

namespace cbec {

namespace {

/// Taylor coefficients c[0..order] of the solution of  r Q'' + Q' - r Q + r Q³ = 0  about r0,
/// given c[0] = Q(r0), c[1] = Q'(r0). Coefficient of t^k (r = r0 + t):
///   r0 (k+1)(k+2) c[k+2] + (k+1)² c[k+1] - r0 (c[k] - p[k]) - (c[k-1] - p[k-1]) = 0,
/// with p = coefficients of Q³. At r0 = 0 this is the Frobenius recurrence
///   (k+2)² c[k+2] = c[k] - p[k]   (even series, c[1] = 0).
std::vector<double> taylorCoefficients(double r0, double q, double qp, int order) {
  std::vector<double> c(order + 1, 0.0);
  thread_local std::vector<double> s, p;   // scratch: coefficients of Q² and Q³
  s.assign(order + 1, 0.0);
  p.assign(order + 1, 0.0);
  c[0] = q;
  c[1] = (r0 == 0.0) ? 0.0 : qp;
  auto extendProducts = [&](int k) {  // s = c², p = c³, up to index k
    double sk = 0, pk = 0;
    for (int i = 0; i <= k; ++i) sk += c[i] * c[k - i];
    s[k] = sk;
    for (int i = 0; i <= k; ++i) pk += s[i] * c[k - i];
    p[k] = pk;
  };
  for (int k = 0; k + 2 <= order; ++k) {
    extendProducts(k);
    if (r0 == 0.0) {
      c[k + 2] = (c[k] - p[k]) / ((k + 2.0) * (k + 2.0));
    } else {
      double prev = (k >= 1) ? c[k - 1] - p[k - 1] : 0.0;
      c[k + 2] = (r0 * (c[k] - p[k]) + prev - (k + 1.0) * (k + 1.0) * c[k + 1]) /
                 (r0 * (k + 1.0) * (k + 2.0));
    }
  }
  return c;
}

/// K_ν(r) for the tail, ν ∈ {0, 1}: std::cyl_bessel_k where it is defined; beyond r = 1e4 (where
/// it throws) K_ν(r) < e^{-r} underflows to 0 in double precision anyway.
double besselK(double nu, double r) { return r > 1e4 ? 0.0 : std::cyl_bessel_k(nu, r); }

/// log K_0(r) for r ≥ 600 from the asymptotic series (A&S 9.7.2), relative error < 1e-13 there:
///   K_0(r) = sqrt(π/(2r)) e^{-r} (1 - 1/(8r) + 9/(2(8r)²) - 225/(6(8r)³) + …).
double logBesselK0Asymptotic(double r) {
  const double z = 1.0 / (8.0 * r);
  return 0.5 * std::log(M_PI / (2.0 * r)) - r + std::log1p(-z + 4.5 * z * z - 37.5 * z * z * z);
}

double horner(const std::vector<double>& c, double t) {
  double v = 0;
  for (size_t k = c.size(); k-- > 0;) v = v * t + c[k];
  return v;
}
double hornerDerivative(const std::vector<double>& c, double t) {
  double v = 0;
  for (size_t k = c.size(); k-- > 1;) v = v * t + k * c[k];
  return v;
}

}  // namespace

const TownesProfile& TownesProfile::standard() {
  static const TownesProfile profile{Options{}};
  return profile;
}

TownesProfile::TownesProfile(Options opts) : opt_(opts) {
  validateOptions();
  solve();
  computeIntegrals();
}

TownesProfile::TownesProfile(Options opts, SolveOnly) : opt_(opts) {
  validateOptions();
  solve();
}

void TownesProfile::validateOptions() const {
  if (!(opt_.step > 0 && opt_.step <= 0.5) || opt_.order < 8 || opt_.order > 80 ||
      !(opt_.match_radius > 0 && opt_.match_radius < opt_.tail_radius) || opt_.tail_radius < 20)
    throw InputError("TownesProfile: options out of range (0 < step <= 0.5, 8 <= order <= 80, "
                     "0 < match_radius < tail_radius, tail_radius >= 20)");
}

TownesProfile::Options TownesProfile::fastOptions() {
  Options o;
  o.step = 0.25;
  o.order = 24;
  o.tail_radius = 20.0;
  return o;
}

double TownesProfile::criticalMass(Options opts) {
  const TownesProfile q(opts, SolveOnly{});
  // ∫_a^b r Q² dr on a piece Q = Σ c_k t^k (t = r - r0): r Q² = (r0 + t) Σ_j s_j t^j, s = c * c
  double inner = 0;
  std::vector<double> sq;
  for (const Piece& p : q.pieces_) {
    const size_t m = p.c.size();
    sq.assign(2 * m - 1, 0.0);
    for (size_t i = 0; i < m; ++i)
      for (size_t k = 0; k < m; ++k) sq[i + k] += p.c[i] * p.c[k];
    auto primitive = [&](double t) {
      double v = 0;
      for (size_t j = sq.size(); j-- > 0;) v = v * t + sq[j] * (p.r0 / (j + 1.0) + t / (j + 2.0));
      return v * t;
    };
    inner += primitive(p.b - p.r0) - primitive(p.a - p.r0);
  }
  const double R = q.pieces_.back().b, k0 = besselK(0.0, R), k1 = besselK(1.0, R);
  return 2.0 * M_PI * inner + M_PI * q.tail_c_ * q.tail_c_ * R * R * (k1 * k1 - k0 * k0);
}

/// Integrate outwards from 0 with Q(0) = q0 and inwards from R with Q = C K₀, storing the pieces.
void TownesProfile::tabulate(double q0, double C) {
  const double h = opt_.step;
  const int nOut = static_cast<int>(std::lround(opt_.match_radius / h));
  const int nTotal = static_cast<int>(std::lround(opt_.tail_radius / h));
  std::vector<Piece> pieces(nTotal);
  double q = q0, qp = 0;
  for (int i = 0; i < nOut; ++i) {  // outwards: expand about the left end
    double r0 = i * h;
    pieces[i] = {r0, r0 + h, r0, taylorCoefficients(r0, q, qp, opt_.order)};
    q = horner(pieces[i].c, h);
    qp = hornerDerivative(pieces[i].c, h);
  }
  const double R = nTotal * h;
  q = C * std::cyl_bessel_k(0.0, R);
  qp = -C * std::cyl_bessel_k(1.0, R);
  for (int i = nTotal - 1; i >= nOut; --i) {  // inwards: expand about the right end
    double r0 = (i + 1) * h;
    pieces[i] = {r0 - h, r0, r0, taylorCoefficients(r0, q, qp, opt_.order)};
    q = horner(pieces[i].c, -h);
    qp = hornerDerivative(pieces[i].c, -h);
  }
  pieces_ = std::move(pieces);
}

double TownesProfile::mismatch(double q0, double C, double& dq, double& dqp) {
  tabulate(q0, C);
  const int nOut = static_cast<int>(std::lround(opt_.match_radius / opt_.step));
  const Piece& left = pieces_[nOut - 1];
  const Piece& right = pieces_[nOut];
  double rm = right.a;
  dq = horner(left.c, rm - left.r0) - horner(right.c, rm - right.r0);
  dqp = hornerDerivative(left.c, rm - left.r0) - hornerDerivative(right.c, rm - right.r0);
  return std::hypot(dq, dqp);
}

void TownesProfile::solve() {
  // Starting guess: the known value Q(0) ≈ 2.2062 and C from Q(r_m) ≈ C K₀(r_m) fitted below.
  double q0 = 2.2062, C = 0;
  {
    double dq, dqp;
    mismatch(q0, 0.0, dq, dqp);  // with C = 0 the inward part vanishes: dq = Q_out(r_m)
    C = dq / std::cyl_bessel_k(0.0, opt_.match_radius);
  }
  double f1, f2, res = 0;
  for (int it = 0; it < 30; ++it) {
    res = mismatch(q0, C, f1, f2);
    if (!std::isfinite(res)) throw NumericalError("TownesProfile: Newton iteration diverged");
    double e1 = 1e-7 * q0, e2 = 1e-7 * C;
    double a1, a2, b1, b2;
    mismatch(q0 + e1, C, a1, a2);
    mismatch(q0, C + e2, b1, b2);
    double J11 = (a1 - f1) / e1, J21 = (a2 - f2) / e1, J12 = (b1 - f1) / e2, J22 = (b2 - f2) / e2;
    double det = J11 * J22 - J12 * J21;
    double d0 = (J22 * f1 - J12 * f2) / det, dC = (J11 * f2 - J21 * f1) / det;
    q0 -= d0;
    C -= dC;
    // Quadratic convergence down to round-off: stop once the Newton step is at the level of a
    // few ulps (the residual cannot fall further in double precision).
    if (std::abs(d0) < 1e-15 * q0 && std::abs(dC) < 1e-13 * C) break;
  }
  match_residual_ = mismatch(q0, C, f1, f2);
  q0_ = q0;
  tail_c_ = C;
  if (!(match_residual_ < 1e-12))
    throw NumericalError(fmt::format("TownesProfile: matching failed (residual {:.3e})", match_residual_));
  intervals_.clear();
  for (const Piece& p : pieces_) intervals_.emplace_back(p.a, p.b);
  const double R = pieces_.back().b;
  for (double a = R; a < R + 40; a += 1.0) intervals_.emplace_back(a, a + 1.0);
}

const TownesProfile::Piece& TownesProfile::pieceAt(double r) const {
  long i = static_cast<long>(r / opt_.step);
  if (i < 0) i = 0;
  if (i >= static_cast<long>(pieces_.size())) i = static_cast<long>(pieces_.size()) - 1;
  return pieces_[i];
}

double TownesProfile::operator()(double r) const {
  r = std::abs(r);
  if (r > pieces_.back().b) return tail_c_ * besselK(0.0, r);
  const Piece& p = pieceAt(r);
  return horner(p.c, r - p.r0);
}

double TownesProfile::logValue(double r) const {
  r = std::abs(r);
  if (r < 600.0) return std::log((*this)(r));
  return std::log(tail_c_) + logBesselK0Asymptotic(r);
}

double TownesProfile::derivative(double r) const {
  double sign = r < 0 ? -1.0 : 1.0;
  r = std::abs(r);
  if (r > pieces_.back().b) return -sign * tail_c_ * besselK(1.0, r);
  const Piece& p = pieceAt(r);
  return sign * hornerDerivative(p.c, r - p.r0);
}

void TownesProfile::computeIntegrals() {
  a_star_ = moment(0.0);
  grad_sq_ = integrate([](double, double, double dq) { return dq * dq; });
  l4_4_ = integrate([](double, double q, double) { return q * q * q * q; });
  inv_sqrt_a_star_ = 1.0 / std::sqrt(a_star_);
}

double TownesProfile::moment(double p) const {
  if (!(p > -2.0) || p > 60.0)
    throw InputError(fmt::format("moment power p = {} out of range (-2, 60]", p));
  // First piece [0, h]: Q² = Σ_j s_j r^j exactly, so ∫_0^h r^{p+1} Q² dr = Σ_j s_j h^{p+2+j}/(p+2+j),
  // exact even for non-integer p where r^{p+1} is not smooth at 0.
  const Piece& first = pieces_.front();
  const auto& c = first.c;
  const double h = first.b;
  double head = 0;
  for (size_t j = 0; j < 2 * c.size() - 1; ++j) {
    double sj = 0;
    for (size_t i = 0; i <= j; ++i)
      if (i < c.size() && j - i < c.size()) sj += c[i] * c[j - i];
    head += sj * std::pow(h, p + 2.0 + j) / (p + 2.0 + j);
  }
  double rest = integrate([&](double r, double q, double) {
    return r < h ? 0.0 : std::pow(r, p) * q * q;
  });
  // `rest` includes the first panel only as zeros; panels are aligned so that is exact.
  return 2.0 * M_PI * head + rest;
}

}  // namespace cbec
