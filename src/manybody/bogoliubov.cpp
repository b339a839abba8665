// Quadratic (Bogoliubov) Hamiltonian around the Hartree minimiser in the mode space (bogoliubov.hpp).
#include <cbec/manybody/bogoliubov.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/numerics/block_eigen.hpp>

#include <algorithm>

#include <cmath>

namespace cbec {

namespace {

/// Orthonormal basis of u^⊥: the eigenvectors of F other than the one closest to u.
Eigen::MatrixXd complement(const Eigen::MatrixXd& F, const Eigen::VectorXd& u) {
  Eigen::MatrixXd P = Eigen::MatrixXd::Identity(u.size(), u.size()) - u * u.transpose();
  const SymmetricEigenpairs es = blockSymmetricEigen(P * 0.5 * (F + F.transpose()) * P);
  Eigen::MatrixXd Q(u.size(), u.size() - 1);
  int c = 0;
  for (int k = 0; k < u.size(); ++k) {
    if (std::abs(es.vectors.col(k).dot(u)) > 0.5) continue;   // u itself (eigenvalue 0 of PFP)
    if (c < Q.cols()) Q.col(c++) = es.vectors.col(k);
  }
  if (c != Q.cols()) throw NumericalError("bogoliubov: could not split off the condensate mode");
  return Q;
}

/// K_pq = Σ V_{p j k q} u_j u_k (exchange) for one species.
Eigen::MatrixXd exchange(const TwoBodyTensor& V, const Eigen::VectorXd& u) {
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(V.modesA(), V.modesA());
  for (int k = 0; k < V.modesA(); ++k)
    for (int q = 0; q < V.modesB(); ++q)
      for (const auto& e : V.row(k, q)) K(e.i, q) += e.v * u(e.j) * u(k);
  return K;
}

/// K̃_pq = Σ V_{p q k l} ua_k ub_l (pairing); one species: ua = ub.
Eigen::MatrixXd pairing(const TwoBodyTensor& V, const Eigen::VectorXd& ua, const Eigen::VectorXd& ub) {
  Eigen::MatrixXd K = Eigen::MatrixXd::Zero(V.modesA(), V.modesB());
  for (int k = 0; k < V.modesA(); ++k)
    for (int l = 0; l < V.modesB(); ++l)
      for (const auto& e : V.row(k, l)) K(e.i, e.j) += e.v * ua(k) * ub(l);
  return K;
}

/// X_pq = Σ V^AB_{p j k q} uB_j uA_k.
Eigen::MatrixXd crossExchange(const TwoBodyTensor& V, const Eigen::VectorXd& uA, const Eigen::VectorXd& uB) {
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(V.modesA(), V.modesB());
  for (int k = 0; k < V.modesA(); ++k)
    for (int q = 0; q < V.modesB(); ++q)
      for (const auto& e : V.row(k, q)) X(e.i, q) += e.v * uB(e.j) * uA(k);
  return X;
}

Eigen::MatrixXd symmetricSqrt(const Eigen::MatrixXd& S, double& minEig) {
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(0.5 * (S + S.transpose()));
  minEig = es.eigenvalues().size() ? es.eigenvalues().minCoeff() : 0.0;
  return es.eigenvectors() * es.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal() * es.eigenvectors().transpose();
}

}  // namespace

BogoliubovResult bogoliubov(const ModeHamiltonian& m, const ModeHartreeResult& h) {
  if (!h.converged) throw NumericalError("bogoliubov: the Hartree solution is not converged");
  const int S = static_cast<int>(m.species.size());
  std::vector<Eigen::MatrixXd> Q;
  std::vector<int> offset{0};
  for (int s = 0; s < S; ++s) {
    Q.push_back(m.species[s].particles > 0 ? complement(h.fock[s], h.orbitals[s]) : Eigen::MatrixXd(m.species[s].modes(), 0));
    offset.push_back(offset.back() + static_cast<int>(Q[s].cols()));
  }
  const int n = offset.back();
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(n, n), B = Eigen::MatrixXd::Zero(n, n);
  for (int s = 0; s < S; ++s) {
    const ModeSpecies& sp = m.species[s];
    const int ns = static_cast<int>(Q[s].cols());
    if (ns == 0) continue;
    Eigen::MatrixXd As = h.fock[s] - h.mu[s] * Eigen::MatrixXd::Identity(sp.modes(), sp.modes());
    Eigen::MatrixXd Bs = Eigen::MatrixXd::Zero(sp.modes(), sp.modes());
    if (sp.particles >= 2 && sp.pair_factor != 0.0) {
      const double kappa = sp.pair_factor * (sp.particles - 1);
      As += kappa * exchange(sp.V, h.orbitals[s]);
      Bs = kappa * pairing(sp.V, h.orbitals[s], h.orbitals[s]);
    }
    A.block(offset[s], offset[s], ns, ns) = Q[s].transpose() * As * Q[s];
    B.block(offset[s], offset[s], ns, ns) = Q[s].transpose() * Bs * Q[s];
  }
  if (S == 2 && m.inter_factor != 0.0 && m.species[0].particles > 0 && m.species[1].particles > 0) {
    const double f = m.inter_factor * std::sqrt(double(m.species[0].particles) * m.species[1].particles);
    const Eigen::MatrixXd X = f * Q[0].transpose() * crossExchange(m.V12, h.orbitals[0], h.orbitals[1]) * Q[1];
    const Eigen::MatrixXd Y = f * Q[0].transpose() * pairing(m.V12, h.orbitals[0], h.orbitals[1]) * Q[1];
    A.block(0, offset[1], X.rows(), X.cols()) = X;
    A.block(offset[1], 0, X.cols(), X.rows()) = X.transpose();
    B.block(0, offset[1], Y.rows(), Y.cols()) = Y;
    B.block(offset[1], 0, Y.cols(), Y.rows()) = Y.transpose();
  }
  return bogoliubovFromMatrices(A, B);
}

namespace {

BogoliubovResult denseBogoliubov(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B);

}  // namespace

/// Block by block when A and B together are block diagonal up to a permutation (diagonalBlocks: modes of
/// different L_z or parity classes): e_B and the frequencies are sums and unions over the blocks.
BogoliubovResult bogoliubovFromMatrices(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  const auto blocks = diagonalBlocks({&A, &B});
  if (blocks.size() <= 1) return denseBogoliubov(A, B);
  BogoliubovResult r;
  r.stable = true;
  r.occupations.assign(A.rows(), 0.0);
  bool occupations = true;
  for (const auto& idx : blocks) {
    const int m = static_cast<int>(idx.size());
    Eigen::MatrixXd Ab(m, m), Bb(m, m);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < m; ++j) Ab(i, j) = A(idx[i], idx[j]), Bb(i, j) = B(idx[i], idx[j]);
    const BogoliubovResult b = denseBogoliubov(Ab, Bb);
    r.stable = r.stable && b.stable;
    r.e_B += b.e_B;
    r.frequencies.insert(r.frequencies.end(), b.frequencies.begin(), b.frequencies.end());
    occupations = occupations && static_cast<int>(b.occupations.size()) == m;
    if (occupations)
      for (int i = 0; i < m; ++i) r.occupations[idx[i]] = b.occupations[i];
  }
  std::sort(r.frequencies.begin(), r.frequencies.end());
  if (!occupations) r.occupations.clear();
  return r;
}

namespace {

BogoliubovResult denseBogoliubov(const Eigen::MatrixXd& A, const Eigen::MatrixXd& B) {
  const int n = static_cast<int>(A.rows());
  BogoliubovResult r;
  if (n == 0) {
    r.stable = true;
    return r;
  }
  double minMinus, minPlus;
  const Eigen::MatrixXd R = symmetricSqrt(A - B, minMinus);
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> plus(0.5 * (A + B + (A + B).transpose()));
  minPlus = plus.eigenvalues().minCoeff();
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(R * (A + B) * R);
  const double floor = -1e-10 * (1 + A.cwiseAbs().maxCoeff());
  r.stable = minMinus > floor && minPlus > floor;
  double sum = 0;
  for (int k = 0; k < n; ++k) {
    const double e = std::sqrt(std::max(es.eigenvalues()(k), 0.0));
    r.frequencies.push_back(e);
    sum += e;
  }
  r.e_B = 0.5 * sum - 0.5 * A.trace();
  if (r.stable && r.frequencies.front() > 0.0) {
    const Eigen::VectorXd e = Eigen::Map<const Eigen::VectorXd>(r.frequencies.data(), n);
    const Eigen::MatrixXd TO = R * es.eigenvectors();
    const Eigen::MatrixXd X = TO * e.cwiseSqrt().cwiseInverse().asDiagonal();
    const Eigen::MatrixXd Y = 0.5 * (A + B + (A + B).transpose()) * TO * e.array().pow(-1.5).matrix().asDiagonal();
    const Eigen::MatrixXd V = 0.5 * (X - Y);
    for (int a = 0; a < n; ++a) r.occupations.push_back(V.row(a).squaredNorm());
  }
  return r;
}

}  // namespace

}  // namespace cbec
