// A quench of a two-species mode model against its two-species Hartree flow (two_species_quench.hpp).
#include <cbec/manybody/two_species_quench.hpp>

#include <cbec/fragmentation/trace_norm.hpp>
#include <cbec/io/errors.hpp>
#include <cbec/manybody/complexified_operator.hpp>
#include <cbec/manybody/double_marginals.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/numerics/dormand_prince.hpp>

#include <fmt/format.h>

#include <cmath>

namespace cbec {
namespace {

using cplx = std::complex<double>;

/// U[c]_ik = Σ_jl V_ijkl c̄_j c_l (index pair (i,k) of the first species, (j,l) contracted).
Eigen::MatrixXcd fieldFirst(const TwoBodyTensor& V, const Eigen::VectorXcd& c) {
  Eigen::MatrixXcd U = Eigen::MatrixXcd::Zero(V.modesA(), V.modesA());
  for (int k = 0; k < V.modesA(); ++k)
    for (int l = 0; l < V.modesB(); ++l)
      for (const auto& e : V.row(k, l)) U(e.i, k) += e.v * std::conj(c(e.j)) * c(l);
  return U;
}

/// U[c]_jl = Σ_ik V_ijkl c̄_i c_k (the second species' index pair).
Eigen::MatrixXcd fieldSecond(const TwoBodyTensor& V, const Eigen::VectorXcd& c) {
  Eigen::MatrixXcd U = Eigen::MatrixXcd::Zero(V.modesB(), V.modesB());
  for (int k = 0; k < V.modesA(); ++k)
    for (int l = 0; l < V.modesB(); ++l)
      for (const auto& e : V.row(k, l)) U(e.j, l) += e.v * std::conj(c(e.i)) * c(k);
  return U;
}

int particles(const ModeHamiltonian& m, int s) { return s < int(m.species.size()) ? m.species[s].particles : 0; }

/// The mean-field operators F_s (see the header) at (c^A, c^B).
std::vector<Eigen::MatrixXcd> fockOperators(const ModeHamiltonian& m, const std::vector<Eigen::VectorXcd>& c) {
  const int S = static_cast<int>(m.species.size());
  std::vector<Eigen::MatrixXcd> F(S);
  for (int s = 0; s < S; ++s) {
    const ModeSpecies& sp = m.species[s];
    if (sp.particles == 0) continue;
    F[s] = sp.h.cast<cplx>();
    if (sp.particles > 1 && !sp.V.empty()) F[s] += sp.pair_factor * (sp.particles - 1) * fieldFirst(sp.V, c[s]);
  }
  if (S == 2 && particles(m, 0) > 0 && particles(m, 1) > 0 && !m.V12.empty()) {
    F[0] += m.inter_factor * particles(m, 1) * fieldFirst(m.V12, c[1]);
    F[1] += m.inter_factor * particles(m, 0) * fieldSecond(m.V12, c[0]);
  }
  return F;
}

}  // namespace

double twoSpeciesHartreeEnergy(const ModeHamiltonian& m, const std::vector<Eigen::VectorXcd>& c) {
  double E = 0;
  for (std::size_t s = 0; s < m.species.size(); ++s) {
    const ModeSpecies& sp = m.species[s];
    if (sp.particles == 0) continue;
    E += sp.particles * c[s].dot(sp.h * c[s]).real();
    if (sp.particles > 1 && !sp.V.empty())
      E += sp.pair_factor * sp.particles * (sp.particles - 1) / 2.0 * c[s].dot(fieldFirst(sp.V, c[s]) * c[s]).real();
  }
  if (m.species.size() == 2 && particles(m, 0) > 0 && particles(m, 1) > 0 && !m.V12.empty())
    E += m.inter_factor * particles(m, 0) * particles(m, 1) * c[0].dot(fieldFirst(m.V12, c[1]) * c[0]).real();
  return E;
}

std::vector<std::vector<Eigen::VectorXcd>> twoSpeciesHartreeFlow(const ModeHamiltonian& m,
                                                                 const std::vector<Eigen::VectorXcd>& c0,
                                                                 const std::vector<double>& times, double tol) {
  const int S = static_cast<int>(m.species.size());
  std::vector<int> offset(S + 1, 0);
  for (int s = 0; s < S; ++s) offset[s + 1] = offset[s] + (m.species[s].particles > 0 ? m.species[s].modes() : 0);
  const auto split = [&](const Eigen::VectorXcd& y) {
    std::vector<Eigen::VectorXcd> c(S);
    for (int s = 0; s < S; ++s)
      if (offset[s + 1] > offset[s]) c[s] = y.segment(offset[s], offset[s + 1] - offset[s]);
    return c;
  };
  Eigen::VectorXcd y(offset[S]);
  for (int s = 0; s < S; ++s)
    if (offset[s + 1] > offset[s]) y.segment(offset[s], offset[s + 1] - offset[s]) = c0[s];
  const auto f = [&](double, const Eigen::VectorXcd& x) {
    const std::vector<Eigen::VectorXcd> c = split(x);
    const std::vector<Eigen::MatrixXcd> F = fockOperators(m, c);
    Eigen::VectorXcd d(x.size());
    for (int s = 0; s < S; ++s)
      if (offset[s + 1] > offset[s]) d.segment(offset[s], offset[s + 1] - offset[s]) = cplx(0, -1) * (F[s] * c[s]);
    return d;
  };
  std::vector<std::vector<Eigen::VectorXcd>> out;
  double t = 0;
  for (double T : times) {
    if (T > t) {
      const OdeStats st = integrateDopri5(f, y, t, T, tol);
      if (!st.failure.empty()) throw NumericalError(fmt::format("two-species Hartree flow: {} at t = {}", st.failure, T));
      t = T;
    }
    out.push_back(split(y));
  }
  return out;
}

QuenchRun quenchTwoSpecies(const ModeHamiltonian& before, const ModeHamiltonian& after, const Eigen::VectorXd& ground,
                           const std::vector<Eigen::VectorXd>& orbitals, const std::vector<double>& times,
                           const QuenchOptions& o) {
  const int S = static_cast<int>(after.species.size());
  if (before.species.size() != after.species.size() || orbitals.size() != after.species.size())
    throw InputError("quench: the models before and after differ in their species");
  for (int s = 0; s < S; ++s)
    if (before.species[s].particles != after.species[s].particles || before.species[s].modes() != after.species[s].modes())
      throw InputError(fmt::format("quench: species {} differs in particles or modes before and after", s));
  const FockHamiltonian H0(before), H(after);
  if (H0.dimension() != H.dimension() || static_cast<std::size_t>(ground.size()) != H.dimension())
    throw InputError("quench: the ground state and the sectors before and after differ in dimension");
  const ComplexifiedOperator Hc(H);
  const KrylovExponential prop(Hc, {.tolerance = o.krylovTolerance});
  QuenchRun r;
  r.dimension = H.dimension();
  r.times = times;
  {
    Eigen::VectorXd y(ground.size());
    H0.apply(ground.data(), y.data());
    r.energyBefore = ground.dot(y);
  }
  std::vector<Eigen::VectorXcd> c0(S);
  for (int s = 0; s < S; ++s)
    if (after.species[s].particles > 0) c0[s] = orbitals[s].cast<cplx>();
  const auto flow = twoSpeciesHartreeFlow(after, c0, times, o.hartreeTolerance);
  const auto fine = twoSpeciesHartreeFlow(after, c0, times, o.hartreeTolerance / 100);
  r.distance.assign(S, std::vector<double>(times.size(), 0.0));
  r.hartreeError.assign(S, std::vector<double>(times.size(), 0.0));
  Eigen::VectorXcd psi = ground.cast<cplx>(), Hpsi(psi.size());
  double t = 0;
  for (std::size_t q = 0; q < times.size(); ++q) {
    if (times[q] > t) prop.propagate(psi, times[q] - t, r.krylov), t = times[q];
    r.norm.push_back(psi.norm());
    Hc.apply(psi.data(), Hpsi.data());
    r.energy.push_back(psi.dot(Hpsi).real());
    r.hartreeEnergy.push_back(twoSpeciesHartreeEnergy(after, flow[q]));
    const OneBodyMarginals g = oneBodyMarginals(H, psi);
    for (int s = 0; s < S; ++s) {
      if (after.species[s].particles == 0) continue;
      const Eigen::MatrixXcd& gs = s == 0 ? g.gA : g.gB;
      const auto dist = [&](const Eigen::VectorXcd& c) {
        return traceNorm(Eigen::MatrixXcd(gs - c * c.adjoint() / c.squaredNorm()));
      };
      r.distance[s][q] = dist(flow[q][s]);
      r.hartreeError[s][q] = std::abs(r.distance[s][q] - dist(fine[q][s]));
    }
  }
  return r;
}

}  // namespace cbec
