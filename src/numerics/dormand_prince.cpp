// The Dormand–Prince 5(4) pair with local error control (dormand_prince.hpp).
#include <cbec/numerics/dormand_prince.hpp>

#include <algorithm>
#include <cmath>

namespace cbec {

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
    if (!std::isfinite(err)) {
      st.failure = "DOPRI5: non-finite state";
      return st;
    }
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
    if (h < 1e-14 * std::max(1.0, std::abs(t1))) {
      st.failure = "DOPRI5: step size underflow";
      return st;
    }
  }
  return st;
}

}  // namespace cbec
