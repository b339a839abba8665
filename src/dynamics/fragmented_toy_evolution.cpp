#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/dynamics/infinite_gap.hpp>
#include <cbec/fragmentation/multinomial_weights.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/numerics/power_law_fit.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

namespace {

void checkTimes(const std::vector<double>& times) {
  if (times.empty()) throw InputError("output times: at least one is needed");
  double last = 0;
  for (size_t m = 0; m < times.size(); ++m) {
    if (!std::isfinite(times[m]) || times[m] <= last)
      throw InputError(fmt::format("output time {}: must be finite, positive and increasing, got {}", m, times[m]));
    last = times[m];
  }
}

int rankOfWeights(const std::vector<double>& w) {
  int r = 0;
  for (double x : w) r += x > 0;
  return r;
}

}  // namespace

double firstOrderDistance(const RadialHartreeFlow& flow, double t) {
  const RadialHartreeFlow::State v0 = flow.ground();
  const Eigen::VectorXd U = flow.potential(v0);
  const double c = U.dot(v0.cwiseAbs2());
  const Eigen::VectorXcd u = flow.basis().toCoefficients(U.cast<std::complex<double>>().cwiseProduct(v0));
  double sum = 0;
  for (int n = 1; n < u.size(); ++n) {
    Eigen::VectorXcd e = Eigen::VectorXcd::Zero(u.size());
    e[n] = 1;
    const RadialHartreeFlow::State phi = flow.basis().toNodes(e);
    // the mean-field shift of level n: direct ⟨φ_n, Uφ_n⟩ and exchange ⟨φ_n, (V∗φ_0φ_n)φ_0⟩, the field
    // V∗(φ_0φ_n) by polarisation, (V∗|φ_0+φ_n|² − V∗|φ_0−φ_n|²)/4 (φ_0, φ_n real)
    const Eigen::VectorXd X = (flow.potential(v0 + phi) - flow.potential(v0 - phi)) / 4;
    const double direct = U.dot(phi.cwiseAbs2());
    const double exchange = (phi.conjugate().cwiseProduct(X.cast<std::complex<double>>()).cwiseProduct(v0)).sum().real();
    const double omega = 2 * flow.nu() * n - c + direct + exchange;
    sum += std::norm(u[n]) * std::norm(1.0 - std::polar(1.0, -omega * t)) / (omega * omega);
  }
  return 2 * std::sqrt(sum);
}

namespace {

ToyEvolution evolveWithBasis(const FragmentedToyModel& model, const std::vector<double>& times,
                             const ToyEvolutionOptions& opt, int basisSize) {
  RadialHartreeFlow flow(model.nu, model.potential, basisSize);
  const int l = model.levels();
  ToyEvolution out;
  out.occupations1 = multinomialWeights(model.occupations, 1);
  out.occupations2 = multinomialWeights(model.occupations, 2);
  out.rank2 = rankOfWeights(out.occupations2);
  RadialHartreeFlow::State v = flow.ground();
  out.c = flow.potential(v).dot(v.cwiseAbs2());
  auto K = KappaFlow::sharedOrbital(l, out.c).phaseAveraged(model.occupations, times).K;
  Eigen::MatrixXcd D = Eigen::VectorXd::Map(model.occupations.data(), l).cast<std::complex<double>>().asDiagonal();

  StepControl control{opt.tolerance, opt.scheme.order};
  double t = 0, tau = opt.step;
  auto step = [&](RadialHartreeFlow::State& u, double h) { flow.step(u, h, opt.scheme); };
  for (size_t m = 0; m < times.size(); ++m) {
    advance(v, t, times[m], tau, control, step, RadialHartreeFlow::distance, out.steps);
    ToySnapshot s;
    s.t = times[m];
    s.norm = flow.norm(v);
    s.energy = flow.energy(v);
    s.x2 = flow.x2(v);
    std::complex<double> alpha = flow.groundOverlap(v) / s.norm;
    s.overlap = std::norm(alpha);
    s.orthogonalNorm = flow.orthogonalNorm(v) / s.norm;
    s.K = K[m];
    s.distance = infiniteGapDistance(alpha, s.orthogonalNorm, D, K[m]);
    s.rank = numericalRank(Eigen::MatrixXcd(D));   // rank(|φ_t⟩⟨φ_t| ⊗ D) = rank D
    s.rankInfiniteGap = numericalRank(K[m]);
    Eigen::VectorXcd c = flow.basis().toCoefficients(v);
    s.basisTail = c.tail(std::min<int>(4, c.size())).squaredNorm();
    s.predictedDistance = firstOrderDistance(flow, times[m]);
    out.snapshots.push_back(s);
  }
  out.basisSize = basisSize;
  return out;
}

}  // namespace

ToyEvolution evolveFragmentedToy(const FragmentedToyModel& model, const std::vector<double>& times,
                                 const ToyEvolutionOptions& opt) {
  model.validate();
  checkTimes(times);
  if (!(opt.step > 0)) throw InputError("time step: must be positive");
  if (opt.basisSize > 0) return evolveWithBasis(model, times, opt, opt.basisSize);
  for (int M = 40;; M *= 2) {
    ToyEvolution r = evolveWithBasis(model, times, opt, M);
    double tail = 0;
    for (const auto& s : r.snapshots) tail = std::max(tail, s.basisTail);
    if (tail <= 1e-24) return r;
    if (M >= 640) throw NumericalError(fmt::format("toy model: radial basis not converged at M = {} (tail {:.1e})", M, tail));
  }
}

namespace {

ToySweep sweep(const FragmentedToyModel& model, const std::vector<double>& values, const std::vector<double>& times,
               const ToyEvolutionOptions& opt, bool strength) {
  if (values.size() < 2) throw InputError(strength ? "sweep over the strength: at least two values are needed"
                                                   : "sweep over ν: at least two values are needed");
  checkTimes(times);
  ToySweep out;
  out.nu = values;
  out.times = times;
  std::vector<double> fine;
  for (int k = 1; k <= 400; ++k) fine.push_back(times.back() * k / 400.0);
  for (double v : values) {
    FragmentedToyModel m = model;
    if (!strength) m.nu = v;
    else if (model.potential.kind() == PairInteraction::Kind::Gaussian)
      m.potential = PairInteraction::gaussian(v, model.potential.width());
    else
      m.potential = PairInteraction::coulomb(v, model.potential.cutoff());
    ToyEvolution r = evolveFragmentedToy(m, times, opt);
    std::vector<double> d, p;
    for (const auto& s : r.snapshots) { d.push_back(s.distance); p.push_back(s.predictedDistance); }
    out.distance.push_back(d);
    out.predicted.push_back(p);
    ToyEvolution dense = evolveFragmentedToy(m, fine, opt);
    double sup = 0;
    for (const auto& s : dense.snapshots) sup = std::max(sup, s.distance);
    out.supDistance.push_back(sup);
  }
  for (size_t m = 0; m < times.size(); ++m) {
    std::vector<double> y;
    for (size_t k = 0; k < values.size(); ++k) y.push_back(out.distance[k][m]);
    out.fittedExponent.push_back(fitPowerLaw(values, y).exponent);
  }
  out.fittedExponentSup = fitPowerLaw(values, out.supDistance).exponent;
  return out;
}

}  // namespace

ToySweep sweepNu(const FragmentedToyModel& model, const std::vector<double>& nu, const std::vector<double>& times,
                 const ToyEvolutionOptions& opt) {
  return sweep(model, nu, times, opt, false);
}

ToySweep sweepStrength(const FragmentedToyModel& model, const std::vector<double>& strength,
                       const std::vector<double>& times, const ToyEvolutionOptions& opt) {
  for (double a : strength)
    if (!(a > 0)) throw InputError("sweep over the strength: the strengths must be positive (log-log fit)");
  return sweep(model, strength, times, opt, true);
}

}  // namespace cbec
