#include <cbec/discretisation/fourier.hpp>
#include <cbec/dynamics/infinite_gap.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/numerics/runge_kutta4.hpp>
#include <cbec/model/species_coupling.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

using cplx = std::complex<double>;

KappaFlow::KappaFlow(int levels, std::vector<cplx> tensor) : l_(levels), T_(std::move(tensor)) {
  if (levels < 1) throw InputError("kappa flow: at least one level is needed");
  if (T_.size() != static_cast<size_t>(l_ * l_ * l_ * l_))
    throw InputError(fmt::format("kappa flow: tensor has {} entries, expected {}", T_.size(), l_ * l_ * l_ * l_));
}

KappaFlow KappaFlow::sharedOrbital(int levels, double c) {
  std::vector<cplx> T(static_cast<size_t>(levels) * levels * levels * levels, 0.0);
  for (int j = 0; j < levels; ++j)
    for (int a = 0; a < levels; ++a) T[((j * levels + j) * levels + a) * levels + a] = c;
  return KappaFlow(levels, std::move(T));
}

namespace {

/// Pointwise ⟨φ_a, φ_b⟩(x) = Σ_σ φ̄_a^σ φ_b^σ.
std::vector<cplx> pairDensity(const GridOrbital& a, const GridOrbital& b) {
  std::vector<cplx> out(a[0].size(), 0.0);
  for (size_t s = 0; s < a.size(); ++s)
    for (size_t i = 0; i < out.size(); ++i) out[i] += std::conj(a[s][i]) * b[s][i];
  return out;
}

/// V∗f for complex f: the real kernel acts on real and imaginary parts separately.
std::vector<cplx> convolve(FourierTransform& fft, const std::vector<double>& vhat, const std::vector<cplx>& f) {
  Field re(f.size()), im(f.size()), cre, cim;
  for (size_t i = 0; i < f.size(); ++i) { re[i] = f[i].real(); im[i] = f[i].imag(); }
  fft.applyMultiplier(re, vhat, cre);
  fft.applyMultiplier(im, vhat, cim);
  std::vector<cplx> out(f.size());
  for (size_t i = 0; i < f.size(); ++i) out[i] = {cre[i], cim[i]};
  return out;
}

}  // namespace

KappaFlow KappaFlow::fromOrbitals(const Grid& grid, const std::vector<GridOrbital>& orbitals,
                                  const PairInteraction& potential) {
  const int l = static_cast<int>(orbitals.size());
  if (l < 1) throw InputError("orbitals: at least one orbital is needed");
  for (int j = 0; j < l; ++j) {
    if (orbitals[j].empty() || orbitals[j].size() != orbitals[0].size())
      throw InputError(fmt::format("orbitals[{}]: components differ from orbitals[0]", j));
    for (const auto& comp : orbitals[j])
      if (comp.size() != grid.size()) throw InputError(fmt::format("orbitals[{}]: not sampled on the grid", j));
  }
  const double dV = grid.cellVolume();
  std::vector<std::vector<cplx>> rho(l * l);
  for (int a = 0; a < l; ++a)
    for (int b = 0; b < l; ++b) {
      rho[a * l + b] = pairDensity(orbitals[a], orbitals[b]);
      cplx overlap = 0;
      for (cplx z : rho[a * l + b]) overlap += z * dV;
      if (std::abs(overlap - (a == b ? 1.0 : 0.0)) > 1e-8)
        throw InputError(fmt::format("orbitals: not orthonormal, <phi_{}, phi_{}> = {:.3e}", a, b, std::abs(overlap)));
    }
  FourierTransform fft(grid, 1, false);
  std::vector<double> vhat = fft.tabulate([&](double k2) { return potential.fourier(k2, grid.dimension()); });
  std::vector<cplx> T(static_cast<size_t>(l) * l * l * l);
  for (int a = 0; a < l; ++a)
    for (int b = 0; b < l; ++b) {
      std::vector<cplx> W = convolve(fft, vhat, rho[a * l + b]);
      for (int j = 0; j < l; ++j)
        for (int c = 0; c < l; ++c) {
          cplx sum = 0;
          const auto& r = rho[j * l + c];
          for (size_t i = 0; i < r.size(); ++i) sum += r[i] * W[i];
          T[((j * l + c) * l + a) * l + b] = sum * dV;
        }
    }
  return KappaFlow(l, std::move(T));
}

Eigen::VectorXcd KappaFlow::derivative(const Eigen::VectorXcd& k) const {
  Eigen::VectorXcd out = Eigen::VectorXcd::Zero(l_);
  for (int j = 0; j < l_; ++j) {
    cplx s = 0;
    for (int c = 0; c < l_; ++c)
      for (int a = 0; a < l_; ++a)
        for (int b = 0; b < l_; ++b) s += tensor(j, c, a, b) * std::conj(k[a]) * k[b] * k[c];
    out[j] = cplx(0, -1) * s;
  }
  return out;
}

Eigen::VectorXcd KappaFlow::evolve(Eigen::VectorXcd k, double t, int substeps) const {
  return integrateRk4([this](const Eigen::VectorXcd& v) { return derivative(v); }, std::move(k), t, substeps);
}

double KappaFlow::energy(const Eigen::VectorXcd& k) const {
  cplx e = 0;
  for (int j = 0; j < l_; ++j)
    for (int c = 0; c < l_; ++c)
      for (int a = 0; a < l_; ++a)
        for (int b = 0; b < l_; ++b) e += tensor(j, c, a, b) * std::conj(k[j]) * std::conj(k[a]) * k[b] * k[c];
  // one species, c = κ = 1 (species_coupling.hpp), no one-body part at infinite gap: E = ½ ⟨ρ, Vρ⟩
  return SpeciesCoupling::perParticle({1.0}, {1.0}).energy({0.0}, Eigen::MatrixXd::Constant(1, 1, e.real()));
}

std::vector<Eigen::MatrixXcd> KappaFlow::phaseAverageOnGrid(const std::vector<double>& n,
                                                             const std::vector<double>& times, int P,
                                                             double maxStep) const {
  std::vector<Eigen::MatrixXcd> K(times.size(), Eigen::MatrixXcd::Zero(l_, l_));
  long count = 1;
  for (int j = 1; j < l_; ++j) count *= P;
  for (long idx = 0; idx < count; ++idx) {
    Eigen::VectorXcd k(l_);
    long rest = idx;
    for (int j = 0; j < l_; ++j) {
      double theta = 0;
      if (j > 0) { theta = 2 * M_PI * double(rest % P) / P; rest /= P; }
      k[j] = std::sqrt(n[j]) * std::polar(1.0, -theta);
    }
    double t = 0;
    for (size_t m = 0; m < times.size(); ++m) {
      int steps = static_cast<int>(std::ceil((times[m] - t) / maxStep));
      k = evolve(k, times[m] - t, steps);
      t = times[m];
      K[m] += k * k.adjoint() / double(count);   // K_{jl} = avg κ_j κ̄_l
    }
  }
  return K;
}

PhaseAverage KappaFlow::phaseAveraged(const std::vector<double>& n, const std::vector<double>& times,
                                      double tolerance, double maxStep) const {
  if (static_cast<int>(n.size()) != l_) throw InputError("occupations: one per level is needed");
  double last = 0;
  for (double t : times)
    if (!(t >= last) || !std::isfinite(t)) throw InputError("times: must be finite, increasing and non-negative");
    else last = t;
  PhaseAverage out;
  out.points = 8;
  out.K = phaseAverageOnGrid(n, times, out.points, maxStep);
  const int maxPoints = l_ <= 2 ? 4096 : l_ == 3 ? 256 : 32;
  while (true) {
    auto finer = phaseAverageOnGrid(n, times, 2 * out.points, maxStep);
    out.change = 0;
    for (size_t m = 0; m < times.size(); ++m) out.change = std::max(out.change, (finer[m] - out.K[m]).norm());
    out.K = std::move(finer);
    out.points *= 2;
    if (out.change <= tolerance) return out;
    if (2 * out.points > maxPoints)
      throw NumericalError(fmt::format("K(t): phase average not converged to {:.1e} with {} points per angle (change {:.1e})",
                                       tolerance, out.points, out.change));
  }
}

int numericalRank(const Eigen::MatrixXcd& A, double tol) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(A, Eigen::EigenvaluesOnly);
  double largest = eig.eigenvalues().cwiseAbs().maxCoeff();
  int r = 0;
  for (int i = 0; i < eig.eigenvalues().size(); ++i) r += std::abs(eig.eigenvalues()[i]) > tol * largest;
  return r;
}

double infiniteGapDistance(cplx alpha, double beta, const Eigen::MatrixXcd& D, const Eigen::MatrixXcd& K) {
  const int l = static_cast<int>(D.rows());
  Eigen::Matrix2cd Pt, P0 = Eigen::Matrix2cd::Zero();
  Pt << std::norm(alpha), alpha * beta, beta * std::conj(alpha), beta * beta;
  P0(0, 0) = 1;
  Eigen::MatrixXcd A(2 * l, 2 * l);
  for (int m = 0; m < 2; ++m)
    for (int p = 0; p < 2; ++p) A.block(m * l, p * l, l, l) = Pt(m, p) * D - P0(m, p) * K;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(A, Eigen::EigenvaluesOnly);
  return eig.eigenvalues().cwiseAbs().sum();
}

}  // namespace cbec
