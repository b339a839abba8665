// Galerkin data of the mean-field Hamiltonian and its Hartree flow (few_mode_model.hpp).
#include <cbec/manybody/few_mode_model.hpp>
#include <cbec/model/pair_scaling.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/numerics/gauss_legendre.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {
namespace {

using cd = std::complex<double>;

void checkSymmetries(int M, const Eigen::MatrixXd& h, const std::vector<double>& V) {
  if (h.rows() != M || h.cols() != M) throw InputError("mode Hamiltonian: h must be square");
  if (V.size() != static_cast<std::size_t>(M) * M * M * M)
    throw InputError(fmt::format("mode Hamiltonian: V needs M^4 = {} entries, got {}", M * M * M * M, V.size()));
  double vmax = 0, hmax = 0;
  for (double v : V) {
    if (!std::isfinite(v)) throw InputError("mode Hamiltonian: V has a non-finite entry");
    vmax = std::max(vmax, std::abs(v));
  }
  if (!h.allFinite()) throw InputError("mode Hamiltonian: h has a non-finite entry");
  hmax = h.cwiseAbs().maxCoeff();
  if ((h - h.transpose()).cwiseAbs().maxCoeff() > 1e-12 * std::max(hmax, 1e-300))
    throw InputError("mode Hamiltonian: h must be symmetric");
  auto at = [&](int i, int j, int k, int l) { return V[((i * M + j) * M + k) * M + l]; };
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l) {
          const double v = at(i, j, k, l), tol = 1e-12 * vmax;
          if (std::abs(v - at(j, i, l, k)) > tol || std::abs(v - at(k, l, i, j)) > tol)
            throw InputError(fmt::format("mode Hamiltonian: V_{}{}{}{} breaks V_ijkl = V_jilk = V_klij", i, j, k, l));
        }
}

}  // namespace

double radialOscillator(int n, double r) {
  const double x = r * r, alpha = 0.5;
  double L0 = 1, L1 = 1 + alpha - x;
  double L = n == 0 ? L0 : L1;
  for (int k = 2; k <= n; ++k) {
    L = ((2 * k - 1 + alpha - x) * L1 - (k - 1 + alpha) * L0) / k;
    L0 = L1;
    L1 = L;
  }
  const double lognorm = 0.5 * (std::log(2.0) + std::lgamma(n + 1.0) - std::lgamma(n + 1.5));
  return std::exp(lognorm - 0.5 * x) * L;
}

FewModeModel::FewModeModel(Eigen::MatrixXd h, std::vector<double> V)
    : M_(static_cast<int>(h.rows())), h_(std::move(h)), V_(std::move(V)) {
  if (M_ < 1) throw InputError("mode Hamiltonian: at least one mode");
  checkSymmetries(M_, h_, V_);
}

Eigen::MatrixXcd FewModeModel::hartreeMatrix(const Eigen::VectorXcd& c) const {
  Eigen::MatrixXcd H = Eigen::MatrixXcd::Zero(M_, M_);
  for (int i = 0; i < M_; ++i)
    for (int j = 0; j < M_; ++j)
      for (int k = 0; k < M_; ++k)
        for (int l = 0; l < M_; ++l) H(i, k) += V(i, j, k, l) * std::conj(c[j]) * c[l];
  return H;
}

Eigen::MatrixXcd FewModeModel::exchangeKernel(const Eigen::VectorXcd& c) const {
  Eigen::MatrixXcd K = Eigen::MatrixXcd::Zero(M_, M_);
  for (int i = 0; i < M_; ++i)
    for (int k = 0; k < M_; ++k)
      for (int a = 0; a < M_; ++a)
        for (int b = 0; b < M_; ++b) K(i, k) += V(i, b, a, k) * c[a] * std::conj(c[b]);
  return K;
}

Eigen::MatrixXcd FewModeModel::pairingKernel(const Eigen::VectorXcd& c) const {
  Eigen::MatrixXcd K = Eigen::MatrixXcd::Zero(M_, M_);
  for (int i = 0; i < M_; ++i)
    for (int k = 0; k < M_; ++k)
      for (int a = 0; a < M_; ++a)
        for (int b = 0; b < M_; ++b) K(i, k) += V(i, k, a, b) * c[a] * c[b];
  return K;
}

Eigen::VectorXcd FewModeModel::hartreeVelocity(const Eigen::VectorXcd& c, double lambda) const {
  return cd(0, -1) * (h_.cast<cd>() * c + lambda * (hartreeMatrix(c) * c));
}

double FewModeModel::energy(const Eigen::VectorXcd& c, double lambda) const {
  const cd kinetic = c.dot(h_.cast<cd>() * c);
  const cd interaction = c.dot(hartreeMatrix(c) * c);
  return kinetic.real() + 0.5 * lambda * interaction.real();
}

ModeHamiltonian asModeHamiltonian(const FewModeModel& model, int N, double lambda) {
  if (N < 1) throw InputError(fmt::format("few-mode model: N must be at least 1, got {}", N));
  const int M = model.modes();
  ModeSpecies s;
  s.particles = N;
  s.h = model.oneBody();
  s.V = TwoBodyTensor(M, M, [&model](int i, int j, int k, int l) { return model.V(i, j, k, l); });
  s.pair_factor = lambda < 0 ? intraPairFactor(PairScaling::N, N, N) : lambda;   // F 3.5
  ModeHamiltonian H;
  H.species.push_back(std::move(s));
  return H;
}

FewModeModel doubleWellModes(double gap, double U) {
  if (!std::isfinite(gap) || !std::isfinite(U)) throw InputError("double well: gap and U must be finite");
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(2, 2);
  h(1, 1) = gap;
  std::vector<double> V(16);
  for (int q = 0; q < 16; ++q) V[q] = (__builtin_popcount(q) % 2 == 0) ? 0.5 * U : 0.0;
  return FewModeModel(h, V);
}

FewModeModel toyModelModes(int M, double nu, double strength, double width) {
  if (!(std::isfinite(width) && width > 0)) throw InputError("toy model: potential width must be positive");
  if (!std::isfinite(strength)) throw InputError("toy model: potential strength must be finite");
  return toyModelModes(M, nu, RadialPotential::gaussian(strength, width));
}

FewModeModel toyModelModes(int M, double nu, const RadialPotential& potential) {
  if (M < 1 || M > 24) throw InputError(fmt::format("toy model: modes must lie in [1, 24], got {}", M));
  if (!(std::isfinite(nu) && nu > 0)) throw InputError(fmt::format("toy model: nu must be positive, got {}", nu));
  Eigen::MatrixXd h = Eigen::MatrixXd::Zero(M, M);
  for (int n = 0; n < M; ++n) h(n, n) = 2.0 * nu * n;
  const double rmax = std::sqrt(4.0 * M + 3.0) + 9.0;
  std::vector<double> r, w;
  gaussLegendre(160, 0.0, rmax, r, w);
  const int Q = static_cast<int>(r.size());
  Eigen::MatrixXd R(M, Q);
  for (int n = 0; n < M; ++n)
    for (int q = 0; q < Q; ++q) R(n, q) = radialOscillator(n, r[q]) * r[q] * r[q] * w[q];  // R_n r² dr
  Eigen::MatrixXd G(Q, Q);
  for (int p = 0; p < Q; ++p)
    for (int q = 0; q < Q; ++q) G(p, q) = potential.sphericalAverage(r[p], r[q]);
  std::vector<double> V(static_cast<std::size_t>(M) * M * M * M);
  Eigen::VectorXd fx(Q), fy(Q);
  for (int i = 0; i < M; ++i)
    for (int k = 0; k < M; ++k) {
      for (int q = 0; q < Q; ++q) fx[q] = R(i, q) * radialOscillator(k, r[q]);
      const Eigen::VectorXd Gf = G.transpose() * fx;
      for (int j = 0; j < M; ++j)
        for (int l = 0; l < M; ++l) {
          for (int q = 0; q < Q; ++q) fy[q] = R(j, q) * radialOscillator(l, r[q]);
          V[((i * M + j) * M + k) * M + l] = Gf.dot(fy);
        }
    }
  // Symmetrise the round-off of the quadrature (the exact integrals have the symmetries).
  std::vector<double> S(V.size());
  auto at = [&](int i, int j, int k, int l) { return V[((i * M + j) * M + k) * M + l]; };
  for (int i = 0; i < M; ++i)
    for (int j = 0; j < M; ++j)
      for (int k = 0; k < M; ++k)
        for (int l = 0; l < M; ++l)
          S[((i * M + j) * M + k) * M + l] =
              0.25 * (at(i, j, k, l) + at(j, i, l, k) + at(k, l, i, j) + at(l, k, j, i));
  return FewModeModel(h, S);
}

}  // namespace cbec
