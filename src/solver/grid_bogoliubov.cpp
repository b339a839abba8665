// Bogoliubov theory on the grid around the Hartree minimiser (grid_bogoliubov.hpp).
#include <cbec/solver/grid_bogoliubov.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/manybody/bogoliubov.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/linear_operator.hpp>
#include <cbec/numerics/aitken.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>

namespace cbec {

namespace {

/// x ↦ (H_s − μ_s)x on the grid values (H_s linear: the Euclidean coordinates x = √h^d f are fine), U_s frozen.
class ShiftedMeanField final : public LinearOperator<double> {
 public:
  ShiftedMeanField(Hamiltonian& h, int s, const Field& U, double mu) : h_(h), s_(s), U_(U), mu_(mu) {
    in_ = Field(h.grid().shape());
    out_ = Field(h.grid().shape());
  }
  std::size_t dimension() const override { return h_.grid().size(); }
  void applyRows(const double* x, double* y, std::size_t begin, std::size_t end) const override {
    std::copy(x, x + in_.size(), in_.data());
    h_.apply(s_, U_, in_, out_);
    for (std::size_t i = begin; i < end; ++i) y[i] = out_[i] - mu_ * x[i];
  }

 private:
  Hamiltonian& h_;
  int s_;
  const Field& U_;
  double mu_;
  mutable Field in_, out_;
};

struct SpeciesBasis {
  Eigen::MatrixXd phi;      ///< n × M, Euclidean-orthonormal, ⊥ u_s
  Eigen::VectorXd eps;      ///< ε_k ascending
  double residual = 0;
  bool converged = false;
};

/// The lowest M eigenvectors of H_s − μ_s other than u_s (which is the lowest: the minimiser is the ground
/// state of its own mean field), re-orthogonalised against u_s.
SpeciesBasis excitationBasis(Hamiltonian& h, int s, const Field& U, double mu, const Field& u, int M,
                             const GridBogoliubovOptions& o) {
  ShiftedMeanField op(h, s, U, mu);
  LanczosOptions lo;
  lo.count = M + 1;
  lo.tolerance = o.lanczos_tolerance;
  // dense when the grid is small or the basis is a large part of it (Lanczos with 2M + 1 Krylov vectors is
  // then no cheaper than the full eigendecomposition)
  lo.dense_below = std::max<std::size_t>(o.dense_below, 4 * static_cast<std::size_t>(M + 1));
  const EigenPairs p = lowestEigenpairs(op, lo);
  const Eigen::Index n = static_cast<Eigen::Index>(u.size());
  Eigen::VectorXd uh = Eigen::Map<const Eigen::VectorXd>(u.data(), n);
  uh.normalize();
  int drop = 0;
  for (int k = 1; k < p.vectors.cols(); ++k)
    if (std::abs(p.vectors.col(k).dot(uh)) > std::abs(p.vectors.col(drop).dot(uh))) drop = k;
  if (std::abs(p.vectors.col(drop).dot(uh)) < 0.9)
    throw NumericalError(fmt::format("grid Bogoliubov: the minimiser of species {} is not an eigenvector of its mean "
                                     "field (overlap {:.3g})", s, std::abs(p.vectors.col(drop).dot(uh))));
  SpeciesBasis b;
  b.phi.resize(n, M);
  b.eps.resize(M);
  int c = 0;
  for (int k = 0; k < p.vectors.cols() && c < M; ++k) {
    if (k == drop) continue;
    b.phi.col(c) = p.vectors.col(k) - p.vectors.col(k).dot(uh) * uh;
    b.eps(c) = p.values(k);
    b.residual = std::max(b.residual, k < static_cast<int>(p.residuals.size()) ? p.residuals[k] : 0.0);
    ++c;
  }
  // Re-orthonormalise (thin QR keeps the span; the Ritz values are unchanged to the Lanczos tolerance).
  Eigen::HouseholderQR<Eigen::MatrixXd> qr(b.phi);
  Eigen::MatrixXd Q = qr.householderQ() * Eigen::MatrixXd::Identity(n, M);
  for (int k = 0; k < M; ++k)
    if (Q.col(k).dot(b.phi.col(k)) < 0) Q.col(k) = -Q.col(k);
  b.phi = Q;
  b.converged = p.converged;
  return b;
}

}  // namespace

GridBogoliubovResult gridBogoliubov(Hamiltonian& h, const GroundStateResult& g, const GridBogoliubovOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  if (!g.converged) throw InputError("grid Bogoliubov: the Hartree minimiser is not converged");
  const int S = h.speciesCount();
  const std::size_t n = h.grid().size();
  const int M = o.modes;
  if (M < 1 || static_cast<std::size_t>(M) + 2 > n)
    throw InputError(fmt::format("bogoliubov.modes = {} must lie in [1, grid size − 2 = {}]", M, n - 2));
  if (o.rungs < 1 || (M >> (o.rungs - 1)) < 1)
    throw InputError(fmt::format("grid Bogoliubov: {} rungs halve M = {} below 1", o.rungs, M));
  Evaluation ev;
  h.evaluate(g.u, ev);
  std::vector<int> active, offset{0};
  std::vector<SpeciesBasis> basis(S);
  GridBogoliubovResult r;
  r.eigen_converged = true;
  for (int s = 0; s < S; ++s) {
    if (h.fraction(s) <= 0.0) {
      offset.push_back(offset.back());
      continue;
    }
    basis[s] = excitationBasis(h, s, ev.potential[s], ev.mu[s], g.u[s], M, o);
    r.eigen_converged = r.eigen_converged && basis[s].converged;
    r.eigen_residual = std::max(r.eigen_residual, basis[s].residual);
    r.gap.push_back(basis[s].eps(0));
    active.push_back(s);
    offset.push_back(offset.back() + M);
  }
  // 𝒦 column by column: one potentialVariation per excitation mode.
  const int D = offset.back();
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(D, D);
  State drho(S, Field(h.grid().shape())), dU;
  for (int t : active) {
    for (int q = 0; q < M; ++q) {
      for (int s = 0; s < S; ++s) std::fill(drho[s].begin(), drho[s].end(), 0.0);
      const double f = 1.0 / std::sqrt(h.fraction(t));
      for (std::size_t i = 0; i < n; ++i) drho[t][i] = f * g.u[t][i] * basis[t].phi(static_cast<Eigen::Index>(i), q);
      h.potentialVariation(drho, dU);
      for (int s : active) {
        Eigen::VectorXd w(static_cast<Eigen::Index>(n));
        const double cs = std::sqrt(h.fraction(s));
        for (std::size_t i = 0; i < n; ++i) w(static_cast<Eigen::Index>(i)) = cs * g.u[s][i] * dU[s][i];
        K.block(offset[s], offset[t] + q, M, 1) = basis[s].phi.transpose() * w;
      }
    }
  }
  K = 0.5 * (K + K.transpose());
  Eigen::VectorXd eps(D);
  for (int s : active) eps.segment(offset[s], M) = basis[s].eps;
  // Rungs M_j (nested: the lowest M_j of each species).
  r.stable = true;
  for (int j = o.rungs - 1; j >= 0; --j) {
    const int m = M >> j;
    std::vector<int> idx;
    for (int s : active)
      for (int k = 0; k < m; ++k) idx.push_back(offset[s] + k);
    const int d = static_cast<int>(idx.size());
    Eigen::MatrixXd A(d, d), B(d, d);
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b) B(a, b) = K(idx[a], idx[b]);
    A = B;
    for (int a = 0; a < d; ++a) A(a, a) += eps(idx[a]);
    const BogoliubovResult x = bogoliubovFromMatrices(A, B);
    GridBogoliubovRung rung;
    rung.modes = m;
    rung.e_B = x.e_B;
    for (int s : active) rung.cutoff = std::max(rung.cutoff, basis[s].eps(m - 1));
    for (int s = 0, a = 0; s < S; ++s) {
      double sum = 0;
      if (h.fraction(s) > 0.0)
        for (int k = 0; k < m; ++k, ++a) sum += x.occupations.empty() ? NAN : x.occupations[a];
      rung.depletion.push_back(sum);
    }
    r.stable = r.stable && x.stable;
    r.rungs.push_back(rung);
    if (j == 0) {
      for (int k = 0; k < std::min<int>(o.excitations, static_cast<int>(x.frequencies.size())); ++k)
        r.excitations.push_back(x.frequencies[k]);
    }
  }
  const std::size_t R = r.rungs.size();
  r.e_B_last = r.rungs.back().e_B;
  r.depletion = r.rungs.back().depletion;
  r.e_B = r.e_B_last;
  r.uncertainty = R >= 2 ? std::abs(r.rungs[R - 1].e_B - r.rungs[R - 2].e_B) : NAN;
  if (R >= 3) {
    const double limit = aitkenLimit(r.rungs[R - 3].e_B, r.rungs[R - 2].e_B, r.e_B_last);
    if (limit != r.e_B_last) {
      r.e_B = limit;
      r.extrapolated = true;
      r.uncertainty = std::abs(limit - r.e_B_last);
    }
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace cbec
