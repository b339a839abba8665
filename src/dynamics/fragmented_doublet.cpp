#include <cbec/discretisation/fourier.hpp>
#include <cbec/dynamics/fragmented_doublet.hpp>
#include <cbec/discretisation/grid_eigenbasis.hpp>
#include <cbec/dynamics/infinite_gap.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/numerics/power_law_fit.hpp>
#include <cbec/numerics/runge_kutta4.hpp>

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cmath>
#include <numbers>

namespace cbec {

using cplx = std::complex<double>;

namespace {

/// Σ |eigenvalues| of a Hermitian matrix.
double traceNorm(const Eigen::MatrixXcd& A) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> eig(A, Eigen::EigenvaluesOnly);
  return eig.eigenvalues().cwiseAbs().sum();
}

}  // namespace

DoubletSpectrum::DoubletSpectrum(const Grid& grid, const DoubletModel& model) : grid_(grid), n_(grid.points()) {
  if (grid.dimension() != 1)
    throw InputError(fmt::format("fragmented_doublet: a 1D grid is needed, got dimension {}", grid.dimension()));
  if (n_ > 2048) throw InputError(fmt::format("fragmented_doublet: grid.points = {} > 2048 (dense eigenbasis)", n_));
  const int n = n_;
  const double L = grid.box(), a = model.wellMinimum;
  // the Fourier-grid eigenbasis of h_0 = −d²/dx² + (x² − a²)²/4 (grid_eigenbasis.hpp)
  std::vector<double> U = grid.axis(0);
  for (double& x : U) x = std::pow(x * x - a * a, 2) / 4;
  GridEigenbasis basis = gridEigenbasis(grid, U);
  E_ = std::move(basis.energies);
  S_ = std::move(basis.orbitals);
  if (S_.col(0).sum() < 0) S_.col(0) *= -1;
  if (S_.col(1).tail(n / 2).sum() < 0) S_.col(1) *= -1;
  // the doublet must fit in the box: ψ_1, ψ_2 negligible at the (periodic) boundary
  const double edge = std::max({std::abs(S_(0, 0)), std::abs(S_(0, 1)), std::abs(S_(n - 1, 0)), std::abs(S_(n - 1, 1))});
  const double peak = std::max(S_.col(0).cwiseAbs().maxCoeff(), S_.col(1).cwiseAbs().maxCoeff());
  if (edge > 1e-8 * peak)
    throw InputError(fmt::format("fragmented_doublet: grid.box = {} does not hold the doublet (|psi| at the edge "
                                 "{:.2e} of its peak; needs < 1e-8)", L, edge / peak));
  if (!(E_[2] - E_[0] > 0)) throw InputError("fragmented_doublet: no gap above the doublet");
  g_ = Eigen::VectorXd::Zero(n);
  for (int m = 2; m < n; ++m) g_[m] = model.flatExcited ? 1.0 : (E_[m] - E_[0]) / (E_[2] - E_[0]);
  // V∗f: the periodic convolution of KappaFlow::fromOrbitals, column by column
  FourierTransform fft(grid, 1, false);
  const std::vector<double> vhat = fft.tabulate([&](double k2) { return model.potential.fourier(k2, 1); });
  W_.resize(n, n);
  Field e(grid.shape()), out;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) e[i] = i == j;
    fft.applyMultiplier(e, vhat, out);
    for (int i = 0; i < n; ++i) W_(i, j) = out[i];
  }
}

Eigen::VectorXcd DoubletSpectrum::toModes(const Eigen::VectorXcd& f) const {
  return grid_.spacing() * (S_.transpose() * f);
}

Eigen::VectorXcd DoubletSpectrum::toGrid(const Eigen::VectorXcd& c) const { return S_ * c; }

Eigen::VectorXcd DoubletSpectrum::nonlinearity(const Eigen::VectorXcd& phi) const {
  Eigen::VectorXd U = W_ * phi.cwiseAbs2();
  return U.cast<cplx>().cwiseProduct(phi);
}

Eigen::VectorXcd DoubletSpectrum::linearisedNonlinearity(const Eigen::VectorXcd& Phi, const Eigen::VectorXcd& w) const {
  Eigen::VectorXd U = W_ * Phi.cwiseAbs2();
  Eigen::VectorXd r = 2 * (Phi.conjugate().cwiseProduct(w)).real();
  Eigen::VectorXd Ur = W_ * r;
  return U.cast<cplx>().cwiseProduct(w) + Ur.cast<cplx>().cwiseProduct(Phi);
}

DoubletLimit doubletLimit(const DoubletSpectrum& sp, const DoubletModel& model, const std::vector<double>& times,
                          const DoubletOptions& options) {
  if (model.occupations.size() != 2) throw InputError("fragmented_doublet: two occupations are needed");
  DoubletLimit out;
  const int n = sp.size();
  std::vector<GridOrbital> orbitals(2);
  for (int j = 0; j < 2; ++j) {
    Eigen::VectorXcd v = sp.orbitals().col(j).cast<cplx>();
    orbitals[j] = {std::vector<cplx>(v.data(), v.data() + n)};
  }
  KappaFlow flow = KappaFlow::fromOrbitals(sp.grid(), orbitals, model.potential);
  PhaseAverage avg = flow.phaseAveraged(model.occupations, times, 1e-11, options.kappaStep);
  out.K = avg.K;
  out.kappaPoints = avg.points;
  if (!options.prediction) return out;
  // (κ, να) by RK4 on the phases of K's average (the same integrand bandwidth)
  const int P = avg.points;
  out.predictionPhases = P;
  const Eigen::MatrixXd& S = sp.orbitals();
  const double h = sp.grid().spacing();
  auto slowModes = [&](const Eigen::VectorXcd& Phi) {   // −g^{−1} Q N(Φ) in eigenbasis coordinates
    Eigen::VectorXcd c = sp.toModes(sp.nonlinearity(Phi));
    c[0] = c[1] = 0;
    for (int m = 2; m < n; ++m) c[m] /= -sp.g()[m];
    return c;
  };
  // the resonant (complex-linear) part of Q DN(Φ) Q on the excited levels, M(κ) = Σ_ab κ̄_a κ_b (D_ab + X_ab),
  // D_ab = h S^T diag(V∗ψ_aψ_b) S, X_ab = h S^T diag(ψ_b) W diag(ψ_a) S: it shifts the frequencies of the
  // part of δ that oscillates like e^{−iνg_n t} by O(1), i.e. its phase by O(t) (kept: the prediction then
  // holds pointwise in t, not only in size). Couplings between levels with g_n ≠ g_m are off resonance by
  // ν|g_n − g_m| and left out (all levels couple for the flat spectrum, each to itself otherwise).
  const bool flat = model.flatExcited;
  std::array<Eigen::MatrixXd, 4> M;
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 2; ++b) {
      Eigen::VectorXd pab = S.col(a).cwiseProduct(S.col(b));
      Eigen::VectorXd U = sp.convolution() * pab;
      Eigen::MatrixXd D = h * S.transpose() * U.asDiagonal() * S;
      Eigen::MatrixXd X = h * (S.transpose() * S.col(b).asDiagonal()) * (sp.convolution() * (S.col(a).asDiagonal() * S));
      M[2 * a + b] = D + X;
    }
  const int q = n - 2;
  auto resonant = [&](const Eigen::VectorXcd& kappa, const Eigen::VectorXcd& b) {   // M(κ) b on the excited levels
    Eigen::VectorXcd out = Eigen::VectorXcd::Zero(q);
    for (int a = 0; a < 2; ++a)
      for (int c = 0; c < 2; ++c) {
        const cplx w = std::conj(kappa[a]) * kappa[c];
        if (flat) out += w * (M[2 * a + c].bottomRightCorner(q, q) * b);
        else out += w * M[2 * a + c].diagonal().tail(q).cwiseProduct(b);
      }
    return out;
  };
  auto rhs = [&](const Eigen::VectorXcd& y) {
    Eigen::VectorXcd Phi = S.col(0) * y[0] + S.col(1) * y[1];
    Eigen::VectorXcd A = S.col(0) * y[2] + S.col(1) * y[3];
    Eigen::VectorXcd N = sp.nonlinearity(Phi);
    Eigen::VectorXcd cN = sp.toModes(N);
    Eigen::VectorXcd s = cN;
    s[0] = s[1] = 0;
    for (int m = 2; m < n; ++m) s[m] /= -sp.g()[m];
    Eigen::VectorXcd r = sp.linearisedNonlinearity(Phi, A + sp.toGrid(s));
    Eigen::VectorXcd d(4 + q);
    d[0] = cN[0];
    d[1] = cN[1];
    d[2] = h * S.col(0).dot(r);
    d[3] = h * S.col(1).dot(r);
    d.tail(q) = resonant(y.head(2), y.tail(q));
    return Eigen::VectorXcd(cplx(0, -1) * d);
  };
  const double step = 5 * options.kappaStep;
  out.Phi.resize(P);
  out.alpha.resize(P);
  out.slow.resize(P);
  out.fast.resize(P);
  for (int p = 0; p < P; ++p) {
    const double theta = 2 * std::numbers::pi * p / P;
    Eigen::VectorXcd y = Eigen::VectorXcd::Zero(4 + q);
    y[0] = std::sqrt(model.occupations[0]);
    y[1] = std::sqrt(model.occupations[1]) * std::polar(1.0, -theta);
    y.tail(q) = -slowModes(S.col(0) * y[0] + S.col(1) * y[1]).tail(q);   // b(0) = g^{−1} f(0)
    double t = 0;
    for (double tm : times) {
      y = integrateRk4(rhs, y, tm - t, static_cast<int>(std::ceil((tm - t) / step)));
      t = tm;
      out.Phi[p].push_back(y.head(2));
      out.alpha[p].push_back(y.segment(2, 2));
      out.slow[p].push_back(slowModes(S.col(0) * y[0] + S.col(1) * y[1]));
      Eigen::VectorXcd b = Eigen::VectorXcd::Zero(n);
      b.tail(q) = y.tail(q);
      out.fast[p].push_back(b);
    }
  }
  return out;
}

double firstOrderDoubletDistance(const DoubletSpectrum& sp, const DoubletLimit& limit, double nu, double t, size_t m) {
  const int n = sp.size(), P = limit.predictionPhases;
  if (P == 0) return 0;
  Eigen::MatrixXcd D = Eigen::MatrixXcd::Zero(n, n);
  Eigen::VectorXcd phase(n);
  for (int k = 0; k < n; ++k) phase[k] = std::polar(1.0, -nu * sp.g()[k] * t);
  for (int p = 0; p < P; ++p) {
    Eigen::VectorXcd Phi = Eigen::VectorXcd::Zero(n), A(n);
    Phi.head(2) = limit.Phi[p][m];
    A = limit.slow[p][m] + phase.cwiseProduct(limit.fast[p][m]);
    A.head(2) = limit.alpha[p][m];
    A /= nu;
    D += Phi * A.adjoint() + A * Phi.adjoint();
  }
  return traceNorm(D / double(P));
}

DoubletEvolution evolveFragmentedDoublet(const DoubletSpectrum& sp, const DoubletModel& model,
                                         const DoubletLimit& limit, const std::vector<double>& times,
                                         const DoubletOptions& options) {
  const int n = sp.size();
  const size_t T = times.size();
  const Eigen::MatrixXd& S = sp.orbitals();
  const double h = sp.grid().spacing();
  const std::vector<double> x = sp.grid().axis(0);
  DoubletEvolution out;
  out.nu = model.nu;
  out.kappaPoints = limit.kappaPoints;
  out.snapshots.resize(T);
  std::vector<Eigen::MatrixXcd> sum(T, Eigen::MatrixXcd::Zero(n, n)), previous(T);
  std::vector<double> norm(T, 0), energy(T, 0), x2(T, 0), drift(T, 0), overlap(T, 0);
  const Eigen::VectorXd nuG = model.nu * sp.g();
  auto flowA = [&](Eigen::VectorXcd& phi, double tau) {
    Eigen::VectorXcd c = sp.toModes(phi);
    for (int k = 0; k < n; ++k) c[k] *= std::polar(1.0, -tau * nuG[k]);
    phi = sp.toGrid(c);
  };
  auto flowB = [&](Eigen::VectorXcd& phi, double tau) {
    Eigen::VectorXd U = sp.convolution() * phi.cwiseAbs2();
    for (int i = 0; i < n; ++i) phi[i] *= std::polar(1.0, -tau * U[i]);
  };
  auto step = [&](Eigen::VectorXcd& phi, double tau, int count) {
    options.scheme.step(tau, count, [&](double s) { flowA(phi, s); }, [&](double s) { flowB(phi, s); });
  };
  auto dist = [&](const Eigen::VectorXcd& a, const Eigen::VectorXcd& b) { return std::sqrt(h) * (a - b).norm(); };
  StepControl control{options.tolerance, options.scheme.order};
  auto runPhase = [&](double theta) {
    Eigen::VectorXcd phi = std::sqrt(model.occupations[0]) * S.col(0).cast<cplx>() +
                           std::sqrt(model.occupations[1]) * std::polar(1.0, -theta) * S.col(1).cast<cplx>();
    const Eigen::VectorXcd c0 = sp.toModes(phi);
    double t = 0, tau = options.step;
    for (size_t m = 0; m < T; ++m) {
      advance(phi, t, times[m], tau, control, step, dist, out.steps);
      Eigen::VectorXcd c = sp.toModes(phi);
      sum[m] += c * c.adjoint();
      const double nrm = c.squaredNorm();
      overlap[m] += std::norm(c0.dot(c));
      norm[m] += nrm;
      drift[m] = std::max(drift[m], std::abs(std::sqrt(nrm) - 1));
      Eigen::VectorXd U = sp.convolution() * phi.cwiseAbs2();
      energy[m] += (c.cwiseAbs2().dot(nuG)) + 0.5 * h * U.dot(phi.cwiseAbs2());
      double xx = 0;
      for (int i = 0; i < n; ++i) xx += x[i] * x[i] * std::norm(phi[i]);
      x2[m] += h * xx;
    }
  };
  auto distanceOf = [&](const Eigen::MatrixXcd& gamma, size_t m) {
    Eigen::MatrixXcd D = gamma;
    D.topLeftCorner(2, 2) -= limit.K[m];
    return traceNorm(D);
  };
  int P = 8;
  for (int p = 0; p < P; ++p) runPhase(2 * std::numbers::pi * p / P);
  for (size_t m = 0; m < T; ++m) previous[m] = sum[m] / double(P);
  while (true) {
    for (int p = 1; p < 2 * P; p += 2) runPhase(std::numbers::pi * p / P);
    P *= 2;
    bool ok = true;
    for (size_t m = 0; m < T; ++m) {
      Eigen::MatrixXcd gamma = sum[m] / double(P);
      DoubletSnapshot& s = out.snapshots[m];
      s.phaseError = traceNorm(gamma - previous[m]);
      s.distance = distanceOf(gamma, m);
      ok = ok && s.phaseError <= options.phaseTolerance * s.distance;
      previous[m] = std::move(gamma);
    }
    if (ok || 2 * P > options.maxPhases) break;
  }
  out.phases = P;
  for (size_t m = 0; m < T; ++m) {
    DoubletSnapshot& s = out.snapshots[m];
    const Eigen::MatrixXcd& gamma = previous[m];
    s.t = times[m];
    s.excitedWeight = gamma.trace().real() - gamma.topLeftCorner(2, 2).trace().real();
    s.norm = norm[m] / P;
    s.energy = energy[m] / P;
    s.x2 = x2[m] / P;
    s.overlap = overlap[m] / P;
    s.normDrift = drift[m];
    s.K = limit.K[m];
    s.rankInfiniteGap = numericalRank(limit.K[m]);
    s.predicted = firstOrderDoubletDistance(sp, limit, model.nu, times[m], m);
  }
  return out;
}

DoubletSweep sweepDoubletNu(const DoubletSpectrum& sp, const DoubletModel& model, const DoubletLimit& limit,
                            const std::vector<double>& nu, const std::vector<double>& times,
                            const DoubletOptions& options) {
  DoubletSweep w;
  w.nu = nu;
  w.times = times;
  for (double v : nu) {
    DoubletModel m = model;
    m.nu = v;
    const auto start = std::chrono::steady_clock::now();
    DoubletEvolution e = evolveFragmentedDoublet(sp, m, limit, times, options);
    w.seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    std::vector<double> d, p, q;
    double sup = 0;
    for (const DoubletSnapshot& s : e.snapshots) {
      d.push_back(s.distance);
      p.push_back(s.predicted);
      q.push_back(s.phaseError);
      sup = std::max(sup, s.distance);
    }
    w.distance.push_back(d);
    w.predicted.push_back(p);
    w.phaseError.push_back(q);
    w.supDistance.push_back(sup);
    w.steps.push_back(e.steps.accepted + e.steps.rejected);
    w.phases.push_back(e.phases);
  }
  for (size_t m = 0; m < times.size(); ++m) {
    std::vector<double> d, p;
    for (size_t k = 0; k < nu.size(); ++k) { d.push_back(w.distance[k][m]); p.push_back(w.predicted[k][m]); }
    w.fittedExponent.push_back(fitPowerLaw(nu, d).exponent);
    w.fittedExponentPredicted.push_back(fitPowerLaw(nu, p).exponent);
  }
  w.fittedExponentSup = fitPowerLaw(nu, w.supDistance).exponent;
  return w;
}

}  // namespace cbec
