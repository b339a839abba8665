// Self-consistent Hartree orbitals in a mode basis (mode_hartree.hpp).
#include <cbec/manybody/mode_hartree.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/model/species_coupling.hpp>
#include <cbec/numerics/block_eigen.hpp>

#include <cmath>

namespace cbec {

Eigen::MatrixXd directField(const TwoBodyTensor& V, const Eigen::VectorXd& c) {
  Eigen::MatrixXd U = Eigen::MatrixXd::Zero(V.modesA(), V.modesA());
  const double floor = 1e-15 * c.cwiseAbs().maxCoeff();   // rows of negligible c_l: below round-off
  for (int k = 0; k < V.modesA(); ++k)
    for (int l = 0; l < V.modesB(); ++l) {
      if (std::abs(c(l)) <= floor) continue;
      for (const auto& e : V.row(k, l)) U(e.i, k) += e.v * c(e.j) * c(l);
    }
  return U;
}

Eigen::MatrixXd directFieldB(const TwoBodyTensor& V, const Eigen::VectorXd& c) {
  Eigen::MatrixXd U = Eigen::MatrixXd::Zero(V.modesB(), V.modesB());
  for (int k = 0; k < V.modesA(); ++k) {
    if (c(k) == 0.0) continue;
    for (int l = 0; l < V.modesB(); ++l)
      for (const auto& e : V.row(k, l)) U(e.j, l) += e.v * c(e.i) * c(k);
  }
  return U;
}

namespace {

struct Fields {
  std::vector<Eigen::MatrixXd> F;   // mean-field operators
  double total = 0;                 // N E^H
};

/// The weights of ⟨H_N⟩ (species_coupling.hpp): A_s = N_s, B_ss = λ_s N_s(N_s − 1), B_AB = λ_AB N_A N_B.
SpeciesCoupling modeCoupling(const ModeHamiltonian& m) {
  std::vector<double> N, lambda;
  for (const auto& sp : m.species) {
    N.push_back(sp.particles);
    lambda.push_back(sp.particles >= 2 ? sp.pair_factor : 0.0);
  }
  return SpeciesCoupling::ofHamiltonian(N, lambda, m.species.size() == 2 ? m.inter_factor : 0.0);
}

/// F_s = h_s + Σ_t (B_st/A_s) U_st with U_st = ⟨i·|W_st|k·⟩ρ_t, and N E^H = Σ_s A_s e_s + ½ Σ_st B_st I_st.
Fields meanFields(const ModeHamiltonian& m, const SpeciesCoupling& W, const std::vector<Eigen::VectorXd>& c) {
  const int S = static_cast<int>(m.species.size());
  Fields f;
  std::vector<double> e(S);
  Eigen::MatrixXd I = Eigen::MatrixXd::Zero(S, S);
  for (int s = 0; s < S; ++s) {
    const ModeSpecies& sp = m.species[s];
    Eigen::MatrixXd F = sp.h;
    e[s] = c[s].dot(sp.h * c[s]);
    if (W.pairWeight(s, s) != 0.0) {
      const Eigen::MatrixXd U = directField(sp.V, c[s]);
      F += W.fieldWeight(s, s) * U;
      I(s, s) = c[s].dot(U * c[s]);
    }
    f.F.push_back(F);
  }
  if (S == 2 && W.pairWeight(0, 1) != 0.0) {   // the inter tensor V12 is stored for two species
    const Eigen::MatrixXd UA = directField(m.V12, c[1]);
    f.F[0] += W.fieldWeight(0, 1) * UA;
    f.F[1] += W.fieldWeight(1, 0) * directFieldB(m.V12, c[0]);
    I(0, 1) = I(1, 0) = c[0].dot(UA * c[0]);
  }
  f.total = W.energy(e, I);
  return f;
}

/// The lowest eigenvector of F, block by block (F conserves the symmetry labels of the modes: parity, L_z).
Eigen::VectorXd lowestVector(const Eigen::MatrixXd& F, const Eigen::VectorXd& align) {
  Eigen::VectorXd v = blockSymmetricEigen(F).vectors.col(0);
  if (v.dot(align) < 0) v = -v;
  return v;
}

}  // namespace

ModeHartreeResult modeHartree(const ModeHamiltonian& m, const ModeHartreeOptions& o) {
  m.validate();
  const int S = static_cast<int>(m.species.size());
  const int N = m.totalParticles();
  std::vector<Eigen::VectorXd> c;
  for (const auto& sp : m.species) {
    Eigen::VectorXd e0 = Eigen::VectorXd::Zero(sp.modes());
    e0(0) = 1;
    c.push_back(lowestVector(sp.h, e0));
  }
  ModeHartreeResult r;
  double alpha = 1.0, previous = INFINITY;
  const SpeciesCoupling W = modeCoupling(m);
  Fields f = meanFields(m, W, c);
  for (r.iterations = 0; r.iterations < o.max_iterations; ++r.iterations) {
    r.residual = 0;
    for (int s = 0; s < S; ++s) {
      const double mu = c[s].dot(f.F[s] * c[s]);
      if (m.species[s].particles > 0) r.residual = std::max(r.residual, (f.F[s] * c[s] - mu * c[s]).norm());
    }
    if (!std::isfinite(f.total)) throw NumericalError("mode Hartree: non-finite energy");
    if (r.residual <= o.tolerance) {
      r.converged = true;
      break;
    }
    if (f.total > previous + 1e-14 * std::abs(previous)) alpha = std::max(0.5 * alpha, 1e-3);
    previous = f.total;
    for (int s = 0; s < S; ++s) {
      const Eigen::VectorXd v = lowestVector(f.F[s], c[s]);
      c[s] = ((1 - alpha) * c[s] + alpha * v).normalized();
    }
    f = meanFields(m, W, c);
  }
  r.orbitals = c;
  r.fock = f.F;
  for (int s = 0; s < S; ++s) r.mu.push_back(c[s].dot(f.F[s] * c[s]));
  r.energy_total = f.total;
  r.energy = f.total / N;
  return r;
}

}  // namespace cbec
