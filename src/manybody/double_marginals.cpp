// Double reduced density matrices in the mode basis (double_marginals.hpp).
#include <cbec/manybody/double_marginals.hpp>

#include <cbec/numerics/block_eigen.hpp>

#include "state_moves.hpp"

#include <cbec/io/errors.hpp>

#include <cmath>

namespace cbec {

namespace {

/// The id of n + e_i - e_k (one species) and its amplitude √n_k √(n_i+1-δ_ik), or -1.
struct Mover {
  const SpeciesStates& st;
  RankShifter shifter;
  Occupations n;
  explicit Mover(const SpeciesStates& s) : st(s), shifter(s.modes(), s.particles()) {}
  void load(std::int64_t id) {
    n = st.basis().occupations(st.rank(id));
    shifter.load(n);
  }
  std::int64_t single(int i, int k, double& amp) const {
    if (n[k] == 0) return -1;
    amp = std::sqrt(double(n[k]) * (n[i] + 1 - (i == k)));
    const int modes[2] = {k, i}, signs[2] = {-1, +1};
    return st.find(shifter.shifted(2, modes, signs));
  }
  /// a†_k a†_l a_j a_i (annihilate i, j; create k, l)
  std::int64_t pair(int k, int l, int j, int i, double& amp) const {
    if (n[i] == 0 || n[j] - (i == j) <= 0) return -1;
    const double ann = std::sqrt(double(n[i]) * (n[j] - (i == j)));
    const int mk = n[k] - (k == i) - (k == j), ml = n[l] - (l == i) - (l == j);
    amp = ann * std::sqrt(double(ml + 1) * (mk + 1 + (k == l)));
    const int modes[4] = {i, j, k, l}, signs[4] = {-1, -1, +1, +1};
    return st.find(shifter.shifted(4, modes, signs));
  }
};

}  // namespace

double largestEigenvalue(const Eigen::MatrixXd& g) {
  if (g.size() == 0) return 0.0;
  return blockSymmetricEigen(g, false).values.maxCoeff();
}

DoubleMarginals doubleMarginals(const FockHamiltonian& H, const Eigen::VectorXd& psi, const Eigen::VectorXd* uA,
                                const Eigen::VectorXd* uB) {
  if (static_cast<std::size_t>(psi.size()) != H.dimension()) throw InputError("doubleMarginals: wrong vector size");
  const SpeciesStates &SA = H.states(0), &SB = H.states(1);
  const int MA = SA.modes(), MB = SB.modes(), NA = SA.particles(), NB = SB.particles();
  const FockSector& sec = H.sector();
  DoubleMarginals g;
  if (NA > 0) g.g10 = Eigen::MatrixXd::Zero(MA, MA);
  if (NB > 0) g.g01 = Eigen::MatrixXd::Zero(MB, MB);
  const bool project = uA != nullptr;   // scalars ⟨u⊗v, γ u⊗v⟩ instead of the M⁴ matrices
  if (project && (uA->size() != MA || (NB > 0 && (!uB || uB->size() != MB))))
    throw InputError("doubleMarginals: orbitals of the wrong size");
  double o11 = 0, o20 = 0;
  if (!project && NA > 0 && NB > 0) g.g11 = Eigen::MatrixXd::Zero(MA * MB, MA * MB);
  if (!project && NA > 1) g.g20 = Eigen::MatrixXd::Zero(MA * MA, MA * MA);
  // Created modes of the two-body marginals: all, or when projected those with |u_k| ≥ 1e-10 max|u| (a
  // dropped term is below 1e-10 relative; the Hartree orbitals decay fast over the modes).
  auto significant = [project](const Eigen::VectorXd* u, int M) {
    std::vector<int> m;
    for (int k = 0; k < M; ++k)
      if (!project || !u || std::abs((*u)(k)) >= 1e-10 * u->cwiseAbs().maxCoeff()) m.push_back(k);
    return m;
  };
  const std::vector<int> createA = significant(uA, MA), createB = significant(uB, MB);
  Mover A(SA), B(SB);
  std::int64_t lastA = -1;
  for (std::size_t r = 0; r < H.dimension(); ++r) {
    if (psi(r) == 0.0) continue;
    std::int64_t idA, idB;
    sec.decode(r, idA, idB);
    if (idA != lastA) A.load(idA), lastA = idA;
    B.load(idB);
    double amp, ampB;
    std::vector<int> occA, occB;
    for (int i = 0; i < MA; ++i)
      if (A.n[i] > 0) occA.push_back(i);
    for (int j = 0; j < MB; ++j)
      if (B.n[j] > 0) occB.push_back(j);
    // ⟨a†_k a_i⟩: the component of a†_k a_i |r⟩ along ψ
    for (int i : occA)
      for (int k = 0; k < MA; ++k) {
        const std::int64_t t = A.single(k, i, amp);
        const std::int64_t c = t < 0 ? -1 : sec.index(t, idB);
        if (c >= 0) g.g10(i, k) += psi(c) * amp * psi(r);
      }
    for (int j : occB)
      for (int l = 0; l < MB; ++l) {
        const std::int64_t t = B.single(l, j, amp);
        const std::int64_t c = t < 0 ? -1 : sec.index(idA, t);
        if (c >= 0) g.g01(j, l) += psi(c) * amp * psi(r);
      }
    for (int i : occA)
      for (int k : createA) {
        const std::int64_t ta = A.single(k, i, amp);
        if (ta < 0) continue;
        for (int j : occB)
          for (int l : createB) {
            const std::int64_t tb = B.single(l, j, ampB);
            const std::int64_t c = tb < 0 ? -1 : sec.index(ta, tb);
            if (c < 0) continue;
            if (project) o11 += psi(c) * amp * ampB * psi(r) * (*uA)(i) * (*uB)(j) * (*uA)(k) * (*uB)(l);
            else g.g11(i * MB + j, k * MB + l) += psi(c) * amp * ampB * psi(r);
          }
      }
    for (int i : occA)
      for (int j : occA)
        for (int k : (NA > 1 ? createA : std::vector<int>{}))
          for (int l : createA) {
            const std::int64_t t = A.pair(k, l, j, i, amp);
            const std::int64_t c = t < 0 ? -1 : sec.index(t, idB);
            if (c < 0) continue;
            if (project) o20 += psi(c) * amp * psi(r) * (*uA)(i) * (*uA)(j) * (*uA)(k) * (*uA)(l);
            else g.g20(i * MA + j, k * MA + l) += psi(c) * amp * psi(r);
          }
  }
  if (NA > 0) g.g10 /= NA;
  if (NB > 0) g.g01 /= NB;
  if (NA > 0 && NB > 0) g.g11 /= double(NA) * NB, g.overlap11 = o11 / (double(NA) * NB);
  if (NA > 1) g.g20 /= double(NA) * (NA - 1), g.overlap20 = o20 / (double(NA) * (NA - 1));
  return g;
}

OneBodyMarginals oneBodyMarginals(const FockHamiltonian& H, const Eigen::VectorXcd& psi) {
  if (static_cast<std::size_t>(psi.size()) != H.dimension()) throw InputError("oneBodyMarginals: wrong vector size");
  const SpeciesStates &SA = H.states(0), &SB = H.states(1);
  const int MA = SA.modes(), MB = SB.modes(), NA = SA.particles(), NB = SB.particles();
  const FockSector& sec = H.sector();
  OneBodyMarginals g;
  if (NA > 0) g.gA = Eigen::MatrixXcd::Zero(MA, MA);
  if (NB > 0) g.gB = Eigen::MatrixXcd::Zero(MB, MB);
  Mover A(SA), B(SB);
  std::int64_t lastA = -1;
  for (std::size_t r = 0; r < H.dimension(); ++r) {
    if (psi(r) == 0.0) continue;
    std::int64_t idA, idB;
    sec.decode(r, idA, idB);
    if (idA != lastA) A.load(idA), lastA = idA;
    B.load(idB);
    double amp;
    // γ_ik = ⟨ψ, a†_k a_i ψ⟩ / N = Σ_r conj ψ_c · amp · ψ_r,  |c⟩ ∝ a†_k a_i |r⟩
    for (int i = 0; i < MA && NA > 0; ++i) {
      if (A.n[i] == 0) continue;
      for (int k = 0; k < MA; ++k) {
        const std::int64_t t = A.single(k, i, amp);
        const std::int64_t c = t < 0 ? -1 : sec.index(t, idB);
        if (c >= 0) g.gA(i, k) += std::conj(psi(c)) * amp * psi(r);
      }
    }
    for (int j = 0; j < MB && NB > 0; ++j) {
      if (B.n[j] == 0) continue;
      for (int l = 0; l < MB; ++l) {
        const std::int64_t t = B.single(l, j, amp);
        const std::int64_t c = t < 0 ? -1 : sec.index(idA, t);
        if (c >= 0) g.gB(j, l) += std::conj(psi(c)) * amp * psi(r);
      }
    }
  }
  if (NA > 0) g.gA /= NA;
  if (NB > 0) g.gB /= NB;
  return g;
}

}  // namespace cbec
