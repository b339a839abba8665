// Preconditioned nonlinear conjugate gradient on the product of unit spheres
// (Antoine, Levitt & Tang, J. Comput. Phys. 343 (2017) 92–109), see ground_state.hpp.
//
// Iteration k, state u = (u_s) with ‖u_s‖ = 1, evaluation ev at u (hamiltonian.hpp: H_s = ν_s(-Δ) + U_s):
//   r_s = H_s u_s - μ_s u_s                        (Riemannian gradient of E is 2c_s r_s)
//   d_s = -P_s r_s, then d_s ← d_s - ⟨u_s,d_s⟩u_s    (tangent; descent since ⟨r_s,P_s r_s⟩ > 0)
//   β   = max(0, Σ c_s⟨r_s - r_s', P_s r_s⟩ / Σ c_s⟨r_s', P_s r_s'⟩)   (Polak–Ribière⁺; ' = previous)
//   p_s = d_s + β p_s',  p_s ← p_s - ⟨u_s,p_s⟩u_s;   restart p = d if E'(0) ≥ 0
//   u_s(θ) = cos(θ n_s) u_s + sin(θ n_s) p_s/n_s,  n_s = ‖p_s‖                    (geodesic = retraction)
//   E'(0)  = Σ_s 2c_s ⟨r_s, p_s⟩
//   E''(0) = Σ_s 2c_s (⟨p_s, H_s p_s⟩ - μ_s n_s²) + D²F[2u p, 2u p]              (exact, F = interaction)
//   θ = -E'(0)/E''(0) (if E'' > 0), halved while E(u(θ)) rises above E(u) (+ round-off allowance).
// The c_s in the gradient is absorbed by the preconditioner (P_s approximates (2c_s Hess_s)^{-1}·2c_s),
// hence the c_s weights in the β inner products.
//
// Total-mass constraint (mixture.hpp: weights c_s = 1, the state v carries the masses, Σ_s‖v_s‖² = 1): M is
// one sphere in the product space, so the tangent projection, the norm of the geodesic and the normalisation
// are taken over all species together, and μ_s = μ is the one multiplier (hamiltonian.hpp):
//   d ← d - (Σ_s⟨v_s,d_s⟩) v,   n = (Σ_s‖p_s‖²)^{1/2},   v(θ) = cos(θn) v + sin(θn) p/n,
// E'(0) and E''(0) keep the form above with c_s = 1 and μ_s = μ (Σ_s μ n_s² = μ n²). The preconditioner's
// shift is per unit mass, α_s = 2⟨v_s,(-Δ + V_s)v_s⟩/‖v_s‖².
#include "iteration_monitor.hpp"

#include <cbec/discretisation/parallel.hpp>
#include <cbec/io/errors.hpp>

#include <cmath>
#include <numbers>

namespace cbec::detail {
namespace {

class Preconditioner {
 public:
  explicit Preconditioner(int species) : cache_(species) {}
  // P_s = P_V^{1/2} (α - ν_sΔ)^{-1} P_V^{1/2},  P_V = (1 + ν_sV_s/α)^{-1},  α = 2⟨u_s,ν_s(-Δ + V_s)u_s⟩.
  // The shift α sets where the preconditioner switches from 1/α to 1/|k|² (and 1/V); twice the
  // one-body energy of the current iterate was the best of the choices tried (kinetic energy ×0.3..10:
  // 16–54 iterations on the 2D benchmark mixture, broad optimum at 3–5× the kinetic energy).
  // D and the α of the resolvent are renewed only when α moves by more than 5% (α settles within a few iterations).
  void prepare(Hamiltonian& h, int s, double alpha) {
    Cache& c = cache_[s];
    if (!(std::abs(alpha - c.alpha) <= 0.05 * c.alpha)) rebuild(h, s, alpha, c);
  }
  // out = P_s r = D·F^{-1}[F(D·r)/(α+ν|k|²)] on `fft` (h's transform or one of its lanes), and K sums
  // g(i, out_i, acc) fused into the copy out of the FFT buffer; prepare(h, s, α) first.
  template <size_t K, class G>
  std::array<double, K> apply(Hamiltonian& h, FourierTransform& fft, int s, const Field& r, Field& out, G&& g) {
    const Cache& c = cache_[s];
    const Field& D = c.D;
    const double inv = fft.inverseSize();
    fft.fillReal<0>([&](size_t i, auto&) { return D[i] * r[i]; });
    fft.resolventInBuffer(c.alpha, h.kineticPrefactor(s));
    out.resize(h.grid().shape());
    return fft.drainReal<K>([&](size_t i, double b, std::array<double, K>& acc) {
      out[i] = inv * D[i] * b;
      g(i, out[i], acc);
    });
  }

 private:
  struct Cache {
    double alpha = -1;
    Field D;
  };
  static void rebuild(Hamiltonian& h, int s, double alpha, Cache& c) {
    c.alpha = alpha;
    const double nu = h.kineticPrefactor(s);
    const Field& V = h.trap(s);
    c.D.resize(V.size());
    parallel::forEach(h.threads(), V.size(), [&](size_t i0, size_t i1) {
      for (size_t i = i0; i < i1; ++i) c.D[i] = 1.0 / std::sqrt(1.0 + nu * V[i] / alpha);
    });
  }
  std::vector<Cache> cache_;
};

/// One PCG run: the iterate u, its evaluation, the search direction p. Storage per species: u, the trial
/// iterate, P r, p, and two evaluations (U, r each). The trial evaluation's residual storage holds in turn
/// the previous residual r' (the one of the evaluation swapped out at the last accepted step) until β is
/// formed, the density variation δρ = 2u p until the curvature is formed, and the trial densities uNew²
/// until the trial potential is made. Passes over the fields per species and iteration: preconditioner
/// (copy in, spectral product, copy out with the β sums), direction (with δρ and its sums), D²F, ⟨p,-Δp⟩
/// (copy in, spectral sum), trial step (with ρ), trial evaluation (potential, -Δ with H u, residual).
class Pcg {
 public:
  Pcg(Hamiltonian& h, const SolverOptions& o, State u)
      : h_(h), o_(o), total_(h.mixture().totalMass()), S_(h.speciesCount()), T_(h.threads()), n_(h.grid().size()), dV_(h.grid().cellVolume()), u_(std::move(u)),
        Pr_(S_), p_(S_), uNew_(S_), precond_(S_), uPr_(S_), uPp_(S_), nrm_(S_), pUp_(S_), pp_(S_), up_(S_), uu_(S_),
        ca_(S_), cb_(S_) {}

  GroundStateResult run() {
    h_.fourier().prepareLanes(S_);   // plans of the species' batches (threads ≥ 2) made before the clock starts
    IterationMonitor monitor(h_, o_);
    h_.evaluate(u_, ev_);
    long it = 0;
    bool conv = false;
    for (; it <= o_.max_iterations; ++it) {
      if ((conv = monitor.converged(it, ev_))) break;
      if (it == o_.max_iterations || !step()) break;
    }
    return monitor.finish(std::move(u_), ev_, it, conv);
  }

 private:
  Hamiltonian& h_;
  const SolverOptions& o_;
  const bool total_;   // one sphere Σ_s‖v_s‖² = 1 instead of ‖u_s‖ = 1 each
  const int S_, T_;   // species, threads of the pointwise passes (sums independent of T_: parallel.hpp)
  const size_t n_;
  const double dV_;
  State u_, Pr_, p_, uNew_;
  Evaluation ev_, trial_;
  Preconditioner precond_;
  std::vector<double> uPr_, uPp_, nrm_;
  std::vector<double> pUp_, pp_, up_, uu_;   // ⟨p_s,U_s p_s⟩, ‖p_s‖², ⟨u_s,p_s⟩, ‖u_s‖² (times dV) of the direction pass
  std::vector<double> ca_, cb_;               // uNew_s = ca_s u_s + cb_s p_s of the last trial step
  // -Δ of the trial iterates by linearity (4 FFTs per species and iteration instead of 5), from the accepted
  // iterate's ν(-Δu) recovered from its residual; every kExactEvery-th iterate by the transforms, which
  // bounds the round-off carried along (≈ 1e-16 relative per step).
  static constexpr long kExactEvery = 16;
  long linearSteps_ = 0;   // accepted iterates since the last one evaluated by the transforms
  bool linear_ = false;    // the current line search evaluates by linearity
  double prevDenominator_ = 0, maxNorm_ = 0;
  bool havePrev_ = false;

  double c(int s) const { return h_.fraction(s); }

  /// One iteration; false when no step could be taken (zero direction, or no decrease).
  bool step() {
    double denominator = 0;
    const double beta = preconditionedGradient(denominator);
    double slope = buildDirection(havePrev_ ? beta : 0.0);
    if (!(slope < 0)) slope = buildDirection(0.0);   // not a descent direction: restart
    prevDenominator_ = denominator;
    havePrev_ = true;
    const double rest = curvatureWithoutKinetic();
    if (maxNorm_ == 0) return false;
    if (!lineSearch(slope, rest)) return false;
    std::swap(u_, uNew_);
    std::swap(ev_, trial_);
    linearSteps_ = linear_ ? linearSteps_ + 1 : 0;
    return true;
  }

  /// P_s r_s, the Polak–Ribière β⁺ (denominator Σ c_s⟨r_s, P_s r_s⟩ returned in `denominator`) and the
  /// projections ⟨u_s, P_s r_s⟩, ⟨u_s, p_s'⟩, summed in the preconditioner's copy out of the FFT buffer:
  ///   q = P_s r_s;  Σ r q, Σ r' q, Σ u q, Σ u p'   (r' = the previous residual, p' = the previous direction)
  double preconditionedGradient(double& denominator) {
    for (int s = 0; s < S_; ++s) {
      const double mass = total_ ? ev_.norm2[s] : c(s);   // per unit mass
      const double alpha = mass > 0 ? 2 * (ev_.terms.kinetic[s] + ev_.terms.trap[s]) / mass : 0.0;
      precond_.prepare(h_, s, std::max(alpha, 1e-3));
    }
    std::vector<std::array<double, 4>> sums(S_);   // ⟨r,Pr⟩, ⟨r',Pr⟩, ⟨u,Pr⟩, ⟨u,p'⟩; the species concurrently
    h_.fourier().concurrently(S_, [&](size_t k, FourierTransform& fft) {
      const int s = static_cast<int>(k);
      const Field& r = ev_.residual[s];
      const Field& us = u_[s];
      if (havePrev_) {
        const Field& rp = trial_.residual[s];   // r' of the previous accepted iterate
        const Field& pp = p_[s];
        sums[s] = precond_.apply<4>(h_, fft, s, r, Pr_[s], [&](size_t i, double q, std::array<double, 4>& a) {
          a[0] += r[i] * q; a[1] += rp[i] * q; a[2] += us[i] * q; a[3] += us[i] * pp[i];
        });
      } else {
        sums[s] = precond_.apply<4>(h_, fft, s, r, Pr_[s], [&](size_t i, double q, std::array<double, 4>& a) {
          a[0] += r[i] * q; a[2] += us[i] * q;
        });
      }
    });
    double numer = 0;
    denominator = 0;
    for (int s = 0; s < S_; ++s) {
      const auto [rq, dq, uq, up] = sums[s];
      denominator += c(s) * rq * dV_;
      numer += c(s) * (rq - dq) * dV_;
      uPr_[s] = uq * dV_;
      uPp_[s] = up * dV_;
    }
    return havePrev_ && prevDenominator_ > 0 ? std::max(0.0, numer / prevDenominator_) : 0.0;
  }

  /// One pass per species (fused):  p_s = -P_s r_s + β p_s' - (⟨u_s,-P_s r_s + β p_s'⟩) u_s  (tangent at u_s),
  /// δρ_s = 2u_s p_s (into the trial evaluation's residual storage, free until the trial step), and the sums
  /// ⟨r_s,p_s⟩, ⟨p_s,U_s p_s⟩, ‖p_s‖², ⟨u_s,p_s⟩, ‖u_s‖². Returns E'(0) = Σ 2c_s⟨r_s, p_s⟩.
  double buildDirection(double b) {
    double slope = 0;
    trial_.residual.resize(S_);
    double totalProj = 0;   // total mass: Σ_s ⟨v_s, -P_s r_s + β p_s'⟩, one projection for all species
    if (total_)
      for (int s = 0; s < S_; ++s) totalProj += -uPr_[s] + b * uPp_[s];
    for (int s = 0; s < S_; ++s) {
      Field& ps = p_[s];
      ps.resize(n_, 0.0);
      Field& drho = trial_.residual[s];
      drho.resize(h_.grid().shape());
      const Field& us = u_[s];
      const Field& q = Pr_[s];
      const Field& r = ev_.residual[s];
      const Field& U = ev_.potential[s];
      const double proj = total_ ? totalProj : -uPr_[s] + b * uPp_[s];
      // two loops per block (its fields are still in cache for the second): seven streams in one loop
      // collide in the cache when the fields are page-aligned (fresh mmap'ed allocations; 3× slower)
      const auto [rp, pUp, pp, up, uu] = parallel::sum<5>(h_.team(), n_, [&](size_t i0, size_t i1) {
        std::array<double, 5> a{};
        for (size_t i = i0; i < i1; ++i) {
          ps[i] = -q[i] + b * ps[i] - proj * us[i];
          a[0] += r[i] * ps[i];
          a[2] += ps[i] * ps[i];
          a[3] += us[i] * ps[i];
          a[4] += us[i] * us[i];
        }
        for (size_t i = i0; i < i1; ++i) {
          drho[i] = 2 * us[i] * ps[i];
          a[1] += U[i] * ps[i] * ps[i];
        }
        return a;
      });
      slope += 2 * c(s) * rp * dV_;
      pUp_[s] = pUp * dV_, pp_[s] = pp * dV_, up_[s] = up * dV_, uu_[s] = uu * dV_;
    }
    return slope;
  }

  /// Σ_s 2c_s(⟨p_s, U_s p_s⟩ - μ_s n_s²) + D²F[2u p, 2u p]; sets n_s = ‖p_s‖ and their maximum.
  double curvatureWithoutKinetic() {
    double rest = 0, all = 0;
    maxNorm_ = 0;
    for (int s = 0; s < S_; ++s) {
      nrm_[s] = std::sqrt(pp_[s]);
      maxNorm_ = std::max(maxNorm_, nrm_[s]);
      all += pp_[s];
      rest += 2 * c(s) * (pUp_[s] - ev_.mu[s] * nrm_[s] * nrm_[s]);
    }
    if (total_) maxNorm_ = std::sqrt(all);   // the norm of p on the one sphere
    return rest + h_.secondVariation(trial_.residual);
  }

  /// uNew_s = (cos(θn_s)u_s + sin(θn_s)/n_s p_s)/σ_s, evaluated into trial_, with
  ///   σ_s² = ‖cos(θn_s)u_s + sin(θn_s)/n_s p_s‖² = a²‖u_s‖² + 2ab⟨u_s,p_s⟩ + b²‖p_s‖²   (a, b the two factors;
  /// σ_s = 1 up to round-off) from the direction's sums, and ρ_s = uNew_s² written in the same pass.
  double tryStep(double theta) {
    trial_.residual.resize(S_);
    double totalSigma2 = 0;   // total mass: one geodesic of the sphere Σ_s‖v_s‖² = 1, n = maxNorm_
    if (total_) {
      const double a = std::cos(theta * maxNorm_), b = maxNorm_ > 0 ? std::sin(theta * maxNorm_) / maxNorm_ : 0.0;
      for (int s = 0; s < S_; ++s) totalSigma2 += a * a * uu_[s] + 2 * a * b * up_[s] + b * b * pp_[s];
    }
    for (int s = 0; s < S_; ++s) {
      uNew_[s].resize(h_.grid().shape());
      trial_.residual[s].resize(h_.grid().shape());
      const double n = total_ ? maxNorm_ : nrm_[s];
      const double a = std::cos(theta * n);
      const double b = n > 0 ? std::sin(theta * n) / n : 0.0;
      const double sigma = total_ ? std::sqrt(totalSigma2) : std::sqrt(a * a * uu_[s] + 2 * a * b * up_[s] + b * b * pp_[s]);
      if (!(sigma > 0) || !std::isfinite(sigma)) throw NumericalError("PCG: non-finite iterate");
      const double ca = ca_[s] = a / sigma, cb = cb_[s] = b / sigma;
      Field& w = uNew_[s];
      Field& rho = trial_.residual[s];
      const Field& us = u_[s];
      const Field& ps = p_[s];
      parallel::forEach(T_, n_, [&](size_t i0, size_t i1) {
        for (size_t i = i0; i < i1; ++i) { w[i] = ca * us[i] + cb * ps[i]; rho[i] = w[i] * w[i]; }
      });
    }
    if (!linear_) {
      h_.evaluateFromDensities(uNew_, trial_);   // -Δ uNew by the transforms
    } else {   // ν(-Δ uNew_s) = ca_s ν(-Δu_s) + cb_s ν(-Δp_s): the evaluation's and lineSearch's (in Pr_), no transform
      h_.evaluateFromDensities(uNew_, trial_, [this](int s, size_t i) {
        return ca_[s] * ev_.kineticApplied(s, u_[s], i) + cb_[s] * Pr_[s][i];
      });
    }
    return trial_.energy;
  }

  /// ν_s(-Δp_s) into Pr_s (no longer needed: the direction is made) and ⟨p_s, ν_s(-Δp_s)⟩ (2 FFTs).
  double kineticOfDirection(int s, FourierTransform& fft) {
    const Field& ps = p_[s];
    Field& Lp = Pr_[s];
    const double nu = h_.kineticPrefactor(s), inv = fft.inverseSize();
    fft.fillReal<0>([&](size_t i, auto&) { return ps[i]; });
    fft.multiplierInBuffer(fft.k2());
    const auto [pLp] = fft.drainReal<1>([&](size_t i, double b, std::array<double, 1>& a) {
      Lp[i] = nu * (inv * b);
      a[0] += ps[i] * Lp[i];
    });
    return pLp * dV_;
  }

  /// Round-off allowance relative to the size of the terms, not of E: near collapse (blow-up scans)
  /// E = kinetic - interaction is a small difference of large terms. Sums over 10⁶–10⁷ points carry
  /// ~1e-13 relative noise, above the true decrease (~residual²) near convergence, where the exact
  /// quadratic model is reliable anyway: spurious backtracks there reset the conjugacy (3D 128³: 24
  /// instead of 20 iterations), hence the generous factor.
  double allowance() const {
    double magnitude = std::abs(ev_.terms.inter);
    for (int s = 0; s < S_; ++s)
      magnitude += std::abs(ev_.terms.kinetic[s]) + std::abs(ev_.terms.trap[s]) + std::abs(ev_.terms.intra[s]);
    return 1e-11 * std::max(1.0, magnitude);
  }

  /// θ from the exact second-order model along the geodesic, halved while the energy rises.
  /// Σ 2c_s ν_s⟨p_s,-Δp_s⟩: with ν_s(-Δp_s) (two FFTs per species) when the trial iterates are to be evaluated by
  /// linearity, else by Parseval (one FFT per species).
  bool lineSearch(double slope, double rest) {
    linear_ = linearSteps_ + 1 < kExactEvery;
    std::vector<double> forms(S_);   // the species concurrently
    h_.fourier().concurrently(S_, [&](size_t k, FourierTransform& fft) {
      const int s = static_cast<int>(k);
      forms[s] = linear_ ? kineticOfDirection(s, fft) : h_.kineticForm(s, p_[s], fft);
    });
    double kinetic = 0;
    for (int s = 0; s < S_; ++s) kinetic += 2 * c(s) * forms[s];
    const double thetaMax = 0.5 * std::numbers::pi / maxNorm_;
    const double curv = kinetic + rest;
    double theta = curv > 0 ? std::min(-slope / curv, thetaMax) : std::min(1.0, thetaMax);
    const double limit = ev_.energy + allowance();
    for (int tries = 0; tries < 30; ++tries) {
      if (tryStep(theta) <= limit) return true;
      theta *= 0.5;
      havePrev_ = false;   // the conjugacy is lost after a backtrack
    }
    return false;
  }
};

}  // namespace

GroundStateResult preconditionedConjugateGradient(Hamiltonian& h, const SolverOptions& o, State u) {
  return Pcg(h, o, std::move(u)).run();
}

}  // namespace cbec::detail
