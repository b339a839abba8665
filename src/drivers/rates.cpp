// Driver of `cbec rates` (drivers/rates.hpp).
#include <cbec/drivers/rates.hpp>

#include "rates_quench.hpp"

#include <cbec/fragmentation/fragmented_state.hpp>
#include <cbec/fragmentation/reduced_density_matrix.hpp>
#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/memory_limit.hpp>
#include <cbec/manybody/coulomb_cutoff_shift.hpp>
#include <cbec/manybody/exact_marginals.hpp>
#include <cbec/manybody/grid_mode_model.hpp>
#include <cbec/manybody/mean_field_marginal.hpp>
#include <cbec/fragmentation/condensate_state.hpp>
#include <cbec/manybody/mode_hartree_flow.hpp>
#include <cbec/manybody/spinor_toy_marginals.hpp>
#include <cbec/numerics/power_law_fit.hpp>

#include "rates_ranks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iterator>
#include <limits>
#include <optional>

namespace cbec::drivers {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Distances below this are round-off (e.g. k = 1 at t = 0, where c_1 = 0) and are not fitted.
constexpr double kRoundOff = 1e-12;
/// Smallest target of the adaptive phase average (below it the refinement chases the flows' round-off).
constexpr double kPhaseFloor = 1e-11;
/// DOPRI5 tolerance per unit time of the phase average's Hartree flows; their error is measured
/// (16 phases rerun at 1/100 of it) and added to the phase-average error.
constexpr double kHartreeTolerance = 1e-10;

/// Eigenvalues of γ^(1) below this are round-off: not counted in the rank.
constexpr double kRankThreshold = 1e-12;
/// DOPRI5 tolerance per unit time of the fluctuation flows (their error enters the fluctuation check as
/// tolerance · t per flow, an estimate: the local error control is not a bound).
constexpr double kFluctuationTolerance = 1e-10;

/// The spectrum of γ^(1) ⊗ diag(spin) (no spin factor when `spin` is empty), descending; the weight beyond
/// the `fragments` largest eigenvalues (summed from the small ones: no cancellation) and the rank.
void recordSpectrum(const Eigen::MatrixXcd& g1, const std::vector<double>& spin, int fragments,
                    std::vector<double>& values, double& extra, int& rank) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXcd> es(g1, Eigen::EigenvaluesOnly);
  values.clear();
  for (Eigen::Index a = 0; a < es.eigenvalues().size(); ++a) {
    if (spin.empty()) values.push_back(es.eigenvalues()[a]);
    else
      for (double f : spin) values.push_back(es.eigenvalues()[a] * f);
  }
  std::sort(values.begin(), values.end(), std::greater<>());
  extra = 0;
  for (std::size_t a = values.size(); a-- > static_cast<std::size_t>(fragments);) extra += values[a];
  rank = 0;
  for (double v : values) rank += v > kRankThreshold;
}

/// Norm and energy drift, Krylov cost of one exact run.
void recordRun(const ExactMarginals& ex, RatesSweep& s) {
  double dn = 0, de = 0;
  for (std::size_t q = 0; q < ex.times.size(); ++q) {
    dn = std::max(dn, std::abs(ex.norm[q] - 1));
    de = std::max(de, std::abs(ex.energy[q] - ex.energy[0]) / std::max(1.0, std::abs(ex.energy[0])));
  }
  s.dimension.push_back(ex.dimension);
  s.krylov_error_bound.push_back(ex.krylov.errorBound);
  s.products.push_back(ex.krylov.products);
  s.norm_drift.push_back(dn);
  s.energy_drift.push_back(de);
}

/// The toy model at one (ν, N): spatial φ0^{⊗N} evolved exactly, spin state fixed (F 4.9).
void toyPoint(const RatesConfig& c, const FewModeModel& H, const std::vector<BogoliubovState>& mf, int N,
              RatesSweep& s) {
  const int M = H.modes();
  const FockBasis basis(M, N);
  const FragmentedState spin = FragmentedState::fromFractions(N, c.occupations, "model.occupations");
  std::vector<Eigen::MatrixXcd> gamma1(c.times.size());
  const auto ex = exactMarginals(H, N, condensateState(basis, Eigen::VectorXcd::Unit(M, 0)), c.k, c.times,
                                 {.tolerance = c.tolerance, .store_bytes = 0.25 * availableMemoryBytes()},
                                 [&](std::size_t q, const Eigen::VectorXcd& psi) {
                                   gamma1[q] = c.k == 1 ? Eigen::MatrixXcd() : reducedDensityMatrix(basis, psi, 1);
                                 });
  std::vector<double> d, sp, sn, ig, bg, dep, od, odg, extra(c.times.size()), outside;
  std::vector<std::vector<double>> spectrum(c.times.size());
  std::vector<int> rank(c.times.size());
  std::vector<double> fractions;
  for (std::size_t j = 0; j < c.occupations.size(); ++j) fractions.push_back(spin.fraction(static_cast<int>(j)));
  for (std::size_t q = 0; q < c.times.size(); ++q) {
    const Eigen::MatrixXcd& g1 = c.k == 1 ? ex.gamma[q] : gamma1[q];
    // γ^(1) = γ_spat^(1) ⊗ diag(N_j/N) (F 4.10): its spectrum, the weight beyond the ℓ fragments, and the
    // weight outside the initial fragment orbitals φ0 ⊗ e_j: 1 − ⟨φ0, γ_spat φ0⟩
    recordSpectrum(g1, fractions, static_cast<int>(fractions.size()), spectrum[q], extra[q], rank[q]);
    outside.push_back(g1.diagonal().real().tail(M - 1).sum());
    const Eigen::VectorXcd& phi = mf[q].orbital;
    const SpinorDistances dk = spinorToyDistances(ex.gamma[q], phi, spin, c.k);
    d.push_back(dk.total);
    sp.push_back(dk.spatial);
    sn.push_back(dk.spin);
    ig.push_back(spinorToyDistances(g1, Eigen::VectorXcd::Unit(M, 0), spin, 1).total);
    const Eigen::MatrixXcd Q = Eigen::MatrixXcd::Identity(M, M) - phi * phi.adjoint();
    bg.push_back(traceNorm(Eigen::MatrixXcd(double(N) * Q * g1 * Q - mf[q].excitationDensity)));
    dep.push_back(N * (1 - phi.dot(g1 * phi).real()));
    const Eigen::VectorXcd off = double(N) * (Q * g1 * phi);
    od.push_back(off.norm());
    odg.push_back((off + Q * mf[q].couplingDerivative).norm());
  }
  s.distance.push_back(d);
  s.spatial.push_back(sp);
  s.spin.push_back(sn);
  s.infinite_gap.push_back(ig);
  s.bogoliubov_gap.push_back(bg);
  s.depletion.push_back(dep);
  s.off_diagonal.push_back(od);
  s.off_diagonal_gap.push_back(odg);
  s.occupation_spectrum.push_back(spectrum);
  s.extra_weight.push_back(extra);
  s.rank.push_back(rank);
  s.outside_weight.push_back(outside);
  recordRun(ex, s);
}

/// The double well: the exact runs at every N, then γ_∞ for each distinct n = N_j/N (even N share one),
/// by the adaptive phase average refined until its estimated error is below phase_tolerance × the
/// smallest distance at each time (or by the fixed trapezoid rule of `phases`, error P against P/2).
void doubleWellSweep(const RatesConfig& c, const FewModeModel& H, const RunOptions& run, RatesSweep& s) {
  const int M = H.modes();   // the fragments sit in modes 0 and 1 (the double well: M = 2)
  const std::vector<Eigen::VectorXcd> orbitals = {Eigen::VectorXcd::Unit(M, 0), Eigen::VectorXcd::Unit(M, 1)};
  const std::size_t T = c.times.size(), Nn = c.N.size();
  std::vector<std::vector<Eigen::MatrixXcd>> exact(Nn);
  std::vector<std::pair<double, double>> fractions(Nn);
  for (std::size_t n = 0; n < Nn; ++n) {
    const FragmentedState frag = FragmentedState::fromFractions(c.N[n], c.occupations, "model.occupations");
    fractions[n] = {frag.fraction(0), frag.fraction(1)};
  }
  // the exact runs: on P ranks each takes a contiguous block of the N points; their results and γ^(k)
  // gathered in N order on every rank (rates_ranks.hpp), then γ_∞ as on one process
  const mpi::Communicator& ranks = mpi::Communicator::world();
  const auto [first, last] = ranks.block(Nn);
  for (std::size_t n = first; n < last; ++n) {
    const FragmentedState frag = FragmentedState::fromFractions(c.N[n], c.occupations, "model.occupations");
    const FockBasis basis(M, c.N[n]);
    std::vector<Eigen::MatrixXcd> gamma1(T);
    auto ex = exactMarginals(H, c.N[n], fragmentedFockState(basis, frag.occupations()), c.k, c.times,
                             {.tolerance = c.tolerance, .store_bytes = 0.25 * availableMemoryBytes()},
                             [&](std::size_t q, const Eigen::VectorXcd& psi) {
                               if (c.k != 1) gamma1[q] = reducedDensityMatrix(basis, psi, 1);
                             });
    // the occupation spectrum of γ^(1): weight beyond the two fragments, outside their orbitals φ_0, φ_1
    std::vector<std::vector<double>> spectrum(T);
    std::vector<double> extra(T), outside(T);
    std::vector<int> rank(T);
    for (std::size_t q = 0; q < T; ++q) {
      const Eigen::MatrixXcd& g1 = c.k == 1 ? ex.gamma[q] : gamma1[q];
      recordSpectrum(g1, {}, 2, spectrum[q], extra[q], rank[q]);
      outside[q] = g1.diagonal().real().tail(M - 2).sum();
    }
    s.occupation_spectrum.push_back(spectrum);
    s.extra_weight.push_back(extra);
    s.rank.push_back(rank);
    s.outside_weight.push_back(outside);
    exact[n] = std::move(ex.gamma);
    recordRun(ex, s);
    run.info(fmt::format("rates: N = {} exact run: {} H products, Krylov bound {:.2e}", c.N[n], s.products.back(),
                         s.krylov_error_bound.back()));
  }
  if (ranks.distributed()) {
    gatherSweepPoints(ranks, s);
    exact = gatherPointMatrices(ranks, std::vector<std::vector<Eigen::MatrixXcd>>(
                                           std::make_move_iterator(exact.begin() + static_cast<std::ptrdiff_t>(first)),
                                           std::make_move_iterator(exact.begin() + static_cast<std::ptrdiff_t>(last))));
  }
  s.distance.assign(Nn, std::vector<double>(T, 0.0));
  s.phase_errors.assign(Nn, std::vector<double>(T, 0.0));
  s.phases.assign(Nn, 0);
  std::vector<bool> done(Nn, false);
  for (std::size_t n0 = 0; n0 < Nn; ++n0) {
    if (done[n0]) continue;
    std::vector<std::size_t> group;   // the N with the same n = N_j/N share γ_∞
    for (std::size_t n = n0; n < Nn; ++n)
      if (fractions[n] == fractions[n0]) group.push_back(n), done[n] = true;
    const std::vector<double> nj = {fractions[n0].first, fractions[n0].second};
    std::vector<Eigen::MatrixXcd> gamma;
    std::vector<double> error;
    long long phases = 0;
    if (c.phases > 0) {
      const auto mf = phaseAveragedMarginals(H, orbitals, nj, c.k, c.times, c.phases);
      gamma = mf.gamma, error = mf.quadratureError, phases = c.phases;
    } else {
      // target per time: phase_tolerance × the smallest resolved distance of the group (floor kPhaseFloor)
      const PhaseTarget target = [&](const std::vector<Eigen::MatrixXcd>& g) {
        std::vector<double> out(T);
        for (std::size_t q = 0; q < T; ++q) {
          double smallest = std::numeric_limits<double>::infinity();
          for (std::size_t n : group) {
            const double d = traceDistance(exact[n][q], g[q]);
            if (d > kRoundOff) smallest = std::min(smallest, d);
          }
          out[q] = std::isfinite(smallest) ? std::max(c.phase_tolerance * smallest, kPhaseFloor) : kPhaseFloor;
        }
        return out;
      };
      const auto mf = adaptivePhaseAveragedMarginals(H, orbitals, nj, c.k, c.times, target,
                                                     {.maxPhases = c.max_phases, .tol = kHartreeTolerance});
      gamma = mf.gamma, error = mf.quadratureError, phases = mf.phases;
      s.phase_capped = s.phase_capped || mf.capped;
      for (std::size_t q = 0; q < T; ++q) error[q] += mf.flowError[q];   // the flows' own error counts too
      run.info(fmt::format("rates: n = ({:.6g}, {:.6g}): {} phases in {} panels (narrowest {:.2e} rad){}", nj[0],
                           nj[1], mf.phases, mf.panels, mf.smallestPanel,
                           mf.capped ? ", stopped by rates.max_phases" : ""));
    }
    for (std::size_t n : group) {
      for (std::size_t q = 0; q < T; ++q) s.distance[n][q] = traceDistance(exact[n][q], gamma[q]);
      s.phase_errors[n] = error;
      s.phases[n] = phases;
    }
  }
  for (std::size_t n = 0; n < Nn; ++n) {
    for (double e : s.phase_errors[n]) s.phase_quadrature_error = std::max(s.phase_quadrature_error, e);
    run.info(fmt::format("rates: N = {} distance(t_end) = {:.6e}", c.N[n], s.distance[n].back()));
  }
}

/// The phase-average error against phase_tolerance × each distance it enters (one warning per sweep,
/// naming the times that fail).
void checkPhaseErrors(const RatesConfig& c, RatesResult& r) {
  for (const RatesSweep& s : r.sweeps) {
    if (s.phase_errors.empty()) continue;
    std::vector<std::string> bad;
    long long phases = 0;
    for (std::size_t q = 0; q < c.times.size(); ++q) {
      double worst = 0, dist = 0, err = 0;   // the largest ratio error / distance at this time
      int atN = 0;
      for (std::size_t n = 0; n < c.N.size(); ++n) {
        const double e = s.phase_errors[n][q], d = s.distance[n][q];
        const bool fails = d > kRoundOff ? e > c.phase_tolerance * d : e > kPhaseFloor;
        const double ratio = e / std::max(d, kRoundOff);
        if (fails && ratio > worst) worst = ratio, dist = d, err = e, atN = c.N[n], phases = std::max(phases, s.phases[n]);
      }
      if (worst > 0)
        bad.push_back(fmt::format("t = {:g}: error {:.2e} against distance {:.2e} (N = {})", c.times[q], err, dist, atN));
    }
    if (bad.empty()) continue;
    r.converged = false;
    r.warnings.push_back(fmt::format(
        "phases: the phase-average error is not below {:g} of the distance at {} time{} ({}); {} phases used{}",
        c.phase_tolerance, bad.size(), bad.size() > 1 ? "s" : "", fmt::join(bad, "; "), phases,
        c.phases > 0 ? " (fixed by rates.phases: remove it for the adaptive average)"
                     : s.phase_capped
                         ? fmt::format(" (stopped by the cap rates.max_phases = {}; the Hartree flow separates "
                                       "nearby phases faster as t grows, so later times need more)", c.max_phases)
                         : std::string(" (the quadrature met its targets: the Hartree flows' own error, measured "
                                       "at 1/100 of their tolerance, is what remains)")));
  }
}

/// Per time: exponent in N, A_k(t) from N·d = A + B/N; then the growth rate of A_k(t).
void fitSweep(const std::vector<int>& Ns, const std::vector<double>& times, RatesSweep& s) {
  std::vector<double> x(Ns.begin(), Ns.end()), ta, la;
  for (std::size_t q = 0; q < times.size(); ++q) {
    std::vector<double> y;
    for (std::size_t n = 0; n < Ns.size(); ++n) y.push_back(s.distance[n][q] > kRoundOff ? s.distance[n][q] : 0.0);
    s.fitted_exponent_N.push_back(fitLogSlope(x, y));
    double S0 = 0, S1 = 0, S2 = 0, T0 = 0, T1 = 0;  // least squares N·d = A + B u, u = 1/N
    for (std::size_t n = 0; n < Ns.size(); ++n) {
      const double u = 1.0 / Ns[n], v = Ns[n] * y[n];
      S0 += 1, S1 += u, S2 += u * u, T0 += v, T1 += u * v;
    }
    const double det = S0 * S2 - S1 * S1;
    const double A = Ns.size() >= 2 && det > 0 ? (S2 * T0 - S1 * T1) / det : T0 / S0;
    s.A.push_back(A);
    if (times[q] > 0 && A > 0) ta.push_back(times[q]), la.push_back(std::log(A));
  }
  double st = 0, sl = 0, stt = 0, stl = 0;
  for (std::size_t i = 0; i < ta.size(); ++i) st += ta[i], sl += la[i], stt += ta[i] * ta[i], stl += ta[i] * la[i];
  const double n = ta.size();
  s.growth_rate = n >= 2 ? (n * stl - st * sl) / (n * stt - st * st) : kNaN;
}

/// Per time: the exponent of the extra-mode weight in N (weights ≤ kRoundOff are not fitted).
void fitOccupations(const std::vector<int>& Ns, const std::vector<double>& times, RatesSweep& s) {
  const std::vector<double> x(Ns.begin(), Ns.end());
  s.extra_weight_exponent_N.clear();
  for (std::size_t q = 0; q < times.size(); ++q) {
    std::vector<double> y;
    for (std::size_t n = 0; n < Ns.size(); ++n) y.push_back(s.extra_weight[n][q] > kRoundOff ? s.extra_weight[n][q] : 0.0);
    s.extra_weight_exponent_N.push_back(fitLogSlope(x, y));
  }
}

/// The fragmented state as a superposition of condensates (φ^θ)^{⊗N}: the fluctuation comparison around
/// φ^θ_t at P equally spaced θ, merged by the largest value at each (N, t).
FluctuationComparison fragmentedFluctuations(const RatesConfig& c, const FewModeModel& H, const RunOptions& run) {
  const int M = H.modes(), P = c.fluctuation_phases;
  std::optional<FluctuationComparison> worst;
  for (int p = 0; p < P; ++p) {
    const double theta = 2 * M_PI * p / P;
    Eigen::VectorXcd c0 = Eigen::VectorXcd::Zero(M);
    c0[0] = std::sqrt(c.occupations[0]);
    c0[1] = std::sqrt(c.occupations[1]) * std::polar(1.0, -theta);
    FluctuationComparison f = compareFluctuationDynamics(H, c0, c.fluctuation_N, c.times, c.fluctuation_cutoff,
                                                         kFluctuationTolerance);
    run.info(fmt::format("rates: fluctuations around phi^theta, theta = {:.4f}: {} DOPRI5 steps", theta, f.steps));
    if (!worst) {
      worst = std::move(f);
      continue;
    }
    worst->steps += f.steps;
    for (std::size_t n = 0; n < f.N.size(); ++n)
      for (std::size_t q = 0; q < f.times.size(); ++q) {
        worst->difference[n][q] = std::max(worst->difference[n][q], f.difference[n][q]);
        worst->numberDifference[n][q] = std::max(worst->numberDifference[n][q], f.numberDifference[n][q]);
        worst->truncationBound[n][q] = std::max(worst->truncationBound[n][q], f.truncationBound[n][q]);
        worst->excitations[n][q] = std::max(worst->excitations[n][q], f.excitations[n][q]);
      }
    for (std::size_t q = 0; q < f.times.size(); ++q)
      worst->quadraticExcitations[q] = std::max(worst->quadraticExcitations[q], f.quadraticExcitations[q]);
  }
  for (std::size_t q = 0; q < c.times.size(); ++q) {   // the exponent of the largest difference
    std::vector<double> y;
    for (const auto& row : worst->difference) y.push_back(row[q] > 1e-14 ? row[q] : 0.0);
    worst->fittedExponent[q] = fitLogSlope(c.fluctuation_N, y);
  }
  return *worst;
}

/// The fluctuation comparison's errors (truncation bound + the flows' tolerance · t, twice) against 1% of
/// ‖(𝒰 − 𝒰₂)Ω‖ at each N and t (one warning per ν).
void checkFluctuations(const RatesConfig& c, RatesResult& r) {
  for (const RatesSweep& s : r.sweeps) {
    if (!s.fluctuations) continue;
    const FluctuationComparison& f = *s.fluctuations;
    std::vector<std::string> bad;
    for (std::size_t n = 0; n < f.N.size(); ++n)
      for (std::size_t q = 0; q < f.times.size(); ++q) {
        const double d = f.difference[n][q], e = f.truncationBound[n][q] + 2 * kFluctuationTolerance * f.times[q];
        if (d > kRoundOff && !(e <= 0.01 * d))
          bad.push_back(fmt::format("N = {:g}, t = {:g}: error {:.2e} against {:.2e}", f.N[n], f.times[q], e, d));
      }
    if (bad.empty()) continue;
    r.converged = false;
    r.warnings.push_back(fmt::format(
        "fluctuations: {}the truncation bound of the fluctuation Fock space is not below 1% of ||(U - U2)Omega|| "
        "at {} point{} ({}{}); raise rates.fluctuation_cutoff (now {})",
        r.model == "fragmented_toy" ? fmt::format("nu = {}: ", s.nu) : std::string(), bad.size(), bad.size() > 1 ? "s" : "",
        fmt::join(bad.begin(), bad.begin() + std::min<std::size_t>(bad.size(), 3), "; "), bad.size() > 3 ? "; ..." : "",
        c.fluctuation_cutoff));
  }
}

/// 2·bound (the error of any marginal's trace distance) against 1% of the smallest resolved distance.
void checkKrylovBounds(const std::vector<int>& Ns, RatesResult& r) {
  for (const RatesSweep& s : r.sweeps)
    for (std::size_t n = 0; n < Ns.size(); ++n) {
      double smallest = std::numeric_limits<double>::infinity();
      for (double d : s.distance[n])
        if (d > kRoundOff) smallest = std::min(smallest, d);
      const double error = 2 * s.krylov_error_bound[n];
      if (std::isfinite(smallest) && !(error <= 0.01 * smallest)) {
        r.converged = false;
        r.warnings.push_back(fmt::format("Krylov: N = {}{}: the Krylov error bound 2·{:.2e} is not below 1% of the smallest "
                                         "distance {:.2e} (lower rates.tolerance)", Ns[n],
                                         r.model == "fragmented_toy" ? fmt::format(", nu = {}", s.nu) : "",
                                         s.krylov_error_bound[n], smallest));
      }
    }
}

/// The times at which `error` (one per time) is not below 1% of the smallest distance above round-off over N,
/// each as "t = …: error against distance … (N = …)".
std::vector<std::string> timesAboveOnePercent(const RatesConfig& c, const RatesSweep& s,
                                              const std::vector<double>& error) {
  std::vector<std::string> bad;
  for (std::size_t q = 0; q < c.times.size(); ++q) {
    double smallest = std::numeric_limits<double>::infinity();
    int atN = 0;
    for (std::size_t n = 0; n < c.N.size(); ++n)
      if (s.distance[n][q] > kRoundOff && s.distance[n][q] < smallest) smallest = s.distance[n][q], atN = c.N[n];
    if (std::isfinite(smallest) && !(error[q] <= 0.01 * smallest))
      bad.push_back(fmt::format("t = {:g}: {:.2e} against distance {:.2e} (N = {})", c.times[q], error[q], smallest,
                                atN));
  }
  return bad;
}

/// The toy model's mode truncation against 1% of the smallest distance at each time (one warning per ν).
void checkModeErrors(const RatesConfig& c, RatesResult& r) {
  for (const RatesSweep& s : r.sweeps) {
    if (s.mode_error.empty()) continue;
    const std::vector<std::string> bad = timesAboveOnePercent(c, s, s.mode_error);
    if (bad.empty()) continue;
    r.converged = false;
    if (c.model == RatesConfig::Model::Modes || c.model == RatesConfig::Model::GridModes) {
      r.warnings.push_back(fmt::format(
          "modes: dropping the last of the {} modes changes the distances by more than 1% of the smallest distance "
          "at {} time{} ({}); the distances are those of the {}-mode model (give more modes)", c.shells, bad.size(),
          bad.size() > 1 ? "s" : "", fmt::join(bad, "; "), c.shells));
      continue;
    }
    r.warnings.push_back(fmt::format(
        "modes: nu = {}: one more s-wave shell ({} -> {}) moves the mean-field orbital by more than 1% of the "
        "smallest distance at {} time{} ({}); the distances are those of the {}-shell Galerkin model (raise "
        "[basis] shells)", s.nu, c.shells, c.shells + 1, bad.size(), bad.size() > 1 ? "s" : "", fmt::join(bad, "; "),
        c.shells));
  }
}

/// F 5.16–5.24 for the toy model with a Coulomb V: the unregularised V (the configured model plus the shift
/// of its cutoff) against Ṽ_N = V − ΔV(N³), exact N-body runs from φ0^{⊗N} and Hartree flows with both.
RatesSweep::Regularisation regularisationStudy(const RatesConfig& c, const FewModeModel& H, const RunOptions& run) {
  const int M = H.modes();
  const double a = c.potential.coupling();
  const std::vector<double> shiftConfigured = coulombCutoffShift(M, a, c.potential.cutoff());
  std::vector<double> V = H.interaction();
  for (std::size_t i = 0; i < V.size(); ++i) V[i] += shiftConfigured[i];
  const FewModeModel full(H.oneBody(), V);
  const Eigen::VectorXcd e0 = Eigen::VectorXcd::Unit(M, 0);
  const auto phi = hartreeOrbitals(full, e0, c.times);
  RatesSweep::Regularisation r;
  for (int N : c.N) {
    const std::vector<double> dV = coulombCutoffShift(M, a, std::pow(double(N), 3));
    std::vector<double> Vt = V;
    double largest = 0;
    for (std::size_t i = 0; i < Vt.size(); ++i) Vt[i] -= dV[i], largest = std::max(largest, std::abs(dV[i]));
    const FewModeModel regularised(H.oneBody(), Vt);
    const FockBasis basis(M, N);
    const Eigen::VectorXcd psi0 = condensateState(basis, e0);
    const KrylovOptions options{.tolerance = c.tolerance, .store_bytes = 0.25 * availableMemoryBytes()};
    std::vector<Eigen::VectorXcd> psi(c.times.size());
    const auto a1 = exactMarginals(full, N, psi0, 1, c.times, options,
                                   [&](std::size_t q, const Eigen::VectorXcd& v) { psi[q] = v; });
    std::vector<double> state, marginal, orbital;
    const auto a2 = exactMarginals(regularised, N, psi0, 1, c.times, options, [&](std::size_t q, const Eigen::VectorXcd& v) {
      state.push_back((v - psi[q]).norm());
    });
    const auto phiTilde = hartreeOrbitals(regularised, e0, c.times);
    for (std::size_t q = 0; q < c.times.size(); ++q) {
      marginal.push_back(traceDistance(a1.gamma[q], a2.gamma[q]));
      orbital.push_back((phi[q] - phiTilde[q]).norm());
    }
    r.shift.push_back(largest);
    r.state.push_back(state);
    r.marginal.push_back(marginal);
    r.orbital.push_back(orbital);
    r.krylov_error_bound.push_back(a1.krylov.errorBound + a2.krylov.errorBound);
    run.info(fmt::format("rates: regularisation N = {}: max|V - V~| = {:.3e}, ||Psi - Psi~||(t_end) = {:.3e}", N, largest,
                         state.back()));
  }
  const std::vector<double> x(c.N.begin(), c.N.end());
  for (std::size_t q = 0; q < c.times.size(); ++q) {
    std::vector<double> ys, ym, yo;
    for (std::size_t n = 0; n < c.N.size(); ++n) {
      ys.push_back(r.state[n][q] > kRoundOff ? r.state[n][q] : 0.0);
      ym.push_back(r.marginal[n][q] > kRoundOff ? r.marginal[n][q] : 0.0);
      yo.push_back(r.orbital[n][q] > 1e-15 ? r.orbital[n][q] : 0.0);
    }
    r.exponent_state.push_back(fitLogSlope(x, ys));
    r.exponent_marginal.push_back(fitLogSlope(x, ym));
    r.exponent_orbital.push_back(fitLogSlope(x, yo));
  }
  return r;
}

/// The regularisation differences against the Krylov bounds of the two runs behind them (‖Ψ − Ψ̃‖ moves by
/// ≤ b1 + b2, Tr|γ − γ̃| by ≤ 2(b1 + b2)): each must be below 1% of the difference it resolves.
void checkRegularisation(const RatesConfig& c, RatesResult& r) {
  for (const RatesSweep& s : r.sweeps) {
    if (!s.regularisation) continue;
    std::vector<std::string> bad;
    for (std::size_t n = 0; n < c.N.size(); ++n) {
      const double b = s.regularisation->krylov_error_bound[n];
      for (std::size_t q = 0; q < c.times.size(); ++q) {
        if (c.times[q] == 0) continue;
        const double st = s.regularisation->state[n][q], mg = s.regularisation->marginal[n][q];
        if (!(b <= 0.01 * st) || !(2 * b <= 0.01 * mg)) {
          bad.push_back(fmt::format("N = {}, t = {:g}: bound {:.2e} against {:.2e} and {:.2e}", c.N[n], c.times[q], b, st, mg));
          break;
        }
      }
    }
    if (bad.empty()) continue;
    r.converged = false;
    r.warnings.push_back(fmt::format("regularisation: nu = {}: the Krylov error bounds are not below 1% of the "
                                     "regularised-against-unregularised differences ({}); lower rates.tolerance",
                                     s.nu, fmt::join(bad, "; ")));
  }
}

RatesSweep toySweep(const RatesConfig& c, double nu, const RunOptions& run) {
  RatesSweep s;
  s.nu = nu;
  const FewModeModel H = toyModelModes(c.shells, nu, c.potential);
  const Eigen::VectorXcd e0 = Eigen::VectorXcd::Unit(c.shells, 0);
  const auto mf = bogoliubovFlow(H, e0, c.times);
  for (std::size_t q = 0; q < c.times.size(); ++q) {
    const double overlap = std::norm(e0.dot(mf[q].orbital));
    s.mean_field_infinite_gap.push_back(2 * std::sqrt(std::max(0.0, 1 - overlap)));  // Tr| |φ_t⟩⟨φ_t| - |φ0⟩⟨φ0| |
    s.bogoliubov_depletion.push_back(mf[q].excitationDensity.trace().real());
  }
  if (c.shells < 12) {   // mode truncation: the mean-field orbital with one more s-wave shell
    const FewModeModel H1 = toyModelModes(c.shells + 1, nu, c.potential);
    const auto phi1 = hartreeOrbitals(H1, Eigen::VectorXcd::Unit(c.shells + 1, 0), c.times);
    for (std::size_t q = 0; q < c.times.size(); ++q) {
      const double overlap = std::norm(phi1[q].head(c.shells).dot(mf[q].orbital));
      s.mode_error.push_back(2 * std::sqrt(std::max(0.0, 1 - overlap)));   // Tr| |φ^S⟩⟨φ^S| − |φ^{S+1}⟩⟨φ^{S+1}| |
    }
  }
  s.form_norm = formNormBound(H, nu, formBoundKappa(c.potential), e0, c.times);
  if (c.regularisation) s.regularisation = regularisationStudy(c, H, run);
  if (c.fluctuations) {
    const auto t0 = std::chrono::steady_clock::now();
    s.fluctuations = compareFluctuationDynamics(H, e0, c.fluctuation_N, c.times, c.fluctuation_cutoff,
                                                kFluctuationTolerance);
    s.fluctuation_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    run.info(fmt::format("rates: nu = {} fluctuations (cutoff {}): {} DOPRI5 steps, {:.2f} s; ||(U - U2)Omega||(t_end) "
                         "= {:.3e} at N = {:g}", nu, c.fluctuation_cutoff, s.fluctuations->steps, s.fluctuation_seconds,
                         s.fluctuations->difference.back().back(), c.fluctuation_N.back()));
  }
  // on P ranks each takes a contiguous block of the N points; gathered in N order (rates_ranks.hpp)
  const mpi::Communicator& ranks = mpi::Communicator::world();
  const auto [first, last] = ranks.block(c.N.size());
  for (std::size_t n = first; n < last; ++n) {
    toyPoint(c, H, mf, c.N[n], s);
    run.info(fmt::format("rates: nu = {} N = {} dimension {} distance(t_end) = {:.6e}", nu, c.N[n], s.dimension.back(),
                         s.distance.back().back()));
  }
  gatherSweepPoints(ranks, s);
  return s;
}

/// kind = "modes" / "grid_modes": the sweep with the configured h, V; the fluctuations; convergence in the
/// modes (the same sweep without the last mode → mode_error).
RatesSweep modesSweep(const RatesConfig& c, const RunOptions& run) {
  RatesSweep s;
  const FewModeModel H(c.one_body, c.two_body);
  doubleWellSweep(c, H, run, s);
  if (c.fluctuations) {
    const auto t0 = std::chrono::steady_clock::now();
    s.fluctuations = fragmentedFluctuations(c, H, run);
    s.fluctuation_phases = c.fluctuation_phases;
    s.fluctuation_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  if (c.shells > 2) {   // convergence in the number of modes: the same sweep without the last mode
    const int m = c.shells - 1;
    std::vector<double> V(static_cast<std::size_t>(m) * m * m * m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < m; ++j)
        for (int k = 0; k < m; ++k)
          for (int l = 0; l < m; ++l) V[((i * m + j) * m + k) * m + l] = H.V(i, j, k, l);
    RatesSweep fewer;
    doubleWellSweep(c, FewModeModel(c.one_body.topLeftCorner(m, m), std::move(V)), run, fewer);
    s.mode_error.assign(c.times.size(), 0.0);
    for (std::size_t n = 0; n < c.N.size(); ++n)
      for (std::size_t q = 0; q < c.times.size(); ++q)
        s.mode_error[q] = std::max(s.mode_error[q], std::abs(s.distance[n][q] - fewer.distance[n][q]));
    run.info(fmt::format("rates: {} -> {} modes changes the distances by at most {:.3e}", m, c.shells,
                         *std::max_element(s.mode_error.begin(), s.mode_error.end())));
  }
  return s;
}

/// grid_modes: the built model's defects, and (grid.check) the same model on the check grid and the same
/// sweep there → s.grid_error[t] = max_N |distance − distance(check)|.
GridModesReport gridCheck(const RatesConfig& c, const RunOptions& run, RatesSweep& s) {
  const RatesConfig::GridModes& g = c.grid_modes;
  const GridModeModel& m = c.grid_model;
  GridModesReport rep;
  rep.dimension = g.dimension, rep.points = g.points, rep.box = g.box;
  rep.energies.assign(m.energies.data(), m.energies.data() + m.energies.size());
  rep.one_body_defect = m.oneBodyDefect, rep.exchange_defect = m.exchangeDefect;
  rep.hermiticity_defect = m.hermiticityDefect, rep.edge_ratio = m.edgeRatio;
  if (!g.check) return rep;
  const auto t0 = std::chrono::steady_clock::now();
  const GridModeModel fine = gridModeModel(Grid(g.dimension, g.check_points, g.check_box), g.trap, c.shells, g.interaction);
  rep.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  rep.checked = true, rep.check_points = g.check_points, rep.check_box = g.check_box;
  rep.check_energies.assign(fine.energies.data(), fine.energies.data() + fine.energies.size());
  rep.check_edge_ratio = fine.edgeRatio;
  for (Eigen::Index a = 0; a < m.energies.size(); ++a)
    rep.energy_change = std::max(rep.energy_change, std::abs(m.energies[a] - fine.energies[a]));
  for (std::size_t e = 0; e < m.V.size(); ++e)
    rep.interaction_change = std::max(rep.interaction_change, std::abs(m.V[e] - fine.V[e]));
  RatesConfig cf = c;
  cf.one_body = fine.h, cf.two_body = fine.V;
  cf.fluctuations = false;
  RatesSweep other;
  doubleWellSweep(cf, FewModeModel(fine.h, fine.V), run, other);
  s.grid_error.assign(c.times.size(), 0.0);
  for (std::size_t n = 0; n < c.N.size(); ++n)
    for (std::size_t q = 0; q < c.times.size(); ++q)
      s.grid_error[q] = std::max(s.grid_error[q], std::abs(s.distance[n][q] - other.distance[n][q]));
  run.info(fmt::format("rates: grid {} points, box {:g} -> {} points, box {:g}: energies change by {:.2e}, V by {:.2e}, "
                       "distances by at most {:.3e}", g.points, g.box, g.check_points, g.check_box, rep.energy_change,
                       rep.interaction_change, *std::max_element(s.grid_error.begin(), s.grid_error.end())));
  return rep;
}

/// grid_modes: the grid's change of the distances against 1% of the smallest distance at each time.
void checkGridErrors(const RatesConfig& c, RatesResult& r) {
  if (!r.grid_modes) return;
  const RatesSweep& s = r.sweeps.front();
  if (r.grid_modes->edge_ratio > 1e-6) {
    r.converged = false;
    r.warnings.push_back(fmt::format("grid: the modes reach the box boundary (|phi| there {:.2e} of its peak, needs "
                                     "< 1e-6): enlarge [grid] box", r.grid_modes->edge_ratio));
  }
  if (s.grid_error.empty()) return;
  const std::vector<std::string> bad = timesAboveOnePercent(c, s, s.grid_error);
  if (bad.empty()) return;
  r.converged = false;
  r.warnings.push_back(fmt::format(
      "grid: the check grid ({} points, box {:g}) changes the distances by more than 1% of the smallest distance at {} "
      "time{} ({}); refine [grid] points / box", r.grid_modes->check_points, r.grid_modes->check_box, bad.size(),
      bad.size() > 1 ? "s" : "", fmt::join(bad, "; ")));
}

}  // namespace

double fitLogSlope(const std::vector<double>& x, const std::vector<double>& y) { return fitPowerLaw(x, y).exponent; }

RatesResult rates(const RatesConfig& c, const RunOptions& run) {
  for (const MemoryNeed& need : c.memory) requireMemory(need.bytes, need.item);
  const auto start = std::chrono::steady_clock::now();
  std::optional<OutputSet> out;   // made now: an unwritable DIR fails before the runs
  if (!run.out_dir.empty()) out.emplace(run.out_dir);
  RatesResult r;
  r.model = c.model == RatesConfig::Model::FragmentedToy ? "fragmented_toy"
            : c.model == RatesConfig::Model::Modes       ? "modes"
            : c.model == RatesConfig::Model::GridModes   ? "grid_modes"
            : c.model == RatesConfig::Model::Quench      ? "quench"
                                                         : "double_well";
  r.k = c.k, r.N = c.N, r.times = c.times, r.occupations = c.occupations, r.shells = c.shells;
  r.phase_tolerance = c.phase_tolerance;
  if (c.model == RatesConfig::Model::DoubleWell) {
    RatesSweep s;
    const FewModeModel H = doubleWellModes(c.gap, c.interaction);
    doubleWellSweep(c, H, run, s);
    if (c.fluctuations) {
      const auto t0 = std::chrono::steady_clock::now();
      s.fluctuations = fragmentedFluctuations(c, H, run);
      s.fluctuation_phases = c.fluctuation_phases;
      s.fluctuation_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    r.sweeps.push_back(std::move(s));
  } else if (c.model == RatesConfig::Model::Quench) {
    QuenchReport report;
    r.sweeps.push_back(quenchSweep(c, run, report));
    r.quench = std::move(report);
  } else if (c.model == RatesConfig::Model::Modes || c.model == RatesConfig::Model::GridModes) {
    RatesSweep s = modesSweep(c, run);
    if (c.model == RatesConfig::Model::GridModes) r.grid_modes = gridCheck(c, run, s);
    r.sweeps.push_back(std::move(s));
  } else {
    for (double nu : c.nu) r.sweeps.push_back(toySweep(c, nu, run));
  }
  for (RatesSweep& s : r.sweeps) {
    fitSweep(c.N, c.times, s);
    if (!s.extra_weight.empty()) fitOccupations(c.N, c.times, s);
  }
  if (c.model == RatesConfig::Model::FragmentedToy) {
    std::vector<double> sup;
    for (const RatesSweep& s : r.sweeps)
      sup.push_back(*std::max_element(s.mean_field_infinite_gap.begin(), s.mean_field_infinite_gap.end()));
    r.fitted_exponent_nu_sup = fitLogSlope(c.nu, sup);
    // the extra-mode weight at the largest N against ν: per time, and its maximum over the times
    std::vector<double> supExtra;
    for (const RatesSweep& s : r.sweeps) supExtra.push_back(*std::max_element(s.extra_weight.back().begin(), s.extra_weight.back().end()));
    r.extra_weight_exponent_nu_sup = fitLogSlope(c.nu, supExtra);
    for (std::size_t q = 0; q < c.times.size(); ++q) {
      std::vector<double> y;
      for (const RatesSweep& s : r.sweeps) y.push_back(s.extra_weight.back()[q] > kRoundOff ? s.extra_weight.back()[q] : 0.0);
      r.extra_weight_exponent_nu.push_back(fitLogSlope(c.nu, y));
    }
  }
  if (c.model == RatesConfig::Model::FragmentedToy)
    for (std::size_t q = 0; q < c.times.size(); ++q) {
      std::vector<double> y1, y2;
      for (const RatesSweep& s : r.sweeps) {
        y1.push_back(s.mean_field_infinite_gap[q]);
        y2.push_back(s.infinite_gap.back()[q]);
      }
      r.fitted_exponent_nu.push_back(fitLogSlope(c.nu, y1));
      r.fitted_exponent_nu_combined.push_back(fitLogSlope(c.nu, y2));
    }
  checkPhaseErrors(c, r);
  checkModeErrors(c, r);
  checkGridErrors(c, r);
  checkQuench(c, r);
  checkKrylovBounds(c.N, r);
  checkFluctuations(c, r);
  checkRegularisation(c, r);
  for (const std::string& w : r.warnings) run.warning(w);
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (out) {   // rates.csv, summary.json and the figures replace an earlier set together
    writeTextFile(out->staged("rates.csv"), ratesCsv(r));
    if (c.fluctuations) writeTextFile(out->staged("fluctuations.csv"), fluctuationsCsv(r));
    writeJsonFile(out->staged("summary.json"), toJson(r));
    drawFigures(run.figures, "plot_rates.py", out->stagingDirectory(), run);
    out->commit();
  }
  return r;
}

}  // namespace cbec::drivers
