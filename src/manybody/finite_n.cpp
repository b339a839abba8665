// One finite-N many-body computation (finite_n.hpp).
#include <cbec/manybody/finite_n.hpp>

#include <cbec/io/errors.hpp>
#include <cbec/manybody/distributed_eigensolver.hpp>
#include <cbec/manybody/double_marginals.hpp>
#include <cbec/manybody/fock_hamiltonian.hpp>
#include <cbec/manybody/lanczos.hpp>
#include <cbec/manybody/mixture_modes.hpp>

#include <chrono>
#include <cmath>
#include <limits>

namespace cbec {

Mixture manybodyMixture(const Mixture& base, const std::vector<int>& particles) {
  int N = 0;
  for (int n : particles) N += n;
  if (N < 1) throw InputError("manybody: need at least one particle");
  std::vector<Species> sp = base.allSpecies();
  for (size_t s = 0; s < sp.size(); ++s) sp[s].fraction = double(particles[s]) / N;
  const PairInteraction& w = base.pair();
  if (w.isContact()) throw InputError("model.interaction: the many-body model needs \"hartree\" (a finite-range w_N)");
  const PairInteraction pair = PairInteraction::hartree(PairProfile::byName(w.profile()->name(), "model.profile"), N, w.beta());
  return Mixture(base.dimension(), sp, base.interCouplings(), pair, base.pairScaling(), double(N));
}

namespace {

void marginalSummaries(const FockHamiltonian& H, const Eigen::VectorXd& psi, FiniteNResult& r) {
  const auto& u = r.hartree.orbitals;
  const DoubleMarginals g = doubleMarginals(H, psi, &u[0], u.size() > 1 ? &u[1] : nullptr);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Eigen::MatrixXd* one[2] = {&g.g10, &g.g01};
  for (size_t s = 0; s < r.particles.size(); ++s) {
    r.condensate_fraction.push_back(one[s]->size() ? largestEigenvalue(*one[s]) : nan);
    r.hartree_overlap.push_back(one[s]->size() ? u[s].dot(*one[s] * u[s]) : nan);
  }
  r.overlap11 = g.overlap11, r.overlap20 = g.overlap20;
}

}  // namespace

FiniteNResult solveFiniteN(const Mixture& mixture, const std::vector<int>& particles, const FiniteNOptions& o) {
  const auto start = std::chrono::steady_clock::now();
  FiniteNResult r;
  r.particles = particles;
  r.shells = o.shells;
  r.max_quanta = o.max_quanta;
  r.angular_momentum = o.angular_momentum;
  const MixtureModes mm = mixtureModeHamiltonian(mixture, particles, o.shells, o.max_quanta, o.scale, o.angular_momentum);
  for (const auto& m : mm.modes) r.modes.push_back(m.count());
  r.hartree = modeHartree(mm.model);
  if (!r.hartree.converged) throw NumericalError("manybody: the mode-space Hartree iteration did not converge");
  if (o.angular_momentum)   // the L_z sector's tensors hold the pairs of Hartree and Bogoliubov around L_z = 0 orbitals
    for (std::size_t s = 0; s < mm.modes.size(); ++s)
      for (int k = 0; k < mm.modes[s].count(); ++k)
        if (mm.modes[s].angularMomentum(k) != 0 && std::abs(r.hartree.orbitals[s](k)) > 1e-9)
          throw NumericalError("manybody: the mode-space Hartree orbital breaks the rotational symmetry (L_z ≠ 0 "
                               "components); set basis.symmetry = \"parity\"");
  r.bogoliubov = bogoliubov(mm.model, r.hartree);
  FockHamiltonian H(mm.model);
  r.dimension = H.dimension();
  LanczosOptions lo;
  lo.tolerance = o.lanczos_tolerance;
  lo.threads = o.threads;
  EigenPairs p;
  const auto eigenStart = std::chrono::steady_clock::now();
  if (o.distributed && H.dimension() > lo.dense_below) {
    const mpi::Communicator& ranks = mpi::Communicator::world();
    DistributedEigenPairs d = lowestEigenpairDistributed(H, ranks, lo);
    r.ranks = ranks.size();
    r.ghost_values = std::size_t(ranks.sum(double(d.ghost_values)));
    p = std::move(d);
  } else {
    if (o.assemble_bytes > 0) H.assemble(o.assemble_bytes);
    p = lowestEigenpairs(H, lo);
  }
  r.eigensolver_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - eigenStart).count();
  r.energy_total = p.values(0);
  int N = 0;
  for (int n : particles) N += n;
  r.energy = r.energy_total / N;
  r.residual = p.residuals[0];
  r.lanczos_converged = p.converged;
  r.operator_applications = p.operator_applications;
  if (o.marginals) marginalSummaries(H, p.vectors.col(0), r);
  if (o.keep_state) {
    if (r.ranks > 1) throw InputError("solveFiniteN: keep_state needs the ground state on one process");
    r.state = p.vectors.col(0);
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace cbec
