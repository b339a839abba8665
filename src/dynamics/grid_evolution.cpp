#include <cbec/dynamics/grid_evolution.hpp>
#include <cbec/io/errors.hpp>

#include <cmath>

namespace cbec {

double gridEvolutionMemoryBytes(int dimension, int points, int species) {
  return 8.0 * std::pow(static_cast<double>(points), dimension) * (12.0 + 14.0 * species);
}

GridEvolution::GridEvolution(MeanFieldFlow& flow, GridRunState state, GridEvolutionOptions options,
                             std::optional<ComplexState> reference)
    : flow_(flow), s_(std::move(state)), opt_(options), reference_(std::move(reference)) {
  if (!(opt_.step > 0)) throw InputError("time step: must be positive");
  if (s_.tau <= 0) s_.tau = opt_.step;
  if (opt_.tolerance > 0 && opt_.estimate == ErrorEstimate::Embedded) pair_ = SplittingPair::of(opt_.scheme);
}

void GridEvolution::advanceTo(double tEnd) {
  if (tEnd < s_.t) throw InputError("output times: must be increasing");
  if (tEnd == s_.t) return;
  if (pair_) {
    StepControl control{opt_.tolerance, pair_->estimateOrder};
    auto trial = [&](ComplexState& u, double h) { return flow_.pairStep(u, h, *pair_, work_); };
    advanceEmbedded(s_.u, s_.t, tEnd, s_.tau, control, trial, s_.counts, scratch_);
    return;
  }
  StepControl control{opt_.tolerance, opt_.scheme.order};
  control.ratio = opt_.ratio;
  control.every = opt_.every;
  auto step = [&](ComplexState& u, double h, int k) { flow_.step(u, h, opt_.scheme, k); };
  auto dist = [&](const ComplexState& a, const ComplexState& b) { return flow_.distance(a, b); };
  advance(s_.u, s_.t, tEnd, s_.tau, control, step, dist, s_.counts);
}

GridObservables GridEvolution::observe() {
  GridObservables o;
  o.t = s_.t;
  o.norm = flow_.norms(s_.u);
  o.energy = flow_.energy(s_.u);
  const Hamiltonian& H = flow_.hamiltonian();
  auto x2 = flow_.secondMoments(s_.u);
  auto ov = flow_.overlaps(s_.initial, s_.u);
  for (size_t s = 0; s < s_.u.size(); ++s) {
    o.x2 += H.fraction(static_cast<int>(s)) * x2[s];
    o.overlap += H.fraction(static_cast<int>(s)) * std::norm(ov[s]);
  }
  if (reference_) {
    auto r = flow_.overlaps(*reference_, s_.u);
    o.referenceOverlap = 0;
    for (size_t s = 0; s < r.size(); ++s) o.referenceOverlap += H.fraction(static_cast<int>(s)) * std::norm(r[s]);
  }
  return o;
}

}  // namespace cbec
