// Diffusion Monte Carlo with importance sampling (diffusion_monte_carlo.hpp).
#include <cbec/manybody/diffusion_monte_carlo.hpp>

#include <cbec/discretisation/gaussian_convolution.hpp>
#include <cbec/discretisation/parallel.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/mpi/communicator.hpp>

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
  std::vector<double> E;             // with a pair factor: e^{−κ r_ij²} for all i, j (N×N, diagonal 0)
  double pair = 0, EL = 0;
};

struct MoveStats {
  double accepted = 0, proposed = 0;   // squared diffusion displacements
  long accepted_moves = 0, moves = 0;
};

}  // namespace

DiffusionMonteCarlo::DiffusionMonteCarlo(const Mixture& mixture, std::vector<int> particles,
                                         std::vector<std::shared_ptr<const TrialOrbital>> orbitals, double jastrowRange)
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
  if (jastrowRange < 0) throw std::invalid_argument("DiffusionMonteCarlo: jastrow range ≥ 0");
  if (jastrowRange > 0) {
    // J_st(r) = A_st e^{−κ r²}, κ = (N^β / range)²; A_st from the contact condition −2ΔJ(0) + c_st w_N(0) = 0
    jastrow_ = true;
    jkappa_ = wscale_ * wscale_ / (jastrowRange * jastrowRange);
    const double w0 = gaussian_ ? wnorm_ : wnorm_ * profile_->value(0.0, d_);
    for (int s = 0; s < 2; ++s)
      for (int t = 0; t < 2; ++t) jA_[s][t] = -coef_[s][t] * w0 / (4.0 * d_ * jkappa_);
  }
}

std::vector<Field> DiffusionMonteCarlo::compensatedOrbitals(const Grid& grid, const std::vector<Field>& u) const {
  if (!jastrow_) return u;
  const int S = int(u.size());
  std::vector<Field> conv;
  for (int t = 0; t < S; ++t) {
    Field rho = u[t];
    for (size_t g = 0; g < rho.size(); ++g) rho[g] = u[t][g] * u[t][g];
    conv.push_back(gaussianConvolution(grid, rho, jkappa_));
  }
  std::vector<Field> out;
  for (int s = 0; s < S; ++s) {
    Field v = u[s];
    for (size_t g = 0; g < v.size(); ++g) {
      double chi = 0;
      for (int t = 0; t < S; ++t) chi += double(particles_[t] - (s == t ? 1 : 0)) * jA_[s][t] * conv[t][g];
      v[g] = u[s][g] * std::exp(-chi);
    }
    const double norm = grid.norm(v);
    for (size_t g = 0; g < v.size(); ++g) v[g] /= norm;
    out.push_back(std::move(v));
  }
  return out;
}

void DiffusionMonteCarlo::jastrowSums(const double* R, int i, const double* x, double* J, double* G, double* row,
                                      const double* cached) const {
  double sJ = 0, g[3] = {0, 0, 0};
  const int si = species_of_[i];
  for (int j = 0; j < N_; ++j) {
    if (j == i) continue;
    const double* xj = R + size_t(j) * d_;
    double r[3], r2 = 0;
    for (int a = 0; a < d_; ++a) { r[a] = x[a] - xj[a]; r2 += r[a] * r[a]; }
    const double e = cached ? cached[j] : std::exp(-jkappa_ * r2);
    if (row) row[j] = e;
    const double v = jA_[si][species_of_[j]] * e;
    sJ += v;
    for (int a = 0; a < d_; ++a) g[a] -= 2 * jkappa_ * v * r[a];
  }
  *J = sJ;
  for (int a = 0; a < d_; ++a) G[a] = g[a];
}

double DiffusionMonteCarlo::jastrowKinetic(const double* R, const double* gL, const double* E) const {
  // −Σ_i (Δ_i J_tot + 2 ∇L_i·∇_i J_tot + |∇_i J_tot|²), J_tot = Σ_{i<j} J(x_i − x_j)
  std::vector<double> G(size_t(N_) * d_, 0.0);
  double lap = 0;
  for (int i = 0; i < N_; ++i) {
    const double* xi = R + size_t(i) * d_;
    const int si = species_of_[i];
    for (int j = i + 1; j < N_; ++j) {
      const double* xj = R + size_t(j) * d_;
      double r[3], r2 = 0;
      for (int a = 0; a < d_; ++a) { r[a] = xi[a] - xj[a]; r2 += r[a] * r[a]; }
      const double v = jA_[si][species_of_[j]] * (E ? E[size_t(i) * N_ + j] : std::exp(-jkappa_ * r2));
      lap += 2 * v * (4 * jkappa_ * jkappa_ * r2 - 2 * d_ * jkappa_);   // Δ_i J + Δ_j J
      for (int a = 0; a < d_; ++a) {
        const double gi = -2 * jkappa_ * v * r[a];
        G[size_t(i) * d_ + a] += gi;
        G[size_t(j) * d_ + a] -= gi;
      }
    }
  }
  double e = -lap;
  for (size_t k = 0; k < G.size(); ++k) e -= 2 * gL[k] * G[k] + G[k] * G[k];
  return e;
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

double DiffusionMonteCarlo::pairEnergyFromCache(const double* E) const {
  // the same sum as pairEnergy when w_N is the Gaussian of the pair factor's width (κ = N^{2β}): the same
  // exponentials, the same order, the same bits
  double e = 0;
  for (int i = 0; i < N_; ++i) {
    const int si = species_of_[i];
    double row = 0;
    for (int j = i + 1; j < N_; ++j) row += coef_[si][species_of_[j]] * E[size_t(i) * N_ + j];
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
  double e = 0, L, e1;
  std::vector<double> gL(size_t(N_) * d_);
  for (int i = 0; i < N_; ++i) {
    evaluateParticle(orbitals_, m_, species_of_[i], d_, &R[size_t(i) * d_], &L, &gL[size_t(i) * d_], &e1);
    e += e1;
  }
  return e + pairEnergy(R.data()) + (jastrow_ ? jastrowKinetic(R.data(), gL.data()) : 0.0);
}

DmcResult DiffusionMonteCarlo::run(const DmcOptions& o) const {
  const auto start = std::chrono::steady_clock::now();
  const std::clock_t cpuStart = std::clock();
  const int M = o.walkers, d = d_, N = N_, S = m_.speciesCount();
  const double tau = o.time_step;
  if (M < 1 || tau <= 0) throw std::invalid_argument("DiffusionMonteCarlo::run: walkers ≥ 1 and time_step > 0");

  // the pair factor's exponentials, cached per walker (N² doubles): a move then needs N new ones, E_L none,
  // and the pair energy none when w_N is the Gaussian of the same width
  const bool sharePair = jastrow_ && gaussian_ && jkappa_ == wscale_ * wscale_;
  if (jastrow_ && double(M) * N * N * 8.0 > 6e9)
    throw InputError(fmt::format("trial.jastrow: the pair factor caches walkers × N² = {:.3g} doubles (more than 6 GB); "
                                 "use fewer walkers or no pair factor", double(M) * N * N));
  auto buildCache = [&](Walker& w) {
    if (!jastrow_) return;
    w.E.assign(size_t(N) * N, 0.0);
    for (int i = 0; i < N; ++i)
      for (int j = i + 1; j < N; ++j) {
        double r2 = 0;
        for (int a = 0; a < d; ++a) {
          const double r = w.x[size_t(i) * d + a] - w.x[size_t(j) * d + a];
          r2 += r * r;
        }
        w.E[size_t(i) * N + j] = w.E[size_t(j) * N + i] = std::exp(-jkappa_ * r2);
      }
  };
  auto pairOf = [&](const Walker& w) { return sharePair ? pairEnergyFromCache(w.E.data()) : pairEnergy(w.x.data()); };
  auto refresh = [&](Walker& w) {
    double e = 0;
    for (int i = 0; i < N; ++i) {
      evaluateParticle(orbitals_, m_, species_of_[i], d, &w.x[size_t(i) * d], &w.L[i], &w.g[size_t(i) * d], &w.e1[i]);
      e += w.e1[i];
    }
    buildCache(w);
    w.pair = pairOf(w);
    w.EL = e + w.pair + (jastrow_ ? jastrowKinetic(w.x.data(), w.g.data(), w.E.data()) : 0.0);
  };
  // One importance-sampled Metropolis sweep over the particles; E_L recomputed.
  auto move = [&](Walker& w, Rng& rng, MoveStats& st) {
    const double sq = std::sqrt(2 * tau);
    double y[3], gy[3], Ly, ey;
    std::vector<double> row(jastrow_ ? size_t(N) : 0);
    for (int i = 0; i < N; ++i) {
      double* xi = &w.x[size_t(i) * d];
      double* gi = &w.g[size_t(i) * d];
      double eta2 = 0, fwd = 0, Jx = 0, Jy = 0, Gx[3] = {0, 0, 0}, Gy[3] = {0, 0, 0};
      if (jastrow_) jastrowSums(w.x.data(), i, xi, &Jx, Gx, nullptr, &w.E[size_t(i) * N]);   // the pair factor's drift
      for (int a = 0; a < d; ++a) {
        const double eta = rng.normal();
        eta2 += eta * eta;
        y[a] = xi[a] + 2 * tau * (gi[a] + Gx[a]) + sq * eta;
      }
      fwd = 2 * tau * eta2;
      evaluateParticle(orbitals_, m_, species_of_[i], d, y, &Ly, gy, &ey);
      if (jastrow_) jastrowSums(w.x.data(), i, y, &Jy, Gy, row.data());
      double rev = 0;
      for (int a = 0; a < d; ++a) {
        const double z = xi[a] - y[a] - 2 * tau * (gy[a] + Gy[a]);
        rev += z * z;
      }
      const double logA = 2 * (Ly - w.L[i] + Jy - Jx) - (rev - fwd) / (4 * tau);
      const double u = rng.uniform();
      st.proposed += fwd;
      ++st.moves;
      if (logA >= 0 || std::log(u) < logA) {
        st.accepted += fwd;
        ++st.accepted_moves;
        for (int a = 0; a < d; ++a) { xi[a] = y[a]; gi[a] = gy[a]; }
        w.L[i] = Ly;
        w.e1[i] = ey;
        if (jastrow_)
          for (int j = 0; j < N; ++j)
            if (j != i) w.E[size_t(i) * N + j] = w.E[size_t(j) * N + i] = row[j];
      }
    }
    double e = 0;
    for (int i = 0; i < N; ++i) e += w.e1[i];
    w.pair = pairOf(w);
    w.EL = e + w.pair + (jastrow_ ? jastrowKinetic(w.x.data(), w.g.data(), w.E.data()) : 0.0);
  };

  // the walker slots split over the ranks in contiguous blocks; rank q owns [bounds[q], bounds[q+1])
  const mpi::Communicator& ranks = o.ranks ? *o.ranks : mpi::Communicator::self();
  const int P = ranks.size(), me = ranks.rank();
  std::vector<size_t> bounds(P + 1, 0);
  for (int q = 0; q < P; ++q) bounds[q + 1] = ranks.blockOf(size_t(M), q).second;
  const size_t b0 = bounds[me], Mloc = bounds[me + 1] - b0;
  auto owner = [&](size_t k) { return int(std::upper_bound(bounds.begin(), bounds.end(), k) - bounds.begin()) - 1; };
  const size_t packed = size_t(N) * (2 * d + 2) + 2;   // x, g, L, e1, pair, EL
  auto pack = [&](const Walker& w, std::vector<double>& buf) {
    buf.insert(buf.end(), w.x.begin(), w.x.end());
    buf.insert(buf.end(), w.g.begin(), w.g.end());
    buf.insert(buf.end(), w.L.begin(), w.L.end());
    buf.insert(buf.end(), w.e1.begin(), w.e1.end());
    buf.push_back(w.pair);
    buf.push_back(w.EL);
  };
  auto unpack = [&](const double* p, Walker& w) {
    const size_t nd = size_t(N) * d;
    w.x.assign(p, p + nd);
    w.g.assign(p + nd, p + 2 * nd);
    w.L.assign(p + 2 * nd, p + 2 * nd + N);
    w.e1.assign(p + 2 * nd + N, p + 2 * nd + 2 * N);
    w.pair = p[2 * nd + 2 * N];
    w.EL = p[2 * nd + 2 * N + 1];
    buildCache(w);   // recomputed, not sent: the same bits
  };
  // The walkers of the global slots needs[me] (increasing), from their owners; needs is the same on every
  // rank, so each owner knows what to send without a request.
  auto fetch = [&](const std::vector<Walker>& mine, const std::vector<std::vector<size_t>>& needs) {
    std::vector<std::vector<double>> out(P);
    for (int q = 0; q < P; ++q)
      if (q != me)
        for (size_t k : needs[q])
          if (owner(k) == me) pack(mine[k - b0], out[q]);
    const auto in = P > 1 ? ranks.exchangeDoubles(out) : out;
    std::vector<size_t> cursor(P, 0);
    std::vector<Walker> got(needs[me].size());
    for (size_t t = 0; t < needs[me].size(); ++t) {
      const size_t k = needs[me][t];
      const int q = owner(k);
      if (q == me) {
        got[t] = mine[k - b0];
      } else {
        unpack(in[q].data() + cursor[q], got[t]);
        cursor[q] += packed;
      }
    }
    return got;
  };

  // initial walkers: Gaussians of the trap length around the trap centres, then a Metropolis walk on Ψ_T²
  std::vector<Walker> walkers(Mloc);
  parallel::forEach(o.threads, Mloc, [&](size_t b, size_t e) {
    for (size_t kl = b; kl < e; ++kl) {
      const size_t k = b0 + kl;
      Rng rng(o.seed, kInit, k);
      Walker& w = walkers[kl];
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
  {
    std::vector<double> mine(Mloc);
    for (size_t kl = 0; kl < Mloc; ++kl) mine[kl] = walkers[kl].EL;
    const auto all = ranks.allGather(mine);
    for (int k = 0; k < M; ++k) Esum += all[k];
  }
  double ET = Esum / M;
  double accTotal = 0, propTotal = 0;
  long accMoves = 0, moves = 0;
  double tauEff = tau;
  const long neq = std::lround(o.equilibration_time / tau);
  const long nfw = std::max(1L, std::lround(o.forward_time / tau));
  double sumE = 0, sumE2 = 0, sumW = 0;
  // condensate and density (forward walks): the mode bases P_a per species (default: P_0 = 1 alone) and the
  // density bins
  std::vector<TrialModes> modes = o.modes;
  for (int s = int(modes.size()); s < S; ++s) {
    TrialModes t;
    t.dimension = d;
    t.powers = {{0, 0, 0}};
    t.centre.assign(d, 0.0);
    t.C = Eigen::MatrixXd::Identity(1, 1);
    modes.push_back(t);
  }
  std::vector<size_t> densityBins(S, 0);
  for (int s = 0; s < S && s < int(o.density.size()); ++s) {
    densityBins[s] = o.density[s].points > 0 ? size_t(std::pow(o.density[s].points, d)) : 0;
    if (o.density[s].points > 0 && int(o.density[s].centre.size()) != d)
      throw std::invalid_argument("DmcOptions::density: one centre coordinate per dimension");
  }
  // bin of x in species s's density grid (row-major, first axis slowest), −1 outside
  auto bin = [&](int s, const double* x) -> long {
    if (densityBins[s] == 0) return -1;
    const DensityGrid& g = o.density[s];
    long c = 0;
    for (int a = 0; a < d; ++a) {
      const double t = (x[a] - g.centre[a]) / g.box + 0.5;
      if (!(t >= 0 && t < 1)) return -1;
      c = c * g.points + std::min(long(g.points) - 1, long(t * g.points));
    }
    return c;
  };
  int maxNs = 0;
  for (int s = 0; s < S; ++s) maxNs = std::max(maxNs, particles_[s]);
  const size_t rec = 4 + 2 * size_t(d) + size_t(maxNs);
  std::vector<std::vector<std::vector<double>>> fwG(S);
  std::vector<std::vector<double>> fwDen(S);
  struct Batches {   // running batch-mean sums of a ratio Σnum/Σden per bin
    std::vector<double> num, sn, sn2, snd;
    double den = 0, sd = 0, sd2 = 0;
    long count = 0, batches = 0;
    void close() {
      for (size_t c = 0; c < num.size(); ++c) {
        sn[c] += num[c];
        sn2[c] += num[c] * num[c];
        snd[c] += num[c] * den;
        num[c] = 0;
      }
      sd += den;
      sd2 += den * den;
      den = 0;
      count = 0;
      ++batches;
    }
  };
  constexpr long kBatch = 8;
  std::vector<Batches> densityBatch(S);
  std::vector<std::vector<long>> mixedCounts(S);
  for (int s = 0; s < S; ++s) {
    for (auto* v : {&densityBatch[s].num, &densityBatch[s].sn, &densityBatch[s].sn2, &densityBatch[s].snd})
      v->assign(densityBins[s], 0.0);
    mixedCounts[s].assign(densityBins[s], 0);
  }
  long measured = 0;
  std::vector<double> mineStep(6 * Mloc);
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
    parallel::forEach(o.threads, Mloc, [&](size_t b, size_t e) {
      for (size_t kl = b; kl < e; ++kl) {
        const size_t k = b0 + kl;
        Rng rng(o.seed, kStep, std::uint64_t(n), k);
        Walker& w = walkers[kl];
        const double old = w.EL;
        MoveStats st;
        move(w, rng, st);
        double* v = &mineStep[6 * kl];
        v[0] = std::exp(-tauEff * (0.5 * (old + w.EL) - ET));
        v[1] = st.accepted;
        v[2] = st.proposed;
        v[3] = double(st.accepted_moves);
        v[4] = double(st.moves);
        v[5] = w.EL;
      }
    }, 1);
    {   // every slot's numbers on every rank, in slot order
      const std::vector<double> all = P > 1 ? ranks.allGather(mineStep) : mineStep;
      for (int k = 0; k < M; ++k) {
        const double* v = &all[6 * size_t(k)];
        weight[k] = v[0];
        acc[k] = v[1];
        prop[k] = v[2];
        accm[k] = long(v[3]);
        movm[k] = long(v[4]);
        EL[k] = v[5];
      }
    }
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
      std::vector<size_t> src(M);
      for (int j = 0; j < M; ++j) {
        const double tooth = (j + xi) / M * W;
        while (k < M - 1 && cum + weight[k] < tooth) cum += weight[k++];
        src[j] = size_t(k);
      }
      // the copies each rank's new block needs (src is non-decreasing: distinct sources in order)
      std::vector<std::vector<size_t>> needs(P);
      for (int q = 0; q < P; ++q)
        for (size_t j = bounds[q]; j < bounds[q + 1]; ++j)
          if (needs[q].empty() || needs[q].back() != src[j]) needs[q].push_back(src[j]);
      std::vector<Walker> got = fetch(walkers, needs);
      std::vector<Walker> next(Mloc);
      for (size_t j = b0, t = 0; j < b0 + Mloc; ++j) {
        while (needs[me][t] != src[j]) ++t;
        next[j - b0] = got[t];
      }
      walkers.swap(next);
    }
    if (measuring)   // the mixed density: integer counts of the (equally weighted) post-comb population
      for (const Walker& w : walkers)
        for (int i = 0; i < N; ++i) {
          const int s = species_of_[i];
          if (densityBins[s] == 0) continue;
          const long c = bin(s, &w.x[size_t(i) * d]);
          if (c >= 0) ++mixedCounts[s][size_t(c)];
        }
    // condensate: paired forward walks from the first forward_walkers slots
    if (measuring && o.forward_walkers > 0 && (n - neq) % o.forward_every == 0) {
      const int F = std::min(o.forward_walkers, M);
      // tasks (slot k < F, species s) split over the ranks in blocks; each rank fetches its slots
      const size_t tasks = size_t(F) * S;
      std::vector<size_t> tb(P + 1, 0);
      for (int q = 0; q < P; ++q) tb[q + 1] = ranks.blockOf(tasks, q).second;
      std::vector<std::vector<size_t>> needs(P);
      for (int q = 0; q < P; ++q)
        for (size_t task = tb[q]; task < tb[q + 1]; ++task)
          if (needs[q].empty() || needs[q].back() != task / S) needs[q].push_back(task / S);
      const std::vector<Walker> starts = fetch(walkers, needs);
      const size_t myTasks = tb[me + 1] - tb[me];
      std::vector<double> mine(rec * myTasks);
      parallel::forEach(o.threads, myTasks, [&](size_t b, size_t e) {
        for (size_t tl = b; tl < e; ++tl) {
          const size_t task = tb[me] + tl;
          const int s = int(task % S);
          const Walker& start = starts[std::lower_bound(needs[me].begin(), needs[me].end(), task / S) - needs[me].begin()];
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
          Walker main = start, disp = start;
          for (int a = 0; a < d; ++a) disp.x[size_t(i) * d + a] = xp[a];
          refresh(disp);
          const double logOmega = 2 * disp.L[i] - logq;
          double logJratio = 0;   // the pair factor's Ψ_T(R_{i→x'})/Ψ_T(R) beyond u(x')/u(x_i)
          if (jastrow_) {
            double Jx, Jy, G[3];
            jastrowSums(start.x.data(), i, &start.x[size_t(i) * d], &Jx, G);
            jastrowSums(start.x.data(), i, xp, &Jy, G);
            logJratio = Jy - Jx;
          }
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
          // the task's record: W_m, W_d, ω_0 = u(x')²/q, ω_J = ω_0 × the pair factor's ratio, x_i, x', the density bins of the species' particles in R
          double* v = &mine[rec * tl];
          v[0] = std::exp(logWm);
          v[1] = std::exp(logWd);
          v[2] = std::exp(logOmega);
          v[3] = std::exp(logOmega + logJratio);
          for (int a = 0; a < d; ++a) {
            v[4 + a] = start.x[size_t(i) * d + a];
            v[4 + d + a] = xp[a];
          }
          for (int j = 0; j < maxNs; ++j) v[4 + 2 * d + j] = j < particles_[s] ? double(bin(s, &start.x[size_t(first + j) * d])) : -1.0;
        }
      }, 1);
      const std::vector<double> all = P > 1 ? ranks.allGather(mine) : mine;   // task order
      // every rank adds the records in task order: ⟨φ_a|γ_s|φ_b⟩ with the control variate
      // E_x'[ω_0 P_b(x')] = ⟨u P_b|u⟩ = δ_b0 / C_00 (x' independent of R), so the noise of ω alone drops out:
      //   num_ab = P_a(x_i) [P_b(x') (ω_J W_d − ω_0 W_m) + δ_b0 W_m / C_00],   den = W_m
      for (int s = 0; s < S; ++s) {
        const int K = modes[s].size();
        std::vector<double> G(size_t(K) * K, 0.0), Pa(K), Pb(K);
        double den = 0;
        std::vector<double> rho(densityBins[s], 0.0);
        for (int k = 0; k < F; ++k) {
          const double* v = &all[rec * (size_t(k) * S + s)];
          const double Wm = v[0], Wd = v[1], om = v[2], omJ = v[3];
          modes[s].polynomials(v + 4, Pa.data());
          modes[s].polynomials(v + 4 + d, Pb.data());
          for (int a = 0; a < K; ++a) {
            for (int bb = 0; bb < K; ++bb) G[size_t(a) * K + bb] += Pa[a] * (Pb[bb] * (omJ * Wd - om * Wm));
            G[size_t(a) * K] += Pa[a] * Wm / modes[s].C(0, 0);
          }
          den += Wm;
          for (int j = 0; j < particles_[s]; ++j) {
            const double c = v[4 + 2 * d + j];
            if (c >= 0) rho[size_t(c)] += Wm;
          }
        }
        fwG[s].push_back(std::move(G));
        fwDen[s].push_back(den);
        if (densityBins[s] > 0) {   // batch sums for the ratio's batch-means error (batches of kBatch)
          auto& B = densityBatch[s];
          for (size_t c = 0; c < rho.size(); ++c) B.num[c] += rho[c] / particles_[s];
          B.den += den;
          if (++B.count == kBatch) B.close();
        }
      }
      r.forward_samples += F;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (o.max_seconds > 0) seconds = ranks.max(seconds);   // the same stopping step on every rank
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
  r.density_matrix.resize(S);
  r.density_matrix_error.resize(S);
  for (int s = 0; s < S; ++s) {
    const int K = modes[s].size();
    const size_t nm = fwDen[s].size();
    Eigen::MatrixXd G = Eigen::MatrixXd::Constant(K, K, std::nan("")), E = G;
    double lam = std::nan(""), lamErr = std::nan("");
    if (nm >= 2) {
      double b = 0;
      for (size_t m = 0; m < nm; ++m) b += fwDen[s][m];
      const double meanDen = b / double(nm);
      // the symmetrised estimate ½(γ_ab + γ_ba) and its error from blocking of the linearised ratio
      auto element = [&](int a, int c, const std::vector<double>* weights, double& value, double& error) {
        double num = 0;
        for (size_t m = 0; m < nm; ++m)
          for (int x = 0; x < K; ++x)
            for (int y = 0; y < K; ++y) {
              const double wxy = weights ? (*weights)[size_t(x) * K + y] : ((x == a && y == c) || (x == c && y == a) ? (a == c ? 1.0 : 0.5) : 0.0);
              if (wxy != 0) num += wxy * fwG[s][m][size_t(x) * K + y];
            }
        value = num / b;
        std::vector<double> lin(nm);
        for (size_t m = 0; m < nm; ++m) {
          double nmv = 0;
          for (int x = 0; x < K; ++x)
            for (int y = 0; y < K; ++y) {
              const double wxy = weights ? (*weights)[size_t(x) * K + y] : ((x == a && y == c) || (x == c && y == a) ? (a == c ? 1.0 : 0.5) : 0.0);
              if (wxy != 0) nmv += wxy * fwG[s][m][size_t(x) * K + y];
            }
          lin[m] = (nmv - value * fwDen[s][m]) / meanDen;
        }
        error = blockingAnalysis(lin, 16).error;
      };
      for (int a = 0; a < K; ++a)
        for (int c = a; c < K; ++c) {
          element(a, c, nullptr, G(a, c), E(a, c));
          G(c, a) = G(a, c);
          E(c, a) = E(a, c);
        }
      // the largest eigenvalue of the projected γ_s (≥ ⟨u|γ|u⟩, ≤ the condensate fraction), its error
      // to first order: λ = vᵀγv with v the eigenvector held fixed
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(G);
      const Eigen::VectorXd vec = eig.eigenvectors().col(K - 1);
      std::vector<double> w(size_t(K) * K);
      for (int x = 0; x < K; ++x)
        for (int y = 0; y < K; ++y) w[size_t(x) * K + y] = vec(x) * vec(y);
      element(0, 0, &w, lam, lamErr);
    }
    r.density_matrix[s] = G;
    r.density_matrix_error[s] = E;
    r.condensate_fraction.push_back(G(0, 0));
    r.condensate_fraction_error.push_back(E(0, 0));
    r.largest_eigenvalue.push_back(lam);
    r.largest_eigenvalue_error.push_back(lamErr);
  }
  // the density: pure (forward walked) Σ W_m δ(x − x_i) / (N_s Σ W_m) per bin volume, batch-means error;
  // mixed: the post-comb counts (integers: the same on any number of ranks) / (N_s · measured · M)
  r.density_pure.resize(S);
  r.density_pure_error.resize(S);
  r.density_mixed.resize(S);
  for (int s = 0; s < S; ++s) {
    if (densityBins[s] == 0) continue;
    const DensityGrid& g = o.density[s];
    const double vol = std::pow(g.box / g.points, d);
    Batches& B = densityBatch[s];
    const double nb = double(B.batches);
    r.density_pure[s].assign(densityBins[s], std::nan(""));
    r.density_pure_error[s].assign(densityBins[s], std::nan(""));
    if (B.batches >= 2) {
      const double meanDen = B.sd / nb;
      for (size_t c = 0; c < densityBins[s]; ++c) {
        const double ratio = B.sn[c] / B.sd;
        // Σ_b (num_b − ratio den_b)² from the running sums; variance of the mean of the linearised ratio
        const double ss = B.sn2[c] - 2 * ratio * B.snd[c] + ratio * ratio * B.sd2;
        r.density_pure[s][c] = ratio / vol;
        r.density_pure_error[s][c] = std::sqrt(std::max(0.0, ss) / (nb * (nb - 1))) / meanDen / vol;
      }
    }
    std::vector<double> counts(densityBins[s]);
    for (size_t c = 0; c < counts.size(); ++c) counts[c] = double(mixedCounts[s][c]);
    const std::vector<double> all = ranks.allGather(counts);
    r.density_mixed[s].assign(densityBins[s], 0.0);
    for (int q = 0; q < P; ++q)
      for (size_t c = 0; c < densityBins[s]; ++c) r.density_mixed[s][c] += all[size_t(q) * densityBins[s] + c];
    for (double& v : r.density_mixed[s]) v /= double(particles_[s]) * double(measured) * double(M) * vol;
  }
  r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // all walker steps the run made: the Metropolis walk on Ψ_T², equilibration, measured steps, forward walks
  const double walkerSteps = double(M) * double(std::lround(o.vmc_time / tau) + measured + neq) +
                             double(r.forward_samples) * S * 2.0 * double(nfw);
  r.seconds_per_walker_step = r.wall_seconds / walkerSteps;
  r.cpu_seconds_per_walker_step = ranks.sum(double(std::clock() - cpuStart) / CLOCKS_PER_SEC) / walkerSteps;
  r.ranks = P;
  return r;
}

}  // namespace cbec
