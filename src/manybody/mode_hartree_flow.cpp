// Galerkin Hartree and Bogoliubov flows by DOPRI5 (mode_hartree_flow.hpp).
#include <cbec/manybody/mode_hartree_flow.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/numerics/dormand_prince.hpp>

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

/// integrateDopri5, its failure thrown as NumericalError.
void integrate(const std::function<Eigen::VectorXcd(double, const Eigen::VectorXcd&)>& f, Eigen::VectorXcd& y,
               double t0, double t1, double tol) {
  const OdeStats st = integrateDopri5(f, y, t0, t1, tol);
  if (!st.failure.empty()) throw NumericalError(st.failure);
}

}  // namespace

std::vector<Eigen::VectorXcd> hartreeOrbitals(const FewModeModel& H, const Eigen::VectorXcd& c0,
                                              const std::vector<double>& times, double lambda, double tol) {
  checkTimes(times);
  if (c0.size() != H.modes()) throw InputError("Hartree flow: initial orbital has the wrong number of modes");
  auto f = [&](double, const Eigen::VectorXcd& c) { return H.hartreeVelocity(c, lambda); };
  std::vector<Eigen::VectorXcd> out;
  Eigen::VectorXcd c = c0;
  double t = 0;
  for (double tt : times) {
    integrate(f, c, t, tt, tol);
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
    integrate(f, y, t, tt, tol);
    t = tt;
    const Eigen::Map<const Eigen::MatrixXcd> V(y.data() + M + M * M, M, M);
    out.push_back({tt, y.head(M), V * V.adjoint(), y.segment(W, M)});
  }
  return out;
}

}  // namespace cbec
