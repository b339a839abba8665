// Diffusion Monte Carlo with importance sampling (diffusion_monte_carlo.hpp).
#include <cbec/manybody/diffusion_monte_carlo.hpp>

#include <cbec/discretisation/parallel.hpp>
#include <cbec/io/errors.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <deque>
#include <numbers>

namespace cbec {

namespace {

std::uint64_t splitmix(std::uint64_t& s) {
  std::uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// xoshiro256** seeded from (seed, a, b, c) through splitmix64: one independent stream per key.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t a, std::uint64_t b, std::uint64_t c = 0) {
    std::uint64_t s = seed;
    s = splitmix(s) ^ (a * 0xd1342543de82ef95ULL);
    s = splitmix(s) ^ (b * 0xaf251af3b0f025b5ULL);
    s = splitmix(s) ^ (c * 0x9fb21c651e98df25ULL);
    for (auto& v : s_) v = splitmix(s);
  }
  std::uint64_t next() {
    const std::uint64_t r = rotl(s_[1] * 5, 7) * 9, t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return r;
  }
  /// Uniform in (0, 1).
  double uniform() { return (double(next() >> 11) + 0.5) * 0x1.0p-53; }
  double normal() {
    if (has_spare_) { has_spare_ = false; return spare_; }
    const double r = std::sqrt(-2 * std::log(uniform())), phi = 2 * std::numbers::pi * uniform();
    spare_ = r * std::sin(phi);
    has_spare_ = true;
    return r * std::cos(phi);
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

constexpr std::uint64_t kInit = 1, kStep = 2, kComb = 3, kForward = 4;

struct Walker {
  std::vector<double> x, g, L, e1;   // positions, ∇log u, log u, one-body local energy per particle
  double pair = 0, EL = 0;
};

struct MoveStats {
  double accepted = 0, proposed = 0;   // squared diffusion displacements
  long accepted_moves = 0, moves = 0;
};

}  // namespace

DiffusionMonteCarlo::DiffusionMonteCarlo(const Mixture& mixture, std::vector<int> particles,
                                         std::vector<std::shared_ptr<const TrialOrbital>> orbitals)
    : m_(mixture), particles_(std::move(particles)), orbitals_(std::move(orbitals)), d_(mixture.dimension()) {
  const int S = mixture.speciesCount();
  if (int(particles_.size()) != S || int(orbitals_.size()) != S)
    throw std::invalid_argument("DiffusionMonteCarlo: one particle number and one orbital per species");
  if (mixture.pair().isContact())
    throw InputError("model.interaction: QMC needs a bounded pair potential (\"hartree\"), not contact");
  N_ = 0;
  for (int s = 0; s < S; ++s) {
    for (int i = 0; i < particles_[s]; ++i) species_of_.push_back(s);
    N_ += particles_[s];
  }
  for (int s = 0; s < 2; ++s)
    for (int t = 0; t < 2; ++t) coef_[s][t] = 0;
  for (int s = 0; s < S; ++s) {
    coef_[s][s] = -mixture.coupling(s, s) * intraPairFactor(mixture.pairScaling(), particles_[s], N_);
    for (int t = 0; t < S; ++t)
      if (t != s) coef_[s][t] = -mixture.coupling(s, t) * interPairFactor(N_);
  }
  profile_ = mixture.pair().profile();
  wscale_ = std::pow(mixture.pair().N(), mixture.pair().beta());
  wnorm_ = std::pow(wscale_, d_);
  gaussian_ = profile_->name() == "gaussian";
  if (gaussian_) wnorm_ *= profile_->value(0.0, d_);   // π^{-d/2}
}

double DiffusionMonteCarlo::pairEnergy(const double* R) const {
  // Σ_{i<j} c_{s(i)s(j)} w_N(x_i − x_j); the Gaussian profile inline (π^{-d/2} in wnorm_), others by value()
  double e = 0;
  const double s2 = wscale_ * wscale_;
  const bool gaussian = gaussian_;
  for (int i = 0; i < N_; ++i) {
    const double* xi = R + size_t(i) * d_;
    const int si = species_of_[i];
    double row = 0;
    for (int j = i + 1; j < N_; ++j) {
      const double* xj = R + size_t(j) * d_;
      double r2 = 0;
      for (int a = 0; a < d_; ++a) r2 += (xi[a] - xj[a]) * (xi[a] - xj[a]);
      const double c = coef_[si][species_of_[j]];
      row += c * (gaussian ? std::exp(-s2 * r2) : profile_->value(s2 * r2, d_));
    }
    e += row;
  }
  return wnorm_ * e;
}

namespace {

/// One-body data of particle i at its position.
template <class Orbitals>
void evaluateParticle(const Orbitals& orb, const Mixture& m, int s, int d, const double* x, double* L, double* g,
                      double* e1) {
  const SplineValue v = orb[s]->logValue(x);
  double g2 = 0;
  for (int a = 0; a < d; ++a) {
    g[a] = v.gradient[a];
    g2 += g[a] * g[a];
  }
  *L = v.value;
  *e1 = -(v.laplacian + g2) + m.species(s).trap(x);
}

}  // namespace

double DiffusionMonteCarlo::localEnergy(const std::vector<double>& R) const {
  double e = 0, L, g[3], e1;
  for (int i = 0; i < N_; ++i) {
    evaluateParticle(orbitals_, m_, species_of_[i], d_, &R[size_t(i) * d_], &L, g, &e1);
    e += e1;
  }
  return e + pairEnergy(R.data());
}

DmcResult DiffusionMonteCarlo::run(const DmcOptions& o) const {
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpuStart = std::clock();
  const int M = o.walkers, d = d_, N = N_, S = m_.speciesCount();
  const double tau = o.time_step;
  if (M < 1 || tau <= 0) throw std::invalid_argument("DiffusionMonteCarlo::run: walkers ≥ 1 and time_step > 0");

  auto refresh = [&](Walker& w) {
    double e = 0;
    for (int i = 0; i < N; ++i) {
      evaluateParticle(orbitals_, m_, species_of_[i], d, &w.x[size_t(i) * d], &w.L[i], &w.g[size_t(i) * d], &w.e1[i]);
      e += w.e1[i];
    }
    w.pair = pairEnergy(w.x.data());
    w.EL = e + w.pair;
  };
  // One importance-sampled Metropolis sweep over the particles; E_L recomputed.
  auto move = [&](Walker& w, Rng& rng, MoveStats& st) {
    const double sq = std::sqrt(2 * tau);
    double y[3], gy[3], Ly, ey;
    for (int i = 0; i < N; ++i) {
      double* xi = &w.x[size_t(i) * d];
      double* gi = &w.g[size_t(i) * d];
      double eta2 = 0, fwd = 0;
      for (int a = 0; a < d; ++a) {
        const double eta = rng.normal();
        eta2 += eta * eta;
        y[a] = xi[a] + 2 * tau * gi[a] + sq * eta;
      }
      fwd = 2 * tau * eta2;
      evaluateParticle(orbitals_, m_, species_of_[i], d, y, &Ly, gy, &ey);
      double rev = 0;
      for (int a = 0; a < d; ++a) {
        const double z = xi[a] - y[a] - 2 * tau * gy[a];
        rev += z * z;
      }
      const double logA = 2 * (Ly - w.L[i]) - (rev - fwd) / (4 * tau);
      const double u = rng.uniform();
      st.proposed += fwd;
      ++st.moves;
      if (logA >= 0 || std::log(u) < logA) {
        st.accepted += fwd;
        ++st.accepted_moves;
        for (int a = 0; a < d; ++a) { xi[a] = y[a]; gi[a] = gy[a]; }
        w.L[i] = Ly;
        w.e1[i] = ey;
      }
    }
    double e = 0;
    for (int i = 0; i < N; ++i) e += w.e1[i];
    w.pair = pairEnergy(w.x.data());
    w.EL = e + w.pair;
  };

  // initial walkers: Gaussians of the trap length around the trap centres, then a Metropolis walk on Ψ_T²
  std::vector<Walker> walkers(M);
  parallel::forEach(o.threads, size_t(M), [&](size_t b, size_t e) {
    for (size_t k = b; k < e; ++k) {
      Rng rng(o.seed, kInit, k);
      Walker& w = walkers[k];
      w.x.resize(size_t(N) * d);
      w.g.resize(size_t(N) * d);
      w.L.resize(N);
      w.e1.resize(N);
      for (int i = 0; i < N; ++i) {
        const Trap& trap = m_.species(species_of_[i]).trap;
        for (int a = 0; a < d; ++a) w.x[size_t(i) * d + a] = trap.centre()[a] + 0.7 * trap.lengthScale() * rng.normal();
      }
      refresh(w);
      MoveStats st;
      const long nv = std::lround(o.vmc_time / tau);
      for (long n = 0; n < nv; ++n) move(w, rng, st);
    }
  }, 1);

  DmcResult r;
  r.time_step = tau;
  std::vector<double> weight(M), acc(M), prop(M), EL(M);
  std::vector<long> accm(M), movm(M);
  double Esum = 0;
  for (int k = 0; k < M; ++k) { Esum += walkers[k].EL; }
  double ET = Esum / M;
  double accTotal = 0, propTotal = 0;
  long accMoves = 0, moves = 0;
  double tauEff = tau;
  const long neq = std::lround(o.equilibration_time / tau);
  const long nfw = std::max(1L, std::lround(o.forward_time / tau));
  double sumE = 0, sumE2 = 0, sumW = 0;
  std::vector<std::vector<double>> fwNum(S), fwDen(S);
  long measured = 0;
  std::vector<Walker> next(M);
  const long Tp = o.population_correction_time > 0 ? std::max(1L, std::lround(o.population_correction_time / tau)) : 0;
  double Eref = ET, logPi = 0;
  std::deque<double> history;
  std::vector<double> PW, PEW;
  // E = Σ Π_g Σw E_L / Σ Π_g W_g; its error from blocking of the linearised ratio series
  auto analyse = [&]() {
    double a = 0, b = 0;
    for (size_t g = 0; g < PW.size(); ++g) { a += PEW[g]; b += PW[g]; }
    const double E = a / b, meanW = b / double(PW.size());
    std::vector<double> x(PW.size());
    for (size_t g = 0; g < x.size(); ++g) x[g] = (E + (PEW[g] - E * PW[g]) / meanW) / N;
    BlockingResult res = blockingAnalysis(x);
    res.mean = E / N;
    return res;
  };
  for (long n = 0;; ++n) {
    parallel::forEach(o.threads, size_t(M), [&](size_t b, size_t e) {
      for (size_t k = b; k < e; ++k) {
        Rng rng(o.seed, kStep, std::uint64_t(n), k);
        Walker& w = walkers[k];
        const double old = w.EL;
        MoveStats st;
        move(w, rng, st);
        weight[k] = std::exp(-tauEff * (0.5 * (old + w.EL) - ET));
        acc[k] = st.accepted;
        prop[k] = st.proposed;
        accm[k] = st.accepted_moves;
        movm[k] = st.moves;
        EL[k] = w.EL;
      }
    }, 1);
    double W = 0, EW = 0, E2W = 0;
    for (int k = 0; k < M; ++k) {
      W += weight[k];
      EW += weight[k] * EL[k];
      E2W += weight[k] * EL[k] * EL[k];
      accTotal += acc[k];
      propTotal += prop[k];
      accMoves += accm[k];
      moves += movm[k];
    }
    if (!std::isfinite(W) || W <= 0) throw NumericalError("QMC: the walker weights overflowed (time step too large)");
    const double Eg = EW / W;
    tauEff = propTotal > 0 ? tau * accTotal / propTotal : tau;
    const bool measuring = n >= neq;
    if (measuring) {
      r.series.push_back(Eg / N);
      // population-control correction: generation g weighted by the normalisations the comb discarded in the
      // last T_p generations, Π_g = Π_{j=g-T_p}^{g-1} (W_j/M) e^{-τ_eff (E_T,j - E_ref)}
      const double Pi = std::exp(logPi);
      PW.push_back(Pi * W);
      PEW.push_back(Pi * EW);
      sumE += EW;
      sumE2 += E2W;
      sumW += W;
      ++measured;
    }
    if (Tp > 0 && n >= neq - Tp) {
      const double lf = std::log(W / M) - tauEff * (ET - Eref);
      history.push_back(lf);
      logPi += lf;
      if (long(history.size()) > Tp) { logPi -= history.front(); history.pop_front(); }
    }
    // E_T: the running energy (keeps the weights near 1; the comb makes the population fixed anyway)
    ET = measuring ? sumE / sumW : Eg;
    // comb resampling: M teeth at (j + ξ)/M of the cumulative normalised weight
    {
      Rng rng(o.seed, kComb, std::uint64_t(n));
      const double xi = rng.uniform();
      double cum = 0;
      int k = 0;
      for (int j = 0; j < M; ++j) {
        const double tooth = (j + xi) / M * W;
        while (k < M - 1 && cum + weight[k] < tooth) cum += weight[k++];
        next[j] = walkers[k];
      }
      walkers.swap(next);
    }
    // condensate: paired forward walks from the first forward_walkers slots
    if (measuring && o.forward_walkers > 0 && (n - neq) % o.forward_every == 0) {
      const int F = std::min(o.forward_walkers, M);
      std::vector<double> num(size_t(F) * S), den(size_t(F) * S);
      parallel::forEach(o.threads, size_t(F) * S, [&](size_t b, size_t e) {
        for (size_t task = b; task < e; ++task) {
          const int k = int(task / S), s = int(task % S);
          Rng pick(o.seed, kForward, std::uint64_t(n), task);
          int first = 0;
          for (int t = 0; t < s; ++t) first += particles_[t];
          const int i = first + std::min(particles_[s] - 1, int(pick.uniform() * particles_[s]));
          const Trap& trap = m_.species(s).trap;
          const double sq = 0.8 * trap.lengthScale();
          double xp[3], logq = 0;
          for (int a = 0; a < d; ++a) {
            const double z = pick.normal();
            xp[a] = trap.centre()[a] + sq * z;
            logq += -0.5 * z * z - std::log(sq * std::sqrt(2 * std::numbers::pi));
          }
          Walker main = walkers[k], disp = walkers[k];
          for (int a = 0; a < d; ++a) disp.x[size_t(i) * d + a] = xp[a];
          refresh(disp);
          const double logOmega = 2 * disp.L[i] - logq;
          double logWm = 0, logWd = 0;
          MoveStats st;
          for (long f = 0; f < nfw; ++f) {
            Rng a(o.seed, kForward + 1 + std::uint64_t(f), std::uint64_t(n), task), bb = a;
            const double om = main.EL, od = disp.EL;
            move(main, a, st);
            move(disp, bb, st);
            logWm -= tauEff * (0.5 * (om + main.EL) - ET);
            logWd -= tauEff * (0.5 * (od + disp.EL) - ET);
          }
          // control variate: E[ω W_m] = E[ω] E[W_m] = E[W_m] (x' independent of R, ∫u² = 1), so
          // ⟨u|γ|u⟩ = 1 + E[ω (W_d − W_m)] / E[W_m]: the noise of ω alone drops out
          num[task] = std::exp(logOmega) * (std::exp(logWd) - std::exp(logWm));
          den[task] = std::exp(logWm);
        }
      }, 1);
      for (int s = 0; s < S; ++s) {
        double a = 0, b = 0;
        for (int k = 0; k < F; ++k) { a += num[size_t(k) * S + s]; b += den[size_t(k) * S + s]; }
        fwNum[s].push_back(a);
        fwDen[s].push_back(b);
      }
      r.forward_samples += F;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    bool stop = false;
    if (measuring && measured % o.check_every == 0) {
      if (measured >= o.min_steps && measured >= 64) {
        r.blocking = analyse();
        if (o.progress) o.progress(measured, o.max_steps, r.blocking.mean, r.blocking.error);
        if (r.blocking.plateau && r.blocking.error <= o.target_error) { stop = true; r.stop = "target error reached"; }
      } else if (o.progress) {
        o.progress(measured, o.max_steps, r.series.back(), 0);
      }
    }
    if (measuring && measured >= o.max_steps) { stop = true; r.stop = fmt::format("max_steps = {} reached", o.max_steps); }
    if (o.max_seconds > 0 && seconds > o.max_seconds && measured >= 64) {
      stop = true;
      r.stop = fmt::format("max_seconds = {} reached", o.max_seconds);
    }
    if (stop) break;
  }
  r.blocking = analyse();
  r.uncorrected_energy = blockingAnalysis(r.series).mean;
  r.energy = r.blocking.mean;
  r.energy_error = r.blocking.error;
  r.energy_total = r.energy * N;
  r.variance = sumE2 / sumW - (sumE / sumW) * (sumE / sumW);
  r.steps = measured;
  r.samples = double(measured) * M;
  r.acceptance = moves > 0 ? double(accMoves) / double(moves) : 0;
  r.effective_time_step = tauEff;
  r.converged = r.blocking.plateau && r.energy_error <= o.target_error;
  for (int s = 0; s < S; ++s) {
    if (fwNum[s].size() < 2) {
      r.condensate_fraction.push_back(std::nan(""));
      r.condensate_fraction_error.push_back(std::nan(""));
      continue;
    }
    double a = 0, b = 0;
    for (size_t m = 0; m < fwNum[s].size(); ++m) { a += fwNum[s][m]; b += fwDen[s][m]; }
    const double ratio = a / b, meanDen = b / double(fwDen[s].size());
    std::vector<double> lin(fwNum[s].size());
    for (size_t m = 0; m < lin.size(); ++m) lin[m] = (fwNum[s][m] - ratio * fwDen[s][m]) / meanDen;
    r.condensate_fraction.push_back(1.0 + ratio);
    r.condensate_fraction_error.push_back(blockingAnalysis(lin, 16).error);
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double walkerSteps = double(M) * double(measured + neq) + double(r.forward_samples) * S * 2.0 * double(nfw);
  r.seconds_per_walker_step = r.wall_seconds / walkerSteps;
  r.cpu_seconds_per_walker_step = double(std::clock() - cpuStart) / CLOCKS_PER_SEC / walkerSteps;
  return r;
}

}  // namespace cbec
