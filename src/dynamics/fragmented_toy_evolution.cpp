#include <cbec/dynamics/fragmented_toy_evolution.hpp>
#include <cbec/dynamics/infinite_gap.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {

namespace {

void checkTimes(const std::vector<double>& times) {
  if (times.empty()) throw InputError("evolution.times: at least one time is needed");
  double last = 0;
  for (size_t m = 0; m < times.size(); ++m) {
    if (!std::isfinite(times[m]) || times[m] <= last)
      throw InputError(fmt::format("evolution.times[{}]: must be finite, positive and increasing, got {}", m, times[m]));
    last = times[m];
  }
}

int rankOfWeights(const std::vector<double>& w) {
  int r = 0;
  for (double x : w) r += x > 0;
  return r;
}

}  // namespace

ToyEvolution evolveFragmentedToy(const FragmentedToyModel& model, const std::vector<double>& times,
                                 const ToyEvolutionOptions& opt) {
  model.validate();
  checkTimes(times);
  if (!(opt.step > 0)) throw InputError("evolution.step: must be positive");
  RadialHartreeFlow flow(model.nu, model.potential, opt.basisSize);
  const int l = model.levels();
  ToyEvolution out;
  out.occupations1 = model.spinWeights(1);
  out.occupations2 = model.spinWeights(2);
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
    out.snapshots.push_back(s);
  }
  return out;
}

}  // namespace cbec
