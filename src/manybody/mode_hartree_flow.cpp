// Galerkin Hartree and Bogoliubov flows by DOPRI5 (mode_hartree_flow.hpp).
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {
namespace {

using cd = std::complex<double>;

void checkTimes(const std::vector<double>& times) {
  double prev = 0;
  for (double t : times) {
    if (!std::isfinite(t) || t < prev) throw InputError("times: must be finite, non-negative and ascending");
    prev = t;
  }
}

}  // namespace

OdeStats integrateDopri5(const std::function<Eigen::VectorXcd(double, const Eigen::VectorXcd&)>& f,
                         Eigen::VectorXcd& y, double t0, double t1, double tol) {
  // Dormand–Prince 5(4) tableau.
  static constexpr double c2 = 1. / 5, c3 = 3. / 10, c4 = 4. / 5, c5 = 8. / 9;
  static constexpr double a21 = 1. / 5, a31 = 3. / 40, a32 = 9. / 40, a41 = 44. / 45, a42 = -56. / 15,
                          a43 = 32. / 9, a51 = 19372. / 6561, a52 = -25360. / 2187, a53 = 64448. / 6561,
                          a54 = -212. / 729, a61 = 9017. / 3168, a62 = -355. / 33, a63 = 46732. / 5247,
                          a64 = 49. / 176, a65 = -5103. / 18656, b1 = 35. / 384, b3 = 500. / 1113,
                          b4 = 125. / 192, b5 = -2187. / 6784, b6 = 11. / 84;
  static constexpr double e1 = 71. / 57600, e3 = -71. / 16695, e4 = 71. / 1920, e5 = -17253. / 339200,
                          e6 = 22. / 525, e7 = -1. / 40;
  OdeStats st;
  if (t1 == t0) return st;
  double t = t0, h = std::min(0.01, t1 - t0);
  Eigen::VectorXcd k1 = f(t, y);
  while (t < t1) {
    h = std::min(h, t1 - t);
    const Eigen::VectorXcd k2 = f(t + c2 * h, y + h * a21 * k1);
    const Eigen::VectorXcd k3 = f(t + c3 * h, y + h * (a31 * k1 + a32 * k2));
    const Eigen::VectorXcd k4 = f(t + c4 * h, y + h * (a41 * k1 + a42 * k2 + a43 * k3));
    const Eigen::VectorXcd k5 = f(t + c5 * h, y + h * (a51 * k1 + a52 * k2 + a53 * k3 + a54 * k4));
    const Eigen::VectorXcd k6 = f(t + h, y + h * (a61 * k1 + a62 * k2 + a63 * k3 + a64 * k4 + a65 * k5));
    const Eigen::VectorXcd yn = y + h * (b1 * k1 + b3 * k3 + b4 * k4 + b5 * k5 + b6 * k6);
    const Eigen::VectorXcd k7 = f(t + h, yn);
    const double err = (h * (e1 * k1 + e3 * k3 + e4 * k4 + e5 * k5 + e6 * k6 + e7 * k7)).cwiseAbs().maxCoeff();
    if (!std::isfinite(err)) throw NumericalError("DOPRI5: non-finite state");
    const double allowed = tol * h;
    if (err <= allowed) {
      t = (t1 - t - h < 1e-14 * std::abs(t1)) ? t1 : t + h;
      y = yn;
      k1 = k7;
      ++st.accepted;
    } else {
      ++st.rejected;
    }
    const double fac = err == 0 ? 5.0 : std::clamp(0.9 * std::pow(allowed / err, 0.2), 0.2, 5.0);
    h *= fac;
    if (h < 1e-14 * std::max(1.0, std::abs(t1))) throw NumericalError("DOPRI5: step size underflow");
  }
  return st;
}

std::vector<Eigen::VectorXcd> hartreeOrbitals(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                              const std::vector<double>& times, double lambda, double tol) {
  checkTimes(times);
  if (c0.size() != H.modes()) throw InputError("Hartree flow: initial orbital has the wrong number of modes");
  auto f = [&](double, const Eigen::VectorXcd& c) { return H.hartreeVelocity(c, lambda); };
  std::vector<Eigen::VectorXcd> out;
  Eigen::VectorXcd c = c0;
  double t = 0;
  for (double tt : times) {
    integrateDopri5(f, c, t, tt, tol);
    t = tt;
    out.push_back(c);
  }
  return out;
}

std::vector<BogoliubovState> bogoliubovFlow(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                            const std::vector<double>& times, double tol) {
  checkTimes(times);
  const int M = H.modes();
  if (c0.size() != M) throw InputError("Bogoliubov flow: initial orbital has the wrong number of modes");
  // State: c (M), U (M×M), V (M×M) column-major, w (M).
  const int W = M + 2 * M * M;
  auto f = [&](double, const Eigen::VectorXcd& y) {
    const Eigen::VectorXcd c = y.head(M);
    const Eigen::VectorXcd w = y.segment(W, M);
    const Eigen::Map<const Eigen::MatrixXcd> U(y.data() + M, M, M), V(y.data() + M + M * M, M, M);
    const Eigen::MatrixXcd Q = Eigen::MatrixXcd::Identity(M, M) - c * c.adjoint();
    const Eigen::MatrixXcd A = H.oneBody().cast<cd>() + H.hartreeMatrix(c) + Q * H.exchangeKernel(c) * Q;
    const Eigen::MatrixXcd B = Q * H.pairingKernel(c) * Q.transpose();
    const Eigen::MatrixXcd Hc = H.hartreeMatrix(c), K1 = H.exchangeKernel(c), K2 = H.pairingKernel(c);
    Eigen::VectorXcd dy(y.size());
    dy.head(M) = H.hartreeVelocity(c);
    dy.segment(W, M) = cd(0, -1) * ((H.oneBody().cast<cd>() + Hc + K1) * w + K2 * w.conjugate() + Hc * c);
    Eigen::Map<Eigen::MatrixXcd>(dy.data() + M, M, M) = cd(0, -1) * (A * U + B * V.conjugate());
    Eigen::Map<Eigen::MatrixXcd>(dy.data() + M + M * M, M, M) = cd(0, -1) * (A * V + B * U.conjugate());
    return dy;
  };
  Eigen::VectorXcd y = Eigen::VectorXcd::Zero(M + 2 * M * M + M);
  y.head(M) = c0;
  Eigen::Map<Eigen::MatrixXcd>(y.data() + M, M, M).setIdentity();
  std::vector<BogoliubovState> out;
  double t = 0;
  for (double tt : times) {
    integrateDopri5(f, y, t, tt, tol);
    t = tt;
    const Eigen::Map<const Eigen::MatrixXcd> V(y.data() + M + M * M, M, M);
    out.push_back({tt, y.head(M), V * V.adjoint(), y.segment(W, M)});
  }
  return out;
}

}  // namespace cbec
