// e^{-itH}Ψ by Lanczos with the defect-integral error bound (krylov_exponential.hpp).
#include <cbec/manybody/krylov_exponential.hpp>

#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace cbec {
namespace {

using cd = std::complex<double>;

/// 8-point Gauss–Legendre nodes and weights on [-1, 1].
constexpr double kGaussX[8] = {-0.9602898564975363, -0.7966664774136267, -0.5255324099163290,
                               -0.1834346424956498, 0.1834346424956498,  0.5255324099163290,
                               0.7966664774136267,  0.9602898564975363};
constexpr double kGaussW[8] = {0.1012285362903763, 0.2223810344533745, 0.3137066458778873,
                               0.3626837833783620, 0.3626837833783620, 0.3137066458778873,
                               0.2223810344533745, 0.1012285362903763};

/// The Lanczos data of one step: basis vectors (columns), α, β (β[j] couples v_j and v_{j+1};
/// β[m-1] is the residual coefficient β_{m+1}), and whether the Krylov space became invariant.
struct Lanczos {
  Eigen::MatrixXcd V;
  std::vector<double> alpha, beta;
  bool invariant = false;
  int m() const { return static_cast<int>(alpha.size()); }
};

struct Spectrum {
  Eigen::VectorXd lambda;
  Eigen::MatrixXd S;
};

Spectrum tridiagonalSpectrum(const Lanczos& L) {
  const int m = L.m();
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(m, m);
  for (int j = 0; j < m; ++j) {
    T(j, j) = L.alpha[j];
    if (j + 1 < m) T(j, j + 1) = T(j + 1, j) = L.beta[j];
  }
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(T);
  return {es.eigenvalues(), es.eigenvectors()};
}

/// One Lanczos iteration j: v_{j+1} from H v_j, fully re-orthogonalised (two Gram–Schmidt passes).
void lanczosIteration(const LinearOperator<cd>& H, Lanczos& L, int j) {
  Eigen::VectorXcd w(L.V.rows());
  H.apply(L.V.col(j).data(), w.data());
  const double a = L.V.col(j).dot(w).real();
  L.alpha.push_back(a);
  for (int pass = 0; pass < 2; ++pass) {
    const Eigen::VectorXcd c = L.V.leftCols(j + 1).adjoint() * w;
    w.noalias() -= L.V.leftCols(j + 1) * c;
  }
  const double b = w.norm();
  L.beta.push_back(b);
  const double scale = std::abs(a) + (j > 0 ? L.beta[j - 1] : 0.0) + b;
  if (b <= 1e-13 * scale || b == 0.0) {
    L.invariant = true;
    return;
  }
  L.V.col(j + 1) = w / b;
}

}  // namespace

KrylovStats& KrylovStats::operator+=(const KrylovStats& o) {
  smallestStep = steps == 0 ? o.smallestStep : (o.steps ? std::min(smallestStep, o.smallestStep) : smallestStep);
  largestStep = std::max(largestStep, o.largestStep);
  if (o.steps) lastStep = o.lastStep;
  steps += o.steps;
  products += o.products;
  errorBound += o.errorBound;
  return *this;
}

double krylovErrorBound(const Eigen::VectorXd& lambda, const Eigen::MatrixXd& S, double beta, double tau) {
  const int m = static_cast<int>(lambda.size());
  tau = std::abs(tau);
  if (beta == 0.0 || tau == 0.0) return 0.0;
  const double spread = lambda.maxCoeff() - lambda.minCoeff();
  const int panels = std::clamp(static_cast<int>(std::ceil(tau * spread / 2.0)) + 1, 1, 4000);
  const double h = tau / panels;
  // Phases at the nodes h(p + (x_q+1)/2) advance by e^{-iλh} from one panel to the next.
  Eigen::MatrixXcd node(m, 8);
  Eigen::VectorXcd advance(m);
  for (int k = 0; k < m; ++k) {
    const double w = S(m - 1, k) * S(0, k);
    for (int q = 0; q < 8; ++q) node(k, q) = w * std::exp(cd(0, -0.5 * h * (kGaussX[q] + 1.0) * lambda[k]));
    advance[k] = std::exp(cd(0, -h * lambda[k]));
  }
  double integral = 0;
  for (int p = 0; p < panels; ++p) {
    for (int q = 0; q < 8; ++q) integral += 0.5 * h * kGaussW[q] * std::abs(node.col(q).sum());
    node = advance.asDiagonal() * node;
  }
  return beta * integral;
}

KrylovExponential::KrylovExponential(const LinearOperator<cd>& H, KrylovOptions options)
    : H_(H), opt_(options) {
  if (!(std::isfinite(opt_.tolerance) && opt_.tolerance > 0))
    throw InputError(fmt::format("krylov tolerance: must be finite and positive, got {}", opt_.tolerance));
  if (opt_.maxDimension < 2)
    throw InputError(fmt::format("krylov maxDimension: must be at least 2, got {}", opt_.maxDimension));
}

double KrylovExponential::step(Eigen::VectorXcd& psi, double tau, KrylovStats& stats) const {
  const double nrm = psi.norm();
  if (nrm == 0.0 || tau == 0.0) return tau;
  const double dir = tau > 0 ? 1.0 : -1.0;
  double target = std::abs(tau);
  if (stats.steps > 0) target = std::min(target, 2.0 * stats.lastStep);  // grow by at most 2 per step
  const int mmax = static_cast<int>(std::min<std::size_t>(opt_.maxDimension, psi.size()));
  Lanczos L;
  L.V.resize(psi.size(), mmax + 1);
  L.V.col(0) = psi / nrm;
  Spectrum sp;
  double bound = 0;
  for (int j = 0; j < mmax; ++j) {
    lanczosIteration(H_, L, j);
    ++stats.products;
    sp = tridiagonalSpectrum(L);
    if (L.invariant) break;
    // Cheap screen: the defect at s = τ; while it is far above the tolerance the integral is too.
    cd end = 0;
    for (int k = 0; k <= j; ++k) end += sp.S(j, k) * sp.S(0, k) * std::exp(cd(0, -target * sp.lambda[k]));
    if (j + 1 < mmax && nrm * L.beta.back() * std::abs(end) > 4.0 * (j + 1) * opt_.tolerance) continue;
    bound = nrm * krylovErrorBound(sp.lambda, sp.S, L.beta.back(), target);
    if (bound <= opt_.tolerance * target) break;
  }
  double beta = L.invariant ? 0.0 : L.beta.back();
  if (L.invariant) bound = 0;
  if (bound > opt_.tolerance * target) {
    // Largest accepted τ: halve until accepted, then bisect (log scale) between accepted and rejected.
    double hi = target, lo = target;
    auto ok = [&](double s) { return nrm * krylovErrorBound(sp.lambda, sp.S, beta, s) <= opt_.tolerance * s; };
    while (!ok(lo)) {
      hi = lo;
      lo *= 0.5;
      if (lo < 1e-300) throw NumericalError("krylov exponential: no step size meets the tolerance");
    }
    for (int it = 0; it < 20 && hi / lo > 1.02; ++it) {
      const double mid = std::sqrt(lo * hi);
      (ok(mid) ? lo : hi) = mid;
    }
    target = lo;
    bound = nrm * krylovErrorBound(sp.lambda, sp.S, beta, target);
  }
  const int m = L.m();
  Eigen::VectorXcd c(m);
  for (int k = 0; k < m; ++k) c[k] = sp.S(0, k) * std::exp(cd(0, -dir * target * sp.lambda[k]));
  const Eigen::VectorXcd y = sp.S.cast<cd>() * c;
  psi.noalias() = nrm * (L.V.leftCols(m) * y);
  stats.errorBound += bound;
  stats.smallestStep = stats.steps == 0 ? target : std::min(stats.smallestStep, target);
  stats.largestStep = std::max(stats.largestStep, target);
  stats.lastStep = target;
  ++stats.steps;
  return dir * target;
}

KrylovStats KrylovExponential::propagate(Eigen::VectorXcd& psi, double t) const {
  KrylovStats stats;
  propagate(psi, t, stats);
  return stats;
}

void KrylovExponential::propagate(Eigen::VectorXcd& psi, double t, KrylovStats& stats) const {
  if (static_cast<std::size_t>(psi.size()) != H_.dimension())
    throw InputError(fmt::format("krylov exponential: state has {} coefficients, the operator acts on {}",
                                 psi.size(), H_.dimension()));
  if (!std::isfinite(t)) throw InputError("krylov exponential: the time must be finite");
  double done = 0;
  while (std::abs(t - done) > 1e-14 * std::max(1.0, std::abs(t))) done += step(psi, t - done, stats);
}

}  // namespace cbec
