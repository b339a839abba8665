// The quench sweep of `cbec rates` (rates_quench.hpp).
#include "rates_quench.hpp"

#include <cbec/manybody/finite_n.hpp>
#include <cbec/manybody/mixture_modes.hpp>
#include <cbec/manybody/oscillator_modes.hpp>
#include <cbec/manybody/two_species_quench.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace cbec::drivers {
namespace {

/// Distances below this are round-off and not fitted (as in rates.cpp).
constexpr double kRoundOff = 1e-12;
/// DOPRI5 tolerance per unit time of the two-species Hartree flow (its error is measured at 1/100 of it).
constexpr double kHartreeTolerance = 1e-11;

}  // namespace

RatesSweep quenchSweep(const RatesConfig& c, const RunOptions& run, QuenchReport& rep) {
  const RatesConfig::Quench& q = c.quench;
  const std::size_t S = q.manybody->particles.size(), T = c.times.size();
  rep.manybody_file = q.manybody_file, rep.inter_scale = q.inter_scale, rep.intra_scale = q.intra_scale;
  rep.trap_scale = q.trap_scale;
  rep.particles = q.particles;
  rep.species_distance.assign(S, {});
  rep.hartree_error.assign(S, {});
  RatesSweep s;
  for (std::size_t n = 0; n < c.N.size(); ++n) {
    const std::vector<int>& P = q.particles[n];
    const Mixture mixture = manybodyMixture(q.manybody->mixture, P);
    FiniteNOptions o;   // the settings of `cbec manybody`'s sweep point (drivers/manybody.cpp)
    o.shells = q.manybody->sweep_shells;
    o.max_quanta = q.manybody->max_quanta;
    o.scale = 1.0;
    o.lanczos_tolerance = q.manybody->lanczos_tolerance;
    o.marginals = false;
    o.keep_state = true;
    o.threads = run.threads > 0 ? run.threads : q.manybody->threads;
    const FiniteNResult g = solveFiniteN(mixture, P, o);
    const ModeHamiltonian before = mixtureModeHamiltonian(mixture, P, o.shells, o.max_quanta, o.scale).model;
    ModeHamiltonian after = before;
    after.inter_factor *= q.inter_scale;
    for (std::size_t sp = 0; sp < S; ++sp) {
      after.species[sp].pair_factor *= q.intra_scale[sp];
      if (q.trap_scale[sp] != 1.0) {   // the same basis functions (frequency ω = (kω)·(1/k)), trap kω
        const Trap& trap = mixture.species(static_cast<int>(sp)).trap;
        std::vector<double> omega = trap.isPower() ? std::vector<double>(trap.dimension(), 1.0) : trap.omega();
        for (double& w : omega) w *= q.trap_scale[sp];
        after.species[sp].h = OscillatorModes::forTrap(Trap::harmonic(omega, trap.centre()), o.shells,
                                                       "quench.trap_scale", 1.0 / q.trap_scale[sp]).oneBodyMatrix();
      }
    }
    const QuenchRun qr = quenchTwoSpecies(before, after, g.state, g.hartree.orbitals, c.times,
                                          {.krylovTolerance = c.tolerance, .hartreeTolerance = kHartreeTolerance});
    std::vector<double> d(T, 0.0);
    for (std::size_t sp = 0; sp < S; ++sp) {
      rep.species_distance[sp].push_back(qr.distance[sp]);
      rep.hartree_error[sp].push_back(qr.hartreeError[sp]);
      for (std::size_t t = 0; t < T; ++t) d[t] = std::max(d[t], qr.distance[sp][t]);
    }
    s.distance.push_back(d);
    double dn = 0, de = 0, dh = 0;
    for (std::size_t t = 0; t < T; ++t) {
      dn = std::max(dn, std::abs(qr.norm[t] - 1));
      de = std::max(de, std::abs(qr.energy[t] - qr.energy[0]) / std::max(1.0, std::abs(qr.energy[0])));
      dh = std::max(dh, std::abs(qr.hartreeEnergy[t] - qr.hartreeEnergy[0]) / std::max(1.0, std::abs(qr.hartreeEnergy[0])));
    }
    s.dimension.push_back(qr.dimension);
    s.krylov_error_bound.push_back(qr.krylov.errorBound);
    s.products.push_back(qr.krylov.products);
    s.norm_drift.push_back(dn);
    s.energy_drift.push_back(de);
    rep.ground_energy.push_back(g.energy);
    rep.hartree_energy.push_back(g.hartree.energy);
    rep.lanczos_residual.push_back(g.residual);
    rep.lanczos_converged.push_back(g.lanczos_converged ? 1 : 0);
    rep.quenched_energy.push_back(qr.energy[0] / c.N[n]);
    rep.hartree_energy_drift.push_back(dh);
    run.info(fmt::format("rates: quench N = {} ({}): sector {} states, E_N^Q = {:.12g}, {} H products, Krylov bound "
                         "{:.2e}, energy drift {:.2e}", c.N[n], fmt::join(P, " + "), qr.dimension, g.energy,
                         qr.krylov.products, qr.krylov.errorBound, de));
  }
  const std::vector<double> x(c.N.begin(), c.N.end());
  rep.species_exponent_N.assign(S, {});
  for (std::size_t sp = 0; sp < S; ++sp)
    for (std::size_t t = 0; t < T; ++t) {
      std::vector<double> y;
      for (std::size_t n = 0; n < c.N.size(); ++n)
        y.push_back(rep.species_distance[sp][n][t] > kRoundOff ? rep.species_distance[sp][n][t] : 0.0);
      rep.species_exponent_N[sp].push_back(fitLogSlope(x, y));
    }
  return s;
}

void checkQuench(const RatesConfig& c, RatesResult& r) {
  if (!r.quench) return;
  const QuenchReport& q = *r.quench;
  std::vector<std::string> bad;
  for (std::size_t sp = 0; sp < q.species_distance.size(); ++sp)
    for (std::size_t n = 0; n < c.N.size(); ++n)
      for (std::size_t t = 0; t < c.times.size(); ++t) {
        const double d = q.species_distance[sp][n][t], e = q.hartree_error[sp][n][t];
        if (d > kRoundOff && !(e <= 0.01 * d))
          bad.push_back(fmt::format("species {}, N = {}, t = {:g}: {:.2e} against {:.2e}", sp, c.N[n], c.times[t], e, d));
      }
  if (!bad.empty()) {
    r.converged = false;
    r.warnings.push_back(fmt::format("hartree: the Hartree flow's estimated error is not below 1% of the distance ({})",
                                     fmt::join(bad, "; ")));
  }
  for (std::size_t n = 0; n < c.N.size(); ++n)
    if (!q.lanczos_converged[n]) {
      r.converged = false;
      r.warnings.push_back(fmt::format("ground state: N = {}: the Lanczos solve did not converge (residual {:.2e})",
                                       c.N[n], q.lanczos_residual[n]));
    }
}

}  // namespace cbec::drivers
